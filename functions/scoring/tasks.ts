/**
 * What scoring asks of an evaluator: the sheets still to submit on each call whose scoring is open, over the
 * proposals the scoring context assigns to her and she is not recused from (`scoringContext`, the routes'
 * own rule). A grid scored by consensus asks nothing of each member: the coordinator records its sheets.
 */
import type { StoredCall } from '../../shared/domain';
import { decodeLedgerEntry, type ScoringGrid } from '../../shared/scoring/domain';
import { recusalKey } from '../../shared/scoring/recusal';
import { task, type Task } from '../../shared/tasks';
import { isAccepting } from '../../shared/window';
import type { Deps } from '../lib/app';
import type { Member } from '../lib/auth';
import { getGrid, getLedger } from './repository';
import { scoringContext } from './results';

/**
 * One task per call where the caller has sheets to submit, counting them. Reads: each published call's grid,
 * and for an open one its scoring context (call, rows, members, conflicts, recusals) and the caller's ledger.
 */
export async function scoringTasksFor(deps: Deps, member: Member, calls: readonly StoredCall[]): Promise<Task[]> {
  if (!member.permissions.has('scoring:evaluate')) return [];
  const now = deps.now();
  const grids = await Promise.all(calls.filter((c) => c.status === 'published').map((c) => getGrid(deps.db, member.tenantId, c.id)));
  const open = grids.filter((g): g is ScoringGrid => g !== null && g.mode === 'individual' && isAccepting(g, now));
  const tasks = await Promise.all(
    open.map(async (grid) => {
      const ctx = await scoringContext(deps, member.tenantId, grid.callId, grid);
      const mine = ctx.proposals.filter((p) => ctx.assigned(p.id).includes(member.userId) && !ctx.recused.has(recusalKey(member.userId, p.id)));
      if (mine.length === 0) return null;
      const ledger = await getLedger(deps.db, member.tenantId, grid.callId, member.userId);
      const missing = mine.filter((p) => {
        const text = ledger?.sheets[p.id];
        const entry = text ? decodeLedgerEntry(text) : null;
        return !(entry && entry.st === 'submitted' && entry.gv === grid.gridVersion);
      });
      if (missing.length === 0) return null;
      return task({
        kind: 'scoring',
        title: ctx.call.title,
        dueAt: grid.closesAt,
        count: missing.length,
        link: `/appels/${grid.callId}/evaluation`,
        callId: grid.callId,
      });
    }),
  );
  return tasks.filter((t): t is Task => t !== null);
}
