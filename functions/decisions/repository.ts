/**
 * The institution's decision on a call, in the call's collection
 * (functions/lib/keys.ts), with the tenant's decided calls in gsi1. The
 * decision and its history event are one transaction: created only if no
 * decision exists (a second one is refused), amended only at its version.
 */
import type { CallEvent } from '../../shared/call-history';
import type { Decision } from '../../shared/decision';
import { AlreadyExistsError, VersionConflictError } from '../../shared/errors';
import { callEventPut } from '../lib/call-history';
import { getItem, newPut, queryAll, transact, versionedPut, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { commitmentRefusal, commitOnEnvelope } from '../envelopes';

export async function getDecision(db: Db, t: string, callId: string, consistent = false): Promise<Decision | null> {
  return getItem<Decision>(db, keys.decision(t, callId), consistent);
}

/** The tenant's decided calls (gsi1, written with each decision): the public results' list. */
export async function listDecisionsOfTenant(db: Db, t: string): Promise<Decision[]> {
  return queryAll<Decision>(db, { index: 'gsi1', partition: keys.decisionsOfTenant(t) });
}

export const decisionExistsError = () =>
  new AlreadyExistsError({
    fr: 'La décision sur cet appel est déjà consignée : une décision est finale, changez-la par un amendement motivé.',
    en: 'The decision on this call is already recorded: a decision is final, change it through an amendment with its reason.',
  });

/**
 * What the decision changes in its call's promise on the envelope (negative: the part of the call's amount the
 * decision does not take goes back to the envelope), in the decision's own transaction.
 */
export interface PromiseChange {
  envelopeId: string;
  delta: number;
}

/** The first decision on a call, with its event and the release of what the call promised beyond it; refused when a decision exists. */
export async function recordDecision(db: Db, t: string, decision: Decision, event: CallEvent, promise: PromiseChange | null): Promise<Decision> {
  const key = { ...keys.decision(t, decision.callId), ...keys.decisionIndex(t, decision.callId) };
  const items = [newPut(db, key, 'Decision', decision), callEventPut(db, t, event)];
  if (promise && promise.delta !== 0) items.push(commitOnEnvelope(db, t, promise.envelopeId, promise.delta));
  await transact(db, items, ([d]) => (d?.code === 'ConditionalCheckFailed' ? decisionExistsError() : new VersionConflictError(undefined)));
  return decision;
}

/**
 * An amendment: the decision replaced at its version, with its event and the change of what the call takes from its
 * envelope (a rise conditioned on what the envelope still holds to promise).
 */
export async function amendDecision(
  db: Db,
  t: string,
  next: Decision,
  expectedVersion: number,
  event: CallEvent,
  promise: PromiseChange | null,
): Promise<Decision> {
  const key = { ...keys.decision(t, next.callId), ...keys.decisionIndex(t, next.callId) };
  const items = [versionedPut(db, key, 'Decision', next, expectedVersion), callEventPut(db, t, event)];
  if (promise && promise.delta !== 0) items.push(commitOnEnvelope(db, t, promise.envelopeId, promise.delta));
  await transact(db, items, (reasons) => {
    const envelope = reasons[2];
    if (promise && envelope?.code === 'ConditionalCheckFailed') return commitmentRefusal(envelope.item, promise.delta, 0);
    const found = reasons[0]?.item as Decision | undefined;
    return new VersionConflictError(found?.version, found);
  });
  return { ...next, version: expectedVersion + 1 };
}
