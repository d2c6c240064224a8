/**
 * The pure side of payments: what each planned installment received and still waits for, an
 * agreement's payment statement, and the refusals of a payment or a claim, named in both languages.
 * Integer cents; dates `YYYY-MM-DD`.
 */
import { fiscalYearLabel, fiscalYearOfDate, plannedInstallments, type Agreement, type Claim, type Installment, type Payment, type Period } from './agreements';
import { instantToMontrealLocal } from './dates';
import type { FieldProblem, Localized } from './errors';
import { formatMoney } from './money';

export interface InstallmentStatus extends Installment {
  index: number;
  paid: number;
  remaining: number;
}

/** Each planned installment with what was paid against it and what remains. */
export function installmentStatuses(
  agreement: Pick<Agreement, 'schedule' | 'years'>,
  payments: readonly Pick<Payment, 'installment' | 'cents'>[],
): InstallmentStatus[] {
  return plannedInstallments(agreement).map((x, index) => {
    const paid = payments.filter((p) => p.installment === index).reduce((s, p) => s + p.cents, 0);
    return { ...x, index, paid, remaining: Math.max(0, x.cents - paid) };
  });
}

/** The next installment still waiting for money (the earliest due first; "on signature" before any date), or null. */
export function nextInstallment(statuses: readonly InstallmentStatus[]): InstallmentStatus | null {
  const open = statuses.filter((s) => s.remaining > 0);
  open.sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || a.index - b.index);
  return open[0] ?? null;
}

/** Σ of a record of cents (toPay per fiscal year). */
export const sumCents = (r: Record<string, number>) => Object.values(r).reduce((s, c) => s + c, 0);

/** The Montreal date (`YYYY-MM-DD`) of an instant: the day a signature or a payment is counted on. */
export const montrealDate = (instant: Date | string) => instantToMontrealLocal(instant).slice(0, 10);

/**
 * What is wrong with a payment's date, as a field problem on `paidOn`, or null: a payment is recorded
 * once made (not after today, Montreal date) and never before the institution signed the agreement
 * (the Montreal date of its signature). Inside the agreement's period or not does not matter: a month
 * is claimed and paid after it ends, and a one-year agreement may be paid on signature, before it starts.
 */
export function paidOnProblem(paidOn: string, institutionSignedAt: string | null | undefined, now: Date | string): FieldProblem | null {
  const today = montrealDate(now);
  if (paidOn > today) return { path: 'paidOn', code: 'paid-on-future', message: moneyRefusals.paidOnFuture(paidOn, today) };
  const signedOn = institutionSignedAt ? montrealDate(institutionSignedAt) : null;
  if (signedOn && paidOn < signedOn)
    return { path: 'paidOn', code: 'paid-on-before-signature', message: moneyRefusals.paidOnBeforeSignature(paidOn, signedOn) };
  return null;
}

/** The body's extra of a refusal named on one field: the form marks that field (`errors[]`), and `field` stays for older readers. */
export const onField = (path: string, code: string, message: Localized, extra: Record<string, unknown> = {}) => ({
  ...extra,
  field: path,
  errors: [{ path, code, message }] satisfies FieldProblem[],
});

