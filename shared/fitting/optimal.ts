/**
 * `optimal` (../shared/METHODS.md §3): a mixed-integer program solved to a
 * proven optimum (zero gap) by the solver given, HiGHS in practice, or
 * reported as not proven when its time runs out. Amounts are integer cents.
 *
 *   x_i ∈ {0,1}, a_i ∈ ℤ, minimum_i·x_i ≤ a_i ≤ requested_i·x_i, Σ a_i ≤ budget
 *   coverNeeds:   Σ_{i answers n} x_i ≥ 1
 *   maxProposalsPerOrganization: Σ_{i of o} x_i ≤ N;  maxAmountPerOrganization: Σ_{i of o} a_i ≤ X
 *   reserved:     Σ_{i answers n} a_i ≥ amount
 *   value:    maximize Σ score_i · a_i / requested_i
 *   coverage: maximize Σ score_i · x_i, then, with that set fixed, the value objective
 *
 * Among optimal solutions, the one the tie rule of greedy prefers
 * (`ties.ts`). Without side constraints, the value objective is a knapsack
 * solved by a specialized branch and bound (`knapsack.ts`); otherwise the
 * model of `model.ts` goes to the solver.
 *
 * The solver is passed in so this module stays pure (and out of the web
 * bundle): `functions/lib/solver.ts` loads HiGHS.
 */
import type { FitInstance, FitObjective, FitProposal, FitResult, Reason } from './instance';
import { plural } from '../plural';
import { solveKnapsack } from './knapsack';
import { checkConstraints, finish, greedyOrder, reasons, twinKey } from './methods';
import { bin, col, FitModel, num, type Solver } from './model';
import { better, preferInTies } from './ties';

export type { Solver } from './model';

/** How a need or a proposal is named to people: the platform passes the need's statement and the proposal's title; the CLI keeps the ids. */
type NeedName = (id: string) => string;
const byId: NeedName = (id) => id;
export interface Names {
  need?: NeedName;
  proposal?: (id: string) => string;
}

/** Conflicts visible before solving, named in plain words. */
function obviousConflicts(instance: FitInstance, needName: NeedName = byId): { code: string; fr: string; en: string }[] {
  const c = instance.constraints;
  const out: { code: string; fr: string; en: string }[] = [];
  const answering = (need: string) => instance.proposals.filter((p) => p.needs.includes(need));
  for (const need of c.coverNeeds ?? []) {
    if (answering(need).length === 0)
      out.push({
        code: 'need-unanswered',
        fr: `Le besoin « ${needName(need)} » n’est couvert par aucun projet admissible.`,
        en: `The need “${needName(need)}” is answered by no eligible proposal.`,
      });
  }
  for (const r of c.reserved ?? []) {
    const possible = answering(r.need).reduce((s, p) => s + p.requested, 0);
    if (possible < r.amount)
      out.push({
        code: 'reserved-unreachable',
        fr: `Les projets qui répondent au besoin « ${needName(r.need)} » demandent moins que le montant réservé.`,
        en: `The proposals answering the need “${needName(r.need)}” request less than the amount reserved.`,
      });
  }
  const reserved = (c.reserved ?? []).reduce((s, r) => s + r.amount, 0);
  if (reserved > instance.budget)
    out.push({
      code: 'reserved-above-budget',
      fr: 'Les montants réservés dépassent ensemble le budget.',
      en: 'The reserved amounts add up to more than the budget.',
    });
  return out;
}

