/**
 * Needs studies, their needs and prioritization rounds share the study's
 * item collection (one Query reads a study whole); ballots live in their
 * round's collection, keyed by member, so a member has exactly one ballot;
 * public consultation answers have their own collection. A consultation
 * link maps an unguessable token to its tenant and study.
 */
import { ConditionalCheckFailedException, UpdateItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { AlreadyExistsError, ClosedError, NotFoundError, RateLimitedError, VersionConflictError, type AppError } from '../../shared/errors';
import type { Ballot, ConsultationAnswer, Need, NeedsStudy, PrioritizationRound } from '../../shared/needs';
import { formatDateTime } from '../../shared/dates';
import {
  getItem,
  newOrVersionedPut,
  newPut,
  putNew,
  putVersioned,
  queryAll,
  queryPage,
  transact,
  transactInWindow,
  translateDbError,
  versionedPut,
  withoutStorage,
  type Db,
  type WindowCondition,
} from '../lib/db';
import { keys } from '../lib/keys';

const exists = (what: string) => () => new AlreadyExistsError({ fr: `${what} existe déjà.`, en: `${what} already exists.` });

// ---- studies ------------------------------------------------------------------

export async function getStudyById(db: Db, t: string, id: string): Promise<NeedsStudy> {
  const found = await getItem<NeedsStudy>(db, keys.study(t, id));
  if (!found) throw new NotFoundError({ fr: 'L’étude des besoins', en: 'The needs study' });
  return found;
}

export async function listStudiesOfTenant(db: Db, t: string): Promise<NeedsStudy[]> {
  const all = await queryAll<NeedsStudy>(db, { index: 'gsi1', partition: keys.studiesOfTenant(t) });
  return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function createStudy(db: Db, t: string, study: NeedsStudy): Promise<NeedsStudy> {
  await putNew(db, keys.study(t, study.id), 'NeedsStudy', study, exists('Cette étude'));
  return study;
}

export async function replaceStudy(db: Db, t: string, study: NeedsStudy, expectedVersion: number): Promise<NeedsStudy> {
  return putVersioned(db, keys.study(t, study.id), 'NeedsStudy', study, expectedVersion);
}

/** Opens or closes the public consultation: the study and its link change together. */
export async function replaceStudyWithLink(db: Db, t: string, study: NeedsStudy, expectedVersion: number, linkIsNew: boolean): Promise<NeedsStudy> {
  const items: TransactWriteItem[] = [versionedPut(db, keys.study(t, study.id), 'NeedsStudy', study, expectedVersion)];
  if (linkIsNew && study.consultation)
    items.push(newPut(db, keys.consultationLink(study.consultation.token), 'ConsultationLink', { tenantId: t, studyId: study.id }));
  await transact(db, items, (reasons) => {
    const found = reasons[0]?.item as NeedsStudy | undefined;
    return new VersionConflictError(found?.version, found);
  });
  return { ...study, version: expectedVersion + 1 };
}

/** The study, its needs and its rounds, in one Query of the study's collection. */
export async function loadStudyCollection(db: Db, t: string, studyId: string) {
  // Raw items keep `entity`, which tells the study from its needs and rounds.
  const items = await queryAll<{ entity?: string } & Record<string, unknown>>(db, {
    partition: keys.needsOfStudy(t, studyId).partition,
    consistent: true,
    raw: true,
  });
  const study = items.find((i) => i.entity === 'NeedsStudy');
  if (!study) throw new NotFoundError({ fr: 'L’étude des besoins', en: 'The needs study' });
  return {
    study: withoutStorage<NeedsStudy>(study),
    needs: items.filter((i) => i.entity === 'Need').map((i) => withoutStorage<Need>(i)),
    rounds: items.filter((i) => i.entity === 'PrioritizationRound').map((i) => withoutStorage<PrioritizationRound>(i)),
  };
}

// ---- needs --------------------------------------------------------------------

export async function getNeedById(db: Db, t: string, studyId: string, id: string): Promise<Need> {
  const found = await getItem<Need>(db, keys.need(t, studyId, id));
  if (!found) throw new NotFoundError({ fr: 'Le besoin', en: 'The need' });
  return found;
}

/** Records needs while the study is open (the condition on the study is checked by DynamoDB). */
export async function createNeeds(db: Db, t: string, studyId: string, needs: Need[], extra: TransactWriteItem[] = []): Promise<void> {
  await transact(db, [studyOpenCheck(db, t, studyId), ...needs.map((n) => newPut(db, keys.need(t, studyId, n.id), 'Need', n)), ...extra], studyRefusal);
}

export async function replaceNeeds(db: Db, t: string, studyId: string, changes: { next: Need; expectedVersion: number }[]): Promise<void> {
  await transact(
    db,
    [studyOpenCheck(db, t, studyId), ...changes.map((c) => versionedPut(db, keys.need(t, studyId, c.next.id), 'Need', c.next, c.expectedVersion))],
    (reasons) => {
      if (reasons[0]?.code === 'ConditionalCheckFailed') return studyRefusal(reasons);
      const i = reasons.findIndex((r, k) => k > 0 && r.code === 'ConditionalCheckFailed');
      const found = reasons[i]?.item as Need | undefined;
      return new VersionConflictError(found?.version, found);
    },
  );
}

function studyOpenCheck(db: Db, t: string, studyId: string): TransactWriteItem {
  const k = keys.study(t, studyId);
  return {
    ConditionCheck: {
      TableName: db.table,
      Key: marshall({ pk: k.pk, sk: k.sk }),
      ConditionExpression: '#status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: marshall({ ':open': 'open' }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

function studyRefusal(reasons: { code: string | undefined; item: Record<string, unknown> | undefined }[]): AppError {
  if (reasons[0]?.code === 'ConditionalCheckFailed') {
    if (!reasons[0].item) return new NotFoundError({ fr: 'L’étude des besoins', en: 'The needs study' });
    return new ClosedError({
      fr: 'L’étude des besoins est fermée : ses besoins ne changent plus.',
      en: 'The needs study is closed: its needs no longer change.',
    });
  }
  return new AlreadyExistsError({ fr: 'Ce besoin existe déjà.', en: 'This need already exists.' });
}

// ---- rounds and ballots -------------------------------------------------------------

export async function getRoundById(db: Db, t: string, studyId: string, id: string): Promise<PrioritizationRound> {
  const found = await getItem<PrioritizationRound>(db, keys.round(t, studyId, id));
  if (!found) throw new NotFoundError({ fr: 'Le tour de priorisation', en: 'The prioritization round' });
  return found;
}

/** A study's rounds only (the study's collection, `ROUND#` items): what the tasks and reminders look at. */
export async function listRoundsOfStudy(db: Db, t: string, studyId: string): Promise<PrioritizationRound[]> {
  return queryAll<PrioritizationRound>(db, { ...keys.roundsOfStudy(t, studyId), consistent: true });
}

export async function createRound(db: Db, t: string, round: PrioritizationRound): Promise<PrioritizationRound> {
  await putNew(db, keys.round(t, round.studyId, round.id), 'PrioritizationRound', round, exists('Ce tour'));
  return round;
}

export async function replaceRound(db: Db, t: string, round: PrioritizationRound, expectedVersion: number): Promise<PrioritizationRound> {
  return putVersioned(db, keys.round(t, round.studyId, round.id), 'PrioritizationRound', round, expectedVersion);
}

export function roundClosedError(round: Pick<PrioritizationRound, 'closesAt' | 'status'>): ClosedError {
  return new ClosedError(
    {
      fr: `Le tour de priorisation est fermé depuis le ${formatDateTime(round.closesAt, 'fr')} (heure de Montréal) : les bulletins ne sont plus acceptés.`,
      en: `The prioritization round closed on ${formatDateTime(round.closesAt, 'en')} (Montreal time): ballots are no longer accepted.`,
    },
    { closesAt: round.closesAt },
  );
}

/**
 * Casts or replaces a member's ballot while the round is open: a
 * ConditionCheck on the round (status open, closesAt after now) and a Put of
 * the one ballot item keyed by the member, new or at its version. Two first
 * ballots sent at once: one is stored, the other gets 409.
 */
export async function castBallot(db: Db, t: string, round: PrioritizationRound, ballot: Ballot, expectedVersion: number | null, now: Date): Promise<Ballot> {
  const roundOpen: WindowCondition = {
    key: keys.round(t, round.studyId, round.id),
    status: 'open',
    refusal: (found) => roundClosedError(found as unknown as PrioritizationRound),
    missing: { fr: 'Le tour de priorisation', en: 'The prioritization round' },
  };
  const put = newOrVersionedPut(db, keys.ballot(t, round.id, ballot.userId), 'Ballot', ballot, expectedVersion);
  await transactInWindow(db, roundOpen, now, [put], ([b]) => {
    const found = b?.item as Ballot | undefined;
    return new VersionConflictError(found?.version, found);
  });
  return { ...ballot, version: expectedVersion === null ? 1 : expectedVersion + 1 };
}

export async function getBallot(db: Db, t: string, roundId: string, userId: string): Promise<Ballot | null> {
  return getItem<Ballot>(db, keys.ballot(t, roundId, userId));
}

export async function listBallotsOfRound(db: Db, t: string, roundId: string): Promise<Ballot[]> {
  return queryAll<Ballot>(db, { ...keys.ballotsOfRound(t, roundId), consistent: true });
}

// ---- public consultation --------------------------------------------------------------

export async function resolveConsultationLink(db: Db, token: string): Promise<{ tenantId: string; studyId: string }> {
  const found = await getItem<{ tenantId: string; studyId: string }>(db, keys.consultationLink(token));
  if (!found) throw new NotFoundError({ fr: 'Cette consultation', en: 'This consultation' });
  return found;
}

/**
 * Counts an answer against the link's allowance for the current minute, in
 * one conditional update: past the limit the answer is refused (429) and
 * nothing is stored. The counter items expire on their own (expiresAt, TTL).
 */
export async function takeConsultationAllowance(db: Db, token: string, now: Date, perMinute: number): Promise<void> {
  const minute = Math.floor(now.getTime() / 60_000);
  const k = keys.consultationRate(token, minute);
  try {
    await db.client.send(
      new UpdateItemCommand({
        TableName: db.table,
        Key: marshall({ pk: k.pk, sk: k.sk }),
        UpdateExpression: 'ADD answers :one SET expiresAt = :exp, entity = :entity',
        ConditionExpression: 'attribute_not_exists(answers) OR answers < :limit',
        ExpressionAttributeValues: marshall({ ':one': 1, ':limit': perMinute, ':exp': (minute + 10) * 60, ':entity': 'ConsultationRate' }),
      }),
    );
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) throw new RateLimitedError(60 - now.getUTCSeconds());
    translateDbError(e);
  }
}

export async function createAnswer(db: Db, t: string, answer: ConsultationAnswer): Promise<void> {
  await putNew(db, keys.answer(t, answer.studyId, answer.id), 'ConsultationAnswer', answer, exists('Cette réponse'));
}

export async function getAnswerById(db: Db, t: string, studyId: string, id: string): Promise<ConsultationAnswer> {
  const found = await getItem<ConsultationAnswer>(db, keys.answer(t, studyId, id));
  if (!found) throw new NotFoundError({ fr: 'La réponse', en: 'The answer' });
  return found;
}

export async function listAnswersOfStudy(db: Db, t: string, studyId: string, page: { cursor?: string | undefined; limit?: number | undefined }) {
  return queryPage<ConsultationAnswer>(db, { ...keys.answersOfStudy(t, studyId), limit: page.limit ?? 50, cursor: page.cursor, forward: false });
}

/** Moderates an answer and records the needs drawn from it, together. */
export async function moderateAnswer(db: Db, t: string, answer: ConsultationAnswer, expectedVersion: number, newNeeds: Need[]): Promise<ConsultationAnswer> {
  const put = versionedPut(db, keys.answer(t, answer.studyId, answer.id), 'ConsultationAnswer', answer, expectedVersion);
  if (newNeeds.length === 0) {
    await transact(db, [put], (reasons) => new VersionConflictError((reasons[0]?.item as ConsultationAnswer | undefined)?.version, reasons[0]?.item));
  } else {
    await transact(
      db,
      [studyOpenCheck(db, t, answer.studyId), put, ...newNeeds.map((n) => newPut(db, keys.need(t, answer.studyId, n.id), 'Need', n))],
      (reasons) => {
        if (reasons[0]?.code === 'ConditionalCheckFailed') return studyRefusal(reasons);
        return new VersionConflictError((reasons[1]?.item as ConsultationAnswer | undefined)?.version, reasons[1]?.item);
      },
    );
  }
  return { ...answer, version: expectedVersion + 1 };
}
