/**
 * `optimal` (value objective) without side constraints, by a specialized
 * branch and bound: the instance is a knapsack where each proposal is funded
 * at 0 or between its minimum and its request, and the value of a dollar is
 * the proposal's score per dollar (its density).
 *
 * - The bound of a node is its linear relaxation: the minimums of the
 *   proposals decided in, then every remaining dollar of capacity filled by
 *   density (fractional knapsack) with their upgrades and the undecided
 *   proposals' requests.
 * - Reduced-cost fixing at the root decides every proposal whose other
 *   choice would cost more than the gap between the bound and a good first
 *   solution; only a small core near the critical density is branched on.
 * - Given the funded set, the best amounts are the minimums then the rest
 *   by density: whole cents, since every size is.
 *
 * Floats compare values with a relative tolerance of 1e-9 (the same order
 * as a MILP solver's); the tests check it against HiGHS and an exhaustive
 * search.
 */
import type { FitInstance, FitProposal } from './instance';
import { cmp, ZERO } from '../rational';
import { greedyOrder, twinKey } from './methods';
import { exactGain } from './ties';

const TOL = 1e-9;

export interface KnapsackSolution {
  amounts: Map<string, number>;
  value: number;
  proven: boolean;
}

export function solveKnapsack(instance: FitInstance, opts: { maxNodes?: number } = {}): KnapsackSolution {
  // Proposals scored 0 add nothing to the value, and come last in greedy order: the tie rule gives them what the
  // others leave, in greedy order. Searched with the others, every way of choosing among them would tie.
  const zero = instance.proposals.filter((p) => p.score === 0).sort(greedyOrder);
  // Density order; ties by the greedy rule, so the result never depends on input order.
  const items = instance.proposals.filter((p) => p.score > 0).sort((a, b) => b.score / b.requested - a.score / a.requested || greedyOrder(a, b));
  const n = items.length;
  const d = items.map((p) => p.score / p.requested);
  const r = items.map((p) => p.requested);
  const m = items.map((p) => p.minimum);
  const B = instance.budget;

  /** state: 1 in, 0 out, -1 undecided. Returns the LP bound, or -Infinity when the minimums of the ins exceed B. */
  function bound(state: Int8Array): number {
    let cap = B;
    let value = 0;
    for (let i = 0; i < n; i++)
      if (state[i] === 1) {
        cap -= m[i]!;
        value += d[i]! * m[i]!;
      }
    if (cap < 0) return -Infinity;
    for (let i = 0; i < n && cap > 0; i++) {
      const size = state[i] === 1 ? r[i]! - m[i]! : state[i] === -1 ? r[i]! : 0;
      if (size <= 0) continue;
      const take = Math.min(size, cap);
      value += d[i]! * take;
      cap -= take;
    }
    return value;
  }

  /** The best amounts for a funded set (state 1): minimums, then by density; null if the minimums do not fit. */
  function fill(inSet: (i: number) => boolean): { amounts: number[]; value: number } | null {
    let cap = B;
    const amounts = new Array<number>(n).fill(0);
    let value = 0;
    for (let i = 0; i < n; i++)
      if (inSet(i)) {
        amounts[i] = m[i]!;
        cap -= m[i]!;
        value += d[i]! * m[i]!;
      }
    if (cap < 0) return null;
    for (let i = 0; i < n && cap > 0; i++) {
      if (!inSet(i)) continue;
      const add = Math.min(r[i]! - m[i]!, cap);
      amounts[i]! += add;
      cap -= add;
      value += d[i]! * add;
    }
    return { amounts, value };
  }

  // The tie rule (ties.ts): among equal values, exactly compared, the larger amounts in greedy order.
  const greedyRank = items.map((_, i) => i).sort((i, j) => greedyOrder(items[i]!, items[j]!));
  function prefer(a: { amounts: number[]; value: number }, b: { amounts: number[]; value: number }): boolean {
    if (a.value > b.value * (1 + TOL) + TOL) return true;
    if (a.value < b.value * (1 - TOL) - TOL) return false;
    const gain = cmp(exactGain(items, 'amounts', b.amounts, a.amounts), ZERO);
    if (gain !== 0) return gain > 0;
    for (const i of greedyRank) if (a.amounts[i] !== b.amounts[i]) return a.amounts[i]! > b.amounts[i]!;
    return false;
  }

  // A first solution: by density, each proposal whole if it fits, else at what is left if that reaches its minimum.
  let cap0 = B;
  const first = items.map((_, i) => {
    if (r[i]! <= cap0) {
      cap0 -= r[i]!;
      return true;
    }
    if (m[i]! <= cap0) {
      cap0 = 0;
      return true;
    }
    return false;
  });
  let best = fill((i) => first[i]!)!;

  // Reduced-cost fixing at the root: the critical density is the one of the dollar the LP fills last.
  const root = new Int8Array(n).fill(-1);
  const rootBound = bound(root);
  let cap = B;
  let critical = 0;
  for (let i = 0; i < n; i++) {
    if (cap <= 0) break;
    critical = d[i]!;
    cap -= r[i]!;
  }
  if (cap > 0) critical = 0; // everything fits
  for (let i = 0; i < n; i++) {
    if (d[i]! > critical && rootBound - (d[i]! - critical) * r[i]! < best.value * (1 - TOL) - TOL) root[i] = 1;
    else if (d[i]! < critical && rootBound - (critical - d[i]!) * m[i]! < best.value * (1 - TOL) - TOL) root[i] = 0;
  }

  // The previous item with the same score, request and minimum (items are in density order, twins in greedy order).
  const prevTwin = new Int32Array(n).fill(-1);
  const lastOf = new Map<string, number>();
  items.forEach((p, i) => {
    const key = twinKey(p);
    prevTwin[i] = lastOf.get(key) ?? -1;
    lastOf.set(key, i);
  });

  // Depth-first on the undecided core, in density order, "in" before "out".
  const core: number[] = [];
  for (let i = 0; i < n; i++) if (root[i] === -1) core.push(i);
  const state = root.slice();
  let nodes = 0;
  const maxNodes = opts.maxNodes ?? 5_000_000;
  let proven = true;
  const stack: { depth: number; choice: 0 | 1 | 2 }[] = [{ depth: 0, choice: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.depth === core.length) {
      const sol = fill((i) => state[i] === 1);
      if (sol && prefer(sol, best)) best = sol;
      stack.pop();
      continue;
    }
    const i = core[top.depth]!;
    if (top.choice === 2) {
      state[i] = -1;
      stack.pop();
      continue;
    }
    state[i] = top.choice === 0 ? 1 : 0;
    top.choice = top.choice === 0 ? 1 : 2;
    if (++nodes > maxNodes) {
      proven = false;
      break;
    }
    // Twins (same score, request and minimum) are funded in greedy order: with an earlier twin out, funding a
    // later one only mirrors a solution of equal value that the tie rule prefers. Without this, n identical
    // proposals would make the search visit every way of choosing among them.
    if (state[i] === 1 && prevTwin[i]! >= 0 && state[prevTwin[i]!] === 0) continue;
    // Not strictly above: a node that can only tie the best may hold the solution the tie rule prefers.
    if (bound(state) >= best.value * (1 - TOL) - TOL) stack.push({ depth: top.depth + 1, choice: 0 });
  }
  const amounts = new Map<string, number>();
  let left = B;
  items.forEach((p: FitProposal, i) => {
    if (best.amounts[i]! > 0) amounts.set(p.id, best.amounts[i]!);
    left -= best.amounts[i]!;
  });
  for (const p of zero) {
    const a = Math.min(p.requested, left);
    if (a < p.minimum) continue;
    amounts.set(p.id, a);
    left -= a;
  }
  return { amounts, value: best.value, proven };
}
