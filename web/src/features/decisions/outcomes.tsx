/**
 * What an organization reads of the decisions on its proposals (its own
 * lines only, from /my/outcomes): on the proposal's page and in its list of
 * projects; and, for the institution's people, the way to a call's decision.
 */
import { formatDateTime } from '../../../../shared/dates';
import { formatMoney } from '../../../../shared/money';
import { Link, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import { listMyOutcomes, type Outcome } from './api';

function OutcomeText({ o }: { o: Outcome }) {
  const lang = getLang();
  const years = o.years === 2 ? t('dec.twoYears') : t('dec.oneYear');
  const perYear = o.perYear.every((y) => y === o.perYear[0]);
  return (
    <>
      <strong data-testid={`outcome-${o.proposalId}`}>
        {!o.funded
          ? t('outcome.notFunded')
          : o.years === 1
            ? t('outcome.fundedOneYear', { amount: formatMoney(o.amount, lang) })
            : perYear
              ? t('outcome.funded', { amount: formatMoney(o.perYear[0] ?? o.amount, lang), years })
              : t('outcome.fundedTotal', { amount: o.perYear.map((y) => formatMoney(y, lang)).join(' + ') })}
      </strong>
      {o.supplement && <div>{t('dec.supplementOf', { amount: formatMoney(o.supplement.amount, lang), reason: o.supplement.reason })}</div>}
      <div>{t('outcome.reason', { reason: o.reason })}</div>
      {o.amendedAt && <div class="muted">{t('outcome.amendedAt', { at: formatDateTime(o.amendedAt, lang) })}</div>}
      <Link href={`/appels/${o.callId}/decision/lettres/${o.proposalId}`}>{t('outcome.letter')}</Link>
    </>
  );
}

/** The decision on one proposal, on its page (its organization only). */
export function ProposalOutcome({ proposalId }: { proposalId: string }) {
  const { tenantId } = useSession().membership;
  const { data } = useResource(() => listMyOutcomes(tenantId), [tenantId]);
  const o = data?.items.find((i) => i.proposalId === proposalId);
  if (!o) return null;
  return (
    <section class="panel" aria-label={t('outcome.title')}>
      <h2>{t('outcome.title')}</h2>
      <OutcomeText o={o} />
    </section>
  );
}

/** The decisions on the organization's proposals, at the top of its list of projects. */
export function MyOutcomes() {
  const { tenantId } = useSession().membership;
  const { data } = useResource(() => listMyOutcomes(tenantId), [tenantId]);
  if (!data || data.items.length === 0) return null;
  return (
    <section aria-label={t('outcome.mine')}>
      <h3>{t('outcome.mine')}</h3>
      <ul class="cards">
        {data.items.map((o) => (
          <li key={o.proposalId}>
            <Link href={`/appels/${o.callId}/projets/${o.proposalId}`}>{o.title}</Link> · {o.callTitle}
            <div>
              <OutcomeText o={o} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The way to a call's decision, on the call's page, for those who read it. */
export function DecisionLink({ callId }: { callId: string }) {
  const { can } = useSession();
  if (!can('decision:read')) return null;
  return (
    <p>
      <Link href={`/appels/${callId}/decision`}>{t('dec.link')}</Link>
    </p>
  );
}
