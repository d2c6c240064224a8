import * as z from 'zod';
import type { Membership } from '../../domain';
import { ROLES, type Permission } from '../../permissions';
import { ESSENTIAL_KINDS, OPTIONAL_KINDS } from '../../notifications';

const PERMISSIONS = [
  'envelope:read',
  'envelope:write',
  'call:read',
  'call:write',
  'submissions:read',
  'proposal:screen',
  'organization:read',
  'organization:write',
  'organization:own',
  'proposal:own',
  'needs:read',
  'needs:write',
  'round:vote',
  'scoring:manage',
  'scoring:evaluate',
  'people:read',
  'people:manage',
  'people:invite',
  'tables:read',
  'tables:write',
  'tables:members',
  'tasks:read',
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
  'agreement:own',
  'report:read',
  'report:write',
  'report:own',
] as const satisfies readonly Permission[];
/** Fails the type check when a permission is added to shared/permissions.ts and not here. */
const everyPermissionListed: [Exclude<Permission, (typeof PERMISSIONS)[number]>] extends [never] ? true : false = true;
void everyPermissionListed;

const membershipSchema = z
  .object({
    tenantId: z.string(),
    tenantName: z.string(),
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    roles: z.array(z.enum(ROLES)),
    organizationId: z.string().nullable(),
  })
  .meta({ id: 'Membership' }) satisfies z.ZodType<Membership>;

export const meSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    memberships: z.array(
      membershipSchema.extend({
        /** A deactivated membership is listed with no permissions. */
        status: z.enum(['active', 'deactivated']),
        permissions: z.array(z.enum(PERMISSIONS)),
      }),
    ),
  })
  .meta({ id: 'Me' });

/** The OpenAPI document itself, described only as far as a reader needs. */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

/** A person's notification preferences in a tenant; `version` is null until they first save them. */
export const notificationPreferencesSchema = z
  .object({
    optOut: z.array(z.enum(OPTIONAL_KINDS)),
    /** Always sent, listed so the page can say so. */
    essential: z.array(z.enum(ESSENTIAL_KINDS)),
    version: z.number().int().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'NotificationPreferences' });
