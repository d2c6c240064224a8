/**
 * "What waits for me": the caller's tasks, gathered from the contexts that ask them (each by its own rules of
 * who votes, scores, screens or answers) and sorted most urgent first. Only the caller's: nothing from the
 * address but the tenant, whose membership the request already proved.
 */
import { Hono } from 'hono';
import { myTasksSchema } from '../../shared/schemas/responses/tasks';
import { sortTasks } from '../../shared/tasks';
import { allow } from '../lib/auth';
import type { AppEnv, Deps } from '../lib/app';
import { responds } from '../lib/contract';
import { allocationTasksFor } from '../allocation';
import { invitationTasksFor } from '../identity';
import { listCallsOfTenant } from '../calls';
import { needsTasksFor } from '../needs';
import { proposalTasksFor } from '../proposals';
import { scoringTasksFor } from '../scoring';
import { recommendationTasksFor } from '../recommendations';
import { decisionTasksFor } from '../decisions';
import { agreementTasksFor } from '../agreements';
import { reportTasksFor } from '../reports';

export const taskRoutes = (deps: Deps) =>
  new Hono<AppEnv>().get(
    '/t/:tenantId/me/tasks',
    allow('tasks:read'),
    responds(
      { 200: myTasksSchema },
      { summary: { fr: 'Ce qui m’attend : mes tâches, la plus urgente d’abord', en: 'What waits for me: my tasks, most urgent first' } },
    ),
    async (c) => {
      const member = c.get('member');
      // The tenant's calls are read once and shared by the contexts whose tasks hang on a call.
      const calls = await listCallsOfTenant(deps.db, member.tenantId);
      const found = await Promise.all([
        needsTasksFor(deps, member),
        scoringTasksFor(deps, member, calls),
        allocationTasksFor(deps, member, calls),
        proposalTasksFor(deps, member, calls),
        recommendationTasksFor(deps, member, calls),
        decisionTasksFor(deps, member, calls),
        agreementTasksFor(deps, member, calls),
        reportTasksFor(deps, member),
        // Invitations to other institutions, found by the token's email claim.
        invitationTasksFor(deps, c.get('identity'), member.tenantId),
      ]);
      return c.json({ items: sortTasks(found.flat()) }, 200);
    },
  );

/** The route's types, for the web app's typed client (web/src/lib/client.ts). */
export type TasksApi = ReturnType<typeof taskRoutes>;
