/**
 * The institution's decision on a call, in the call's collection
 * (functions/lib/keys.ts), with the tenant's decided calls in gsi1.
 */
import type { Decision } from '../../shared/decision';
import { getItem, queryAll, type Db } from '../lib/db';
import { keys } from '../lib/keys';

export async function getDecision(db: Db, t: string, callId: string, consistent = false): Promise<Decision | null> {
  return getItem<Decision>(db, keys.decision(t, callId), consistent);
}

/** The tenant's decided calls (gsi1, written with each decision): the public results' list. */
export async function listDecisionsOfTenant(db: Db, t: string): Promise<Decision[]> {
  return queryAll<Decision>(db, { index: 'gsi1', partition: keys.decisionsOfTenant(t) });
}
