/**
 * The mixed-integer model of `optimal` (../shared/METHODS.md §3), written in
 * CPLEX LP text for the solver given (HiGHS in practice), and read back as
 * whole-cent amounts that are checked exactly against the instance.
 *
 *   x_i ∈ {0,1}, minimum_i·x_i ≤ a_i ≤ requested_i·x_i, Σ a_i ≤ budget
 *   coverNeeds:   Σ_{i answers n} x_i ≥ 1
 *   maxProposalsPerOrganization: Σ_{i of o} x_i ≤ N;  maxAmountPerOrganization: Σ_{i of o} a_i ≤ X
 *   reserved:     Σ_{i answers n} a_i ≥ amount
 *
 * The amounts are first left continuous: with the funded set binary, the
 * solver's answer almost always lands on whole cents, and a whole-cent
 * answer that is optimal among continuous amounts is optimal among whole
 * cents too. Only when it does not land on whole cents is the model solved
 * again with integer amounts, which is several times slower (bench/fit).
 */
import type { FitInstance, FitProposal } from './instance';
import { naturalOrder, twinKey } from './methods';

interface SolverSolution {
  Status: string;
  ObjectiveValue: number;
  Columns: Record<string, { Primal?: number }>;
}
export type Solver = (lp: string, options: SolverOptions) => SolverSolution;
interface SolverOptions {
  mip_rel_gap: number;
  time_limit: number;
  output_flag?: boolean;
  mip_feasibility_tolerance?: number;
  presolve?: 'on' | 'off' | 'choose';
}

/** What one solve adds to the model. */
export interface Spec {
  /** A linear expression over the model's columns, maximized. */
  objective: string;
  /** More rows ("name: expression <= value"). */
  rows?: string[];
  /** Funded (1) or not (0) per proposal, decided beforehand. */
  fixedX?: readonly (0 | 1)[];
  /** Amounts decided beforehand, by proposal index. */
  fixedA?: ReadonlyMap<number, number>;
  /** More columns: binaries, and continuous ones with their bounds ("0 <= p1 <= 1"). */
  binaries?: string[];
  bounds?: string[];
}

/** `a`: whole-cent amounts by proposal index, empty when there is no solution (infeasible, or none found in time). */
export interface Outcome {
  status: 'optimal' | 'time' | 'infeasible' | 'none';
  a: number[];
  columns: Record<string, { Primal?: number }>;
}

export const col = (i: number) => `a${i}`;
export const bin = (i: number) => `x${i}`;
export const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(17));

export class FitModel {
  readonly n: number;
  private readonly rows: string[];

