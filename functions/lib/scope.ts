/**
 * Everything under `/calls/{callId}/…` (grid, scoring, proposals, revision
 * round, approval vote, scenarios) belongs to a call; when the call does not
 * exist in the caller's tenant, each of those answers 404, the same as the
 * call itself. Checked here once, rather than by each context remembering to
 * read the call first (some answered 200 with empty data). The call read
 * here is handed to the route (`c.get('call')`), which does not read it again.
 */
import type { MiddlewareHandler } from 'hono';
import type { StoredCall } from '../../shared/domain';
import { NotFoundError } from '../../shared/errors';
import type { AppEnv } from './app';
import { getItem, type Db } from './db';
import { keys } from './keys';
import { assertPathIds } from './path-ids';

export const CALL_SCOPE = '/api/t/:tenantId/calls/:callId/*';

export function requireCall(db: Db): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const callId = c.req.param('callId') ?? '';
    assertPathIds({ callId });
    const call = await getItem<StoredCall>(db, keys.call(c.get('member').tenantId, callId));
    if (!call) throw new NotFoundError({ fr: 'L’appel de projets', en: 'The call for projects' });
    c.set('call', call);
    await next();
  };
}
