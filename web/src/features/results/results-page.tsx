/**
 * The public results, for anyone, without an account: an institution's
 * decided calls, and for each what was decided and how. French first, cards
 * rather than wide tables (a phone reads them), no person ever named (the API
 * publishes none: shared/public-results.ts).
 */
import { useEffect } from 'preact/hooks';
import { formatMoney } from '../../../../shared/money';
import { Link, Loading, Money, useResource } from '../../components/ui';
import { getLang, loc, t } from '../../lib/i18n';
import { tn } from '../../lib/plural';
import { downloadHref, getCallResults, getResultsIndex } from './api';

const money = (cents: number) => formatMoney(cents, getLang());
const fiscal = (year: number) => `${year}-${year + 1}`;

export function ResultsIndexPage({ tenantId }: { tenantId: string }) {
  const page = useResource(() => getResultsIndex(tenantId), [tenantId]);
  useEffect(() => {
    if (page.data) document.title = `${t('results.index.title')} · ${page.data.institution}`;
  }, [page.data]);
  if (!page.data) return <Loading error={page.error} />;
  const r = page.data;
  return (
    <section>
      <h1>{t('results.index.title')}</h1>
      <p class="muted">{t('results.index.intro', { institution: r.institution })}</p>
      {r.calls.length === 0 ? (
        <p>{t('results.index.none')}</p>
      ) : (
        <ul class="cards">
          {r.calls.map((c) => (
            <li key={c.callId}>
              <h2>
                <Link href={`/resultats/${tenantId}/${c.callId}`}>{c.title}</Link>
              </h2>
              <p>{c.envelopeTitle}</p>
              <p class="muted">{t('results.index.line', { year: fiscal(c.fiscalYear), date: c.decidedOn })}</p>
              <p>
                {tn('results.funded', c.funded)} · {t('results.total')} : <Money cents={c.total} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const named = (l: { organizationName: string | null; title: string | null }) =>
  l.organizationName === null ? t('results.notNamed') : `${l.organizationName} — ${l.title}`;

export function CallResultsPage({ tenantId, callId }: { tenantId: string; callId: string }) {
  const page = useResource(() => getCallResults(tenantId, callId), [tenantId, callId]);
  useEffect(() => {
    if (page.data) document.title = `${page.data.call.title} · ${t('results.index.title')}`;
  }, [page.data]);
  if (!page.data) return <Loading error={page.error} />;
  const r = page.data;
  const a = r.adoption;
  return (
    <article class="public-results">
      <p class="muted">{r.institution}</p>
      <h1>{r.call.title}</h1>
      <dl class="facts">
        <dt>{t('results.envelope')}</dt>
        <dd>
          {r.envelope.title} ({r.envelope.program})
        </dd>
        <dt>{t('results.fiscalYear')}</dt>
        <dd>{fiscal(r.envelope.fiscalYear)}</dd>
        <dt>{t('results.available')}</dt>
        <dd>
          <Money cents={r.call.amountAvailable} />
        </dd>
        <dt>{t('results.total')}</dt>
        <dd>
          <Money cents={r.total} />
        </dd>
        <dt>{t('results.method')}</dt>
        <dd>
          {r.method ? (
            <>
              <strong>{loc(r.method.label)}</strong>. {loc(r.method.sentence)}
            </>
          ) : (
            t('results.method.manual')
          )}
        </dd>
        <dt>{t('results.decidedOn')}</dt>
        <dd>{r.decidedOn}</dd>
      </dl>
      <p>
        {t('results.downloads')} :{' '}
        <a href={downloadHref(tenantId, callId, 'csv')} download>
          {t('results.csv')}
        </a>{' '}
        ·{' '}
        <a href={downloadHref(tenantId, callId, 'json')} download>
          {t('results.json')}
        </a>
      </p>

      <h2>{t('results.fundedTitle')}</h2>
      {r.funded.length === 0 ? (
        <p>{t('results.noneFunded')}</p>
      ) : (
        <ul class="cards">
          {r.funded.map((l) => (
            <li key={`${l.organizationName}|${l.title}`}>
              <h3>{l.organizationName}</h3>
              <p>{l.title}</p>
              <p>
                <strong>
                  <Money cents={l.amount} />
                </strong>{' '}
                · {tn('results.years', l.years)}
              </p>
              {l.perYear.length > 1 && (
                <p class="muted">{l.perYear.map((amount, i) => t('results.perYear', { n: i + 1, amount: money(amount) })).join(' · ')}</p>
              )}
              {l.supplement && <p>{t('results.supplement', { amount: money(l.supplement.amount), reason: l.supplement.reason })}</p>}
            </li>
          ))}
        </ul>
      )}
      <p>{tn('results.notFunded', r.notFunded)}</p>

      <h2>{t(`results.adoption.${a.mode}`)}</h2>
      {a.mode === 'administration' && <p>{t('results.adoption.administrationText')}</p>}
      {a.mode === 'consensus' && (
        <>
          <p>
            {t('results.consensus.reached', { date: a.reachedOn })} {tn('results.consensus.present', a.present)}.
          </p>
          <p>{a.dissentNoted ? t('results.consensus.dissent') : t('results.consensus.noDissent')}</p>
        </>
      )}
      {a.mode === 'vote' && (
        <>
          <p>
            {t('results.vote.closedOn', { date: a.closedOn })} · {tn('results.vote.members', a.members)} · {t(`results.vote.${a.majority}`)} ·{' '}
            {t(a.secret ? 'results.vote.secret' : 'results.vote.open')}
          </p>
          <ul class="cards">
            {a.lines.map((l, i) => (
              <li key={i}>
                <h3>{named(l)}</h3>
                <p>
                  <strong>{t(`results.outcome.${l.outcome}`)}</strong>
                </p>
                <p>{t('results.vote.tally', { for: l.for, against: l.against, abstain: l.abstain })}</p>
                <p class="muted">
                  {t('results.vote.electorate', { electorate: l.electorate, quorum: l.quorum })} · {tn('results.vote.recused', l.recused)}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}

      {r.basis === 'recommendation' && (
        <>
          <h2>{t('results.departures')}</h2>
          {r.departures.length === 0 ? (
            <p>{t('results.departures.none')}</p>
          ) : (
            <ul class="cards">
              {r.departures.map((d, i) => (
                <li key={i}>
                  <h3>{named(d)}</h3>
                  <p>{t('results.departures.amounts', { recommended: money(d.recommended), decided: money(d.decided) })}</p>
                  <p>{t('results.reason', { reason: d.reason })}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}

      {r.amendments.length > 0 && (
        <>
          <h2>{t('results.amendments')}</h2>
          <ul class="cards">
            {r.amendments.map((m) => (
              <li key={m.number}>
                <h3>{t('results.amendment', { n: m.number, date: m.on })}</h3>
                <p>{t('results.reason', { reason: m.reason })}</p>
                {m.changes.map((c, i) => (
                  <p key={i}>
                    {named(c)} : {t('results.amendment.change', { amount: money(c.after), before: money(c.before) })}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link href={`/resultats/${tenantId}`}>{t('results.allIndex')}</Link>
      </p>
    </article>
  );
}

/** For the staff on a call's page: the link to its public results, once they are published (nothing before). */
export function PublicResultsLink({ tenantId, callId }: { tenantId: string; callId: string }) {
  const page = useResource(() => getCallResults(tenantId, callId), [tenantId, callId]);
  if (!page.data) return null;
  return (
    <p>
      <Link href={`/resultats/${tenantId}/${callId}`}>{t('results.staffLink')}</Link>
    </p>
  );
}
