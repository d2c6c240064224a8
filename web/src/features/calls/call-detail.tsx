/**
 * A call for projects: its terms for everyone; publishing for its manager;
 * the submissions against the amount available for screeners; and, for an
 * organization, the way to start a proposal while the call is open.
 */
import type { ComponentChildren } from 'preact';
import { displayStatus } from '../../../../shared/domain';
import { isOpenTo } from '../../../../shared/call-access';
import { formatDateTime, instantToMontrealLocal, montrealLocalToInstant } from '../../../../shared/dates';
import { useState } from 'preact/hooks';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session-context';
import { Field, Link, Loading, Money, ProblemAlert, StatusBadge, Success, Table, useForm, useResource } from '../../components/ui';
import { extendCallSchema } from '../../../../shared/schemas/call';
import { getLang, t } from '../../lib/i18n';
import { confirmAction } from '../../components/confirm';
import { PhaseBadge } from '../../components/phase-badge';
import { CallAccessFacts } from './call-access';
import { extendCall, getCall, getSubmissionsSummary, listSubmissions, publishCall, startProposal, type Call, type SubmissionsPage } from './api';

/**
 * `revision` is the organization's part of a revision round on this call, composed by the app shell from the allocation feature;
 * `results`, the link to the call's public results once decided, from the results feature.
 * `decision`, the way to the institution's decision (the decisions feature).
 */
