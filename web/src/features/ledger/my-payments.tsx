/**
 * On the organization's home page: per signed agreement, what remains to be paid and when, its claims
 * awaiting a decision, and those refused in the last 60 days with their reason and where to submit them again.
 */
import { formatMoney } from '../../../../shared/money';
import { Link, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import { getMyPayments } from './api';

export function MyPayments() {
  const { membership, can } = useSession();
  const { tenantId } = membership;
  const mine = useResource(() => (can('agreement:own') ? getMyPayments(tenantId) : Promise.resolve({ items: [] })), [tenantId]);
  if (!can('agreement:own') || !mine.data || mine.data.items.length === 0) return null;
  return (
    <section aria-labelledby="my-payments">
      <h2 id="my-payments">{t('mypay.title')}</h2>
      <ul class="cards" data-testid="my-payments">
        {mine.data.items.map((p) => (
          <li key={p.agreementId}>
            <p>
              <Link href={`/ententes/${p.agreementId}/versements`}>{p.title}</Link>
            </p>
            <p>{t('mypay.toPay', { amount: formatMoney(p.toPay, getLang()) })}</p>
            {p.next && <p>{t('mypay.next', { amount: formatMoney(p.next.cents, getLang()), when: p.next.dueOn ?? t('mypay.nextOnSignature') })}</p>}
            {p.claimsPending > 0 && <p>{t('mypay.pending', { n: p.claimsPending })}</p>}
            {p.claimsRefused.map((r) => (
              <div key={r.claimId} class="alert alert-warning" data-testid="my-refused-claim">
                <p>
                  <strong>{t('mypay.refused', { start: r.period.start, end: r.period.end, amount: formatMoney(r.cents, getLang()) })}</strong>
                </p>
                <p>{t('claims.reasonWas', { reason: r.reason })}</p>
                <p>
                  <Link href={`/ententes/${p.agreementId}/versements`}>{t('mypay.submitAgain')}</Link>
                </p>
              </div>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
