/**
 * Writing a call's history: the event `Put` that goes into the same
 * transaction as the change it records (see shared/call-history.ts). The
 * event item is created, never replaced; its id is fresh, so two changes
 * at the same millisecond are two events.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { CallEvent, CallEventKind } from '../../shared/call-history';
import { type AppError, VersionConflictError } from '../../shared/errors';
import { newPut, queryAll, transact, versionedPut, type Db, type Keys } from './db';
import { keys } from './keys';

export interface CallEventInput {
  kind: CallEventKind;
  subject?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** The event of a change made by `member` now: `deps` gives the clock and the ids. */
export function callEvent(
  deps: { now: () => Date; newId: () => string },
  member: { userId: string; name: string },
  callId: string,
  input: CallEventInput,
): CallEvent {
  return {
    id: deps.newId(),
    callId,
    kind: input.kind,
    at: deps.now().toISOString(),
    by: member.userId,
    byName: member.name,
    subject: input.subject ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
  };
}

/** The `Put` of an event, to add to the transaction of the change it records. */
export function callEventPut(db: Db, t: string, event: CallEvent): TransactWriteItem {
  return newPut(db, keys.callEvent(t, event.callId, event.at, event.id), 'CallEvent', event);
}

/** A call's history, oldest first. */
export async function listCallEvents(db: Db, t: string, callId: string): Promise<CallEvent[]> {
  return queryAll<CallEvent>(db, { ...keys.callHistory(t, callId), consistent: true });
}

/**
 * Replaces a versioned item at `expectedVersion` together with the event that records the change, in one
 * transaction: a stale version is a VersionConflictError carrying what was found, and nothing is written.
 */
export async function putVersionedWithEvent<T extends { version: number }>(
  db: Db,
  t: string,
  keys: Keys,
  entity: string,
  data: T,
  expectedVersion: number,
  event: CallEvent,
): Promise<T> {
  await transact(db, [versionedPut(db, keys, entity, data, expectedVersion), callEventPut(db, t, event)], ([found]) => {
    const item = found?.item as { version?: number } | undefined;
    return new VersionConflictError(item?.version, item);
  });
  return { ...data, version: expectedVersion + 1 };
}

/** Creates an item (never replacing one: `onExists` otherwise) together with the event that records it, in one transaction. */
export async function putNewWithEvent(db: Db, t: string, keys: Keys, entity: string, data: object, event: CallEvent, onExists: () => AppError): Promise<void> {
  await transact(db, [newPut(db, keys, entity, data), callEventPut(db, t, event)], () => onExists());
}
