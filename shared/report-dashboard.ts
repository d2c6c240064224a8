/**
 * The funder's dashboard of a program (seed 003's Tables 2, 3 and 4), computed from the program's
 * reports and its template's current indicators: per indicator an organization × fiscal-year table,
 * the reports received against the reports due, and the program-level results an organization's
 * reports fed.
 *
 * - A cell is a number, N.A. (`na`), N.C. (`nc`), `missing` (a report received without an answer to that
 *   indicator: written on an older version of the template that did not have it), `not-received` (a report
 *   is expected for that organization and year and the funder has not received it) or `none` (no report is
 *   expected: the organization's agreements do not cover that year). 0 stays 0: none of the five is a zero.
 * - Yearly totals add the numbers only: N.A. and N.C. are left out, and the total of a year with at least
 *   one N.C. carries a footnote ("total sans les données non calculées").
 * - Received = submitted or accepted (a reopened report is back with the organization). Due = the yearly
 *   reports whose due date has passed, plus those received before it.
 * - An indicator is the same across template versions by its id: a report written on an older version
 *   feeds the current indicators it answered; an indicator removed from the template is not tabled.
 * - Organizations sorted by name (French collation), fiscal years ascending.
 *
 * Written for a program of a few hundred organizations over ten years: one pass over the reports into
 * arrays indexed by organization and year, no search per cell.
 */
import type { Answer, Indicator, IndicatorOption, IndicatorType, Report, YearlyReport } from './reports';

export type NumberCell = number | 'na' | 'nc' | 'missing' | 'not-received' | 'none';
export type ChoicesCell = string[] | 'na' | 'nc' | 'missing' | 'not-received' | 'none';
export type YesNoCell = boolean | 'na' | 'nc' | 'missing' | 'not-received' | 'none';

/** What the dashboard shows of an indicator (its definition is the lexicon's). */
interface IndicatorHead {
  id: string;
  label: string;
  definition: string;
  type: IndicatorType;
  target: number | null;
}

/** A year's total of a number indicator. */
interface YearTotal {
  /** The sum of the numbers (N.A. and N.C. left out). */
  sum: number;
  /** How many organizations gave a number. */
  numbers: number;
  na: number;
  nc: number;
  /** At least one N.C. that year: the total leaves data out ("total sans les données non calculées"). */
  footnote: boolean;
}

export interface NumberTable {
  kind: 'number';
  indicator: IndicatorHead;
  rows: { organizationId: string; cells: NumberCell[] }[];
  totals: YearTotal[];
}

export interface ChoicesTable {
  kind: 'choices';
  indicator: IndicatorHead;
  /** The template's options, then any option a report chose that the template no longer lists. */
  options: IndicatorOption[];
  /** Per organization, per year: the options chosen, or why there are none. */
  rows: { organizationId: string; cells: ChoicesCell[] }[];
  /** Per option (same order as `options`), per year: how many organizations chose it. */
  counts: number[][];
  /** Per year: how many organizations answered with choices. */
  answered: number[];
}

export interface YesNoTable {
  kind: 'yes-no';
  indicator: IndicatorHead;
  rows: { organizationId: string; cells: YesNoCell[] }[];
  /** Per year: how many organizations answered yes. */
  yes: number[];
  /** Per year: how many organizations answered yes or no. */
  answered: number[];
}

/** A text indicator is not tabled: only how many answered it each year. */
export interface TextSummary {
  kind: 'text';
  indicator: IndicatorHead;
  answered: number[];
}

type IndicatorTable = NumberTable | ChoicesTable | YesNoTable | TextSummary;

/** Seed 003's Table 2 cell: one organization's reports of one fiscal year. */
export interface ReceiptCell {
  /** Yearly reports that exist for that year (due or not yet). 0: none expected. */
  expected: number;
  /** Due (date passed, or received before it). */
  due: number;
  received: number;
  /** Obstacle reports filed that year (Table 2's "*"). */
  obstacles: number;
}

interface ReceiptTable {
  rows: { organizationId: string; cells: ReceiptCell[]; received: number; obstacles: number }[];
  /** Per year, over the organizations. */
  expected: number[];
  due: number[];
  received: number[];
  obstacles: number[];
}

export interface Dashboard {
  years: number[];
  organizations: { id: string; name: string }[];
  reports: ReceiptTable;
  indicators: IndicatorTable[];
}

/** Submitted or accepted: what the funder has in hand. */
export const isReceived = (r: Pick<YearlyReport, 'status'>) => r.status === 'submitted' || r.status === 'accepted';

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

const head = (i: Indicator): IndicatorHead => ({ id: i.id, label: i.label, definition: i.definition, type: i.type, target: i.target });

