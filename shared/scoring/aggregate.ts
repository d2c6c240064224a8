/**
 * Scoring aggregation, exactly as ../shared/METHODS.md §2 defines it (worked
 * example in docs/scoring-methods.md). Pure and deterministic: the order of
 * evaluators, proposals or scores given changes nothing.
 *
 * - An evaluator's total for a proposal: 100 × Σ w_c · s_c / S_c over the
 *   criteria scored. A total missing a criterion is reported incomplete and
 *   enters no aggregate (a missing score is never a zero).
 * - Aggregates across evaluators: mean, median, trimmed mean (the highest and
 *   lowest dropped when there are at least 5 totals).
 * - Normalization per evaluator: z = (t − μ_e) / σ_e over that evaluator's
 *   complete totals on the call, rescaled to the call's overall mean and
 *   standard deviation; an evaluator with fewer than 2 totals or σ_e = 0 keeps
 *   raw totals. Standard deviations are population ones (divided by n).
 * - Disagreement: the standard deviation of the evaluators' totals on a
 *   proposal above a threshold (default 15 points).
 * - Recused evaluators never enter any figure: their scores are dropped first.
 */

export type AggregationRule = 'mean' | 'median' | 'trimmed';

export interface GridCriterion {
  id: string;
  /** Weight in basis points; a grid's weights add up to 10 000 (100 %). */
  weightBp: number;
  /** Top of the scale: scores go from 0 to `scale`. */
  scale: number;
}

export interface Score {
  evaluatorId: string;
  proposalId: string;
  criterionId: string;
  value: number;
}

export interface EvaluatorTotal {
  evaluatorId: string;
  proposalId: string;
  /** 0–100 over the criteria scored. */
  total: number;
  complete: boolean;
  /** Criteria of the grid without a score from this evaluator. */
  missing: string[];
}

interface ProposalResult {
  proposalId: string;
  /** Complete totals per evaluator, raw. */
  raw: Record<string, number>;
  /** The same, normalized (equal to raw when normalization is off or not possible for that evaluator). */
  normalized: Record<string, number>;
  /** Evaluators whose totals are incomplete for this proposal: reported, not counted. */
  incomplete: string[];
  /** The aggregate by the rule, raw and normalized; null without any complete total. */
  aggregate: number | null;
  aggregateNormalized: number | null;
  /** Population standard deviation of the raw complete totals; null under 2 totals. */
  spread: number | null;
  disagreement: boolean;
}

export interface ScoringResult {
  rule: AggregationRule;
  normalized: boolean;
  proposals: ProposalResult[];
  /** Proposal ids best first, by the aggregate used (normalized when asked), ties as tiers; proposals without an aggregate last, apart. */
  ranking: string[][];
  unranked: string[];
  /** Evaluators kept raw by normalization (fewer than 2 totals, or no spread). */
  notNormalized: string[];
}

const DEFAULT_DISAGREEMENT = 15;

/** Figures equal to this precision are one tie: float noise never splits a tie. */
const round9 = (x: number) => Math.round(x * 1e9) / 1e9;

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

