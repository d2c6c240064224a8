/**
 * Among optimal solutions, the one the tie rule of greedy prefers
 * (../shared/METHODS.md §3): with the proposals in greedy order (score
 * descending, then the smaller request, then the id in natural order), the
 * optimal solution whose amounts are lexicographically largest: the first
 * proposal gets as much as any optimal solution can give it, then the
 * second as much as remains possible, and so on.
 *
 * `preferInTies` starts from an optimal solution s and repeats:
 *
 * 1. One MILP finds the best solution lexicographically larger than s: a
 *    binary e_k marks the first position k where it gives more than s, and
 *    p_j = Σ_{k>j} e_k forces the positions before k to keep their value.
 *    Infeasible, or exactly worse than s, means s is the preferred one.
 *    Otherwise the same MILP, with the rise required before k, looks for
 *    an earlier position, until there is none: k is then the earliest.
 *    (A rise from 0 is said with the funded binary. A rise of an amount
 *    already funded needs a row with the request as coefficient, where the
 *    solver's integrality tolerance can fake a rise of less than a cent: an
 *    answer that is not larger once rounded goes to the model's next
 *    attempt, with a tighter tolerance.)
 * 2. A second MILP gives position k as much as it can, the earlier ones
 *    fixed, the objective kept.
 * 3. A new solution replaces s only if it is lexicographically larger and
 *    its objective is not below s's, both compared exactly (BigInt
 *    rationals, never floats): a float near-tie is never taken for a tie.
 *
 * After a round the positions up to k hold their final values, so there
 * are at most n rounds; in practice none or a few (ties are rare among
 * real scores and requests), and a search without ties is one MILP.
 * The search shares `optimal`'s time budget: if that runs out first, the
 * optimum found is kept as it is (still optimal, the tie rule unfinished),
 * and `finished` says so.
 */
import { add, cmp, fromFloat, q, ZERO, type Q } from '../rational';
import type { FitProposal } from './instance';
import { bin, col, type FitModel, num, type Solver, type Spec } from './model';

/** What the solutions are compared on: the amounts (value objective) or the funded set (coverage's first stage). */
export type TieStage = 'amounts' | 'set';

/** Σ score_i·(b_i − a_i)/w_i, exactly, with w_i the request (amounts) or 1 (set). */
export function exactGain(ps: readonly FitProposal[], stage: TieStage, a: readonly number[], b: readonly number[]): Q {
  let gain = ZERO;
  ps.forEach((p, i) => {
    const delta = b[i]! - a[i]!;
    if (delta === 0) return;
    const s = fromFloat(p.score);
    gain = add(gain, q(s.n * BigInt(delta), s.d * BigInt(stage === 'amounts' ? p.requested : 1)));
  });
  return gain;
}

/** Compares two solutions on the stage's objective, exactly: positive when `a` is better. */
export const better =
  (ps: readonly FitProposal[], stage: TieStage) =>
  (a: readonly number[], b: readonly number[]): number =>
    cmp(exactGain(ps, stage, stage === 'set' ? b.map((v) => (v > 0 ? 1 : 0)) : b, stage === 'set' ? a.map((v) => (v > 0 ? 1 : 0)) : a), ZERO);

