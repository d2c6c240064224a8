/** The manager's queue of claims to decide (`/reclamations`): every submitted claim of the institution, oldest pages first, each decided in place. */
import { Link, Loading, Money, useResource } from '../../components/ui';
import { t } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import { listPendingClaims } from './api';
import { DecideClaim } from './payments-page';

export function ClaimsQueue() {
  const { membership } = useSession();
  const { tenantId } = membership;
  const q = useResource(() => listPendingClaims(tenantId), [tenantId]);
  if (!q.data) return <Loading error={q.error} />;
  return (
    <section>
      <h1>{t('claims.queue')}</h1>
      {q.data.items.length === 0 ? (
        <p>{t('claims.queue.empty')}</p>
      ) : (
        <ul class="cards" data-testid="claims-queue">
          {q.data.items.map((c) => (
            <li key={`${c.agreementId}-${c.id}`}>
              <p>
                <strong>{c.organizationName}</strong> · {c.agreementTitle}
              </p>
              <p>
                {c.period.start} – {c.period.end} · <Money cents={c.cents} />
              </p>
              <p>{c.note}</p>
              <p>
                <Link href={`/ententes/${c.agreementId}/versements`}>{t('claims.open')}</Link>
              </p>
              <details>
                <summary>
                  {t('claims.approve')} / {t('claims.refuse')}
                </summary>
                <DecideClaim tenantId={tenantId} claim={c} onDone={q.reload} />
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
