/** Who the caller is: their memberships across tenants, for the web app's session. */
import { Hono } from 'hono';
import type { Membership } from '../../shared/domain';
import { permissionsOf } from '../../shared/permissions';
import { allowSelf } from '../lib/auth';
import { listMembershipsOfUser } from './repository';
import type { AppEnv, Deps } from '../lib/app';

export const identityRoutes = (deps: Deps) =>
  new Hono<AppEnv>().get('/me', allowSelf(), async (c) => {
    const identity = c.get('identity');
    const memberships: Membership[] = await listMembershipsOfUser(deps.db, identity.sub);
    return c.json({
      userId: identity.sub,
      name: identity.name ?? memberships[0]?.name ?? '',
      email: identity.email ?? memberships[0]?.email ?? '',
      memberships: memberships.map((m) => ({ ...m, permissions: [...permissionsOf(m.roles, m.organizationId)] })),
    });
  });

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type IdentityApi = ReturnType<typeof identityRoutes>;
