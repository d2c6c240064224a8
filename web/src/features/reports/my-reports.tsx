/**
 * The organization's reports: each yearly report with its period, due date and status in plain words
 * ("Mes rapports", and the "Rapports à remettre" block of its home page), the obstacle form and the
 * obstacle reports with the funder's answers. French first; nothing wider than a phone.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { fiscalYearLabel } from '../../../../shared/agreements';
import { formatDateTime } from '../../../../shared/dates';
import { Field, Link, Loading, ProblemAlert, Success, useForm, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages';
import { useSession } from '../../lib/session-context';
import { fileObstacle, listMyAgreements, listMyReports, type Obstacle, type Yearly } from './api';
import './reports.css';

export const statusText = (s: Yearly['status']) => t(`rep.status.${s}` as MessageKey);
const today = () => new Date().toISOString().slice(0, 10);
/** Due and not yet sent to the funder. */
const isOpen = (r: Yearly) => r.status === 'not-started' || r.status === 'draft' || r.status === 'reopened';
export const isLate = (r: Yearly) => isOpen(r) && r.dueOn < today();

/** One yearly report in a list: its year, project, period, due date and status. */
function ReportCard({ r }: { r: Yearly }) {
  return (
    <div class="panel report-card" data-testid={`report-${r.id}`}>
      <h3>
        <Link href={`/rapports/${r.id}`}>{t('rep.yearly', { fy: fiscalYearLabel(r.fiscalYear) })}</Link>
      </h3>
      <p>{r.projectTitle}</p>
      <p>{t('rep.period', { start: r.period.start, end: r.period.end })}</p>
      <p>
        {t('rep.due', { date: r.dueOn })}
        {isLate(r) && <span class="badge badge-warning">{t('rep.late')}</span>}
      </p>
      <p>
        <span class={`badge report-status report-${r.status}`} data-testid="report-status">
          {statusText(r.status)}
        </span>
      </p>
    </div>
  );
}

/** On the organization's home page: its reports still to hand in (nothing when there are none). */
export function ReportsToHandIn() {
  const { membership, can } = useSession();
  const res = useResource(() => (can('report:own') ? listMyReports(membership.tenantId) : Promise.resolve(null)), [membership.tenantId]);
  if (!can('report:own') || !res.data) return null;
  const open = res.data.reports.filter(isOpen).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  if (open.length === 0) return null;
  return (
    <section aria-label={t('rep.toHandIn')}>
      <h2>{t('rep.toHandIn')}</h2>
      {open.map((r) => (
        <ReportCard key={r.id} r={r} />
      ))}
      <p>
        <Link href="/rapports">{t('rep.toHandIn.all')}</Link>
      </p>
    </section>
  );
}

/** An obstacle report as its organization reads it, with the funder's answer when there is one. */
export function ObstacleCard({ o, children }: { o: Obstacle; children?: ComponentChildren }) {
  const lang = getLang();
  return (
    <article class="panel obstacle" data-testid={`obstacle-${o.id}`}>
      <h3>
        {t('obs.kind')} — {o.projectTitle}
      </h3>
      <p class="hint">
        {o.organization.name} · {t('obs.filedOn', { date: formatDateTime(o.filedAt, lang), name: o.filedByName })}
      </p>
      <h4>{t('obs.obstacle')}</h4>
      <p class="prewrap">{o.obstacle}</p>
      <h4>{t('obs.request')}</h4>
      <p class="prewrap">{o.request}</p>
      {o.answer ? (
        <div class="obstacle-answer" data-testid="obstacle-answer">
          <h4>{t('obs.answer')}</h4>
          <p class="hint">{t('obs.answeredOn', { name: o.answer.byName, date: formatDateTime(o.answer.at, lang) })}</p>
          <p class="prewrap">{o.answer.text}</p>
        </div>
      ) : (
        <p>
          <span class="badge badge-warning">{t('obs.awaiting')}</span>
        </p>
      )}
      {children}
    </article>
  );
}

