/**
 * Authorization is the platform's own: roles live in DynamoDB memberships,
 * each route declares one permission, and anything not granted is denied.
 */

export const ROLES = ['administrator', 'manager', 'coordinator', 'member', 'organization'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'envelope:read'
  | 'envelope:write'
  | 'call:read'
  | 'call:write'
  | 'submissions:read'
  | 'proposal:screen'
  | 'organization:read'
  | 'organization:write'
  | 'organization:own'
  | 'proposal:own'
  | 'needs:read'
  | 'needs:write'
  | 'round:vote'
  | 'scoring:manage'
  | 'scoring:evaluate'
  /** See the institution's people, their roles and the record of changes. */
  | 'people:read'
  /** Change anyone's roles, deactivate and reactivate people (administrators only). */
  | 'people:manage'
  /** Invite a person, with the roles `GRANTABLE` lets this inviter grant. */
  | 'people:invite'
  /** Read the tenant's tables (concertation tables) and their members. */
  | 'tables:read'
  /** Create a table, rename it, name its coordinators. */
  | 'tables:write'
  /** Manage a table's members: only a coordinator of that table (checked on the table, not here) or a holder of `tables:write`. */
  | 'tables:members'
  /** The caller's own tasks ("what waits for me"). Every active role has it. */
  | 'tasks:read'
  /** Read a call's recommendation, its adoption vote and minutes. */
  | 'recommendation:read'
  /** Draft and revise a call's recommendation, open and close its adoption vote, record a consensus (the table's coordinator). */
  | 'recommendation:write'
  /** Vote on a recommendation: only a voting member of the call's table, not recused from the line (checked on the vote). */
  | 'recommendation:vote'
  /** Read the institution's decision on a call, with its departures and amendments. */
  | 'decision:read'
  /** Record the institution's decision on a call, and amend it (managers only). */
  | 'decision:write'
  /** Read a call's history (the audit trail of its state changes) and download it. */
  | 'call:history'
  /** Read the institution's service agreements, their payments and claims (managers). */
  | 'agreement:read'
  /** Prepare, send, sign for the institution, amend and renew agreements; manage templates (managers). */
  | 'agreement:write'
  /** Record payments, approve or refuse claims, carry an envelope's unspent amount over (managers). */
  | 'payment:write'
  /** Read an envelope's ledger and its movements, download them (managers). */
  | 'ledger:read'
  /** An organization's own agreements: read, ask for changes, sign or decline, submit claims (checked on the agreement). */
  | 'agreement:own'
  /** Read the programs' accountability reports and their dashboard, download them (managers). */
  | 'report:read'
  /** Define report templates, reopen or accept reports, answer obstacle reports (managers). */
  | 'report:write'
  /** An organization's own reports: fill, submit, file an obstacle report, read the funder's answers and the program's results (checked on the report). */
  | 'report:own';

const GRANTS: Record<Role, readonly Permission[]> = {
  // Deny by default: the administrator runs the people and the tables, not the money or the votes.
  administrator: [
    'people:read',
    'people:manage',
    'people:invite',
    'tables:read',
    'tables:write',
    'tables:members',
    'organization:read',
    'organization:write',
    'tasks:read',
  ],
  manager: [
    'people:read',
    'people:invite',
    'tables:read',
    'tables:write',
    'tables:members',
    'tasks:read',
    'envelope:read',
    'envelope:write',
    'call:read',
    'call:write',
    'submissions:read',
    'proposal:screen',
    'organization:read',
    'organization:write',
    'needs:read',
    'needs:write',
    'scoring:manage',
    'recommendation:read',
    'recommendation:write',
    'recommendation:vote',
    'decision:read',
    'decision:write',
    'call:history',
    'agreement:read',
    'agreement:write',
    'payment:write',
    'ledger:read',
    'report:read',
    'report:write',
  ],
  coordinator: [
    'envelope:read',
    'call:read',
    'submissions:read',
    'proposal:screen',
    'organization:read',
    'needs:read',
    'needs:write',
    'scoring:manage',
    'people:read',
    'people:invite',
    'tables:read',
    'tables:members',
    'tasks:read',
    'recommendation:read',
    'recommendation:write',
    'recommendation:vote',
    'decision:read',
    'call:history',
  ],
  member: [
    'call:read',
    'organization:read',
    'needs:read',
    'round:vote',
    'scoring:evaluate',
    'tables:read',
    'tasks:read',
    'recommendation:read',
    'recommendation:vote',
    'decision:read',
  ],
  organization: ['call:read', 'organization:own', 'proposal:own', 'agreement:own', 'report:own', 'tasks:read'],
};

/**
 * The roles each role may give in an invitation (or add to a person): an administrator any role;
 * a manager the organizations' representatives and the tables' members; a coordinator the tables' members.
 * A role outside this list is refused (403), whatever else the inviter holds.
 */
export const GRANTABLE: Record<Role, readonly Role[]> = {
  administrator: ROLES,
  manager: ['organization', 'member'],
  coordinator: ['member'],
  member: [],
  organization: [],
};

/** The roles a person holding `roles` may grant. */
export function grantableBy(roles: readonly Role[]): Set<Role> {
  return new Set(roles.flatMap((r) => GRANTABLE[r]));
}

/** What a membership may do. A member who represents an organization also acts for it. */
export function permissionsOf(roles: readonly Role[], organizationId?: string | null): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of GRANTS[role]) granted.add(p);
  if (organizationId) {
    granted.add('organization:own');
    granted.add('proposal:own');
    granted.add('agreement:own');
    granted.add('report:own');
  } else {
    granted.delete('organization:own');
    granted.delete('proposal:own');
    granted.delete('agreement:own');
    granted.delete('report:own');
  }
  return granted;
}

export const ROLE_LABELS: Record<Role, { fr: string; en: string }> = {
  administrator: { fr: 'Administrateur·trice de l’établissement', en: 'Institution administrator' },
  manager: { fr: 'Gestionnaire', en: 'Manager' },
  coordinator: { fr: 'Organisateur·trice communautaire', en: 'Table coordinator' },
  member: { fr: 'Membre de la table', en: 'Table member' },
  organization: { fr: 'Organisme communautaire', en: 'Community organization' },
};