export function preferInTies(
  model: FitModel,
  stage: TieStage,
  start: readonly number[],
  solver: Solver,
  opts: { fixedX?: readonly (0 | 1)[]; deadline: number },
): { a: number[]; finished: boolean } {
  const { ps, n } = model;
  const variable = stage === 'amounts' ? col : bin;
  const upper = ps.map((p) => (stage === 'amounts' ? p.requested : 1));
  const coef = ps.map((p) => (stage === 'amounts' ? p.score / p.requested : p.score));
  // A fixed "not funded" can never rise; a fixed "funded" can rise up to its request.
  const canRise = (i: number, s: readonly number[]) => s[i]! < upper[i]! && opts.fixedX?.[i] !== 0;
  const values = (a: readonly number[]) => (stage === 'amounts' ? [...a] : a.map((v) => (v > 0 ? 1 : 0)));
  let s = [...start];
  // False once a solve stops on the time budget, or the budget ends the search: s is then still optimal, but
  // perhaps not the solution the tie rule prefers.
  let finished = true;

  // What is left of the time budget, in seconds; the search stops (keeping the optimum it has) when it is spent.
  const left = () => (opts.deadline - Date.now()) / 1000;

  const objective = ps.map((_, i) => `${num(coef[i]!)} ${variable(i)}`).join(' + ');
  /** k when b agrees with a before k and gives more at k; -1 otherwise. */
  const firstRise = (a: readonly number[], b: readonly number[]) => {
    const k = a.findIndex((v, i) => v !== b[i]);
    return k >= 0 && b[k]! > a[k]! ? k : -1;
  };

  /** The best solution that is larger than `current` with its first rise before `limit`, if it is exactly no worse. */
  const larger = (current: readonly number[], limit: number): { a: number[]; k: number } | null => {
    const positions = ps.map((_, i) => i).filter((i) => i < limit && canRise(i, current));
    if (positions.length === 0) return null;
    const last = positions[positions.length - 1]!;
    const isPosition = new Set(positions);
    const e = (k: number) => `e${k}`;
    const p = (j: number) => `p${j}`;
    const rows = [` one: ${positions.map(e).join(' + ')} = 1`];
    // A rise from 0 is said with the funded binary (coefficient 1); only a rise of an amount already funded
    // needs the amount itself, with a large coefficient.
    for (const k of positions) rows.push(current[k] === 0 ? ` up${k}: ${bin(k)} - ${e(k)} >= 0` : ` up${k}: ${variable(k)} - ${current[k]! + 1} ${e(k)} >= 0`);
    for (let j = 0; j < last; j++) {
      // p_j = p_{j+1} + e_{j+1}: 1 when the first rise is after j, where j must then keep its value.
      const next = [j + 1 < last ? `- ${p(j + 1)}` : '', isPosition.has(j + 1) ? `- ${e(j + 1)}` : ''].filter(Boolean).join(' ');
      rows.push(` chain${j}: ${p(j)} ${next} = 0`);
      if (current[j]! > 0) rows.push(` keeplo${j}: ${variable(j)} - ${current[j]} ${p(j)} >= 0`);
      if (current[j] === 0) rows.push(` keepout${j}: ${bin(j)} + ${p(j)} <= 1`);
      else if (current[j]! < upper[j]!) rows.push(` keephi${j}: ${variable(j)} + ${upper[j]! - current[j]!} ${p(j)} <= ${upper[j]}`);
    }
    const spec: Spec = {
      objective,
      rows,
      fixedX: opts.fixedX,
      binaries: positions.map(e),
      bounds: Array.from({ length: last }, (_, j) => ` 0 <= ${p(j)} <= 1`),
    };
    // Where a row has a large coefficient, HiGHS's integrality tolerance (1e-6) can fake a rise or a kept value
    // by a few cents: such an answer is not larger once rounded, and the next of the model's attempts (a
    // tighter tolerance among them) is tried.
    const found = model.solve(spec, solver, opts.deadline, { accept: (a) => firstRise(current, values(a)) >= 0, compare: better(ps, stage) });
    if (found.status === 'time' || (found.status === 'none' && left() <= 0)) finished = false;
    if (found.status !== 'optimal') return null;
    const k = firstRise(current, values(found.a));
    return cmp(exactGain(ps, stage, current, values(found.a)), ZERO) >= 0 ? { a: found.a, k } : null;
  };

  for (let round = 0; round < n; round++) {
    if (left() <= 0.5) {
      finished = false;
      break;
    }
    const current = values(s);

    // 1. The earliest position where a solution no worse than s gives more: the best larger
    //    solution, then again with the rise required before the position found, until none.
    let found = larger(current, n);
    for (let earlier = found; earlier; ) {
      if (left() <= 0.5) {
        finished = false;
        break;
      }
      earlier = larger(current, earlier.k);
      if (earlier) found = earlier;
    }
    if (!found) break;
    const { k } = found;
    const candidate = values(found.a);

    // 2. As much as possible at k, the earlier positions kept, the objective not below the candidate's.
    //    (A funded set has nothing to raise: the candidate already funds k.)
    if (stage === 'set') {
      s = found.a;
      continue;
    }
    const floorValue = coef.reduce((sum, c, i) => sum + c * candidate[i]!, 0);
    // Loose on purpose: a tie computed in floats may land a hair below; step 3 decides exactly.
    const floorRow = ` floor: ${objective} >= ${num(floorValue - 1e-9 * Math.max(1, Math.abs(floorValue)))}`;
    const raise: Spec = {
      objective: `1 ${col(k)}`,
      rows: [floorRow],
      fixedX: opts.fixedX,
      fixedA: new Map(Array.from({ length: k }, (_, j) => [j, current[j]!])),
    };
    const raised = model.solve(raise, solver, opts.deadline, { compare: (a, b) => a[k]! - b[k]! });
    if (raised.status === 'time' || raised.status === 'none') finished = false;
    const best = raised.status === 'optimal' ? raised.a : null;

    // 3. Taken only if exactly no worse and lexicographically larger.
    s = best && firstRise(candidate, best) === k && cmp(exactGain(ps, stage, candidate, best), ZERO) >= 0 ? best : found.a;
    // The positions up to k now hold their final values: the next round's rise comes after k.
  }
  return { a: s, finished };
}
