/** The people of an institution, its pending invitations and the record of changes, as the API answers them. */
import * as z from 'zod';
import { ROLES } from '../../permissions';
import { at, person } from './common';

const roles = z.array(z.enum(ROLES));
const lang = z.enum(['fr', 'en']);
const localized = z.object({ fr: z.string(), en: z.string() });

export const personSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    roles,
    organizationId: z.string().nullable(),
    organizationName: z.string().nullable(),
    status: z.enum(['active', 'deactivated']),
    version: z.number().int().min(1),
    language: lang,
  })
  .meta({ id: 'Person' });

export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles,
    organizationId: z.string().nullable(),
    organizationName: z.string().nullable(),
    language: lang,
    status: z.enum(['pending', 'accepted', 'cancelled']),
    expiresAt: at,
    /** Derived from the server's clock: a pending invitation past its expiry (it can be resent). */
    expired: z.boolean(),
    invitedBy: person,
    createdAt: at,
    resentAt: at.nullable(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'Invitation' });

export const peopleSchema = z
  .object({
    people: z.array(personSchema),
    /** The invitations not yet accepted nor cancelled (an expired one stays here until resent or cancelled). */
    invitations: z.array(invitationSchema),
  })
  .meta({ id: 'People' });

/** A new invitation was sent. */
export const invitedSchema = z.object({ linked: z.literal(false), invitation: invitationSchema }).meta({ id: 'Invited' });

/** The email was already a member's: the roles were added to that membership, nobody was duplicated. */
export const linkedSchema = z.object({ linked: z.literal(true), person: personSchema }).meta({ id: 'Linked' });

/** What an invitation link shows before sign-in: nothing more than the invited person needs to recognize it. */
export const publicInvitationSchema = z
  .object({
    tenantName: z.string(),
    name: z.string(),
    /** The invited address, half hidden (`m•••@example.org`). */
    emailMasked: z.string(),
    roles: z.array(z.object({ role: z.enum(ROLES), label: localized })),
    organizationName: z.string().nullable(),
    inviterName: z.string(),
    expiresAt: at,
    expired: z.boolean(),
    status: z.enum(['pending', 'accepted', 'cancelled']),
  })
  .meta({ id: 'PublicInvitation' });

export const acceptedSchema = z.object({ tenantId: z.string(), tenantName: z.string() }).meta({ id: 'InvitationAccepted' });

const rolesState = z.object({ roles, organizationId: z.string().nullable() });

export const PEOPLE_EVENT_KINDS = [
  'invited',
  'linked',
  'resent',
  'cancelled',
  'accepted',
  'roles-changed',
  'deactivated',
  'reactivated',
  'left-organization',
] as const;

const peopleEventSchema = z
  .object({
    id: z.string(),
    at,
    kind: z.enum(PEOPLE_EVENT_KINDS),
    /** Who made the change. */
    by: person,
    /** Whom it concerns: a member (`userId`), or an invited email not yet a member (`userId` null). */
    subject: z.object({ userId: z.string().nullable(), name: z.string(), email: z.string() }),
    invitationId: z.string().nullable(),
    /** Roles and organization before and after (null where the change has no before or no after). */
    from: rolesState.nullable(),
    to: rolesState.nullable(),
  })
  .meta({ id: 'PeopleEvent' });

export const peopleLogSchema = z.object({ items: z.array(peopleEventSchema), cursor: z.string().nullable() }).meta({ id: 'PeopleLog' });

/** An invitation addressed to the signed-in person's email, pending and unexpired, as their own list shows it. */
const myInvitationSchema = z
  .object({
    tenantId: z.string(),
    invitationId: z.string(),
    tenantName: z.string(),
    /** The name the inviter typed for the person. */
    name: z.string(),
    roles,
    organizationName: z.string().nullable(),
    invitedBy: person,
    expiresAt: at,
  })
  .meta({ id: 'MyInvitation' });

/** The invitations waiting for the signed-in person, the soonest to expire first. */
export const myInvitationsSchema = z.object({ items: z.array(myInvitationSchema) }).meta({ id: 'MyInvitations' });
