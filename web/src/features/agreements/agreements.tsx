/**
 * Service agreements: the decided call's agreements (generate, renew several), one agreement's page for
 * the manager (the draft's terms, send, sign, amend, renew) and for the organization (read with the
 * "Avant de signer" checklist, ask for changes, sign, decline), the organization's own list, and the
 * printable agreement. French first; nothing wider than a phone.
 */
import { useState } from 'preact/hooks';
import { fiscalYearLabel, fiscalYearOfDate, isCalendarDate } from '../../../../shared/agreements';
import { instantToMontrealLocal } from '../../../../shared/dates';
import { centsToInput, formatMoney, parseMoney } from '../../../../shared/money';
import { Field, Link, Loading, ProblemAlert, Success, Table, useForm, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages';
import { useSession } from '../../lib/session-context';
import {
  type Agreement,
  askChanges,
  cancelAmendment,
  declineAgreement,
  generateAgreements,
  getAgreement,
  getCallAgreements,
  listEnvelopes,
  listMyAgreements,
  renewAgreement,
  saveAgreement,
  sendAgreement,
  sendAmendment,
  signAmendmentForInstitution,
  signAmendmentForOrganization,
  signForInstitution,
  signForOrganization,
} from './api';
import './agreements.css';

const money = (c: number) => formatMoney(c, getLang());
const day = (iso: string) => instantToMontrealLocal(iso).slice(0, 10);
const statusText = (s: string) => t(`agr.status.${s}` as MessageKey);
const fiscalYearOf = (date: string) => (isCalendarDate(date) ? fiscalYearOfDate(date) : null);

/** On the call's page: the way to its agreements, for the managers. */
export function AgreementsLink({ callId }: { callId: string }) {
  const { can } = useSession();
  if (!can('agreement:read')) return null;
  return (
    <p>
      <Link href={`/appels/${callId}/ententes`}>{t('agr.link')}</Link>
    </p>
  );
}

/** The decided call's agreements, the funded lines without one, generation and renewal of several. */
export function CallAgreements({ callId }: { callId: string }) {
  const { membership, can } = useSession();
  const { tenantId } = membership;
  const [n, setN] = useState(0);
  const data = useResource(() => Promise.all([getCallAgreements({ tenantId, callId }), listEnvelopes(tenantId)]), [tenantId, callId, n]);
  const form = useForm();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [envelopeId, setEnvelopeId] = useState('');
  if (!data.data) return <Loading error={data.error} />;
  const [view, envelopes] = data.data;
  const generate = async () => {
    const out = await form.run(() => generateAgreements({ tenantId, callId }));
    if (out) setN(n + 1);
  };
  const renewChosen = async () => {
    const done = await form.run(
      async () => {
        for (const id of chosen) await renewAgreement({ tenantId, agreementId: id }, envelopeId);
        return chosen.size;
      },
      t('agr.renewManyDone', { count: chosen.size }),
    );
    if (done) {
      setChosen(new Set());
      setN(n + 1);
    }
  };
  const signed = view.agreements.filter((a) => a.status === 'signed' && a.renewedBy === null);
  return (
    <section>
      <p class="no-print">
        <Link href={`/appels/${callId}`}>{t('back.call')}</Link>
      </p>
      <h1>{t('agr.title')}</h1>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {!view.decided && <p role="status">{t('agr.notDecided')}</p>}
      {view.agreements.length === 0 ? (
        <p>{t('agr.none')}</p>
      ) : (
        <Table label={t('agr.title')}>
          <thead>
            <tr>
              <th scope="col">{t('agr.organization')}</th>
              <th scope="col">{t('agr.amount')}</th>
              <th scope="col">{t('agr.status')}</th>
            </tr>
          </thead>
          <tbody>
            {view.agreements.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link href={`/ententes/${a.id}`}>{a.organization.name}</Link>
                  <div class="muted">{a.object.title}</div>
                </td>
                <td>{money(a.amount)}</td>
                <td data-testid={`status-${a.id}`}>
                  {statusText(a.status)}
                  {a.changeRequests.length > 0 && a.status === 'changes-requested' && <div class="muted">« {a.changeRequests.at(-1)!.comment} »</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {view.withoutAgreement.length > 0 && (
        <>
          <h2>{t('agr.withoutAgreement')}</h2>
          <ul>
            {view.withoutAgreement.map((l) => (
              <li key={l.proposalId}>
                {l.organizationName} — {l.title} — {money(l.amount)}
              </li>
            ))}
          </ul>
          {can('agreement:write') && (
            <button type="button" onClick={generate} disabled={form.busy}>
              {t('agr.generate')}
            </button>
          )}
        </>
      )}
      {can('agreement:write') && signed.length > 0 && (
        <fieldset>
          <legend>{t('agr.renewMany')}</legend>
          {signed.map((a) => (
            <label key={a.id} class="checkbox">
              <input
                type="checkbox"
                checked={chosen.has(a.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if ((e.target as HTMLInputElement).checked) next.add(a.id);
                  else next.delete(a.id);
                  setChosen(next);
                }}
              />{' '}
              {a.organization.name} ({money(a.amount)})
            </label>
          ))}
          <EnvelopeChoice envelopes={envelopes.items} value={envelopeId} onChange={setEnvelopeId} />
          <button type="button" onClick={renewChosen} disabled={form.busy || chosen.size === 0 || !envelopeId}>
            {t('agr.renewMany')}
          </button>
        </fieldset>
      )}
    </section>
  );
}

function EnvelopeChoice(props: { envelopes: { id: string; title: string; fiscalYear: number }[]; value: string; onChange: (v: string) => void }) {
  return (
    <Field label={t('agr.renew.envelope')}>
      {(attrs) => (
        <select {...attrs} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
          <option value="">—</option>
          {props.envelopes.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title} ({fiscalYearLabel(e.fiscalYear)})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The terms as read (both sides, the document, an amendment's before and after). */
function TermsView({ a }: { a: Pick<Agreement, 'period' | 'years' | 'amount' | 'schedule' | 'obligations'> }) {
  return (
    <dl class="facts">
      <dt>{t('agr.period')}</dt>
      <dd>
        {a.period.start} → {a.period.end}
      </dd>
      <dt>{t('agr.years')}</dt>
      <dd>
        <ul>
          {a.years.map((y) => (
            <li key={y.fiscalYear}>
              {t('agr.fiscalYear', { fy: fiscalYearLabel(y.fiscalYear) })} : {money(y.cents)}
              {y.envelopeId === null && <span class="error"> — {t('agr.noEnvelope')}</span>}
            </li>
          ))}
        </ul>
        <strong>{money(a.amount)}</strong>
      </dd>
      <dt>{t('agr.schedule')}</dt>
      <dd>
        {a.schedule.kind === 'single' && t('agr.schedule.single')}
        {a.schedule.kind === 'periodic' && t(a.schedule.every === 'month' ? 'agr.schedule.month' : 'agr.schedule.quarter')}
        {a.schedule.kind === 'installments' && (
          <ul>
            {a.schedule.installments.map((x) => (
              <li key={x.dueOn}>
                {x.dueOn} : {money(x.cents)}
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>{t('agr.obligations')}</dt>
      <dd>
        <ul>
          {a.obligations.map((o) => (
            <li key={o.id}>
              {o.label}
              {o.dueOn && ` (${t('agr.obligation.due', { date: o.dueOn })})`} — <em>{t(`agr.obligation.${o.status}` as MessageKey)}</em>
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}

function Signatures({ a, testId }: { a: Pick<Agreement, 'signatures'>; testId?: string }) {
  const one = (s: Agreement['signatures']['organization']) => (s ? t('agr.signedBy', { name: s.name, title: s.title, date: day(s.at) }) : t('agr.notSigned'));
  return (
    <dl class="facts" data-testid={testId}>
      <dt>{t('agr.side.organization')}</dt>
      <dd>{one(a.signatures.organization)}</dd>
      <dt>{t('agr.side.institution')}</dt>
      <dd>{one(a.signatures.institution)}</dd>
    </dl>
  );
}

/** The manager's editor of a draft: period, amount per fiscal year, schedule with its running difference. */
function DraftEditor({ a, onSaved }: { a: Agreement; onSaved: (a: Agreement) => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [start, setStart] = useState(a.period.start);
  const [end, setEnd] = useState(a.period.end);
  const [years, setYears] = useState(a.years.map((y) => ({ ...y, text: centsToInput(y.cents, getLang()) })));
  const [kind, setKind] = useState<string>(a.schedule.kind === 'periodic' ? a.schedule.every : a.schedule.kind);
  const [installments, setInstallments] = useState(
    a.schedule.kind === 'installments' ? a.schedule.installments.map((x) => ({ dueOn: x.dueOn, text: centsToInput(x.cents, getLang()) })) : [],
  );
  const cents = (text: string) => {
    const p = parseMoney(text);
    return p.ok ? p.cents : 0;
  };
  const total = years.reduce((s, y) => s + cents(y.text), 0);
  const scheduled = installments.reduce((s, x) => s + cents(x.text), 0);
  // The fiscal years of the period typed: one amount each (envelopes kept by year, none for a new year).
  const fyStart = fiscalYearOf(start);
  const fyEnd = fiscalYearOf(end);
  const syncYears = () => {
    if (fyStart === null || fyEnd === null || fyEnd < fyStart || fyEnd - fyStart > 2) return;
    const next = [];
    for (let fy = fyStart; fy <= fyEnd; fy++) next.push(years.find((y) => y.fiscalYear === fy) ?? { fiscalYear: fy, envelopeId: null, cents: 0, text: '0' });
    setYears(next);
  };
  const save = async () => {
    const schedule =
      kind === 'single'
        ? { kind: 'single' as const }
        : kind === 'installments'
          ? { kind: 'installments' as const, installments: installments.map((x) => ({ dueOn: x.dueOn, cents: cents(x.text) })) }
          : { kind: 'periodic' as const, every: kind as 'month' | 'quarter' };
    const saved = await form.run(
      () =>
        saveAgreement(
          { tenantId, agreementId: a.id },
          {
            version: a.version,
            period: { start, end },
            years: years.map((y) => ({ fiscalYear: y.fiscalYear, envelopeId: y.envelopeId, cents: cents(y.text) })),
            schedule,
            obligations: a.obligations,
            clauses: a.clauses,
            object: a.object,
          },
        ),
      t('agr.saved'),
    );
    if (saved) onSaved(saved);
  };
  return (
    <form
      class="panel"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      <div class="row">
        <Field label={t('agr.start')} error={form.errors.period}>
          {(attrs) => <input {...attrs} type="date" value={start} onInput={(e) => setStart((e.target as HTMLInputElement).value)} onBlur={syncYears} />}
        </Field>
        <Field label={t('agr.end')}>
          {(attrs) => <input {...attrs} type="date" value={end} onInput={(e) => setEnd((e.target as HTMLInputElement).value)} onBlur={syncYears} />}
        </Field>
      </div>
      {years.map((y, i) => (
        <Field
          key={y.fiscalYear}
          label={t('agr.fiscalYear', { fy: fiscalYearLabel(y.fiscalYear) })}
          error={form.errors[`years.${i}.envelopeId`] ?? form.errors.years}
        >
          {(attrs) => (
            <input
              {...attrs}
              inputMode="decimal"
              value={y.text}
              onInput={(e) => setYears(years.map((z, j) => (j === i ? { ...z, text: (e.target as HTMLInputElement).value } : z)))}
            />
          )}
        </Field>
      ))}
      <p>
        {t('agr.amount')} : <strong>{money(total)}</strong>
      </p>
      <Field label={t('agr.schedule')} error={form.errors.schedule}>
        {(attrs) => (
          <select {...attrs} value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            <option value="single">{t('agr.schedule.single')}</option>
            <option value="installments">{t('agr.schedule.installments')}</option>
            <option value="month">{t('agr.schedule.month')}</option>
            <option value="quarter">{t('agr.schedule.quarter')}</option>
          </select>
        )}
      </Field>
      {kind === 'installments' && (
        <fieldset>
          {installments.map((x, i) => (
            <div class="row" key={i}>
              <Field label={t('agr.installment.date')} error={form.errors[`schedule.installments.${i}.dueOn`]}>
                {(attrs) => (
                  <input
                    {...attrs}
                    type="date"
                    value={x.dueOn}
                    onInput={(e) => setInstallments(installments.map((z, j) => (j === i ? { ...z, dueOn: (e.target as HTMLInputElement).value } : z)))}
                  />
                )}
              </Field>
              <Field label={t('agr.installment.amount')}>
                {(attrs) => (
                  <input
                    {...attrs}
                    inputMode="decimal"
                    value={x.text}
                    onInput={(e) => setInstallments(installments.map((z, j) => (j === i ? { ...z, text: (e.target as HTMLInputElement).value } : z)))}
                  />
                )}
              </Field>
            </div>
          ))}
          <button type="button" class="link" onClick={() => setInstallments([...installments, { dueOn: start, text: '0' }])}>
            {t('agr.installment.add')}
          </button>
          <p role="status" data-testid="schedule-difference">
            {t('agr.difference', { amount: money(scheduled - total) })}
          </p>
        </fieldset>
      )}
      <button type="submit" disabled={form.busy}>
        {t('agr.save')}
      </button>
    </form>
  );
}

/** A title and a button: a signature. */
function SignForm({ label, onSign }: { label: string; onSign: (title: string) => Promise<unknown> }) {
  const [title, setTitle] = useState('');
  return (
    <div class="row">
      <Field label={t('agr.signTitle')}>{(attrs) => <input {...attrs} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />}</Field>
      <button type="button" disabled={!title.trim()} onClick={() => void onSign(title.trim())}>
        {label}
      </button>
    </div>
  );
}

/** A text and a button: a comment asking for changes, or the reason of a decline. */
function TextAction({ label, field, onSend }: { label: string; field: string; onSend: (text: string) => Promise<unknown> }) {
  const [text, setText] = useState('');
  return (
    <div>
      <Field label={field}>{(attrs) => <textarea {...attrs} rows={3} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />}</Field>
      <button type="button" class="secondary" disabled={!text.trim()} onClick={() => void onSend(text.trim())}>
        {label}
      </button>
    </div>
  );
}

function Checklist() {
  const items = ['agr.check.1', 'agr.check.2', 'agr.check.3', 'agr.check.4', 'agr.check.5', 'agr.check.6', 'agr.check.7'] as const;
  return (
    <aside class="panel" aria-label={t('agr.checklist')} data-testid="before-signing">
      <h2>{t('agr.checklist')}</h2>
      <ul>
        {items.map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ul>
    </aside>
  );
}

/** One agreement: the manager's page and the organization's review. */
export function AgreementPage({ id }: { id: string }) {
  const { membership, can } = useSession();
  const { tenantId } = membership;
  const ids = { tenantId, agreementId: id };
  const [n, setN] = useState(0);
  const res = useResource(() => getAgreement(ids), [tenantId, id, n]);
  const [envelopeId, setEnvelopeId] = useState('');
  const envelopes = useResource(() => (can('agreement:write') ? listEnvelopes(tenantId) : Promise.resolve({ items: [], cursor: null })), [tenantId]);
  const form = useForm();
  if (!res.data) return <Loading error={res.error} />;
  const a = res.data;
  const staff = can('agreement:read');
  const act = async (action: () => Promise<unknown>, done: string) => {
    if (await form.run(action, done)) setN(n + 1);
  };
  const open = a.amendments.find((x) => !['signed', 'cancelled'].includes(x.status));
  return (
    <article>
      <p class="no-print">{staff ? <Link href={`/appels/${a.callId}/ententes`}>{t('agr.title')}</Link> : <Link href="/mes-ententes">{t('agr.mine')}</Link>}</p>
      <h1>
        {t('agr.document.title')} — {a.object.title}
      </h1>
      <p>{t('agr.document.parties', { institution: a.institution.name, organization: a.organization.name, neq: a.organization.neq })}</p>
      <p>
        <strong data-testid="agreement-status">{statusText(a.status)}</strong> · <Link href={`/ententes/${a.id}/document`}>{t('agr.print')}</Link>
        {a.status === 'signed' && (
          <>
            {' '}
            · <Link href={`/ententes/${a.id}/versements`}>{t('agr.payments')}</Link>
          </>
        )}
      </p>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {a.renewalOf && <p class="muted">{t('agr.renewalOf')}</p>}
      {a.declined && <p role="status">{t('agr.declined', { date: day(a.declined.at), reason: a.declined.reason })}</p>}
      {a.changeRequests.length > 0 && (
        <section>
          <h2>{t('agr.changeRequests')}</h2>
          <ul>
            {a.changeRequests.map((r) => (
              <li key={r.at}>
                {day(r.at)} — {r.byName} : « {r.comment} »
              </li>
            ))}
          </ul>
        </section>
      )}
      <div class="two-columns">
        <div>
          {staff && can('agreement:write') && (a.status === 'draft' || a.status === 'changes-requested') ? (
            <DraftEditor a={a} onSaved={() => setN(n + 1)} />
          ) : (
            <TermsView a={a} />
          )}
          {a.original && a.original.amount !== a.amount && <p class="muted">{t('agr.original', { amount: money(a.original.amount) })}</p>}
        </div>
        {!staff && (a.status === 'sent' || a.status === 'changes-requested') && <Checklist />}
      </div>
      <h2>{t('agr.signatures')}</h2>
      <Signatures a={a} />
      {can('agreement:write') && (a.status === 'draft' || a.status === 'changes-requested') && (
        <button type="button" onClick={() => act(() => sendAgreement(ids, a.version), t('agr.sentDone'))}>
          {t('agr.send')}
        </button>
      )}
      {can('agreement:write') && a.status === 'signed-by-organization' && (
        <SignForm label={t('agr.signInstitution')} onSign={(title) => act(() => signForInstitution(ids, a.version, title), t('agr.signed'))} />
      )}
      {!staff && a.status === 'sent' && (
        <>
          <SignForm label={t('agr.signOrganization')} onSign={(title) => act(() => signForOrganization(ids, a.version, title), t('agr.signed'))} />
          <TextAction label={t('agr.changes')} field={t('agr.changesComment')} onSend={(c) => act(() => askChanges(ids, a.version, c), t('agr.changesDone'))} />
        </>
      )}
      {!staff && (a.status === 'sent' || a.status === 'changes-requested') && (
        <TextAction
          label={t('agr.decline')}
          field={t('agr.declineReason')}
          onSend={(r) => act(() => declineAgreement(ids, a.version, r), statusText('declined'))}
        />
      )}
      {a.amendments.length > 0 && (
        <section>
          <h2>{t('agr.amendments')}</h2>
          {a.amendments.map((x) => (
            <div key={x.number} class="panel">
              <h3>{t('agr.amendment', { number: x.number, status: statusText(x.status) })}</h3>
              <p>{x.reason}</p>
              <div class="two-columns">
                <div>
                  <h4>{t('agr.amendment.before')}</h4>
                  <TermsView a={x.before} />
                </div>
                <div>
                  <h4>{t('agr.amendment.after')}</h4>
                  <TermsView a={x.after} />
                </div>
              </div>
              <Signatures a={x} />
              {x === open && can('agreement:write') && (x.status === 'draft' || x.status === 'changes-requested') && (
                <button type="button" onClick={() => act(() => sendAmendment({ ...ids, number: String(x.number) }, a.version), t('agr.sentDone'))}>
                  {t('agr.amendment.send')}
                </button>
              )}
              {x === open && can('agreement:write') && x.status === 'signed-by-organization' && (
                <SignForm
                  label={t('agr.amendment.sign')}
                  onSign={(title) => act(() => signAmendmentForInstitution({ ...ids, number: String(x.number) }, a.version, title), t('agr.signed'))}
                />
              )}
              {x === open && !staff && x.status === 'sent' && (
                <SignForm
                  label={t('agr.amendment.sign')}
                  onSign={(title) => act(() => signAmendmentForOrganization({ ...ids, number: String(x.number) }, a.version, title), t('agr.signed'))}
                />
              )}
              {x === open && can('agreement:write') && (
                <button
                  type="button"
                  class="secondary"
                  onClick={() => act(() => cancelAmendment({ ...ids, number: String(x.number) }, a.version), statusText('cancelled'))}
                >
                  {t('agr.amendment.cancel')}
                </button>
              )}
            </div>
          ))}
        </section>
      )}
      {can('agreement:write') && a.status === 'signed' && (
        <section>
          <h2>{t('agr.renew')}</h2>
          {a.renewedBy ? (
            <Link href={`/ententes/${a.renewedBy}`}>{t('agr.renewed')}</Link>
          ) : (
            <>
              <EnvelopeChoice envelopes={envelopes.data?.items ?? []} value={envelopeId} onChange={setEnvelopeId} />
              <button type="button" disabled={!envelopeId} onClick={() => act(() => renewAgreement(ids, envelopeId), t('agr.renewManyDone', { count: 1 }))}>
                {t('agr.renew')}
              </button>
            </>
          )}
        </section>
      )}
    </article>
  );
}

/** The organization's agreements: on its home page (short) and on its own page. */
export function MyAgreements({ page = false }: { page?: boolean }) {
  const { membership, can } = useSession();
  const res = useResource(
    () => (can('agreement:own') ? listMyAgreements(membership.tenantId) : Promise.resolve({ items: [], cursor: null })),
    [membership.tenantId],
  );
  if (!can('agreement:own')) return null;
  if (!res.data) return <Loading error={res.error} />;
  const Title = page ? 'h1' : 'h2';
  return (
    <section aria-label={t('agr.mine')}>
      <Title>{t('agr.mine')}</Title>
      {res.data.items.length === 0 && <p>{t('agr.mine.none')}</p>}
      {res.data.items.map(({ agreement: a, installments, pendingAmendment }) => {
        const left = Object.values(a.toPay).reduce((s, c) => s + c, 0);
        return (
          <div class="panel" key={a.id} data-testid={`my-agreement-${a.id}`}>
            <h3>
              <Link href={`/ententes/${a.id}`}>{a.object.title}</Link>
            </h3>
            <p>
              {statusText(a.status)} · {money(a.amount)} · {a.period.start} → {a.period.end}
            </p>
            {a.status === 'signed' && <p>{t('agr.toPay', { amount: money(left) })}</p>}
            {(a.status === 'sent' || pendingAmendment?.status === 'sent') && (
              <p role="status">
                {pendingAmendment ? t('agr.pendingAmendment') : ''} <Link href={`/ententes/${a.id}`}>{t('agr.review')}</Link>
              </p>
            )}
            {page && installments.length > 0 && (
              <>
                <h4>{t('agr.nextPayments')}</h4>
                <ul>
                  {installments.map((x, i) => (
                    <li key={i}>
                      {x.dueOn ?? t('agr.atSignature')} : {money(x.cents)}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {page && (
              <>
                <h4>{t('agr.obligations')}</h4>
                <ul>
                  {a.obligations.map((o) => (
                    <li key={o.id}>
                      {o.label} — <em>{t(`agr.obligation.${o.status}` as MessageKey)}</em>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        );
      })}
    </section>
  );
}

/** The printable agreement: the institution at the top, the parties, the terms, the clauses, both signatures, the amendments. */
export function AgreementDocument({ id }: { id: string }) {
  const { tenantId } = useSession().membership;
  const res = useResource(() => getAgreement({ tenantId, agreementId: id }), [tenantId, id]);
  if (!res.data) return <Loading error={res.error} />;
  const a = res.data;
  return (
    <article class="document agreement-document" data-lang={getLang()}>
      <p class="row no-print">
        <Link href={`/ententes/${id}`}>{t('agr.back')}</Link>
        <button type="button" onClick={() => window.print()}>
          {t('dec.printNow')}
        </button>
      </p>
      <header class="document-header">{a.institution.name}</header>
      <h1>
        {t('agr.document.title')} — {a.object.title}
      </h1>
      <p>{t('agr.document.parties', { institution: a.institution.name, organization: a.organization.name, neq: a.organization.neq })}</p>
      <TermsView a={a} />
      <h2>{t('agr.clauses')}</h2>
      {a.clauses.map((c) => (
        <section key={c.heading}>
          <h3>{c.heading}</h3>
          <p>{c.body}</p>
        </section>
      ))}
      <h2>{t('agr.signatures')}</h2>
      <Signatures a={a} testId="signatures" />
      {a.amendments
        .filter((x) => x.status === 'signed')
        .map((x) => (
          <section key={x.number}>
            <h2>{t('agr.amendment', { number: x.number, status: statusText(x.status) })}</h2>
            <p>{x.reason}</p>
            <TermsView a={x.after} />
            <Signatures a={x} />
          </section>
        ))}
    </article>
  );
}
