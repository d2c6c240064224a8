/**
 * A scenario as a CSV for Excel in French (shared/csv.ts): one row per
 * proposal, best score first, with the amounts in dollars, the share and the
 * reason; then the totals and each constraint, for the institution's file.
 */
import type { Scenario } from '../../shared/allocation';
import { toFrenchCsv, type Cell } from '../../shared/csv';
import type { Call } from '../../shared/domain';
import { constraintLabel, scenarioNames } from '../../shared/fitting/constraint-label';

const METHODS = {
  greedy: { fr: 'Par note, demandes entières (glouton)', en: 'By score, whole requests (greedy)' },
  proportional: { fr: 'Réduction proportionnelle', en: 'Proportional reduction' },
  equal: { fr: 'Partage égal', en: 'Equal split' },
  optimal: { fr: 'Optimale (prouvée)', en: 'Optimal (proven)' },
} as const;

const dollars = (cents: number) => cents / 100;

export function scenarioCsv(scenario: Scenario, call: Pick<Call, 'needs'>, lang: 'fr' | 'en'): string {
  const fr = lang === 'fr';
  const r = scenario.result;
  const input = new Map(scenario.inputs.map((i) => [i.id, i]));
  const proposal = new Map(scenario.instance.proposals.map((p) => [p.id, p]));
  const names = scenarioNames(scenario, call.needs);
  const rows: Cell[][] = [
    [fr ? 'Scénario' : 'Scenario', scenario.name],
    [fr ? 'Méthode' : 'Method', METHODS[scenario.method][lang]],
    [],
    [
      fr ? 'Projet' : 'Proposal',
      fr ? 'Organisme' : 'Organization',
      fr ? 'Note' : 'Score',
      fr ? 'Demandé ($)' : 'Requested ($)',
      fr ? 'Minimum ($)' : 'Minimum ($)',
      fr ? 'Recommandé ($)' : 'Recommended ($)',
      fr ? 'Part (%)' : 'Share (%)',
      fr ? 'Raison' : 'Reason',
    ],
  ];
  const ordered = [...r.allocations].sort(
    (a, b) => proposal.get(b.id)!.score - proposal.get(a.id)!.score || (input.get(a.id)?.title ?? '').localeCompare(input.get(b.id)?.title ?? '', 'fr'),
  );
  for (const a of ordered) {
    const p = proposal.get(a.id)!;
    rows.push([
      input.get(a.id)?.title ?? a.id,
      input.get(a.id)?.organizationName ?? p.organization,
      p.score,
      dollars(p.requested),
      dollars(p.minimum),
      dollars(a.amount),
      Math.round((1000 * a.amount) / p.requested) / 10,
      a.reason[lang],
    ]);
  }
  rows.push(
    [],
    [fr ? 'Total recommandé ($)' : 'Total recommended ($)', dollars(r.total)],
    [fr ? 'Montant disponible ($)' : 'Amount available ($)', dollars(scenario.instance.budget)],
    [fr ? 'Valeur (note × part financée)' : 'Value (score × funded share)', r.objective],
  );
  for (const c of r.constraints)
    rows.push([constraintLabel(c.name, scenario.instance, names)[lang], c.satisfied ? (fr ? 'respectée' : 'met') : fr ? 'non respectée' : 'not met']);
  return toFrenchCsv(rows);
}
