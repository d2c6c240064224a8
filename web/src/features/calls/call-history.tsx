/**
 * A call's history (piste d'audit), for its managers and the coordinators
 * of its table: every state change, oldest first, as a list that reads on a
 * phone (no wide table), and its CSV for Excel in French.
 */
import { callEventLabel, callEventValues } from '../../../../shared/call-history-format';
import { formatDateTime } from '../../../../shared/dates';
import { download } from '../../lib/api';
import { getLang, t } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import { Link, Loading, ProblemAlert, useForm, useResource } from '../../components/ui';
import { callHistoryCsvUrl, getCall, getCallHistory } from './api';

export function CallHistoryPage({ callId }: { callId: string }) {
  const { tenantId } = useSession().membership;
  const call = useResource(() => getCall(tenantId, callId), [tenantId, callId]);
  const history = useResource(() => getCallHistory(tenantId, callId), [tenantId, callId]);
  const file = useForm();
  if (!call.data || !history.data) return <Loading error={call.error ?? history.error} />;
  const lang = getLang();
  const events = history.data.items;
  return (
    <section>
      <p class="muted">
        <Link href={`/appels/${callId}`}>{call.data.title}</Link>
      </p>
      <h1>{t('history.title')}</h1>
      <p>{t('history.intro')}</p>
      <ProblemAlert problem={file.problem} />
      <p>
        <button
          type="button"
          class="secondary"
          disabled={file.busy}
          onClick={() => void file.run(() => download(callHistoryCsvUrl(tenantId, callId).toString(), 'historique.csv'))}
        >
          {t('history.download')}
        </button>
      </p>
      {events.length === 0 ? (
        <p>{t('history.none')}</p>
      ) : (
        <>
          <p class="hint">{t('history.montreal')}</p>
          <ol class="plain history" data-testid="call-history">
            {events.map((e) => {
              const before = callEventValues(e.before, lang);
              const after = callEventValues(e.after, lang);
              return (
                <li key={e.id} class="panel" data-kind={e.kind}>
                  <p>
                    <strong>{callEventLabel(e.kind, lang)}</strong>
                    {e.subject && <> — {e.subject}</>}
                  </p>
                  <p class="hint">
                    <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> · {t('history.by', { name: e.byName })}
                  </p>
                  {(before || after) && (
                    <dl class="facts">
                      {before && (
                        <>
                          <dt>{t('history.before')}</dt>
                          <dd>{before}</dd>
                        </>
                      )}
                      {after && (
                        <>
                          <dt>{t('history.after')}</dt>
                          <dd>{after}</dd>
                        </>
                      )}
                    </dl>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
