/**
 * Service agreements: the decided call's agreements (generate, renew several), one agreement's page for
 * the manager (the draft's terms, send, sign, amend, renew) and for the organization (read with the
 * "Avant de signer" checklist, ask for changes, sign, decline), the organization's own list, and the
 * printable agreement. French first; nothing wider than a phone.
 */
import { useState } from 'preact/hooks';
import { fiscalYearEnd, fiscalYearLabel, renewalEnvelopes, type RenewalChoice } from '../../../../shared/agreements';
import { instantToMontrealLocal } from '../../../../shared/dates';
import { formatMoney } from '../../../../shared/money';
import { confirmAction } from '../../components/confirm';
import { Field, Link, Loading, ProblemAlert, Success, Table, useForm, useResource } from '../../components/ui';
import { colon, getLang, quoted, t } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages';
import { useSession } from '../../lib/session-context';
import {
  type Agreement,
  askAmendmentChanges,
  askChanges,
  cancelAmendment,
  declineAgreement,
  draftAmendment,
  followObligation,
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
import { draftOf, type EnvelopeOption, staleClausesOf, TermsEditor, termsOf, totalOf } from './terms-editor';

const money = (c: number) => formatMoney(c, getLang());
const day = (iso: string) => instantToMontrealLocal(iso).slice(0, 10);
const statusText = (s: string) => t(`agr.status.${s}` as MessageKey);

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
        for (const id of chosen) await renewAgreement({ tenantId, agreementId: id }, target);
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
  // The envelopes offered follow the agreements ticked (a renewal already signed has later years than the others).
  const renewal = renewalEnvelopes(
    envelopes.items,
    signed.filter((a) => chosen.has(a.id)),
  );
  // The next year's envelope is chosen unless another one offered is.
  const target = renewal.envelopes.some((e) => e.id === envelopeId) ? envelopeId : (renewal.envelopes[0]?.id ?? '');
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
              <th scope="col">{t('agr.period')}</th>
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
                  {a.renewalOf && <div class="muted">{t('agr.renewalOf')}</div>}
                </td>
                <td data-testid={`period-${a.id}`}>
                  <div>{a.years.map((y) => fiscalYearLabel(y.fiscalYear)).join(', ')}</div>
                  <div class="muted">
                    {a.period.start} → {a.period.end}
                  </div>
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
          {chosen.size === 0 ? <p class="muted">{t('agr.renew.chooseFirst')}</p> : <EnvelopeChoice choice={renewal} value={target} onChange={setEnvelopeId} />}
          <button type="button" onClick={renewChosen} disabled={form.busy || chosen.size === 0 || !target}>
            {t('agr.renewMany')}
          </button>
        </fieldset>
      )}
    </section>
  );
}

