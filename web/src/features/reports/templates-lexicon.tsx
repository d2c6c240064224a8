/**
 * The lexicon (lexique) of a report template: every indicator with its definition, the kind of answer, the
 * N.A./N.C. allowed, the choices and the target, and the sections to write: printable, so that the
 * organizations and the funder share one vocabulary. The current version, or one version of the history.
 */
import { formatMoney } from '../../../../shared/money';
import type { Indicator } from '../../../../shared/reports';
import { Link, Loading, useResource } from '../../components/ui';
import { colon, getLang, t } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages';
import { useSession } from '../../lib/session-context';
import { day, TEMPLATES_PAGE } from './templates-draft';
import { dueText } from './templates-editor';
import { getReportTemplate, getReportTemplateVersion } from './templates-api';

function targetText(i: Pick<Indicator, 'type' | 'target'>): string {
  if (i.target === null) return '';
  if (i.type === 'amount') return formatMoney(i.target, getLang());
  const n = new Intl.NumberFormat(getLang() === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 2 }).format(i.target);
  return i.type === 'hours' ? `${n} h` : n;
}

/** `/modeles-de-rapport/:id/lexique` (`?version=<n>`: that version's). */
export function ReportLexiconPage({ id, version }: { id: string; version: string | null }) {
  const { membership } = useSession();
  const { tenantId } = membership;
  const data = useResource(
    () =>
      version
        ? getReportTemplateVersion({ tenantId, templateId: id, number: version })
        : getReportTemplate({ tenantId, templateId: id }).then((x) => x.template),
    [tenantId, id, version],
  );
  if (!data.data) return <Loading error={data.error} />;
  const tpl = data.data;
  return (
    <article class="print-doc rtpl-lexicon" data-testid="lexicon">
      <p class="no-print row">
        <Link href={TEMPLATES_PAGE}>{t('rtpl.back')}</Link>
        <Link href={`${TEMPLATES_PAGE}/${encodeURIComponent(tpl.id)}`}>{t('rtpl.lexicon.editor')}</Link>
        {version && <Link href={`${TEMPLATES_PAGE}/${encodeURIComponent(tpl.id)}/lexique`}>{t('rtpl.lexicon.current')}</Link>}
        <button type="button" onClick={() => window.print()}>
          {t('rtpl.lexicon.print')}
        </button>
      </p>
      <h1>{t('rtpl.lexicon.title', { title: tpl.title })}</h1>
      <p class="muted">
        {tpl.program} · {t('rtpl.versionLine', { version: tpl.version, date: day(tpl.updatedAt) })} · {t('rtpl.due')}
        {colon()} {dueText(tpl.due)}
      </p>
      <p>{t('rtpl.lexicon.intro')}</p>
      <dl class="rtpl-terms">
        {tpl.indicators.map((i) => (
          <div key={i.id} class="rtpl-term" data-testid="lexicon-term">
            <dt>{i.label}</dt>
            <dd>
              <p class="prose">{i.definition}</p>
              <ul class="rtpl-facts">
                <li>
                  {t('rtpl.lexicon.kind')}
                  {colon()} {t(`rtpl.type.${i.type}` as MessageKey)}
                </li>
                {i.options.length > 0 && (
                  <li>
                    {t('rtpl.lexicon.choices')}
                    {colon()} {i.options.map((o) => o.label).join(getLang() === 'fr' ? ' ; ' : '; ')}
                  </li>
                )}
                {i.allowNA && <li>{t('rtpl.lexicon.na')}</li>}
                {i.allowNC && <li>{t('rtpl.lexicon.nc')}</li>}
                {i.carriedOver && <li>{t('rtpl.lexicon.carried')}</li>}
                {i.target !== null && <li>{t('rtpl.lexicon.target', { target: targetText(i) })}</li>}
              </ul>
            </dd>
          </div>
        ))}
      </dl>
      {tpl.sections.length > 0 && (
        <>
          <h2>{t('rtpl.lexicon.sections')}</h2>
          <dl class="rtpl-terms">
            {tpl.sections.map((s) => (
              <div key={s.id} class="rtpl-term">
                <dt>{s.label}</dt>
                <dd>
                  <p class="prose">{s.help}</p>
                  {s.carriedOver && <p class="muted">{t('rtpl.lexicon.carried')}</p>}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </article>
  );
}
