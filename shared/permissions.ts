/**
 * Authorization is the platform's own: roles live in DynamoDB memberships,
 * each route declares one permission, and anything not granted is denied.
 */

export const ROLES = ['manager', 'coordinator', 'member', 'organization'] as const;
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
  | 'scoring:evaluate';

const GRANTS: Record<Role, readonly Permission[]> = {
  manager: [
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
  ],
  coordinator: ['envelope:read', 'call:read', 'submissions:read', 'proposal:screen', 'organization:read', 'needs:read', 'needs:write', 'scoring:manage'],
  member: ['call:read', 'organization:read', 'needs:read', 'round:vote', 'scoring:evaluate'],
  organization: ['call:read', 'organization:own', 'proposal:own'],
};

/** What a membership may do. A member who represents an organization also acts for it. */
export function permissionsOf(roles: readonly Role[], organizationId?: string | null): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of GRANTS[role]) granted.add(p);
  if (organizationId) {
    granted.add('organization:own');
    granted.add('proposal:own');
  } else {
    granted.delete('organization:own');
    granted.delete('proposal:own');
  }
  return granted;
}

export const ROLE_LABELS: Record<Role, { fr: string; en: string }> = {
  manager: { fr: 'Gestionnaire', en: 'Manager' },
  coordinator: { fr: 'Organisateur·trice communautaire', en: 'Table coordinator' },
  member: { fr: 'Membre de la table', en: 'Table member' },
  organization: { fr: 'Organisme communautaire', en: 'Community organization' },
};
