/**
 * The funder's dashboard of a program (`/rapports/tableau-de-bord/:templateId`), read like seed 003's
 * tables: the reports received per organization and year (Table 2, obstacle reports starred), per
 * indicator a table with the organizations as rows and the fiscal years as columns (N.A., N.C., "non reçu"
 * and 0 each shown as such, the totals leaving N.C. out with their footnote), the "X" tables of the choices
 * (Table 4), a chart per count indicator with its data table one click away, and the CSV for Excel.
 * Also the list of the programs' dashboards, and the organization's "Résultats du programme"
 * (`/rapports/resultats`): the totals its reports fed, without any other organization's row.
 */
import { useState } from 'preact/hooks';
import { fiscalYearLabel } from '../../../../shared/agreements';
import { formatMoney } from '../../../../shared/money';
import { Link, Loading, ProblemAlert, Table, useForm, useResource } from '../../components/ui';
import { download } from '../../lib/api';
import { colon, getLang, t, useLang } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import { type ChartSeries, IndicatorChart } from './dashboard-chart';
import { dashboardCsvUrl, getDashboard, getProgramResults, listDashboards, type DashboardData, type ProgramResultsData } from './dashboard-api';
import './dashboard.css';

type NumberTable = Extract<DashboardData['indicators'][number], { kind: 'number' }>;
type ChoicesTable = Extract<DashboardData['indicators'][number], { kind: 'choices' }>;
type YesNoTable = Extract<DashboardData['indicators'][number], { kind: 'yes-no' }>;
type Head = NumberTable['indicator'];
type Status = 'na' | 'nc' | 'missing' | 'not-received' | 'none';

/** A figure as Quebec writes it: `12 345`, hours `12,5`, amounts `12 345,67 $`. */
function formatter(type: Head['type']): (n: number) => string {
  if (type === 'amount') return (n) => formatMoney(n, getLang());
  const nf = new Intl.NumberFormat(getLang() === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 2 });
  return (n) => nf.format(n);
}

const statusText = (s: Status) => t(`dash.cell.${s}`);

function Legend({ footnote }: { footnote: boolean }) {
  return (
    <ul class="dash-legend" aria-label={t('dash.legend')}>
      <li>{t('dash.legend.na')}</li>
      <li>{t('dash.legend.nc')}</li>
      <li>{t('dash.legend.notReceived')}</li>
      {footnote && <li>{t('dash.legend.footnote')}</li>}
    </ul>
  );
}

function YearHeads({ years, first }: { years: number[]; first: string }) {
  return (
    <tr>
      <th scope="col">{first}</th>
      {years.map((y) => (
        <th scope="col" key={y} class="num">
          {fiscalYearLabel(y)}
        </th>
      ))}
    </tr>
  );
}

function Definition({ indicator }: { indicator: Head }) {
  const format = formatter(indicator.type);
  return (
    <details class="dash-definition">
      <summary>{t('dash.definition')}</summary>
      <p>{indicator.definition}</p>
      {indicator.target !== null && <p>{t('dash.target', { target: format(indicator.target) })}</p>}
    </details>
  );
}

