/**
 * The report templates (modèles de rapport) for the managers: each program of the envelopes with its
 * template, or the default one not yet saved with a button to start from it; a template's editor (its
 * version and history, web/src/features/reports/templates-editor.tsx); the lexicon, printable
 * (templates-lexicon.tsx).
 */
import { useState } from 'preact/hooks';
import { Link, Loading, ProblemAlert, Success, Table, useForm, useResource } from '../../components/ui';
import { t } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session-context';
import { getReportTemplate, listReportTemplates, startReportTemplate } from './templates-api';
import { day, TEMPLATES_PAGE } from './templates-draft';
import { TemplateEditor } from './templates-editor';
import './templates.css';

/** `/modeles-de-rapport`: each program with its template or the default. */
export function ReportTemplatesPage() {
  const { membership, can } = useSession();
  const { tenantId } = membership;
  const data = useResource(() => listReportTemplates(tenantId), [tenantId]);
  const form = useForm();
  const [busyProgram, setBusyProgram] = useState<string | null>(null);
  if (!data.data) return <Loading error={data.error} />;
  const { items } = data.data;
  const start = async (program: string) => {
    setBusyProgram(program);
    const created = await form.run(() => startReportTemplate(tenantId, program), t('rtpl.started', { program }));
    setBusyProgram(null);
    if (created) navigate(`${TEMPLATES_PAGE}/${encodeURIComponent(created.id)}`);
  };
  return (
    <section>
      <h1>{t('rtpl.title')}</h1>
      <p>{t('rtpl.intro')}</p>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {items.length === 0 ? (
        <p>{t('rtpl.noPrograms')}</p>
      ) : (
        <Table label={t('rtpl.title')} data-testid="report-templates">
          <thead>
            <tr>
              <th scope="col">{t('rtpl.program')}</th>
              <th scope="col">{t('rtpl.template')}</th>
              <th scope="col">{t('rtpl.state')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((x) => (
              <tr key={x.program} data-testid="report-template-row">
                <th scope="row">{x.program}</th>
                <td>
                  {x.stored ? (
                    <ul class="plain">
                      <li>
                        <Link href={`${TEMPLATES_PAGE}/${encodeURIComponent(x.id)}`}>{t('rtpl.edit', { title: x.title })}</Link>
                      </li>
                      <li>
                        <Link href={`${TEMPLATES_PAGE}/${encodeURIComponent(x.id)}/lexique`}>{t('rtpl.lexicon.open', { program: x.program })}</Link>
                      </li>
                    </ul>
                  ) : (
                    can('report:write') && (
                      <button type="button" class="secondary" disabled={busyProgram !== null} onClick={() => void start(x.program)}>
                        {t('rtpl.start', { program: x.program })}
                      </button>
                    )
                  )}
                </td>
                <td>{x.stored ? t('rtpl.versionLine', { version: x.version, date: day(x.updatedAt) }) : <span class="muted">{t('rtpl.default')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}

/** `/modeles-de-rapport/:id`: one template's editor, with its version and its history. */
export function ReportTemplatePage({ id }: { id: string }) {
  const { membership } = useSession();
  const { tenantId } = membership;
  const [n, setN] = useState(0);
  const data = useResource(() => getReportTemplate({ tenantId, templateId: id }), [tenantId, id, n]);
  if (!data.data) {
    if (data.error?.status === 404)
      return (
        <section>
          <p>
            <Link href={TEMPLATES_PAGE}>{t('rtpl.back')}</Link>
          </p>
          <h1>{t('rtpl.title')}</h1>
          <p role="alert">{t('rtpl.notFound')}</p>
        </section>
      );
    return <Loading error={data.error} />;
  }
  // A reload starts again from the stored version: a new editor with nothing typed.
  return <TemplateEditor key={`${data.data.template.version}-${n}`} detail={data.data} onReload={() => setN(n + 1)} />;
}