/** The refusals of a payment or a claim, each naming its cause and figures. */
export const moneyRefusals = {
  notSigned: (status: string): Localized => ({
    fr: `L’entente n’est pas signée par les deux parties (état : ${status}) : aucun versement avant la signature.`,
    en: `The agreement is not signed by both parties (status: ${status}): no payment before signature.`,
  }),
  periodic: (): Localized => ({
    fr: 'Cette entente se paie sur réclamation (facturation périodique) : le versement se fait en approuvant la réclamation de l’organisme.',
    en: 'This agreement is paid on claims (periodic billing): the payment is made by approving the organization’s claim.',
  }),
  noInstallment: (index: number, count: number): Localized => ({
    fr: `Le versement no ${index + 1} n’existe pas : l’échéancier en compte ${count}.`,
    en: `Installment no. ${index + 1} does not exist: the schedule has ${count}.`,
  }),
  aboveInstallment: (index: number, cents: number, remaining: number): Localized => ({
    fr: `Le versement no ${index + 1} ne peut recevoir ${formatMoney(cents, 'fr')} : il n’en reste que ${formatMoney(remaining, 'fr')} à verser.`,
    en: `Installment no. ${index + 1} cannot receive ${formatMoney(cents, 'en')}: only ${formatMoney(remaining, 'en')} remains to pay on it.`,
  }),
  aboveAgreement: (fy: number, cents: number, remaining: number): Localized => ({
    fr: `Un versement de ${formatMoney(cents, 'fr')} dépasse ce qui reste à verser sur l’entente pour l’exercice ${fiscalYearLabel(fy)} : ${formatMoney(remaining, 'fr')}.`,
    en: `A payment of ${formatMoney(cents, 'en')} exceeds what remains to pay on the agreement for fiscal year ${fiscalYearLabel(fy)}: ${formatMoney(remaining, 'en')}.`,
  }),
  paidOnBeforeSignature: (paidOn: string, signedOn: string): Localized => ({
    fr: `La date du versement (${paidOn}) précède la signature de l’entente par l’établissement, le ${signedOn} : aucun versement avant cette date.`,
    en: `The payment date (${paidOn}) is before the institution signed the agreement, on ${signedOn}: no payment before that date.`,
  }),
  paidOnFuture: (paidOn: string, today: string): Localized => ({
    fr: `La date du versement (${paidOn}) est dans l’avenir : on consigne un versement fait, au plus tard aujourd’hui (${today}).`,
    en: `The payment date (${paidOn}) is in the future: a payment is recorded once made, today (${today}) at the latest.`,
  }),
  claimOnSchedule: (): Localized => ({
    fr: 'Réclamation sur une entente à versement unique ou par versements : seules les ententes à facturation périodique se paient sur réclamation.',
    en: 'Claim on a single-payment or installments agreement: only agreements with periodic billing are paid on claims.',
  }),
  claimPeriod: (): Localized => ({
    fr: 'Cette période ne fait pas partie des périodes de facturation de l’entente : choisissez un mois (ou un trimestre) de l’entente.',
    en: 'This period is not one of the agreement’s billing periods: choose one of its months (or quarters).',
  }),
  claimNotStarted: (start: string): Localized => ({
    fr: `La période (à partir du ${start}) n’est pas encore commencée : on réclame les services rendus.`,
    en: `The period (from ${start}) has not started yet: a claim is for services rendered.`,
  }),
  aboveClaimable: (fy: number, cents: number, remaining: number): Localized => ({
    fr: `Une réclamation de ${formatMoney(cents, 'fr')} dépasse ce qui peut encore être réclamé pour l’exercice ${fiscalYearLabel(fy)} : ${formatMoney(remaining, 'fr')}.`,
    en: `A claim of ${formatMoney(cents, 'en')} exceeds what can still be claimed for fiscal year ${fiscalYearLabel(fy)}: ${formatMoney(remaining, 'en')}.`,
  }),
  claimExists: (period: Period, status?: string): Localized => ({
    fr: `Une réclamation ${status === 'approved' ? 'approuvée' : 'en attente'} existe déjà pour la période du ${period.start} au ${period.end} : une seule par période ; seule une réclamation refusée peut être soumise de nouveau.`,
    en: `${status === 'approved' ? 'An approved' : 'A pending'} claim already exists for the period from ${period.start} to ${period.end}: one per period; only a refused claim may be submitted again.`,
  }),
  claimDecided: (status: string): Localized => ({
    fr: `Cette réclamation est déjà traitée (état : ${status === 'approved' ? 'approuvée' : status === 'refused' ? 'refusée' : status}).`,
    en: `This claim has already been decided (status: ${status}).`,
  }),
};

/** The fiscal year a claim period belongs to (claim periods never straddle two: months and calendar quarters). */
export const claimFiscalYear = (period: Period) => fiscalYearOfDate(period.start);

/** How long a refused claim stays on the organization's home page. */
const REFUSED_CLAIMS_SHOWN_DAYS = 60;

/** The claims refused within the last 60 days of `now` (newest decision first): still to submit again. */
export function recentlyRefusedClaims(claims: readonly Claim[], now: Date) {
  const since = new Date(now.getTime() - REFUSED_CLAIMS_SHOWN_DAYS * 86_400_000).toISOString();
  return claims
    .filter((c) => c.status === 'refused' && (c.decision?.at ?? c.updatedAt) >= since)
    .map((c) => ({ claimId: c.id, period: c.period, cents: c.cents, reason: c.decision?.reason ?? '', decidedAt: c.decision?.at ?? c.updatedAt }))
    .sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
}

/** The claims still waiting for the manager. */
export const pendingClaims = (claims: readonly Pick<Claim, 'status'>[]) => claims.filter((c) => c.status === 'submitted').length;
