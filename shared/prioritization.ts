/**
 * The rules of a prioritization round, shared by the API (which enforces
 * them) and the web app (which checks a ballot before sending it).
 */
import type { FieldProblem } from './errors';
import type { Ballot, PrioritizationRound, RoundResult } from './needs';
import { approvalTally, borda, pointsTally, schulze } from './ranking/methods';
import type { BallotInput } from './schemas/needs';
import { ruleProblem } from './validation';

const KIND = {
  ranking: { field: 'ranking', fr: 'classement', en: 'ranking' },
  points: { field: 'points', fr: 'points à distribuer', en: 'points to hand out' },
  approval: { field: 'approved', fr: 'approbation', en: 'approval' },
} as const;

/** Every problem of a ballot against its round: wrong kind, unknown need, need twice, points over budget, too many approvals. */
export function checkBallot(
  round: Pick<PrioritizationRound, 'method' | 'needs' | 'pointsBudget' | 'approvalMax'>,
  input: Omit<BallotInput, 'version'>,
): FieldProblem[] {
  const kind = KIND[round.method];
  const given = (['ranking', 'points', 'approved'] as const).filter((f) => input[f] !== undefined);
  if (given.length !== 1 || given[0] !== kind.field)
    return [ruleProblem(kind.field, 'wrong_ballot_kind', { field: kind.field, expectedFr: kind.fr, expectedEn: kind.en })];
  const known = new Set(round.needs.map((n) => n.id));
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const visit = (needId: string, path: string) => {
    if (!known.has(needId)) problems.push(ruleProblem(path, 'unknown_need', { needId }));
    else if (seen.has(needId)) problems.push(ruleProblem(path, 'need_twice', { needId }));
    seen.add(needId);
  };
  if (round.method === 'ranking') {
    for (const [t, tier] of input.ranking!.entries()) {
      for (const [i, needId] of tier.entries()) visit(needId, `ranking.${t}.${i}`);
    }
  }
  if (round.method === 'points') {
    const entries = Object.entries(input.points!);
    for (const [needId] of entries) visit(needId, `points.${needId}`);
    const total = entries.reduce((s, [, v]) => s + v, 0);
    if (round.pointsBudget !== null && total > round.pointsBudget)
      problems.push(ruleProblem('points', 'points_over_budget', { total, budget: round.pointsBudget }));
  }
  if (round.method === 'approval') {
    for (const [i, needId] of input.approved!.entries()) visit(needId, `approved.${i}`);
    if (round.approvalMax !== null && input.approved!.length > round.approvalMax)
      problems.push(ruleProblem('approved', 'too_many_approvals', { max: round.approvalMax, count: input.approved!.length }));
  }
  return problems;
}

/** The round's figures from its ballots: Schulze with Borda beside it, or points, or approvals. */
export function tallyRound(
  round: Pick<PrioritizationRound, 'method' | 'needs'>,
  ballots: readonly Pick<Ballot, 'ranking' | 'points' | 'approved'>[],
  eligibleVoters: number | null,
): RoundResult {
  const ids = round.needs.map((n) => n.id);
  const base = { method: round.method, participants: ballots.length, eligibleVoters };
  if (round.method === 'ranking') {
    const ranked = ballots.map((b) => ({ count: 1, tiers: b.ranking ?? [] }));
    return { ...base, primary: schulze(ids, ranked), borda: borda(ids, ranked) };
  }
  if (round.method === 'points')
    return {
      ...base,
      primary: pointsTally(
        ids,
        ballots.map((b) => ({ count: 1, points: b.points ?? {} })),
      ),
      borda: null,
    };
  return {
    ...base,
    primary: approvalTally(
      ids,
      ballots.map((b) => ({ count: 1, approved: b.approved ?? [] })),
    ),
    borda: null,
  };
}

/** The tiers of `order` that `retained` cuts through (some of the tier retained, not all): each needs an explicit tie-break. */
export function tiesCut(order: string[][], retained: readonly string[]): string[][] {
  const keep = new Set(retained);
  return order.filter((tier) => tier.some((n) => keep.has(n)) && tier.some((n) => !keep.has(n)));
}

/** The top k needs of an order, or null when the k-th place is tied with the next (the table must then decide). */
export function topK(order: string[][], k: number): string[] | null {
  const out: string[] = [];
  for (const tier of order) {
    if (out.length >= k) break;
    if (out.length + tier.length > k) return null;
    out.push(...tier);
  }
  return out;
}
