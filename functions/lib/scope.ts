/**
 * Everything under `/calls/{callId}/…` (grid, scoring, proposals, revision
 * round, approval vote, scenarios) belongs to a call; when the call does not
 * exist in the caller's tenant, each of those answers 404, the same as the
 * call itself. Checked here once, rather than by each context remembering to
 * read the call first (some answered 200 with empty data). The call read
 * here is handed to the route (`c.get('call')`), which does not read it again.
 * A read route that can tell "no such call" from its own answer is marked
 * `checksCallItself()` and saves that read: the submissions list, the route
 * people wait on most, is then one Query (its empty page reads the call).
 *
 * A call by invitation is, for a person acting only for an organization it
 * does not invite, a call that does not exist: every route under it answers
 * 404 the same way (shared/call-access.ts). Staff read every call.
 */
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { StoredCall } from '../../shared/domain';
import { NotFoundError } from '../../shared/errors';
import { maySeeCall } from '../../shared/call-access';
import type { AppEnv } from './app';
import { getItem, type Db } from './db';
import { keys } from './keys';
import { assertPathIds } from './path-ids';
import { PERMISSION_TAG } from './auth';
import type { Permission } from '../../shared/permissions';

export const CALL_SCOPE = '/api/t/:tenantId/calls/:callId/*';

const CHECKS_CALL = Symbol.for('enveloppe.checks-call');

/**
 * Marks a route that checks its call itself (with `assertCallExists` when its
 * answer alone cannot tell): the scope does not read the call, and
 * `c.get('call')` is not set for it.
 */
export function checksCallItself(): MiddlewareHandler<AppEnv> {
  const mw: MiddlewareHandler<AppEnv> = (_c, next) => next();
  Object.defineProperty(mw, CHECKS_CALL, { value: true });
  return mw;
}

/** The call, or the 404 problem every call route answers for an unknown one. */
export async function assertCallExists(db: Db, tenantId: string, callId: string): Promise<StoredCall> {
  const call = await getItem<StoredCall>(db, keys.call(tenantId, callId));
  if (!call) throw new NotFoundError({ fr: 'L’appel de projets', en: 'The call for projects' });
  return call;
}

export function requireCall(db: Db): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const callId = c.req.param('callId') ?? '';
    assertPathIds({ callId });
    const member = c.get('member');
    const routes = matchedRoutes(c).filter((r) => r.method !== 'ALL');
    const self = routes.find((r) => CHECKS_CALL in r.handler);
    // Only a caller the route lets in reaches its own check: for anyone else an unknown call is still 404, not 403.
    const letIn =
      self !== undefined &&
      routes
        .filter((r) => r.path === self.path && PERMISSION_TAG in r.handler)
        .every((r) => member.permissions.has((r.handler as unknown as Record<symbol, Permission>)[PERMISSION_TAG]!));
    if (!letIn) {
      const call = await assertCallExists(db, member.tenantId, callId);
      if (!maySeeCall(member, call)) throw new NotFoundError({ fr: 'L’appel de projets', en: 'The call for projects' });
      c.set('call', call);
    }
    await next();
  };
}
