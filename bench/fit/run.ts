/**
 * bench/fit — `optimal` on generated instances: 200 proposals with side
 * constraints, and 1,000 and 10,000 without; beside it, in the same run,
 * HiGHS solving the plain MILP model directly (no canonical ordering, no
 * scaling, no pre-checks). Prints time and objective; asserts nothing.
 * Targets: the same optimum, at most HiGHS's time at 200 proposals, under
 * 2 s at 10,000.
 */
import { loadSolver } from '../../functions/lib/solver';
import { fitInstanceSchema, type FitInstance } from '../../shared/fitting/instance';
import { valueObjective } from '../../shared/fitting/methods';
import { fitOptimal } from '../../shared/fitting/optimal';

const TIME_LIMIT = Number(process.env.BENCH_FIT_TIME_LIMIT ?? 60);
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

function generate(n: number, constrained: boolean): FitInstance {
  const needs = ['isolement', 'transport', 'repit', 'base', 'emploi', 'logement'];
  const proposals = Array.from({ length: n }, (_, i) => {
    const requested = 100_000 + Math.floor(random() * 4_900_000);
    return {
      id: `p${i + 1}`,
      organization: `o${Math.floor(random() * Math.max(2, n / 3))}`,
      requested,
      minimum: Math.max(1, Math.floor(requested * (0.4 + random() * 0.6))),
      score: Math.round(random() * 1000) / 10,
      needs: needs.filter(() => random() < 0.2),
    };
  });
  const total = proposals.reduce((s, p) => s + p.requested, 0);
  return fitInstanceSchema.parse({
    budget: Math.floor(total * 0.35),
    proposals,
    constraints: constrained ? { coverNeeds: ['isolement', 'transport', 'repit'], maxProposalsPerOrganization: 2, maxAmountPerOrganization: 8_000_000, reserved: [{ need: 'transport', amount: 5_000_000 }] } : {},
  });
}

/** The plain model, written straight from the instance: what a person would hand to HiGHS. */
function plainModel(instance: FitInstance): string {
  const ps = instance.proposals;
  const c = instance.constraints;
  const rows = [` budget: ${ps.map((p) => `a_${p.id}`).join(' + ')} <= ${instance.budget}`];
  for (const p of ps) rows.push(` lo_${p.id}: a_${p.id} - ${p.minimum} x_${p.id} >= 0`, ` hi_${p.id}: a_${p.id} - ${p.requested} x_${p.id} <= 0`);
  for (const n of c.coverNeeds ?? []) rows.push(` cover_${n}: ${ps.filter((p) => p.needs.includes(n)).map((p) => `x_${p.id}`).join(' + ')} >= 1`);
  const orgs = [...new Set(ps.map((p) => p.organization))];
  for (const o of orgs) {
    const mine = ps.filter((p) => p.organization === o);
    if (c.maxProposalsPerOrganization !== undefined) rows.push(` n_${o}: ${mine.map((p) => `x_${p.id}`).join(' + ')} <= ${c.maxProposalsPerOrganization}`);
    if (c.maxAmountPerOrganization !== undefined) rows.push(` m_${o}: ${mine.map((p) => `a_${p.id}`).join(' + ')} <= ${c.maxAmountPerOrganization}`);
  }
  for (const r of c.reserved ?? []) rows.push(` r_${r.need}: ${ps.filter((p) => p.needs.includes(r.need)).map((p) => `a_${p.id}`).join(' + ')} >= ${r.amount}`);
  return ['Maximize', ` obj: ${ps.map((p) => `${p.score / p.requested} a_${p.id}`).join(' + ')}`, 'Subject To', ...rows, 'Bounds', ...ps.map((p) => ` 0 <= a_${p.id} <= ${p.requested}`), 'Binaries', ` ${ps.map((p) => `x_${p.id}`).join(' ')}`, 'General', ` ${ps.map((p) => `a_${p.id}`).join(' ')}`, 'End', ''].join('\n');
}

const solve = await loadSolver();
console.log(`optimal vs HiGHS on the plain model (time limit ${TIME_LIMIT} s each, Node ${process.version})`);
console.log('instance'.padEnd(28), 'optimal ms'.padStart(11), 'objective'.padStart(14), 'proven'.padStart(7), ' | ', 'HiGHS ms'.padStart(9), 'objective'.padStart(14), 'status'.padStart(10));
for (const [n, constrained] of [[200, true], [1000, false], [10_000, false]] as const) {
  const instance = generate(n, constrained);
  let t = performance.now();
  const ours = fitOptimal(instance, solve, { timeLimitSeconds: TIME_LIMIT });
  const oursMs = performance.now() - t;
  t = performance.now();
  const direct = solve(plainModel(instance), { mip_rel_gap: 0, time_limit: TIME_LIMIT, output_flag: false });
  const directMs = performance.now() - t;
  const directAmounts = new Map(instance.proposals.map((p) => [p.id, Math.round(direct.Columns[`a_${p.id}`]?.Primal ?? 0)]));
  const label = `${n} proposals${constrained ? ', constraints' : ''}`;
  console.log(
    label.padEnd(28),
    oursMs.toFixed(0).padStart(11),
    ours.objective.toFixed(6).padStart(14),
    String(ours.optimal).padStart(7),
    ' | ',
    directMs.toFixed(0).padStart(9),
    valueObjective(instance, directAmounts).toFixed(6).padStart(14),
    direct.Status.padStart(10),
  );
}