function Receipts({ d, names }: { d: DashboardData; names: Map<string, string> }) {
  const r = d.reports;
  const cell = (c: (typeof r.rows)[number]['cells'][number]) => {
    const star = '*'.repeat(c.obstacles);
    if (c.expected === 0) return star || t('dash.cell.none');
    if (c.received > 0) return `${c.received}${star}`;
    return `${c.due > 0 ? t('dash.cell.not-received') : t('dash.reports.upcoming')}${star}`;
  };
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return (
    <section aria-labelledby="dash-reports">
      <h2 id="dash-reports">{t('dash.reports.title')}</h2>
      <Table label={t('dash.reports.title')} data-testid="dash-reports">
        <thead>
          <YearHeads years={d.years} first={t('dash.organization')} />
        </thead>
        <tbody>
          {r.rows.map((row) => (
            <tr key={row.organizationId}>
              <th scope="row">{names.get(row.organizationId)}</th>
              {row.cells.map((c, i) => (
                <td key={d.years[i]} class="num">
                  {cell(c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          {(
            [
              ['dash.reports.received', r.received],
              ['dash.reports.due', r.due],
              ['dash.reports.obstacles', r.obstacles],
            ] as const
          ).map(([key, values]) => (
            <tr key={key}>
              <th scope="row">{t(key)}</th>
              {values.map((v, i) => (
                <td key={d.years[i]} class="num">
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tfoot>
      </Table>
      <p class="muted">
        {t('dash.reports.received')}
        {colon()} {sum(r.received)} · {t('dash.reports.due')}
        {colon()} {sum(r.due)}
      </p>
      <ul class="dash-legend">
        <li>{t('dash.legend.obstacle')}</li>
        <li>{t('dash.legend.notReceived')}</li>
        <li>{t('dash.legend.none')}</li>
      </ul>
    </section>
  );
}

function NumberSection({ d, table, names }: { d: DashboardData; table: NumberTable; names: Map<string, string> }) {
  const format = formatter(table.indicator.type);
  const show = (c: number | Status) => (typeof c === 'number' ? format(c) : statusText(c));
  const footnote = table.totals.some((x) => x.footnote);
  const years = d.years.map(fiscalYearLabel);
  const totals: ChartSeries = {
    label: t('dash.chart.totals'),
    values: table.totals.map((x) => (x.numbers > 0 ? x.sum : null)),
    shown: table.totals.map((x) => `${x.numbers > 0 ? format(x.sum) : '—'}${x.footnote ? ' *' : ''}`),
  };
  // The data table behind the chart says what the table above says: N.A., N.C. and "non reçu" as such.
  const organizations: ChartSeries[] = table.rows.map((r) => ({
    label: names.get(r.organizationId) ?? r.organizationId,
    values: r.cells.map((c) => (typeof c === 'number' ? c : null)),
    shown: r.cells.map(show),
  }));
  const id = `dash-${table.indicator.id}`;
  return (
    <section aria-labelledby={id} class="dash-indicator" data-testid={id}>
      <h2 id={id}>{table.indicator.label}</h2>
      <Definition indicator={table.indicator} />
      <Table label={table.indicator.label} data-testid={`${id}-table`}>
        <thead>
          <YearHeads years={d.years} first={t('dash.organization')} />
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.organizationId}>
              <th scope="row">{names.get(r.organizationId)}</th>
              {r.cells.map((c, i) => (
                <td key={d.years[i]} class={typeof c === 'number' ? 'num' : 'num dash-status'}>
                  {show(c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('dash.total')}</th>
            {table.totals.map((x, i) => (
              <td key={d.years[i]} class="num">
                {x.numbers > 0 ? format(x.sum) : t('dash.cell.none')}
                {x.footnote && (
                  <abbr title={t('dash.footnote')} class="dash-mark">
                    *
                  </abbr>
                )}
              </td>
            ))}
          </tr>
        </tfoot>
      </Table>
      <Legend footnote={footnote} />
      <IndicatorChart id={`${id}-chart`} label={table.indicator.label} years={years} totals={totals} organizations={organizations} format={format} />
    </section>
  );
}

function ChoicesSection({ d, table, names }: { d: DashboardData; table: ChoicesTable; names: Map<string, string> }) {
  const id = `dash-${table.indicator.id}`;
  const mark = (c: string[] | Status, option: string) =>
    Array.isArray(c) ? (c.includes(option) ? 'X' : '') : c === 'none' || c === 'missing' ? '' : statusText(c);
  return (
    <section aria-labelledby={id} class="dash-indicator" data-testid={id}>
      <h2 id={id}>{table.indicator.label}</h2>
      <Definition indicator={table.indicator} />
      {table.rows.map((r) => {
        const used = table.options.filter((o) => r.cells.some((c) => Array.isArray(c) && c.includes(o.id)));
        const name = names.get(r.organizationId) ?? '';
        return (
          <Table key={r.organizationId} label={`${table.indicator.label} — ${name}`} class="dash-x">
            <caption>{name}</caption>
            <thead>
              <YearHeads years={d.years} first={t('dash.option')} />
            </thead>
            <tbody>
              {used.length === 0 ? (
                <tr>
                  <th scope="row">{t('dash.choices.none')}</th>
                  {r.cells.map((c, i) => (
                    <td key={d.years[i]} class="num">
                      {Array.isArray(c) ? '' : statusText(c)}
                    </td>
                  ))}
                </tr>
              ) : (
                used.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">{o.label}</th>
                    {r.cells.map((c, i) => (
                      <td key={d.years[i]} class="num">
                        {mark(c, o.id)}
                      </td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </Table>
        );
      })}
      <Table label={t('dash.choices.counts')}>
        <caption>{t('dash.choices.counts')}</caption>
        <thead>
          <YearHeads years={d.years} first={table.indicator.label} />
        </thead>
        <tbody>
          {table.options.map((o, oi) => (
            <tr key={o.id}>
              <th scope="row">{o.label}</th>
              {table.counts[oi]!.map((n, i) => (
                <td key={d.years[i]} class="num">
                  {n}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">{t('dash.choices.answered')}</th>
            {table.answered.map((n, i) => (
              <td key={d.years[i]} class="num">
                {n}
              </td>
            ))}
          </tr>
        </tbody>
      </Table>
      <Legend footnote={false} />
    </section>
  );
}

function YesNoSection({ d, table, names }: { d: DashboardData; table: YesNoTable; names: Map<string, string> }) {
  const id = `dash-${table.indicator.id}`;
  return (
    <section aria-labelledby={id} class="dash-indicator" data-testid={id}>
      <h2 id={id}>{table.indicator.label}</h2>
      <Definition indicator={table.indicator} />
      <Table label={table.indicator.label}>
        <thead>
          <YearHeads years={d.years} first={t('dash.organization')} />
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.organizationId}>
              <th scope="row">{names.get(r.organizationId)}</th>
              {r.cells.map((c, i) => (
                <td key={d.years[i]} class="num">
                  {typeof c === 'boolean' ? t(c ? 'dash.yes' : 'dash.no') : statusText(c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('dash.yesno.yes')}</th>
            {table.yes.map((n, i) => (
              <td key={d.years[i]} class="num">
                {n}
              </td>
            ))}
          </tr>
        </tfoot>
      </Table>
      <Legend footnote={false} />
    </section>
  );
}

function TextSection({ d, head, answered }: { d: DashboardData; head: Head; answered: number[] }) {
  return (
    <section aria-labelledby={`dash-${head.id}`} class="dash-indicator">
      <h2 id={`dash-${head.id}`}>{head.label}</h2>
      <Definition indicator={head} />
      <Table label={head.label}>
        <thead>
          <YearHeads years={d.years} first={t('dash.years')} />
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('dash.text.answered')}</th>
            {answered.map((n, i) => (
              <td key={d.years[i]} class="num">
                {n}
              </td>
            ))}
          </tr>
        </tbody>
      </Table>
    </section>
  );
}

export function DashboardList() {
  const { membership } = useSession();
  useLang();
  const list = useResource(() => listDashboards(membership.tenantId), [membership.tenantId]);
  if (!list.data) return <Loading error={list.error} />;
  return (
    <section>
      <h1>{t('dash.list.title')}</h1>
      <p class="muted">{t('dash.list.intro')}</p>
      {list.data.items.length === 0 ? (
        <p>{t('dash.list.none')}</p>
      ) : (
        <ul>
          {list.data.items.map((x) => (
            <li key={x.id}>
              <Link href={`/rapports/tableau-de-bord/${x.id}`}>{x.title}</Link> <span class="muted">({x.program})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DashboardPage({ templateId }: { templateId: string }) {
  const { membership } = useSession();
  const { tenantId } = membership;
  useLang();
  const [years, setYears] = useState<{ from?: number; to?: number }>({});
  const [draft, setDraft] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const dash = useResource(() => getDashboard({ tenantId, templateId }, years), [tenantId, templateId, years.from, years.to]);
  const file = useForm();
  if (!dash.data) return <Loading error={dash.error} />;
  const d = dash.data;
  const names = new Map(d.organizations.map((o) => [o.id, o.name]));
  const choices = Array.from({ length: 31 }, (_, i) => 2010 + i);
  return (
    <section class="dash">
      <p class="muted">{t('dash.program', { program: d.template.program })}</p>
      <h1>{t('dash.title', { title: d.template.title })}</h1>
      <p class="muted">{t('dash.asOf', { date: d.today })}</p>
      <form
        class="dash-years row"
        onSubmit={(e) => {
          e.preventDefault();
          setYears({ from: draft.from ? Number(draft.from) : undefined, to: draft.to ? Number(draft.to) : undefined } as { from?: number; to?: number });
        }}
      >
        <YearPicker label={t('dash.from')} value={draft.from} choices={choices} onChange={(from) => setDraft({ ...draft, from })} />
        <YearPicker label={t('dash.to')} value={draft.to} choices={choices} onChange={(to) => setDraft({ ...draft, to })} />
        <button type="submit" class="secondary">
          {t('dash.apply')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={file.busy}
          data-testid="dash-csv"
          onClick={() => void file.run(() => download(dashboardCsvUrl({ tenantId, templateId }, years).toString(), `tableau-de-bord-${templateId}.csv`))}
        >
          {t('dash.csv')}
        </button>
      </form>
      <ProblemAlert problem={file.problem} />
      {d.organizations.length === 0 ? (
        <p>{t('dash.empty')}</p>
      ) : (
        <>
          <Receipts d={d} names={names} />
          {d.indicators.map((x) =>
            x.kind === 'number' ? (
              <NumberSection key={x.indicator.id} d={d} table={x} names={names} />
            ) : x.kind === 'choices' ? (
              <ChoicesSection key={x.indicator.id} d={d} table={x} names={names} />
            ) : x.kind === 'yes-no' ? (
              <YesNoSection key={x.indicator.id} d={d} table={x} names={names} />
            ) : (
              <TextSection key={x.indicator.id} d={d} head={x.indicator} answered={x.answered} />
            ),
          )}
        </>
      )}
    </section>
  );
}

type ResultItem = ProgramResultsData['items'][number];

function ResultIndicator({ item, x }: { item: ResultItem; x: ResultItem['indicators'][number] }) {
  const id = `res-${item.template.id}-${x.indicator.id}`;
  const rows: [string, string[]][] =
    x.kind === 'number'
      ? [[t('dash.total'), x.totals.map((v) => `${v.numbers > 0 ? formatter(x.indicator.type)(v.sum) : '—'}${v.footnote ? ' *' : ''}`)]]
      : x.kind === 'choices'
        ? x.options.map((o, i) => [o.label, x.counts[i]!.map(String)] as [string, string[]])
        : x.kind === 'yes-no'
          ? [
              [t('dash.yesno.yes'), x.yes.map(String)],
              [t('dash.yesno.answered'), x.answered.map(String)],
            ]
          : [[t('dash.text.answered'), x.answered.map(String)]];
  return (
    <section aria-labelledby={id} class="dash-indicator">
      <h3 id={id}>{x.indicator.label}</h3>
      <Table label={x.indicator.label}>
        <thead>
          <YearHeads years={item.years} first={x.kind === 'choices' ? t('dash.choices.counts') : ''} />
        </thead>
        <tbody>
          {rows.map(([label, values]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {values.map((v, i) => (
                <td key={item.years[i]} class="num">
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
      {x.kind === 'number' && x.totals.some((v) => v.footnote) && <p class="muted">{t('dash.legend.footnote')}</p>}
    </section>
  );
}

export function ProgramResultsPage() {
  const { membership } = useSession();
  useLang();
  const res = useResource(() => getProgramResults(membership.tenantId), [membership.tenantId]);
  if (!res.data) return <Loading error={res.error} />;
  return (
    <section class="dash">
      <h1>{t('results.title')}</h1>
      <p>{t('results.intro')}</p>
      {res.data.items.length === 0 && <p>{t('results.none')}</p>}
      {res.data.items.map((item) => (
        <section key={item.template.id} aria-labelledby={`res-${item.template.id}`} data-testid="program-results">
          <h2 id={`res-${item.template.id}`}>{item.template.title}</h2>
          <Table label={t('results.reporting')}>
            <thead>
              <YearHeads years={item.years} first="" />
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('results.reporting')}</th>
                {item.organizationsReporting.map((n, i) => (
                  <td key={item.years[i]} class="num">
                    {n}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t('results.mine')}</th>
                {item.contributed.map((c, i) => (
                  <td key={item.years[i]} class="num">
                    {c ? t('results.mine.yes') : t('results.mine.no')}
                  </td>
                ))}
              </tr>
            </tbody>
          </Table>
          {item.indicators.map((x) => (
            <ResultIndicator key={x.indicator.id} item={item} x={x} />
          ))}
        </section>
      ))}
    </section>
  );
}

/** One end of the dashboard's range of fiscal years ("—": from the first, or to the last). */
function YearPicker(props: { label: string; value: string; choices: number[]; onChange: (value: string) => void }) {
  return (
    <label>
      {props.label}{' '}
      <select value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        <option value="">—</option>
        {props.choices.map((y) => (
          <option key={y} value={y}>
            {fiscalYearLabel(y)}
          </option>
        ))}
      </select>
    </label>
  );
}
