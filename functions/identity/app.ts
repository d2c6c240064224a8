/** Who the caller is: their memberships across tenants, for the web app's session. */
import { Hono } from 'hono';
import { responds } from '../lib/contract';
import { meSchema, openApiDocumentSchema } from '../../shared/schemas/responses/identity';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Membership } from '../../shared/domain';
import { permissionsOf } from '../../shared/permissions';
import { allowOpen, allowSelf } from '../lib/auth';
import { listMembershipsOfUser } from './repository';
import type { AppEnv, Deps } from '../lib/app';

/**
 * The OpenAPI document, written by `npm run openapi` from the route modules (a unit test keeps it
 * current). In the Lambda it ships beside the bundle (infra/lib/contexts.ts); read once, when first asked.
 */
let openApiText: string | undefined;
function openApiDocument(): string {
  const root = process.env.LAMBDA_TASK_ROOT;
  openApiText ??= readFileSync(root ? join(root, 'docs', 'openapi.json') : fileURLToPath(new URL('../../docs/openapi.json', import.meta.url)), 'utf8');
  return openApiText;
}

export const identityRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/openapi.json',
      allowOpen(),
      responds({ 200: openApiDocumentSchema }, { summary: { fr: 'La description OpenAPI 3.1 de l’API', en: 'The API’s OpenAPI 3.1 description' } }),
      (c) => c.body(openApiDocument(), 200, { 'Content-Type': 'application/json; charset=utf-8' }),
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