export function fitOptimal(instance: FitInstance, solve: Solver, opts: { objective?: FitObjective; timeLimitSeconds?: number; names?: Names } = {}): FitResult {
  const needName = opts.names?.need ?? byId;
  const proposalName = opts.names?.proposal ?? byId;
  const objectiveName = opts.objective ?? 'value';
  // One time budget for every solve below (an API answer must come within the gateway's 29 s).
  const deadline = Date.now() + (opts.timeLimitSeconds ?? 30) * 1000;
  // Canonical order, so the same instance always gives the solver the same model, and the order ties are broken in.
  const ps = [...instance.proposals].sort(greedyOrder);
  const empty = (infeasible: FitResult['infeasible'], proven: boolean): FitResult => {
    const r = finish(instance, 'optimal', new Map(), new Map(ps.map((p) => [p.id, reasons.notChosen()])));
    return { ...r, objectiveName, optimal: proven, infeasible };
  };
  const done = (a: readonly number[], proven: boolean): FitResult => {
    const amounts = new Map<string, number>();
    ps.forEach((p, i) => {
      if (a[i]! > 0) amounts.set(p.id, a[i]!);
    });
    return {
      ...finish(instance, 'optimal', amounts, reasonsFor(instance, ps, amounts, { need: needName, proposal: proposalName }, objectiveName)),
      objectiveName,
      optimal: proven,
    };
  };
  const conflicts = obviousConflicts(instance, needName);
  if (conflicts.length > 0) return empty(conflicts, true);
  if (ps.length === 0) return empty(null, true);

  const c = instance.constraints;
  const unconstrained = !c.coverNeeds?.length && c.maxProposalsPerOrganization === undefined && c.maxAmountPerOrganization === undefined && !c.reserved?.length;
  if (unconstrained && objectiveName === 'value') {
    // A knapsack: the specialized branch and bound, which applies the tie rule itself, is faster than the general solver (bench/fit).
    const k = solveKnapsack(instance);
    return done(
      ps.map((p) => k.amounts.get(p.id) ?? 0),
      k.proven,
    );
  }

  const model = new FitModel(instance, ps);
  const valueObjective = ps.map((p, i) => `${num(p.score / p.requested)} ${col(i)}`).join(' + ');
  let fixedX: (0 | 1)[] | undefined;
  let proven = true;
  let tiesFinished = true;
  if (objectiveName === 'coverage') {
    const first = model.solve({ objective: ps.map((p, i) => `${num(p.score)} ${bin(i)}`).join(' + ') }, solve, deadline, { compare: better(ps, 'set') });
    if (first.status === 'infeasible') return empty(infeasibleTogether(instance, needName), true);
    if (first.status === 'none') return empty(null, false);
    proven = first.status === 'optimal';
    const set = proven ? preferInTies(model, 'set', first.a, solve, { deadline }) : { a: first.a, finished: true };
    tiesFinished = set.finished;
    fixedX = set.a.map((v) => (v > 0 ? 1 : 0));
  }
  const solution = model.solve({ objective: valueObjective, fixedX }, solve, deadline, { compare: better(ps, 'amounts') });
  if (solution.status === 'infeasible') return empty(infeasibleTogether(instance, needName), true);
  if (solution.status === 'none') return empty(null, false);
  if (solution.status !== 'optimal') return done(solution.a, false);
  const preferred = preferInTies(model, 'amounts', solution.a, solve, { fixedX, deadline });
  const result = done(preferred.a, proven);
  // Still optimal, but the time ran out before the tie rule was fully applied: said, not hidden.
  return proven && !(tiesFinished && preferred.finished) ? { ...result, tieRuleUnfinished: true } : result;
}

function infeasibleTogether(instance: FitInstance, needName: NeedName): { code: string; fr: string; en: string }[] {
  const c = instance.constraints;
  const names = [
    ...(c.coverNeeds ?? []).map((n) => ({ fr: `couvrir le besoin « ${needName(n)} »`, en: `cover the need “${needName(n)}”` })),
    ...(c.reserved ?? []).map((r) => ({ fr: `réserver au besoin « ${needName(r.need)} »`, en: `reserve for the need “${needName(r.need)}”` })),
    ...(c.maxProposalsPerOrganization !== undefined
      ? [
          {
            fr: `au plus ${c.maxProposalsPerOrganization} ${plural('fr', c.maxProposalsPerOrganization, 'projet', 'projets')} par organisme`,
            en: `at most ${c.maxProposalsPerOrganization} ${plural('en', c.maxProposalsPerOrganization, 'proposal', 'proposals')} per organization`,
          },
        ]
      : []),
    ...(c.maxAmountPerOrganization !== undefined ? [{ fr: 'un plafond par organisme', en: 'a cap per organization' }] : []),
  ];
  return [
    {
      code: 'constraints-conflict',
      fr: `Aucune répartition ne respecte à la fois le budget et ces contraintes : ${names.map((n) => n.fr).join(' ; ')}.`,
      en: `No allocation meets the budget and these constraints together: ${names.map((n) => n.en).join('; ')}.`,
    },
  ];
}

