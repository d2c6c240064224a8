/**
 * Conflicts of interest. A member is recused automatically from every
 * proposal of an organization they represent or declared ties with, and from
 * any proposal where they declared a conflict. A recused member neither
 * scores the proposal nor sees the others' scores on it, and no figure
 * counts them.
 */
import type { ConflictDeclaration, Recusal } from './domain';

export interface Evaluator {
  userId: string;
  name: string;
  organizationId: string | null;
}

export function recusalsFor(opts: {
  evaluators: readonly Evaluator[];
  conflicts: readonly ConflictDeclaration[];
  declared: readonly Recusal[];
  proposals: readonly { id: string; organizationId: string; organizationName: string }[];
  /** When scoring opened: the date automatic recusals are recorded with (or the declaration's, if later). */
  openedAt: string;
}): Recusal[] {
  const ties = new Map(opts.conflicts.map((c) => [c.userId, c]));
  const out: Recusal[] = [];
  for (const p of opts.proposals) {
    for (const e of opts.evaluators) {
      const declaredTie = ties.get(e.userId);
      if (e.organizationId === p.organizationId) {
        out.push({ proposalId: p.id, userId: e.userId, userName: e.name, kind: 'automatic', reason: `Représente ${p.organizationName}`, at: opts.openedAt });
      } else if (declaredTie?.organizationIds.includes(p.organizationId)) {
        out.push({ proposalId: p.id, userId: e.userId, userName: e.name, kind: 'automatic', reason: `Liens déclarés avec ${p.organizationName}`, at: declaredTie.declaredAt > opts.openedAt ? declaredTie.declaredAt : opts.openedAt });
      }
    }
  }
  const automatic = new Set(out.map((r) => `${r.userId}\u0000${r.proposalId}`));
  for (const r of opts.declared) if (!automatic.has(`${r.userId}\u0000${r.proposalId}`)) out.push(r);
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.proposalId.localeCompare(b.proposalId) || a.userId.localeCompare(b.userId));
}

export const recusalKey = (userId: string, proposalId: string) => `${userId}\u0000${proposalId}`;
