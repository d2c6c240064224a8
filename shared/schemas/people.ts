/**
 * The people of an institution (issue 12): invitations, roles, deactivation. An organization is named
 * only with the organization-representative role, and always with it.
 */
import * as z from 'zod';
import { ROLES, type Role } from '../permissions';
import { id, pageQuery, text, version } from './common';

const roles = z
  .array(z.enum(ROLES))
  .min(1)
  .max(ROLES.length)
  .transform((r) => [...new Set(r)]);

/**
 * `organizationId` when and only when the roles hold the organization representative's. A table member who
 * already sits for an organization keeps it when an administrator changes their roles (`alsoWith`).
 */
const organizationMatchesRoles =
  (alsoWith: Role[] = []) =>
  (value: { roles: Role[]; organizationId: string | null }, ctx: z.RefinementCtx) => {
    const represents = value.roles.includes('organization');
    if (represents && !value.organizationId) ctx.addIssue({ code: 'custom', path: ['organizationId'], params: { code: 'organization_required' } });
    if (!represents && value.organizationId && !value.roles.some((r) => alsoWith.includes(r)))
      ctx.addIssue({ code: 'custom', path: ['organizationId'], params: { code: 'organization_not_allowed' } });
  };

/** A person invited by email; the account is created (or found) by the identity provider. */
export const inviteInput = z
  .strictObject({
    email: z.email().max(254),
    name: text(120),
    roles,
    organizationId: id.nullable().default(null),
    language: z.enum(['fr', 'en']).default('fr'),
  })
  .superRefine(organizationMatchesRoles());

/** A person's roles, at the version read (two administrators at once: one wins, the other gets 409). */
export const rolesInput = z
  .strictObject({
    roles,
    organizationId: id.nullable(),
    version,
  })
  .superRefine(organizationMatchesRoles(['member']));

export const versionInput = z.strictObject({ version });

/** An invitation's token: 32 random bytes in base64url. */
export const acceptInput = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

export const peopleQuery = z.strictObject({ organizationId: id.optional() });

export const peopleLogQuery = pageQuery;
