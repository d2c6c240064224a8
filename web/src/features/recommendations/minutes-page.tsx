/**
 * The minutes (procès-verbal) of one adoption, as a printable document: the institution's name at the top,
 * the call, the table, the recommendation as voted or agreed, who was present, the recusals, the tallies per
 * line ("au moins N membres sur E") or the consensus and its dissent, the outcome. The print stylesheet
 * (styles.css, `.print-doc`) makes a letter-size page with page numbers, without the navigation or buttons.
 */
import { describeRules } from '../../../../shared/adoption';
import { formatDateTime } from '../../../../shared/dates';
import { formatMoney } from '../../../../shared/money';
import { Link, Loading, Money, Table, useResource } from '../../components/ui';
import { getLang, loc, t } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import { getCall, getMinutes } from './api';

export function MinutesPage({ callId, number }: { callId: string; number: string }) {
  const { membership } = useSession();
  const tenantId = membership.tenantId;
  const call = useResource(() => getCall({ tenantId, callId }), [tenantId, callId]);
  const pv = useResource(() => getMinutes({ tenantId, callId, number }), [tenantId, callId, number]);
  if (!call.data || !pv.data) return <Loading error={call.error ?? pv.error} />;
  const m = pv.data;
  const lang = getLang();
  const rec = m.recommendation;
  const titles = new Map(rec.lines.map((l) => [l.proposalId, l.title]));
  const tallies = new Map((m.tallies ?? []).map((x) => [x.proposalId, x]));
  const rules = m.rules ? describeRules(m.rules) : null;
  return (
    <article class="print-doc" data-testid="minutes">
      <header class="print-header">
        <p class="print-institution">{membership.tenantName}</p>
        <p class="no-print">
          <Link href={`/appels/${callId}/recommandation`}>{t('rec.title')}</Link>{' '}
          <button type="button" class="secondary" onClick={() => window.print()}>
            {t('pv.print')}
          </button>
        </p>
      </header>
      <h1>{t('pv.title')}</h1>
      <dl class="print-facts">
        <dt>{t('pv.call')}</dt>
        <dd>{call.data.title}</dd>
        <dt>{t('pv.table')}</dt>
        <dd>{m.tableName}</dd>
        <dt>{t(m.mode === 'vote' ? 'pv.mode.vote' : 'pv.mode.consensus')}</dt>
        <dd>{formatDateTime(m.recordedAt, lang)}</dd>
      </dl>
      {rules && (
        <p class="hint">
          {loc(rules.quorum)} · {loc(rules.majority)} · {loc(rules.secrecy)}
        </p>
      )}
      <h2>{t('pv.version', { n: m.number })}</h2>
      <Table label={t('pv.version', { n: m.number })}>
        <thead>
          <tr>
            <th scope="col">{t('rec.proposal')}</th>
            <th scope="col">{t('rec.amount')}</th>
            <th scope="col">{t('rec.years')}</th>
            {m.tallies && (
              <>
                <th scope="col">{t('pv.for')}</th>
                <th scope="col">{t('pv.against')}</th>
                <th scope="col">{t('pv.abstain')}</th>
                <th scope="col">{t('pv.quorumCol')}</th>
                <th scope="col">{t('pv.outcomeCol')}</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {rec.lines.map((l) => {
            const x = tallies.get(l.proposalId);
            return (
              <tr key={l.proposalId} data-proposal={l.proposalId}>
                <td>
                  {l.title}
                  <br />
                  <small class="hint">{l.organizationName}</small>
                  {l.reason && (
                    <>
                      <br />
                      <small>{l.reason}</small>
                    </>
                  )}
                  {l.adjustmentReason && (
                    <>
                      <br />
                      <small>
                        {t('rec.adjustmentReason')} : {l.adjustmentReason}
                      </small>
                    </>
                  )}
                  {l.supplement && (
                    <>
                      <br />
                      <small class="supplement">
                        {t('rec.supplementShown', { amount: formatMoney(l.supplement.amount, lang), reason: l.supplement.reason })}
                      </small>
                    </>
                  )}
                </td>
                <td>
                  <Money cents={l.amount + (l.supplement?.amount ?? 0)} />
                </td>
                <td>{l.years}</td>
                {x && (
                  <>
                    <td>{x.for}</td>
                    <td>{x.against}</td>
                    <td>{x.abstain}</td>
                    <td>{t('pv.quorum', { n: x.quorum, e: x.electorate })}</td>
                    <td data-outcome={x.outcome}>{t(`pv.outcome.${x.outcome}`)}</td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </Table>
      <p>
        {t('rec.total')} : <Money cents={rec.total} /> / <Money cents={rec.amountAvailable} />
      </p>
      <h2>{t(m.mode === 'vote' ? 'pv.present.vote' : 'pv.present.consensus')}</h2>
      <ul>
        {m.present.map((p) => (
          <li key={p.userId}>
            {p.name} — {p.represents}
          </li>
        ))}
      </ul>
      <h2>{t('pv.recusals')}</h2>
      {m.recusals.length === 0 ? (
        <p>{t('pv.noRecusal')}</p>
      ) : (
        <ul data-testid="minutes-recusals">
          {m.recusals.map((r) => (
            <li key={`${r.userId}-${r.proposalId}`}>
              {t(m.mode === 'vote' ? 'pv.recusedFrom' : 'pv.absentFrom', {
                name: r.name,
                title: titles.get(r.proposalId) ?? r.proposalId,
                reason: t(`pv.reason.${r.reason}`),
              })}
            </li>
          ))}
        </ul>
      )}
      {m.mode === 'vote' &&
        (m.openBallots ? (
          <>
            <h2>{t('pv.openBallots')}</h2>
            <ul data-testid="minutes-open-ballots">
              {m.openBallots.map((b) => (
                <li key={b.userId}>
                  {b.name} :{' '}
                  {Object.entries(b.choices)
                    .map(([id, c]) => `${titles.get(id) ?? id} — ${t(`ballot.${c}`)}`)
                    .join(' ; ')}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="hint">{t('pv.secret')}</p>
        ))}
      {m.mode === 'consensus' && (
        <>
          <h2>{t('pv.dissent')}</h2>
          <p>{m.dissent ?? t('pv.noDissent')}</p>
        </>
      )}
      <p data-testid="minutes-result">
        <strong>{t(m.adopted ? 'pv.result.adopted' : 'pv.result.rejected')}</strong>
      </p>
      <p class="hint">{t('pv.recordedBy', { name: m.recordedByName, date: formatDateTime(m.recordedAt, lang) })}</p>
    </article>
  );
}