function populationSd(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function aggregate(totals: readonly number[], rule: AggregationRule): number | null {
  if (totals.length === 0) return null;
  if (rule === 'median') return median(totals);
  if (rule === 'trimmed' && totals.length >= 5) return mean([...totals].sort((a, b) => a - b).slice(1, -1));
  return mean(totals);
}

/** Each evaluator's total per proposal, from the scores given (recused ones already left out). */
export function evaluatorTotals(grid: readonly GridCriterion[], scores: readonly Score[]): EvaluatorTotal[] {
  const column = new Map(grid.map((c, i) => [c.id, i]));
  // evaluator → proposal → the value per criterion (NaN: not scored).
  const sheets = new Map<string, Map<string, Float64Array>>();
  for (const s of scores) {
    const i = column.get(s.criterionId);
    if (i === undefined) continue;
    let byProposal = sheets.get(s.evaluatorId);
    if (!byProposal) sheets.set(s.evaluatorId, (byProposal = new Map()));
    let values = byProposal.get(s.proposalId);
    if (!values) byProposal.set(s.proposalId, (values = new Float64Array(grid.length).fill(Number.NaN)));
    values[i] = s.value;
  }
  const out: EvaluatorTotal[] = [];
  for (const [evaluatorId, byProposal] of sheets) {
    for (const [proposalId, values] of byProposal) {
      let sum = 0;
      const missing: string[] = [];
      grid.forEach((c, i) => {
        const v = values[i]!;
        if (Number.isNaN(v)) missing.push(c.id);
        else sum += (c.weightBp / 10_000) * (v / c.scale);
      });
      out.push({ evaluatorId, proposalId, total: round9(100 * sum), complete: missing.length === 0, missing });
    }
  }
  return out.sort((a, b) =>
    a.proposalId < b.proposalId ? -1 : a.proposalId > b.proposalId ? 1 : a.evaluatorId < b.evaluatorId ? -1 : a.evaluatorId > b.evaluatorId ? 1 : 0,
  );
}

/**
 * Normalized totals: per evaluator z-scores over their complete totals,
 * rescaled to the call's overall mean and standard deviation.
 */
function normalizeTotals(totals: readonly EvaluatorTotal[]): { normalized: Map<EvaluatorTotal, number>; notNormalized: string[] } {
  const complete = totals.filter((t) => t.complete);
  const normalized = new Map<EvaluatorTotal, number>();
  const notNormalized: string[] = [];
  if (complete.length === 0) return { normalized, notNormalized };
  const all = complete.map((t) => t.total);
  const mu = mean(all);
  const sigma = populationSd(all);
  const byEvaluator = new Map<string, EvaluatorTotal[]>();
  for (const t of complete) {
    const list = byEvaluator.get(t.evaluatorId);
    if (list) list.push(t);
    else byEvaluator.set(t.evaluatorId, [t]);
  }
  for (const [evaluatorId, own] of [...byEvaluator].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const xs = own.map((t) => t.total);
    const sd = populationSd(xs);
    const keepRaw = xs.length < 2 || round9(sd) === 0;
    if (keepRaw) notNormalized.push(evaluatorId);
    const m = mean(xs);
    for (const t of own) normalized.set(t, keepRaw ? t.total : round9(mu + sigma * ((t.total - m) / sd)));
  }
  return { normalized, notNormalized };
}

/** The call's results: per proposal, raw and normalized totals, aggregates, spread and disagreement; the ranking with ties. */
export function scoreResults(opts: {
  grid: readonly GridCriterion[];
  scores: readonly Score[];
  /** `evaluatorId\u0000proposalId` pairs whose scores must not count (recusals). */
  recused?: ReadonlySet<string>;
  proposalIds: readonly string[];
  rule: AggregationRule;
  normalize: boolean;
  disagreementThreshold?: number;
}): ScoringResult {
  const scores = opts.recused ? opts.scores.filter((s) => !opts.recused!.has(`${s.evaluatorId}\u0000${s.proposalId}`)) : opts.scores;
  const totals = evaluatorTotals(opts.grid, scores);
  const { normalized, notNormalized } = normalizeTotals(totals);
  const threshold = opts.disagreementThreshold ?? DEFAULT_DISAGREEMENT;
  const byProposal = new Map<string, EvaluatorTotal[]>();
  for (const t of totals) {
    const list = byProposal.get(t.proposalId);
    if (list) list.push(t);
    else byProposal.set(t.proposalId, [t]);
  }
  const proposals: ProposalResult[] = [...new Set(opts.proposalIds)].sort().map((proposalId) => {
    const own = byProposal.get(proposalId) ?? [];
    const complete = own.filter((t) => t.complete);
    const raw = Object.fromEntries(complete.map((t) => [t.evaluatorId, t.total]));
    const norm = Object.fromEntries(complete.map((t) => [t.evaluatorId, normalized.get(t) ?? t.total]));
    const rawValues = complete.map((t) => t.total);
    const spread = rawValues.length >= 2 ? round9(populationSd(rawValues)) : null;
    const agg = aggregate(rawValues, opts.rule);
    const aggN = aggregate(Object.values(norm), opts.rule);
    return {
      proposalId,
      raw,
      normalized: norm,
      incomplete: own.filter((t) => !t.complete).map((t) => t.evaluatorId),
      aggregate: agg === null ? null : round9(agg),
      aggregateNormalized: aggN === null ? null : round9(aggN),
      spread,
      disagreement: spread !== null && spread > threshold,
    };
  });
  const figure = (p: ProposalResult) => (opts.normalize ? p.aggregateNormalized : p.aggregate);
  const ranked = proposals.filter((p) => figure(p) !== null).sort((a, b) => figure(b)! - figure(a)! || (a.proposalId < b.proposalId ? -1 : 1));
  const ranking: string[][] = [];
  let last: number | null = null;
  for (const p of ranked) {
    if (figure(p) !== last) ranking.push([]);
    ranking[ranking.length - 1]!.push(p.proposalId);
    last = figure(p);
  }
  return {
    rule: opts.rule,
    normalized: opts.normalize,
    proposals,
    ranking,
    unranked: proposals.filter((p) => figure(p) === null).map((p) => p.proposalId),
    notNormalized,
  };
}
