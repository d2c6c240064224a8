/**
 * Rank aggregation for needs prioritization, exactly as ../shared/METHODS.md §1
 * defines it (worked examples in docs/prioritization-methods.md).
 *
 * A ballot is an ordered list of tiers; alternatives in a tier are tied, and
 * the alternatives a ballot leaves out form an implicit last tier. Every
 * method is pure and deterministic: results do not depend on the order of
 * the alternatives or ballots given, ties are kept as ties, and nothing is
 * broken silently. Scores are kept exact: Borda and Copeland can give halves,
 * so they are computed in half-points and reported as numbers with at most
 * one half.
 */

export type RankingMethod = 'schulze' | 'borda' | 'copeland';

export interface RankedBallot {
  /** How many voters cast this ballot (1 for a member's ballot; PrefLib files group them). */
  count: number;
  /** Best tier first; each tier a set of alternative ids. */
  tiers: string[][];
}

export interface PointsBallot {
  count: number;
  points: Record<string, number>;
}

export interface ApprovalBallot {
  count: number;
  approved: string[];
}

export interface Ranking {
  /** Best tier first; alternatives in one tier are tied. Within a tier, ids in natural order. */
  order: string[][];
  /** The alternatives in canonical (natural) order: the rows and columns of the matrices. */
  alternatives: string[];
  /** The score each alternative is ordered by (Borda points, Copeland points, points, approvals); absent for Schulze. */
  scores?: Record<string, number>;
  /** d[x][y]: voters who put x in a strictly better tier than y. */
  pairwise?: number[][];
  /** Schulze's widest-path strengths p[x][y]. */
  strengths?: number[][];
  /** Voters counted (sum of ballot counts). */
  voters: number;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Natural order of ids ("2" before "10"), the one order every result uses. */
export function canonical(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(collator.compare);
}

function totalVoters(ballots: readonly { count: number }[]): number {
  return ballots.reduce((sum, b) => sum + b.count, 0);
}

/** Orders by score, best first, equal scores in one tier. */
function tiersByScore(alternatives: string[], score: (i: number) => number): string[][] {
  const idx = alternatives.map((_, i) => i).sort((a, b) => score(b) - score(a) || a - b);
  const tiers: string[][] = [];
  let last = Number.NaN;
  for (const i of idx) {
    if (score(i) !== last) tiers.push([]);
    tiers[tiers.length - 1]!.push(alternatives[i]!);
    last = score(i);
  }
  return tiers;
}

/**
 * For each ballot, each alternative's tier (0 = best); alternatives the
 * ballot leaves out share the tier after the last. Unknown ids are ignored
 * here: callers validate ballots before tallying.
 */
function tierIndexes(alternatives: string[], ballot: RankedBallot, index: Map<string, number>): Int32Array {
  const tierOf = new Int32Array(alternatives.length).fill(ballot.tiers.length);
  ballot.tiers.forEach((tier, t) => {
    for (const id of tier) {
      const i = index.get(id);
      if (i !== undefined) tierOf[i] = t;
    }
  });
  return tierOf;
}

/** d[x][y] over the alternatives in canonical order. */
export function pairwiseCounts(alternatives: string[], ballots: readonly RankedBallot[]): number[][] {
  const alts = canonical(alternatives);
  const m = alts.length;
  const index = new Map(alts.map((a, i) => [a, i]));
  const d = new Float64Array(m * m);
  for (const ballot of ballots) {
    if (ballot.count === 0) continue;
    const tierOf = tierIndexes(alts, ballot, index);
    for (let x = 0; x < m; x++) {
      const tx = tierOf[x]!;
      const row = x * m;
      for (let y = 0; y < m; y++) if (tx < tierOf[y]!) d[row + y]! += ballot.count;
    }
  }
  return alts.map((_, x) => Array.from(d.subarray(x * m, x * m + m)));
}

/** Schulze, winning votes, widest paths by Floyd–Warshall on max-min; the order built tier by tier. */
export function schulze(alternatives: string[], ballots: readonly RankedBallot[]): Ranking {
  const alts = canonical(alternatives);
  const m = alts.length;
  const d = pairwiseCounts(alts, ballots);
  const p = alts.map((_, x) => alts.map((_, y) => (x !== y && d[x]![y]! > d[y]![x]! ? d[x]![y]! : 0)));
  for (let k = 0; k < m; k++) {
    for (let i = 0; i < m; i++) {
      if (i === k) continue;
      const pik = p[i]![k]!;
      if (pik === 0) continue;
      const rowI = p[i]!;
      const rowK = p[k]!;
      for (let j = 0; j < m; j++) {
        if (j === i || j === k) continue;
        const via = Math.min(pik, rowK[j]!);
        if (via > rowI[j]!) rowI[j] = via;
      }
    }
  }
  const order: string[][] = [];
  let remaining = alts.map((_, i) => i);
  while (remaining.length > 0) {
    const unbeaten = remaining.filter((x) => remaining.every((y) => !(p[y]![x]! > p[x]![y]!)));
    // With widest-path strengths the "beats" relation is transitive, so some alternative is always unbeaten.
    order.push(unbeaten.map((i) => alts[i]!));
    remaining = remaining.filter((x) => !unbeaten.includes(x));
  }
  return { order, alternatives: alts, pairwise: d, strengths: p, voters: totalVoters(ballots) };
}

/**
 * Borda: with m alternatives, a tier spanning positions k..l (1-based) gives
 * each of its alternatives the average of m−k … m−l points; the unranked
 * share the remaining positions the same way.
 */
export function borda(alternatives: string[], ballots: readonly RankedBallot[]): Ranking {
  const alts = canonical(alternatives);
  const m = alts.length;
  const index = new Map(alts.map((a, i) => [a, i]));
  const half = new Float64Array(m); // twice the points, to stay exact
  for (const ballot of ballots) {
    const seen = new Uint8Array(m);
    let position = 1;
    const award = (members: number[]) => {
      if (members.length === 0) return;
      const k = position;
      const l = position + members.length - 1;
      const twiceAverage = 2 * m - k - l; // (m−k + m−l) / 2, doubled
      for (const i of members) half[i]! += twiceAverage * ballot.count;
      position = l + 1;
    };
    for (const tier of ballot.tiers) {
      const members: number[] = [];
      for (const id of tier) {
        const i = index.get(id);
        if (i !== undefined && !seen[i]) {
          seen[i] = 1;
          members.push(i);
        }
      }
      award(members);
    }
    award(alts.map((_, i) => i).filter((i) => !seen[i]));
  }
  const scores = Object.fromEntries(alts.map((a, i) => [a, half[i]! / 2]));
  return { order: tiersByScore(alts, (i) => half[i]!), alternatives: alts, scores, voters: totalVoters(ballots) };
}

/** Copeland: 1 point per pairwise win, ½ per pairwise tie. */
export function copeland(alternatives: string[], ballots: readonly RankedBallot[]): Ranking {
  const alts = canonical(alternatives);
  const d = pairwiseCounts(alts, ballots);
  const half = alts.map((_, x) => alts.reduce((sum, _y, y) => (x === y ? sum : sum + (d[x]![y]! > d[y]![x]! ? 2 : d[x]![y]! === d[y]![x]! ? 1 : 0)), 0));
  const scores = Object.fromEntries(alts.map((a, i) => [a, half[i]! / 2]));
  return { order: tiersByScore(alts, (i) => half[i]!), alternatives: alts, scores, pairwise: d, voters: totalVoters(ballots) };
}

export function rankBy(method: RankingMethod, alternatives: string[], ballots: readonly RankedBallot[]): Ranking {
  if (method === 'schulze') return schulze(alternatives, ballots);
  if (method === 'borda') return borda(alternatives, ballots);
  return copeland(alternatives, ballots);
}

/** Points (dot voting): order by total points received. */
export function pointsTally(alternatives: string[], ballots: readonly PointsBallot[]): Ranking {
  const alts = canonical(alternatives);
  const totals = new Map(alts.map((a) => [a, 0]));
  for (const b of ballots) for (const [id, pts] of Object.entries(b.points)) if (totals.has(id)) totals.set(id, totals.get(id)! + pts * b.count);
  const scores = Object.fromEntries(totals);
  return { order: tiersByScore(alts, (i) => totals.get(alts[i]!)!), alternatives: alts, scores, voters: totalVoters(ballots) };
}

/** Approval: order by how many voters approved. */
export function approvalTally(alternatives: string[], ballots: readonly ApprovalBallot[]): Ranking {
  const alts = canonical(alternatives);
  const totals = new Map(alts.map((a) => [a, 0]));
  for (const b of ballots) for (const id of new Set(b.approved)) if (totals.has(id)) totals.set(id, totals.get(id)! + b.count);
  const scores = Object.fromEntries(totals);
  return { order: tiersByScore(alts, (i) => totals.get(alts[i]!)!), alternatives: alts, scores, voters: totalVoters(ballots) };
}
