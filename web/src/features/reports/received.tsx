/**
 * The managers' "Rapports reçus": the obstacle reports awaiting an answer first (each with its answer
 * form), then the yearly reports of a program and year with their status and due date, the late ones
 * marked. French first; the table scrolls in its own frame on a phone.
 */
import { useState } from 'preact/hooks';
import { fiscalYearLabel } from '../../../../shared/agreements';
import { Link, Loading, Success, Table, useResource } from '../../components/ui';
import { t } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import { listReports } from './api';
import { isLate, ObstacleCard, statusText } from './my-reports';
import { AnswerForm } from './report-page';
import './reports.css';

export function ReceivedReports() {
  const { membership, can } = useSession();
  const tenantId = membership.tenantId;
  const [program, setProgram] = useState('');
  const [year, setYear] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const res = useResource(() => listReports(tenantId, { program, ...(year ? { fiscalYear: Number(year) } : {}) }), [tenantId, program, year]);
  if (!can('report:read')) return null;
  if (!res.data) return <Loading error={res.error} />;
  const { programs, reports, obstacles } = res.data;
  const awaiting = obstacles.filter((o) => o.answer === null);
  const answered = obstacles.filter((o) => o.answer !== null);
  const years = [...new Set(reports.map((r) => r.fiscalYear))].sort((a, b) => b - a);
  return (
    <>
      <h1>{t('rep.received')}</h1>
      <Success text={notice} />
      {awaiting.length > 0 && (
        <section aria-labelledby="awaiting-title">
          <h2 id="awaiting-title">{t('obs.toAnswer')}</h2>
          {awaiting.map((o) => (
            <ObstacleCard key={o.id} o={o}>
              {can('report:write') && (
                <AnswerForm
                  o={o}
                  onDone={() => {
                    setNotice(t('obs.answerDone'));
                    res.reload();
                  }}
                />
              )}
            </ObstacleCard>
          ))}
        </section>
      )}
      <section aria-labelledby="yearly-title">
        <h2 id="yearly-title">{t('rep.yearlyReports')}</h2>
        <div class="row filters">
          <div class="field">
            <label for="rep-program">{t('rep.program')}</label>
            <select id="rep-program" value={program} onChange={(e) => setProgram((e.target as HTMLSelectElement).value)}>
              <option value="">{t('rep.allPrograms')}</option>
              {programs.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="rep-year">{t('rep.fiscalYear')}</label>
            <select id="rep-year" value={year} onChange={(e) => setYear((e.target as HTMLSelectElement).value)}>
              <option value="">{t('rep.allYears')}</option>
              {(year ? [Number(year)] : years).map((y) => (
                <option key={y} value={String(y)}>
                  {fiscalYearLabel(y)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {reports.length === 0 ? (
          <p>{t('rep.none')}</p>
        ) : (
          <Table label={t('rep.received')}>
            <thead>
              <tr>
                <th scope="col">{t('rep.organization')}</th>
                <th scope="col">{t('rep.project')}</th>
                <th scope="col">{t('rep.fiscalYear')}</th>
                <th scope="col">{t('rep.dueOn')}</th>
                <th scope="col">{t('rep.status')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} data-testid={`received-${r.id}`}>
                  <td>
                    <Link href={`/rapports/${r.id}`}>{r.organization.name}</Link>
                  </td>
                  <td>{r.projectTitle}</td>
                  <td>{fiscalYearLabel(r.fiscalYear)}</td>
                  <td>
                    {r.dueOn} {isLate(r) && <span class="badge badge-warning">{t('rep.late')}</span>}
                  </td>
                  <td>{statusText(r.status)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      {answered.length > 0 && (
        <section aria-labelledby="answered-title">
          <h2 id="answered-title">{t('obs.answered')}</h2>
          {answered.map((o) => (
            <ObstacleCard key={o.id} o={o} />
          ))}
        </section>
      )}
    </>
  );
}
