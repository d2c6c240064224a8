/**
 * A constraint of a scenario's result as people read it: `coverNeeds:need-transport`
 * becomes "Couvrir le besoin « Se rendre aux activités… »". Used by the scenario
 * page and the scenario's CSV, so both say the same.
 */
import type { Localized } from '../errors';
import { formatMoney } from '../money';
import { plural } from '../plural';
import type { FitInstance } from './instance';

export function constraintLabel(name: string, instance: FitInstance, names: { need: (id: string) => string; organization: (id: string) => string }): Localized {
  const cut = name.indexOf(':');
  const [kind, ref] = [name.slice(0, cut), name.slice(cut + 1)];
  const c = instance.constraints;
  const need = names.need(ref);
  const org = names.organization(ref);
  const money = (cents: number) => ({ fr: formatMoney(cents, 'fr'), en: formatMoney(cents, 'en') });
  if (kind === 'coverNeeds') return { fr: `Couvrir le besoin « ${need} »`, en: `Cover the need “${need}”` };
  if (kind === 'reserved') {
    const amount = money(c.reserved?.find((r) => r.need === ref)?.amount ?? 0);
    return { fr: `Réserver au moins ${amount.fr} au besoin « ${need} »`, en: `Reserve at least ${amount.en} for the need “${need}”` };
  }
  if (kind === 'maxProposalsPerOrganization') {
    const n = c.maxProposalsPerOrganization ?? 0;
    return {
      fr: `Au plus ${n} ${plural('fr', n, 'projet financé', 'projets financés')} pour ${org}`,
      en: `At most ${n} funded ${plural('en', n, 'proposal', 'proposals')} for ${org}`,
    };
  }
  if (kind === 'maxAmountPerOrganization') {
    const amount = money(c.maxAmountPerOrganization ?? 0);
    return { fr: `Au plus ${amount.fr} pour ${org}`, en: `At most ${amount.en} for ${org}` };
  }
  return { fr: name, en: name };
}

/** How a scenario names needs (the call's statements) and organizations (from its inputs). */
export function scenarioNames(
  scenario: { instance: FitInstance; inputs: { id: string; organizationName: string }[] },
  needs: { id: string; statement: string }[],
) {
  return {
    need: (id: string) => needs.find((n) => n.id === id)?.statement ?? id,
    organization: (id: string) => {
      const p = scenario.instance.proposals.find((x) => x.organization === id);
      return (p && scenario.inputs.find((i) => i.id === p.id)?.organizationName) ?? id;
    },
  };
}
