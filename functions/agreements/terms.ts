/**
 * Pure pieces of an agreement's terms: the placeholders' values and the clauses filled from them, the
 * schedule in words, obligations from a template, and the draft's own rule (the total is the
 * decision's line amount: changing it is an amendment of the decision, not of the draft).
 */
import {
  type AgreementTemplate,
  type AgreementTerms,
  type Clause,
  type Obligation,
  type Placeholder,
  type Schedule,
  type TermsProblem,
  fillPlaceholders,
  fiscalYearLabel,
  yearlyReportObligations,
} from '../../shared/agreements';
import { formatMoney } from '../../shared/money';

/** The schedule in plain French words, for the clauses. */
export function scheduleInWords(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'single':
      return 'un seul versement par exercice, le premier dès la signature des deux parties, les suivants le 1er avril de leur exercice';
    case 'installments':
      return `${schedule.installments.length} versements : ${schedule.installments.map((x) => `${formatMoney(x.cents, 'fr')} le ${x.dueOn}`).join(' ; ')}`;
    case 'periodic':
      return `sur réclamation ${schedule.every === 'month' ? 'mensuelle' : 'trimestrielle'} des dépenses de l’organisme, jusqu’au montant de chaque exercice`;
  }
}

export interface ClauseData {
  institution: string;
  organization: { name: string; neq: string };
  object: { title: string; needs: string[] };
  terms: Pick<AgreementTerms, 'period' | 'years' | 'amount' | 'schedule'>;
}

export function placeholderValues(d: ClauseData): Record<Placeholder, string> {
  return {
    etablissement: d.institution,
    organisme: d.organization.name,
    neq: d.organization.neq,
    projet: d.object.title,
    besoins: d.object.needs.length > 0 ? d.object.needs.join(' ; ') : 'ceux que décrit le projet',
    periode: `du ${d.terms.period.start} au ${d.terms.period.end}`,
    montant: formatMoney(d.terms.amount, 'fr'),
    montants_par_exercice: d.terms.years.map((y) => `${formatMoney(y.cents, 'fr')} pour l’exercice ${fiscalYearLabel(y.fiscalYear)}`).join(' et '),
    modalites_de_versement: scheduleInWords(d.terms.schedule),
  };
}

export function fillClauses(clauses: readonly Clause[], d: ClauseData): Clause[] {
  const values = placeholderValues(d);
  return clauses.map((c) => ({ heading: fillPlaceholders(c.heading, values), body: fillPlaceholders(c.body, values) }));
}

/** The obligations a new agreement starts with: the template's, then one yearly report per fiscal year of the period. */
export function startingObligations(template: Pick<AgreementTemplate, 'obligations'>, period: AgreementTerms['period'], newId: () => string): Obligation[] {
  const own = template.obligations.map((o) => ({
    id: newId(),
    kind: o.kind,
    label: o.label,
    fiscalYear: null,
    dueOn: null,
    status: 'pending' as const,
    note: '',
  }));
  return [...own.filter((o) => o.kind !== 'report'), ...yearlyReportObligations(period, newId), ...own.filter((o) => o.kind === 'report')];
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
