/**
 * The people of a tenant: memberships (roles, status, versioned), invitations with their hashed,
 * single-use tokens and their one-per-email claims, and the record of changes. Every change is one
 * transaction that also writes its `PeopleEvent`. The rule "an institution always keeps an active
 * administrator" is checked by DynamoDB at write time: a change that takes an active administrator
 * away carries a `ConditionCheck` that another administrator is still one, unchanged since read
 * (docs/data-model.md, "People").
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createHash } from 'node:crypto';
import { isActiveMembership, type Membership } from '../../shared/domain';
import { AlreadyExistsError, AppError, BusinessRuleError, InvalidStateError, NotFoundError, VersionConflictError } from '../../shared/errors';
import type { Role } from '../../shared/permissions';
import type { PEOPLE_EVENT_KINDS } from '../../shared/schemas/responses/people';
import { getItem, newPut, queryAll, queryPage, toItem, transact, type Db } from '../lib/db';
import { keys } from '../lib/keys';

type Lang = 'fr' | 'en';

/** A membership as stored: the audit fields of role changes beside the domain's. */
export interface StoredMembership extends Membership {
  createdAt?: string;
  updatedAt?: string;
  updatedBy?: string;
}

export interface InvitationItem {
  id: string;
  tenantId: string;
  tenantName: string;
  /** Trimmed and lower-cased. */
  email: string;
  name: string;
  roles: Role[];
  organizationId: string | null;
  organizationName: string | null;
  language: Lang;
  status: 'pending' | 'accepted' | 'cancelled';
  expiresAt: string;
  /** The SHA-256 of the link's current token (the token itself is never stored). */
  tokenHash: string;
  invitedBy: { userId: string; name: string };
  createdAt: string;
  resentAt: string | null;
  acceptedAt: string | null;
  acceptedBy: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  updatedAt: string;
  version: number;
}

/** The token's item: resolves a link to its tenant and invitation without a tenant in the address. */
export interface InvitationTokenItem {
  tenantId: string;
  invitationId: string;
  expiresAt: string;
}

