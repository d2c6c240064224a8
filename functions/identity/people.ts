/**
 * The people of an institution (issue 12): who they are and their roles, invitations by email (linked to an
 * existing member rather than duplicated), role changes and deactivation by administrators, a representative
 * leaving their organization, and the record of every change. See docs/data-model.md ("People") and
 * docs/security.md ("People and invitations").
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { Membership } from '../../shared/domain';
import { AlreadyExistsError, ForbiddenError, InvalidStateError, NotFoundError, VersionConflictError } from '../../shared/errors';
import { grantableBy, ROLE_LABELS, type Role } from '../../shared/permissions';
import { acceptInput, inviteInput, peopleLogQuery, peopleQuery, rolesInput, versionInput } from '../../shared/schemas/people';
import {
  acceptedSchema,
  invitationSchema,
  invitedSchema,
  linkedSchema,
  myInvitationsSchema,
  peopleLogSchema,
  peopleSchema,
  personSchema,
  publicInvitationSchema,
} from '../../shared/schemas/responses/people';
import { getOrganizationById } from '../organizations';
import { jsonBody, queryParams, type AppEnv, type Deps } from '../lib/app';
import { allow, allowPublic, allowSelf, type Identity } from '../lib/auth';
import { responds } from '../lib/contract';
import {
  acceptInvitation,
  cancelInvitation,
  changeMembership,
  createInvitation,
  findMemberByEmail,
  getInvitation,
  getMembership,
  invitationExpired,
  listMemberships,
  listPeopleLog,
  listInvitationsForEmail,
  listPendingInvitations,
  normalizeEmail,
  notPending,
  resendInvitation,
  resolveToken,
  sha256,
  type InvitationItem,
  type PeopleEvent,
  type StoredMembership,
} from './people-repository';

const INVITATION_DAYS = 7;
const DAY_MS = 86_400_000;

type Normalized = StoredMembership & { status: 'active' | 'deactivated'; version: number };

/** `m•••@example.org`: enough for the invited person to recognize their address, not enough to read it. */
function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

