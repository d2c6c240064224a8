/**
 * The heuristic fitting methods of ../shared/METHODS.md §3 (greedy,
 * proportional, equal), the constraint report every method gets, and the
 * plain-language reason of each amount. Pure and deterministic: proposals
 * are first put in the greedy order (score descending, then the smaller
 * request, then the id in natural order), never left in input order.
 */
import { formatMoney } from '../money';
import { plural } from '../plural';
import type { Allocation, FitInstance, FitMethod, FitProposal, FitResult, Reason } from './instance';

const natural = new Intl.Collator('en', { numeric: true });

/** Score descending; ties: the smaller request first, then the id in natural order. */
export function greedyOrder(a: FitProposal, b: FitProposal): number {
  return b.score - a.score || a.requested - b.requested || natural.compare(a.id, b.id);
}

/**
 * Proposals with the same key are twins for the value objective: the same score, request and minimum.
 * `extra` adds what constraints also look at (the model passes the constrained needs and the organization).
 */
export function twinKey(p: FitProposal, extra: unknown[] = []): string {
  return JSON.stringify([p.score, p.requested, p.minimum, ...extra]);
}

// Formatters made once: a reason is written for every proposal, and toLocaleString builds a formatter per call
// (10,000 proposals: 0.3 s of optimal's 0.8 s, bench/fit).
const SCORE = { fr: new Intl.NumberFormat('fr-CA', { maximumFractionDigits: 2 }), en: new Intl.NumberFormat('en-CA', { maximumFractionDigits: 2 }) };
const TWO_DECIMALS = {
  fr: new Intl.NumberFormat('fr-CA', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-CA', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};
const score1 = (s: number) => SCORE.fr.format(s);
const score1en = (s: number) => SCORE.en.format(s);
const pct = (a: number, r: number, lang: 'fr' | 'en') => `${Math.round((1000 * a) / r) / 10}`.replace('.', lang === 'fr' ? ',' : '.');

export const reasons = {
  full: (rank: number, score: number): Reason => ({
    code: 'full',
    fr: `Financé en entier : rang ${rank}, note ${score1(score)}.`,
    en: `Fully funded: rank ${rank}, score ${score1en(score)}.`,
  }),
  /** optimal: what decides is the value per dollar (score ÷ request), not the rank by score. */
  fullByValue: (score: number, requested: number): Reason => {
    const per1000 = (score * 100_000) / requested;
    return {
      code: 'full',
      fr: `Financé en entier : note ${score1(score)}, soit ${TWO_DECIMALS.fr.format(per1000)} points par 1 000 $ demandés.`,
      en: `Fully funded: score ${score1en(score)}, ${TWO_DECIMALS.en.format(per1000)} points per $1,000 requested.`,
    };
  },
  reduced: (a: number, r: number): Reason => ({
    code: 'reduced',
    fr: `Financé à ${pct(a, r, 'fr')} % de la demande (${formatMoney(a, 'fr')} sur ${formatMoney(r, 'fr')}).`,
    en: `Funded at ${pct(a, r, 'en')}% of the request (${formatMoney(a, 'en')} of ${formatMoney(r, 'en')}).`,
  }),
  minimum: (a: number): Reason => ({
    code: 'minimum',
    fr: `Ramené à son montant minimal viable (${formatMoney(a, 'fr')}).`,
    en: `Reduced to its minimum viable amount (${formatMoney(a, 'en')}).`,
  }),
  minimumForNeed: (a: number, need: string): Reason => ({
    code: 'minimum-for-need',
    fr: `Ramené à son montant minimal viable (${formatMoney(a, 'fr')}) pour que le besoin « ${need} » reste couvert.`,
    en: `Reduced to its minimum viable amount (${formatMoney(a, 'en')}) so that the need “${need}” stays covered.`,
  }),
  noRoom: (remaining: number, needed: number): Reason => ({
    code: 'no-room',
    fr: `Non financé : ne tient pas dans les ${formatMoney(remaining, 'fr')} restants (il faudrait ${formatMoney(needed, 'fr')}).`,
    en: `Not funded: does not fit in the remaining ${formatMoney(remaining, 'en')} (it would need ${formatMoney(needed, 'en')}).`,
  }),
  belowMinimum: (share: number, minimum: number): Reason => ({
    code: 'below-minimum',
    fr: `Non financé : la part possible (${formatMoney(share, 'fr')}) serait sous son montant minimal viable (${formatMoney(minimum, 'fr')}).`,
    en: `Not funded: the possible share (${formatMoney(share, 'en')}) would be below its minimum viable amount (${formatMoney(minimum, 'en')}).`,
  }),
  /** `preferred` is the twin's id (kept in `ref`); `name` how people know it (its title on the platform). */
  tie: (preferred: string, name: string = preferred): Reason => ({
    code: 'tie',
    ref: preferred,
    fr: `Non financé : à valeur égale avec « ${name} », la règle de départage (la note, puis la plus petite demande, puis l’identifiant) retient « ${name} ».`,
    en: `Not funded: it ties with “${name}”, which the tie rule (score, then the smaller request, then the id) keeps.`,
  }),
  minimumAboveCap: (minimum: number, cap: number): Reason => ({
    code: 'minimum-above-cap',
    fr: `Non financé : son montant minimal viable (${formatMoney(minimum, 'fr')}) dépasse le plafond par organisme (${formatMoney(cap, 'fr')}).`,
    en: `Not funded: its minimum viable amount (${formatMoney(minimum, 'en')}) is above the cap per organization (${formatMoney(cap, 'en')}).`,
  }),
  organizationAtMax: (max: number): Reason => ({
    code: 'organization-at-max',
    fr: `Non financé : son organisme a déjà ${max} ${plural('fr', max, 'projet financé', 'projets financés')}, le maximum permis par organisme.`,
    en: `Not funded: its organization already has ${max} funded ${plural('en', max, 'proposal', 'proposals')}, the most allowed per organization.`,
  }),
  reducedToBudget: (a: number, r: number): Reason => ({
    code: 'reduced',
    fr: `Financé à ${pct(a, r, 'fr')} % de la demande (${formatMoney(a, 'fr')} sur ${formatMoney(r, 'fr')}) : il reçoit ce qui reste du budget après les projets qui rapportent plus de points par dollar.`,
    en: `Funded at ${pct(a, r, 'en')}% of the request (${formatMoney(a, 'en')} of ${formatMoney(r, 'en')}): it gets what is left of the budget after the proposals that earn more points per dollar.`,
  }),
  reducedToCap: (a: number, r: number, cap: number): Reason => ({
    code: 'reduced-to-cap',
    fr: `Financé à ${pct(a, r, 'fr')} % de la demande (${formatMoney(a, 'fr')} sur ${formatMoney(r, 'fr')}) : son organisme atteint le plafond de ${formatMoney(cap, 'fr')}.`,
    en: `Funded at ${pct(a, r, 'en')}% of the request (${formatMoney(a, 'en')} of ${formatMoney(r, 'en')}): its organization reaches the cap of ${formatMoney(cap, 'en')}.`,
  }),
  notChosen: (): Reason => ({
    code: 'not-chosen',
    fr: 'Non financé : les autres projets retenus donnent une plus grande valeur dans le budget et les contraintes.',
    en: 'Not funded: the other proposals retained give more value within the budget and the constraints.',
  }),
};

/** Σ score × funded share. */
export function valueObjective(instance: FitInstance, amounts: ReadonlyMap<string, number>): number {
  return instance.proposals.reduce((s, p) => s + (p.score * (amounts.get(p.id) ?? 0)) / p.requested, 0);
}

/** Whether an allocation satisfies each constraint of the instance. */
export function checkConstraints(instance: FitInstance, amounts: ReadonlyMap<string, number>): { name: string; satisfied: boolean }[] {
  const c = instance.constraints;
  const funded = instance.proposals.filter((p) => (amounts.get(p.id) ?? 0) > 0);
  const out: { name: string; satisfied: boolean }[] = [];
  for (const need of c.coverNeeds ?? []) out.push({ name: `coverNeeds:${need}`, satisfied: funded.some((p) => p.needs.includes(need)) });
  const orgs = [...new Set(instance.proposals.map((p) => p.organization))].sort(natural.compare);
  if (c.maxProposalsPerOrganization !== undefined) {
    for (const o of orgs)
      out.push({ name: `maxProposalsPerOrganization:${o}`, satisfied: funded.filter((p) => p.organization === o).length <= c.maxProposalsPerOrganization });
  }
  if (c.maxAmountPerOrganization !== undefined) {
    for (const o of orgs)
      out.push({
        name: `maxAmountPerOrganization:${o}`,
        satisfied: funded.filter((p) => p.organization === o).reduce((s, p) => s + amounts.get(p.id)!, 0) <= c.maxAmountPerOrganization,
      });
  }
  for (const r of c.reserved ?? [])
    out.push({ name: `reserved:${r.need}`, satisfied: funded.filter((p) => p.needs.includes(r.need)).reduce((s, p) => s + amounts.get(p.id)!, 0) >= r.amount });
  return out;
}

export function finish(instance: FitInstance, method: FitMethod, amounts: Map<string, number>, reasonOf: Map<string, Reason>): FitResult {
  const allocations: Allocation[] = [...instance.proposals]
    .sort((a, b) => natural.compare(a.id, b.id))
    .map((p) => ({ id: p.id, amount: amounts.get(p.id) ?? 0, reason: reasonOf.get(p.id)! }));
  return {
    method,
    objectiveName: 'value',
    objective: Math.round(valueObjective(instance, amounts) * 1e9) / 1e9,
    total: allocations.reduce((s, a) => s + a.amount, 0),
    optimal: null,
    allocations,
    constraints: checkConstraints(instance, amounts),
    infeasible: null,
  };
}

/** Fund each proposal in greedy order at its full request if it fits in what remains; skip it otherwise. */
export function fitGreedy(instance: FitInstance): FitResult {
  const order = [...instance.proposals].sort(greedyOrder);
  const amounts = new Map<string, number>();
  const reasonOf = new Map<string, Reason>();
  let remaining = instance.budget;
  order.forEach((p, i) => {
    if (p.requested <= remaining) {
      amounts.set(p.id, p.requested);
      remaining -= p.requested;
      reasonOf.set(p.id, reasons.full(i + 1, p.score));
    } else {
      reasonOf.set(p.id, reasons.noRoom(remaining, p.requested));
    }
  });
  return finish(instance, 'greedy', amounts, reasonOf);
}

/**
 * Shares a budget among the proposals still in, by `share(in)`, then drops
 * the lowest-scored proposal whose share is below its minimum, until every
 * proposal still in reaches its minimum.
 */
function shareDown(instance: FitInstance, method: FitMethod, share: (kept: FitProposal[]) => Map<string, number>): FitResult {
  const order = [...instance.proposals].sort(greedyOrder);
  let kept = order;
  const reasonOf = new Map<string, Reason>();
  for (;;) {
    const amounts = share(kept);
    const below = kept.filter((p) => amounts.get(p.id)! < p.minimum);
    if (below.length === 0) {
      for (const p of kept) {
        const a = amounts.get(p.id)!;
        reasonOf.set(
          p.id,
          a === p.requested ? reasons.full(order.indexOf(p) + 1, p.score) : a === p.minimum ? reasons.minimum(a) : reasons.reduced(a, p.requested),
        );
      }
      return finish(instance, method, amounts, reasonOf);
    }
    // The lowest score drops out first: the last of the greedy order among those below their minimum.
    const out = below[below.length - 1]!;
    reasonOf.set(out.id, reasons.belowMinimum(amounts.get(out.id)!, out.minimum));
    kept = kept.filter((p) => p !== out);
  }
}

/** Every proposal gets the same share f ≤ 1 of its request, the largest that fits (amounts rounded down to the cent). */
export function fitProportional(instance: FitInstance): FitResult {
  return shareDown(instance, 'proportional', (kept) => {
    const sum = kept.reduce((s, p) => s + p.requested, 0);
    const amounts = new Map<string, number>();
    for (const p of kept) amounts.set(p.id, sum <= instance.budget ? p.requested : Math.floor((instance.budget * p.requested) / sum));
    return amounts;
  });
}

/** a_i = min(requested_i, λ) with the largest λ that fits; leftover cents go one by one in greedy order. */
export function fitEqual(instance: FitInstance): FitResult {
  return shareDown(instance, 'equal', (kept) => {
    const amounts = new Map<string, number>();
    const total = kept.reduce((s, p) => s + p.requested, 0);
    if (total <= instance.budget) {
      for (const p of kept) amounts.set(p.id, p.requested);
      return amounts;
    }
    // Largest integer λ with Σ min(r_i, λ) ≤ budget: walk the requests in increasing order.
    const requests = kept.map((p) => p.requested).sort((a, b) => a - b);
    let spent = 0;
    let lambda = 0;
    for (let i = 0; i < requests.length; i++) {
      const left = requests.length - i;
      const cap = Math.floor((instance.budget - spent) / left);
      if (cap < requests[i]!) {
        lambda = cap;
        break;
      }
      spent += requests[i]!;
    }
    for (const p of kept) amounts.set(p.id, Math.min(p.requested, lambda));
    let leftover = instance.budget - kept.reduce((s, p) => s + amounts.get(p.id)!, 0);
    for (const p of kept) {
      if (leftover === 0) break;
      if (amounts.get(p.id)! < p.requested) {
        amounts.set(p.id, amounts.get(p.id)! + 1);
        leftover -= 1;
      }
    }
    return amounts;
  });
}

export { natural as naturalOrder };
