/**
 * Service agreements in the single table (functions/lib/keys.ts): the agreement item with its
 * index attributes (the tenant's by call in gsi1, the organization's in gsi2).
 */
import type { Agreement } from '../../shared/agreements';
import { NotFoundError } from '../../shared/errors';
import { getItem, type Db } from '../lib/db';
import { keys } from '../lib/keys';

/** The key and index attributes an agreement is written with. */
export function agreementKeys(t: string, a: Pick<Agreement, 'id' | 'callId' | 'organization'>) {
  return { ...keys.agreement(t, a.id), ...keys.agreementIndex(t, a.id, a.callId, a.organization.id) };
}

export const agreementNotFound = () => new NotFoundError({ fr: 'L’entente', en: 'The agreement' });

export async function findAgreement(db: Db, t: string, id: string, consistent = false): Promise<Agreement | null> {
  return getItem<Agreement>(db, keys.agreement(t, id), consistent);
}

/**
 * An agreement the caller may see: staff holding `agreement:read` see every one of the tenant; an
 * organization's representative only its own (another's answers the same 404 as an unknown id).
 */
export async function agreementFor(
  db: Db,
  t: string,
  id: string,
  member: { permissions: Set<string>; organizationId: string | null },
  consistent = false,
): Promise<Agreement> {
  const a = await findAgreement(db, t, id, consistent);
  if (!a) throw agreementNotFound();
  if (member.permissions.has('agreement:read')) return a;
  if (member.organizationId && member.permissions.has('agreement:own') && a.organization.id === member.organizationId && a.status !== 'draft') return a;
  throw agreementNotFound();
}
