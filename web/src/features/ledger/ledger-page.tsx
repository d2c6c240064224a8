/**
 * An envelope's ledger (`/enveloppes/:id/grand-livre`): its totals (available, committed, paid,
 * remaining to commit, remaining to pay), its movements newest first page by page, the CSV for the
 * institution's accounting, and the carry-over of the unspent balance to the next year's envelope.
 */
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { fiscalYearLabel } from '../../../../shared/agreements';
import { formatDateTime } from '../../../../shared/dates';
import { carryOverSchema } from '../../../../shared/schemas/money';
import { MoneyInput, readMoney } from '../../components/money-input';
import { Field, Link, Loading, Money, ProblemAlert, Success, Table, useForm, useResource } from '../../components/ui';
import { download } from '../../lib/api';
import { getLang, t } from '../../lib/i18n';
import { formatMoney } from '../../../../shared/money';
import { useSession } from '../../lib/session-context';
import { carryOver, getLedger, ledgerCsvUrl, type Ledger } from './api';

type Movement = Ledger['movements']['items'][number];

function Totals({ l }: { l: Ledger }) {
  const rows: [string, number, string][] = [
    [t('ledger.available'), l.totals.available, 'available'],
    [t('ledger.committed'), l.totals.committed, 'committed'],
    [t('ledger.paid'), l.totals.paid, 'paid'],
    [t('ledger.remaining'), l.totals.remaining, 'remaining'],
    [t('ledger.toPay'), l.totals.toPay, 'toPay'],
  ];
  return (
    <dl class="facts" data-testid="ledger-totals">
      {rows.map(([label, cents, key]) => (
        <Fragment key={key}>
          <dt>{label}</dt>
          <dd data-testid={`ledger-${key}`}>
            <Money cents={cents} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

function amountOf(m: Movement): number {
  return m.kind === 'payment' ? m.paid : m.kind === 'carry-in' || m.kind === 'carry-out' ? m.available : m.committed;
}

function Movements({ items }: { items: Movement[] }) {
  if (items.length === 0) return <p>{t('ledger.none')}</p>;
  return (
    <Table label={t('ledger.movements')} data-testid="ledger-movements">
      <thead>
        <tr>
          <th scope="col">{t('ledger.when')}</th>
          <th scope="col">{t('ledger.what')}</th>
          <th scope="col">{t('ledger.who')}</th>
          <th scope="col">{t('pay.cents')}</th>
          <th scope="col">{t('ledger.ref')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((m) => (
          <tr key={m.id}>
            <td>{formatDateTime(m.at, getLang())}</td>
            <td>{t(`ledger.kind.${m.kind}`)}</td>
            <td>{m.agreementId ? <Link href={`/ententes/${m.agreementId}/versements`}>{m.organizationName ?? m.agreementId}</Link> : '—'}</td>
            <td>
              <Money cents={amountOf(m)} />
            </td>
            <td>{m.reference ?? m.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function CarryOver({ tenantId, l, onDone }: { tenantId: string; l: Ledger; onDone: () => void }) {
  const form = useForm();
  const [to, setTo] = useState(l.nextEnvelopes[0]?.id ?? '');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const most = Math.max(0, Math.min(l.totals.remaining, l.envelope.uncommittedToCalls));
  if (l.envelope.carriedOut) return null;
  const submit = async (e: Event) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const cents = readMoney(amount, 'cents', errors);
    if (Object.keys(errors).length) return form.setErrors(errors);
    const body = { toEnvelopeId: to, cents, reason };
    if (!form.check(carryOverSchema, body)) return;
    if (await form.run(() => carryOver({ tenantId, envelopeId: l.envelope.id }, body), t('carry.done'))) onDone();
  };
  return (
    <form onSubmit={submit} class="stack" aria-labelledby="carry-over">
      <h2 id="carry-over">{t('carry.title')}</h2>
      <p class="muted">{t('carry.intro')}</p>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {l.nextEnvelopes.length === 0 ? (
        <p>{t('carry.noNext')}</p>
      ) : (
        <>
          <Field label={t('carry.to')} error={form.errors.toEnvelopeId}>
            {(a) => (
              <select {...a} value={to} onChange={(e) => setTo((e.target as HTMLSelectElement).value)}>
                {l.nextEnvelopes.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.title} ({fiscalYearLabel(e.fiscalYear)})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('carry.cents', { amount: formatMoney(most, getLang()) })} error={form.errors.cents}>
            {(a) => <MoneyInput {...a} value={amount} onInput={setAmount} />}
          </Field>
          <Field label={t('carry.reason')} error={form.errors.reason}>
            {(a) => <textarea {...a} rows={2} maxLength={2000} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />}
          </Field>
          <button type="submit" disabled={form.busy}>
            {t('carry.go')}
          </button>
        </>
      )}
    </form>
  );
}

export function LedgerPage({ envelopeId }: { envelopeId: string }) {
  const { membership, can } = useSession();
  const { tenantId } = membership;
  const [older, setOlder] = useState<{ items: Movement[]; cursor: string | null }>({ items: [], cursor: null });
  const l = useResource(() => getLedger({ tenantId, envelopeId }), [tenantId, envelopeId]);
  const file = useForm();
  if (!l.data) return <Loading error={l.error} />;
  const data = l.data;
  const cursor = older.cursor ?? (older.items.length ? null : data.movements.cursor);
  const reload = () => {
    setOlder({ items: [], cursor: null });
    l.reload();
  };
  const money = (c: number) => formatMoney(c, getLang());
  return (
    <section>
      <p class="muted">
        {data.envelope.program} · {fiscalYearLabel(data.envelope.fiscalYear)}
      </p>
      <h1>
        {t('ledger.title')} — {data.envelope.title}
      </h1>
      <Totals l={data} />
      {data.envelope.carriedIn && (
        <p>
          {t('carry.in', {
            year: fiscalYearLabel(data.envelope.carriedIn.fiscalYear),
            amount: money(data.envelope.carriedIn.cents),
            reason: data.envelope.carriedIn.reason,
          })}
        </p>
      )}
      {data.envelope.carriedOut && (
        <p>
          {t('carry.out', {
            year: fiscalYearLabel(data.envelope.carriedOut.fiscalYear),
            amount: money(data.envelope.carriedOut.cents),
            reason: data.envelope.carriedOut.reason,
          })}
        </p>
      )}
      <div class="heading">
        <h2>{t('ledger.movements')}</h2>
        <button
          type="button"
          class="secondary"
          disabled={file.busy}
          onClick={() => void file.run(() => download(ledgerCsvUrl({ tenantId, envelopeId }).toString(), 'grand-livre.csv'))}
        >
          {t('ledger.csv')}
        </button>
      </div>
      <ProblemAlert problem={file.problem} />
      <Movements items={[...data.movements.items, ...older.items]} />
      {cursor && (
        <button
          type="button"
          class="secondary"
          onClick={() =>
            void getLedger({ tenantId, envelopeId }, cursor).then((next) =>
              setOlder((o) => ({ items: [...o.items, ...next.movements.items], cursor: next.movements.cursor ?? null })),
            )
          }
        >
          {t('ledger.more')}
        </button>
      )}
      {(can('payment:write') || can('envelope:write')) && <CarryOver tenantId={tenantId} l={data} onDone={reload} />}
    </section>
  );
}

/** The link from the envelope's page. */
export function LedgerLink({ envelopeId }: { envelopeId: string }) {
  const { can } = useSession();
  if (!can('ledger:read')) return null;
  return (
    <p>
      <Link href={`/enveloppes/${envelopeId}/grand-livre`}>{t('ledger.link')}</Link>
    </p>
  );
}