type Kind = 'number' | 'choices' | 'yes-no' | 'text';
const KIND_OF: Record<IndicatorType, Kind> = {
  count: 'number',
  hours: 'number',
  amount: 'number',
  choice: 'choices',
  choices: 'choices',
  'yes-no': 'yes-no',
  text: 'text',
};

/** `text`: a text answer (only counted). */
type Status = 'na' | 'nc' | 'missing' | 'not-received' | 'none' | 'text';
type AnyCell = number | string[] | boolean | Status;

/**
 * Two answers of one organization for one year (two agreements of the same program): numbers add up,
 * choices join, N.A. gives way to anything, N.C. to nothing but N.A.; `missing` gives way to an answer.
 */
function combine(a: AnyCell, b: AnyCell): AnyCell {
  if (a === 'none' || a === 'not-received' || a === 'missing' || a === 'na') return b === 'missing' && a === 'na' ? a : b;
  if (b === 'missing' || b === 'na' || b === 'none' || b === 'not-received') return a;
  if (a === 'nc' || b === 'nc') return 'nc';
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...new Set([...a, ...b])];
  if (typeof a === 'boolean' && typeof b === 'boolean') return a || b;
  return a;
}

/** The cell an answer makes for an indicator of this kind (an answer of another kind: `missing`). */
function cellOf(kind: Kind, answer: Answer | undefined): AnyCell {
  if (!answer) return 'missing';
  const v = answer.value;
  switch (v.kind) {
    case 'na':
      return 'na';
    case 'nc':
      return 'nc';
    case 'number':
      return kind === 'number' ? v.value : 'missing';
    case 'choices':
      return kind === 'choices' ? v.value : 'missing';
    case 'yes-no':
      return kind === 'yes-no' ? v.value : 'missing';
    case 'text':
      return kind === 'text' && v.value.trim() !== '' ? 'text' : 'missing';
  }
}

export interface DashboardInput {
  /** The template's current indicators. */
  indicators: readonly Indicator[];
  /** The program's reports (yearly and obstacle), any status. */
  reports: Iterable<Report>;
  /** Today in Montreal, `YYYY-MM-DD`: a due date before it has passed. */
  today: string;
  /** Fiscal years to show (both included); by default those of the reports. */
  from?: number | undefined;
  to?: number | undefined;
}

