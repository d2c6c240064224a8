import type { ComponentChildren } from 'preact';
import { fiscalYear } from '../../../../shared/dates';
import { useSession } from '../../lib/session-context';
import { Link, Loading, Money, useResource } from '../../components/ui';
import { t } from '../../lib/i18n';
import { Arithmetic } from './arithmetic';
import { getEnvelope, listCallsOfEnvelope } from './api';
import { PhaseBadge } from '../../components/phase-badge';

/** `ledger`: the envelope's ledger link, from the ledger feature (features do not import each other). */
export function EnvelopeDetail({ id, ledger }: { id: string; ledger?: ComponentChildren }) {
  const { membership, can } = useSession();
  const { tenantId } = membership;
  const env = useResource(() => getEnvelope(tenantId, id), [tenantId, id]);
  const calls = useResource(() => listCallsOfEnvelope(tenantId, id), [tenantId, id]);
  if (!env.data) return <Loading error={env.error} />;
  const e = env.data;
  return (
    <section>
      <p class="muted">
        {e.program} · {fiscalYear(e.fiscalYear).label} ({fiscalYear(e.fiscalYear).start} – {fiscalYear(e.fiscalYear).end})
      </p>
      <div class="heading">
        <h1>{e.title}</h1>
        {can('envelope:write') && (
          <Link class="button secondary" href={`/enveloppes/${e.id}/modifier`}>
            {t('envelope.edit')}
          </Link>
        )}
      </div>
      {ledger}
      <h2>{t('envelope.arithmetic')}</h2>
      <Arithmetic computation={e.computation} />
      <div class="heading">
        <h2>{t('calls.title')}</h2>
        {can('call:write') && (
          <Link class="button" href={`/appels/nouveau?enveloppe=${e.id}`}>
            {t('calls.new')}
          </Link>
        )}
      </div>
      {/* The API's own figures: what the calls commit and what remains, kept with the envelope. */}
      <p data-testid="envelope-commitment">
        {t('envelope.committed')} <Money cents={e.committed} /> · {t('envelope.remaining')} <Money cents={e.remaining} />
      </p>
      {!calls.data ? (
        <Loading error={calls.error} />
      ) : calls.data.items.length === 0 ? (
        <p>{t('calls.empty')}</p>
      ) : (
        <ul class="cards">
          {calls.data.items.map((c) => (
            <li key={c.id}>
              <Link href={`/appels/${c.id}`}>{c.title}</Link> <PhaseBadge call={c} /> · <Money cents={c.amountAvailable} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
