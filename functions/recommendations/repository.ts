/**
 * The recommendation, its adoption vote and ballots, and the minutes, in the
 * call's collections (functions/lib/keys.ts). Every change of state goes in
 * one transaction with its history event (functions/lib/call-history.ts):
 * drafted, revised, vote opened, vote closed with the minutes and the
 * outcome, consensus recorded with the minutes.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AdoptionBallot, AdoptionVote } from '../../shared/adoption';
import type { CallEvent } from '../../shared/call-history';
import { ClosedError, InvalidStateError, VersionConflictError, type AppError } from '../../shared/errors';
import type { Minutes, Recommendation } from '../../shared/recommendation';
import { callEventPut } from '../lib/call-history';
import { getItem, newOrVersionedPut, newPut, queryAll, toItem, transact, transactInWindow, versionedPut, type Db } from '../lib/db';
import { keys } from '../lib/keys';

const REC = 'Recommendation';

const pick = (k: { pk: string; sk: string }) => ({ pk: k.pk, sk: k.sk });

/** Transactions hold at most 100 items: past this many voters, the close checks no ballot (an early close may then miss one cast at that instant). */
export const MAX_CHECKED_BALLOTS = 90;

export async function getRecommendation(db: Db, t: string, callId: string, consistent = false): Promise<Recommendation | null> {
  return getItem<Recommendation>(db, keys.recommendation(t, callId), consistent);
}

/** The recommendation the table adopted, with its minutes; null while none is adopted. */
export async function getAdoption(db: Db, t: string, callId: string): Promise<{ recommendation: Recommendation; minutes: Minutes } | null> {
  const recommendation = await getRecommendation(db, t, callId, true);
  if (recommendation?.status !== 'adopted') return null;
  const minutes = await getItem<Minutes>(db, keys.minutes(t, callId, recommendation.number), true);
  return minutes ? { recommendation, minutes } : null;
}

export async function getAdoptionVote(db: Db, t: string, callId: string): Promise<AdoptionVote | null> {
  return getItem<AdoptionVote>(db, keys.adoptionVote(t, callId), true);
}

export async function getBallot(db: Db, t: string, callId: string, n: number, userId: string): Promise<AdoptionBallot | null> {
  return getItem<AdoptionBallot>(db, keys.adoptionBallot(t, callId, n, userId), true);
}

export async function listBallots(db: Db, t: string, callId: string, n: number): Promise<AdoptionBallot[]> {
  return queryAll<AdoptionBallot>(db, { ...keys.adoptionBallotsOf(t, callId, n), consistent: true });
}

/** The versions kept whole once voted or agreed (their minutes' recommendation), oldest first. */
export async function listVersions(db: Db, t: string, callId: string): Promise<Recommendation[]> {
  return queryAll<Recommendation>(db, { ...keys.recommendationVersions(t, callId), consistent: true });
}

export async function listMinutes(db: Db, t: string, callId: string): Promise<Minutes[]> {
  return queryAll<Minutes>(db, { ...keys.minutesOfCall(t, callId), consistent: true });
}

export async function getMinutes(db: Db, t: string, callId: string, n: number): Promise<Minutes | null> {
  return getItem<Minutes>(db, keys.minutes(t, callId, n), true);
}

const staleRecommendation = (reasons: { code: string | undefined; item: Record<string, unknown> | undefined }[]): AppError => {
  const found = reasons[0]?.item as Recommendation | undefined;
  return new VersionConflictError(found?.version, found);
};

const recPut = (db: Db, t: string, rec: Recommendation, expectedVersion: number) =>
  versionedPut(db, keys.recommendation(t, rec.callId), REC, rec, expectedVersion);

/** The first draft, with its event: refused when the call already has a recommendation. */
export async function createDraft(db: Db, t: string, rec: Recommendation, event: CallEvent): Promise<Recommendation> {
  await transact(db, [newPut(db, keys.recommendation(t, rec.callId), REC, rec), callEventPut(db, t, event)], () => {
    return new InvalidStateError({
      fr: 'Cet appel a déjà une recommandation : modifiez-la, ou révisez-la après un vote.',
      en: 'This call already has a recommendation: edit it, or revise it after a vote.',
    });
  });
  return rec;
}

/** Replaces the recommendation at its version (an edit of the draft, or its revision with the event). */
export async function replaceRecommendation(
  db: Db,
  t: string,
  next: Recommendation,
  expectedVersion: number,
  event: CallEvent | null,
): Promise<Recommendation> {
  const items = [recPut(db, t, next, expectedVersion), ...(event ? [callEventPut(db, t, event)] : [])];
  await transact(db, items, staleRecommendation);
  return { ...next, version: expectedVersion + 1 };
}

/**
 * Opens the vote: the recommendation goes to 'voting' at its version, the vote is written (over the
 * previous version's closed vote, never over an open one), with the event.
 */
