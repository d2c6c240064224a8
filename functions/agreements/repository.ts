/**
 * Service agreements in the single table (functions/lib/keys.ts): the agreement item with its
 * index attributes (the tenant's by call in gsi1, the organization's in gsi2).
 */
import type { Agreement } from '../../shared/agreements';
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { NotFoundError } from '../../shared/errors';
import { marshall } from '@aws-sdk/util-dynamodb';
import { getItem, newPut, queryAll, toItem, type Db } from '../lib/db';
import { keys } from '../lib/keys';

/** The key and index attributes an agreement is written with. */
export function agreementKeys(t: string, a: Pick<Agreement, 'id' | 'callId' | 'organization'>) {
  return { ...keys.agreement(t, a.id), ...keys.agreementIndex(t, a.id, a.callId, a.organization.id) };
}

const agreementNotFound = () => new NotFoundError({ fr: 'L’entente', en: 'The agreement' });

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

/** The tenant's agreements (gsi1), those of one call when `callId` is given. */
export async function listAgreements(db: Db, t: string, callId?: string): Promise<Agreement[]> {
  return queryAll<Agreement>(db, { index: 'gsi1', partition: keys.agreementsOfTenant(t), prefix: callId ? `CALL#${callId}#AGR#` : 'CALL#' });
}

/** An organization's agreements: their ids from gsi2 (which projects keys only), then each one read. */
export async function listAgreementsOfOrganization(db: Db, t: string, organizationId: string): Promise<Agreement[]> {
  const rows = await queryAll<{ gsi2sk: string }>(db, {
    index: 'gsi2',
    partition: keys.agreementsOfOrganization(t, organizationId),
    prefix: 'AGR#',
    raw: true,
  });
  const found = await Promise.all(rows.map((r) => findAgreement(db, t, r.gsi2sk.slice('AGR#'.length))));
  return found.filter((a): a is Agreement => a !== null);
}

/** A new agreement's put, conditional, for a transaction. */
export function agreementPut(db: Db, t: string, a: Agreement): TransactWriteItem {
  return newPut(db, agreementKeys(t, a), 'Agreement', a);
}

/** The conditional put that keeps one agreement per proposal and first fiscal year. */
export function agreementClaimPut(db: Db, t: string, proposalId: string, fiscalYear: number, agreementId: string): TransactWriteItem {
  return newPut(db, keys.agreementClaim(t, proposalId, fiscalYear), 'AgreementClaim', { proposalId, fiscalYear, agreementId });
}

/** What the managers' "Ententes à signer" task needs of an agreement waiting for the institution's signature. */
export interface AwaitingInstitution {
  agreementId: string;
  callId: string;
  organizationName: string;
  title: string;
  /** The amendment waiting, or null: the agreement itself. */
  amendment: number | null;
}

/** Files the agreement in the institution's queue, in the organization's signature's transaction. */
export function awaitingInstitutionPut(
  db: Db,
  t: string,
  a: Pick<Agreement, 'id' | 'callId' | 'organization' | 'object'>,
  amendment: number | null,
): TransactWriteItem {
  const entry: AwaitingInstitution = { agreementId: a.id, callId: a.callId, organizationName: a.organization.name, title: a.object.title, amendment };
  return { Put: { TableName: db.table, Item: toItem(keys.awaitingInstitution(t, a.id), 'AwaitingInstitution', entry) } };
}

/** Takes the agreement out of the institution's queue, in the institution's signature's (or the cancellation's) transaction. */
export function awaitingInstitutionDelete(db: Db, t: string, agreementId: string): TransactWriteItem {
  return { Delete: { TableName: db.table, Key: marshall(keys.awaitingInstitution(t, agreementId)) } };
}

/** The tenant's agreements waiting for the institution's signature (one Query of the queue). */
export async function listAwaitingInstitution(db: Db, t: string): Promise<AwaitingInstitution[]> {
  return queryAll<AwaitingInstitution>(db, keys.awaitingInstitutionOf(t));
}

/** What the managers' "Entente à revoir" task needs of an agreement (or amendment) the organization asked changes to. */
export interface AwaitingReview extends AwaitingInstitution {
  /** The organization's comment. */
  comment: string;
}

/** Files the agreement in the managers' review queue, in the change request's transaction. */
export function awaitingReviewPut(
  db: Db,
  t: string,
  a: Pick<Agreement, 'id' | 'callId' | 'organization' | 'object'>,
  amendment: number | null,
  comment: string,
): TransactWriteItem {
  const entry: AwaitingReview = { agreementId: a.id, callId: a.callId, organizationName: a.organization.name, title: a.object.title, amendment, comment };
  return { Put: { TableName: db.table, Item: toItem(keys.awaitingReview(t, a.id), 'AwaitingReview', entry) } };
}

/** Takes the agreement out of the review queue, when it is sent again (or declined, or the amendment cancelled). */
export function awaitingReviewDelete(db: Db, t: string, agreementId: string): TransactWriteItem {
  return { Delete: { TableName: db.table, Key: marshall(keys.awaitingReview(t, agreementId)) } };
}

/** The tenant's agreements the organizations asked changes to (one Query of the queue). */
export async function listAwaitingReview(db: Db, t: string): Promise<AwaitingReview[]> {
  return queryAll<AwaitingReview>(db, keys.awaitingReviewOf(t));
}