/** The envelope a renewal goes into, or in plain words the envelope to open first when there is none. */
function EnvelopeChoice(props: { choice: RenewalChoice<{ id: string; title: string; fiscalYear: number }>; value: string; onChange: (v: string) => void }) {
  const { envelopes, programs, nextYear } = props.choice;
  if (envelopes.length === 0)
    return (
      <p role="status" data-testid="renew-no-envelope">
        {t('agr.renew.noEnvelope', { program: programs.join(', '), fy: fiscalYearLabel(nextYear) })}{' '}
        <Link href="/enveloppes/nouvelle">{t('agr.renew.openEnvelope')}</Link>
      </p>
    );
  return (
    <Field label={t('agr.renew.envelope')}>
      {(attrs) => (
        <select {...attrs} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
          {envelopes.map((e) => (
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
              {t('agr.fiscalYear', { fy: fiscalYearLabel(y.fiscalYear) })}
              {colon()} {money(y.cents)}
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
                {x.dueOn}
                {colon()} {money(x.cents)}
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>{t('agr.obligations')}</dt>
      <dd>
        <ul>
          {a.obligations.map((o) => (
            <li key={o.id} data-testid="obligation">
              {o.label} — <em>{t(`agr.obligation.${o.status}` as MessageKey)}</em>
              <ObligationDue o={o} />
              {o.note && <div class="prose">{t('agr.followUp.noteShown', { note: o.note })}</div>}
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

/** The manager's editor of a draft: the whole terms, the clauses, saved as one version. */
function DraftEditor({ a, envelopes, onSaved }: { a: Agreement; envelopes: EnvelopeOption[]; onSaved: (a: Agreement) => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [draft, setDraft] = useState(() => draftOf(a));
  const asked = a.status === 'changes-requested' ? a.changeRequests.at(-1) : undefined;
  const save = async () => {
    const read = termsOf(draft, '');
    if ('errors' in read) return form.setErrors(read.errors);
    // The success is said by the page: this editor starts again from the saved version (with the new obligations' ids).
    const saved = await form.run(() => saveAgreement({ tenantId, agreementId: a.id }, { version: a.version, ...read.terms, object: a.object }));
    if (saved) onSaved(saved);
  };
  return (
    <form
      class="panel"
      aria-label={t('agr.editor')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{t('agr.editor')}</h2>
      {asked && (
        <div class="alert alert-warning" role="note" data-testid="changes-asked">
          <strong>{t('agr.changesAsked', { name: asked.byName, date: day(asked.at) })}</strong>
          <p class="prose">« {asked.comment} »</p>
          <p>{t('agr.changesAsked.how')}</p>
        </div>
      )}
      <ProblemAlert problem={form.problem} />
      <TermsEditor
        draft={draft}
        onChange={setDraft}
        errors={form.errors}
        prefix=""
        program={a.program}
        envelopes={envelopes}
        staleClauses={staleClausesOf(draft, a)}
      />
      <button type="submit" disabled={form.busy}>
        {t('agr.save')}
      </button>
    </form>
  );
}

/** An amendment (avenant) of a signed agreement: its reason, the new terms prefilled from the current ones, what changes. */
function AmendmentEditor({ a, envelopes, onDone }: { a: Agreement; envelopes: EnvelopeOption[]; onDone: () => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [draft, setDraft] = useState(() => draftOf(a));
  if (!open)
    return (
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        {t('agr.amendment.new')}
      </button>
    );
  const submit = async () => {
    const read = termsOf(draft, 'terms.');
    const errors = 'errors' in read ? { ...read.errors } : {};
    if (!reason.trim()) errors.reason = t('agr.amendment.reasonMissing');
    if ('errors' in read || Object.keys(errors).length > 0) return form.setErrors(errors);
    if (await form.run(() => draftAmendment({ tenantId, agreementId: a.id }, { version: a.version, reason: reason.trim(), terms: read.terms }))) onDone();
  };
  const after = totalOf(draft);
  return (
    <form
      class="panel"
      aria-label={t('agr.amendment.new')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('agr.amendment.new')}</h2>
      <p class="muted">{t('agr.amendment.intro')}</p>
      <ProblemAlert problem={form.problem} />
      <Field label={t('agr.amendment.reason')} error={form.errors.reason}>
        {(attrs) => <textarea {...attrs} rows={3} maxLength={4000} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      <TermsEditor
        draft={draft}
        onChange={setDraft}
        errors={form.errors}
        prefix="terms."
        program={a.program}
        envelopes={envelopes}
        staleClauses={staleClausesOf(draft, a)}
      />
      <section class="agr-before-after" data-testid="amendment-preview" aria-label={t('agr.amendment.preview')}>
        <h3>{t('agr.amendment.preview')}</h3>
        <p>
          {t('agr.period')}
          {colon()} {a.period.start} → {a.period.end}
          {(draft.start !== a.period.start || draft.end !== a.period.end) && (
            <>
              {' '}
              ⟶ <strong>{`${draft.start} → ${draft.end}`}</strong>
            </>
          )}
        </p>
        <p>
          {t('agr.amount')}
          {colon()} {money(a.amount)}
          {after !== a.amount && (
            <>
              {' '}
              ⟶ <strong>{money(after)}</strong> ({after > a.amount ? '+' : '−'}
              {money(Math.abs(after - a.amount))})
            </>
          )}
        </p>
      </section>
      <div class="row">
        <button type="submit" disabled={form.busy}>
          {t('agr.amendment.create')}
        </button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {t('agr.amendment.close')}
        </button>
      </div>
    </form>
  );
}

/** The manager's follow-up of one obligation of a signed agreement: its status and a note, which the organization reads. */
function ObligationFollowUp({ a, o, onSaved }: { a: Agreement; o: Agreement['obligations'][number]; onSaved: () => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [status, setStatus] = useState(o.status);
  const [note, setNote] = useState(o.note);
  const save = async () => {
    const done = await form.run(
      () => followObligation({ tenantId, agreementId: a.id, obligationId: o.id }, { version: a.version, status, note: note.trim() }),
      t('agr.followUp.saved'),
    );
    if (done) onSaved();
  };
  return (
    <li class="agr-card" data-testid={`obligation-${o.id}`}>
      <strong>{o.label}</strong>
      <ObligationDue o={o} />
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      <div class="row">
        <Field label={t('agr.followUp.status')} error={form.errors.status}>
          {(attrs) => (
            <select {...attrs} value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as typeof status)}>
              {(['pending', 'met', 'not-met', 'waived'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`agr.obligation.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('agr.followUp.note')} error={form.errors.note}>
          {(attrs) => <textarea {...attrs} rows={2} maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />}
        </Field>
      </div>
      <button type="button" disabled={form.busy} onClick={() => void save()}>
        {t('agr.followUp.save')}
      </button>
    </li>
  );
}

function ObligationDue({ o }: { o: Agreement['obligations'][number] }) {
  if (o.kind === 'report' && o.fiscalYear !== null)
    return (
      <div class="muted">
        {t('agr.obligation.reportOf', { fy: fiscalYearLabel(o.fiscalYear), end: fiscalYearEnd(o.fiscalYear) })}
        {o.dueOn && ` — ${t('agr.obligation.due', { date: o.dueOn })}`}
      </div>
    );
  return o.dueOn ? <div class="muted">{t('agr.obligation.due', { date: o.dueOn })}</div> : null;
}

/** The clauses, as both parties read them. */
function Clauses({ a }: { a: Pick<Agreement, 'clauses'> }) {
  return (
    <>
      {a.clauses.map((c, i) => (
        <section key={i}>
          <h3>{c.heading}</h3>
          <p class="prose">{c.body}</p>
        </section>
      ))}
    </>
  );
}

/** A title and a button: a signature. */
function SignForm({ label, onSign }: { label: string; onSign: (title: string) => Promise<unknown> }) {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | undefined>();
  const sign = () => {
    if (!title.trim()) return setError(t('agr.signTitle.missing'));
    setError(undefined);
    void onSign(title.trim());
  };
  return (
    <div class="row">
      <Field label={t('agr.signTitle')} error={error}>
        {(attrs) => <input {...attrs} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />}
      </Field>
      <button type="button" onClick={sign}>
        {label}
      </button>
    </div>
  );
}

/** A text and a button: a comment asking for changes, or the reason of a decline. */
function TextAction({ label, field, missing, onSend }: { label: string; field: string; missing: string; onSend: (text: string) => Promise<unknown> }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const send = () => {
    if (!text.trim()) return setError(missing);
    setError(undefined);
    void onSend(text.trim());
  };
  return (
    <div>
      <Field label={field} error={error}>
        {(attrs) => <textarea {...attrs} rows={3} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      <button type="button" class="secondary" onClick={send}>
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
  const choices: EnvelopeOption[] = envelopes.data?.items ?? [];
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm();
  if (!res.data) return <Loading error={res.error} />;
  const a = res.data;
  const staff = can('agreement:read');
  const renewal = renewalEnvelopes(choices, [a]);
  const renewTo = renewal.envelopes.some((e) => e.id === envelopeId) ? envelopeId : (renewal.envelopes[0]?.id ?? '');
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
                {day(r.at)} — {r.byName}
                {colon()} {quoted(r.comment)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div class="two-columns">
        <div>
          {staff && can('agreement:write') && (a.status === 'draft' || a.status === 'changes-requested') ? (
            envelopes.data ? (
              <>
                <Success text={saved} />
                <DraftEditor
                  key={a.version}
                  a={a}
                  envelopes={choices}
                  onSaved={() => {
                    setSaved(t('agr.saved'));
                    setN(n + 1);
                  }}
                />
              </>
            ) : (
              <Loading error={envelopes.error} />
            )
          ) : (
            <>
              <TermsView a={a} />
              <h2>{t('agr.clauses')}</h2>
              <Clauses a={a} />
            </>
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
          <TextAction
            label={t('agr.changes')}
            field={t('agr.changesComment')}
            missing={t('agr.changesComment.missing')}
            onSend={(c) => act(() => askChanges(ids, a.version, c), t('agr.changesDone'))}
          />
        </>
      )}
      {!staff && (a.status === 'sent' || a.status === 'changes-requested') && (
        <TextAction
          label={t('agr.decline')}
          field={t('agr.declineReason')}
          missing={t('agr.declineReason.missing')}
          onSend={(r) => act(() => declineAgreement(ids, a.version, r), statusText('declined'))}
        />
      )}
      {can('agreement:write') && a.status === 'signed' && a.obligations.length > 0 && (
        <section aria-labelledby="follow-up">
          <h2 id="follow-up">{t('agr.followUp')}</h2>
          <ul class="plain">
            {a.obligations.map((o) => (
              <ObligationFollowUp key={o.id} a={a} o={o} onSaved={() => setN(n + 1)} />
            ))}
          </ul>
        </section>
      )}
      {can('agreement:write') && a.status === 'signed' && !open && envelopes.data && (
        <AmendmentEditor key={a.version} a={a} envelopes={choices} onDone={() => setN(n + 1)} />
      )}
      {a.amendments.length > 0 && (
        <section>
          <h2>{t('agr.amendments')}</h2>
          {a.amendments.map((x) => (
            <div key={x.number} class="panel">
              <h3>{t('agr.amendment', { number: x.number, status: statusText(x.status) })}</h3>
              <p class="prose">{t('agr.amendment.reasonShown', { reason: x.reason })}</p>
              <div class="two-columns agr-before-after" data-testid={`amendment-${x.number}`}>
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
                <>
                  <SignForm
                    label={t('agr.amendment.sign')}
                    onSign={(title) => act(() => signAmendmentForOrganization({ ...ids, number: String(x.number) }, a.version, title), t('agr.signed'))}
                  />
                  <TextAction
                    label={t('agr.changes')}
                    field={t('agr.changesComment')}
                    missing={t('agr.changesComment.missing')}
                    onSend={(c) => act(() => askAmendmentChanges({ ...ids, number: String(x.number) }, a.version, c), t('agr.changesDone'))}
                  />
                </>
              )}
              {x.changeRequests.length > 0 && (
                <ul>
                  {x.changeRequests.map((r) => (
                    <li key={r.at}>
                      {day(r.at)} — {r.byName}
                      {colon()} {quoted(r.comment)}
                    </li>
                  ))}
                </ul>
              )}
              {x === open && can('agreement:write') && (
                <button
                  type="button"
                  class="secondary"
                  onClick={async () => {
                    const ok = await confirmAction({
                      title: t('agr.amendment.cancelTitle', { number: x.number }),
                      body: t('agr.amendment.cancelBody'),
                      confirm: t('agr.amendment.cancel'),
                      keep: t('agr.amendment.keep'),
                      danger: true,
                    });
                    if (ok) await act(() => cancelAmendment({ ...ids, number: String(x.number) }, a.version), statusText('cancelled'));
                  }}
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
              <EnvelopeChoice choice={renewal} value={renewTo} onChange={setEnvelopeId} />
              <button type="button" disabled={!renewTo} onClick={() => act(() => renewAgreement(ids, renewTo), t('agr.renewManyDone', { count: 1 }))}>
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
                      {x.dueOn ?? t('agr.atSignature')}
                      {colon()} {money(x.cents)}
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
      <Clauses a={a} />
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