/** Whether giving `from`'s amount to `to` instead still meets the budget and every constraint. */
function swapKeepsFeasible(instance: FitInstance, amounts: Map<string, number>, from: FitProposal, to: FitProposal): boolean {
  const swapped = new Map(amounts);
  swapped.set(to.id, amounts.get(from.id)!);
  swapped.delete(from.id);
  return checkConstraints(instance, swapped).every((c) => c.satisfied);
}

function reasonsFor(
  instance: FitInstance,
  ps: FitProposal[],
  amounts: Map<string, number>,
  names: Required<Names>,
  objective: FitObjective,
): Map<string, Reason> {
  const out = new Map<string, Reason>();
  const covered = instance.constraints.coverNeeds ?? [];
  // Funded proposals by score, request and minimum: an unfunded one's possible twins, found without a scan of all.
  const funded = new Map<string, FitProposal[]>();
  for (const p of ps) {
    if ((amounts.get(p.id) ?? 0) === 0) continue;
    const same = funded.get(twinKey(p));
    if (same) same.push(p);
    else funded.set(twinKey(p), [p]);
  }
  const { maxAmountPerOrganization: cap, maxProposalsPerOrganization: most, reserved } = instance.constraints;
  const total = [...amounts.values()].reduce((s, a) => s + a, 0);
  const byDensityOnly = objective === 'value' && total === instance.budget && cap === undefined && !reserved?.length;
  // What each organization gets, and how many of its proposals are funded: the caps it may have reached.
  const orgAmount = new Map<string, number>();
  const orgFunded = new Map<string, number>();
  for (const p of ps) {
    const a = amounts.get(p.id) ?? 0;
    if (a === 0) continue;
    orgAmount.set(p.organization, (orgAmount.get(p.organization) ?? 0) + a);
    orgFunded.set(p.organization, (orgFunded.get(p.organization) ?? 0) + 1);
  }
  ps.forEach((p) => {
    const a = amounts.get(p.id) ?? 0;
    if (a === 0) {
      // A twin funded before it in greedy order, whose place it could take at equal value: the tie rule decided.
      const twin = (funded.get(twinKey(p)) ?? []).find((q) => greedyOrder(q, p) < 0 && swapKeepsFeasible(instance, amounts, q, p));
      if (twin) out.set(p.id, reasons.tie(twin.id, names.proposal(twin.id)));
      else if (cap !== undefined && p.minimum > cap) out.set(p.id, reasons.minimumAboveCap(p.minimum, cap));
      else if (most !== undefined && (orgFunded.get(p.organization) ?? 0) >= most) out.set(p.id, reasons.organizationAtMax(most));
      else out.set(p.id, reasons.notChosen());
    } else if (a === p.requested) out.set(p.id, reasons.fullByValue(p.score, p.requested));
    else if (a === p.minimum) {
      // The only funded proposal answering a need the instance must cover.
      const need = covered.find((n) => p.needs.includes(n) && ps.every((q) => q === p || !q.needs.includes(n) || (amounts.get(q.id) ?? 0) === 0));
      out.set(p.id, need ? reasons.minimumForNeed(a, names.need(need)) : reasons.minimum(a));
    } else if (cap !== undefined && orgAmount.get(p.organization) === cap) out.set(p.id, reasons.reducedToCap(a, p.requested, cap));
    // The value objective, the whole budget spent, no reserved amount or cap to move money: a proposal between its
    // minimum and its request is where money ran out, the denser ones being funded whole (a fractional knapsack).
    else if (byDensityOnly) out.set(p.id, reasons.reducedToBudget(a, p.requested));
    else out.set(p.id, reasons.reduced(a, p.requested));
  });
  return out;
}
