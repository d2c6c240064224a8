/**
 * The terms of an agreement as a manager edits them, in a draft or in an amendment (avenant): the
 * period, the amount of each fiscal year and the envelope it is drawn from, the payment schedule with
 * its running difference, the obligations (the yearly reports with their fiscal year and due date),
 * and the clauses. Every field shows its own error beside it, the API's (`errors[]`) or the browser's,
 * under `prefix` (`terms.` in an amendment).
 */
import { type Clause, fiscalYearEnd, fiscalYearLabel, fiscalYearOfDate, handEditedClauses, isCalendarDate } from '../../../../shared/agreements';
import { centsToInput, formatMoney, parseMoney } from '../../../../shared/money';
import type { TermsInput } from '../../../../shared/schemas/agreements';
import { MoneyInput } from '../../components/money-input';
import { Field, Link, type FieldErrors } from '../../components/ui';
import { colon, getLang, t } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages';
import type { Agreement } from './api';

type Kind = 'report' | 'committee' | 'priority-access' | 'other';
type Status = 'pending' | 'met' | 'not-met' | 'waived';

export interface EnvelopeOption {
  id: string;
  title: string;
  program: string;
  fiscalYear: number;
}

/** The terms as typed: amounts as text until sent, a local key for each new obligation. */
export interface TermsDraft {
  start: string;
  end: string;
  years: { fiscalYear: number; envelopeId: string | null; text: string }[];
  kind: 'single' | 'installments' | 'month' | 'quarter';
  installments: { key: number; dueOn: string; text: string }[];
  obligations: { key: number; id?: string; kind: Kind; label: string; fiscalYear: number | null; dueOn: string | null; status: Status; note: string }[];
  clauses: { key: number; heading: string; body: string }[];
}

let nextKey = 0;
const key = () => ++nextKey;
const money = (c: number) => formatMoney(c, getLang());
const fiscalYearOf = (date: string) => (isCalendarDate(date) ? fiscalYearOfDate(date) : null);

/** The form's starting point: the agreement's current terms. */
export function draftOf(a: Pick<Agreement, 'period' | 'years' | 'schedule' | 'obligations' | 'clauses'>): TermsDraft {
  const lang = getLang();
  return {
    start: a.period.start,
    end: a.period.end,
    years: a.years.map((y) => ({ fiscalYear: y.fiscalYear, envelopeId: y.envelopeId, text: centsToInput(y.cents, lang) })),
    kind: a.schedule.kind === 'periodic' ? a.schedule.every : a.schedule.kind,
    installments:
      a.schedule.kind === 'installments' ? a.schedule.installments.map((x) => ({ key: key(), dueOn: x.dueOn, text: centsToInput(x.cents, lang) })) : [],
    obligations: a.obligations.map((o) => ({ ...o, key: key() })),
    clauses: a.clauses.map((c) => ({ ...c, key: key() })),
  };
}

/** Cents of a typed amount, or null when it does not read. */
function centsOf(text: string): number | null {
  const p = parseMoney(text);
  return p.ok && p.cents >= 0 ? p.cents : null;
}

/** The terms to send, or the fields whose amount does not read (keyed by path, under `prefix`). */
export function termsOf(d: TermsDraft, prefix: string): { terms: TermsInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const read = (text: string, path: string) => {
    const c = centsOf(text);
    if (c === null) errors[`${prefix}${path}`] = t('money.format');
    return c ?? 0;
  };
  const years = d.years.map((y, i) => ({ fiscalYear: y.fiscalYear, envelopeId: y.envelopeId, cents: read(y.text, `years.${i}.cents`) }));
  const schedule: TermsInput['schedule'] =
    d.kind === 'single'
      ? { kind: 'single' }
      : d.kind === 'installments'
        ? { kind: 'installments', installments: d.installments.map((x, i) => ({ dueOn: x.dueOn, cents: read(x.text, `schedule.installments.${i}.cents`) })) }
        : { kind: 'periodic', every: d.kind };
  if (Object.keys(errors).length > 0) return { errors };
  return {
    terms: {
      period: { start: d.start, end: d.end },
      years,
      schedule,
      obligations: d.obligations.map(({ key: _k, ...o }) => ({ ...o, dueOn: o.dueOn || null })),
      clauses: d.clauses.map(({ heading, body }) => ({ heading, body })),
    },
  };
}

