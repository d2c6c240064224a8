/**
 * A count indicator over the years: the program's total as bars, each organization as a line when they
 * are few enough to read. The canvas is an image named by a summary of its figures; "Voir le tableau de
 * données" turns it into the same figures as a table, one click away.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Table } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';

export interface ChartSeries {
  label: string;
  /** Per year; null where there is no number (N.A., N.C., not received). */
  values: (number | null)[];
  /** Per year, what the data table shows (N.A., N.C., non reçu, a total's footnote mark). */
  shown: string[];
}

/** Colours with at least 3:1 against white (WCAG 1.4.11), told apart by their dash as well. */
const COLOURS = ['#0b5cad', '#b35900', '#1b7a3a', '#6a1b9a', '#b3261e', '#00695c'];
const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3]];
/** Above this many organizations, the lines are not readable: the bars only. */
const MAX_LINES = 6;

type ChartModule = typeof import('./dashboard-chartjs');
let loading: Promise<ChartModule> | undefined;
const loadChart = () => (loading ??= import('./dashboard-chartjs'));

export function IndicatorChart(props: {
  id: string;
  label: string;
  years: string[];
  totals: ChartSeries;
  organizations: ChartSeries[];
  format: (n: number) => string;
}) {
  const { id, label, years, totals, organizations, format } = props;
  // Nothing but N.A., N.C. or reports not received: no chart to draw, the data table only, saying why.
  const empty = totals.values.every((v) => v === null);
  const [tableChosen, setAsTable] = useState(false);
  const asTable = tableChosen || empty;
  const [failed, setFailed] = useState(false);
  const canvas = useRef<HTMLCanvasElement>(null);
  const lines = organizations.length <= MAX_LINES ? organizations : [];
  const summary = t('dash.chart.label', {
    label,
    values: years.map((y, i) => `${y} : ${totals.values[i] === null ? '—' : format(totals.values[i]!)}`).join(' ; '),
  });

  useEffect(() => {
    if (asTable) return;
    let chart: { destroy(): void } | undefined;
    let gone = false;
    loadChart()
      .then(({ Chart }) => {
        if (gone || !canvas.current) return;
        chart = new Chart(canvas.current, {
          type: 'bar',
          data: {
            labels: years,
            datasets: [
              { type: 'bar', label: totals.label, data: totals.values, backgroundColor: '#9cc3ea', borderColor: '#0b5cad', borderWidth: 1, order: 2 },
              ...lines.map((o, i) => ({
                type: 'line' as const,
                label: o.label,
                data: o.values,
                borderColor: COLOURS[i % COLOURS.length],
                backgroundColor: COLOURS[i % COLOURS.length],
                borderDash: DASHES[i % DASHES.length],
                spanGaps: false,
                order: 1,
              })),
            ],
          },
          options: {
            locale: getLang() === 'fr' ? 'fr-CA' : 'en-CA',
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            scales: { y: { beginAtZero: true, ticks: { color: '#1d2733', precision: 0 } }, x: { ticks: { color: '#1d2733' } } },
            plugins: { legend: { position: 'bottom', labels: { color: '#1d2733', boxWidth: 14 } } },
          },
        });
      })
      .catch(() => setFailed(true));
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [asTable, years.join(), JSON.stringify(totals), JSON.stringify(lines)]);

  return (
    <figure class="dash-figure" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} class="muted">
        {label}
      </figcaption>
      {empty ? (
        <p class="muted" data-testid={`${id}-empty`}>
          {t('dash.chart.empty')}
        </p>
      ) : (
        <button type="button" class="secondary" aria-expanded={asTable} onClick={() => setAsTable(!asTable)} data-testid={`${id}-toggle`}>
          {asTable ? t('dash.chart.show') : t('dash.chart.table')}
        </button>
      )}
      {failed && !asTable && <p class="muted">{t('dash.chart.unavailable')}</p>}
      {asTable ? (
        <Table label={summary} data-testid={`${id}-data`}>
          <thead>
            <tr>
              <th scope="col">{t('dash.organization')}</th>
              {years.map((y) => (
                <th scope="col" key={y}>
                  {y}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...organizations, totals].map((s) => (
              <tr key={s.label}>
                <th scope="row">{s.label}</th>
                {s.shown.map((text, i) => (
                  <td key={years[i]} class="num">
                    {text}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <div class="dash-chart">
          <canvas ref={canvas} role="img" aria-label={summary} data-testid={`${id}-chart`} />
        </div>
      )}
    </figure>
  );
}
