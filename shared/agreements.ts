/**
 * Service agreements (ententes de services) and the money they move: the
 * shapes shared by the agreements and ledger contexts and the web app, and
 * the pure rules of periods, fiscal years, payment schedules and ledger
 * arithmetic. Amounts are integer cents; dates are calendar dates
 * (`YYYY-MM-DD`, Montreal); fiscal years run April 1 – March 31 and are named
 * by the year of their April 1 (shared/dates.ts).
 *
 * Seed 002's four CLSCs give the four payment patterns: one payment after
 * signature (CLSC 1), two-year agreements (CLSC 2), two installments over a
 * period starting October 1 (CLSC 3), and monthly claims up to a yearly cap
 * (CLSC 4).
 *
 * The contract between contexts: fields may be added, none renamed or removed.
 */
import type { Audit } from './domain';
import type { Localized } from './errors';
import { formatMoney } from './money';

// ── Dates and fiscal years ──────────────────────────────────────────────────

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date `YYYY-MM-DD` (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** The fiscal year (its starting year) holding a calendar date: `2002-10-01` → 2002, `2003-02-01` → 2002. */
export function fiscalYearOfDate(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

export const fiscalYearStart = (fy: number) => `${fy}-04-01`;
export const fiscalYearEnd = (fy: number) => `${fy + 1}-03-31`;
/** When the yearly accountability report of a fiscal year is due: June 30 after it ends (seed 003). */
const reportDueOn = (fy: number) => `${fy + 1}-06-30`;
export const fiscalYearLabel = (fy: number) => `${fy}-${fy + 1}`;

/** The later and the earlier of two calendar dates (`YYYY-MM-DD` compares as text). */
const laterDate = (a: string, b: string) => (a > b ? a : b);
const earlierDate = (a: string, b: string) => (a < b ? a : b);

const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/** An agreement's period: from `start` to `end`, both included. */
export interface Period {
  start: string;
  end: string;
}

/** The fiscal years a period touches, in order, with the part of the period in each (inclusive dates). */
export function fiscalYearsOf(period: Period): { fiscalYear: number; start: string; end: string }[] {
  const out: { fiscalYear: number; start: string; end: string }[] = [];
  for (let fy = fiscalYearOfDate(period.start); fy <= fiscalYearOfDate(period.end); fy++) {
    const start = laterDate(fiscalYearStart(fy), period.start);
    const end = earlierDate(fiscalYearEnd(fy), period.end);
    out.push({ fiscalYear: fy, start, end });
  }
  return out;
}

/** Whole months from a first-of-month `start` to a month-end `end` (inclusive), or null when the dates are not month-aligned. */
function wholeMonths(start: string, end: string): number | null {
  if (start.slice(8) !== '01') return null;
  const next = new Date((dayNumber(end) + 1) * 86_400_000).toISOString().slice(0, 10);
  if (next.slice(8) !== '01') return null;
  return (Number(next.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(next.slice(5, 7)) - Number(start.slice(5, 7));
}

/**
 * Spreads `total` cents over the fiscal years of a period, in proportion to
 * the part of the period each holds: by whole months when every boundary
 * falls on a month (October 2002 – March 2004: 6 and 12 months), by days
 * otherwise. The cents left by rounding down go to the first year, so the
 * parts always add up to `total`.
 */
export function splitAcrossFiscalYears(total: number, period: Period): { fiscalYear: number; cents: number }[] {
  const parts = fiscalYearsOf(period);
  const months = parts.map((p) => wholeMonths(p.start, p.end));
  const weights = months.every((m) => m !== null) ? (months as number[]) : parts.map((p) => dayNumber(p.end) - dayNumber(p.start) + 1);
  const sum = weights.reduce((s, w) => s + w, 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  const left = total - shares.reduce((s, c) => s + c, 0);
  return parts.map((p, i) => ({ fiscalYear: p.fiscalYear, cents: (shares[i] ?? 0) + (i === 0 ? left : 0) }));
}

/** The default period of a grant of `years` years starting with fiscal year `fy`: April 1 to March 31. */
export function defaultPeriod(fy: number, years: 1 | 2): Period {
  return { start: fiscalYearStart(fy), end: fiscalYearEnd(fy + years - 1) };
}

// ── The agreement ───────────────────────────────────────────────────────────

/** What an agreement commits in one fiscal year, and from which envelope (that year's envelope of the program). */
export interface AgreementYear {
  fiscalYear: number;
  /** Null in a draft while the program has no envelope for that year: the draft cannot be sent until one is chosen. */
  envelopeId: string | null;
  cents: number;
}

export interface Installment {
  /** When it is due; null: as soon as the agreement is signed. */
  dueOn: string | null;
  cents: number;
  /** The fiscal year it is paid from (one of the agreement's years). */
  fiscalYear: number;
}

/**
 * How the money is paid: `single` — one payment as soon as signed (one per fiscal year for a
 * multi-year agreement, the later ones on April 1 of their year); `installments` — given dates and
 * amounts; `periodic` — the organization claims monthly or quarterly what it spent, up to each
 * year's amount (CLSC 4's billing).
 */
export type Schedule =
  | { kind: 'single' }
  | { kind: 'installments'; installments: { dueOn: string; cents: number }[] }
  | { kind: 'periodic'; every: 'month' | 'quarter' };

type ObligationKind = 'report' | 'committee' | 'priority-access' | 'other';
type ObligationStatus = 'pending' | 'met' | 'not-met' | 'waived';

export interface Obligation {
  id: string;
  kind: ObligationKind;
  label: string;
  /** For a yearly report: the fiscal year it covers; null otherwise. */
  fiscalYear: number | null;
  dueOn: string | null;
  status: ObligationStatus;
  note: string;
}

/** One heading and its text, placeholders already filled (`{{organisme}}` → the organization's name). */
export interface Clause {
  heading: string;
  body: string;
}

export interface Signature {
  userId: string;
  name: string;
  /** The signatory's title, as typed: « Présidente du conseil d'administration ». */
  title: string;
  at: string;
}

/** What both parties sign: the terms that an amendment may change. */
export interface AgreementTerms {
  period: Period;
  years: AgreementYear[];
  /** The sum of `years`. */
  amount: number;
  schedule: Schedule;
  obligations: Obligation[];
  clauses: Clause[];
}

type AgreementStatus =
  /** The manager prepares it; the organization does not see it yet. */
  | 'draft'
  /** Sent to the organization, which reviews it. */
  | 'sent'
  /** The organization asked for changes (its comment in `changeRequests`); back with the manager. */
  | 'changes-requested'
  /** The organization signed; the manager's signature remains. */
  | 'signed-by-organization'
  /** Both signed: frozen, committed in the envelopes; a change is an amendment. */
  | 'signed'
  /** The organization declined it. */
  | 'declined';

/** A change to a signed agreement (avenant): its reason, the terms before and after, signed again by both. */
export interface Amendment {
  number: number;
  reason: string;
  status: 'draft' | 'sent' | 'changes-requested' | 'signed-by-organization' | 'signed' | 'cancelled';
  before: AgreementTerms;
  after: AgreementTerms;
  createdAt: string;
  createdBy: string;
  signatures: { organization: Signature | null; institution: Signature | null };
  changeRequests: { at: string; by: string; byName: string; comment: string }[];
}

export interface Agreement extends Audit, AgreementTerms {
  id: string;
  callId: string;
  proposalId: string;
  /** The program of the envelope the call draws on (templates are per program). */
  program: string;
  institution: { name: string };
  organization: { id: string; name: string; neq: string };
  /** The project: its title, what it does, the needs it answers. */
  object: { title: string; summary: string; needs: string[] };
  /** The template the clauses came from, and its version; null when written without one. */
  template: { id: string; version: number } | null;
  /**
   * The template's clauses as they were, placeholders unfilled, when the agreement was written: when the
   * terms change (the draft, an amendment), every clause still as filled from its source is filled again
   * with the new terms (refillClauses). Absent on agreements written before it was kept: their template is read.
   */
  clauseSources?: Clause[];
  status: AgreementStatus;
  signatures: { organization: Signature | null; institution: Signature | null };
  changeRequests: { at: string; by: string; byName: string; comment: string }[];
  declined: { at: string; by: string; byName: string; reason: string } | null;
  /** The terms as first signed: never changed by an amendment. Null until signed. */
  original: AgreementTerms | null;
  amendments: Amendment[];
  /** The agreement this one renews (the previous fiscal year's), and the one renewing it. */
  renewalOf: string | null;
  renewedBy: string | null;
  /**
   * What remains to pay in each fiscal year (`"2026"` → cents), set at signature and lowered by each
   * payment in the payment's own transaction, conditioned on `toPay.<fy> >= :cents`: nothing pays above
   * the agreement. Empty until signed.
   */
  toPay: Record<string, number>;
  /** For periodic billing: what may still be claimed in each fiscal year (claims submitted and approved taken off). */
  toClaim: Record<string, number>;
  paid: number;
}

export interface Payment {
  id: string;
  agreementId: string;
  envelopeId: string;
  fiscalYear: number;
  cents: number;
  paidOn: string;
  reference: string;
  /** The installment paid (its index in the planned schedule), or the claim, or neither. */
  installment: number | null;
  claimId: string | null;
  at: string;
  by: string;
  byName: string;
}

export interface Claim extends Audit {
  id: string;
  agreementId: string;
  organizationId: string;
  period: Period;
  fiscalYear: number;
  cents: number;
  /** A short note of the activities of the period. */
  note: string;
  status: 'submitted' | 'approved' | 'refused';
  decision: { at: string; by: string; byName: string; reason: string; paymentId: string | null } | null;
  /** Copied from the agreement when submitted, for the manager's queue (one read per page, not one per claim). */
  organizationName?: string;
  agreementTitle?: string;
  /**
   * The earlier attempts for the same period, each refused, oldest first: a refused claim may be
   * submitted again (the new attempt replaces it under the period's id), and what was refused and why
   * stays here. Absent on a first attempt.
   */
  previous?: ClaimAttempt[];
}

/** A refused attempt of a claim, kept on the claim that replaced it. */
export interface ClaimAttempt {
  cents: number;
  note: string;
  submittedAt: string;
  submittedBy: string;
  decision: { at: string; by: string; byName: string; reason: string };
}

/** A template of clauses per program, with placeholders (`{{organisme}}`, `{{montant}}`…), versioned. */
export interface AgreementTemplate extends Audit {
  id: string;
  program: string;
  title: string;
  clauses: Clause[];
  /** The obligations every agreement of the program starts with. */
  obligations: { kind: ObligationKind; label: string }[];
  schedule: Schedule;
}

/** The placeholders a template may use and what fills them. */
export const PLACEHOLDERS = [
  'etablissement',
  'organisme',
  'neq',
  'projet',
  'besoins',
  'periode',
  'montant',
  'montants_par_exercice',
  'modalites_de_versement',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Fills `{{name}}` placeholders; an unknown placeholder is left as written so the manager sees it in the draft. */
export function fillPlaceholders(text: string, values: Record<Placeholder, string>): string {
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole,
  );
}

// ── Schedules ───────────────────────────────────────────────────────────────

/** The planned payments of a schedule (none for periodic billing: the organization's claims make them). */
export function plannedInstallments(terms: Pick<AgreementTerms, 'schedule' | 'years'>): Installment[] {
  const s = terms.schedule;
  if (s.kind === 'periodic') return [];
  if (s.kind === 'single')
    return terms.years.map((y, i) => ({ dueOn: i === 0 ? null : fiscalYearStart(y.fiscalYear), cents: y.cents, fiscalYear: y.fiscalYear }));
  return s.installments.map((x) => ({ dueOn: x.dueOn, cents: x.cents, fiscalYear: fiscalYearOfDate(x.dueOn) }));
}

/** The claim periods of periodic billing over the period: months or quarters of the calendar, clipped to the period. */
export function claimPeriods(period: Period, every: 'month' | 'quarter'): Period[] {
  const out: Period[] = [];
  const step = every === 'month' ? 1 : 3;
  let y = Number(period.start.slice(0, 4));
  let m = Number(period.start.slice(5, 7));
  if (every === 'quarter') m = m - ((m - 1) % 3);
  for (;;) {
    const start = `${y}-${String(m).padStart(2, '0')}-01`;
    if (start > period.end) break;
    const endMonth = m + step - 1;
    const last = new Date(Date.UTC(y, endMonth, 0)).toISOString().slice(0, 10);
    out.push({ start: laterDate(start, period.start), end: earlierDate(last, period.end) });
    m += step;
    if (m > 12) {
      m -= 12;
      y += 1;
    }
  }
  return out;
}

export interface TermsProblem {
  field: string;
  code:
    | 'period-order'
    | 'period-too-long'
    | 'years-mismatch'
    | 'amount-mismatch'
    | 'schedule-sum'
    | 'installment-outside'
    | 'installment-year-sum'
    | 'envelope-missing'
    | 'obligation-report-year';
  message: Localized;
}

/**
 * Everything that makes terms impossible to sign, each naming its field: the period in order and at
 * most 3 fiscal years; one `years` line per fiscal year of the period, in order, adding up to
 * `amount`; installments within the period whose amounts add up to each year's amount.
 */
export function termsProblems(terms: Pick<AgreementTerms, 'period' | 'years' | 'amount' | 'schedule' | 'obligations'>): TermsProblem[] {
  const problems: TermsProblem[] = [];
  const add = (field: string, code: TermsProblem['code'], fr: string, en: string) => problems.push({ field, code, message: { fr, en } });
  const { period } = terms;
  if (period.end < period.start) {
    add(
      'period',
      'period-order',
      `La fin de la période (${period.end}) précède son début (${period.start}).`,
      `The period's end (${period.end}) is before its start (${period.start}).`,
    );
    return problems;
  }
  const fys = fiscalYearsOf(period).map((p) => p.fiscalYear);
  if (fys.length > 3)
    add('period', 'period-too-long', 'Une entente couvre au plus trois exercices financiers.', 'An agreement covers at most three fiscal years.');
  const yearsFys = terms.years.map((y) => y.fiscalYear);
  if (yearsFys.length !== fys.length || yearsFys.some((fy, i) => fy !== fys[i]))
    add(
      'years',
      'years-mismatch',
      `La période couvre les exercices ${fys.map(fiscalYearLabel).join(', ')} : indiquez un montant pour chacun, dans l’ordre.`,
      `The period covers fiscal years ${fys.map(fiscalYearLabel).join(', ')}: give an amount for each, in order.`,
    );
  terms.years.forEach((y, i) => {
    if (y.envelopeId === null)
      add(
        `years.${i}.envelopeId`,
        'envelope-missing',
        `Aucune enveloppe n’est choisie pour l’exercice ${fiscalYearLabel(y.fiscalYear)} : ouvrez l’enveloppe de cet exercice pour le programme, puis choisissez-la.`,
        `No envelope is chosen for fiscal year ${fiscalYearLabel(y.fiscalYear)}: open that year's envelope for the program, then choose it.`,
      );
  });
  const sum = terms.years.reduce((s, y) => s + y.cents, 0);
  if (sum !== terms.amount)
    add(
      'years',
      'amount-mismatch',
      `Les montants par exercice totalisent ${formatMoney(sum, 'fr')}, pas ${formatMoney(terms.amount, 'fr')}.`,
      `The amounts per fiscal year add up to ${formatMoney(sum, 'en')}, not ${formatMoney(terms.amount, 'en')}.`,
    );
  if (terms.schedule.kind === 'installments') {
    const list = terms.schedule.installments;
    list.forEach((x, i) => {
      if (x.dueOn < period.start || x.dueOn > period.end)
        add(
          `schedule.installments.${i}.dueOn`,
          'installment-outside',
          `Le versement ${i + 1} (${x.dueOn}) tombe hors de la période de l’entente.`,
          `Installment ${i + 1} (${x.dueOn}) falls outside the agreement's period.`,
        );
    });
    const total = list.reduce((s, x) => s + x.cents, 0);
    if (total !== terms.amount)
      add(
        'schedule',
        'schedule-sum',
        `Les versements totalisent ${formatMoney(total, 'fr')} ; l’entente est de ${formatMoney(terms.amount, 'fr')}.`,
        `The installments add up to ${formatMoney(total, 'en')}; the agreement is for ${formatMoney(terms.amount, 'en')}.`,
      );
    else
      for (const y of terms.years) {
        const inYear = list.filter((x) => fiscalYearOfDate(x.dueOn) === y.fiscalYear).reduce((s, x) => s + x.cents, 0);
        if (inYear !== y.cents)
          add(
            'schedule',
            'installment-year-sum',
            `Les versements de l’exercice ${fiscalYearLabel(y.fiscalYear)} totalisent ${formatMoney(inYear, 'fr')} ; le montant de l’exercice est de ${formatMoney(y.cents, 'fr')}.`,
            `The installments of fiscal year ${fiscalYearLabel(y.fiscalYear)} add up to ${formatMoney(inYear, 'en')}; that year's amount is ${formatMoney(y.cents, 'en')}.`,
          );
      }
  }
  terms.obligations.forEach((o, i) => {
    if (o.kind === 'report' && o.fiscalYear !== null && !fys.includes(o.fiscalYear))
      add(
        `obligations.${i}.fiscalYear`,
        'obligation-report-year',
        `Le rapport « ${o.label} » porte sur l’exercice ${fiscalYearLabel(o.fiscalYear)}, hors de la période de l’entente.`,
        `The report “${o.label}” covers fiscal year ${fiscalYearLabel(o.fiscalYear)}, outside the agreement's period.`,
      );
  });
  return problems;
}

/**
 * One yearly accountability report per fiscal year of the period, due June 30 after the year ends unless the
 * program's report template says otherwise (`dueOn`).
 */
export function yearlyReportObligations(period: Period, newId: () => string, dueOn: (fy: number) => string = reportDueOn): Obligation[] {
  return fiscalYearsOf(period).map((p) => ({
    id: newId(),
    kind: 'report' as const,
    label: `Rapport annuel ${fiscalYearLabel(p.fiscalYear)}`,
    fiscalYear: p.fiscalYear,
    dueOn: dueOn(p.fiscalYear),
    status: 'pending' as const,
    note: '',
  }));
}

// ── The envelope's ledger ───────────────────────────────────────────────────

/**
 * The books of one envelope (one fiscal year), kept on the envelope item and changed in the same
 * transaction as each signature, amendment, payment and carry-over: `committed` by signed agreements,
 * `paid` to organizations, `remaining` = available − committed (what may still be committed, the
 * condition of every signature). Integer cents.
 */
export interface LedgerTotals {
  available: number;
  committed: number;
  paid: number;
  remaining: number;
  /** Committed and not yet paid. */
  toPay: number;
}

type MovementKind = 'commitment' | 'amendment' | 'payment' | 'carry-out' | 'carry-in';

/** One line of the ledger: what changed the envelope's books, by how much, and why. */
export interface LedgerMovement {
  id: string;
  envelopeId: string;
  fiscalYear: number;
  kind: MovementKind;
  at: string;
  by: string;
  byName: string;
  agreementId: string | null;
  organizationName: string | null;
  /** Change of `committed` (a signature: +; an amendment lowering: −). */
  committed: number;
  /** Change of `paid`. */
  paid: number;
  /** Change of the amount available (a carry-over out: −, in: +). */
  available: number;
  /** The payment's reference, or null. */
  reference: string | null;
  /** The amendment's or the carry-over's reason, or null. */
  reason: string | null;
}

/** The totals a list of movements adds up to, from an amount available before any movement. */
export function totalsOfMovements(availableBefore: number, movements: Pick<LedgerMovement, 'committed' | 'paid' | 'available'>[]): LedgerTotals {
  let available = availableBefore;
  let committed = 0;
  let paid = 0;
  for (const m of movements) {
    available += m.available;
    committed += m.committed;
    paid += m.paid;
  }
  return { available, committed, paid, remaining: available - committed, toPay: committed - paid };
}

/** Per fiscal year, what an amendment changes in each envelope: after − before (negative: released). */
export function commitmentDeltas(before: AgreementYear[], after: AgreementYear[]): AgreementYear[] {
  const byKey = new Map<string, AgreementYear>();
  for (const y of before) byKey.set(`${y.fiscalYear}#${y.envelopeId}`, { ...y, cents: -y.cents });
  for (const y of after) {
    const k = `${y.fiscalYear}#${y.envelopeId}`;
    const prev = byKey.get(k);
    byKey.set(k, { ...y, cents: (prev?.cents ?? 0) + y.cents });
  }
  return [...byKey.values()].filter((y) => y.cents !== 0);
}

/** The refusal of a commitment beyond what an envelope holds, with both figures. */
export function overEnvelopeRefusal(fiscalYear: number, cents: number, remaining: number): Localized {
  return {
    fr: `L’enveloppe de l’exercice ${fiscalYearLabel(fiscalYear)} ne peut engager ${formatMoney(cents, 'fr')} : il n’y reste que ${formatMoney(remaining, 'fr')} à engager.`,
    en: `The envelope of fiscal year ${fiscalYearLabel(fiscalYear)} cannot commit ${formatMoney(cents, 'en')}: only ${formatMoney(remaining, 'en')} remains to commit.`,
  };
}

/** The refusal of a commitment no call promised (a renewal, a later year) beyond what the envelope's calls leave to promise. */
export function overPromisedRefusal(fiscalYear: number, cents: number, promisable: number): Localized {
  return {
    fr: `L’enveloppe de l’exercice ${fiscalYearLabel(fiscalYear)} ne peut engager ${formatMoney(cents, 'fr')} pour cette entente : ses appels de projets en promettent déjà l’essentiel, il n’en reste que ${formatMoney(promisable, 'fr')} à promettre. Réduisez le montant d’un appel, choisissez une autre enveloppe ou ajustez l’entente.`,
    en: `The envelope of fiscal year ${fiscalYearLabel(fiscalYear)} cannot commit ${formatMoney(cents, 'en')} for this agreement: its calls for projects already promise most of it, only ${formatMoney(promisable, 'en')} is left to promise. Lower a call's amount, choose another envelope or adjust the agreement.`,
  };
}
// ── Clauses filled from the terms ───────────────────────────────────────────

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

/** What fills a template's placeholders. */
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

/** A sentence (up to its final period) that names `{{besoins}}`: left out when the project answers no listed need. */
const NEEDS_SENTENCE = /\s*[^.!?]*\{\{\s*besoins\s*\}\}[^.!?]*[.!?]?/g;

/** One text filled; without needs, the sentence naming them is left out (it would only say "the needs the project describes"). */
function fillText(text: string, values: Record<Placeholder, string>, hasNeeds: boolean): string {
  const kept = hasNeeds ? text : text.replace(NEEDS_SENTENCE, '').trim();
  return fillPlaceholders(kept || text, values);
}

export function fillClauses(clauses: readonly Clause[], d: ClauseData): Clause[] {
  const values = placeholderValues(d);
  const hasNeeds = d.object.needs.length > 0;
  return clauses.map((c) => ({ heading: fillText(c.heading, values, hasNeeds), body: fillText(c.body, values, hasNeeds) }));
}

const sameClause = (a: Clause, b: Clause) => a.heading === b.heading && a.body === b.body;

/**
 * The clauses once the terms change from `before` to `after`: each clause still exactly as filled from one
 * of `sources` with the old terms is filled again from it with the new terms; a clause written or changed
 * by hand stays as it is.
 */
export function refillClauses(clauses: readonly Clause[], sources: readonly Clause[], before: ClauseData, after: ClauseData): Clause[] {
  const old = fillClauses(sources, before);
  const fresh = fillClauses(sources, after);
  return clauses.map((c) => {
    const i = old.findIndex((o) => sameClause(o, c));
    return i >= 0 ? fresh[i]! : c;
  });
}

/** The indexes of the clauses that no source fills as they read with these terms: written or changed by hand. */
export function handEditedClauses(clauses: readonly Clause[], sources: readonly Clause[], d: ClauseData): number[] {
  const filled = fillClauses(sources, d);
  return clauses.flatMap((c, i) => (filled.some((f) => sameClause(f, c)) ? [] : [i]));
}

/** The envelopes a renewal of `agreements` may go into, and the fiscal year to open when none is offered. */
export interface RenewalChoice<E> {
  envelopes: E[];
  programs: string[];
  /** The fiscal year right after the agreements' last one. */
  nextYear: number;
}

/**
 * The envelopes a renewal may go into: the agreements' program, from the fiscal year right after
 * their last one (later years too), the nearest year first. The agreements are the ones being renewed
 * (not every signed one: a renewal already signed has later years than the others).
 */
export function renewalEnvelopes<E extends { program: string; fiscalYear: number }>(
  all: readonly E[],
  agreements: readonly Pick<Agreement, 'program' | 'years'>[],
): RenewalChoice<E> {
  const programs = [...new Set(agreements.map((a) => a.program))];
  const last = Math.max(0, ...agreements.flatMap((a) => a.years.map((y) => y.fiscalYear)));
  const envelopes = all.filter((e) => programs.includes(e.program) && e.fiscalYear > last).sort((x, y) => x.fiscalYear - y.fiscalYear);
  return { envelopes, programs, nextYear: last + 1 };
}
