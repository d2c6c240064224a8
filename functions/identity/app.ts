/** Who the caller is: their memberships across tenants, for the web app's session. */
import { Hono } from 'hono';
import { responds } from '../lib/contract';
import { meSchema, notificationPreferencesSchema, openApiDocumentSchema } from '../../shared/schemas/responses/identity';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isActiveMembership, type Membership } from '../../shared/domain';
import { permissionsOf } from '../../shared/permissions';
import { allowOpen, allowSelf } from '../lib/auth';
import { getPreferences, listMembershipsOfUser, savePreferences } from './repository';
import { jsonBody } from '../lib/app';
import { notificationPreferencesInput } from '../../shared/schemas/notifications';
import { ESSENTIAL_KINDS } from '../../shared/notifications';
import type { AppEnv, Deps } from '../lib/app';
import { peopleRoutes } from './people';

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
          // Active memberships first: a deactivated one is listed (the app can say so) but never chosen before them.
          memberships: memberships
            .map((m) => ({
              tenantId: m.tenantId,
              tenantName: m.tenantName,
              userId: m.userId,
              name: m.name,
              email: m.email,
              roles: m.roles,
              organizationId: m.organizationId,
              status: isActiveMembership(m) ? ('active' as const) : ('deactivated' as const),
              permissions: isActiveMembership(m) ? [...permissionsOf(m.roles, m.organizationId)] : [],
            }))
            .sort((a, b) => (a.status === b.status ? 0 : a.status === 'active' ? -1 : 1)),
        });
      },
    )
    // The caller's own preferences only: the key is built from the token's subject, never from the address.
    .get(
      '/t/:tenantId/me/notification-preferences',
      allowSelf(),
      responds({ 200: notificationPreferencesSchema }, { summary: { fr: 'Lire mes préférences d’avis', en: 'Read my notification preferences' } }),
      async (c) => {
        const member = c.get('member');
        const prefs = await getPreferences(deps.db, member.tenantId, member.userId);
        return c.json(
          { optOut: prefs?.optOut ?? [], essential: [...ESSENTIAL_KINDS], version: prefs?.version ?? null, updatedAt: prefs?.updatedAt ?? null },
          200,
        );
      },
    )
    .put(
      '/t/:tenantId/me/notification-preferences',
      allowSelf(),
      responds({ 200: notificationPreferencesSchema }, { summary: { fr: 'Choisir les avis que je reçois', en: 'Choose the notifications I receive' } }),
      jsonBody(notificationPreferencesInput),
      async (c) => {
        const member = c.get('member');
        const { version, optOut } = c.req.valid('json');
        const saved = await savePreferences(
          deps.db,
          member.tenantId,
          { userId: member.userId, optOut: [...new Set(optOut)], version: version ?? 1, updatedAt: deps.now().toISOString() },
          version,
        );
        return c.json({ optOut: saved.optOut, essential: [...ESSENTIAL_KINDS], version: saved.version, updatedAt: saved.updatedAt }, 200);
      },
    )
    .route('/', peopleRoutes(deps));

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type IdentityApi = ReturnType<typeof identityRoutes>;
