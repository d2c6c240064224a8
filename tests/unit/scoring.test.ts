/** Scoring aggregation and normalization (METHODS.md §2) on hand-checked examples and by properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, evaluatorTotals, scoreResults, type GridCriterion, type Score } from '../../shared/scoring/aggregate';

// Three criteria: 50 % on 0–5, 30 % on 0–10, 20 % on 0–5.
const GRID: GridCriterion[] = [
  { id: 'pertinence', weightBp: 5000, scale: 5 },
  { id: 'faisabilite', weightBp: 3000, scale: 10 },
  { id: 'partenariat', weightBp: 2000, scale: 5 },
];
const sheet = (evaluatorId: string, proposalId: string, values: [number, number, number]): Score[] =>
  GRID.map((c, i) => ({ evaluatorId, proposalId, criterionId: c.id, value: values[i]! }));

describe('totals', () => {
  it('weights each criterion by its scale: 100 × Σ w·s/S', () => {
    // 0.5 × 4/5 + 0.3 × 7/10 + 0.2 × 5/5 = 0.4 + 0.21 + 0.2 = 0.81
    expect(evaluatorTotals(GRID, sheet('e1', 'p1', [4, 7, 5]))).toEqual([{ evaluatorId: 'e1', proposalId: 'p1', total: 81, complete: true, missing: [] }]);
  });

  it('reports a missing criterion as incomplete, and an incomplete total enters no aggregate', () => {
    const scores = [...sheet('e1', 'p1', [5, 10, 5]), ...sheet('e2', 'p1', [0, 0, 0]).slice(0, 2)];
    const [e1, e2] = evaluatorTotals(GRID, scores);
    expect(e2).toMatchObject({ evaluatorId: 'e2', complete: false, missing: ['partenariat'] });
    const r = scoreResults({ grid: GRID, scores, proposalIds: ['p1'], rule: 'mean', normalize: false });
    expect(r.proposals[0]).toMatchObject({ raw: { e1: 100 }, incomplete: ['e2'], aggregate: 100 });
    expect(e1!.total).toBe(100);
  });
});

describe('aggregates', () => {
  it('mean, median and trimmed mean (extremes dropped from 5 totals on)', () => {
    expect(aggregate([60, 70, 80, 90], 'mean')).toBe(75);
    expect(aggregate([60, 70, 80, 90], 'median')).toBe(75);
    expect(aggregate([60, 70, 95], 'median')).toBe(70);
    expect(aggregate([60, 70, 80, 90], 'trimmed')).toBe(75); // under 5: the mean
    expect(aggregate([10, 70, 80, 90, 100], 'trimmed')).toBe(80);
    expect(aggregate([], 'mean')).toBeNull();
  });
});

describe('normalization', () => {
  it('rescales each evaluator’s z-scores to the call’s mean and spread; a single total or no spread stays raw', () => {
    // e1 is severe (40, 60), e2 lenient (80, 100): same opinion, different levels.
    const totals = [
      ...sheet('e1', 'p1', [2, 4, 2]), // 0.2+0.12+0.08 = 40
      ...sheet('e1', 'p2', [3, 6, 3]), // 0.3+0.18+0.12 = 60
      ...sheet('e2', 'p1', [4, 8, 4]), // 80
      ...sheet('e2', 'p2', [5, 10, 5]), // 100
      ...sheet('e3', 'p1', [3, 6, 3]), // 60, alone: stays raw
    ];
    const r = scoreResults({ grid: GRID, scores: totals, proposalIds: ['p1', 'p2'], rule: 'mean', normalize: true });
    // Overall: 40, 60, 80, 100, 60 → μ = 68, σ = √(784+64+144+1024+64)/5 = √416 ≈ 20.396.
    const sigma = Math.sqrt(416);
    const p1 = r.proposals.find((p) => p.proposalId === 'p1')!;
    const p2 = r.proposals.find((p) => p.proposalId === 'p2')!;
    expect(p1.normalized.e1).toBeCloseTo(68 - sigma, 6);
    expect(p1.normalized.e2).toBeCloseTo(68 - sigma, 6);
    expect(p2.normalized.e1).toBeCloseTo(68 + sigma, 6);
    expect(p1.normalized.e3).toBe(60);
    expect(r.notNormalized).toEqual(['e3']);
    expect(p1.raw).toEqual({ e1: 40, e2: 80, e3: 60 });
    expect(r.ranking).toEqual([['p2'], ['p1']]);
  });

  it('flags disagreement when the spread of the totals passes the threshold', () => {
    const scores = [...sheet('e1', 'p1', [1, 2, 1]), ...sheet('e2', 'p1', [5, 10, 5]), ...sheet('e1', 'p2', [3, 6, 3]), ...sheet('e2', 'p2', [3, 7, 3])];
    const r = scoreResults({ grid: GRID, scores, proposalIds: ['p1', 'p2', 'p3'], rule: 'mean', normalize: false });
    expect(r.proposals[0]).toMatchObject({ proposalId: 'p1', spread: 40, disagreement: true });
    expect(r.proposals[1]).toMatchObject({ proposalId: 'p2', disagreement: false });
    expect(r.unranked).toEqual(['p3']);
  });

  it('keeps equal aggregates as a tie', () => {
    const scores = [...sheet('e1', 'p1', [4, 7, 5]), ...sheet('e1', 'p2', [4, 7, 5]), ...sheet('e1', 'p3', [1, 1, 1])];
    expect(scoreResults({ grid: GRID, scores, proposalIds: ['p1', 'p2', 'p3'], rule: 'median', normalize: false }).ranking).toEqual([['p1', 'p2'], ['p3']]);
  });
});

// ---- properties -------------------------------------------------------------------

const EVALUATORS = ['e1', 'e2', 'e3', 'e4', 'e5'];
const PROPOSALS = ['p1', 'p2', 'p3', 'p4'];
const sheetsArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 5 })), { minLength: 20, maxLength: 20 })
  .map((values) => EVALUATORS.flatMap((e, i) => PROPOSALS.flatMap((p, j) => sheet(e, p, values[i * 4 + j]!))));
const rules = fc.constantFrom('mean' as const, 'median' as const, 'trimmed' as const);

describe('properties', () => {
  it('do not depend on the order of evaluators or scores', () => {
    fc.assert(
      fc.property(sheetsArb, rules, fc.boolean(), (scores, rule, normalize) => {
        const a = scoreResults({ grid: GRID, scores, proposalIds: PROPOSALS, rule, normalize });
        const b = scoreResults({ grid: [...GRID].reverse(), scores: [...scores].reverse(), proposalIds: [...PROPOSALS].reverse(), rule, normalize });
        expect(b).toEqual(a);
      }),
    );
  });

  it('a uniform shift of one evaluator’s scores does not change the normalized ranking', () => {
    // One criterion on 0–100, so a total is the score itself and a shift of the scores is a shift of the totals.
    const grid: GridCriterion[] = [{ id: 'global', weightBp: 10_000, scale: 100 }];
    const valuesArb = fc.array(fc.integer({ min: 20, max: 80 }), { minLength: 20, maxLength: 20 });
    fc.assert(
      fc.property(valuesArb, fc.constantFrom(...EVALUATORS), fc.integer({ min: -20, max: 20 }), rules, (values, who, shift, rule) => {
        const scores = (k: number): Score[] =>
          EVALUATORS.flatMap((e, i) =>
            PROPOSALS.map((p, j) => ({ evaluatorId: e, proposalId: p, criterionId: 'global', value: values[i * 4 + j]! + (e === who ? k : 0) })),
          );
        const before = scoreResults({ grid, scores: scores(0), proposalIds: PROPOSALS, rule, normalize: true });
        const after = scoreResults({ grid, scores: scores(shift), proposalIds: PROPOSALS, rule, normalize: true });
        expect(after.ranking).toEqual(before.ranking);
      }),
    );
  });

  it('recused scores have no effect on any figure', () => {
    fc.assert(
      fc.property(
        sheetsArb,
        fc.constantFrom(...EVALUATORS),
        fc.constantFrom(...PROPOSALS),
        fc.integer({ min: 0, max: 5 }),
        rules,
        (scores, who, what, value, rule) => {
          const recused = new Set([`${who}\u0000${what}`]);
          const withRecusal = scoreResults({ grid: GRID, scores, recused, proposalIds: PROPOSALS, rule, normalize: true });
          // Whatever the recused member scored, the results are those without their scores at all.
          const altered = scores.map((s) => (s.evaluatorId === who && s.proposalId === what ? { ...s, value } : s));
          expect(scoreResults({ grid: GRID, scores: altered, recused, proposalIds: PROPOSALS, rule, normalize: true })).toEqual(withRecusal);
          const without = scores.filter((s) => !(s.evaluatorId === who && s.proposalId === what));
          expect(scoreResults({ grid: GRID, scores: without, proposalIds: PROPOSALS, rule, normalize: true })).toEqual(withRecusal);
        },
      ),
    );
  });
});
