/**
 * Participatory budgeting rules (../shared/METHODS.md §4) on approval
 * ballots: greedy, the Method of Equal Shares (MES) with its add1 and
 * add1-greedy completions, with cost or approval utilities. Arithmetic is
 * exact: money in integer units, per-voter budgets and payments as
 * rationals of BigInts, every comparison of ρ exact.
 *
 * MES keeps voters in classes of equal remaining budget (all start in one;
 * a payment moves a class's supporters to a new class), so computing a
 * project's ρ costs a pass over its supporters and a sort of the few
 * classes they fall in; and it evaluates lazily: ρ only grows as budgets
 * shrink, so a project whose last ρ already exceeds the best candidate's
 * fresh ρ need not be recomputed.
 */
import type { PbElection } from './parse';
import { pbMesFast } from './mes-fast';
import { cmp, divInt, mulInt, q, sub, ZERO, type Q } from '../rational';
import { Heap } from '../heap';

export type Utility = 'cost' | 'approval';
export type Completion = 'none' | 'add1' | 'add1-greedy';
export type TieBreak = 'standard' | 'id-string';

export interface PbOutcome {
  /** Project indexes, in the order the rule selected them. */
  selected: number[];
  cost: bigint;
  /** MES: the per-voter budget of the run that gave this outcome (add1 raises it). */
  perVoter?: { n: bigint; d: bigint };
  /** MES: who paid for what, round by round. */
  rounds?: { project: number; rho: { n: string; d: string }; payers: number; exhausted: number }[];
}

function idComparator(e: PbElection, tieBreak: TieBreak) {
  const natural = new Intl.Collator('en', { numeric: true });
  return (a: number, b: number) => {
    const x = e.projects[a]!.id;
    const y = e.projects[b]!.id;
    if (tieBreak === 'id-string') return x < y ? -1 : x > y ? 1 : 0;
    return natural.compare(x, y);
  };
}

function supportersOf(e: PbElection): Int32Array[] {
  const lists: number[][] = e.projects.map(() => []);
  for (const [voter, ballot] of e.ballots.entries()) for (const p of ballot) lists[p]!.push(voter);
  return lists.map((l) => Int32Array.from(l));
}

/** Ties: lower cost first, then more approvals, then the id (natural order, or as strings). */
function tieOrder(e: PbElection, supporters: Int32Array[], tieBreak: TieBreak) {
  const byId = idComparator(e, tieBreak);
  return (a: number, b: number) => {
    const ca = e.projects[a]!.cost;
    const cb = e.projects[b]!.cost;
    if (ca !== cb) return ca < cb ? -1 : 1;
    const va = supporters[a]!.length;
    const vb = supporters[b]!.length;
    if (va !== vb) return vb - va;
    return byId(a, b);
  };
}

/** Greedy: by Σ utility / cost descending; each project that fits is selected. */
export function pbGreedy(e: PbElection, opts: { utility?: Utility; tieBreak?: TieBreak; budget?: bigint; start?: PbOutcome } = {}): PbOutcome {
  const supporters = supportersOf(e);
  const ties = tieOrder(e, supporters, opts.tieBreak ?? 'standard');
  const utility = opts.utility ?? 'cost';
  const order = e.projects
    .map((_, i) => i)
    .sort((a, b) => {
      // cost utility: Σ cost / cost = approvals; approval utility: approvals / cost.
      if (utility === 'cost') {
        const d = supporters[b]!.length - supporters[a]!.length;
        if (d !== 0) return d;
      } else {
        const ca = e.projects[a]!.cost;
        const cb = e.projects[b]!.cost;
        const la = BigInt(supporters[a]!.length) * cb;
        const lb = BigInt(supporters[b]!.length) * ca;
        if (ca === 0n || cb === 0n) {
          if (ca !== cb) return ca === 0n ? -1 : 1;
        } else if (la !== lb) return la > lb ? -1 : 1;
      }
      return ties(a, b);
    });
  const selected = [...(opts.start?.selected ?? [])];
  const chosen = new Set(selected);
  const budget = opts.budget ?? e.budget;
  let cost = opts.start?.cost ?? 0n;
  for (const p of order) {
    if (chosen.has(p)) continue;
    const c = e.projects[p]!.cost;
    if (cost + c <= budget) {
      selected.push(p);
      chosen.add(p);
      cost += c;
    }
  }
  return { selected, cost };
}

/**
 * MES with a per-voter budget `perVoter` (a rational); runs until no project
 * is affordable. Computed by mes-fast.ts (floats, decided exactly); with
 * `explain`, by the exact reference below, which also reports each round.
 */
export function pbMes(e: PbElection, opts: { utility?: Utility; tieBreak?: TieBreak; perVoter?: Q; explain?: boolean } = {}): PbOutcome {
  if (opts.explain) return pbMesExact(e, opts);
  const supporters = supportersOf(e);
  return pbMesFast(e, supporters, tieOrder(e, supporters, opts.tieBreak ?? 'standard'), {
    utility: opts.utility ?? 'cost',
    perVoter: opts.perVoter ?? q(e.budget, BigInt(Math.max(1, e.ballots.length))),
  });
}

