/** Who the caller is: their memberships across tenants, for the web app's session. */
import { Hono } from 'hono';
import { responds } from '../lib/contract';
import { meSchema, openApiDocumentSchema } from '../../shared/schemas/responses/identity';
import type { z } from 'zod';
// Written by `npm run openapi` from these route modules; a unit test keeps it current.
import openApi from '../../docs/openapi.json' with { type: 'json' };
import type { Membership } from '../../shared/domain';
import { permissionsOf } from '../../shared/permissions';
import { allowOpen, allowSelf } from '../lib/auth';
import { listMembershipsOfUser } from './repository';
import type { AppEnv, Deps } from '../lib/app';

export const identityRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/openapi.json',
      allowOpen(),
      responds({ 200: openApiDocumentSchema }, { summary: { fr: 'La description OpenAPI 3.1 de l’API', en: 'The API’s OpenAPI 3.1 description' } }),
      (c) => c.json(openApi as unknown as z.output<typeof openApiDocumentSchema>),
    )
    .get(
      '/me',
      allowSelf(),
      responds(
        { 200: meSchema },
        { summary: { fr: 'Qui je suis : mes adhésions et leurs permissions', en: 'Who I am: my memberships and their permissions' } },
      ),
      async (c) => {
        const identity = c.get('identity');
        const memberships: Membership[] = await listMembershipsOfUser(deps.db, identity.sub);
        return c.json({
          userId: identity.sub,
          name: identity.name ?? memberships[0]?.name ?? '',
          email: identity.email ?? memberships[0]?.email ?? '',
          memberships: memberships.map((m) => ({ ...m, permissions: [...permissionsOf(m.roles, m.organizationId)] })),
        });
      },
    );

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type IdentityApi = ReturnType<typeof identityRoutes>;
