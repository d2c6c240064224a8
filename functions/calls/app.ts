/**
 * Calls for projects (appels de projets): created on an envelope, published
 * by a manager, open between two instants in America/Montreal.
 */
import { Hono } from 'hono';
import { responds } from '../lib/contract';
import { callSchema } from '../../shared/schemas/responses/calls';
import { page } from '../../shared/schemas/responses/common';
import * as z from 'zod';
import type { Call, EligibilityCriterion } from '../../shared/domain';
import type { CallNeed } from '../../shared/needs';
import { AlreadyExistsError, BusinessRuleError, ForbiddenError, InvalidStateError, negotiateLang, NotFoundError, ValidationError } from '../../shared/errors';
import { toFrenchCsv } from '../../shared/csv';
import { callHistoryRows } from '../../shared/call-history-format';
import { callEventSchema } from '../../shared/schemas/responses/call-history';
import { formatDateTime } from '../../shared/dates';
import { ruleProblem } from '../../shared/validation';
import { id } from '../../shared/schemas/common';
import {
  createCallSchema,
  extendCallSchema,
  inviteOrganizationsSchema,
  publishCallSchema,
  updateCallSchema,
  type CreateCallInput,
} from '../../shared/schemas/call';
import { accessOf, maySeeCall, seesEveryCall } from '../../shared/call-access';
import { allow, type Member } from '../lib/auth';
import { created, jsonBody, queryParams, updated, type AppEnv, type Deps } from '../lib/app';
import type { Db } from '../lib/db';
import { getRoundById } from '../needs';
import { getOrganizationById } from '../organizations';
import { notifyCallPublished } from './notify';
import { getTableById } from '../tables';
import { callEvent, listCallEvents } from '../lib/call-history';
import { createCall, listCallsOfTenant, replaceCall, withPhase, type StoredCall } from './repository';

const listQuery = z.strictObject({ envelopeId: id.optional() });

/** Instants are stored in one UTC format so DynamoDB conditions can compare them as strings. */
function normalizeInstants<T extends { opensAt: string; closesAt: string }>(input: T): T {
  return { ...input, opensAt: new Date(input.opensAt).toISOString(), closesAt: new Date(input.closesAt).toISOString() };
}

function assignCriterionIds(criteria: CreateCallInput['eligibilityCriteria'], newId: () => string): EligibilityCriterion[] {
  return criteria.map((c) => ({ id: c.id ?? `crit-${newId()}`, label: c.label, description: c.description }));
}

/** The retained needs of the round named by `needsFrom`, as the call will carry them. */
async function retainedNeeds(db: Db, tenantId: string, needsFrom: CreateCallInput['needsFrom']): Promise<CallNeed[]> {
  if (!needsFrom) return [];
  const round = await getRoundById(db, tenantId, needsFrom.studyId, needsFrom.roundId);
  if (!round.retention) {
    throw new BusinessRuleError(
      { fr: 'Ce tour de priorisation n’a pas encore de besoins retenus.', en: 'This prioritization round has no retained needs yet.' },
      { field: 'needsFrom' },
    );
  }
  const kept = new Set(round.retention.retainedNeedIds);
  const byId = new Map(round.needs.map((n) => [n.id, n]));
  // In the round's order of result, so the call lists the first priority first; a tie in the French
  // alphabetical order of its statements, as the round's page shows it (ids would order it by chance).
  const tierOrder = (tier: string[]) => [...tier].sort((a, b) => byId.get(a)!.statement.localeCompare(byId.get(b)!.statement, 'fr'));
  const order = round.result ? round.result.primary.order.flatMap(tierOrder) : round.needs.map((n) => n.id);
  return order
    .filter((id) => kept.has(id))
    .map((id) => byId.get(id)!)
    .map((n) => ({ id: n.id, statement: n.statement, category: n.category }));
}

/**
 * The organizations named, each read in the tenant: an unknown one (or one of
 * another tenant, whose key can only miss) is a 404 naming it, before anything is stored.
 */
async function invitedOrganizations(db: Db, tenantId: string, ids: readonly string[]) {
  return Promise.all(
    ids.map((organizationId) =>
      getOrganizationById(db, tenantId, organizationId).catch((e: unknown) => {
        if (e instanceof NotFoundError) throw new NotFoundError({ fr: `L’organisme « ${organizationId} »`, en: `The organization “${organizationId}”` });
        throw e;
      }),
    ),
  );
}

