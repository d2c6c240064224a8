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
 * The solver is passed in so this module stays pure (and out of the web
 * bundle): `functions/lib/solver.ts` loads HiGHS.
 */
import type { FitInstance, FitObjective, FitProposal, FitResult, Reason } from './instance';
import { solveKnapsack } from './knapsack';
import { finish, greedyOrder, naturalOrder, reasons } from './methods';

export interface SolverSolution {
  Status: string;
  ObjectiveValue: number;
  Columns: Record<string, { Primal?: number }>;
}
export type Solver = (lp: string, options: { mip_rel_gap: number; time_limit: number; output_flag?: boolean }) => SolverSolution;

/** Conflicts visible before solving, named in plain words. */
export function obviousConflicts(instance: FitInstance): { code: string; fr: string; en: string }[] {
  const c = instance.constraints;
  const out: { code: string; fr: string; en: string }[] = [];
  const answering = (need: string) => instance.proposals.filter((p) => p.needs.includes(need));
  for (const need of c.coverNeeds ?? []) {
    if (answering(need).length === 0) out.push({ code: 'need-unanswered', fr: `Le besoin « ${need} » n’est couvert par aucun projet admissible.`, en: `The need “${need}” is answered by no eligible proposal.` });
  }
  for (const r of c.reserved ?? []) {
    const possible = answering(r.need).reduce((s, p) => s + p.requested, 0);
    if (possible < r.amount) out.push({ code: 'reserved-unreachable', fr: `Les projets qui répondent au besoin « ${r.need} » demandent moins que le montant réservé.`, en: `The proposals answering the need “${r.need}” request less than the amount reserved.` });
  }
  const reserved = (c.reserved ?? []).reduce((s, r) => s + r.amount, 0);
  if (reserved > instance.budget) out.push({ code: 'reserved-above-budget', fr: 'Les montants réservés dépassent ensemble le budget.', en: 'The reserved amounts add up to more than the budget.' });
  return out;
}

const col = (i: number) => `a${i}`;
const bin = (i: number) => `x${i}`;
const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(17));

function constraintsLp(instance: FitInstance, ps: FitProposal[]): string[] {
  const c = instance.constraints;
  const rows: string[] = [];
  rows.push(` budget: ${ps.map((_, i) => col(i)).join(' + ') || '0 a0'} <= ${instance.budget}`);
  ps.forEach((p, i) => {
    rows.push(` lo${i}: ${col(i)} - ${p.minimum} ${bin(i)} >= 0`);
    rows.push(` hi${i}: ${col(i)} - ${p.requested} ${bin(i)} <= 0`);
  });
  const ids = (pred: (p: FitProposal) => boolean, v: (i: number) => string) => ps.map((p, i) => (pred(p) ? v(i) : null)).filter((x): x is string => x !== null);
  (c.coverNeeds ?? []).forEach((need, k) => rows.push(` cover${k}: ${ids((p) => p.needs.includes(need), bin).join(' + ')} >= 1`));
  const orgs = [...new Set(ps.map((p) => p.organization))].sort(naturalOrder.compare);
  orgs.forEach((o, k) => {
    if (c.maxProposalsPerOrganization !== undefined) rows.push(` orgn${k}: ${ids((p) => p.organization === o, bin).join(' + ')} <= ${c.maxProposalsPerOrganization}`);
    if (c.maxAmountPerOrganization !== undefined) rows.push(` orga${k}: ${ids((p) => p.organization === o, col).join(' + ')} <= ${c.maxAmountPerOrganization}`);
  });
  (c.reserved ?? []).forEach((r, k) => rows.push(` res${k}: ${ids((p) => p.needs.includes(r.need), col).join(' + ')} >= ${r.amount}`));
  return rows;
}

function model(objective: string, rows: string[], ps: FitProposal[], fixed?: boolean[]): string {
  const bounds = ps.map((p, i) => ` 0 <= ${col(i)} <= ${p.requested}`);
  const fix = fixed ? ps.map((_, i) => ` ${bin(i)} = ${fixed[i] ? 1 : 0}`) : [];
  return ['Maximize', ` obj: ${objective}`, 'Subject To', ...rows, 'Bounds', ...bounds, ...fix, 'Binaries', ` ${ps.map((_, i) => bin(i)).join(' ')}`, 'General', ` ${ps.map((_, i) => col(i)).join(' ')}`, 'End', ''].join('\n');
}

