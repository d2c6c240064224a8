/**
 * Scenarios are kept whole (inputs, parameters, result) in their call's
 * scenario collection. The revision round is one item in the call's
 * collection; each organization's answer is its own item, written in one
 * transaction with a ConditionCheck that the round is open and before its
 * deadline (and, for a revision or a withdrawal, with the proposal).
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { RevisionAnswer, RevisionRound, Scenario } from '../../shared/allocation';
import type { Proposal, ProposalVersion } from '../../shared/domain';
import { formatDateTime } from '../../shared/dates';
import { AlreadyExistsError, ClosedError, NotFoundError, VersionConflictError } from '../../shared/errors';
import { getItem, newPut, putNew, putVersioned, queryAll, queryPage, toItem, transact, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { proposalPut } from '../proposals/repository';
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';

export async function saveScenario(db: Db, t: string, scenario: Scenario): Promise<Scenario> {
  await putNew(db, keys.scenario(t, scenario.callId, scenario.id), 'Scenario', scenario, () => new AlreadyExistsError({ fr: 'Ce scénario existe déjà.', en: 'This scenario already exists.' }));
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

export async function createRevision(db: Db, t: string, round: RevisionRound, replacing: number | null): Promise<RevisionRound> {
  if (replacing === null) {
    await putNew(db, keys.revision(t, round.callId), 'RevisionRound', round, () => new VersionConflictError(undefined));
    return round;
  }
  return putVersioned(db, keys.revision(t, round.callId), 'RevisionRound', round, replacing);
}

export async function replaceRevision(db: Db, t: string, round: RevisionRound, expectedVersion: number): Promise<RevisionRound> {
  return putVersioned(db, keys.revision(t, round.callId), 'RevisionRound', round, expectedVersion);
}

export async function listRevisionAnswers(db: Db, t: string, callId: string): Promise<RevisionAnswer[]> {
  return queryAll<RevisionAnswer>(db, { ...keys.revisionAnswersOfCall(t, callId), consistent: true });
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

/** Records an answer while the round is open; a revision or a withdrawal changes the proposal in the same transaction. */
export async function answerRevision(
  db: Db,
  t: string,
  callId: string,
  answer: RevisionAnswer,
  now: Date,
  proposal?: { next: Proposal; expectedVersion: number; version?: ProposalVersion },
): Promise<void> {
  const rk = keys.revision(t, callId);
  const items: TransactWriteItem[] = [
    {
      ConditionCheck: {
        TableName: db.table,
        Key: marshall({ pk: rk.pk, sk: rk.sk }),
        ConditionExpression: '#status = :open AND deadline > :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':open': 'open', ':now': now.toISOString() }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    { Put: { TableName: db.table, Item: toItem(keys.revisionAnswer(t, callId, answer.proposalId), 'RevisionAnswer', answer) } },
  ];
  if (proposal) {
    items.push(proposalPut(db, t, proposal.next, proposal.expectedVersion));
    if (proposal.version) items.push(newPut(db, keys.proposalVersion(t, proposal.next.id, proposal.version.number), 'ProposalVersion', proposal.version));
  }
  await transact(db, items, (reasons) => {
    const [r, , p] = reasons;
    if (r?.code === 'ConditionalCheckFailed') return r.item ? revisionClosedError(r.item as unknown as RevisionRound) : new NotFoundError({ fr: 'La ronde de révision', en: 'The revision round' });
    const found = p?.item as Proposal | undefined;
    return new VersionConflictError(found?.version, found);
  });
}
