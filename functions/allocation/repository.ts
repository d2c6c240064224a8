/**
 * Scenarios are kept whole (inputs, parameters, result) in their call's
 * scenario collection. The revision round is one item in the call's
 * collection; each organization's answer is its own versioned item, written
 * in one transaction with a ConditionCheck that the round is open and before
 * its deadline, and with the proposal: still submitted (an acceptance), or
 * at its version (a revision or a withdrawal). Ending the round is one
 * transaction too: the round closed with its settlement, and each accepted
 * amount written as the proposal's new version. A member's approval ballot
 * is written behind the same kind of check, that the vote is open.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { PbBallot, PbVote, RevisionAnswer, RevisionRound, Scenario } from '../../shared/allocation';
import type { Proposal, ProposalVersion } from '../../shared/domain';
import { formatDateTime } from '../../shared/dates';
import { AlreadyExistsError, BusinessRuleError, ClosedError, InvalidStateError, NotFoundError, VersionConflictError } from '../../shared/errors';
import {
  getItem,
  newOrVersionedPut,
  newPut,
  queryAll,
  queryPage,
  toItem,
  transact,
  transactInWindow,
  versionedPut,
  type Db,
  type WindowCondition,
} from '../lib/db';
import { keys } from '../lib/keys';
import { callEventPut, putNewWithEvent, putVersionedWithEvent } from '../lib/call-history';
import type { CallEvent } from '../../shared/call-history';
import { proposalPut } from '../proposals';
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';

/** Stores a computed scenario with the call's history event that records it, in one transaction. */
export async function saveScenario(db: Db, t: string, scenario: Scenario, event: CallEvent): Promise<Scenario> {
  await putNewWithEvent(
    db,
    t,
    keys.scenario(t, scenario.callId, scenario.id),
    'Scenario',
    scenario,
    event,
    () => new AlreadyExistsError({ fr: 'Ce scénario existe déjà.', en: 'This scenario already exists.' }),
  );
  return scenario;
}

export async function getScenario(db: Db, t: string, callId: string, id: string): Promise<Scenario> {
  const found = await getItem<Scenario>(db, keys.scenario(t, callId, id));
  if (!found) throw new NotFoundError({ fr: 'Le scénario', en: 'The scenario' });
  return found;
}

export async function listScenarios(db: Db, t: string, callId: string): Promise<Scenario[]> {
  const page = await queryPage<Scenario>(db, { ...keys.scenariosOfCall(t, callId), limit: 100, forward: false });
  return page.items;
}

export async function getRevision(db: Db, t: string, callId: string): Promise<RevisionRound | null> {
  return getItem<RevisionRound>(db, keys.revision(t, callId), true);
}

/**
 * Starts a round (the call's first, or one replacing the ended one at its version) with the history event
 * that records it, in one transaction; a collision is a version conflict.
 */
export async function createRevision(db: Db, t: string, round: RevisionRound, replacing: number | null, event: CallEvent): Promise<RevisionRound> {
  const put = newOrVersionedPut(db, keys.revision(t, round.callId), 'RevisionRound', round, replacing);
  await transact(db, [put, callEventPut(db, t, event)], ([found]) => {
    const item = found?.item as RevisionRound | undefined;
    return new VersionConflictError(replacing === null ? undefined : item?.version, replacing === null ? undefined : item);
  });
  return replacing === null ? { ...round, version: 1 } : { ...round, version: replacing + 1 };
}

/**
 * The answers to the call's current round. One answer item per proposal serves every round of the
 * call: an answer belongs to the round if it was given after the round started (a new round starts
 * only once the previous one has ended, and no answer is taken after that).
 */
export async function listRevisionAnswers(db: Db, t: string, round: Pick<RevisionRound, 'callId' | 'createdAt'>): Promise<RevisionAnswer[]> {
  const all = await queryAll<RevisionAnswer>(db, { ...keys.revisionAnswersOfCall(t, round.callId), consistent: true });
  // Answers stored before they were versioned read as version 1.
  return all.filter((a) => a.answeredAt >= round.createdAt).map((a) => ({ ...a, version: a.version ?? 1 }));
}

