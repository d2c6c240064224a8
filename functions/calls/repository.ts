/**
 * Calls for projects: get by id, list a tenant's (optionally of one
 * envelope), create, replace at a version. A call's amount is committed on
 * its envelope in the same transaction as the call's write (see
 * `commitOnEnvelope`), so the envelope's `committed` is always the sum of
 * its calls' amounts and never exceeds what it holds.
 */
import type { Call, StoredCall } from '../../shared/domain';
import { windowPhase } from '../../shared/dates';
import { accessOf } from '../../shared/call-access';
import { AlreadyExistsError, NotFoundError, VersionConflictError } from '../../shared/errors';
import { getItem, newPut, putVersioned, queryAll, transact, versionedPut, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { callEventPut, putVersionedWithEvent } from '../lib/call-history';
import type { CallEvent } from '../../shared/call-history';
import { commitmentRefusal, commitOnEnvelope } from '../envelopes';

export type { StoredCall } from '../../shared/domain';

const ENTITY = 'Call';

function callKeys(tenantId: string, call: StoredCall) {
  return { ...keys.call(tenantId, call.id), ...keys.callIndex(tenantId, call.id, call.envelopeId) };
}

const notFound = () => new NotFoundError({ fr: 'L’appel de projets', en: 'The call for projects' });

/** The call as read: its phase from the clock, and the defaults of calls stored before extensions and invitations. */
export function withPhase(call: StoredCall, now: Date): Call {
  return {
    ...call,
    extensions: call.extensions ?? [],
    ...accessOf(call),
    invitations: call.invitations ?? [],
    phase: windowPhase(call.opensAt, call.closesAt, now),
  };
}

export async function getCallById(db: Db, tenantId: string, id: string): Promise<StoredCall> {
  const found = await getItem<StoredCall>(db, keys.call(tenantId, id));
  if (!found) throw notFound();
  return found;
}

/** A tenant holds tens of calls a year: the list is read whole, newest first. */
export async function listCallsOfTenant(db: Db, tenantId: string, envelopeId?: string): Promise<StoredCall[]> {
  const calls = await queryAll<StoredCall>(db, {
    index: 'gsi1',
    partition: keys.callsOfTenant(tenantId),
    prefix: envelopeId ? `ENV#${envelopeId}#` : undefined,
  });
  return calls.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Creates the call and commits its amount on its envelope, or neither (unknown envelope → 404, too little left → 422). */
export async function createCall(db: Db, tenantId: string, call: StoredCall): Promise<StoredCall> {
  await transact(db, [newPut(db, callKeys(tenantId, call), ENTITY, call), commitOnEnvelope(db, tenantId, call.envelopeId, call.amountAvailable)], (reasons) => {
    if (reasons[1]?.code === 'ConditionalCheckFailed') return commitmentRefusal(reasons[1].item, call.amountAvailable, 0);
    return new AlreadyExistsError({ fr: 'Un appel porte déjà cet identifiant.', en: 'A call already has this id.' });
  });
  return call;
}

/**
 * Replaces a call at `expectedVersion`. When its amount changes, the
 * difference is committed on the envelope in the same transaction; the
 * amount it replaces is read from the stored call, whose version the
 * transaction's condition pins. A state change (publication, extension,
 * invitations) brings its history event, written in the same transaction.
 */
export async function replaceCall(db: Db, tenantId: string, call: StoredCall, expectedVersion: number, event?: CallEvent): Promise<StoredCall> {
  const stored = await getItem<StoredCall>(db, keys.call(tenantId, call.id), true);
  if (!stored) throw notFound();
  if (stored.version !== expectedVersion) throw new VersionConflictError(stored.version, stored);
  const delta = call.amountAvailable - stored.amountAvailable;
  if (delta === 0) {
    if (event) return putVersionedWithEvent(db, tenantId, callKeys(tenantId, call), ENTITY, call, expectedVersion, event);
    return putVersioned(db, callKeys(tenantId, call), ENTITY, call, expectedVersion);
  }
  await transact(
    db,
    [
      versionedPut(db, callKeys(tenantId, call), ENTITY, call, expectedVersion),
      commitOnEnvelope(db, tenantId, call.envelopeId, delta),
      ...(event ? [callEventPut(db, tenantId, event)] : []),
    ],
    (reasons) => {
      if (reasons[0]?.code === 'ConditionalCheckFailed') {
        const found = reasons[0].item as StoredCall | undefined;
        return new VersionConflictError(found?.version, found);
      }
      return commitmentRefusal(reasons[1]?.item, call.amountAvailable, stored.amountAvailable);
    },
  );
  return { ...call, version: expectedVersion + 1 };
}