/** One entry of a call's record of invitations, or none when nothing changed. */
function invitationChange(member: Member, now: Date, before: readonly string[], after: readonly string[]) {
  const added = after.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !after.includes(id));
  return added.length || removed.length ? [{ at: now.toISOString(), by: member.name, added, removed }] : [];
}

/**
 * What a person sees of a call: staff see it whole; a person acting for an
 * organization sees, of the invited organizations, only their own, and not the record of invitations.
 */
function forViewer(member: Member, call: Call): Call {
  if (seesEveryCall(member)) return call;
  return { ...call, invitedOrganizationIds: call.invitedOrganizationIds.filter((o) => o === member.organizationId), invitations: [] };
}

export const callRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/t/:tenantId/calls',
      allow('call:read'),
      responds({ 200: page(callSchema) }, { summary: { fr: 'Lister les appels de projets', en: 'List the calls for projects' } }),
      queryParams(listQuery),
      async (c) => {
        const member = c.get('member');
        const { envelopeId } = c.req.valid('query');
        const now = deps.now();
        let calls = await listCallsOfTenant(deps.db, member.tenantId, envelopeId);
        // Only those who write calls see drafts.
        if (!member.permissions.has('call:write')) calls = calls.filter((call) => call.status === 'published');
        // A call by invitation is listed only to staff and to the organizations it invites.
        calls = calls.filter((call) => maySeeCall(member, call));
        return c.json({ items: calls.map((call) => forViewer(member, withPhase(call, now))), cursor: null });
      },
    )
    .post(
      '/t/:tenantId/calls',
      allow('call:write'),
      responds({ 201: callSchema }, { summary: { fr: 'Créer un appel de projets (brouillon)', en: 'Create a call for projects (draft)' } }),
      jsonBody(createCallSchema),
      async (c) => {
        const member = c.get('member');
        const input = normalizeInstants(c.req.valid('json'));
        await invitedOrganizations(deps.db, member.tenantId, input.invitedOrganizationIds);
        // The table that scores and votes on the call must be one of the tenant's (404 otherwise).
        if (input.tableId) await getTableById(deps.db, member.tenantId, input.tableId);
        const call: StoredCall = {
          ...input,
          id: deps.newId(),
          eligibilityCriteria: assignCriterionIds(input.eligibilityCriteria, deps.newId),
          needs: await retainedNeeds(deps.db, member.tenantId, input.needsFrom),
          status: 'draft',
          publishedAt: null,
          extensions: [],
          invitations: invitationChange(member, deps.now(), [], input.invitedOrganizationIds),
          ...created(deps, member),
        };
        // Commits the amount on the envelope in the same transaction: 422 when too little remains, 404 for an unknown envelope.
        await createCall(deps.db, member.tenantId, call);
        return c.json(withPhase(call, deps.now()), 201);
      },
    )
    .get(
      '/t/:tenantId/calls/:callId',
      allow('call:read'),
      responds({ 200: callSchema }, { summary: { fr: 'Lire un appel de projets', en: 'Read a call for projects' } }),
      async (c) => {
        const member = c.get('member');
        // A call by invitation the person may not see never gets here: the call scope answers 404 (lib/scope.ts).
        const call = c.get('call');
        if (call.status !== 'published' && !member.permissions.has('call:write')) {
          throw new NotFoundError({ fr: 'L’appel de projets', en: 'The call for projects' });
        }
        return c.json(forViewer(member, withPhase(call, deps.now())));
      },
    )
    .put(
      '/t/:tenantId/calls/:callId',
      allow('call:write'),
      responds({ 200: callSchema }, { summary: { fr: 'Modifier un appel en brouillon', en: 'Change a draft call' } }),
      jsonBody(updateCallSchema),
      async (c) => {
        const member = c.get('member');
        const { version, ...given } = c.req.valid('json');
        const input = normalizeInstants(given);
        const current = c.get('call');
        if (current.status !== 'draft') {
          throw new InvalidStateError({
            fr: 'Un appel publié ne peut plus être modifié : les organismes s’y fient.',
            en: 'A published call can no longer be changed: organizations rely on it.',
          });
        }
        if (input.envelopeId !== current.envelopeId) {
          throw new BusinessRuleError({ fr: 'Un appel ne change pas d’enveloppe.', en: 'A call cannot move to another envelope.' }, { field: 'envelopeId' });
        }
        const before = accessOf(current).invitedOrganizationIds;
        const added = await invitedOrganizations(
          deps.db,
          member.tenantId,
          input.invitedOrganizationIds.filter((o) => !before.includes(o)),
        );
        if (input.tableId) await getTableById(deps.db, member.tenantId, input.tableId);
        const next: StoredCall = {
          ...current,
          ...input,
          eligibilityCriteria: assignCriterionIds(input.eligibilityCriteria, deps.newId),
          needs: await retainedNeeds(deps.db, member.tenantId, input.needsFrom),
          invitations: [...(current.invitations ?? []), ...invitationChange(member, deps.now(), before, input.invitedOrganizationIds)],
          ...updated(deps, member),
        };
        // A draft's other edits are not state changes; a change of its invited organizations is on the record.
        const removed = before.filter((o) => !input.invitedOrganizationIds.includes(o)).length;
        const event =
          added.length || removed
            ? callEvent(deps, member, current.id, {
                kind: 'call-invitations-changed',
                before: { invited: before.length },
                after: { invited: input.invitedOrganizationIds.length, added: added.map((o) => o.legalName).join(', '), removed },
              })
            : undefined;
        return c.json(withPhase(await replaceCall(deps.db, member.tenantId, next, version, event), deps.now()));
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/extension',
      allow('call:write'),
      responds({ 200: callSchema }, { summary: { fr: 'Prolonger un appel publié', en: 'Extend a published call' } }),
      jsonBody(extendCallSchema),
      async (c) => {
        const member = c.get('member');
        const { version, closesAt, reason } = c.req.valid('json');
        const current = c.get('call');
        const now = deps.now();
        if (current.status !== 'published') {
          throw new InvalidStateError({
            fr: 'Seul un appel publié se prolonge : modifiez plutôt la date de fermeture du brouillon.',
            en: 'Only a published call can be extended: change the draft’s closing date instead.',
          });
        }
        if (Date.parse(current.closesAt) <= now.getTime()) {
          throw new InvalidStateError(
            {
              fr: `L’appel a fermé le ${formatDateTime(current.closesAt, 'fr')} (heure de Montréal) : le rouvrir serait injuste envers les organismes qui ont respecté l’échéance. Lancez un nouvel appel au besoin.`,
              en: `The call closed on ${formatDateTime(current.closesAt, 'en')} (Montreal time): reopening it would be unfair to the organizations that met the deadline. Launch a new call if needed.`,
            },
            { closesAt: current.closesAt },
          );
        }
        const to = new Date(closesAt).toISOString();
        if (Date.parse(to) <= Date.parse(current.closesAt))
          throw new ValidationError([ruleProblem('closesAt', 'extension_not_later', { current: current.closesAt })]);
        const next: StoredCall = {
          ...current,
          closesAt: to,
          extensions: [...(current.extensions ?? []), { at: now.toISOString(), by: member.name, from: current.closesAt, to, reason }],
          ...updated(deps, member),
        };
        const event = callEvent(deps, member, current.id, { kind: 'call-extended', before: { closesAt: current.closesAt }, after: { closesAt: to, reason } });
        return c.json(withPhase(await replaceCall(deps.db, member.tenantId, next, version, event), now));
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/publish',
      allow('call:write'),
      responds({ 200: callSchema }, { summary: { fr: 'Publier un appel', en: 'Publish a call' } }),
      jsonBody(publishCallSchema),
      async (c) => {
        const member = c.get('member');
        const { version } = c.req.valid('json');
        const current = c.get('call');
        if (current.status === 'published') {
          throw new InvalidStateError({ fr: 'Cet appel est déjà publié.', en: 'This call is already published.' });
        }
        const now = deps.now();
        if (Date.parse(current.closesAt) <= now.getTime()) {
          throw new InvalidStateError({
            fr: 'La date de fermeture est déjà passée : modifiez-la avant de publier.',
            en: 'The closing date has already passed: change it before publishing.',
          });
        }
        const { access, invitedOrganizationIds } = accessOf(current);
        if (access === 'invited' && invitedOrganizationIds.length === 0) {
          throw new BusinessRuleError(
            {
              fr: 'Un appel sur invitation doit inviter au moins un organisme avant d’être publié.',
              en: 'A call by invitation must invite at least one organization before it is published.',
            },
            { field: 'invitedOrganizationIds' },
          );
        }
        const next: StoredCall = { ...current, status: 'published', publishedAt: now.toISOString(), ...updated(deps, member) };
        const event = callEvent(deps, member, current.id, {
          kind: 'call-published',
          before: { status: current.status },
          after: { status: 'published', opensAt: next.opensAt, closesAt: next.closesAt, amountAvailable: next.amountAvailable, access },
        });
        const stored = await replaceCall(deps.db, member.tenantId, next, version, event);
        // Those who may answer it learn of it: the invited organizations, or every organization of the tenant.
        await notifyCallPublished(deps, member.tenantId, stored, access === 'open' ? 'all' : invitedOrganizationIds);
        return c.json(withPhase(stored, now));
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/invitations',
      allow('call:write'),
      responds({ 200: callSchema }, { summary: { fr: 'Inviter des organismes à un appel', en: 'Invite organizations to a call' } }),
      jsonBody(inviteOrganizationsSchema),
      async (c) => {
        const member = c.get('member');
        const { version, organizationIds } = c.req.valid('json');
        const current = c.get('call');
        const now = deps.now();
        const { access, invitedOrganizationIds: before } = accessOf(current);
        if (access !== 'invited') {
          throw new InvalidStateError({
            fr: 'Cet appel est ouvert à tous les organismes du territoire : il n’a pas de liste d’invités.',
            en: 'This call is open to every organization of the territory: it has no list of invited organizations.',
          });
        }
        if (Date.parse(current.closesAt) <= now.getTime()) {
          throw new InvalidStateError(
            {
              fr: `L’appel a fermé le ${formatDateTime(current.closesAt, 'fr')} (heure de Montréal) : on n’y invite plus d’organisme.`,
              en: `The call closed on ${formatDateTime(current.closesAt, 'en')} (Montreal time): no more organizations can be invited to it.`,
            },
            { closesAt: current.closesAt },
          );
        }
        const orgs = await invitedOrganizations(deps.db, member.tenantId, organizationIds);
        const already = orgs.filter((o) => before.includes(o.id));
        if (already.length > 0) {
          const names = already.map((o) => o.legalName).join(', ');
          throw new AlreadyExistsError(
            { fr: `Déjà invité à cet appel : ${names}.`, en: `Already invited to this call: ${names}.` },
            { organizationIds: already.map((o) => o.id) },
          );
        }
        const next: StoredCall = {
          ...current,
          invitedOrganizationIds: [...before, ...organizationIds],
          invitations: [...(current.invitations ?? []), ...invitationChange(member, now, before, [...before, ...organizationIds])],
          ...updated(deps, member),
        };
        const event = callEvent(deps, member, current.id, {
          kind: 'call-invitations-changed',
          before: { invited: before.length },
          after: { invited: before.length + organizationIds.length, added: orgs.map((o) => o.legalName).join(', ') },
        });
        const stored = await replaceCall(deps.db, member.tenantId, next, version, event);
        // A draft's invited organizations hear of it at publication; a published call's new ones now.
        if (stored.status === 'published') await notifyCallPublished(deps, member.tenantId, stored, organizationIds);
        return c.json(withPhase(stored, now));
      },
    )
    // ---- the call's history (audit trail) ----
    .get(
      '/t/:tenantId/calls/:callId/history',
      allow('call:history'),
      responds({ 200: page(callEventSchema) }, { summary: { fr: 'Lire l’historique d’un appel', en: 'Read a call’s history' } }),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        await assertMayReadHistory(deps.db, member, call);
        return c.json({ items: await listCallEvents(deps.db, member.tenantId, call.id), cursor: null });
      },
    )
    .get(
      '/t/:tenantId/calls/:callId/history.csv',
      allow('call:history'),
      responds(
        { 200: { contentType: 'text/csv' } },
        { summary: { fr: 'Exporter l’historique d’un appel en CSV (Excel en français)', en: 'Export a call’s history as CSV (French Excel)' } },
      ),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        await assertMayReadHistory(deps.db, member, call);
        const lang = negotiateLang(c.req.header('Accept-Language'));
        const events = await listCallEvents(deps.db, member.tenantId, call.id);
        return c.body(toFrenchCsv(callHistoryRows(events, lang)), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="historique-${call.id}.csv"`,
        });
      },
    );

/**
 * Who reads a call's history: a manager any call of the tenant; a coordinator a call of a table they
 * coordinate, or a call without a table (the call scope already answered 404 for another tenant's).
 */
async function assertMayReadHistory(db: Db, member: Member, call: StoredCall): Promise<void> {
  if (member.roles.includes('manager') || !call.tableId) return;
  const table = await getTableById(db, member.tenantId, call.tableId).catch((e: unknown) => {
    if (e instanceof NotFoundError) return null;
    throw e;
  });
  if (table?.coordinatorIds.includes(member.userId)) return;
  throw new ForbiddenError({
    fr: 'Seuls les coordonnateurs de la table de cet appel, et les gestionnaires, en lisent l’historique.',
    en: 'Only the coordinators of this call’s table, and the managers, read its history.',
  });
}

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type CallsApi = ReturnType<typeof callRoutes>;
