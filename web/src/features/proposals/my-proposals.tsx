import type { Call, Page, Proposal } from '../../../../shared/domain';
import { displayStatus } from '../../../../shared/domain';
import { formatDateTime } from '../../../../shared/dates';
import { useSession } from '../../app/session';
import { Link, Loading, Money, StatusBadge, useResource } from '../../components/ui';
import { get } from '../../lib/api';
import { getLang, t } from '../../lib/i18n';
import { PhaseBadge } from '../calls/phase-badge';

export function MyProposals() {
  const { base } = useSession();
  const { data, error } = useResource(() => get<Page<Proposal>>(`${base}/my/proposals`), [base]);
  return (
    <section>
      <h2>{t('nav.myProposals')}</h2>
      {!data ? (
        <Loading error={error} />
      ) : data.items.length === 0 ? (
        <p>{t('proposals.empty')}</p>
      ) : (
        <ul class="cards">
          {data.items.map((p) => (
            <li key={p.id}>
              <Link href={p.status === 'draft' ? `/appels/${p.callId}/projets/${p.id}/modifier` : `/appels/${p.callId}/projets/${p.id}`}>
                {p.content?.title ?? p.draft.title ?? t('proposal.untitled')}
              </Link>{' '}
              <StatusBadge status={displayStatus(p)} />
              {p.content && (
                <span>
                  {' '}
                  · <Money cents={p.content.requested} />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function OpenCalls() {
  const { base } = useSession();
  const { data, error } = useResource(() => get<Page<Call>>(`${base}/calls`), [base]);
  const lang = getLang();
  return (
    <section>
      <h2>{t('calls.openTitle')}</h2>
      {!data ? (
        <Loading error={error} />
      ) : (
        <ul class="cards">
          {data.items
            .filter((c) => c.status === 'published')
            .map((c) => (
              <li key={c.id}>
                <Link href={`/appels/${c.id}`}>{c.title}</Link> <PhaseBadge call={c} />
                <div class="muted">
                  {t('call.closesAt')} {formatDateTime(c.closesAt, lang)} · {t('call.maxRequest')} <Money cents={c.maxRequest} />
                </div>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