export const peopleRoutes = (deps: Deps) => {
  const db = deps.db;
  const now = () => deps.now();

  /** The organization's name, or 404 naming the identifier (another tenant's organization is not found either). */
  async function organizationNameOf(tenantId: string, organizationId: string): Promise<string> {
    try {
      return (await getOrganizationById(db, tenantId, organizationId)).legalName;
    } catch (e) {
      if (e instanceof NotFoundError) throw new NotFoundError({ fr: `L’organisme « ${organizationId} »`, en: `Organization “${organizationId}”` });
      throw e;
    }
  }

  async function organizationNames(tenantId: string, ids: (string | null)[]): Promise<Map<string, string>> {
    const distinct = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    const names = await Promise.all(
      distinct.map((id) =>
        getOrganizationById(db, tenantId, id).then(
          (o) => o.legalName,
          () => null,
        ),
      ),
    );
    return new Map(distinct.flatMap((id, i) => (names[i] ? [[id, names[i]] as const] : [])));
  }

  const toPerson = (m: Normalized, names: Map<string, string>) => ({
    userId: m.userId,
    name: m.name,
    email: m.email,
    roles: m.roles,
    organizationId: m.organizationId,
    organizationName: m.organizationId ? (names.get(m.organizationId) ?? null) : null,
    status: m.status,
    version: m.version,
    language: m.language ?? ('fr' as const),
  });

  const toInvitation = (i: InvitationItem) => ({
    id: i.id,
    email: i.email,
    name: i.name,
    roles: i.roles,
    organizationId: i.organizationId,
    organizationName: i.organizationName,
    language: i.language,
    status: i.status,
    expiresAt: i.expiresAt,
    expired: i.status === 'pending' && i.expiresAt <= now().toISOString(),
    invitedBy: i.invitedBy,
    createdAt: i.createdAt,
    resentAt: i.resentAt,
    version: i.version,
  });

  function event(by: { userId: string; name: string }, data: Omit<PeopleEvent, 'id' | 'at' | 'by'>): PeopleEvent {
    return { id: deps.newId(), at: now().toISOString(), by: { userId: by.userId, name: by.name }, ...data };
  }

  /** Refuses (403, naming the role) a role the caller may not grant. */
  function assertGrantable(callerRoles: readonly Role[], roles: readonly Role[]) {
    const grantable = grantableBy(callerRoles);
    const refused = roles.find((r) => !grantable.has(r));
    if (refused)
      throw new ForbiddenError({
        fr: `Vous ne pouvez pas accorder le rôle « ${ROLE_LABELS[refused].fr} ».`,
        en: `You may not grant the “${ROLE_LABELS[refused].en}” role.`,
      });
  }

  async function readPerson(tenantId: string, userId: string, version?: number): Promise<Normalized> {
    const found = await getMembership(db, tenantId, userId);
    if (!found) throw new NotFoundError({ fr: 'Cette personne', en: 'This person' });
    if (version !== undefined && version !== found.version) throw new VersionConflictError(found.version, found);
    return found;
  }

  /** The person's account at the identity provider, then the message: neither can undo the invitation. */
  async function ensureAccountAndSend(inv: InvitationItem, token: string) {
    let sub: string | null = null;
    try {
      sub = (await deps.accounts?.ensure(inv.email, inv.name))?.sub ?? null;
    } catch (e) {
      deps.logger?.warn('account not created', { error: e instanceof Error ? e.name : 'unknown' });
    }
    await deps.notify?.(
      { userId: sub ?? `invitation-${inv.id}`, email: inv.email, name: inv.name, lang: inv.language },
      { kind: 'invitation', tenantName: inv.tenantName, inviterName: inv.invitedBy.name, token, roles: inv.roles.map((r) => ROLE_LABELS[r]) },
    );
  }

  const newToken = () => randomBytes(32).toString('base64url');
  const expiry = () => new Date(now().getTime() + INVITATION_DAYS * DAY_MS).toISOString();
  const forget = (userId: string, tenantId: string) => deps.membershipCache?.forget(userId, tenantId);

  async function invitationToHandle(c: { get: (k: 'member') => AppEnv['Variables']['member'] }, invitationId: string, version: number) {
    const member = c.get('member');
    const inv = await getInvitation(db, member.tenantId, invitationId);
    assertGrantable(member.roles, inv.roles);
    if (inv.status !== 'pending') throw notPending(inv);
    if (inv.version !== version) throw new VersionConflictError(inv.version, toInvitation(inv));
    return { member, inv };
  }

  /**
   * Accepts `inv` as the signed-in person (through its link, or by id from their own list): the same checks,
   * the same transaction (acceptInvitation).
   */
  async function accept(identity: Identity, inv: InvitationItem, tokenHash: string) {
    const t = inv.tenantId;
    if (inv.status !== 'pending') throw notPending(inv);
    const at = now().toISOString();
    if (inv.expiresAt <= at) throw invitationExpired();
    if (!identity.email || normalizeEmail(identity.email) !== inv.email)
      throw new ForbiddenError({
        fr: `Cette invitation est adressée à ${maskEmail(inv.email)}, mais vous êtes connecté·e avec une autre adresse. Déconnectez-vous, puis connectez-vous avec le compte de l’adresse invitée.`,
        en: `This invitation is addressed to ${maskEmail(inv.email)}, but you are signed in with another address. Sign out, then sign in with the invited address’s account.`,
      });
    const existing = await getMembership(db, t, identity.sub);
    if (existing?.status === 'deactivated')
      throw new InvalidStateError({
        fr: 'Votre accès à cet établissement est désactivé : demandez à son administrateur·trice de le réactiver.',
        en: 'Your access to this institution is deactivated: ask its administrator to reactivate it.',
      });
    if (existing && inv.organizationId && existing.organizationId && existing.organizationId !== inv.organizationId)
      throw new InvalidStateError({
        fr: 'Vous représentez déjà un autre organisme dans cet établissement : quittez-le d’abord.',
        en: 'You already represent another organization in this institution: leave it first.',
      });
    const name = identity.name ?? inv.name;
    const membership: { create: StoredMembership } | { replace: StoredMembership; expected: number } = existing
      ? {
          replace: {
            ...existing,
            roles: [...existing.roles, ...inv.roles.filter((r) => !existing.roles.includes(r))],
            organizationId: inv.organizationId ?? existing.organizationId,
            updatedAt: at,
            updatedBy: identity.sub,
          },
          expected: existing.version,
        }
      : {
          create: {
            tenantId: t,
            tenantName: inv.tenantName,
            userId: identity.sub,
            name,
            email: inv.email,
            roles: inv.roles,
            organizationId: inv.organizationId,
            status: 'active',
            version: 1,
            language: inv.language,
            createdAt: at,
            updatedAt: at,
            updatedBy: identity.sub,
          } satisfies StoredMembership & Membership,
        };
    await acceptInvitation(db, {
      tokenHash,
      before: inv,
      next: { ...inv, status: 'accepted', acceptedAt: at, acceptedBy: identity.sub, updatedAt: at },
      membership,
      now: now(),
      event: event(
        { userId: identity.sub, name },
        {
          kind: 'accepted',
          subject: { userId: identity.sub, name, email: inv.email },
          invitationId: inv.id,
          from: existing ? { roles: existing.roles, organizationId: existing.organizationId } : null,
          to: {
            roles: 'create' in membership ? membership.create.roles : membership.replace.roles,
            organizationId: inv.organizationId ?? existing?.organizationId ?? null,
          },
        },
      ),
    });
    forget(identity.sub, t);
    return { tenantId: t, tenantName: inv.tenantName };
  }

  return (
    new Hono<AppEnv>()
      .get(
        '/t/:tenantId/people',
        allow('people:read'),
        responds(
          { 200: peopleSchema },
          { summary: { fr: 'Les personnes de l’établissement et les invitations en attente', en: 'The institution’s people and pending invitations' } },
        ),
        queryParams(peopleQuery),
        async (c) => {
          const t = c.get('member').tenantId;
          const { organizationId } = c.req.valid('query');
          if (organizationId) await organizationNameOf(t, organizationId);
          const [memberships, invitations] = await Promise.all([listMemberships(db, t), listPendingInvitations(db, t)]);
          const people = memberships.filter((m) => !organizationId || m.organizationId === organizationId);
          const names = await organizationNames(
            t,
            people.map((m) => m.organizationId),
          );
          const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'fr-CA');
          return c.json({
            people: people.map((m) => toPerson(m, names)).sort(byName),
            invitations: invitations
              .filter((i) => !organizationId || i.organizationId === organizationId)
              .map(toInvitation)
              .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
          });
        },
      )
      .get(
        '/t/:tenantId/people/log',
        allow('people:read'),
        responds(
          { 200: peopleLogSchema },
          { summary: { fr: 'Le registre des changements, du plus récent au plus ancien', en: 'The record of changes, newest first' } },
        ),
        queryParams(peopleLogQuery),
        async (c) => c.json(await listPeopleLog(db, c.get('member').tenantId, c.req.valid('query'))),
      )
      .post(
        '/t/:tenantId/invitations',
        allow('people:invite'),
        responds(
          { 200: linkedSchema, 201: invitedSchema },
          {
            summary: {
              fr: 'Inviter une personne par courriel (ou ajouter les rôles à un membre existant)',
              en: 'Invite a person by email (or add the roles to an existing member)',
            },
          },
        ),
        jsonBody(inviteInput),
        async (c) => {
          const member = c.get('member');
          const t = member.tenantId;
          const input = c.req.valid('json');
          const email = normalizeEmail(input.email);
          assertGrantable(member.roles, input.roles);
          const organizationName = input.organizationId ? await organizationNameOf(t, input.organizationId) : null;
          const by = { userId: member.userId, name: member.name };

          const existing = await findMemberByEmail(db, t, email);
          if (existing) {
            if (existing.status === 'deactivated')
              throw new InvalidStateError(
                {
                  fr: `${existing.name} fait déjà partie de l’établissement, mais son accès est désactivé : réactivez-le plutôt que de l’inviter.`,
                  en: `${existing.name} already belongs to the institution, but their access is deactivated: reactivate it rather than inviting them.`,
                },
                { userId: existing.userId },
              );
            if (input.organizationId && existing.organizationId && existing.organizationId !== input.organizationId)
              throw new InvalidStateError(
                {
                  fr: `${existing.name} représente déjà un autre organisme : qu’elle ou il le quitte d’abord, ou changez ses rôles.`,
                  en: `${existing.name} already represents another organization: they must leave it first, or change their roles.`,
                },
                { userId: existing.userId },
              );
            const missing = input.roles.filter((r) => !existing.roles.includes(r));
            if (missing.length === 0)
              throw new AlreadyExistsError(
                {
                  fr: `${existing.name} est déjà membre actif·ve de l’établissement avec ces rôles.`,
                  en: `${existing.name} is already an active member of the institution with these roles.`,
                },
                { field: 'email', userId: existing.userId },
              );
            const next: StoredMembership = {
              ...existing,
              roles: [...existing.roles, ...missing],
              organizationId: input.organizationId ?? existing.organizationId,
              updatedAt: now().toISOString(),
              updatedBy: member.userId,
            };
            const saved = await changeMembership(
              db,
              t,
              existing,
              next,
              event(by, {
                kind: 'linked',
                subject: { userId: existing.userId, name: existing.name, email: existing.email },
                invitationId: null,
                from: { roles: existing.roles, organizationId: existing.organizationId },
                to: { roles: next.roles, organizationId: next.organizationId },
              }),
            );
            forget(existing.userId, t);
            return c.json({ linked: true as const, person: toPerson(saved, await organizationNames(t, [saved.organizationId])) }, 200);
          }

          const token = newToken();
          const at = now().toISOString();
          const invitation: InvitationItem = {
            id: deps.newId(),
            tenantId: t,
            tenantName: member.tenantName,
            email,
            name: input.name,
            roles: input.roles,
            organizationId: input.organizationId,
            organizationName,
            language: input.language,
            status: 'pending',
            expiresAt: expiry(),
            tokenHash: sha256(token),
            invitedBy: by,
            createdAt: at,
            resentAt: null,
            acceptedAt: null,
            acceptedBy: null,
            cancelledAt: null,
            cancelledBy: null,
            updatedAt: at,
            version: 1,
          };
          await createInvitation(
            db,
            invitation,
            event(by, {
              kind: 'invited',
              subject: { userId: null, name: input.name, email },
              invitationId: invitation.id,
              from: null,
              to: { roles: input.roles, organizationId: input.organizationId },
            }),
          );
          await ensureAccountAndSend(invitation, token);
          return c.json({ linked: false as const, invitation: toInvitation(invitation) }, 201);
        },
      )
      .post(
        '/t/:tenantId/invitations/:invitationId/resend',
        allow('people:invite'),
        responds(
          { 200: invitationSchema },
          { summary: { fr: 'Renvoyer une invitation (nouveau lien, 7 jours de plus)', en: 'Resend an invitation (new link, 7 more days)' } },
        ),
        jsonBody(versionInput),
        async (c) => {
          const { member, inv } = await invitationToHandle(c, c.req.param('invitationId'), c.req.valid('json').version);
          const token = newToken();
          const at = now().toISOString();
          const next: InvitationItem = { ...inv, tokenHash: sha256(token), expiresAt: expiry(), resentAt: at, updatedAt: at };
          const saved = await resendInvitation(
            db,
            inv,
            next,
            event(member, {
              kind: 'resent',
              subject: { userId: null, name: inv.name, email: inv.email },
              invitationId: inv.id,
              from: null,
              to: { roles: inv.roles, organizationId: inv.organizationId },
            }),
          );
          await ensureAccountAndSend(saved, token);
          return c.json(toInvitation(saved), 200);
        },
      )
      .post(
        '/t/:tenantId/invitations/:invitationId/cancel',
        allow('people:invite'),
        responds({ 200: invitationSchema }, { summary: { fr: 'Annuler une invitation en attente', en: 'Cancel a pending invitation' } }),
        jsonBody(versionInput),
        async (c) => {
          const { member, inv } = await invitationToHandle(c, c.req.param('invitationId'), c.req.valid('json').version);
          const at = now().toISOString();
          const next: InvitationItem = { ...inv, status: 'cancelled', cancelledAt: at, cancelledBy: member.userId, updatedAt: at };
          const saved = await cancelInvitation(
            db,
            inv,
            next,
            event(member, {
              kind: 'cancelled',
              subject: { userId: null, name: inv.name, email: inv.email },
              invitationId: inv.id,
              from: { roles: inv.roles, organizationId: inv.organizationId },
              to: null,
            }),
          );
          return c.json(toInvitation(saved), 200);
        },
      )
      .get(
        '/public/invitations/:token',
        allowPublic(),
        responds(
          { 200: publicInvitationSchema },
          { summary: { fr: 'Ce qu’un lien d’invitation propose, avant la connexion', en: 'What an invitation link offers, before sign-in' } },
        ),
        async (c) => {
          const { item } = await resolveToken(db, c.req.param('token'));
          const inv = await getInvitation(db, item.tenantId, item.invitationId);
          return c.json({
            tenantName: inv.tenantName,
            name: inv.name,
            emailMasked: maskEmail(inv.email),
            roles: inv.roles.map((role) => ({ role, label: ROLE_LABELS[role] })),
            organizationName: inv.organizationName,
            inviterName: inv.invitedBy.name,
            expiresAt: inv.expiresAt,
            expired: inv.status === 'pending' && inv.expiresAt <= now().toISOString(),
            status: inv.status,
          });
        },
      )
      .post(
        '/invitations/accept',
        allowSelf(),
        responds(
          { 200: acceptedSchema },
          { summary: { fr: 'Accepter une invitation (la personne connectée)', en: 'Accept an invitation (the signed-in person)' } },
        ),
        jsonBody(acceptInput),
        async (c) => {
          const identity = c.get('identity');
          const { tokenHash, item } = await resolveToken(db, c.req.valid('json').token);
          const inv = await getInvitation(db, item.tenantId, item.invitationId);
          return c.json(await accept(identity, inv, tokenHash), 200);
        },
      )
      .get(
        '/me/invitations',
        allowSelf(),
        responds(
          { 200: myInvitationsSchema },
          {
            summary: {
              fr: 'Les invitations qui m’attendent (adressées à mon courriel), dans tous les établissements',
              en: 'The invitations waiting for me (addressed to my email), in every institution',
            },
          },
        ),
        async (c) => {
          const email = c.get('identity').email;
          const invitations = email ? await listInvitationsForEmail(db, email, now()) : [];
          return c.json({
            items: invitations.map((i) => ({
              tenantId: i.tenantId,
              invitationId: i.id,
              tenantName: i.tenantName,
              name: i.name,
              roles: i.roles,
              organizationName: i.organizationName,
              invitedBy: i.invitedBy,
              expiresAt: i.expiresAt,
            })),
          });
        },
      )
      // The caller's own invitations only: one addressed to another email is not found (404), as one that does not exist.
      .post(
        '/me/invitations/:tenantId/:invitationId/accept',
        allowSelf(),
        responds(
          { 200: acceptedSchema },
          {
            summary: {
              fr: 'Accepter une invitation adressée à mon courriel, sans le lien',
              en: 'Accept an invitation addressed to my email, without the link',
            },
          },
        ),
        async (c) => {
          const identity = c.get('identity');
          const { tenantId, invitationId } = c.req.param();
          const inv = await getInvitation(db, tenantId, invitationId);
          if (!identity.email || normalizeEmail(identity.email) !== inv.email) throw new NotFoundError({ fr: 'L’invitation', en: 'The invitation' });
          return c.json(await accept(identity, inv, inv.tokenHash), 200);
        },
      )
      .put(
        '/t/:tenantId/people/:userId/roles',
        allow('people:manage'),
        responds({ 200: personSchema }, { summary: { fr: 'Changer les rôles d’une personne', en: 'Change a person’s roles' } }),
        jsonBody(rolesInput),
        async (c) => {
          const member = c.get('member');
          const t = member.tenantId;
          const input = c.req.valid('json');
          const target = await readPerson(t, c.req.param('userId'), input.version);
          const added = input.roles.filter((r) => !target.roles.includes(r));
          const removed = target.roles.filter((r) => !input.roles.includes(r));
          assertGrantable(member.roles, [...added, ...removed]);
          // A table member keeps the organization they sit for; any other organization is checked.
          if (input.organizationId && input.organizationId !== target.organizationId) await organizationNameOf(t, input.organizationId);
          if (input.organizationId && !input.roles.includes('organization') && input.organizationId !== target.organizationId)
            throw new InvalidStateError({
              fr: 'Un organisme se rattache avec le rôle « Organisme communautaire ».',
              en: 'An organization is tied with the “Community organization” role.',
            });
          const next: StoredMembership = {
            ...target,
            roles: input.roles,
            organizationId: input.organizationId,
            updatedAt: now().toISOString(),
            updatedBy: member.userId,
          };
          const saved = await changeMembership(
            db,
            t,
            target,
            next,
            event(member, {
              kind: 'roles-changed',
              subject: { userId: target.userId, name: target.name, email: target.email },
              invitationId: null,
              from: { roles: target.roles, organizationId: target.organizationId },
              to: { roles: next.roles, organizationId: next.organizationId },
            }),
          );
          forget(target.userId, t);
          return c.json(toPerson(saved, await organizationNames(t, [saved.organizationId])), 200);
        },
      )
      .post(
        '/t/:tenantId/people/:userId/deactivate',
        allow('people:manage'),
        responds(
          { 200: personSchema },
          { summary: { fr: 'Désactiver une personne (elle garde son historique)', en: 'Deactivate a person (they keep their history)' } },
        ),
        jsonBody(versionInput),
        async (c) => {
          const member = c.get('member');
          const t = member.tenantId;
          const target = await readPerson(t, c.req.param('userId'), c.req.valid('json').version);
          if (target.status === 'deactivated')
            throw new InvalidStateError({ fr: `${target.name} est déjà désactivé·e.`, en: `${target.name} is already deactivated.` });
          const next: StoredMembership = { ...target, status: 'deactivated', updatedAt: now().toISOString(), updatedBy: member.userId };
          const saved = await changeMembership(
            db,
            t,
            target,
            next,
            event(member, {
              kind: 'deactivated',
              subject: { userId: target.userId, name: target.name, email: target.email },
              invitationId: null,
              from: { roles: target.roles, organizationId: target.organizationId },
              to: null,
            }),
          );
          forget(target.userId, t);
          return c.json(toPerson(saved, await organizationNames(t, [saved.organizationId])), 200);
        },
      )
      .post(
        '/t/:tenantId/people/:userId/reactivate',
        allow('people:manage'),
        responds({ 200: personSchema }, { summary: { fr: 'Réactiver une personne', en: 'Reactivate a person' } }),
        jsonBody(versionInput),
        async (c) => {
          const member = c.get('member');
          const t = member.tenantId;
          const target = await readPerson(t, c.req.param('userId'), c.req.valid('json').version);
          if (target.status === 'active') throw new InvalidStateError({ fr: `${target.name} est déjà actif·ve.`, en: `${target.name} is already active.` });
          const next: StoredMembership = { ...target, status: 'active', updatedAt: now().toISOString(), updatedBy: member.userId };
          const saved = await changeMembership(
            db,
            t,
            target,
            next,
            event(member, {
              kind: 'reactivated',
              subject: { userId: target.userId, name: target.name, email: target.email },
              invitationId: null,
              from: null,
              to: { roles: target.roles, organizationId: target.organizationId },
            }),
          );
          forget(target.userId, t);
          return c.json(toPerson(saved, await organizationNames(t, [saved.organizationId])), 200);
        },
      )
      // The caller's own membership only: the key is the token's subject, never a path value.
      .post(
        '/t/:tenantId/me/leave-organization',
        allowSelf(),
        responds({ 200: personSchema }, { summary: { fr: 'Quitter l’organisme que je représente', en: 'Leave the organization I represent' } }),
        async (c) => {
          const member = c.get('member');
          const t = member.tenantId;
          const me = await readPerson(t, member.userId);
          if (!me.roles.includes('organization'))
            throw new InvalidStateError({
              fr: 'Vous ne représentez aucun organisme dans cet établissement.',
              en: 'You do not represent any organization in this institution.',
            });
          const roles = me.roles.filter((r) => r !== 'organization');
          const next: StoredMembership = {
            ...me,
            roles,
            organizationId: null,
            // Left with no role, the membership is deactivated: the person keeps their history.
            status: roles.length === 0 ? 'deactivated' : me.status,
            updatedAt: now().toISOString(),
            updatedBy: member.userId,
          };
          const saved = await changeMembership(
            db,
            t,
            me,
            next,
            event(member, {
              kind: 'left-organization',
              subject: { userId: me.userId, name: me.name, email: me.email },
              invitationId: null,
              from: { roles: me.roles, organizationId: me.organizationId },
              to: { roles, organizationId: null },
            }),
          );
          forget(me.userId, t);
          return c.json(toPerson(saved, new Map()), 200);
        },
      )
  );
};
