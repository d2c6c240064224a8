/**
 * An agreement's payments (`/ententes/:id/versements`): the schedule with what each installment
 * received and still waits for, the manager's "Enregistrer un versement", the payments made, and the
 * claims of periodic billing (the organization submits; the manager approves with a date and a
 * reference, or refuses with a reason). The printable statement (`/ententes/:id/releve`) shows the
 * same figures on a letter-size page.
 */
import { useState } from 'preact/hooks';
import { fiscalYearLabel } from '../../../../shared/agreements';
import { instantToMontrealLocal } from '../../../../shared/dates';
import { approveClaimSchema, recordPaymentSchema, refuseClaimSchema, submitClaimSchema } from '../../../../shared/schemas/money';
import { MoneyInput, readMoney } from '../../components/money-input';
import { Field, Link, Loading, Money, ProblemAlert, Success, Table, useForm, useResource } from '../../components/ui';
import { colon, t } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import { approveClaim, getStatement, recordPayment, refuseClaim, submitClaim, type Claim, type Statement } from './api';

const today = () => instantToMontrealLocal(new Date()).slice(0, 10);
const dateOnly = (iso: string) => instantToMontrealLocal(iso).slice(0, 10);

/** The payment date's hint: from the institution's signature (its Montreal date) to today. */
const paidOnHint = (s: Statement) => (s.agreement.signedAt ? t('pay.paidOn.hintSigned', { signed: dateOnly(s.agreement.signedAt) }) : t('pay.paidOn.hint'));

function scheduleLabel(s: Statement['agreement']['schedule']): string {
  if (s.kind === 'periodic') return s.every === 'quarter' ? t('pay.schedule.quarter') : t('pay.schedule.month');
  return s.kind === 'single' ? t('pay.schedule.single') : t('pay.schedule.installments');
}

function Facts({ s }: { s: Statement }) {
  const a = s.agreement;
  return (
    <>
      <p>
        <strong>{a.organization.name}</strong> · {t('pay.neq', { neq: a.organization.neq })}
      </p>
      <p>{t('pay.period', { start: a.period.start, end: a.period.end })}</p>
      <p>
        {t('pay.amount')}
        {colon()} <Money cents={a.amount} /> · {scheduleLabel(a.schedule)}
      </p>
      <p data-testid="pay-totals">
        {t('pay.totalPaid')}
        {colon()} <Money cents={s.totalPaid} /> · {t('pay.totalRemaining')}
        {colon()} <Money cents={s.totalRemaining} />
      </p>
    </>
  );
}