/** The exact reference: every quantity a BigInt rational. */
export function pbMesExact(e: PbElection, opts: { utility?: Utility; tieBreak?: TieBreak; perVoter?: Q; explain?: boolean } = {}): PbOutcome {
  const n = e.ballots.length;
  const supporters = supportersOf(e);
  const ties = tieOrder(e, supporters, opts.tieBreak ?? 'standard');
  const utility = opts.utility ?? 'cost';
  const perVoter = opts.perVoter ?? q(e.budget, BigInt(Math.max(1, n)));
  // Class 0 holds the voters with nothing left; class 1 everyone at the start.
  const classValue: Q[] = [ZERO, perVoter];
  const voterClass = new Int32Array(n).fill(1);
  const touched = new Map<number, number>();

  /** The per-supporter cap t with Σ min(budget, t) = cost, or null when the supporters hold too little. */
  function cap(p: number): Q | null {
    const list = supporters[p]!;
    if (list.length === 0) return null;
    touched.clear();
    for (let k = 0; k < list.length; k++) {
      const c = voterClass[list[k]!]!;
      touched.set(c, (touched.get(c) ?? 0) + 1);
    }
    const classes = [...touched.keys()].sort((a, b) => cmp(classValue[a]!, classValue[b]!));
    let remaining = q(e.projects[p]!.cost);
    let left = BigInt(list.length);
    for (const c of classes) {
      const v = classValue[c]!;
      // v ≥ remaining / left: everyone left pays the same share.
      if (cmp(mulInt(v, left), remaining) >= 0) return divInt(remaining, left);
      const k = BigInt(touched.get(c)!);
      remaining = sub(remaining, mulInt(v, k));
      left -= k;
    }
    return null;
  }

  const rhoOf = (p: number, t: Q): Q => (utility === 'cost' ? (e.projects[p]!.cost === 0n ? ZERO : divInt(t, e.projects[p]!.cost)) : t);
  const better = (a: { p: number; rho: Q }, b: { p: number; rho: Q }) => {
    const c = cmp(a.rho, b.rho);
    return c !== 0 ? c < 0 : ties(a.p, b.p) < 0;
  };

  // A binary heap of candidates keyed by their last known ρ (a lower bound of the current one).
  const heap = new Heap<{ p: number; rho: Q }>(better);

  for (let p = 0; p < e.projects.length; p++) {
    const t = cap(p);
    if (t) heap.push({ p, rho: rhoOf(p, t) });
  }
  const selected: number[] = [];
  const rounds: NonNullable<PbOutcome['rounds']> = [];
  let cost = 0n;
  while (heap.size > 0) {
    const top = heap.pop();
    const t = cap(top.p);
    if (!t) continue; // unaffordable now, and budgets only shrink
    const fresh = { p: top.p, rho: rhoOf(top.p, t) };
    // The others' ρ are at least their keys: if the next key is better than this fresh ρ, look again.
    if (heap.size > 0 && better(heap.peek()!, fresh)) {
      heap.push(fresh);
      continue;
    }
    // Charge: supporters with at most t pay all they have; the others pay t.
    const moved = new Map<number, number>();
    let exhausted = 0;
    for (const voter of supporters[top.p]!) {
      const c = voterClass[voter]!;
      let next = moved.get(c);
      if (next === undefined) {
        const v = classValue[c]!;
        if (cmp(v, t) <= 0) next = 0;
        else {
          next = classValue.length;
          classValue.push(sub(v, t));
        }
        moved.set(c, next);
      }
      if (next === 0 && c !== 0) exhausted++;
      voterClass[voter] = next;
    }
    selected.push(top.p);
    cost += e.projects[top.p]!.cost;
    if (opts.explain)
      rounds.push({ project: top.p, rho: { n: fresh.rho.n.toString(), d: fresh.rho.d.toString() }, payers: supporters[top.p]!.length, exhausted });
  }
  return opts.explain ? { selected, cost, rounds } : { selected, cost };
}

/**
 * MES completed by add1: raise every voter's budget by one currency unit and
 * run again, until the outcome would cost more than the budget (then the
 * previous outcome) or nothing with a supporter could still be added.
 */
export function pbMesCompleted(e: PbElection, opts: { utility?: Utility; tieBreak?: TieBreak; completion: Completion }): PbOutcome {
  const n = BigInt(Math.max(1, e.ballots.length));
  if (opts.completion === 'none') return { ...pbMes(e, opts), perVoter: q(e.budget, n) };
  const unit = 10n ** BigInt(e.decimals);
  const supporters = supportersOf(e);
  let previous: PbOutcome | null = null;
  for (let k = 0n; ; k++) {
    const perVoter = q(e.budget + k * unit * n, n);
    const outcome = { ...pbMes(e, { ...opts, perVoter }), perVoter };
    if (outcome.cost > e.budget) {
      return finishWith(e, previous ?? { selected: [], cost: 0n }, opts);
    }
    const chosen = new Set(outcome.selected);
    const couldAdd = e.projects.some((p, i) => !chosen.has(i) && supporters[i]!.length > 0 && outcome.cost + p.cost <= e.budget);
    if (!couldAdd) return finishWith(e, outcome, opts);
    previous = outcome;
  }
}

function finishWith(e: PbElection, outcome: PbOutcome, opts: { tieBreak?: TieBreak; completion: Completion }): PbOutcome {
  if (opts.completion !== 'add1-greedy') return outcome;
  return pbGreedy(e, { utility: 'cost', tieBreak: opts.tieBreak, start: outcome });
}
