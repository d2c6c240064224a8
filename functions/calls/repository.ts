/** Calls for projects: get by id, list a tenant's (optionally of one envelope), create, replace at a version. */
import type { Call } from '../../shared/domain';
import { windowPhase } from '../../shared/dates';
import { AlreadyExistsError, NotFoundError } from '../../shared/errors';
import { getItem, putNew, putVersioned, queryAll, type Db } from '../lib/db';
import { keys } from '../lib/keys';

/** As stored: calls written before deadline extensions existed have no `extensions`. */
export type StoredCall = Omit<Call, 'phase' | 'extensions'> & { extensions?: Call['extensions'] };

const ENTITY = 'Call';

function callKeys(tenantId: string, call: StoredCall) {
  return { ...keys.call(tenantId, call.id), ...keys.callIndex(tenantId, call.id, call.envelopeId) };
}

export function withPhase(call: StoredCall, now: Date): Call {
  return { ...call, extensions: call.extensions ?? [], phase: windowPhase(call.opensAt, call.closesAt, now) };
}

export async function getCallById(db: Db, tenantId: string, id: string): Promise<StoredCall> {
  const found = await getItem<StoredCall>(db, keys.call(tenantId, id));
  if (!found) throw new NotFoundError({ fr: 'L’appel de projets', en: 'The call for projects' });
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

export async function createCall(db: Db, tenantId: string, call: StoredCall): Promise<StoredCall> {
  await putNew(db, callKeys(tenantId, call), ENTITY, call, () =>
    new AlreadyExistsError({ fr: 'Un appel porte déjà cet identifiant.', en: 'A call already has this id.' }),
  );
  return call;
}

export async function replaceCall(db: Db, tenantId: string, call: StoredCall, expectedVersion: number): Promise<StoredCall> {
  return putVersioned(db, callKeys(tenantId, call), ENTITY, call, expectedVersion);
}