function Installments({ s }: { s: Statement }) {
  if (s.installments.length === 0) return null;
  return (
    <Table label={t('pay.schedule')}>
      <thead>
        <tr>
          <th scope="col">{t('pay.schedule')}</th>
          <th scope="col">{t('pay.dueOn')}</th>
          <th scope="col" class="num">
            {t('pay.planned')}
          </th>
          <th scope="col" class="num">
            {t('pay.paid')}
          </th>
          <th scope="col" class="num">
            {t('pay.remaining')}
          </th>
        </tr>
      </thead>
      <tbody>
        {s.installments.map((x) => (
          <tr key={x.index} data-testid={`installment-${x.index}`}>
            <th scope="row">{t('pay.installment', { n: x.index + 1 })}</th>
            <td>{x.dueOn ?? t('pay.onSignature')}</td>
            <td class="num">
              <Money cents={x.cents} />
            </td>
            <td class="num">
              <Money cents={x.paid} />
            </td>
            <td class="num">
              <Money cents={x.remaining} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function Payments({ s }: { s: Statement }) {
  return (
    <>
      <h2>{t('pay.list')}</h2>
      {s.payments.length === 0 ? (
        <p>{t('pay.none')}</p>
      ) : (
        <ul class="cards" data-testid="payments">
          {s.payments.map((p) => (
            <li key={p.id}>
              {p.paidOn} · <Money cents={p.cents} /> · {p.reference} · {fiscalYearLabel(p.fiscalYear)}{' '}
              <span class="muted">{t('pay.by', { name: p.byName })}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function RecordPayment({ tenantId, s, onDone }: { tenantId: string; s: Statement; onDone: () => void }) {
  const form = useForm();
  const open = s.installments.filter((x) => x.remaining > 0);
  const [installment, setInstallment] = useState(String(open[0]?.index ?? 0));
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState(today());
  const [reference, setReference] = useState('');
  if (open.length === 0) return null;
  // Once an installment is paid in full it leaves the list: the next open one is chosen.
  const chosen = open.find((x) => String(x.index) === installment) ?? open[0]!;
  const submit = async (e: Event) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const cents = readMoney(amount, 'cents', errors);
    if (Object.keys(errors).length) return form.setErrors(errors);
    const body = { installment: chosen.index, cents, paidOn, reference };
    if (!form.check(recordPaymentSchema, body)) return;
    const done = await form.run(() => recordPayment({ tenantId, agreementId: s.agreement.id }, body), t('pay.recorded'));
    if (done) {
      setAmount('');
      setReference('');
      onDone();
    }
  };
  return (
    <form onSubmit={submit} class="stack" aria-labelledby="record-payment">
      <h2 id="record-payment">{t('pay.record')}</h2>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      <Field label={t('pay.which')} error={form.errors.installment}>
        {(a) => (
          <select {...a} value={String(chosen.index)} onChange={(e) => setInstallment((e.target as HTMLSelectElement).value)}>
            {open.map((x) => (
              <option key={x.index} value={String(x.index)}>
                {t('pay.installment', { n: x.index + 1 })} · {x.dueOn ?? t('pay.onSignature')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('pay.cents')} error={form.errors.cents}>
        {(a) => <MoneyInput {...a} value={amount} onInput={setAmount} />}
      </Field>
      <Field label={t('pay.paidOn')} hint={paidOnHint(s)} error={form.errors.paidOn}>
        {(a) => <input {...a} type="date" value={paidOn} onInput={(e) => setPaidOn((e.target as HTMLInputElement).value)} />}
      </Field>
      <Field label={t('pay.reference')} error={form.errors.reference}>
        {(a) => <input {...a} value={reference} maxLength={120} onInput={(e) => setReference((e.target as HTMLInputElement).value)} />}
      </Field>
      <button type="submit" disabled={form.busy}>
        {t('pay.record')}
      </button>
    </form>
  );
}

function SubmitClaim({ tenantId, s, onDone }: { tenantId: string; s: Statement; onDone: () => void }) {
  const form = useForm();
  // A period is open to a claim when it has none yet, or when its claim was refused (submitted again).
  const free = s.claimPeriods.filter((p) => (p.claimId === null || p.claimStatus === 'refused') && p.period.start <= today());
  const [start, setStart] = useState(free[free.length - 1]?.period.start ?? '');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  if (free.length === 0) return null;
  const chosen = free.find((p) => p.period.start === start) ?? free[free.length - 1]!;
  const submit = async (e: Event) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const cents = readMoney(amount, 'cents', errors);
    if (Object.keys(errors).length) return form.setErrors(errors);
    const body = { period: chosen.period, cents, note };
    if (!form.check(submitClaimSchema, body)) return;
    const done = await form.run(() => submitClaim({ tenantId, agreementId: s.agreement.id }, body), t('claims.submitted'));
    if (done) {
      setAmount('');
      setNote('');
      onDone();
    }
  };
  return (
    <form onSubmit={submit} class="stack" aria-labelledby="submit-claim">
      <h3 id="submit-claim">{t('claims.submit')}</h3>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      <Field label={t('claims.period')} error={form.errors.period}>
        {(a) => (
          <select {...a} value={chosen.period.start} onChange={(e) => setStart((e.target as HTMLSelectElement).value)}>
            {free.map((p) => (
              <option key={p.period.start} value={p.period.start}>
                {p.period.start} – {p.period.end}
                {p.claimStatus === 'refused' ? ` · ${t('claims.again')}` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p class="muted">
        {t('claims.toClaim', { year: fiscalYearLabel(chosen.fiscalYear) })} <Money cents={s.toClaim[String(chosen.fiscalYear)] ?? 0} />
      </p>
      <Field label={t('pay.cents')} error={form.errors.cents}>
        {(a) => <MoneyInput {...a} value={amount} onInput={setAmount} />}
      </Field>
      <Field label={t('claims.note')} error={form.errors.note}>
        {(a) => <textarea {...a} value={note} maxLength={2000} rows={3} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      <button type="submit" disabled={form.busy}>
        {t('claims.submit')}
      </button>
    </form>
  );
}

/** The manager's decision on one submitted claim: approve with the payment's date and reference, or refuse with a reason. */
export function DecideClaim({ tenantId, claim, signedAt, onDone }: { tenantId: string; claim: Claim; signedAt?: string | null; onDone: () => void }) {
  const form = useForm();
  const [paidOn, setPaidOn] = useState(today());
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const ids = { tenantId, agreementId: claim.agreementId, claimId: claim.id };
  const approve = async () => {
    const body = { version: claim.version, paidOn, reference };
    if (!form.check(approveClaimSchema, body)) return;
    if (await form.run(() => approveClaim(ids, body), t('claims.approved'))) onDone();
  };
  const refuse = async () => {
    const body = { version: claim.version, reason };
    if (!form.check(refuseClaimSchema, body)) return;
    if (await form.run(() => refuseClaim(ids, body), t('claims.refused'))) onDone();
  };
  return (
    <div class="stack">
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      <Field
        label={t('pay.paidOn')}
        hint={signedAt ? t('pay.paidOn.hintSigned', { signed: dateOnly(signedAt) }) : t('pay.paidOn.hint')}
        error={form.errors.paidOn}
      >
        {(a) => <input {...a} type="date" value={paidOn} onInput={(e) => setPaidOn((e.target as HTMLInputElement).value)} />}
      </Field>
      <Field label={t('pay.reference')} error={form.errors.reference}>
        {(a) => <input {...a} value={reference} maxLength={120} onInput={(e) => setReference((e.target as HTMLInputElement).value)} />}
      </Field>
      <button type="button" disabled={form.busy} onClick={() => void approve()}>
        {t('claims.approve')}
      </button>
      <Field label={t('claims.reason')} error={form.errors.reason}>
        {(a) => <textarea {...a} value={reason} rows={2} maxLength={2000} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      <button type="button" class="secondary" disabled={form.busy} onClick={() => void refuse()}>
        {t('claims.refuse')}
      </button>
    </div>
  );
}

function Claims({ tenantId, s, canDecide, canClaim, onDone }: { tenantId: string; s: Statement; canDecide: boolean; canClaim: boolean; onDone: () => void }) {
  if (s.agreement.schedule.kind !== 'periodic') return null;
  return (
    <>
      <h2>{t('claims.title')}</h2>
      {canClaim && s.agreement.status === 'signed' && <SubmitClaim tenantId={tenantId} s={s} onDone={onDone} />}
      {s.claims.length === 0 ? (
        <p>{t('claims.none')}</p>
      ) : (
        <ul class="cards" data-testid="claims">
          {s.claims.map((c) => (
            <li key={c.id}>
              <p>
                <strong>
                  {c.period.start} – {c.period.end}
                </strong>{' '}
                · <Money cents={c.cents} /> · <span class={`badge badge-${c.status}`}>{t(`claims.status.${c.status}`)}</span>
              </p>
              <p>{c.note}</p>
              {c.decision?.reason && (
                <p class="muted" data-testid="claim-reason">
                  {t('claims.reasonWas', { reason: c.decision.reason })}
                </p>
              )}
              {(c.previous ?? []).map((p) => (
                <p key={p.submittedAt} class="muted" data-testid="claim-previous">
                  {t('claims.previous', { at: dateOnly(p.submittedAt), reason: p.decision.reason })} · <Money cents={p.cents} />
                </p>
              ))}
              {canDecide && c.status === 'submitted' && (
                <details>
                  <summary>
                    {t('claims.approve')} / {t('claims.refuse')}
                  </summary>
                  <DecideClaim tenantId={tenantId} claim={c} signedAt={s.agreement.signedAt} onDone={onDone} />
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function PaymentsPage({ agreementId }: { agreementId: string }) {
  const { membership, can } = useSession();
  const { tenantId } = membership;
  const s = useResource(() => getStatement({ tenantId, agreementId }), [tenantId, agreementId]);
  if (!s.data) return <Loading error={s.error} />;
  const data = s.data;
  const signed = data.agreement.status === 'signed';
  return (
    <section>
      <p class="muted">{data.agreement.institution.name}</p>
      <div class="heading">
        <h1>
          {t('pay.title')} — {data.agreement.title}
        </h1>
        <Link class="button secondary" href={`/ententes/${agreementId}/releve`}>
          {t('pay.printable')}
        </Link>
      </div>
      <Facts s={data} />
      {!signed && <p role="status">{t('pay.notSigned')}</p>}
      <Installments s={data} />
      {signed && can('payment:write') && data.agreement.schedule.kind !== 'periodic' && <RecordPayment tenantId={tenantId} s={data} onDone={s.reload} />}
      <Claims tenantId={tenantId} s={data} canDecide={can('payment:write')} canClaim={can('agreement:own')} onDone={s.reload} />
      <Payments s={data} />
    </section>
  );
}

/** The printable payment statement: letter size, the institution at the top, page / pages at the bottom, no navigation. */
export function PaymentStatement({ agreementId }: { agreementId: string }) {
  const { membership } = useSession();
  const { tenantId } = membership;
  const s = useResource(() => getStatement({ tenantId, agreementId }), [tenantId, agreementId]);
  if (!s.data) return <Loading error={s.error} />;
  const data = s.data;
  return (
    <article class="document">
      <p class="row no-print">
        <Link href={`/ententes/${agreementId}/versements`}>{t('pay.back')}</Link>
        <button type="button" onClick={() => window.print()}>
          {t('pay.print')}
        </button>
      </p>
      <header class="document-header">{data.agreement.institution.name}</header>
      <h1>
        {t('pay.statement')} — {data.agreement.title}
      </h1>
      <p data-testid="statement-issued">{t('pay.issued', { date: dateOnly(new Date().toISOString()) })}</p>
      <Facts s={data} />
      <Installments s={data} />
      <Payments s={data} />
      {data.claims.length > 0 && (
        <>
          <h2>{t('claims.title')}</h2>
          <ul>
            {data.claims.map((c) => (
              <li key={c.id}>
                {c.period.start} – {c.period.end} · <Money cents={c.cents} /> · {t(`claims.status.${c.status}`)}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
