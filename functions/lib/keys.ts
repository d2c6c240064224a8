/**
 * Every key of the single table, in one place. A primary key is built from
 * identifiers alone; the index attributes an item is written with come from
 * their own builders, so a read never needs values it does not have. Partition keys of tenant data
 * start with `T#<tenantId>`, so a key built from another tenant's id can only
 * miss. See docs/data-model.md for the access patterns each key serves.
 */
import type { Keys } from './db';

const pad = (n: number) => String(n).padStart(6, '0');

export const keys = {
  tenant: (t: string): Keys => ({ pk: `T#${t}`, sk: 'TENANT' }),
  /** Index attributes written with a tenant: every tenant, for the jobs that visit each one (the reminders), without a Scan. */
  tenantIndex: (t: string) => ({ gsi1pk: 'TENANTS', gsi1sk: `T#${t}` }),
  tenants: 'TENANTS',
  /** A start-up migration done on this table (functions/local/migrations.ts): later starts skip it. */
  migration: (name: string): Keys => ({ pk: 'MIGRATION', sk: name }),
  membership: (userId: string, t: string): Keys => ({
    pk: `USER#${userId}`,
    sk: `T#${t}`,
    gsi1pk: `T#${t}#MEMBERS`,
    gsi1sk: `USER#${userId}`,
  }),
  userMemberships: (userId: string) => `USER#${userId}`,
  membersOfTenant: (t: string) => `T#${t}#MEMBERS`,
  envelope: (t: string, id: string): Keys => ({ pk: `T#${t}#ENV#${id}`, sk: 'ENVELOPE' }),
  /** Index attributes written with an envelope: a tenant's envelopes by fiscal year. */
  envelopeIndex: (t: string, id: string, fiscalYear: number) => ({ gsi1pk: `T#${t}#ENVELOPES`, gsi1sk: `FY#${fiscalYear}#ENV#${id}` }),
  envelopesOfTenant: (t: string) => `T#${t}#ENVELOPES`,
  call: (t: string, id: string): Keys => ({ pk: `T#${t}#CALL#${id}`, sk: 'CALL' }),
  /** Index attributes written with a call: a tenant's calls, grouped by envelope. */
  callIndex: (t: string, id: string, envelopeId: string) => ({ gsi1pk: `T#${t}#CALLS`, gsi1sk: `ENV#${envelopeId}#CALL#${id}` }),
  callsOfTenant: (t: string) => `T#${t}#CALLS`,
  organization: (t: string, id: string): Keys => ({
    pk: `T#${t}#ORG#${id}`,
    sk: 'ORGANIZATION',
    gsi1pk: `T#${t}#ORGS`,
    gsi1sk: `ORG#${id}`,
  }),
  organizationsOfTenant: (t: string) => `T#${t}#ORGS`,
  /** Guards the uniqueness of an NEQ within a tenant. */
  neqClaim: (t: string, neq: string): Keys => ({ pk: `T#${t}#NEQ#${neq}`, sk: 'NEQ' }),
  proposal: (t: string, callId: string, id: string): Keys => ({ pk: `T#${t}#CALL#${callId}`, sk: `PROP#${id}` }),
  /** Index attributes written with a proposal: an organization's proposals. */
  proposalIndex: (t: string, callId: string, id: string, organizationId: string) => ({
    gsi1pk: `T#${t}#ORG#${organizationId}#PROPS`,
    gsi1sk: `CALL#${callId}#PROP#${id}`,
  }),
  proposalsOfCall: (t: string, callId: string) => ({ partition: `T#${t}#CALL#${callId}`, prefix: 'PROP#' }),
  /** Index attributes of a submitted proposal: its row in the call's sparse submissions index (gsi2). */
  submissionIndex: (t: string, callId: string, id: string) => ({ gsi2pk: `T#${t}#CALL#${callId}#SUBMISSIONS`, gsi2sk: `PROP#${id}` }),
  submissionsOfCall: (t: string, callId: string) => `T#${t}#CALL#${callId}#SUBMISSIONS`,
  proposalsOfOrganization: (t: string, organizationId: string) => `T#${t}#ORG#${organizationId}#PROPS`,
  study: (t: string, id: string): Keys => ({ pk: `T#${t}#STUDY#${id}`, sk: 'STUDY', gsi1pk: `T#${t}#STUDIES`, gsi1sk: `STUDY#${id}` }),
  studiesOfTenant: (t: string) => `T#${t}#STUDIES`,
  need: (t: string, studyId: string, id: string): Keys => ({ pk: `T#${t}#STUDY#${studyId}`, sk: `NEED#${id}` }),
  needsOfStudy: (t: string, studyId: string) => ({ partition: `T#${t}#STUDY#${studyId}`, prefix: 'NEED#' }),
  round: (t: string, studyId: string, id: string): Keys => ({ pk: `T#${t}#STUDY#${studyId}`, sk: `ROUND#${id}` }),
  roundsOfStudy: (t: string, studyId: string) => ({ partition: `T#${t}#STUDY#${studyId}`, prefix: 'ROUND#' }),
  /** One ballot per member and round: the key is the member. */
  ballot: (t: string, roundId: string, userId: string): Keys => ({ pk: `T#${t}#ROUND#${roundId}`, sk: `BALLOT#${userId}` }),
  ballotsOfRound: (t: string, roundId: string) => ({ partition: `T#${t}#ROUND#${roundId}`, prefix: 'BALLOT#' }),
  /** The public consultation's link: an unguessable token, resolved without a tenant in the address. */
  consultationLink: (token: string): Keys => ({ pk: `CONSULT#${token}`, sk: 'LINK' }),
  /** Answers received in one minute through one link (rate limit). */
  consultationRate: (token: string, minute: number): Keys => ({ pk: `CONSULT#${token}`, sk: `RATE#${minute}` }),
  answer: (t: string, studyId: string, id: string): Keys => ({ pk: `T#${t}#STUDY#${studyId}#ANSWERS`, sk: `ANSWER#${id}` }),
  answersOfStudy: (t: string, studyId: string) => ({ partition: `T#${t}#STUDY#${studyId}#ANSWERS`, prefix: 'ANSWER#' }),
  /** A call's scoring grid lives in the call's collection. */
  grid: (t: string, callId: string): Keys => ({ pk: `T#${t}#CALL#${callId}`, sk: 'GRID' }),
  gridTemplate: (t: string, id: string): Keys => ({ pk: `T#${t}#GRID-TEMPLATES`, sk: `TPL#${id}` }),
  gridTemplates: (t: string) => ({ partition: `T#${t}#GRID-TEMPLATES`, prefix: 'TPL#' }),
  /** The organizations a member has ties with (automatic recusal). */
  conflicts: (t: string, userId: string): Keys => ({ pk: `T#${t}#CONFLICTS`, sk: `USER#${userId}` }),
  conflictsOfTenant: (t: string) => ({ partition: `T#${t}#CONFLICTS`, prefix: 'USER#' }),
  recusal: (t: string, callId: string, proposalId: string, userId: string): Keys => ({
    pk: `T#${t}#CALL#${callId}#RECUSALS`,
    sk: `PROP#${proposalId}#USER#${userId}`,
  }),
  recusalsOfCall: (t: string, callId: string) => ({ partition: `T#${t}#CALL#${callId}#RECUSALS`, prefix: 'PROP#' }),
  /** An evaluator's full sheet on a proposal, comments included. */
  sheet: (t: string, callId: string, proposalId: string, evaluatorId: string): Keys => ({
    pk: `T#${t}#CALL#${callId}#SHEETS`,
    sk: `PROP#${proposalId}#USER#${evaluatorId}`,
  }),
  /** One item per evaluator holding every value they gave on the call: the results read a few items, not one per sheet. */
  ledger: (t: string, callId: string, evaluatorId: string): Keys => ({ pk: `T#${t}#CALL#${callId}#LEDGERS`, sk: `USER#${evaluatorId}` }),
  ledgersOfCall: (t: string, callId: string) => ({ partition: `T#${t}#CALL#${callId}#LEDGERS`, prefix: 'USER#' }),
  scoringEvent: (t: string, callId: string, at: string, id: string): Keys => ({ pk: `T#${t}#CALL#${callId}#SCORING-LOG`, sk: `${at}#${id}` }),
  scoringLog: (t: string, callId: string) => ({ partition: `T#${t}#CALL#${callId}#SCORING-LOG`, prefix: '' }),
  scenario: (t: string, callId: string, id: string): Keys => ({ pk: `T#${t}#CALL#${callId}#SCENARIOS`, sk: `SCEN#${id}` }),
  scenariosOfCall: (t: string, callId: string) => ({ partition: `T#${t}#CALL#${callId}#SCENARIOS`, prefix: 'SCEN#' }),
  /** A call's revision round (one at a time) lives in the call's collection. */
  revision: (t: string, callId: string): Keys => ({ pk: `T#${t}#CALL#${callId}`, sk: 'REVISION' }),
  revisionAnswer: (t: string, callId: string, proposalId: string): Keys => ({ pk: `T#${t}#CALL#${callId}#REVISION-ANSWERS`, sk: `PROP#${proposalId}` }),
  revisionAnswersOfCall: (t: string, callId: string) => ({ partition: `T#${t}#CALL#${callId}#REVISION-ANSWERS`, prefix: 'PROP#' }),
  /** The members' approval vote on a call's proposals (participatory budgeting rules). */
  pbVote: (t: string, callId: string): Keys => ({ pk: `T#${t}#CALL#${callId}`, sk: 'PBVOTE' }),
  pbBallot: (t: string, callId: string, userId: string): Keys => ({ pk: `T#${t}#CALL#${callId}#PB-BALLOTS`, sk: `USER#${userId}` }),
  pbBallotsOfCall: (t: string, callId: string) => ({ partition: `T#${t}#CALL#${callId}#PB-BALLOTS`, prefix: 'USER#' }),
  /** Refused approvals (a recused member approving a proposal), for the minutes. */
  pbVoteEvent: (t: string, callId: string, at: string, id: string): Keys => ({ pk: `T#${t}#CALL#${callId}#PB-LOG`, sk: `${at}#${id}` }),
  pbVoteLog: (t: string, callId: string) => ({ partition: `T#${t}#CALL#${callId}#PB-LOG`, prefix: '' }),
  /** A person's notification preferences in a tenant: the non-essential kinds they turned off. */
  notificationPreferences: (t: string, userId: string): Keys => ({ pk: `T#${t}#NOTIFY-PREFS`, sk: `USER#${userId}` }),
  /**
   * A deadline reminder sent (or being sent) to one person for one thing closing at one instant: created
   * conditionally before the message goes, so a reminder goes once however often the job runs. A later
   * deadline (a call extended) is a new thing to remind of. Expires through the table's TTL.
   */
  reminderSent: (t: string, thing: string, closesAt: string, userId: string): Keys => ({
    pk: `T#${t}#REMINDERS`,
    sk: `${thing}#${closesAt}#USER#${userId}`,
  }),
  /** The local outbox (development and tests only; in AWS messages go to SQS): one partition, newest last by sort key. */
  outboxMessage: (at: string, id: string): Keys => ({ pk: 'OUTBOX', sk: `MSG#${at}#${id}` }),
  outbox: 'OUTBOX',
  // ── People and access (issue 12) ──
  /** The record of changes to people (invitations, roles, deactivations): who, what, when. Newest last by sort key. */
  peopleEvent: (t: string, at: string, id: string): Keys => ({ pk: `T#${t}#PEOPLE-LOG`, sk: `${at}#${id}` }),
  peopleLog: (t: string) => ({ partition: `T#${t}#PEOPLE-LOG`, prefix: '' }),
  /** An invitation, and the tenant's invitations (gsi1). */
  invitation: (t: string, id: string): Keys => ({ pk: `T#${t}#INVITE#${id}`, sk: 'INVITATION', gsi1pk: `T#${t}#INVITATIONS`, gsi1sk: `INVITE#${id}` }),
  invitationsOfTenant: (t: string) => `T#${t}#INVITATIONS`,
  /** An invitation's token, by its SHA-256 (the token itself is never stored): resolved without a tenant in the address. */
  invitationToken: (tokenHash: string): Keys => ({ pk: `INVITE-TOKEN#${tokenHash}`, sk: 'TOKEN' }),
  /** One pending invitation per email and tenant: the key is the email's SHA-256 (an email may hold `#`). */
  invitationEmailClaim: (t: string, emailHash: string): Keys => ({ pk: `T#${t}#INVITE-EMAIL#${emailHash}`, sk: 'CLAIM' }),
  /**
   * A pending invitation, filed under its addressee's email (the SHA-256 of the trimmed, lower-cased address):
   * a signed-in person finds the invitations addressed to them, in every tenant, without a Scan. Written with
   * the invitation, deleted when it is accepted or cancelled; it holds ids only, the invitation is read for the rest.
   */
  invitationForEmail: (emailHash: string, t: string, id: string): Keys => ({ pk: `INVITE-FOR#${emailHash}`, sk: `T#${t}#INVITE#${id}` }),
  invitationsForEmail: (emailHash: string) => ({ partition: `INVITE-FOR#${emailHash}`, prefix: 'T#' }),
  /** Accounts the local issuer learned at run time (local and tests only; in AWS Cognito holds them). */
  localAccount: (sub: string): Keys => ({ pk: 'LOCAL-ACCOUNTS', sk: `SUB#${sub}` }),
  localAccounts: { partition: 'LOCAL-ACCOUNTS', prefix: 'SUB#' },
  /** A concertation table, and the tenant's tables (gsi1). Its members are inside the item. */
  table: (t: string, id: string): Keys => ({ pk: `T#${t}#TABLE#${id}`, sk: 'TABLE', gsi1pk: `T#${t}#TABLES`, gsi1sk: `TABLE#${id}` }),
  tablesOfTenant: (t: string) => `T#${t}#TABLES`,
  // ── Recommendation, adoption, decision, history (issue 13) ──
  /** A call's history: one append-only event per state change, written in the change's own transaction. Oldest first by sort key. */
  callEvent: (t: string, callId: string, at: string, id: string): Keys => ({ pk: `T#${t}#CALL#${callId}#HISTORY`, sk: `${at}#${id}` }),
  callHistory: (t: string, callId: string) => ({ partition: `T#${t}#CALL#${callId}#HISTORY`, prefix: '' }),
  /** The call's current recommendation (its latest version), in the call's collection. */
  recommendation: (t: string, callId: string): Keys => ({ pk: `T#${t}#CALL#${callId}`, sk: 'RECOMMENDATION' }),
  /** Every version of the recommendation as it was when replaced or put to a vote (kept whole, never changed). */
  recommendationVersion: (t: string, callId: string, n: number): Keys => ({ pk: `T#${t}#CALL#${callId}#RECOMMENDATIONS`, sk: `V#${pad(n)}` }),
  recommendationVersions: (t: string, callId: string) => ({ partition: `T#${t}#CALL#${callId}#RECOMMENDATIONS`, prefix: 'V#' }),
  /** The table's vote on the recommendation (one at a time; a new version is voted again), in the call's collection. */
  adoptionVote: (t: string, callId: string): Keys => ({ pk: `T#${t}#CALL#${callId}`, sk: 'ADOPTION-VOTE' }),
  /** One ballot per member and vote: the key is the vote's recommendation version and the member. */
  adoptionBallot: (t: string, callId: string, n: number, userId: string): Keys => ({
    pk: `T#${t}#CALL#${callId}#ADOPTION-BALLOTS`,
    sk: `V#${pad(n)}#USER#${userId}`,
  }),
  adoptionBallotsOf: (t: string, callId: string, n: number) => ({ partition: `T#${t}#CALL#${callId}#ADOPTION-BALLOTS`, prefix: `V#${pad(n)}#USER#` }),
  /** The minutes (procès-verbal) of each vote or consensus, by recommendation version. */
  minutes: (t: string, callId: string, n: number): Keys => ({ pk: `T#${t}#CALL#${callId}#MINUTES`, sk: `V#${pad(n)}` }),
  minutesOfCall: (t: string, callId: string) => ({ partition: `T#${t}#CALL#${callId}#MINUTES`, prefix: 'V#' }),
  /** The institution's decision on a call (amendments inside it, the original kept), in the call's collection. */
  decision: (t: string, callId: string): Keys => ({ pk: `T#${t}#CALL#${callId}`, sk: 'DECISION' }),
  /** Index attributes written with a decision: the tenant's decided calls, for the public results list. */
  decisionIndex: (t: string, callId: string) => ({ gsi1pk: `T#${t}#DECISIONS`, gsi1sk: `CALL#${callId}` }),
  decisionsOfTenant: (t: string) => `T#${t}#DECISIONS`,
  proposalVersion: (t: string, proposalId: string, n: number): Keys => ({ pk: `T#${t}#PROP#${proposalId}`, sk: `V#${pad(n)}` }),
  proposalVersions: (t: string, proposalId: string) => ({ partition: `T#${t}#PROP#${proposalId}`, prefix: 'V#' }),
  // ── Agreements, payments and the envelope ledger (issue 14) ──
  /** A service agreement; its index attributes come from `agreementIndex`. */
  agreement: (t: string, id: string): Keys => ({ pk: `T#${t}#AGR#${id}`, sk: 'AGREEMENT' }),
  /** Index attributes written with an agreement: the tenant's agreements by call (gsi1), an organization's agreements (gsi2). */
  agreementIndex: (t: string, id: string, callId: string, organizationId: string) => ({
    gsi1pk: `T#${t}#AGREEMENTS`,
    gsi1sk: `CALL#${callId}#AGR#${id}`,
    gsi2pk: `T#${t}#ORG#${organizationId}#AGREEMENTS`,
    gsi2sk: `AGR#${id}`,
  }),
  agreementsOfTenant: (t: string) => `T#${t}#AGREEMENTS`,
  agreementsOfOrganization: (t: string, organizationId: string) => `T#${t}#ORG#${organizationId}#AGREEMENTS`,
  /** One agreement per proposal and first fiscal year (a renewal starts a later year): created with the agreement, conditionally. */
  agreementClaim: (t: string, proposalId: string, fiscalYear: number): Keys => ({ pk: `T#${t}#PROP#${proposalId}`, sk: `AGREEMENT#FY#${fiscalYear}` }),
  /**
   * An agreement (or one of its amendments) the organization signed, waiting for the institution's signature:
   * put with the organization's signature, deleted with the institution's (or the amendment's cancellation), so
   * the managers' task reads the waiting ones only, whatever the number of agreements.
   */
  awaitingInstitution: (t: string, agreementId: string): Keys => ({ pk: `T#${t}#AWAITING-INSTITUTION`, sk: `AGR#${agreementId}` }),
  awaitingInstitutionOf: (t: string) => ({ partition: `T#${t}#AWAITING-INSTITUTION`, prefix: 'AGR#' }),
  /**
   * An agreement (or one of its amendments) the organization asked changes to, waiting for the managers to
   * revise it and send it again: put with the request, deleted when it is sent again (or declined, or the
   * amendment cancelled), so the managers' "Entente à revoir" task reads the waiting ones only.
   */
  awaitingReview: (t: string, agreementId: string): Keys => ({ pk: `T#${t}#AWAITING-REVIEW`, sk: `AGR#${agreementId}` }),
  awaitingReviewOf: (t: string) => ({ partition: `T#${t}#AWAITING-REVIEW`, prefix: 'AGR#' }),
  /** A program's agreement template. */
  agreementTemplate: (t: string, id: string): Keys => ({ pk: `T#${t}#AGR-TEMPLATES`, sk: `TPL#${id}` }),
  agreementTemplates: (t: string) => ({ partition: `T#${t}#AGR-TEMPLATES`, prefix: 'TPL#' }),
  /** A payment made on an agreement, oldest first. */
  payment: (t: string, agreementId: string, at: string, id: string): Keys => ({ pk: `T#${t}#AGR#${agreementId}#PAYMENTS`, sk: `${at}#${id}` }),
  paymentsOfAgreement: (t: string, agreementId: string) => ({ partition: `T#${t}#AGR#${agreementId}#PAYMENTS`, prefix: '' }),
  /** A claim (periodic billing) on an agreement. */
  claim: (t: string, agreementId: string, id: string): Keys => ({ pk: `T#${t}#AGR#${agreementId}#CLAIMS`, sk: `CLAIM#${id}` }),
  claimsOfAgreement: (t: string, agreementId: string) => ({ partition: `T#${t}#AGR#${agreementId}#CLAIMS`, prefix: 'CLAIM#' }),
  /** Index attributes of a claim awaiting the manager (sparse gsi2: removed once decided). */
  pendingClaimIndex: (t: string, agreementId: string, id: string) => ({ gsi2pk: `T#${t}#PENDING-CLAIMS`, gsi2sk: `AGR#${agreementId}#CLAIM#${id}` }),
  pendingClaims: (t: string) => `T#${t}#PENDING-CLAIMS`,
  /** One movement of an envelope's ledger (commitment, amendment, payment, carry-over), oldest first. */
  ledgerMovement: (t: string, envelopeId: string, at: string, id: string): Keys => ({ pk: `T#${t}#ENV#${envelopeId}#LEDGER`, sk: `${at}#${id}` }),
  ledgerMovements: (t: string, envelopeId: string) => ({ partition: `T#${t}#ENV#${envelopeId}#LEDGER`, prefix: '' }),
  // ── Accountability reports (issue 15) ──
  /** A program's report template as it stands now (the tenant's templates are few: listed whole). */
  reportTemplate: (t: string, id: string): Keys => ({ pk: `T#${t}#REPORT-TEMPLATES`, sk: `TPL#${id}` }),
  reportTemplates: (t: string) => ({ partition: `T#${t}#REPORT-TEMPLATES`, prefix: 'TPL#' }),
  /** Each saved version of a report template, kept: a report is read with the version it was written on. */
  reportTemplateVersion: (t: string, id: string, n: number): Keys => ({ pk: `T#${t}#REPORT-TPL#${id}`, sk: `V#${pad(n)}` }),
  /** A report (yearly or obstacle); its index attributes come from `reportIndex`. */
  report: (t: string, id: string): Keys => ({ pk: `T#${t}#REPORT#${id}`, sk: 'REPORT' }),
  /** Index attributes of a report: the program's reports by fiscal year (gsi1, whole items: the dashboard), the organization's (gsi2, keys only). */
  reportIndex: (t: string, id: string, program: string, fiscalYear: number, organizationId: string) => ({
    gsi1pk: `T#${t}#PROGRAM#${program}#REPORTS`,
    gsi1sk: `FY#${fiscalYear}#ORG#${organizationId}#R#${id}`,
    gsi2pk: `T#${t}#ORG#${organizationId}#REPORTS`,
    gsi2sk: `FY#${fiscalYear}#R#${id}`,
  }),
  reportsOfProgram: (t: string, program: string) => `T#${t}#PROGRAM#${program}#REPORTS`,
  reportsOfOrganization: (t: string, organizationId: string) => `T#${t}#ORG#${organizationId}#REPORTS`,
  /**
   * A yearly report not yet submitted, by due date: put with the report, deleted with its submission (put back
   * when reopened), so the reminders and the managers' overdue task read the open ones only.
   */
  reportOpen: (t: string, dueOn: string, id: string): Keys => ({ pk: `T#${t}#REPORTS-OPEN`, sk: `DUE#${dueOn}#R#${id}` }),
  reportsOpen: (t: string) => ({ partition: `T#${t}#REPORTS-OPEN`, prefix: 'DUE#' }),
  /** An obstacle report the funder has not answered yet: put when filed, deleted with the answer. */
  obstacleOpen: (t: string, id: string): Keys => ({ pk: `T#${t}#OBSTACLES-OPEN`, sk: `R#${id}` }),
  obstaclesOpen: (t: string) => ({ partition: `T#${t}#OBSTACLES-OPEN`, prefix: 'R#' }),
};
