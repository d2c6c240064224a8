/**
 * The Method of Equal Shares, computed in floating point and decided
 * exactly. Every decision — whether a project is affordable, which ρ is
 * smaller, whether a supporter's budget runs out — is taken on floats only
 * when the floats are far apart; when they are close, the exact values
 * (BigInt rationals, computed lazily from the history of payments) decide.
 * So the outcome is the exact rule's, at floating-point speed; the exact
 * implementation in rules.ts is the reference it is tested against.
 */
import type { PbElection } from './parse';
import type { PbOutcome, Utility } from './rules';
import { cmp as cmpQ, q, sub as subQ, subRaw, toFloat, type Q } from '../rational';
import { Heap } from '../heap';

/** Two floats this close may be in either order: the exact values decide. */
const EPS = 1e-9;
const near = (a: number, b: number) => Math.abs(a - b) <= EPS * Math.max(Math.abs(a), Math.abs(b), 1e-300);

interface Selection {
  project: number;
  /** The classes the supporters were in, and how many in each, when the project was selected. */
  classes: number[];
  counts: number[];
  t: number;
  tExact: Q | null;
}

export function pbMesFast(e: PbElection, supporters: Int32Array[], ties: (a: number, b: number) => number, opts: { utility: Utility; perVoter: Q }): PbOutcome {
  const n = e.ballots.length;
  const costs = e.projects.map((p) => p.cost);
  const costF = costs.map((c) => Number(c));
  // Class 0: nothing left. Class 1: everyone at the start.
  const classFloat: number[] = [0, toFloat(opts.perVoter)];
  const classParent: number[] = [-1, -1];
  const classPaidAt: number[] = [-1, -1]; // index in `selections` of the payment that made the class
  const classExact: (Q | null)[] = [q(0n), opts.perVoter];
  const voterClass = new Int32Array(n).fill(1);
  const selections: Selection[] = [];
  let stamp = new Int32Array(16);
  let count = new Int32Array(16);
  let generation = 0;

  function exactOf(c: number): Q {
    const known = classExact[c];
    if (known) return known;
    const value = subQ(exactOf(classParent[c]!), tExactOf(classPaidAt[c]!));
    classExact[c] = value;
    return value;
  }

  /**
   * The classes in exact ascending order of budget: sorted by their floats,
   * then each run of nearly equal floats sorted exactly (runs are short: most
   * are classes of exactly equal budgets).
   */
  function exactOrder(classes: number[]): number[] {
    const order = classes.map((_, i) => i).sort((a, b) => classFloat[classes[a]!]! - classFloat[classes[b]!]!);
    for (let start = 0; start < order.length; ) {
      let end = start + 1;
      while (end < order.length && near(classFloat[classes[order[end - 1]!]!]!, classFloat[classes[order[end]!]!]!)) end++;
      if (end - start > 1) {
        const run = order.slice(start, end).sort((a, b) => cmpQ(exactOf(classes[a]!), exactOf(classes[b]!)));
        order.splice(start, run.length, ...run);
      }
      start = end;
    }
    return order;
  }

  /** The exact cap t from the classes and counts of the supporters, or null when they hold less than the cost. */
  function exactCap(classes: number[], counts: number[], cost: bigint): Q | null {
    const order = exactOrder(classes);
    let remaining: Q = { n: cost, d: 1n };
    let left = BigInt(counts.reduce((s, k) => s + k, 0));
    for (const i of order) {
      const v = exactOf(classes[i]!);
      if (cmpQ({ n: v.n * left, d: v.d }, remaining) >= 0) return { n: remaining.n, d: remaining.d * left }; // unreduced: compared, not stored
      const k = BigInt(counts[i]!);
      remaining = subRaw(remaining, { n: v.n * k, d: v.d });
      left -= k;
    }
    return null;
  }

  function tExactOf(s: number): Q {
    const sel = selections[s]!;
    if (!sel.tExact) {
      const t = exactCap(sel.classes, sel.counts, costs[sel.project]!)!;
      sel.tExact = q(t.n, t.d);
    }
    return sel.tExact;
  }

  /** The supporters' classes and counts now. */
  function gather(p: number): { classes: number[]; counts: number[] } {
    generation++;
    if (stamp.length < classFloat.length) {
      const grow = Math.max(classFloat.length, stamp.length * 2);
      stamp = new Int32Array(grow);
      count = new Int32Array(grow);
      generation = 1;
    }
    const classes: number[] = [];
    for (const voter of supporters[p]!) {
      const c = voterClass[voter]!;
      if (stamp[c] !== generation) {
        stamp[c] = generation;
        count[c] = 0;
        classes.push(c);
      }
      count[c]!++;
    }
    return { classes, counts: classes.map((c) => count[c]!) };
  }

  interface Eval {
    p: number;
    rho: number;
    /** Present when the exact ρ was needed (or is known). */
    rhoExact: Q | null;
    t: number;
    tExact: Q | null;
    classes: number[];
    counts: number[];
    round: number;
  }
  let round = 0;

  const rhoFrom = (p: number, t: number) => (opts.utility === 'cost' ? (costF[p] === 0 ? 0 : t / costF[p]!) : t);
  const rhoExactFrom = (p: number, t: Q): Q => (opts.utility === 'cost' ? (costs[p] === 0n ? { n: 0n, d: 1n } : { n: t.n, d: t.d * costs[p]! }) : t);

  /** The current ρ of p: by floats, or exactly when the floats cannot tell; null when p cannot be afforded. */
  function evaluate(p: number): Eval | null {
    if (supporters[p]!.length === 0) return null;
    const { classes, counts } = gather(p);
    const cost = costF[p]!;
    const m = supporters[p]!.length;
    const k = classes.length;
    const vals = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < k; i++) {
      vals[i] = classFloat[classes[i]!]!;
      total += vals[i]! * counts[i]!;
    }
    let uncertain = near(total, cost);
    if (!uncertain && total < cost) return null;
    // Water-filling without sorting: t = (cost − what the exhausted hold) / (supporters who still pay),
    // raised until the set of exhausted classes stops changing (it only grows).
    let t = cost / m;
    let exhaustedVoters = -1;
    if (!uncertain) {
      for (let iter = 0; iter < 200; iter++) {
        let held = 0;
        let out = 0;
        for (let i = 0; i < k; i++) {
          if (vals[i]! < t) {
            held += vals[i]! * counts[i]!;
            out += counts[i]!;
          }
        }
        if (out === m) {
          uncertain = true; // cannot happen when the supporters clearly hold the cost: let the exact values decide
          break;
        }
        if (out === exhaustedVoters) break;
        exhaustedVoters = out;
        t = (cost - held) / (m - out);
      }
      // A budget close to t makes it unclear who runs out.
      for (let i = 0; i < k; i++) if (near(vals[i]!, t)) uncertain = true;
      if (!(t > 0) && cost > 0) uncertain = true;
    }
    if (uncertain) {
      const tExact = exactCap(classes, counts, costs[p]!);
      if (!tExact) return null;
      const tf = toFloat(tExact);
      return { p, rho: rhoFrom(p, tf), rhoExact: rhoExactFrom(p, tExact), t: tf, tExact, classes, counts, round };
    }
    // Nobody runs out: every supporter pays cost/m, exactly, whatever their budgets.
    const tExact = exhaustedVoters === 0 ? { n: costs[p]!, d: BigInt(m) } : null;
    return { p, rho: rhoFrom(p, t), rhoExact: null, t, tExact, classes, counts, round };
  }

  const exactRho = (x: Eval): Q => {
    if (!x.rhoExact) {
      x.tExact ??= exactCap(x.classes, x.counts, costs[x.p]!)!;
      x.rhoExact = rhoExactFrom(x.p, x.tExact);
    }
    return x.rhoExact;
  };
  /** Fresh evaluations compared exactly when their floats are close; then by the tie rule. */
  const freshBetter = (a: Eval, b: Eval): boolean => {
    if (!near(a.rho, b.rho)) return a.rho < b.rho;
    const c = cmpQ(exactRho(a), exactRho(b));
    return c !== 0 ? c < 0 : ties(a.p, b.p) < 0;
  };
  // Heap order by float keys (stale ones are lower bounds), then the tie rule.
  const keyBetter = (a: Eval, b: Eval) => (a.rho !== b.rho ? a.rho < b.rho : ties(a.p, b.p) < 0);
  const heap = new Heap<Eval>(keyBetter);

  for (let p = 0; p < e.projects.length; p++) {
    const x = evaluate(p);
    if (x) heap.push(x);
  }
  const selected: number[] = [];
  let spent = 0n;
  while (heap.size > 0) {
    // Every candidate whose key is close to the best one's is evaluated fresh, and the exact best of them wins.
    const first = heap.pop();
    const fresh0 = first.round === round ? first : evaluate(first.p);
    if (!fresh0) continue;
    fresh0.round = round;
    if (heap.size > 0 && heap.peek()!.rho < fresh0.rho && !near(heap.peek()!.rho, fresh0.rho)) {
      heap.push(fresh0); // someone's lower bound is clearly better: look at them first
      continue;
    }
    const pool: Eval[] = [fresh0];
    while (heap.size > 0 && (heap.peek()!.rho <= fresh0.rho || near(heap.peek()!.rho, fresh0.rho))) {
      const other = heap.pop();
      const fresh = other.round === round ? other : evaluate(other.p);
      if (!fresh) continue;
      fresh.round = round;
      pool.push(fresh);
    }
    let best = pool[0]!;
    for (const x of pool) if (x !== best && freshBetter(x, best)) best = x;
    const others = pool.filter((x) => x !== best);
    // The best of the pool must still be better than every lower bound left in the heap.
    const blocked = heap.size > 0 && heap.peek()!.rho < best.rho && !near(heap.peek()!.rho, best.rho);
    if (blocked || others.some((x) => !freshBetter(best, x))) {
      for (const x of pool) heap.push(x);
      continue;
    }
    for (const x of others) heap.push(x);

    // Charge the supporters of `best`: a class at or below t runs out; the others pay t.
    const s = selections.length;
    // Kept reduced: the budgets of the classes this payment makes are computed from it.
    selections.push({ project: best.p, classes: best.classes, counts: best.counts, t: best.t, tExact: best.tExact ? q(best.tExact.n, best.tExact.d) : null });
    const moveTo = new Map<number, number>();
    for (const c of best.classes) {
      const v = classFloat[c]!;
      let exhausted: boolean;
      if (!near(v, best.t)) exhausted = v < best.t;
      else exhausted = cmpQ(exactOf(c), tExactOf(s)) <= 0;
      if (exhausted) moveTo.set(c, 0);
      else {
        moveTo.set(c, classFloat.length);
        classFloat.push(v - best.t);
        classParent.push(c);
        classPaidAt.push(s);
        classExact.push(null);
      }
    }
    for (const voter of supporters[best.p]!) voterClass[voter] = moveTo.get(voterClass[voter]!)!;
    selected.push(best.p);
    spent += costs[best.p]!;
    round++;
  }
  return { selected, cost: spent };
}