/** "Signaler un obstacle": which signed agreement, the obstacle, what was done or is asked. */
function ObstacleForm({ onFiled }: { onFiled: () => void }) {
  const { membership } = useSession();
  const tenantId = membership.tenantId;
  const agreements = useResource(() => listMyAgreements(tenantId), [tenantId]);
  const form = useForm();
  const [agreementId, setAgreementId] = useState('');
  const [obstacle, setObstacle] = useState('');
  const [request, setRequest] = useState('');
  const [confirmed, setConfirmed] = useState<{ field: string; text: string }[]>([]);
  if (!agreements.data) return <Loading error={agreements.error} />;
  const signed = agreements.data.items.map((x) => x.agreement).filter((a) => a.status === 'signed');
  if (signed.length === 0) return <p>{t('obs.noAgreement')}</p>;
  const hits = (form.problem?.body.hits ?? []) as { field: string; kind: string; text: string }[];
  const send = async (extra: { field: string; text: string }[] = confirmed) => {
    // Just sent and nothing typed since (a second click, Enter again): nothing to check, the success stays.
    if (form.done && !obstacle && !request) return;
    const errors: Record<string, string> = {};
    if (!agreementId) errors.agreementId = t('obs.chooseAgreement');
    if (!obstacle.trim()) errors.obstacle = t('obs.obstacleHint');
    if (!request.trim()) errors.request = t('obs.request');
    if (Object.keys(errors).length > 0) return form.setErrors(errors);
    const out = await form.run(() => fileObstacle(tenantId, { agreementId, obstacle, request, confirmedHits: extra }), t('obs.sent'));
    if (out) {
      // Emptied for the next obstacle, with no error on its emptied fields.
      form.setErrors({});
      setObstacle('');
      setRequest('');
      setConfirmed([]);
      onFiled();
    }
  };
  return (
    <form
      class="panel"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h3>{t('obs.report')}</h3>
      <p>{t('obs.intro')}</p>
      <ProblemAlert problem={form.problem} title={t('rep.problemTitle')} />
      <Success text={form.done} />
      <Field label={t('obs.agreement')} error={form.errors.agreementId}>
        {(a) => (
          <select {...a} value={agreementId} onChange={(e) => setAgreementId((e.target as HTMLSelectElement).value)}>
            <option value="">{t('obs.chooseAgreement')}</option>
            {signed.map((x) => (
              <option key={x.id} value={x.id}>
                {x.object.title} ({x.period.start} – {x.period.end})
              </option>
            ))}
          </select>
        )}
      </Field>
      <p class="privacy-warning">{t('rep.privacy')}</p>
      <Field label={t('obs.obstacle')} hint={t('obs.obstacleHint')} error={form.errors.obstacle}>
        {(a) => <textarea {...a} rows={4} value={obstacle} onInput={(e) => setObstacle((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      <Field label={t('obs.request')} error={form.errors.request}>
        {(a) => <textarea {...a} rows={3} value={request} onInput={(e) => setRequest((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      {hits.length > 0 && (
        <ul class="hits">
          {hits.map((h) => (
            <li key={`${h.field}-${h.text}`}>
              {h.text} ({h.field === 'obstacle' ? t('obs.obstacle') : t('obs.request')}){' '}
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  const next = [...confirmed, { field: h.field, text: h.text }];
                  setConfirmed(next);
                  void send(next);
                }}
              >
                {t('rep.hits.confirm')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="submit" disabled={form.busy}>
          {t('obs.send')}
        </button>
      </div>
    </form>
  );
}

/** "Mes rapports": the yearly reports, newest year first, and the obstacle reports with their answers. */
export function MyReports() {
  const { membership, can } = useSession();
  const res = useResource(() => listMyReports(membership.tenantId), [membership.tenantId]);
  if (!can('report:own')) return null;
  if (!res.data) return <Loading error={res.error} />;
  const { reports, obstacles } = res.data;
  return (
    <>
      <h1>{t('rep.mine')}</h1>
      {reports.length === 0 && <p>{t('rep.mine.none')}</p>}
      {reports.map((r) => (
        <ReportCard key={r.id} r={r} />
      ))}
      <section aria-labelledby="obstacles-title">
        <h2 id="obstacles-title">{t('obs.title')}</h2>
        <ObstacleForm onFiled={res.reload} />
        {obstacles.length === 0 && <p>{t('obs.none')}</p>}
        {obstacles.map((o) => (
          <ObstacleCard key={o.id} o={o} />
        ))}
      </section>
    </>
  );
}
