/**
 * "What if": the next proposal a method would fund with more money, and how
 * much more. The answer is checked by running the method again on the larger
 * budget, never assumed:
 *
 * - greedy: exact. The first proposal greedy skipped, in greedy order, is
 *   funded beside all the others once the extra covers its request minus
 *   what is left over (the order of the others is unchanged).
 * - the other methods spread money over several proposals, so the smallest
 *   extra is searched for, to the dollar: the method is run at the budget
 *   plus a candidate extra, and the candidate kept is the smallest found at
 *   which some proposal it does not fund now gets funded. The search starts
 *   from greedy's answer and needs about log2(the gap in dollars) runs.
 */
import type { FitInstance, FitResult } from './instance';
import { greedyOrder } from './methods';

export interface WhatIf {
  proposalId: string;
  /** Integer cents beyond the budget. */
  extra: number;
}

const DOLLAR = 100;

export function whatIf(
  instance: FitInstance,
  result: FitResult,
  run: (larger: FitInstance) => FitResult,
  opts: { exact?: boolean; deadline?: number } = {},
): WhatIf | null {
  if (result.infeasible) return null;
  const amountNow = new Map(result.allocations.map((a) => [a.id, a.amount]));
  const unfunded = [...instance.proposals].sort(greedyOrder).filter((p) => (amountNow.get(p.id) ?? 0) === 0);
  if (unfunded.length === 0) return null;
  const leftover = instance.budget - result.total;
  const first = unfunded[0]!;
  if (opts.exact) return { proposalId: first.id, extra: Math.max(0, first.requested - leftover) };

  /**
   * The first proposal (greedy order) funded with `extra` more and not funded now, or null if none;
   * undefined when the run cannot say (an optimum not proven in time).
   */
  const newlyFunded = (extra: number): string | null | undefined => {
    const r = run({ ...instance, budget: instance.budget + extra });
    if (r.optimal === false) return undefined;
    if (r.infeasible) return null;
    const amount = new Map(r.allocations.map((a) => [a.id, a.amount]));
    return unfunded.find((p) => (amount.get(p.id) ?? 0) > 0)?.id ?? null;
  };
  const timeLeft = () => opts.deadline === undefined || Date.now() < opts.deadline;
  const roundUp = (cents: number) => Math.ceil(cents / DOLLAR) * DOLLAR;

  // An extra known to fund someone new: greedy's answer, else enough for every request.
  const everything = roundUp(Math.max(0, instance.proposals.reduce((s, p) => s + p.requested, 0) - instance.budget));
  let hi = roundUp(Math.max(DOLLAR, first.requested - leftover));
  let found = newlyFunded(hi);
  if (found === null && hi < everything && timeLeft()) {
    hi = everything;
    found = newlyFunded(hi);
  }
  if (!found) return null;
  // Smallest to the dollar: lo funds no one new (0 does not), hi does. An answer the run cannot give ends the search.
  let lo = 0;
  while (hi - lo > DOLLAR && timeLeft()) {
    const mid = roundUp((lo + hi) / 2);
    const at = newlyFunded(mid);
    if (at === undefined) break;
    if (at === null) lo = mid;
    else {
      hi = mid;
      found = at;
    }
  }
  return { proposalId: found, extra: hi };
}
