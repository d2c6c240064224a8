/**
 * A manager opens an envelope, or changes its figures; the arithmetic is
 * previewed with the same code the API runs, and, when changing, beside what
 * the envelope's calls already commit (the API refuses to go below it).
 */
import { useState } from 'preact/hooks';
import { computeEnvelope, shrinkRefusal, type Deduction } from '../../../../shared/envelope';
import { fiscalYear, fiscalYearOf } from '../../../../shared/dates';
import { centsToInput } from '../../../../shared/money';
import { createEnvelopeSchema } from '../../../../shared/schemas/envelope';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session-context';
import { MoneyInput, readMoney } from '../../components/money-input';
import { Field, Loading, Money, ProblemAlert, useForm, useResource } from '../../components/ui';
import { getLang, loc, t } from '../../lib/i18n';
import { Arithmetic } from './arithmetic';
import { createEnvelope, getEnvelope, updateEnvelope, type Envelope } from './api';

interface DeductionRow {
  label: string;
  kind: 'percent' | 'amount';
  value: string;
}

/** `12,5` → 1250 basis points; NaN when not a percentage with at most two decimals. */
function readPercent(text: string): number {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** `1250` basis points → `12,5`, as a person types it back. */
function percentText(basisPoints: number): string {
  return String(basisPoints / 100).replace('.', ',');
}

/** Changing an envelope: its current figures, then the same form. */
export function EnvelopeEdit({ id }: { id: string }) {
  const { tenantId } = useSession().membership;
  const env = useResource(() => getEnvelope(tenantId, id), [tenantId, id]);
  if (!env.data) return <Loading error={env.error} />;
  return <EnvelopeForm current={env.data} />;
}

export function EnvelopeForm({ current }: { current?: Envelope } = {}) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const lang = getLang();
  const currentFy = fiscalYearOf(new Date()).startYear;
  const [program, setProgram] = useState(current?.program ?? '');
  const [title, setTitle] = useState(current?.title ?? '');
  const [fy, setFy] = useState(current?.fiscalYear ?? currentFy);
  const [budget, setBudget] = useState(current ? centsToInput(current.programBudget, lang) : '');
  const [deductions, setDeductions] = useState<DeductionRow[]>(
    current
      ? current.deductions.map((d) => ({
          label: d.label,
          kind: d.kind,
          value: d.kind === 'percent' ? percentText(d.basisPoints) : centsToInput(d.cents, lang),
        }))
      : [{ label: t('envelope.adminFees'), kind: 'percent', value: '20' }],
  );
  const [share, setShare] = useState(current ? percentText(current.communityShareBasisPoints) : '10');
  const [hasCarry, setHasCarry] = useState(Boolean(current?.carryOver));
  const [carry, setCarry] = useState(current?.carryOver ? centsToInput(current.carryOver.cents, lang) : '');
  const [carryNote, setCarryNote] = useState(current?.carryOver?.note ?? '');

  function build() {
    const errors: Record<string, string> = {};
    const deds = deductions.map((d, i) =>
      d.kind === 'percent'
        ? { kind: 'percent' as const, label: d.label, basisPoints: readPercent(d.value) }
        : { kind: 'amount' as const, label: d.label, cents: readMoney(d.value, `deductions.${i}.cents`, errors) },
    );
    deds.forEach((d, i) => {
      if (d.kind === 'percent' && Number.isNaN(d.basisPoints)) errors[`deductions.${i}.basisPoints`] = t('percent.format');
    });
    const payload = {
      program,
      title,
      fiscalYear: fy,
      programBudget: readMoney(budget, 'programBudget', errors),
      deductions: deds,
      communityShareBasisPoints: readPercent(share),
      carryOver: hasCarry ? { cents: readMoney(carry, 'carryOver.cents', errors), fromFiscalYear: fy - 1, note: carryNote } : null,
    };
    if (Number.isNaN(payload.communityShareBasisPoints)) errors.communityShareBasisPoints = t('percent.format');
    return { payload, errors };
  }

  const { payload } = build();
  const preview = createEnvelopeSchema.safeParse(payload);

  async function submit(e: Event) {
    e.preventDefault();
    const { payload, errors } = build();
    if (Object.keys(errors).length) {
      form.setErrors(errors);
      return;
    }
    if (!form.check(createEnvelopeSchema, payload)) return;
    // A change below what the calls commit is refused by the API (409) with both figures, shown at the top of the form.
    const saved = await form.run(() =>
      current ? updateEnvelope(tenantId, current.id, { ...payload, version: current.version }) : createEnvelope(tenantId, payload),
    );
    if (saved) navigate(`/enveloppes/${saved.id}`);
  }

  const computed = preview.success ? computeEnvelope(preview.data) : null;
  const belowCommitted = current && computed ? shrinkRefusal(computed.available, current.committed) : null;

  const years = [...new Set([...(current ? [current.fiscalYear] : []), currentFy - 1, currentFy, currentFy + 1, currentFy + 2])].sort((a, b) => a - b);
  return (
    <section>
      <h1>{current ? t('envelope.edit') : t('envelopes.new')}</h1>
      <form onSubmit={submit} noValidate>
        <ProblemAlert problem={form.problem} />
        <Field label={t('envelope.program')} error={form.errors.program} hint={t('envelope.programHint')}>
          {(a) => <input {...a} value={program} onInput={(e) => setProgram((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label={t('envelope.title')} error={form.errors.title}>
          {(a) => <input {...a} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label={t('envelope.fiscalYear')} error={form.errors.fiscalYear} hint={current ? t('envelope.fiscalYearFixed') : t('envelope.fiscalYearHint')}>
          {(a) => (
            <select {...a} value={fy} disabled={Boolean(current)} onChange={(e) => setFy(Number((e.target as HTMLSelectElement).value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {fiscalYear(y).label} ({fiscalYear(y).start} – {fiscalYear(y).end})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('envelope.programBudget')} error={form.errors.programBudget}>
          {(a) => <MoneyInput {...a} value={budget} onInput={setBudget} />}
        </Field>
        <fieldset>
          <legend>{t('envelope.deductions')}</legend>
          {form.errors.deductions && <p class="error">{form.errors.deductions}</p>}
          {deductions.map((d, i) => (
            <div class="row" key={i}>
              <Field label={t('envelope.deductionLabel')} error={form.errors[`deductions.${i}.label`]}>
                {(a) => (
                  <input
                    {...a}
                    value={d.label}
                    onInput={(e) => setDeductions(deductions.map((x, j) => (j === i ? { ...x, label: (e.target as HTMLInputElement).value } : x)))}
                  />
                )}
              </Field>
              <Field label={t('envelope.deductionKind')}>
                {(a) => (
                  <select
                    {...a}
                    value={d.kind}
                    onChange={(e) =>
                      setDeductions(deductions.map((x, j) => (j === i ? { ...x, kind: (e.target as HTMLSelectElement).value as Deduction['kind'] } : x)))
                    }
                  >
                    <option value="percent">{t('envelope.kindPercent')}</option>
                    <option value="amount">{t('envelope.kindAmount')}</option>
                  </select>
                )}
              </Field>
              <Field
                label={d.kind === 'percent' ? t('envelope.percent') : t('envelope.amount')}
                error={form.errors[`deductions.${i}.basisPoints`] ?? form.errors[`deductions.${i}.cents`]}
              >
                {(a) => (
                  <input
                    {...a}
                    inputMode="decimal"
                    value={d.value}
                    onInput={(e) => setDeductions(deductions.map((x, j) => (j === i ? { ...x, value: (e.target as HTMLInputElement).value } : x)))}
                  />
                )}
              </Field>
              <button type="button" class="link" onClick={() => setDeductions(deductions.filter((_, j) => j !== i))}>
                {t('remove')}
              </button>
            </div>
          ))}
          <button type="button" class="secondary" onClick={() => setDeductions([...deductions, { label: '', kind: 'percent', value: '' }])}>
            {t('envelope.addDeduction')}
          </button>
        </fieldset>
        <Field label={t('envelope.communityShare')} error={form.errors.communityShareBasisPoints} hint={t('envelope.communityShareHint')}>
          {(a) => <input {...a} inputMode="decimal" value={share} onInput={(e) => setShare((e.target as HTMLInputElement).value)} />}
        </Field>
        <fieldset>
          <legend>{t('envelope.carryOver')}</legend>
          <label class="inline">
            <input type="checkbox" checked={hasCarry} onChange={(e) => setHasCarry((e.target as HTMLInputElement).checked)} />{' '}
            {t('envelope.hasCarryOver', { year: fiscalYear(fy - 1).label })}
          </label>
          {hasCarry && (
            <>
              <Field label={t('envelope.carryOverAmount')} error={form.errors['carryOver.cents']}>
                {(a) => <MoneyInput {...a} value={carry} onInput={setCarry} />}
              </Field>
              <Field label={t('envelope.carryOverNote')} error={form.errors['carryOver.note']}>
                {(a) => <input {...a} value={carryNote} onInput={(e) => setCarryNote((e.target as HTMLInputElement).value)} />}
              </Field>
            </>
          )}
        </fieldset>
        <h2>{t('envelope.arithmetic')}</h2>
        {computed ? <Arithmetic computation={computed} /> : <p class="muted">{t('envelope.previewPending')}</p>}
        {current && (
          <p data-testid="envelope-committed">
            {t('envelope.committed')} <Money cents={current.committed} />
          </p>
        )}
        {belowCommitted && (
          <p class="error" data-testid="envelope-below-committed">
            {loc(belowCommitted)}
          </p>
        )}
        <button type="submit" disabled={form.busy}>
          {current ? t('envelope.save') : t('envelope.create')}
        </button>
      </form>
    </section>
  );
}