export function fitOptimal(instance: FitInstance, solve: Solver, opts: { objective?: FitObjective; timeLimitSeconds?: number } = {}): FitResult {
  const objectiveName = opts.objective ?? 'value';
  // Canonical order, so the same instance always gives the solver the same model.
  const ps = [...instance.proposals].sort(greedyOrder);
  const empty = (infeasible: FitResult['infeasible'], proven: boolean): FitResult => {
    const r = finish(instance, 'optimal', new Map(), new Map(ps.map((p) => [p.id, reasons.notChosen()])));
    return { ...r, objectiveName, optimal: proven, infeasible };
  };
  const conflicts = obviousConflicts(instance);
  if (conflicts.length > 0) return empty(conflicts, true);
  if (ps.length === 0) return empty(null, true);

  const c = instance.constraints;
  const unconstrained = !c.coverNeeds?.length && c.maxProposalsPerOrganization === undefined && c.maxAmountPerOrganization === undefined && !c.reserved?.length;
  if (unconstrained && objectiveName === 'value') {
    // A knapsack: the specialized branch and bound is faster than the general solver (bench/fit).
    const k = solveKnapsack(instance);
    const result = finish(instance, 'optimal', k.amounts, reasonsFor(instance, ps, k.amounts));
    return { ...result, objectiveName, optimal: k.proven };
  }
  const rows = constraintsLp(instance, ps);
  const options = { mip_rel_gap: 0, time_limit: opts.timeLimitSeconds ?? 30, output_flag: false };
  // The value objective's coefficients score/requested are tiny in cents: scaled so the largest is 1e6.
  const density = ps.map((p) => p.score / p.requested);
  const scale = 1e6 / Math.max(...density, 1e-12);
  const valueObjective = ps.map((p, i) => `${num(density[i]! * scale)} ${col(i)}`).join(' + ');

  let fixed: boolean[] | undefined;
  let proven = true;
  if (objectiveName === 'coverage') {
    const first = solve(model(ps.map((p, i) => `${num(p.score)} ${bin(i)}`).join(' + '), rows, ps), options);
    if (first.Status === 'Infeasible') return empty(infeasibleTogether(instance), true);
    if (first.Status !== 'Optimal') proven = false;
    fixed = ps.map((_, i) => Math.round(first.Columns[bin(i)]?.Primal ?? 0) === 1);
  }
  const solution = solve(model(valueObjective, rows, ps, fixed), options);
  if (solution.Status === 'Infeasible') return empty(infeasibleTogether(instance), true);
  if (solution.Status !== 'Optimal') proven = false;
  const amounts = new Map<string, number>();
  ps.forEach((p, i) => {
    const a = Math.round(solution.Columns[col(i)]?.Primal ?? 0);
    if (a > 0) amounts.set(p.id, a);
  });
  const result = finish(instance, 'optimal', amounts, reasonsFor(instance, ps, amounts));
  return { ...result, objectiveName, optimal: proven };
}

function infeasibleTogether(instance: FitInstance): { code: string; fr: string; en: string }[] {
  const c = instance.constraints;
  const names = [
    ...(c.coverNeeds ?? []).map((n) => ({ fr: `couvrir le besoin « ${n} »`, en: `cover the need “${n}”` })),
    ...(c.reserved ?? []).map((r) => ({ fr: `réserver au besoin « ${r.need} »`, en: `reserve for the need “${r.need}”` })),
    ...(c.maxProposalsPerOrganization !== undefined ? [{ fr: `au plus ${c.maxProposalsPerOrganization} projet(s) par organisme`, en: `at most ${c.maxProposalsPerOrganization} proposal(s) per organization` }] : []),
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

function reasonsFor(instance: FitInstance, ps: FitProposal[], amounts: Map<string, number>): Map<string, Reason> {
  const out = new Map<string, Reason>();
  const covered = instance.constraints.coverNeeds ?? [];
  ps.forEach((p, i) => {
    const a = amounts.get(p.id) ?? 0;
    if (a === 0) out.set(p.id, reasons.notChosen());
    else if (a === p.requested) out.set(p.id, reasons.full(i + 1, p.score));
    else if (a === p.minimum) {
      // The only funded proposal answering a need the instance must cover.
      const need = covered.find((n) => p.needs.includes(n) && ps.every((q) => q === p || !q.needs.includes(n) || (amounts.get(q.id) ?? 0) === 0));
      out.set(p.id, need ? reasons.minimumForNeed(a, need) : reasons.minimum(a));
    } else out.set(p.id, reasons.reduced(a, p.requested));
  });
  return out;
}
