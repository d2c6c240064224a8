/**
 * bench/scoring — time to aggregate 1,000 proposals × 30 evaluators × 8
 * criteria (240,000 scores) with each rule, raw and normalized. Prints
 * figures; asserts nothing. Target: under 200 ms per rule.
 */
import { scoreResults, type AggregationRule, type GridCriterion, type Score } from '../../shared/scoring/aggregate';

const PROPOSALS = 1000;
const EVALUATORS = 30;
const RUNS = 5;

const grid: GridCriterion[] = Array.from({ length: 8 }, (_, i) => ({ id: `c${i + 1}`, weightBp: 1250, scale: i % 2 ? 10 : 5 }));
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const proposalIds = Array.from({ length: PROPOSALS }, (_, i) => `p${i}`);
const scores: Score[] = [];
for (let e = 0; e < EVALUATORS; e++) {
  const leniency = random() * 0.3; // some evaluators score higher than others
  for (const p of proposalIds) for (const c of grid) scores.push({ evaluatorId: `e${e}`, proposalId: p, criterionId: c.id, value: Math.min(c.scale, Math.round(c.scale * (random() * 0.7 + leniency))) });
}

console.log(`${PROPOSALS} proposals × ${EVALUATORS} evaluators × ${grid.length} criteria = ${scores.length.toLocaleString('en')} scores, ${RUNS} runs each (Node ${process.version})`);
for (const rule of ['mean', 'median', 'trimmed'] as AggregationRule[]) {
  for (const normalize of [false, true]) {
    scoreResults({ grid, scores, proposalIds, rule, normalize }); // warm-up
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      scoreResults({ grid, scores, proposalIds, rule, normalize });
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    console.log(`${rule.padEnd(8)} ${normalize ? 'normalized' : 'raw       '}  median ${ms[Math.floor(RUNS / 2)]!.toFixed(0).padStart(4)} ms   worst ${ms[RUNS - 1]!.toFixed(0).padStart(4)} ms`);
  }
}