export interface PeopleEvent {
  id: string;
  at: string;
  kind: (typeof PEOPLE_EVENT_KINDS)[number];
  by: { userId: string; name: string };
  subject: { userId: string | null; name: string; email: string };
  invitationId: string | null;
  from: { roles: Role[]; organizationId: string | null } | null;
  to: { roles: Role[]; organizationId: string | null } | null;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Reads absent status as active and absent version as 1 (memberships from before issue 12). */
function normalizeMembership(m: StoredMembership): StoredMembership & { status: 'active' | 'deactivated'; version: number } {
  return { ...m, status: m.status ?? 'active', version: m.version ?? 1 };
}

export async function getMembership(db: Db, tenantId: string, userId: string) {
  const m = await getItem<StoredMembership>(db, keys.membership(userId, tenantId), true);
  return m ? normalizeMembership(m) : null;
}

export async function listMemberships(db: Db, tenantId: string) {
  return (await queryAll<StoredMembership>(db, { index: 'gsi1', partition: keys.membersOfTenant(tenantId) })).map(normalizeMembership);
}

/** The tenant's member with this email, if any (a tenant's people are hundreds: the collection, filtered). */
export async function findMemberByEmail(db: Db, tenantId: string, email: string) {
  const wanted = normalizeEmail(email);
  const found = (await listMemberships(db, tenantId)).find((m) => normalizeEmail(m.email) === wanted);
  // The index may lag: the item itself, read consistently.
  return found ? getMembership(db, tenantId, found.userId) : null;
}

const versionCondition = (expected: number) => (expected === 1 ? '(attribute_not_exists(version) OR version = :v)' : 'version = :v');

/** A membership replaced at the version read (a membership from before versions counts as version 1). */
function membershipPut(db: Db, tenantId: string, next: StoredMembership, expected: number): TransactWriteItem {
  return {
    Put: {
      TableName: db.table,
      Item: toItem(keys.membership(next.userId, tenantId), 'Membership', { ...next, version: expected + 1 }),
      ConditionExpression: `attribute_exists(pk) AND ${versionCondition(expected)}`,
      ExpressionAttributeValues: marshall({ ':v': expected }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

const eventPut = (db: Db, tenantId: string, event: PeopleEvent) => newPut(db, keys.peopleEvent(tenantId, event.at, event.id), 'PeopleEvent', event);

const del = (db: Db, k: { pk: string; sk: string }, condition?: string): TransactWriteItem => ({
  Delete: { TableName: db.table, Key: marshall({ pk: k.pk, sk: k.sk }), ...(condition ? { ConditionExpression: condition } : {}) },
});

const lastAdministrator = () =>
  new BusinessRuleError(
    {
      fr: 'L’établissement doit garder au moins un·e administrateur·trice actif·ve : nommez-en un·e autre avant de retirer ce rôle ou de désactiver cette personne.',
      en: 'The institution must keep at least one active administrator: name another one before removing this role or deactivating this person.',
    },
    { rule: 'last-administrator' },
  );

/** Another administrator changed while this change was being written: the guard is read again. */
class GuardMoved extends AppError {
  constructor() {
    super(409, 'version-conflict', { fr: 'Réessayez.', en: 'Try again.' });
  }
}

const isActiveAdmin = (m: StoredMembership) => isActiveMembership(m) && m.roles.includes('administrator');

/**
 * The `ConditionCheck` that some other active administrator than `leaving` still is one, at the version read:
 * whatever else commits first, the institution keeps that one. None left: the rule refuses (422).
 */
async function otherAdministratorCheck(db: Db, tenantId: string, leaving: string): Promise<TransactWriteItem> {
  const others = (await listMemberships(db, tenantId)).filter((m) => m.userId !== leaving && isActiveAdmin(m));
  for (const other of others) {
    const fresh = await getMembership(db, tenantId, other.userId);
    if (!fresh || !isActiveAdmin(fresh)) continue;
    const k = keys.membership(fresh.userId, tenantId);
    return {
      ConditionCheck: {
        TableName: db.table,
        Key: marshall({ pk: k.pk, sk: k.sk }),
        ConditionExpression: `${versionCondition(fresh.version)} AND contains(#roles, :admin) AND (attribute_not_exists(#status) OR #status = :active)`,
        ExpressionAttributeNames: { '#roles': 'roles', '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':v': fresh.version, ':admin': 'administrator', ':active': 'active' }),
      },
    };
  }
  throw lastAdministrator();
}

const membershipConflict = (item: Record<string, unknown> | undefined) => {
  if (!item) return new NotFoundError({ fr: 'Cette personne', en: 'This person' });
  const found = normalizeMembership(item as unknown as StoredMembership);
  return new VersionConflictError(found.version, found);
};

/**
 * Writes a membership at the version read, with its event, in one transaction. When the change takes an
 * active administrator away (`before` was one, `next` is not), the other-administrator guard goes with it.
 */
export async function changeMembership(
  db: Db,
  tenantId: string,
  before: StoredMembership & { version: number },
  next: StoredMembership,
  event: PeopleEvent,
): Promise<StoredMembership & { version: number; status: 'active' | 'deactivated' }> {
  const needsGuard = isActiveAdmin(before) && !isActiveAdmin(next);
  for (let attempt = 1; ; attempt++) {
    const guard = needsGuard ? await otherAdministratorCheck(db, tenantId, before.userId) : null;
    const items = [membershipPut(db, tenantId, next, before.version), eventPut(db, tenantId, event)];
    if (guard) items.push(guard);
    try {
      await transact(db, items, (reasons) => {
        if (reasons[0]?.code === 'ConditionalCheckFailed') return membershipConflict(reasons[0].item);
        if (reasons[2]?.code === 'ConditionalCheckFailed') return new GuardMoved();
        return new VersionConflictError(undefined);
      });
      return normalizeMembership({ ...next, version: before.version + 1 });
    } catch (e) {
      if (e instanceof GuardMoved && attempt < 3) continue;
      if (e instanceof GuardMoved) throw lastAdministrator();
      throw e;
    }
  }
}

// ── Invitations ──

export async function getInvitation(db: Db, tenantId: string, id: string): Promise<InvitationItem> {
  const found = await getItem<InvitationItem>(db, keys.invitation(tenantId, id), true);
  if (!found) throw new NotFoundError({ fr: 'L’invitation', en: 'The invitation' });
  return found;
}

/** The tenant's invitations not yet accepted nor cancelled, oldest first. */
export async function listPendingInvitations(db: Db, tenantId: string): Promise<InvitationItem[]> {
  return (await queryAll<InvitationItem>(db, { index: 'gsi1', partition: keys.invitationsOfTenant(tenantId) })).filter((i) => i.status === 'pending');
}

const pendingElsewhere = () =>
  new AlreadyExistsError(
    {
      fr: 'Une invitation attend déjà cette adresse courriel : renvoyez-la ou annulez-la plutôt que d’en créer une autre.',
      en: 'An invitation already waits for this email address: resend or cancel it rather than creating another.',
    },
    { field: 'email' },
  );

/** Where a pending invitation is filed under its addressee's email (keys.invitationForEmail). */
const emailEntry = (inv: Pick<InvitationItem, 'email' | 'tenantId' | 'id'>) => keys.invitationForEmail(sha256(inv.email), inv.tenantId, inv.id);

/**
 * The invitation, its token, its email claim (one pending invitation per email and tenant) and its entry under
 * the addressee's email, with the event.
 */
export async function createInvitation(db: Db, invitation: InvitationItem, event: PeopleEvent): Promise<void> {
  const t = invitation.tenantId;
  const token: InvitationTokenItem = { tenantId: t, invitationId: invitation.id, expiresAt: invitation.expiresAt };
  await transact(
    db,
    [
      newPut(db, keys.invitation(t, invitation.id), 'Invitation', invitation),
      newPut(db, keys.invitationToken(invitation.tokenHash), 'InvitationToken', token),
      newPut(db, keys.invitationEmailClaim(t, sha256(invitation.email)), 'InvitationEmailClaim', { invitationId: invitation.id }),
      eventPut(db, t, event),
      newPut(db, emailEntry(invitation), 'InvitationForEmail', { tenantId: t, invitationId: invitation.id }),
    ],
    (reasons) => (reasons[2]?.code === 'ConditionalCheckFailed' ? pendingElsewhere() : new VersionConflictError(undefined)),
  );
}

const invitationConflict = (item: Record<string, unknown> | undefined) => {
  const found = item as unknown as InvitationItem | undefined;
  if (found && found.status !== 'pending') return notPending(found);
  return new VersionConflictError(found?.version, found);
};

export const notPending = (inv: Pick<InvitationItem, 'status'>) =>
  inv.status === 'accepted'
    ? new InvalidStateError({ fr: 'Cette invitation a déjà été acceptée.', en: 'This invitation has already been accepted.' }, { invitationStatus: inv.status })
    : new InvalidStateError(
        { fr: 'Cette invitation a été annulée : demandez-en une nouvelle.', en: 'This invitation was cancelled: ask for a new one.' },
        { invitationStatus: inv.status },
      );

function invitationPut(db: Db, next: InvitationItem, expected: number, extra?: { expression: string; values: Record<string, unknown> }): TransactWriteItem {
  return {
    Put: {
      TableName: db.table,
      Item: toItem(keys.invitation(next.tenantId, next.id), 'Invitation', { ...next, version: expected + 1 }),
      ConditionExpression: `version = :v AND #status = :pending${extra ? ` AND ${extra.expression}` : ''}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: marshall({ ':v': expected, ':pending': 'pending', ...extra?.values }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** A new link: the old token goes, a new one comes, the expiry starts again. */
export async function resendInvitation(db: Db, before: InvitationItem, next: InvitationItem, event: PeopleEvent): Promise<InvitationItem> {
  const token: InvitationTokenItem = { tenantId: next.tenantId, invitationId: next.id, expiresAt: next.expiresAt };
  await transact(
    db,
    [
      invitationPut(db, next, before.version),
      del(db, keys.invitationToken(before.tokenHash)),
      newPut(db, keys.invitationToken(next.tokenHash), 'InvitationToken', token),
      eventPut(db, next.tenantId, event),
    ],
    (reasons) => (reasons[0]?.code === 'ConditionalCheckFailed' ? invitationConflict(reasons[0].item) : new VersionConflictError(undefined)),
  );
  return { ...next, version: before.version + 1 };
}

/** Cancelled: its link stops working, the email may be invited again, the addressee no longer finds it. */
export async function cancelInvitation(db: Db, before: InvitationItem, next: InvitationItem, event: PeopleEvent): Promise<InvitationItem> {
  await transact(
    db,
    [
      invitationPut(db, next, before.version),
      del(db, keys.invitationToken(before.tokenHash)),
      del(db, keys.invitationEmailClaim(next.tenantId, sha256(next.email))),
      eventPut(db, next.tenantId, event),
      del(db, emailEntry(next)),
    ],
    (reasons) => (reasons[0]?.code === 'ConditionalCheckFailed' ? invitationConflict(reasons[0].item) : new VersionConflictError(undefined)),
  );
  return { ...next, version: before.version + 1 };
}

/**
 * The pending, unexpired invitations addressed to `email`, in every tenant: the entries under the email, each
 * invitation read consistently (an entry outliving its invitation's acceptance by a moment is not trusted).
 * An expired one is left out (its entry stays until it is resent, cancelled or accepted).
 */
export async function listInvitationsForEmail(db: Db, email: string, now: Date): Promise<InvitationItem[]> {
  const wanted = normalizeEmail(email);
  const index = keys.invitationsForEmail(sha256(wanted));
  const entries = await queryAll<{ tenantId: string; invitationId: string }>(db, { ...index, consistent: true }, 200);
  const found = await Promise.all(entries.map((e) => getItem<InvitationItem>(db, keys.invitation(e.tenantId, e.invitationId), true)));
  const at = now.toISOString();
  return found
    .filter((i): i is InvitationItem => i !== null && i.status === 'pending' && i.email === wanted && i.expiresAt > at)
    .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
}

export async function resolveToken(db: Db, token: string): Promise<{ tokenHash: string; item: InvitationTokenItem }> {
  const tokenHash = sha256(token);
  const item = await getItem<InvitationTokenItem>(db, keys.invitationToken(tokenHash), true);
  if (!item)
    throw new NotFoundError({
      fr: 'Ce lien d’invitation (il a peut-être été remplacé par un plus récent, ou l’invitation annulée)',
      en: 'This invitation link (it may have been replaced by a newer one, or the invitation cancelled)',
    });
  return { tokenHash, item };
}

/**
 * Accepting, in one transaction: the token still there (not replaced by a resend, nor cancelled), the
 * invitation pending, unexpired and at its version → accepted, the membership created (or, for someone
 * already a member, the roles added at its version), the email claim released and the entry under the email
 * deleted, the event recorded. Through the link or by id (the caller's own invitations), the same. The
 * token item stays: a second use of the link is answered "already accepted" rather than "unknown".
 */
export async function acceptInvitation(
  db: Db,
  args: {
    tokenHash: string;
    before: InvitationItem;
    next: InvitationItem;
    membership: { create: StoredMembership } | { replace: StoredMembership; expected: number };
    now: Date;
    event: PeopleEvent;
  },
): Promise<void> {
  const { before, next, tokenHash } = args;
  const t = before.tenantId;
  const tk = keys.invitationToken(tokenHash);
  const membershipItem =
    'create' in args.membership
      ? { ...newPut(db, keys.membership(args.membership.create.userId, t), 'Membership', args.membership.create) }
      : membershipPut(db, t, args.membership.replace, args.membership.expected);
  await transact(
    db,
    [
      { ConditionCheck: { TableName: db.table, Key: marshall({ pk: tk.pk, sk: tk.sk }), ConditionExpression: 'attribute_exists(pk)' } },
      invitationPut(db, next, before.version, { expression: 'expiresAt > :now', values: { ':now': args.now.toISOString() } }),
      membershipItem,
      del(db, keys.invitationEmailClaim(t, sha256(before.email))),
      eventPut(db, t, args.event),
      del(db, emailEntry(before)),
    ],
    (reasons) => {
      if (reasons[0]?.code === 'ConditionalCheckFailed')
        return new InvalidStateError({
          fr: 'Ce lien n’est plus valide : un lien plus récent a été envoyé, ou l’invitation a été annulée.',
          en: 'This link is no longer valid: a newer link was sent, or the invitation was cancelled.',
        });
      if (reasons[1]?.code === 'ConditionalCheckFailed') {
        const found = reasons[1].item as unknown as InvitationItem | undefined;
        if (found && found.status === 'pending' && found.expiresAt <= args.now.toISOString()) return invitationExpired();
        return invitationConflict(reasons[1].item);
      }
      // The membership changed meanwhile (reasons[2]), or anything else: the person acts again on what is now stored.
      return new VersionConflictError(undefined);
    },
  );
}

export const invitationExpired = () =>
  new BusinessRuleError(
    {
      fr: 'Cette invitation est expirée : demandez-en une nouvelle à la personne qui vous a invité·e.',
      en: 'This invitation has expired: ask the person who invited you for a new one.',
    },
    { rule: 'invitation-expired' },
  );

// ── The record ──

export async function listPeopleLog(db: Db, tenantId: string, page: { cursor?: string | undefined; limit?: number | undefined }) {
  const log = keys.peopleLog(tenantId);
  return queryPage<PeopleEvent>(db, { partition: log.partition, limit: page.limit ?? 50, cursor: page.cursor, forward: false, consistent: true });
}
