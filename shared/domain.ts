/**
 * The shapes the API returns, shared by the functions and the web app.
 * Stored items carry the same fields plus their keys (see docs/data-model.md).
 */
import type { EnvelopeComputation } from './envelope';
import type { WindowPhase } from './dates';
import type { CallNeed } from './needs';
import type { Role } from './permissions';
import type { ProposalContent, ProposalDraft } from './schemas/proposal';
import type { CreateEnvelopeInput } from './schemas/envelope';
import type { CreateOrganizationInput } from './schemas/organization';

export interface Audit {
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface Envelope extends CreateEnvelopeInput, Audit {
  id: string;
  computation: EnvelopeComputation;
  /** What the envelope's calls promise, in cents: the sum of their `amountAvailable`. */
  committed: number;
  /**
   * `computation.available − committed`, stored beside `committed` and changed in the same write,
   * because a DynamoDB condition compares but cannot add: a call's create checks `remaining >= :amount`.
   */
  remaining: number;
  /**
   * The ledger (issue 14), changed only by signatures, amendments, payments and carry-overs, each in its
   * own transaction: what signed agreements commit, what was paid, and `available − ledgerCommitted`
   * (every signature is conditioned on `ledgerRemaining >= :amount`). Absent on envelopes from before:
   * 0, 0 and the amount available (`ledgerOf`), written on the first ledger change.
   */
  ledgerCommitted?: number;
  ledgerPaid?: number;
  ledgerRemaining?: number;
  /** A carry-over recorded by the ledger from the previous year's envelope, with its reason. */
  carriedIn?: { cents: number; fromFiscalYear: number; fromEnvelopeId: string; reason: string; at: string; by: string } | null;
  /** The unspent balance carried over to the next year's envelope, with its reason. */
  carriedOut?: { cents: number; toFiscalYear: number; toEnvelopeId: string; reason: string; at: string; by: string } | null;
}

/** An envelope's books: the ledger totals, with their defaults for an envelope that never had a ledger change. */
export function ledgerOf(e: Pick<Envelope, 'computation' | 'ledgerCommitted' | 'ledgerPaid' | 'ledgerRemaining'>) {
  const committed = e.ledgerCommitted ?? 0;
  const paid = e.ledgerPaid ?? 0;
  return { available: e.computation.available, committed, paid, remaining: e.ledgerRemaining ?? e.computation.available - committed, toPay: committed - paid };
}

export interface EligibilityCriterion {
  id: string;
  label: string;
  description: string;
}

type CallStatus = 'draft' | 'published';

interface CallExtension {
  at: string;
  by: string;
  /** The closing time before and after the extension. */
  from: string;
  to: string;
  reason: string;
}

/** Who may read and answer a call: every organization of the tenant, or only those invited. */
export type CallAccess = 'open' | 'invited';

/** One change of a call's invited organizations: who, when, which were added (and, on a draft, removed). */
interface CallInvitationChange {
  at: string;
  by: string;
  added: string[];
  removed: string[];
}

export interface Call extends Audit {
  id: string;
  envelopeId: string;
  title: string;
  description: string;
  amountAvailable: number;
  maxRequest: number;
  eligibilityCriteria: EligibilityCriterion[];
  opensAt: string;
  closesAt: string;
  allowedDurations: [1] | [1, 2];
  status: CallStatus;
  publishedAt: string | null;
  needsFrom: { studyId: string; roundId: string } | null;
  /** The retained needs proposals answer, copied from the round when the call was saved. */
  needs: CallNeed[];
  /** Deadline extensions of the published call, oldest first: everyone who reads the call sees them. */
  extensions: CallExtension[];
  /** `open` to every organization of the tenant, or `invited`: only `invitedOrganizationIds` read and answer it. */
  access: CallAccess;
  /** The invited organizations (empty for an open call); once published the list only grows. */
  invitedOrganizationIds: string[];
  /** Every change of the invited organizations, oldest first (staff only: an organization sees none). */
  invitations: CallInvitationChange[];
  /** The concertation table that scores and votes on the call; null or absent (calls from before tables): every member of the tenant. */
  tableId?: string | null;
  /** Derived from the dates and the server's clock when the call is read. */
  phase: WindowPhase;
}

/**
 * A call as stored: calls written before deadline extensions existed have no `extensions`; those written
 * before calls by invitation have no `access`, `invitedOrganizationIds` nor `invitations` (read as open).
 */
export type StoredCall = Omit<Call, 'phase' | 'extensions' | 'access' | 'invitedOrganizationIds' | 'invitations'> & {
  extensions?: Call['extensions'];
  access?: CallAccess;
  invitedOrganizationIds?: string[];
  invitations?: Call['invitations'];
};

export interface Organization extends CreateOrganizationInput, Audit {
  id: string;
}

export type ProposalStatus = 'draft' | 'submitted' | 'withdrawn';
export type ScreeningOutcome = 'eligible' | 'ineligible';

export interface Screening {
  outcome: ScreeningOutcome;
  results: { criterionId: string; label: string; met: boolean; reason: string }[];
  proposalVersionNumber: number;
  screenedAt: string;
  screenedBy: string;
  screenedByName: string;
}

export interface Proposal extends Audit {
  id: string;
  callId: string;
  organizationId: string;
  organizationName: string;
  status: ProposalStatus;
  /** Work in progress, only seen by the organization. */
  draft: ProposalDraft;
  /** The last submitted content; null until first submitted. */
  content: ProposalContent | null;
  /** How many versions were submitted (1 after the first submission). */
  submittedVersions: number;
  submittedAt: string | null;
  withdrawnAt: string | null;
  /** The screening of the version submitted last; null until it is screened. */
  screening: Screening | null;
  /**
   * The last screening of an earlier version, when the organization submitted
   * a new version before the deadline: that screening no longer covers what
   * would be scored, so the proposal awaits screening again, and both the
   * screener and the organization see which version was screened. Absent on
   * proposals stored before it existed.
   */
  earlierScreening?: Screening | null;
}

/**
 * What a new submitted version does to the screening: the screening of the
 * previous version is kept aside (it says which version it covered) and the
 * proposal awaits screening again. Never silent: `displayStatus` says
 * `rescreen`.
 */
export function supersedeScreening(p: Pick<Proposal, 'screening' | 'earlierScreening'>): Pick<Proposal, 'screening' | 'earlierScreening'> {
  return { screening: null, earlierScreening: p.screening ?? p.earlierScreening ?? null };
}

export interface ProposalVersion {
  proposalId: string;
  number: number;
  content: ProposalContent;
  submittedAt: string;
  submittedBy: string;
}

export interface Membership {
  tenantId: string;
  tenantName: string;
  userId: string;
  name: string;
  email: string;
  roles: Role[];
  organizationId: string | null;
  /** A deactivated person keeps their history (sheets, ballots, decisions) but can no longer act. Absent on memberships from before: active. */
  status?: 'active' | 'deactivated';
  /** Optimistic concurrency on role changes. Absent on memberships from before: version 1. */
  version?: number;
  /** The language the person's messages are written in. Absent: French. */
  language?: 'fr' | 'en';
}

/** Whether a membership may act (deactivated people keep their history but do nothing more). */
export const isActiveMembership = (m: Pick<Membership, 'status'>): boolean => m.status !== 'deactivated';

/**
 * What the web app reads from `/config.json` at start: where to sign in.
 * Locally the development issuer's endpoints; in AWS, Cognito's hosted pages.
 * URLs may be relative to the web app's origin.
 */
export interface WebConfig {
  auth: {
    authorizeUrl: string;
    tokenUrl: string;
    clientId: string;
    scope: string;
    /** Where to end the provider's session on sign-out; null when there is none to end. */
    logoutUrl: string | null;
  };
}

/** A demo account the local development issuer can sign in as. */
export interface DemoAccountInfo {
  sub: string;
  name: string;
  email: string;
  /** What the account is for, shown on the local sign-in page. */
  description: { fr: string; en: string };
}

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

/**
 * What a list of a call's submissions shows of each proposal: small enough
 * that a page of them is cheap to read. Drafts have none.
 */
export interface SubmissionRow {
  id: string;
  organizationId: string;
  organizationName: string;
  title: string;
  requested: number;
  minimum: number;
  durationYears: 1 | 2;
  status: Exclude<ProposalStatus, 'draft'>;
  screeningOutcome: ScreeningOutcome | null;
  /** A screening covered an earlier version only: to screen again (absent on older rows). */
  rescreen?: boolean;
  submittedAt: string;
  submittedVersions: number;
  version: number;
  needIds: string[];
}

export function submissionRow(p: Proposal): SubmissionRow | null {
  if (p.status === 'draft' || !p.content || !p.submittedAt) return null;
  return {
    id: p.id,
    organizationId: p.organizationId,
    organizationName: p.organizationName,
    title: p.content.title,
    requested: p.content.requested,
    minimum: p.content.minimum,
    durationYears: p.content.durationYears,
    status: p.status,
    screeningOutcome: p.screening?.outcome ?? null,
    rescreen: !p.screening && Boolean(p.earlierScreening),
    submittedAt: p.submittedAt,
    submittedVersions: p.submittedVersions,
    version: p.version,
    needIds: p.content.needIds ?? [],
  };
}

export interface SubmissionsSummary {
  amountAvailable: number;
  totalRequested: number;
  submittedCount: number;
  /** totalRequested − amountAvailable when positive: how far requests exceed the call. */
  excess: number;
  byStatus: Record<'submitted' | 'eligible' | 'ineligible' | 'withdrawn', number>;
  /** Per retained need of the call: how many proposals (not ineligible, not withdrawn) answer it and what they request. */
  byNeed: { needId: string; statement: string; proposals: number; requested: number }[];
}

/**
 * What a person sees as a proposal's state: the screening outcome when there
 * is one; `rescreen` when only an earlier version was screened.
 */
export function displayStatus(
  p: Pick<Proposal, 'status' | 'screening' | 'earlierScreening'> | Pick<SubmissionRow, 'status' | 'screeningOutcome' | 'rescreen'>,
): ProposalStatus | ScreeningOutcome | 'rescreen' {
  const outcome = 'screeningOutcome' in p ? p.screeningOutcome : p.screening?.outcome;
  const rescreen = 'screeningOutcome' in p ? p.rescreen === true : !p.screening && Boolean(p.earlierScreening);
  if (p.status === 'submitted' && outcome) return outcome;
  if (p.status === 'submitted' && rescreen) return 'rescreen';
  return p.status;
}