export async function openVote(db: Db, t: string, rec: Recommendation, expectedVersion: number, vote: AdoptionVote, event: CallEvent): Promise<Recommendation> {
  const votePut: TransactWriteItem = {
    Put: {
      TableName: db.table,
      Item: toItem(keys.adoptionVote(t, vote.callId), 'AdoptionVote', vote),
      ConditionExpression: 'attribute_not_exists(pk) OR #status = :closed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: marshall({ ':closed': 'closed' }),
    },
  };
  await transact(db, [recPut(db, t, rec, expectedVersion), votePut, callEventPut(db, t, event)], (reasons) => {
    if (reasons[1]?.code === 'ConditionalCheckFailed')
      return new InvalidStateError({ fr: 'Un vote est déjà ouvert sur cette recommandation.', en: 'A vote is already open on this recommendation.' });
    return staleRecommendation(reasons);
  });
  return { ...rec, version: expectedVersion + 1 };
}

export const voteClosedError = (vote: { closesAt: string }) =>
  new ClosedError(
    {
      fr: 'Le vote sur la recommandation est fermé : votre bulletin n’a pas été enregistré.',
      en: 'The vote on the recommendation is closed: your ballot was not saved.',
    },
    { closesAt: vote.closesAt },
  );

/** A ballot, taken only while the vote on this version is open (checked by DynamoDB at write time); a stale one is a conflict. */
export async function castBallot(
  db: Db,
  t: string,
  vote: AdoptionVote,
  ballot: AdoptionBallot,
  expectedVersion: number | null,
  now: Date,
): Promise<AdoptionBallot> {
  const put = newOrVersionedPut(db, keys.adoptionBallot(t, vote.callId, vote.number, ballot.userId), 'AdoptionBallot', ballot, expectedVersion);
  await transactInWindow(
    db,
    {
      key: keys.adoptionVote(t, vote.callId),
      status: 'open',
      // The same vote as read (`number` is a reserved word of DynamoDB's expressions: its opening instant identifies it).
      and: { expression: 'createdAt = :opened', values: { ':opened': vote.createdAt } },
      refusal: () => voteClosedError(vote),
    },
    now,
    [put],
    ([b]) => {
      const found = b?.item as AdoptionBallot | undefined;
      return new VersionConflictError(found?.version, found);
    },
  );
  return ballot;
}

/**
 * The outcome, in one transaction: the vote closed (vote) at its version, the recommendation adopted or
 * rejected at its version, the minutes and the version kept whole, and the events.
 */
export async function recordOutcome(
  db: Db,
  t: string,
  opts: {
    vote: { next: AdoptionVote; expectedVersion: number } | null;
    rec: { next: Recommendation; expectedVersion: number };
    minutes: Minutes;
    events: CallEvent[];
    /** The ballots the tallies read, per electorate member (null: none): each checked unchanged, so a ballot cast meanwhile cancels the close. */
    ballotsRead?: { userId: string; version: number | null }[];
  },
): Promise<Recommendation> {
  const { rec, minutes } = opts;
  const n = rec.next.number;
  const unchanged = (opts.ballotsRead ?? []).map(
    (b): TransactWriteItem => ({
      ConditionCheck: {
        TableName: db.table,
        Key: marshall(pick(keys.adoptionBallot(t, rec.next.callId, n, b.userId))),
        ConditionExpression: b.version === null ? 'attribute_not_exists(pk)' : 'version = :v',
        ...(b.version === null ? {} : { ExpressionAttributeValues: marshall({ ':v': b.version }) }),
      },
    }),
  );
  const items: TransactWriteItem[] = [
    recPut(db, t, rec.next, rec.expectedVersion),
    ...(opts.vote ? [versionedPut(db, keys.adoptionVote(t, rec.next.callId), 'AdoptionVote', opts.vote.next, opts.vote.expectedVersion)] : []),
    newPut(db, keys.minutes(t, rec.next.callId, minutes.number), 'Minutes', minutes),
    newPut(db, keys.recommendationVersion(t, rec.next.callId, rec.next.number), 'RecommendationVersion', { ...rec.next, version: rec.expectedVersion + 1 }),
    ...opts.events.map((e) => callEventPut(db, t, e)),
    ...unchanged,
  ];
  await transact(db, items, (reasons) => {
    if (reasons[0]?.code === 'ConditionalCheckFailed') return staleRecommendation(reasons);
    if (opts.vote && reasons[1]?.code === 'ConditionalCheckFailed') {
      const found = reasons[1].item as AdoptionVote | undefined;
      return new VersionConflictError(found?.version, found);
    }
    if (reasons.slice(items.length - unchanged.length).some((r) => r.code === 'ConditionalCheckFailed'))
      return new VersionConflictError(undefined, {
        reason: 'ballot-cast-meanwhile',
      });
    return new InvalidStateError({ fr: 'Ces minutes sont déjà consignées.', en: 'These minutes are already recorded.' });
  });
  return { ...rec.next, version: rec.expectedVersion + 1 };
}