export function revisionClosedError(round: Pick<RevisionRound, 'deadline'>): ClosedError {
  return new ClosedError(
    {
      fr: `La ronde de révision a pris fin le ${formatDateTime(round.deadline, 'fr')} (heure de Montréal) : les réponses ne sont plus acceptées.`,
      en: `The revision round ended on ${formatDateTime(round.deadline, 'en')} (Montreal time): answers are no longer accepted.`,
    },
    { deadline: round.deadline },
  );
}

/** The proposals a round asked, read consistently (settling writes from them). */
export async function getRoundProposals(db: Db, t: string, round: Pick<RevisionRound, 'callId' | 'suggestions'>): Promise<Proposal[]> {
  const found = await Promise.all(Object.keys(round.suggestions).map((id) => getItem<Proposal>(db, keys.proposal(t, round.callId, id), true)));
  return found.filter((p): p is Proposal => p !== null);
}

const withdrawnError = () =>
  new InvalidStateError({
    fr: 'Ce projet a été retiré : il ne peut plus répondre à la ronde de révision.',
    en: 'This proposal was withdrawn: it can no longer answer the revision round.',
  });

/**
 * Records an answer while the round is open, replacing the previous answer
 * only at `expectedAnswerVersion` (null: the first answer). An acceptance
 * holds only while the proposal is still submitted; a revision or a
 * withdrawal changes the proposal, at its version, in the same transaction.
 */
