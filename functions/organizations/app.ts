/** Community organizations (organismes communautaires) and their profiles. */
import { Hono } from 'hono';
import { responds } from '../lib/contract';
import { organizationSchema } from '../../shared/schemas/responses/organizations';
import { page } from '../../shared/schemas/responses/common';
import type { Organization } from '../../shared/domain';
import { pageQuery } from '../../shared/schemas/common';
import { createOrganizationSchema, updateOrganizationSchema } from '../../shared/schemas/organization';
import { allow } from '../lib/auth';
import { created, jsonBody, queryParams, updated, type AppEnv, type Deps } from '../lib/app';
import { createOrganization, getOrganizationById, listOrganizationsOfTenant, replaceOrganization } from './repository';

export const organizationRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/t/:tenantId/organizations',
      allow('organization:read'),
      responds({ 200: page(organizationSchema) }, { summary: { fr: 'Lister les organismes', en: 'List the organizations' } }),
      queryParams(pageQuery),
      async (c) => {
        return c.json(await listOrganizationsOfTenant(deps.db, c.get('member').tenantId, c.req.valid('query')));
      },
    )
    .post(
      '/t/:tenantId/organizations',
      allow('organization:write'),
      responds({ 201: organizationSchema }, { summary: { fr: 'Inscrire un organisme', en: 'Register an organization' } }),
      jsonBody(createOrganizationSchema),
      async (c) => {
        const member = c.get('member');
        const org: Organization = { ...c.req.valid('json'), id: deps.newId(), ...created(deps, member) };
        return c.json(await createOrganization(deps.db, member.tenantId, org), 201);
      },
    )
    .get(
      '/t/:tenantId/organizations/:organizationId',
      allow('organization:read'),
      responds({ 200: organizationSchema }, { summary: { fr: 'Lire un organisme', en: 'Read an organization' } }),
      async (c) => {
        return c.json(await getOrganizationById(deps.db, c.get('member').tenantId, c.req.param('organizationId')));
      },
    )
    .get(
      '/t/:tenantId/my/organization',
      allow('organization:own'),
      responds({ 200: organizationSchema }, { summary: { fr: 'Lire le profil de mon organisme', en: 'Read my organization’s profile' } }),
      async (c) => {
        const member = c.get('member');
        return c.json(await getOrganizationById(deps.db, member.tenantId, member.organizationId!));
      },
    )
    .put(
      '/t/:tenantId/my/organization',
      allow('organization:own'),
      responds({ 200: organizationSchema }, { summary: { fr: 'Modifier le profil de mon organisme', en: 'Change my organization’s profile' } }),
      jsonBody(updateOrganizationSchema),
      async (c) => {
        const member = c.get('member');
        const { version, ...input } = c.req.valid('json');
        const current = await getOrganizationById(deps.db, member.tenantId, member.organizationId!);
        const next: Organization = { ...current, ...input, ...updated(deps, member), version };
        return c.json(await replaceOrganization(deps.db, member.tenantId, current, next, version));
      },
    );

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type OrganizationsApi = ReturnType<typeof organizationRoutes>;