export function CallDetail({
  id,
  revision,
  results,
  decision,
}: {
  id: string;
  revision?: ComponentChildren;
  results?: ComponentChildren;
  decision?: ComponentChildren;
}) {
  const { can, membership } = useSession();
  const { tenantId } = membership;
  const call = useResource(() => getCall(tenantId, id), [tenantId, id]);
  const form = useForm();
  if (!call.data) return <Loading error={call.error} />;
  const c = call.data;
  const lang = getLang();

  async function publish() {
    const ok = await confirmAction({ title: t('call.confirmPublish.title'), body: t('call.confirmPublish.body'), confirm: t('call.publish') });
    if (!ok) return;
    const saved = await form.run(() => publishCall(tenantId, id, { version: c.version }), t('call.published'));
    if (saved) call.setData(saved);
  }

  async function start() {
    const created = await form.run(() => startProposal(tenantId, id, { draft: {} }));
    if (created) navigate(`/appels/${id}/projets/${created.id}/modifier`);
  }

  return (
    <section>
      <p>
        <PhaseBadge call={c} />
      </p>
      <h1>{c.title}</h1>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {c.description && <p class="prose">{c.description}</p>}
      <dl class="facts">
        <dt>{t('call.amountAvailable')}</dt>
        <dd>
          <Money cents={c.amountAvailable} />
        </dd>
        <dt>{t('call.maxRequest')}</dt>
        <dd>
          <Money cents={c.maxRequest} />
        </dd>
        <dt>{t('call.opensAt')}</dt>
        <dd>
          {formatDateTime(c.opensAt, lang)} ({t('call.montrealTime')})
        </dd>
        <dt>{t('call.closesAt')}</dt>
        <dd data-testid="closes-at">
          {formatDateTime(c.closesAt, lang)} ({t('call.montrealTime')})
        </dd>
        {c.extensions.length > 0 && (
          <>
            <dt>{t('call.extensions')}</dt>
            <dd>
              <ul class="plain" data-testid="call-extensions">
                {c.extensions.map((x) => (
                  <li key={x.at}>
                    {t('call.extended', { from: formatDateTime(x.from, lang), to: formatDateTime(x.to, lang), at: formatDateTime(x.at, lang) })} {x.reason}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t('call.durations')}</dt>
        <dd>{c.allowedDurations.length === 2 ? t('call.oneOrTwoYears') : t('call.oneYear')}</dd>
      </dl>
      <CallAccessFacts call={c} onSaved={call.setData} />
      <h2>{t('call.criteria')}</h2>
      <ol>
        {c.eligibilityCriteria.map((k) => (
          <li key={k.id}>
            <strong>{k.label}</strong>
            {k.description && <div class="muted">{k.description}</div>}
          </li>
        ))}
      </ol>
      {c.needs.length > 0 && (
        <>
          <h2>{t('call.needs')}</h2>
          <ol data-testid="call-needs">
            {c.needs.map((n) => (
              <li key={n.id}>{n.statement}</li>
            ))}
          </ol>
        </>
      )}
      {(can('scoring:manage') || can('scoring:evaluate')) && c.status === 'published' && (
        <p class="row">
          <Link href={`/appels/${id}/evaluation`}>{t('scoring.link')}</Link>
          {can('scoring:manage') && <Link href={`/appels/${id}/repartition`}>{t('alloc.link')}</Link>}
          <Link href={`/appels/${id}/vote`}>{t('pbv.link')}</Link>
        </p>
      )}
      {can('call:history') && c.status === 'published' && (
        <p>
          <Link href={`/appels/${id}/historique`}>{t('history.link')}</Link>
        </p>
      )}
      {c.status === 'published' && decision}
      {can('recommendation:read') && c.tableId && c.status === 'published' && (
        <p class="row">
          <Link href={`/appels/${id}/recommandation`}>{t('rec.link')}</Link>
        </p>
      )}
      {can('proposal:own') && membership.organizationId && revision}
      {c.status === 'published' && results}
      {can('call:write') && c.status === 'draft' && (
        <div class="actions">
          <Link class="button secondary" href={`/appels/${id}/modifier`}>
            {t('call.edit')}
          </Link>
          <button type="button" onClick={() => void publish()} disabled={form.busy}>
            {t('call.publish')}
          </button>
        </div>
      )}
      {can('call:write') && c.status === 'published' && c.phase !== 'closed' && <ExtendDeadline call={c} onSaved={call.setData} />}
      {can('proposal:own') && membership.organizationId && !isOpenTo(c, membership.organizationId) && (
        <p class="hint" data-testid="not-invited">
          {t('callAccess.notInvitedStaff')}
        </p>
      )}
      {can('proposal:own') && membership.organizationId && isOpenTo(c, membership.organizationId) && c.phase === 'open' && c.status === 'published' && (
        <button type="button" onClick={() => void start()} disabled={form.busy}>
          {t('proposal.start')}
        </button>
      )}
      {can('submissions:read') && <Submissions callId={id} />}
    </section>
  );
}

/** A manager moves a published call's deadline later, with the reason organizations will read on the call. */
function ExtendDeadline({ call, onSaved }: { call: Call; onSaved: (c: Call) => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [closesAt, setClosesAt] = useState(() => instantToMontrealLocal(new Date(call.closesAt)).slice(0, 16));
  const [reason, setReason] = useState('');
  async function extend(e: Event) {
    e.preventDefault();
    const instant = montrealLocalToInstant(closesAt);
    if (!form.check(extendCallSchema, { version: call.version, closesAt: instant?.toISOString() ?? '', reason })) return;
    const ok = await confirmAction({
      title: t('call.confirmExtend.title'),
      body: t('call.confirmExtend.body', { to: formatDateTime(instant!, getLang()) }),
      confirm: t('call.extendSubmit'),
    });
    if (!ok) return;
    const saved = await form.run(
      () => extendCall(tenantId, call.id, { version: call.version, closesAt: instant!.toISOString(), reason }),
      t('call.extendedDone'),
    );
    if (saved) {
      setReason('');
      onSaved(saved);
    }
  }
  // A rare action: folded until the manager opens it.
  return (
    <details class="panel" data-testid="extend-deadline">
      <summary>{t('call.extend')}</summary>
      <form onSubmit={(e) => void extend(e)} noValidate>
        <p class="hint">{t('call.extendHint')}</p>
        <ProblemAlert problem={form.problem} />
        <Success text={form.done} />
        <div class="row">
          <Field label={t('call.newClosesAt')} error={form.errors.closesAt} hint={t('call.montrealTime')}>
            {(a) => <input {...a} type="datetime-local" value={closesAt} onInput={(e) => setClosesAt((e.target as HTMLInputElement).value)} />}
          </Field>
          <Field label={t('call.extendReason')} error={form.errors.reason}>
            {(a) => <input {...a} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />}
          </Field>
        </div>
        <button type="submit" class="secondary" disabled={form.busy}>
          {t('call.extendSubmit')}
        </button>
      </form>
    </details>
  );
}

function Submissions({ callId }: { callId: string }) {
  const { tenantId } = useSession().membership;
  const summary = useResource(() => getSubmissionsSummary(tenantId, callId), [tenantId, callId]);
  const list = useResource(() => listSubmissions(tenantId, callId), [tenantId, callId]);
  // Pages after the first, appended as the person asks for them.
  const [later, setLater] = useState<SubmissionsPage | null>(null);
  const more = useForm();
  const cursor = later ? later.cursor : list.data?.cursor;
  async function showMore() {
    if (!cursor) return;
    const page = await more.run(() => listSubmissions(tenantId, callId, cursor));
    if (page) setLater({ items: [...(later?.items ?? []), ...page.items], cursor: page.cursor });
  }
  return (
    <>
      <h2>{t('submissions.title')}</h2>
      {summary.data && (
        <div class={`summary${summary.data.excess > 0 ? ' over' : ''}`} data-testid="submissions-summary">
          <p>
            {t('submissions.totalRequested')} <Money cents={summary.data.totalRequested} /> · {t('call.amountAvailable')}{' '}
            <Money cents={summary.data.amountAvailable} />
          </p>
          {summary.data.excess > 0 && (
            <p>
              <strong>
                {t('submissions.excess')} <Money cents={summary.data.excess} />
              </strong>
            </p>
          )}
          <meter
            min={0}
            max={Math.max(summary.data.totalRequested, summary.data.amountAvailable)}
            value={summary.data.amountAvailable}
            aria-label={t('submissions.coverage')}
          />
        </div>
      )}
      {summary.data && summary.data.byNeed.length > 0 && (
        <Table data-testid="by-need">
          <caption>{t('submissions.byNeed')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('needs.statement')}</th>
              <th scope="col" class="num">
                {t('submissions.byNeedCount')}
              </th>
              <th scope="col" class="num">
                {t('proposal.requested')}
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.data.byNeed.map((n) => (
              <tr key={n.needId}>
                <td>{n.statement}</td>
                <td class="num">{n.proposals}</td>
                <td class="num">
                  <Money cents={n.requested} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {!list.data ? (
        <Loading error={list.error} />
      ) : list.data.items.length === 0 ? (
        <p>{t('submissions.empty')}</p>
      ) : (
        <Table label={t('submissions.title')}>
          <thead>
            <tr>
              <th scope="col">{t('proposal.organization')}</th>
              <th scope="col">{t('proposal.title')}</th>
              <th scope="col" class="num">
                {t('proposal.requested')}
              </th>
              <th scope="col" class="num">
                {t('proposal.minimum')}
              </th>
              <th scope="col">{t('proposal.status')}</th>
            </tr>
          </thead>
          <tbody>
            {[...list.data.items, ...(later?.items ?? [])].map((p) => (
              <tr key={p.id}>
                <td>{p.organizationName}</td>
                <td>
                  <Link href={`/appels/${callId}/projets/${p.id}`}>{p.title}</Link>
                </td>
                <td class="num">
                  <Money cents={p.requested} />
                </td>
                <td class="num">
                  <Money cents={p.minimum} />
                </td>
                <td>
                  <StatusBadge status={displayStatus(p)} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {more.problem && <ProblemAlert problem={more.problem} />}
      {cursor && (
        <button type="button" class="secondary" onClick={() => void showMore()} disabled={more.busy}>
          {t('submissions.more')}
        </button>
      )}
    </>
  );
}
