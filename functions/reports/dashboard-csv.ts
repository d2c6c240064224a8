/**
 * A program's dashboard as a CSV for Excel in French (shared/csv.ts: `;`, BOM, decimal comma, formulas
 * neutralised): the reports received per organization and year (Table 2), then each indicator's table as
 * seed 003 prints it — numbers, N.A., N.C., "non reçu" — with its totals (N.C. left out, footnoted), the
 * "X" tables of the choices per organization, and the legend.
 */
import { fiscalYearLabel } from '../../shared/agreements';
import { toFrenchCsv, type Cell } from '../../shared/csv';
import type { ChoicesCell, Dashboard, NumberCell, ReceiptCell, YesNoCell } from '../../shared/report-dashboard';

type Lang = 'fr' | 'en';

const WORDS = {
  na: { fr: 'N.A.', en: 'N.A.' },
  nc: { fr: 'N.C.', en: 'N.C.' },
  missing: { fr: 'sans réponse', en: 'no answer' },
  'not-received': { fr: 'non reçu', en: 'not received' },
  none: { fr: '—', en: '—' },
} as const;

const LEGEND: { fr: string; en: string }[] = [
  { fr: 'N.A. : non applicable (le projet n’avait pas commencé)', en: 'N.A.: not applicable (the project had not started)' },
  { fr: 'N.C. : donnée non calculée (absente ou imprécise)', en: 'N.C.: not computed (data missing or imprecise)' },
  { fr: 'non reçu : rapport attendu, pas encore reçu', en: 'not received: report expected, not received yet' },
  {
    fr: 'sans réponse : rapport reçu sur une version du modèle sans cet indicateur',
    en: 'no answer: report received on a template version without this indicator',
  },
  { fr: '— : aucun rapport attendu', en: '—: no report expected' },
  { fr: '* (total) : total sans les données non calculées (N.C.)', en: '* (total): total without the data not computed (N.C.)' },
  { fr: '* (rapports) : un rapport d’obstacles produit cette année-là', en: '* (reports): an obstacle report filed that year' },
];

/** A number as the indicator counts it: amounts in dollars, the rest as is. */
const amountOf = (type: string, n: number) => (type === 'amount' ? n / 100 : n);

function numberCell(c: NumberCell, type: string, lang: Lang): Cell {
  return typeof c === 'number' ? amountOf(type, c) : WORDS[c][lang];
}

function receiptCell(c: ReceiptCell, lang: Lang): Cell {
  const star = '*'.repeat(c.obstacles);
  if (c.expected === 0) return c.obstacles > 0 ? star : WORDS.none[lang];
  if (c.received > 0) return star ? `${c.received}${star}` : c.received;
  if (c.due > 0) return `${WORDS['not-received'][lang]}${star}`;
  return `${lang === 'fr' ? 'à venir' : 'upcoming'}${star}`;
}

function yesNoCell(c: YesNoCell, lang: Lang): Cell {
  if (typeof c === 'boolean') return c ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no';
  return WORDS[c][lang];
}

function choiceMark(c: ChoicesCell, optionId: string, lang: Lang): Cell {
  if (Array.isArray(c)) return c.includes(optionId) ? 'X' : '';
  if (c === 'missing' || c === 'none') return '';
  return WORDS[c][lang];
}

export function dashboardCsv(d: Dashboard, template: { title: string; program: string }, today: string, lang: Lang): string {
  const fr = lang === 'fr';
  const names = new Map(d.organizations.map((o) => [o.id, o.name]));
  const yearHeads = d.years.map(fiscalYearLabel);
  const rows: Cell[][] = [
    [fr ? 'Tableau de bord' : 'Dashboard', template.title],
    [fr ? 'Programme' : 'Program', template.program],
    [fr ? 'En date du' : 'As of', today],
    [],
    [fr ? 'Rapports de reddition de comptes reçus par organisme et par exercice' : 'Accountability reports received per organization and fiscal year'],
    [fr ? 'Organisme' : 'Organization', ...yearHeads, 'Total'],
  ];
  for (const r of d.reports.rows) rows.push([names.get(r.organizationId), ...r.cells.map((c) => receiptCell(c, lang)), r.received]);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  rows.push(
    [fr ? 'Reçus' : 'Received', ...d.reports.received, sum(d.reports.received)],
    [fr ? 'Dus (échéance passée)' : 'Due (date passed)', ...d.reports.due, sum(d.reports.due)],
    [fr ? 'Rapports d’obstacles' : 'Obstacle reports', ...d.reports.obstacles, sum(d.reports.obstacles)],
  );

  for (const t of d.indicators) {
    rows.push([], [t.indicator.label], [fr ? 'Définition' : 'Definition', t.indicator.definition]);
    if (t.kind === 'number') {
      const unit = t.indicator.type === 'amount' ? ' ($)' : t.indicator.type === 'hours' ? (fr ? ' (heures)' : ' (hours)') : '';
      rows.push([`${fr ? 'Organisme' : 'Organization'}${unit}`, ...yearHeads]);
      for (const r of t.rows) rows.push([names.get(r.organizationId), ...r.cells.map((c) => numberCell(c, t.indicator.type, lang))]);
      // A year without a single number has no total (all N.A., N.C. or not received): not a 0.
      rows.push(['Total', ...t.totals.map((x) => (x.numbers > 0 ? amountOf(t.indicator.type, x.sum) : WORDS.none[lang]))]);
      if (t.totals.some((x) => x.footnote)) rows.push([fr ? 'Total sans les N.C.' : 'Total without N.C.', ...t.totals.map((x) => (x.footnote ? '*' : ''))]);
    } else if (t.kind === 'choices') {
      for (const r of t.rows) {
        const used = t.options.filter((o) => r.cells.some((c) => Array.isArray(c) && c.includes(o.id)));
        if (used.length === 0 && r.cells.every((c) => c === 'none' || c === 'not-received' || c === 'missing')) continue;
        rows.push([names.get(r.organizationId), ...yearHeads]);
        for (const o of used.length > 0 ? used : t.options.slice(0, 1)) rows.push([o.label, ...r.cells.map((c) => choiceMark(c, o.id, lang))]);
      }
      rows.push([fr ? 'Nombre d’organismes, par type' : 'Number of organizations, by type', ...yearHeads]);
      t.options.forEach((o, i) => {
        rows.push([o.label, ...t.counts[i]!]);
      });
      rows.push([fr ? 'Organismes ayant répondu' : 'Organizations that answered', ...t.answered]);
    } else if (t.kind === 'yes-no') {
      rows.push([fr ? 'Organisme' : 'Organization', ...yearHeads]);
      for (const r of t.rows) rows.push([names.get(r.organizationId), ...r.cells.map((c) => yesNoCell(c, lang))]);
      rows.push([fr ? 'Nombre de oui' : 'Number of yes', ...t.yes], [fr ? 'Réponses' : 'Answers', ...t.answered]);
    } else {
      rows.push(
        [fr ? 'Exercice' : 'Fiscal year', ...yearHeads],
        [fr ? 'Réponses reçues (texte, non compilé)' : 'Answers received (text, not tabled)', ...t.answered],
      );
    }
  }
  rows.push([], ...LEGEND.map((l) => [l[lang]]));
  return toFrenchCsv(rows);
}