export function buildDashboard(input: DashboardInput): Dashboard {
  const all = Array.isArray(input.reports) ? (input.reports as Report[]) : [...input.reports];
  // The organizations and years first (their order decides the arrays' indexes).
  const names = new Map<string, string>();
  let minYear = Number.POSITIVE_INFINITY;
  let maxYear = Number.NEGATIVE_INFINITY;
  const inRange = (fy: number) => (input.from === undefined || fy >= input.from) && (input.to === undefined || fy <= input.to);
  for (const r of all) {
    if (!inRange(r.fiscalYear)) continue;
    names.set(r.organization.id, r.organization.name);
    if (r.fiscalYear < minYear) minYear = r.fiscalYear;
    if (r.fiscalYear > maxYear) maxYear = r.fiscalYear;
  }
  const first = input.from ?? minYear;
  const last = input.to ?? maxYear;
  const years: number[] = [];
  if (Number.isFinite(first) && Number.isFinite(last)) for (let y = first; y <= last; y++) years.push(y);
  const organizations = [...names].map(([id, name]) => ({ id, name })).sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  const orgIndex = new Map(organizations.map((o, i) => [o.id, i]));
  const O = organizations.length;
  const Y = years.length;
  const slots = O * Y;

  const expected = new Int32Array(slots);
  const due = new Int32Array(slots);
  const received = new Int32Array(slots);
  const obstacles = new Int32Array(slots);
  const indicators = input.indicators.map((ind) => ({ ind, kind: KIND_OF[ind.type], cells: new Array<AnyCell>(slots).fill('none') }));

  for (const r of all) {
    const oi = orgIndex.get(r.organization.id);
    const yi = r.fiscalYear - first;
    if (oi === undefined || yi < 0 || yi >= Y) continue;
    const slot = oi * Y + yi;
    if (r.kind === 'obstacle') {
      obstacles[slot]!++;
      continue;
    }
    expected[slot]!++;
    const got = isReceived(r);
    if (got) received[slot]!++;
    if (got || r.dueOn < input.today) due[slot]!++;
    for (const x of indicators) {
      const incoming: AnyCell = got ? cellOf(x.kind, r.answers[x.ind.id]) : 'not-received';
      const current = x.cells[slot]!;
      x.cells[slot] = current === 'none' ? incoming : got ? combine(current, incoming) : current;
    }
  }

  const perYear = () => new Array<number>(Y).fill(0);
  const receiptRows: ReceiptTable['rows'] = [];
  const receipt: ReceiptTable = { rows: receiptRows, expected: perYear(), due: perYear(), received: perYear(), obstacles: perYear() };
  for (let oi = 0; oi < O; oi++) {
    const cells: ReceiptCell[] = [];
    let rowReceived = 0;
    let rowObstacles = 0;
    for (let yi = 0; yi < Y; yi++) {
      const s = oi * Y + yi;
      cells.push({ expected: expected[s]!, due: due[s]!, received: received[s]!, obstacles: obstacles[s]! });
      rowReceived += received[s]!;
      rowObstacles += obstacles[s]!;
      receipt.expected[yi]! += expected[s]!;
      receipt.due[yi]! += due[s]!;
      receipt.received[yi]! += received[s]!;
      receipt.obstacles[yi]! += obstacles[s]!;
    }
    receiptRows.push({ organizationId: organizations[oi]!.id, cells, received: rowReceived, obstacles: rowObstacles });
  }

  const tables: IndicatorTable[] = indicators.map(({ ind, kind, cells }) => {
    const rowsOf = <C>() => organizations.map((o, oi) => ({ organizationId: o.id, cells: cells.slice(oi * Y, oi * Y + Y) as C[] }));
    if (kind === 'number') {
      const totals: YearTotal[] = years.map(() => ({ sum: 0, numbers: 0, na: 0, nc: 0, footnote: false }));
      for (let s = 0; s < slots; s++) {
        const c = cells[s];
        const t = totals[s % Y]!;
        if (typeof c === 'number') {
          t.sum += c;
          t.numbers++;
        } else if (c === 'na') t.na++;
        else if (c === 'nc') {
          t.nc++;
          t.footnote = true;
        }
      }
      return { kind, indicator: head(ind), rows: rowsOf<NumberCell>(), totals } satisfies NumberTable;
    }
    if (kind === 'choices') {
      const options = [...ind.options];
      const optionIndex = new Map(options.map((o, i) => [o.id, i]));
      const counts: number[][] = options.map(() => perYear());
      const answered = perYear();
      for (let s = 0; s < slots; s++) {
        const c = cells[s];
        if (!Array.isArray(c)) continue;
        const yi = s % Y;
        answered[yi]!++;
        for (const id of c) {
          let i = optionIndex.get(id);
          if (i === undefined) {
            i = options.length;
            optionIndex.set(id, i);
            options.push({ id, label: id });
            counts.push(perYear());
          }
          counts[i]![yi]!++;
        }
      }
      return { kind, indicator: head(ind), options, rows: rowsOf<ChoicesCell>(), counts, answered } satisfies ChoicesTable;
    }
    if (kind === 'yes-no') {
      const yes = perYear();
      const answered = perYear();
      for (let s = 0; s < slots; s++) {
        const c = cells[s];
        if (typeof c !== 'boolean') continue;
        answered[s % Y]!++;
        if (c) yes[s % Y]!++;
      }
      return { kind, indicator: head(ind), rows: rowsOf<YesNoCell>(), yes, answered } satisfies YesNoTable;
    }
    const answered = perYear();
    for (let s = 0; s < slots; s++) if (cells[s] === 'text') answered[s % Y]!++;
    return { kind: 'text', indicator: head(ind), answered } satisfies TextSummary;
  });

  return { years, organizations, reports: receipt, indicators: tables };
}

/** What an organization sees of a program's dashboard: the totals its reports fed, no other organization's row, no names. */
type ResultTable =
  | { kind: 'number'; indicator: IndicatorHead; totals: YearTotal[] }
  | { kind: 'choices'; indicator: IndicatorHead; options: IndicatorOption[]; counts: number[][]; answered: number[] }
  | { kind: 'yes-no'; indicator: IndicatorHead; yes: number[]; answered: number[] }
  | TextSummary;

export interface ProgramResults {
  years: number[];
  /** Per year: how many organizations' reports were received. */
  organizationsReporting: number[];
  /** Per year: whether this organization's report was received (what it fed). */
  contributed: boolean[];
  indicators: ResultTable[];
}

export function programResults(d: Dashboard, organizationId: string): ProgramResults {
  const mine = d.reports.rows.find((r) => r.organizationId === organizationId);
  const organizationsReporting = d.years.map((_, yi) => d.reports.rows.reduce((n, r) => n + (r.cells[yi]!.received > 0 ? 1 : 0), 0));
  return {
    years: d.years,
    organizationsReporting,
    contributed: d.years.map((_, yi) => (mine?.cells[yi]?.received ?? 0) > 0),
    indicators: d.indicators.map((t): ResultTable => {
      if (t.kind === 'number') return { kind: t.kind, indicator: t.indicator, totals: t.totals };
      if (t.kind === 'choices') return { kind: t.kind, indicator: t.indicator, options: t.options, counts: t.counts, answered: t.answered };
      if (t.kind === 'yes-no') return { kind: t.kind, indicator: t.indicator, yes: t.yes, answered: t.answered };
      return t;
    }),
  };
}