/**
 * The clauses to check by hand: when the period, the amounts or the schedule typed differ from `saved`, the
 * clauses no source fills as they read with the saved terms (written or changed by hand: the API fills the
 * others again with the new terms and leaves these as written). None without sources.
 */
export function staleClausesOf(
  d: TermsDraft,
  saved: Pick<Agreement, 'period' | 'years' | 'amount' | 'schedule' | 'institution' | 'organization' | 'object'> & { clauseSources?: Clause[] | undefined },
): Set<number> {
  const read = termsOf(d, '');
  if (!saved.clauseSources || 'errors' in read) return new Set();
  const now = read.terms;
  const same =
    JSON.stringify([now.period, now.years.map((y) => y.cents), now.schedule]) ===
    JSON.stringify([saved.period, saved.years.map((y) => y.cents), saved.schedule]);
  if (same) return new Set();
  const data = { institution: saved.institution.name, organization: saved.organization, object: saved.object, terms: saved };
  return new Set(handEditedClauses(now.clauses, saved.clauseSources, data));
}

/** The draft's total: the sum of the years that read. */
export const totalOf = (d: TermsDraft) => d.years.reduce((s, y) => s + (centsOf(y.text) ?? 0), 0);

export function TermsEditor(props: {
  draft: TermsDraft;
  onChange: (d: TermsDraft) => void;
  errors: FieldErrors;
  /** `terms.` in an amendment: where the API puts these fields' errors. */
  prefix: string;
  program: string;
  envelopes: EnvelopeOption[];
  /** The clauses (by index) written or changed by hand while the terms changed: each warns that it may no longer say true. */
  staleClauses?: ReadonlySet<number>;
}) {
  const { draft: d, onChange, prefix } = props;
  const err = (path: string) => props.errors[`${prefix}${path}`];
  const set = (patch: Partial<TermsDraft>) => onChange({ ...d, ...patch });
  const total = totalOf(d);
  const scheduled = d.installments.reduce((s, x) => s + (centsOf(x.text) ?? 0), 0);
  const ofYear = (fy: number) => props.envelopes.filter((e) => e.program === props.program && e.fiscalYear === fy);

  // The fiscal years of the period typed: one amount each, the amounts and envelopes already typed kept.
  const syncYears = (start: string, end: string) => {
    const a = fiscalYearOf(start);
    const b = fiscalYearOf(end);
    if (a === null || b === null || b < a || b - a > 2) return;
    const years = [];
    for (let fy = a; fy <= b; fy++) {
      const only = ofYear(fy);
      years.push(d.years.find((y) => y.fiscalYear === fy) ?? { fiscalYear: fy, envelopeId: only.length === 1 ? only[0]!.id : null, text: '0,00' });
    }
    onChange({ ...d, start, end, years });
  };

  return (
    <>
      <fieldset>
        <legend>{t('agr.period')}</legend>
        <div class="row">
          <Field label={t('agr.start')} error={err('period.start') ?? err('period')}>
            {(attrs) => (
              <input
                {...attrs}
                type="date"
                value={d.start}
                onInput={(e) => set({ start: (e.target as HTMLInputElement).value })}
                onBlur={() => syncYears(d.start, d.end)}
              />
            )}
          </Field>
          <Field label={t('agr.end')} error={err('period.end')}>
            {(attrs) => (
              <input
                {...attrs}
                type="date"
                value={d.end}
                onInput={(e) => set({ end: (e.target as HTMLInputElement).value })}
                onBlur={() => syncYears(d.start, d.end)}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('agr.years')}</legend>
        {err('years') && <p class="error">{err('years')}</p>}
        {d.years.map((y, i) => {
          const choices = ofYear(y.fiscalYear);
          const setYear = (patch: Partial<TermsDraft['years'][number]>) => set({ years: d.years.map((z, j) => (j === i ? { ...z, ...patch } : z)) });
          return (
            <div class="agr-card" key={y.fiscalYear} data-testid={`year-${y.fiscalYear}`}>
              <div class="row">
                <Field label={t('agr.fiscalYear', { fy: fiscalYearLabel(y.fiscalYear) })} error={err(`years.${i}.cents`)}>
                  {(attrs) => <MoneyInput {...attrs} value={y.text} onInput={(text) => setYear({ text })} />}
                </Field>
                <Field
                  label={t('agr.envelopeOf', { fy: fiscalYearLabel(y.fiscalYear) })}
                  error={err(`years.${i}.envelopeId`)}
                  hint={choices.length === 0 ? t('agr.noEnvelope.hint', { fy: fiscalYearLabel(y.fiscalYear), program: props.program }) : undefined}
                >
                  {(attrs) => (
                    <select {...attrs} value={y.envelopeId ?? ''} onChange={(e) => setYear({ envelopeId: (e.target as HTMLSelectElement).value || null })}>
                      <option value="">{t('agr.noEnvelope.option')}</option>
                      {choices.map((e) => (
                        <option key={e.id} value={e.id}>
                          {e.title}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              {choices.length === 0 && (
                <p>
                  <Link href="/enveloppes/nouvelle">{t('agr.noEnvelope.open', { fy: fiscalYearLabel(y.fiscalYear) })}</Link>
                </p>
              )}
            </div>
          );
        })}
        <p>
          {t('agr.amount')}
          {colon()} <strong data-testid="terms-total">{money(total)}</strong>
        </p>
      </fieldset>

      <fieldset>
        <legend>{t('agr.schedule')}</legend>
        <ScheduleFields kind={d.kind} installments={d.installments} onChange={set} err={err} newDueOn={d.start} difference={scheduled - total} />
      </fieldset>

      <fieldset data-testid="obligations-editor">
        <legend>{t('agr.obligations')}</legend>
        <p class="muted">{t('agr.obligations.intro')}</p>
        {d.obligations.map((o, i) => {
          const setOne = (patch: Partial<TermsDraft['obligations'][number]>) =>
            set({ obligations: d.obligations.map((z, j) => (j === i ? { ...z, ...patch } : z)) });
          return (
            <div class="agr-card" key={o.key} data-testid="obligation-edit">
              {o.kind === 'report' && o.fiscalYear !== null && (
                <p class="muted">{t('agr.obligation.reportOf', { fy: fiscalYearLabel(o.fiscalYear), end: fiscalYearEnd(o.fiscalYear) })}</p>
              )}
              {err(`obligations.${i}.fiscalYear`) && <p class="error">{err(`obligations.${i}.fiscalYear`)}</p>}
              <Field label={t('agr.obligation.label')} error={err(`obligations.${i}.label`)}>
                {(attrs) => <input {...attrs} value={o.label} maxLength={300} onInput={(e) => setOne({ label: (e.target as HTMLInputElement).value })} />}
              </Field>
              <div class="row">
                <Field label={t('agr.obligation.kind')} error={err(`obligations.${i}.kind`)}>
                  {(attrs) => (
                    <select
                      {...attrs}
                      value={o.kind}
                      onChange={(e) => {
                        const kind = (e.target as HTMLSelectElement).value as Kind;
                        setOne({ kind, fiscalYear: kind === 'report' ? o.fiscalYear : null });
                      }}
                    >
                      {(['report', 'committee', 'priority-access', 'other'] as const).map((k) => (
                        <option key={k} value={k}>
                          {t(`agr.kind.${k}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={t('agr.obligation.dueOn')} error={err(`obligations.${i}.dueOn`)}>
                  {(attrs) => (
                    <input {...attrs} type="date" value={o.dueOn ?? ''} onInput={(e) => setOne({ dueOn: (e.target as HTMLInputElement).value || null })} />
                  )}
                </Field>
              </div>
              <button type="button" class="link" onClick={() => set({ obligations: d.obligations.filter((_, j) => j !== i) })}>
                {t('agr.obligation.remove', { label: o.label || t('agr.obligation.new') })}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          class="secondary"
          onClick={() =>
            set({ obligations: [...d.obligations, { key: key(), kind: 'other', label: '', fiscalYear: null, dueOn: null, status: 'pending', note: '' }] })
          }
        >
          {t('agr.obligation.add')}
        </button>
      </fieldset>

      <fieldset data-testid="clauses-editor">
        <legend>{t('agr.clauses')}</legend>
        {d.clauses.map((c, i) => {
          const setOne = (patch: Partial<TermsDraft['clauses'][number]>) => set({ clauses: d.clauses.map((z, j) => (j === i ? { ...z, ...patch } : z)) });
          return (
            <div class="agr-card" key={c.key} data-testid={`clause-${i + 1}`}>
              {props.staleClauses?.has(i) && (
                <p class="alert alert-warning" role="note" data-testid="clause-hand-edited">
                  {t('agr.clause.handEdited')}
                </p>
              )}
              <Field label={t('agr.clause.heading', { n: i + 1 })} error={err(`clauses.${i}.heading`)}>
                {(attrs) => <input {...attrs} value={c.heading} maxLength={200} onInput={(e) => setOne({ heading: (e.target as HTMLInputElement).value })} />}
              </Field>
              <Field label={t('agr.clause.body', { n: i + 1 })} error={err(`clauses.${i}.body`)}>
                {(attrs) => <textarea {...attrs} rows={5} value={c.body} onInput={(e) => setOne({ body: (e.target as HTMLTextAreaElement).value })} />}
              </Field>
              <button type="button" class="link" onClick={() => set({ clauses: d.clauses.filter((_, j) => j !== i) })}>
                {t('agr.clause.remove', { n: i + 1 })}
              </button>
            </div>
          );
        })}
        <button type="button" class="secondary" onClick={() => set({ clauses: [...d.clauses, { key: key(), heading: '', body: '' }] })}>
          {t('agr.clause.add')}
        </button>
      </fieldset>
    </>
  );
}

type ScheduleDraft = Pick<TermsDraft, 'kind' | 'installments'>;

/**
 * How the money is paid, as typed: the kind of schedule and, for installments, each date and amount. The
 * agreement's terms and a program's template both edit it; `difference` (the installments minus the
 * agreement's amount) only where there is an amount to add up to.
 */
export function ScheduleFields(props: {
  kind: TermsDraft['kind'];
  installments: TermsDraft['installments'];
  onChange: (patch: Partial<ScheduleDraft>) => void;
  err: (path: string) => string | undefined;
  /** The date a new installment starts at (the period's start; empty in a template). */
  newDueOn: string;
  difference?: number;
}) {
  const { kind, installments, onChange: set, err } = props;
  return (
    <>
      <Field label={t('agr.schedule.how')} error={err('schedule') ?? err('schedule.installments')}>
        {(attrs) => (
          <select {...attrs} value={kind} onChange={(e) => set({ kind: (e.target as HTMLSelectElement).value as TermsDraft['kind'] })}>
            <option value="single">{t('agr.schedule.single')}</option>
            <option value="installments">{t('agr.schedule.installments')}</option>
            <option value="month">{t('agr.schedule.month')}</option>
            <option value="quarter">{t('agr.schedule.quarter')}</option>
          </select>
        )}
      </Field>
      {kind === 'installments' && (
        <>
          {installments.map((x, i) => {
            const setOne = (patch: Partial<TermsDraft['installments'][number]>) =>
              set({ installments: installments.map((z, j) => (j === i ? { ...z, ...patch } : z)) });
            return (
              <div class="agr-card" key={x.key}>
                <div class="row">
                  <Field label={t('agr.installment.date')} error={err(`schedule.installments.${i}.dueOn`)}>
                    {(attrs) => <input {...attrs} type="date" value={x.dueOn} onInput={(e) => setOne({ dueOn: (e.target as HTMLInputElement).value })} />}
                  </Field>
                  <Field label={t('agr.installment.amount')} error={err(`schedule.installments.${i}.cents`)}>
                    {(attrs) => <MoneyInput {...attrs} value={x.text} onInput={(text) => setOne({ text })} />}
                  </Field>
                </div>
                <button type="button" class="link" onClick={() => set({ installments: installments.filter((_, j) => j !== i) })}>
                  {t('agr.installment.remove', { n: i + 1 })}
                </button>
              </div>
            );
          })}
          <button type="button" class="secondary" onClick={() => set({ installments: [...installments, { key: key(), dueOn: props.newDueOn, text: '0,00' }] })}>
            {t('agr.installment.add')}
          </button>
          {props.difference !== undefined && (
            <p role="status" data-testid="schedule-difference">
              {t('agr.difference', { amount: money(props.difference) })}
            </p>
          )}
        </>
      )}
    </>
  );
}