  /** `ps` in the order the columns are numbered (the greedy order, so the same instance always gives the same model). */
  constructor(
    readonly instance: FitInstance,
    readonly ps: readonly FitProposal[],
  ) {
    this.n = ps.length;
    const c = instance.constraints;
    const rows: string[] = [];
    rows.push(` budget: ${ps.map((_, i) => col(i)).join(' + ') || '0 a0'} <= ${instance.budget}`);
    ps.forEach((p, i) => {
      rows.push(` lo${i}: ${col(i)} - ${p.minimum} ${bin(i)} >= 0`);
      rows.push(` hi${i}: ${col(i)} - ${p.requested} ${bin(i)} <= 0`);
    });
    const ids = (pred: (p: FitProposal) => boolean, v: (i: number) => string) =>
      ps.map((p, i) => (pred(p) ? v(i) : null)).filter((x): x is string => x !== null);
    for (const [k, need] of (c.coverNeeds ?? []).entries()) rows.push(` cover${k}: ${ids((p) => p.needs.includes(need), bin).join(' + ')} >= 1`);
    this.organizations.forEach((o, k) => {
      if (c.maxProposalsPerOrganization !== undefined)
        rows.push(` orgn${k}: ${ids((p) => p.organization === o, bin).join(' + ')} <= ${c.maxProposalsPerOrganization}`);
      if (c.maxAmountPerOrganization !== undefined)
        rows.push(` orga${k}: ${ids((p) => p.organization === o, col).join(' + ')} <= ${c.maxAmountPerOrganization}`);
    });
    for (const [k, r] of (c.reserved ?? []).entries()) rows.push(` res${k}: ${ids((p) => p.needs.includes(r.need), col).join(' + ')} >= ${r.amount}`);
    // Twins: proposals that every constraint treats alike (same score, request and minimum, the same needs among
    // those the constraints name, the same organization when a limit applies per organization). Swapping two
    // changes nothing but the order, and the tie rule wants the earlier one to get at least as much: said here,
    // the solver does not search through every way of choosing among them.
    const named = new Set([...(c.coverNeeds ?? []), ...(c.reserved ?? []).map((r) => r.need)]);
    const perOrganization = c.maxProposalsPerOrganization !== undefined || c.maxAmountPerOrganization !== undefined;
    const key = (p: FitProposal) => twinKey(p, [p.needs.filter((n) => named.has(n)).sort(), perOrganization ? p.organization : '']);
    const previous = new Map<string, number>();
    ps.forEach((p, j) => {
      const i = previous.get(key(p));
      if (i !== undefined) rows.push(` twinx${j}: ${bin(i)} - ${bin(j)} >= 0`, ` twina${j}: ${col(i)} - ${col(j)} >= 0`);
      previous.set(key(p), j);
    });
    this.rows = rows;
  }

  get organizations(): string[] {
    return [...new Set(this.ps.map((p) => p.organization))].sort(naturalOrder.compare);
  }

  lp(spec: Spec, integerAmounts: boolean): string {
    const { ps } = this;
    const bounds = ps.map((p, i) => {
      const fixed = spec.fixedA?.get(i);
      return fixed !== undefined ? ` ${col(i)} = ${fixed}` : ` 0 <= ${col(i)} <= ${p.requested}`;
    });
    const fix = spec.fixedX ? ps.map((_, i) => ` ${bin(i)} = ${spec.fixedX![i]}`) : [];
    return [
      'Maximize',
      ` obj: ${spec.objective}`,
      'Subject To',
      ...this.rows,
      ...(spec.rows ?? []),
      'Bounds',
      ...bounds,
      ...fix,
      ...(spec.bounds ?? []),
      'Binaries',
      ` ${[...ps.map((_, i) => bin(i)), ...(spec.binaries ?? [])].join(' ')}`,
      ...(integerAmounts ? ['General', ` ${ps.map((_, i) => col(i)).join(' ')}`] : []),
      'End',
      '',
    ].join('\n');
  }

  /** Whether whole-cent amounts meet the instance and the spec's fixed values, checked exactly (the spec's extra rows are not). */
  feasible(a: readonly number[], spec: Pick<Spec, 'fixedX' | 'fixedA'> = {}): boolean {
    const { ps, instance } = this;
    const c = instance.constraints;
    let total = 0;
    for (let i = 0; i < this.n; i++) {
      const v = a[i]!;
      if (!Number.isSafeInteger(v) || v < 0 || v > ps[i]!.requested || (v > 0 && v < ps[i]!.minimum)) return false;
      if (spec.fixedX && (v > 0 ? 1 : 0) !== spec.fixedX[i]) return false;
      const fixed = spec.fixedA?.get(i);
      if (fixed !== undefined && fixed !== v) return false;
      total += v;
    }
    if (total > instance.budget) return false;
    const funded = (pred: (p: FitProposal) => boolean) => ps.map((p, i) => (pred(p) ? a[i]! : 0)).filter((v) => v > 0);
    if ((c.coverNeeds ?? []).some((need) => funded((p) => p.needs.includes(need)).length === 0)) return false;
    for (const o of this.organizations) {
      const mine = funded((p) => p.organization === o);
      if (c.maxProposalsPerOrganization !== undefined && mine.length > c.maxProposalsPerOrganization) return false;
      if (c.maxAmountPerOrganization !== undefined && mine.reduce((s, v) => s + v, 0) > c.maxAmountPerOrganization) return false;
    }
    return (c.reserved ?? []).every((r) => funded((p) => p.needs.includes(r.need)).reduce((s, v) => s + v, 0) >= r.amount);
  }

