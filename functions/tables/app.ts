/**
 * Concertation tables (tables de concertation): managers and administrators
 * create and rename a tenant's tables and name their coordinators; a table's
 * coordinator (or a holder of `tables:write`) adds and removes its members,
 * each representing an organization or the institution, voting or observing.
 * Every write carries the table's version.
 */
import { Hono } from 'hono';
import { isActiveMembership, type Membership } from '../../shared/domain';
import { AlreadyExistsError, BusinessRuleError, ForbiddenError, NotFoundError } from '../../shared/errors';
import { page } from '../../shared/schemas/responses/common';
import { tableCandidateSchema, tableSchema } from '../../shared/schemas/responses/tables';
import { updateAdoptionRulesSchema } from '../../shared/schemas/recommendation';
import {
  addTableMemberSchema,
  createTableSchema,
  removeTableMemberQuery,
  updateTableMemberSchema,
  updateTableSchema,
  type RepresentsInput,
} from '../../shared/schemas/tables';
import type { ConcertationTable, Represents, TableMember } from '../../shared/tables';
import { allow, type Member } from '../lib/auth';
import { responds } from '../lib/contract';
import { created, jsonBody, queryParams, updated, type AppEnv, type Deps } from '../lib/app';
import { listMembersOfTenant } from '../identity';
import { getOrganizationById } from '../organizations';
import { createTable, getTableById, listTablesOfTenant, replaceTable } from './repository';

const personNotFound = (userId: string) => new NotFoundError({ fr: `La personne « ${userId} »`, en: `The person “${userId}”` });

/** The tenant's memberships by user, read once per write. */
async function membershipsOf(deps: Deps, tenantId: string): Promise<Map<string, Membership>> {
  return new Map((await listMembersOfTenant(deps.db, tenantId)).map((m) => [m.userId, m]));
}

/** A person of the tenant who may act: unknown here (or of another tenant) is 404, deactivated is 422. */
function activePerson(people: Map<string, Membership>, userId: string, field: string): Membership {
  const person = people.get(userId);
  if (!person) throw personNotFound(userId);
  if (!isActiveMembership(person))
    throw new BusinessRuleError(
      {
        fr: `${person.name} est désactivé·e : réactivez son accès avant de l’ajouter.`,
        en: `${person.name} is deactivated: reactivate their access before adding them.`,
      },
      { field, userId },
    );
  return person;
}

/** Every coordinator named is an active person of the tenant holding the coordinator role. */
function checkCoordinators(people: Map<string, Membership>, ids: readonly string[]): void {
  ids.forEach((id, i) => {
    const person = activePerson(people, id, `coordinatorIds.${i}`);
    if (!person.roles.includes('coordinator'))
      throw new BusinessRuleError(
        {
          fr: `${person.name} n’a pas le rôle d’organisateur·trice communautaire : donnez-lui ce rôle avant d’en faire la coordination de la table.`,
          en: `${person.name} does not hold the table coordinator role: give them that role before naming them the table’s coordinator.`,
        },
        { field: `coordinatorIds.${i}`, userId: id },
      );
  });
}

/** What a member represents, with the organization's name read from the tenant (404 for an organization of another tenant). */
async function represented(deps: Deps, tenantId: string, input: RepresentsInput): Promise<Represents> {
  if (input.kind === 'institution') return { kind: 'institution', name: input.name };
  const org = await getOrganizationById(deps.db, tenantId, input.organizationId);
  return { kind: 'organization', organizationId: org.id, name: org.legalName };
}

/** Members are managed by one of the table's own coordinators, or by a holder of `tables:write`. */
function requireTableManager(table: ConcertationTable, member: Member): void {
  if (member.permissions.has('tables:write') || table.coordinatorIds.includes(member.userId)) return;
  throw new ForbiddenError({
    fr: `Seule la coordination de la table « ${table.name} » gère ses membres.`,
    en: `Only the coordinators of the table “${table.name}” manage its members.`,
  });
}

