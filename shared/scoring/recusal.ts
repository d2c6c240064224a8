/**
 * Conflicts of interest. A member is recused automatically from every
 * proposal of an organization they represent (their membership's, or the one
 * they represent at the call's table) or declared ties with, and from
 * any proposal where they declared a conflict. A recused member neither
 * scores the proposal nor sees the others' scores on it, and no figure
 * counts them.
 *
 * Ties are a member's own declaration and may change, but not silently to
 * their advantage: once scoring has opened on a call, a tie that was in
 * force at any moment since keeps its recusal on that call even after it is
 * withdrawn (the recusal says when the tie was withdrawn). Every declaration
 * and withdrawal is kept with its date (`ConflictDeclaration.history`), and
 * the recusals are derived from that history, so no call needs to be found
 * and updated when a member changes their ties.
 */
import type { ConflictDeclaration, Recusal, TieChange } from './domain';

export interface Evaluator {
  userId: string;
  name: string;
  organizationId: string | null;
  /** The organization the evaluator represents at the call's table (shared/tables.ts), which recuses as their own does. */
  representsOrganizationId?: string | null;
}

/** A declaration's changes, oldest first; a declaration saved before the history existed reads as its ties declared at `declaredAt`. */
export function tieHistory(d: Pick<ConflictDeclaration, 'organizationIds' | 'declaredAt' | 'history'>): TieChange[] {
  return d.history ?? d.organizationIds.map((organizationId) => ({ organizationId, change: 'declared' as const, at: d.declaredAt }));
}

/**
 * A member's ties after they save `organizationIds` at `at`: the ties in
 * force, and one history entry per tie declared or withdrawn (none for a
 * tie kept).
 */
export function declareTies(
  current: ConflictDeclaration | null,
  next: { userId: string; userName: string; organizationIds: readonly string[] },
  at: string,
): Omit<ConflictDeclaration, 'version'> {
  const before = new Set(current?.organizationIds ?? []);
  const after = [...new Set(next.organizationIds)];
  const kept = new Set(after);
  const history = current ? tieHistory(current) : [];
  const changes: TieChange[] = [
    ...after.filter((o) => !before.has(o)).map((organizationId) => ({ organizationId, change: 'declared' as const, at })),
    ...[...before].filter((o) => !kept.has(o)).map((organizationId) => ({ organizationId, change: 'withdrawn' as const, at })),
  ];
  return { userId: next.userId, userName: next.userName, organizationIds: after, declaredAt: at, history: [...history, ...changes] };
}

/** When the tie in force with this organization was last declared. */
function lastDeclared(history: readonly TieChange[], organizationId: string): string | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.organizationId === organizationId && history[i]!.change === 'declared') return history[i]!.at;
  return undefined;
}

/** The last withdrawal of a tie with this organization at or after `since`: the tie was in force after scoring opened. */
function withdrawnSince(history: readonly TieChange[], organizationId: string, since: string): string | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]!;
    if (h.organizationId === organizationId && h.change === 'withdrawn' && h.at >= since) return h.at;
  }
  return undefined;
}

const later = (a: string, b: string) => (a > b ? a : b);

export function recusalsFor(opts: {
  evaluators: readonly Evaluator[];
  conflicts: readonly ConflictDeclaration[];
  declared: readonly Recusal[];
  proposals: readonly { id: string; organizationId: string; organizationName: string }[];
  /** When scoring opened: the date automatic recusals are recorded with (or the declaration's, if later). */
  openedAt: string;
  /** When scoring first opened on the call (null or absent if it never has): ties withdrawn since still recuse. */
  firstOpenedAt?: string | null;
}): Recusal[] {
  const ties = new Map(opts.conflicts.map((c) => [c.userId, { now: new Set(c.organizationIds), history: tieHistory(c) }]));
  const out: Recusal[] = [];
  for (const p of opts.proposals) {
    for (const e of opts.evaluators) {
      const tie = ties.get(e.userId);
      if (e.organizationId === p.organizationId || (e.representsOrganizationId != null && e.representsOrganizationId === p.organizationId)) {
        out.push({ proposalId: p.id, userId: e.userId, userName: e.name, kind: 'automatic', reason: `Représente ${p.organizationName}`, at: opts.openedAt });
      } else if (tie?.now.has(p.organizationId)) {
        out.push({
          proposalId: p.id,
          userId: e.userId,
          userName: e.name,
          kind: 'automatic',
          reason: `Liens déclarés avec ${p.organizationName}`,
          at: later(lastDeclared(tie.history, p.organizationId) ?? opts.openedAt, opts.openedAt),
        });
      } else if (tie && opts.firstOpenedAt) {
        const withdrawnAt = withdrawnSince(tie.history, p.organizationId, opts.firstOpenedAt);
        if (withdrawnAt) {
          out.push({
            proposalId: p.id,
            userId: e.userId,
            userName: e.name,
            kind: 'automatic',
            reason: `Liens déclarés avec ${p.organizationName}, retirés après l’ouverture de l’évaluation`,
            at: later(lastDeclared(tie.history, p.organizationId) ?? opts.firstOpenedAt, opts.firstOpenedAt),
            tieWithdrawnAt: withdrawnAt,
          });
        }
      }
    }
  }
  const automatic = new Set(out.map((r) => `${r.userId}\u0000${r.proposalId}`));
  for (const r of opts.declared) if (!automatic.has(`${r.userId}\u0000${r.proposalId}`)) out.push(r);
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.proposalId.localeCompare(b.proposalId) || a.userId.localeCompare(b.userId));
}

/** A line of the minutes: who declared or withdrew a tie with which organization, and when. */
export interface TieChangeLine {
  at: string;
  userId: string;
  userName: string;
  organizationId: string;
  organizationName: string;
  change: TieChange['change'];
}

/** The declarations and withdrawals of ties with these organizations, oldest first, for a call's minutes. */
export function tieChangesFor(
  conflicts: readonly ConflictDeclaration[],
  organizations: ReadonlyMap<string, string>,
  names: ReadonlyMap<string, string>,
): TieChangeLine[] {
  return conflicts
    .flatMap((c) =>
      tieHistory(c)
        .filter((h) => organizations.has(h.organizationId))
        .map((h) => ({
          at: h.at,
          userId: c.userId,
          userName: names.get(c.userId) ?? c.userName ?? c.userId,
          organizationId: h.organizationId,
          organizationName: organizations.get(h.organizationId)!,
          change: h.change,
        })),
    )
    .sort((a, b) => a.at.localeCompare(b.at) || a.userId.localeCompare(b.userId));
}

export const recusalKey = (userId: string, proposalId: string) => `${userId}\u0000${proposalId}`;