  /**
   * Solves with continuous amounts, then, if the answer is not in whole
   * cents, with integer amounts. `status` is `time` when the solver stopped
   * on its time limit with a solution it could not prove optimal. `deadline`
   * is a Date.now() in milliseconds.
   *
   * HiGHS is asked with and without presolve, and the better answer is kept
   * (`compare`, exact): see HIGHS. An answer is used only once checked
   * exactly here (and by `accept`, when given). "Infeasible" cannot be
   * checked: it is believed only when every setting says so.
   */
  solve(spec: Spec, solver: Solver, deadline: number, opts: { accept?: (a: number[]) => boolean; compare: (a: number[], b: number[]) => number }): Outcome {
    let infeasible = 0;
    let tried = 0;
    let refused = false;
    const answers: Outcome[] = [];
    const run = (attempt: Partial<SolverOptions>) => {
      tried++;
      for (const integerAmounts of [false, true]) {
        // Whatever is left of the time budget (Date.now() in ms), at least a second.
        const options = { mip_rel_gap: 0, time_limit: Math.max(1, (deadline - Date.now()) / 1000), output_flag: false, ...attempt };
        let r: SolverSolution;
        try {
          r = solver(this.lp(spec, integerAmounts), options);
        } catch {
          return;
        }
        if (r.Status === 'Infeasible') {
          infeasible++;
          return;
        }
        const primal = this.ps.map((_, i) => r.Columns[col(i)]?.Primal);
        if (primal.some((v) => v === undefined || !Number.isFinite(v))) return;
        const a = primal.map((v) => Math.round(v!));
        // Off whole cents: integer amounts next (several times slower, bench/fit).
        if (!primal.every((v, i) => Math.abs(v! - a[i]!) <= 1e-6)) continue;
        if (this.feasible(a, spec) && (opts.accept?.(a) ?? true)) answers.push({ status: r.Status === 'Optimal' ? 'optimal' : 'time', a, columns: r.Columns });
        // Whole cents but refused: a tolerance took liberties (the tight tolerance may not).
        else refused = true;
        return;
      }
    };
    run({ presolve: 'off' });
    if (Date.now() < deadline) run({ presolve: 'on' });
    if (answers.length === 0 && (refused || infeasible > 0) && Date.now() < deadline) run({ presolve: 'off', mip_feasibility_tolerance: 1e-9 });
    if (answers.length === 0) return { status: infeasible === tried ? 'infeasible' : 'none', a: [], columns: {} };
    // The better answer; proven only if the one kept was said optimal.
    return answers.reduce((best, x) => (opts.compare(x.a, best.a) > 0 ? x : best));
  }
}

/**
 * HIGHS. HiGHS 1.15 (wasm) got small feasible models from our property
 * tests against an exhaustive search wrong, each time with one setting and
 * right with another:
 * - with presolve, it answered "Optimal" at a worse value than the true
 *   optimum (budget 9 000, three proposals: 100 instead of 110), and once
 *   failed with "HiGHS error -1";
 * - without presolve, it answered "Optimal" at 120 on a tie-search model
 *   whose optimum is 160;
 * - it declared feasible models infeasible with presolve, without presolve,
 *   and with a tight integrality tolerance, each on a different model.
 * These are known kinds of HiGHS bugs (issues #1718, #3090). So every model
 * is solved with and without presolve and the better checked answer kept;
 * "infeasible" is tried with the tight tolerance too.
 */
