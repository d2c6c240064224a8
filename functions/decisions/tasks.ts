/**
 * What the decision asks of a manager ("Décider de l'appel"): a call whose table adopted its
 * recommendation, or a closed call without a table with eligible proposals, and no decision yet.
 */
import type { StoredCall } from '../../shared/domain';
import { task, type Task } from '../../shared/tasks';
import type { Deps } from '../lib/app';
import type { Member } from '../lib/auth';
import { listAllSubmissionRows } from '../proposals';
import { getRecommendation } from '../recommendations';
import { getDecision } from './repository';

/** Reads, per published call past its closing: its decision; then its recommendation (a table's call) or its eligible proposals (without a table). */
export async function decisionTasksFor(deps: Pick<Deps, 'db' | 'now'>, member: Member, calls: readonly StoredCall[]): Promise<Task[]> {
  if (!member.permissions.has('decision:write')) return [];
  const now = deps.now().toISOString();
  const t = member.tenantId;
  const closed = calls.filter((c) => c.status === 'published' && c.closesAt <= now);
  const waiting = await Promise.all(
    closed.map(async (call) => {
      if (await getDecision(deps.db, t, call.id)) return null;
      if (call.tableId) return (await getRecommendation(deps.db, t, call.id))?.status === 'adopted' ? call : null;
      const rows = await listAllSubmissionRows(deps.db, t, call.id);
      return rows.some((r) => r.status === 'submitted' && r.screeningOutcome === 'eligible') ? call : null;
    }),
  );
  return waiting
    .filter((c): c is StoredCall => c !== null)
    .map((call) => task({ kind: 'decision', title: call.title, dueAt: null, link: `/appels/${call.id}/decision`, callId: call.id }));
}
