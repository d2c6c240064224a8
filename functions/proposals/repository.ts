/**
 * Proposals live in their call's item collection and in their organization's
 * (gsi1). Once submitted, a proposal also carries a compact `row` and the
 * keys of the call's sparse submissions index (gsi2), which projects only the
 * rows: a page of submissions reads small items and never sees drafts. Every
 * submission writes an immutable version item in the same transaction as the
 * proposal, with a condition on the call item that enforces the deadline
 * atomically.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { submissionRow, type Proposal, type ProposalVersion, type SubmissionRow } from '../../shared/domain';
import { formatDateTime, windowPhase } from '../../shared/dates';
import { type AppError, DeadlineError, NotFoundError, VersionConflictError } from '../../shared/errors';
import { getItem, newPut, putNew, queryAll, queryPage, transact, transactInWindow, versionedPut, type Db, type WindowCondition } from '../lib/db';
import { keys } from '../lib/keys';
import { callEventPut } from '../lib/call-history';
import type { CallEvent } from '../../shared/call-history';
import type { StoredCall } from '../../shared/domain';
import { isOpenTo } from '../../shared/call-access';

const ENTITY = 'Proposal';

/** The keys a proposal is stored under and what is stored: with its row once submitted. */
export function stored(tenantId: string, p: Proposal) {
  const row = submissionRow(p);
  const k = { ...keys.proposal(tenantId, p.callId, p.id), ...keys.proposalIndex(tenantId, p.callId, p.id, p.organizationId) };
  return row ? { keys: { ...k, ...keys.submissionIndex(tenantId, p.callId, p.id) }, data: { ...p, row } } : { keys: k, data: p };
}

/** Replaces a proposal at `expectedVersion`, its row carrying the version it will have. */
export function proposalPut(db: Db, tenantId: string, next: Proposal, expectedVersion: number): TransactWriteItem {
  const s = stored(tenantId, { ...next, version: expectedVersion + 1 });
  return versionedPut(db, s.keys, ENTITY, s.data, expectedVersion);
}

export async function getProposalById(db: Db, tenantId: string, callId: string, id: string): Promise<Proposal> {
  const found = await getItem<Proposal>(db, keys.proposal(tenantId, callId, id));
  if (!found) throw new NotFoundError({ fr: 'Le projet', en: 'The proposal' });
  return found;
}

/** A call's submissions (never drafts), a page of rows at a time, by proposal id. */
export async function listSubmissionRows(db: Db, tenantId: string, callId: string, page: { cursor?: string | undefined; limit?: number | undefined }) {
  const result = await queryPage<{ row: SubmissionRow }>(db, {
    index: 'gsi2',
    partition: keys.submissionsOfCall(tenantId, callId),
    limit: page.limit ?? 50,
    cursor: page.cursor,
    raw: true,
  });
  return { items: result.items.map((i) => i.row), cursor: result.cursor };
}

export async function listAllSubmissionRows(db: Db, tenantId: string, callId: string): Promise<SubmissionRow[]> {
  const items = await queryAll<{ row: SubmissionRow }>(db, { index: 'gsi2', partition: keys.submissionsOfCall(tenantId, callId), raw: true });
  return items.map((i) => i.row);
}

/** A submission screening found eligible (and not withdrawn): what the table scores, fits and votes on. */
export const isEligibleRow = (r: SubmissionRow) => r.status === 'submitted' && r.screeningOutcome === 'eligible';

export async function listEligibleRows(db: Db, tenantId: string, callId: string): Promise<SubmissionRow[]> {
  return (await listAllSubmissionRows(db, tenantId, callId)).filter(isEligibleRow);
}

export async function listProposalsOfOrganization(db: Db, tenantId: string, organizationId: string): Promise<Proposal[]> {
  return queryAll<Proposal>(db, { index: 'gsi1', partition: keys.proposalsOfOrganization(tenantId, organizationId) });
}

export async function listVersionsOfProposal(db: Db, tenantId: string, proposalId: string): Promise<ProposalVersion[]> {
  return queryAll<ProposalVersion>(db, { ...keys.proposalVersions(tenantId, proposalId), consistent: true });
}

/** One submitted version of a proposal. */
export async function getProposalVersion(db: Db, tenantId: string, proposalId: string, n: number): Promise<ProposalVersion> {
  const found = await getItem<ProposalVersion>(db, keys.proposalVersion(tenantId, proposalId, n));
  if (!found) throw new NotFoundError({ fr: 'Cette version du projet', en: 'This version of the proposal' });
  return found;
}