export async function answerRevision(
  db: Db,
  t: string,
  round: Pick<RevisionRound, 'callId' | 'createdAt'>,
  answer: RevisionAnswer,
  expectedAnswerVersion: number | null,
  now: Date,
  proposal: { next: Proposal; expectedVersion: number; version?: ProposalVersion } | { stillSubmitted: string },
): Promise<void> {
  const callId = round.callId;
  const ak = keys.revisionAnswer(t, callId, answer.proposalId);
  // A first answer may replace only an earlier round's; a change, only this round's answer at its version.
  const answerPut: TransactWriteItem = {
    Put: {
      TableName: db.table,
      Item: toItem(ak, 'RevisionAnswer', { ...answer, version: expectedAnswerVersion === null ? 1 : expectedAnswerVersion + 1 }),
      ConditionExpression:
        expectedAnswerVersion === null
          ? 'attribute_not_exists(pk) OR answeredAt < :start'
          : `(version = :v${expectedAnswerVersion === 1 ? ' OR attribute_not_exists(version)' : ''}) AND answeredAt >= :start`,
      ExpressionAttributeValues: marshall(
        expectedAnswerVersion === null ? { ':start': round.createdAt } : { ':start': round.createdAt, ':v': expectedAnswerVersion },
      ),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
  const roundOpen: WindowCondition = {
    key: keys.revision(t, callId),
    status: 'open',
    closesAt: 'deadline',
    refusal: (found) => revisionClosedError(found as unknown as RevisionRound),
    missing: { fr: 'La ronde de révision', en: 'The revision round' },
  };
  const items: TransactWriteItem[] = [answerPut];
  if ('stillSubmitted' in proposal) {
    const pk = keys.proposal(t, callId, proposal.stillSubmitted);
    items.push({
      ConditionCheck: {
        TableName: db.table,
        Key: marshall({ pk: pk.pk, sk: pk.sk }),
        ConditionExpression: '#status = :submitted',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':submitted': 'submitted' }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    });
  } else {
    items.push(proposalPut(db, t, proposal.next, proposal.expectedVersion));
    if (proposal.version) items.push(newPut(db, keys.proposalVersion(t, proposal.next.id, proposal.version.number), 'ProposalVersion', proposal.version));
  }
  await transactInWindow(db, roundOpen, now, items, ([a, p]) => {
    if (a?.code === 'ConditionalCheckFailed') {
      const found = a.item as RevisionAnswer | undefined;
      const current = found && found.answeredAt >= round.createdAt ? found : undefined;
      return new VersionConflictError(current?.version, current);
    }
    const found = p?.item as Proposal | undefined;
    if (found?.status === 'withdrawn') return withdrawnError();
    return new VersionConflictError(found?.version, found);
  });
}

export { withdrawnError as revisionWithdrawnError };

/** Most proposals whose accepted amount one settlement writes: two items each, the round and its history event, in one transaction of at most 100. */
const MAX_ACCEPTED_PER_SETTLEMENT = 49;

/**
 * Ends the round at its version with its settlement, and writes each accepted
 * amount as the proposal's new submitted version, all or nothing: a proposal
 * changed meanwhile (a late revision, a withdrawal) makes it a 409 to retry.
 */
export async function settleAndCloseRevision(
  db: Db,
  t: string,
  round: RevisionRound,
  expectedVersion: number,
  accepted: { next: Proposal; expectedVersion: number; version: ProposalVersion }[],
  event: CallEvent,
): Promise<RevisionRound> {
  if (accepted.length > MAX_ACCEPTED_PER_SETTLEMENT) {
    throw new BusinessRuleError(
      {
        fr: `Plus de ${MAX_ACCEPTED_PER_SETTLEMENT} montants acceptés à inscrire d’un coup : la ronde ne peut pas se régler en une seule opération.`,
        en: `More than ${MAX_ACCEPTED_PER_SETTLEMENT} accepted amounts to write at once: the round cannot be settled in one operation.`,
      },
      { accepted: accepted.length },
    );
  }
  const items: TransactWriteItem[] = [versionedPut(db, keys.revision(t, round.callId), 'RevisionRound', round, expectedVersion)];
  for (const a of accepted) {
    items.push(proposalPut(db, t, a.next, a.expectedVersion));
    items.push(newPut(db, keys.proposalVersion(t, a.next.id, a.version.number), 'ProposalVersion', a.version));
  }
  items.push(callEventPut(db, t, event));
  await transact(db, items, (reasons) => {
    const failed = reasons.find((r) => r.code === 'ConditionalCheckFailed');
    const found = failed?.item as { version?: number } | undefined;
    return new VersionConflictError(found?.version, found);
  });
  return { ...round, version: expectedVersion + 1 };
}

export function pbVoteClosedError(vote: Pick<PbVote, 'closesAt'>): ClosedError {
  return new ClosedError(
    {
      fr: `Le vote d’approbation a pris fin le ${formatDateTime(vote.closesAt, 'fr')} (heure de Montréal).`,
      en: `The approval vote ended on ${formatDateTime(vote.closesAt, 'en')} (Montreal time).`,
    },
    { closesAt: vote.closesAt },
  );
}

/**
 * Casts or replaces a member's approval ballot while the vote is open: a
 * ConditionCheck on the vote (status open, closesAt after now) and the one
 * ballot item keyed by the member, new or at its version. A refusal names
 * the closing time of the vote as the member read it.
 */
export async function castPbBallot(db: Db, t: string, vote: PbVote, ballot: PbBallot, expectedVersion: number | null, now: Date): Promise<PbBallot> {
  const voteOpen: WindowCondition = { key: keys.pbVote(t, vote.callId), status: 'open', refusal: () => pbVoteClosedError(vote) };
  const put = newOrVersionedPut(db, keys.pbBallot(t, vote.callId, ballot.userId), 'PbBallot', ballot, expectedVersion);
  await transactInWindow(db, voteOpen, now, [put], ([b]) => {
    const found = b?.item as PbBallot | undefined;
    return new VersionConflictError(found?.version, found);
  });
  return ballot;
}

/** Opens the call's approval vote (there is one per call: a second is refused) with the history event that records it. */
export async function openPbVote(db: Db, t: string, vote: PbVote, event: CallEvent): Promise<PbVote> {
  await putNewWithEvent(
    db,
    t,
    keys.pbVote(t, vote.callId),
    'PbVote',
    vote,
    event,
    () => new InvalidStateError({ fr: 'Un vote d’approbation existe déjà pour cet appel.', en: 'An approval vote already exists for this call.' }),
  );
  return vote;
}

/** Closes the approval vote at its version with the history event that records it (counts only, never a ballot's content). */
export async function closePbVote(db: Db, t: string, vote: PbVote, expectedVersion: number, event: CallEvent): Promise<PbVote> {
  return putVersionedWithEvent(db, t, keys.pbVote(t, vote.callId), 'PbVote', vote, expectedVersion, event);
}

/** How many ballots the members cast (a count: the history never holds what a ballot says). */
export async function countPbBallots(db: Db, t: string, callId: string): Promise<number> {
  return (await queryAll<PbBallot>(db, keys.pbBallotsOfCall(t, callId))).length;
}
