import type { ComponentChildren } from 'preact';
import { displayStatus } from '../../../../shared/domain';
import { formatDateTime } from '../../../../shared/dates';
import { useSession } from '../../lib/session-context';
import { Link, Loading, Money, StatusBadge, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import { PhaseBadge } from '../../components/phase-badge';
import { listCalls, listMyProposals, listMyRevisionRequests, type RevisionRequest } from './api';

/** The organization's proposals, grouped by call (the newest call first): the same project often comes back from year to year. */
/** `requests` shows the revision requests still open (the app shell composes it from the allocation feature). */
export function MyProposals({ requests: showRequests, page = false }: { requests?: (items: RevisionRequest[]) => ComponentChildren; page?: boolean }) {
  // Its own page's title (h1), or a section of the home page (h2); the calls' headings one level below.
  const Title = page ? 'h1' : 'h2';
  const Group = page ? 'h2' : 'h3';
  const { tenantId } = useSession().membership;
  const { data, error } = useResource(() => Promise.all([listMyProposals(tenantId), listCalls(tenantId), listMyRevisionRequests(tenantId)]), [tenantId]);
  if (!data) {
    return (
      <section>
        <Title>{t('nav.myProposals')}</Title>
        <Loading error={error} />
      </section>
    );
  }
  const [proposals, calls, requests] = data;
  const asked = new Map(requests.items.filter((r) => r.acceptingAnswers && r.proposalStatus !== 'withdrawn').map((r) => [r.proposalId, r]));
  const callOf = new Map(calls.items.map((c) => [c.id, c]));
  const groups = [...new Set(proposals.items.map((p) => p.callId))]
    .map((callId) => ({ callId, call: callOf.get(callId), items: proposals.items.filter((p) => p.callId === callId) }))
    .sort((a, b) => (b.call?.closesAt ?? '').localeCompare(a.call?.closesAt ?? ''));
  return (
    <section>
      <Title>{t('nav.myProposals')}</Title>
      {showRequests?.(requests.items)}
      {groups.length === 0 && <p>{t('proposals.empty')}</p>}
      {groups.map((g) => (
        <section key={g.callId} class="proposal-group" aria-label={g.call?.title ?? g.callId}>
          <Group>
            {g.call ? <Link href={`/appels/${g.callId}`}>{g.call.title}</Link> : g.callId} {g.call && <PhaseBadge call={g.call} />}
          </Group>
          <ul class="cards">
            {g.items.map((p) => (
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
                {asked.has(p.id) && (
                  <>
                    {' '}
                    <span class="badge badge-warning" data-testid="revision-asked">
                      {t('rev.badge')}
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

/** The calls open to organizations: its own page (h1), or a section of the home page (h2). */
export function OpenCalls({ page = false }: { page?: boolean }) {
  const Title = page ? 'h1' : 'h2';
  const { tenantId } = useSession().membership;
  const { data, error } = useResource(() => listCalls(tenantId), [tenantId]);
  const lang = getLang();
  return (
    <section>
      <Title>{t('calls.openTitle')}</Title>
      {!data ? (
        <Loading error={error} />
      ) : (
        <ul class="cards">
          {data.items
            .filter((c) => c.status === 'published')
            .map((c) => (
              <li key={c.id}>
                <Link href={`/appels/${c.id}`}>{c.title}</Link> <PhaseBadge call={c} />
                {c.access === 'invited' && (
                  <>
                    {' '}
                    <span class="badge">{t('callAccess.badge')}</span>
                  </>
                )}
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