export async function createProposal(db: Db, tenantId: string, proposal: Proposal): Promise<Proposal> {
  const s = stored(tenantId, proposal);
  await putNew(db, s.keys, ENTITY, s.data, () => new VersionConflictError(undefined));
  return proposal;
}

/** Explains why the call's window refused a write, from the call item found. */
export function deadlineRefusal(call: Pick<StoredCall, 'opensAt' | 'closesAt' | 'status'>, now: Date): AppError {
  const phase = call.status !== 'published' ? 'unpublished' : windowPhase(call.opensAt, call.closesAt, now);
  if (phase === 'upcoming' || phase === 'unpublished') {
    return new DeadlineError(
      {
        fr: `L’appel n’est pas encore ouvert${phase === 'upcoming' ? ` ; il ouvrira le ${formatDateTime(call.opensAt, 'fr')} (heure de Montréal)` : ''}.`,
        en: `The call is not open yet${phase === 'upcoming' ? `; it opens on ${formatDateTime(call.opensAt, 'en')} (Montreal time)` : ''}.`,
      },
      { opensAt: call.opensAt, closesAt: call.closesAt, phase },
    );
  }
  return new DeadlineError(
    {
      fr: `L’appel a fermé le ${formatDateTime(call.closesAt, 'fr')} (heure de Montréal) : les dépôts et les modifications ne sont plus acceptés.`,
      en: `The call closed on ${formatDateTime(call.closesAt, 'en')} (Montreal time): submissions and changes are no longer accepted.`,
    },
    { opensAt: call.opensAt, closesAt: call.closesAt, phase },
  );
}

const CALL_NOT_FOUND = { fr: 'L’appel de projets', en: 'The call for projects' };

/**
 * The call takes this organization's submissions: published, `opensAt ≤ now < closesAt`, and open to
 * every organization or inviting this one, all evaluated by DynamoDB at write time (a call stored before
 * invitations has no `access`: open). An organization the call does not invite is told the call does not exist.
 */
function callOpen(tenantId: string, callId: string, organizationId: string, now: Date): WindowCondition {
  return {
    key: keys.call(tenantId, callId),
    status: 'published',
    opensAt: 'opensAt',
    and: {
      expression: '(attribute_not_exists(access) OR access <> :invitedAccess OR contains(invitedOrganizationIds, :organizationId))',
      values: { ':invitedAccess': 'invited', ':organizationId': organizationId },
    },
    refusal: (call) => {
      if (call && !isOpenTo(call as Pick<StoredCall, 'access' | 'invitedOrganizationIds'>, organizationId)) return new NotFoundError(CALL_NOT_FOUND);
      return deadlineRefusal(call as unknown as StoredCall, now);
    },
    missing: CALL_NOT_FOUND,
  };
}

/** A stale proposal: the conflict carries the one found. */
function proposalConflict([proposal]: { item: Record<string, unknown> | undefined }[]): AppError {
  const found = proposal?.item as Proposal | undefined;
  return new VersionConflictError(found?.version, found);
}

/** Replaces a proposal while its call is open (draft saves). */
export async function replaceProposalWhileOpen(db: Db, tenantId: string, next: Proposal, expectedVersion: number, now: Date): Promise<Proposal> {
  await transactInWindow(
    db,
    callOpen(tenantId, next.callId, next.organizationId, now),
    now,
    [proposalPut(db, tenantId, next, expectedVersion)],
    proposalConflict,
  );
  return { ...next, version: expectedVersion + 1 };
}

/** Submits: the proposal and its new immutable version, while the call is open. */
export async function submitProposalVersion(
  db: Db,
  tenantId: string,
  next: Proposal,
  version: ProposalVersion,
  expectedVersion: number,
  now: Date,
): Promise<Proposal> {
  await transactInWindow(
    db,
    callOpen(tenantId, next.callId, next.organizationId, now),
    now,
    [proposalPut(db, tenantId, next, expectedVersion), newPut(db, keys.proposalVersion(tenantId, next.id, version.number), 'ProposalVersion', version)],
    proposalConflict,
  );
  return { ...next, version: expectedVersion + 1 };
}

/** Replaces a proposal whatever the call's window (withdrawal, screening), with the call's history event of the change when it has one. */
export async function replaceProposal(db: Db, tenantId: string, next: Proposal, expectedVersion: number, event?: CallEvent): Promise<Proposal> {
  await transact(db, [proposalPut(db, tenantId, next, expectedVersion), ...(event ? [callEventPut(db, tenantId, event)] : [])], proposalConflict);
  return { ...next, version: expectedVersion + 1 };
}