/** A voting member needs the role that votes and scores (`member`); an observer may hold any role. */
function checkCanVote(person: Membership, voting: boolean): void {
  if (voting && !person.roles.includes('member'))
    throw new BusinessRuleError(
      {
        fr: `${person.name} n’a pas le rôle « Membre de la table » : sans lui, on ne peut ni voter ni évaluer. Ajoutez-le comme observateur·trice, ou donnez-lui ce rôle.`,
        en: `${person.name} does not hold the “Table member” role: without it one can neither vote nor score. Add them as an observer, or give them that role.`,
      },
      { field: 'voting', userId: person.userId },
    );
}

/** A table as the API answers it: with its coordinators' names, read from the tenant's people. */
function view(table: ConcertationTable, people: Map<string, Membership>) {
  const coordinators = table.coordinatorIds.flatMap((id) => {
    const p = people.get(id);
    return p ? [{ userId: id, name: p.name }] : [];
  });
  return { ...table, coordinators };
}

function seatOf(table: ConcertationTable, userId: string): TableMember {
  const seat = table.members.find((m) => m.userId === userId);
  if (!seat) throw new NotFoundError({ fr: `Le membre « ${userId} » de cette table`, en: `The member “${userId}” of this table` });
  return seat;
}

export const tableRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/t/:tenantId/tables',
      allow('tables:read'),
      responds({ 200: page(tableSchema) }, { summary: { fr: 'Lister les tables de concertation', en: 'List the concertation tables' } }),
      async (c) => {
        const tenantId = c.get('member').tenantId;
        const [tables, people] = await Promise.all([listTablesOfTenant(deps.db, tenantId), membershipsOf(deps, tenantId)]);
        return c.json({ items: tables.map((t) => view(t, people)), cursor: null });
      },
    )
    .get(
      '/t/:tenantId/table-candidates',
      allow('tables:members'),
      responds(
        { 200: page(tableCandidateSchema) },
        { summary: { fr: 'Lister les personnes qui peuvent siéger à une table', en: 'List the people who may sit at a table' } },
      ),
      async (c) => {
        // Active people only, with what decides where they may sit: the coordinator role, the member role (to vote).
        const people = [...(await membershipsOf(deps, c.get('member').tenantId)).values()]
          .filter(isActiveMembership)
          .map((m) => ({ userId: m.userId, name: m.name, roles: m.roles, organizationId: m.organizationId }))
          .sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.userId.localeCompare(b.userId));
        return c.json({ items: people, cursor: null });
      },
    )
    .post(
      '/t/:tenantId/tables',
      allow('tables:write'),
      responds({ 201: tableSchema }, { summary: { fr: 'Créer une table de concertation', en: 'Create a concertation table' } }),
      jsonBody(createTableSchema),
      async (c) => {
        const member = c.get('member');
        const input = c.req.valid('json');
        const people = await membershipsOf(deps, member.tenantId);
        checkCoordinators(people, input.coordinatorIds);
        const table: ConcertationTable = { id: deps.newId(), ...input, members: [], ...created(deps, member) };
        return c.json(view(await createTable(deps.db, member.tenantId, table), people), 201);
      },
    )
    .get(
      '/t/:tenantId/tables/:tableId',
      allow('tables:read'),
      responds({ 200: tableSchema }, { summary: { fr: 'Lire une table, sa coordination et ses membres', en: 'Read a table, its coordinators and members' } }),
      async (c) => {
        const tenantId = c.get('member').tenantId;
        const [table, people] = await Promise.all([getTableById(deps.db, tenantId, c.req.param('tableId')), membershipsOf(deps, tenantId)]);
        return c.json(view(table, people));
      },
    )
    .put(
      '/t/:tenantId/tables/:tableId',
      allow('tables:write'),
      responds({ 200: tableSchema }, { summary: { fr: 'Renommer une table, nommer sa coordination', en: 'Rename a table, name its coordinators' } }),
      jsonBody(updateTableSchema),
      async (c) => {
        const member = c.get('member');
        const { version, ...input } = c.req.valid('json');
        const current = await getTableById(deps.db, member.tenantId, c.req.param('tableId'));
        const people = await membershipsOf(deps, member.tenantId);
        checkCoordinators(people, input.coordinatorIds);
        return c.json(view(await replaceTable(deps.db, member.tenantId, { ...current, ...input, ...updated(deps, member) }, version), people));
      },
    )
    .put(
      '/t/:tenantId/tables/:tableId/adoption-rules',
      allow('tables:members'),
      responds(
        { 200: tableSchema },
        { summary: { fr: 'Changer les règles d’adoption d’une recommandation', en: 'Change the rules of adopting a recommendation' } },
      ),
      jsonBody(updateAdoptionRulesSchema),
      async (c) => {
        const member = c.get('member');
        const { version, rules } = c.req.valid('json');
        const table = await getTableById(deps.db, member.tenantId, c.req.param('tableId'));
        // Whoever manages the table: one of its coordinators, or a holder of `tables:write`.
        requireTableManager(table, member);
        const next = { ...table, adoptionRules: rules, ...updated(deps, member) };
        const [saved, people] = await Promise.all([replaceTable(deps.db, member.tenantId, next, version), membershipsOf(deps, member.tenantId)]);
        return c.json(view(saved, people));
      },
    )
    .post(
      '/t/:tenantId/tables/:tableId/members',
      allow('tables:members'),
      responds({ 200: tableSchema }, { summary: { fr: 'Ajouter un membre à la table', en: 'Add a member to the table' } }),
      jsonBody(addTableMemberSchema),
      async (c) => {
        const member = c.get('member');
        const { version, userId, represents, voting } = c.req.valid('json');
        const table = await getTableById(deps.db, member.tenantId, c.req.param('tableId'));
        requireTableManager(table, member);
        const people = await membershipsOf(deps, member.tenantId);
        const person = activePerson(people, userId, 'userId');
        checkCanVote(person, voting);
        if (table.members.some((m) => m.userId === userId))
          throw new AlreadyExistsError(
            { fr: `${person.name} est déjà membre de cette table.`, en: `${person.name} is already a member of this table.` },
            { field: 'userId', userId },
          );
        const seat: TableMember = {
          userId,
          name: person.name,
          represents: await represented(deps, member.tenantId, represents),
          voting,
          addedAt: deps.now().toISOString(),
          addedBy: member.userId,
        };
        const next = { ...table, members: [...table.members, seat], ...updated(deps, member) };
        return c.json(view(await replaceTable(deps.db, member.tenantId, next, version), people));
      },
    )
    .put(
      '/t/:tenantId/tables/:tableId/members/:userId',
      allow('tables:members'),
      responds(
        { 200: tableSchema },
        { summary: { fr: 'Changer ce que représente un membre, votant ou observateur', en: 'Change what a member represents, voting or observer' } },
      ),
      jsonBody(updateTableMemberSchema),
      async (c) => {
        const member = c.get('member');
        const { version, represents, voting } = c.req.valid('json');
        const table = await getTableById(deps.db, member.tenantId, c.req.param('tableId'));
        requireTableManager(table, member);
        const seat = seatOf(table, c.req.param('userId'));
        const people = await membershipsOf(deps, member.tenantId);
        const person = people.get(seat.userId);
        if (person) checkCanVote(person, voting);
        const changed: TableMember = { ...seat, represents: await represented(deps, member.tenantId, represents), voting };
        const next = { ...table, members: table.members.map((m) => (m.userId === seat.userId ? changed : m)), ...updated(deps, member) };
        return c.json(view(await replaceTable(deps.db, member.tenantId, next, version), people));
      },
    )
    .delete(
      '/t/:tenantId/tables/:tableId/members/:userId',
      allow('tables:members'),
      responds({ 200: tableSchema }, { summary: { fr: 'Retirer un membre de la table', en: 'Remove a member from the table' } }),
      queryParams(removeTableMemberQuery),
      async (c) => {
        const member = c.get('member');
        const { version } = c.req.valid('query');
        const table = await getTableById(deps.db, member.tenantId, c.req.param('tableId'));
        requireTableManager(table, member);
        const seat = seatOf(table, c.req.param('userId'));
        const next = { ...table, members: table.members.filter((m) => m.userId !== seat.userId), ...updated(deps, member) };
        const [saved, people] = await Promise.all([replaceTable(deps.db, member.tenantId, next, version), membershipsOf(deps, member.tenantId)]);
        return c.json(view(saved, people));
      },
    );

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type TablesApi = ReturnType<typeof tableRoutes>;
