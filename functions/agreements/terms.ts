/**
 * Pure pieces of an agreement's terms (the clauses filled from the placeholders are in shared/agreements.ts,
 * for the editor too): obligations from a template, and the draft's own rule (the total is the
 * decision's line amount: changing it is an amendment of the decision, not of the draft).
 */
import { type AgreementTemplate, type AgreementTerms, type Obligation, type TermsProblem, yearlyReportObligations } from '../../shared/agreements';
import { formatMoney } from '../../shared/money';

/**
 * The obligations a new agreement starts with: the template's, then one yearly report per fiscal year of the
 * period, due on the program's report date (`dueOn`).
 */
export function startingObligations(
  template: Pick<AgreementTemplate, 'obligations'>,
  period: AgreementTerms['period'],
  newId: () => string,
  dueOn: (fy: number) => string,
): Obligation[] {
  const own = template.obligations.map((o) => ({
    id: newId(),
    kind: o.kind,
    label: o.label,
    fiscalYear: null,
    dueOn: null,
    status: 'pending' as const,
    note: '',
  }));
  return [...own.filter((o) => o.kind !== 'report'), ...yearlyReportObligations(period, newId, dueOn), ...own.filter((o) => o.kind === 'report')];
}

/** A draft's total must stay the decision's amount for its line. */
export function totalProblem(amount: number, decided: number): TermsProblem | null {
  if (amount === decided) return null;
  return {
    field: 'years',
    code: 'amount-mismatch',
    message: {
      fr: `Les montants par exercice totalisent ${formatMoney(amount, 'fr')} ; la décision accorde ${formatMoney(decided, 'fr')} à ce projet. Changer le total, c’est amender la décision, pas l’entente.`,
      en: `The amounts per fiscal year add up to ${formatMoney(amount, 'en')}; the decision grants ${formatMoney(decided, 'en')} to this project. Changing the total is an amendment of the decision, not of the agreement.`,
    },
  };
}
