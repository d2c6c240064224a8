import { describe, expect, it } from 'vitest';
import { SEED_003_ORGANIZATIONS, SEED_003_TABLE_3_TOTALS, SEED_003_YEARS, seed003ObstacleReports, seed003Reports } from '../../functions/local/seed-003-data';
import { buildDashboard, programResults, type ChoicesTable, type NumberTable, type TextSummary, type YesNoTable } from '../../shared/report-dashboard';
import { defaultReportTemplate, type Indicator, type Report, type YearlyReport } from '../../shared/reports';

let n = 0;
const newId = () => `r${++n}`;
const template = defaultReportTemplate('SCF-PILOTE');
const seedReports = (): Report[] => [
  ...seed003Reports({ program: 'SCF-PILOTE', newId, by: 'demo' }),
  ...seed003ObstacleReports({ program: 'SCF-PILOTE', newId, by: 'demo', byName: 'Démo' }),
];
const TODAY = '2026-11-23';
const show = (c: unknown) => (c === 'na' ? 'N.A.' : c === 'nc' ? 'N.C.' : c);

function numberTable(d: ReturnType<typeof buildDashboard>, id: string): NumberTable {
  const t = d.indicators.find((x) => x.indicator.id === id);
  if (t?.kind !== 'number') throw new Error(`${id} is not a number table`);
  return t;
}

describe('the funder’s dashboard: seed 003', () => {
  const d = buildDashboard({ indicators: template.indicators, reports: seedReports(), today: TODAY });

  it('reproduces Table 3 to the unit: organizations by name, years ascending, N.A. and N.C. as such, totals without N.C.', () => {
    expect(d.years).toEqual([...SEED_003_YEARS]);
    expect(d.organizations.map((o) => o.name)).toEqual(['CALACS Estrie', 'CALACS Étoile du Nord', 'CALAS Outaouais', 'CLES', 'Maison de Marthe']);
    const t = numberTable(d, 'personnes-accompagnees');
    const table = t.rows.map((r) => [d.organizations.find((o) => o.id === r.organizationId)!.name, ...r.cells.map(show)]);
    expect(table).toEqual([
      ['CALACS Estrie', 'N.A.', 7, 20, 27, 15, 41],
      ['CALACS Étoile du Nord', 'N.A.', 'N.A.', 'N.C.', 13, 'N.C.', 'N.C.'],
      ['CALAS Outaouais', 'N.A.', 'N.A.', 11, 14, 27, 38],
      ['CLES', 12, 92, 32, 20, 60, 74],
      ['Maison de Marthe', 44, 23, 24, 27, 27, 57],
    ]);
    expect(t.totals.map((x) => x.sum)).toEqual([56, 122, 87, 101, 129, 210]);
    expect(t.totals.map((x) => x.sum)).toEqual([...SEED_003_TABLE_3_TOTALS]);
    // The footnote on 2019, 2021 and 2022: the years with an N.C.
    expect(t.totals.map((x) => x.footnote)).toEqual([false, false, true, false, true, true]);
    expect(t.totals.map((x) => x.nc)).toEqual([0, 0, 1, 0, 1, 1]);
    expect(t.totals.map((x) => x.na)).toEqual([3, 2, 0, 0, 0, 0]);
  });

  it('Table 4: an "X" table per organization, N.A./N.C. as answered, and how many organizations used each type', () => {
    const t = d.indicators.find((x) => x.indicator.id === 'services-partenaires') as ChoicesTable;
    expect(t.kind).toBe('choices');
    const etoile = t.rows[1]!;
    expect(etoile.cells).toEqual([
      'na',
      'na',
      ['psychosocial', 'aide-medicale', 'aide-alimentaire'],
      ['psychosocial', 'aide-medicale', 'aide-alimentaire'],
      'nc',
      ['psychosocial', 'hebergement'],
    ]);
    // Each organization's X's per type, over the six years, as the seed's rows count them.
    for (const org of SEED_003_ORGANIZATIONS) {
      const row = t.rows.find((r) => r.organizationId === org.key)!;
      const chosen = row.cells.flatMap((c) => (Array.isArray(c) ? c : []));
      expect(chosen.length, org.name).toBe(org.partnerServices.flatMap((s) => (Array.isArray(s) ? s : [])).length);
    }
    const psy = t.options.findIndex((o) => o.id === 'psychosocial');
    expect(t.counts[psy]).toEqual([2, 3, 5, 5, 3, 4]);
    expect(t.answered).toEqual([2, 3, 5, 5, 4, 5]);
  });

  it('Table 2: reports received vs due per year, and the obstacle report ("*")', () => {
    expect(d.reports.received).toEqual([5, 5, 5, 5, 5, 5]);
    expect(d.reports.due).toEqual([5, 5, 5, 5, 5, 5]);
    expect(d.reports.obstacles).toEqual([0, 0, 0, 0, 1, 0]);
    const etoile = d.reports.rows[1]!;
    expect(etoile.cells[4]).toEqual({ expected: 1, due: 1, received: 1, obstacles: 1 });
    expect(etoile.obstacles).toBe(1);
  });

  it('text indicators are counted, not tabled', () => {
    const t = d.indicators.find((x) => x.indicator.id === 'ressources-consultees') as TextSummary;
    expect(t).toEqual({ kind: 'text', indicator: expect.objectContaining({ id: 'ressources-consultees' }), answered: [5, 5, 5, 5, 5, 5] });
  });

  it('an organization’s view: the totals only, no other organization’s row', () => {
    const r = programResults(d, 'cles');
    expect(r.organizationsReporting).toEqual([5, 5, 5, 5, 5, 5]);
    expect(r.contributed).toEqual([true, true, true, true, true, true]);
    const women = r.indicators.find((x) => x.indicator.id === 'personnes-accompagnees')!;
    expect(women.kind === 'number' && women.totals.map((x) => x.sum)).toEqual([56, 122, 87, 101, 129, 210]);
    expect(JSON.stringify(r)).not.toContain('Maison de Marthe');
    expect(JSON.stringify(r)).not.toContain('organizationId');
  });

  it('from/to keeps the years asked, even an empty one', () => {
    const part = buildDashboard({ indicators: template.indicators, reports: seedReports(), today: TODAY, from: 2021, to: 2023 });
    expect(part.years).toEqual([2021, 2022, 2023]);
    expect(numberTable(part, 'personnes-accompagnees').totals.map((x) => x.sum)).toEqual([129, 210, 0]);
    expect(numberTable(part, 'personnes-accompagnees').rows[3]!.cells).toEqual([60, 74, 'none']);
  });
});

const count = (id: string, over: Partial<Indicator> = {}): Indicator => ({
  id,
  label: id,
  definition: '',
  type: 'count',
  options: [],
  allowNA: true,
  allowNC: true,
  target: null,
  carriedOver: false,
  ...over,
});

function report(org: string, fy: number, answers: YearlyReport['answers'], over: Partial<YearlyReport> = {}): YearlyReport {
  return {
    kind: 'yearly',
    id: newId(),
    agreementId: `a-${org}`,
    program: 'P',
    organization: { id: org, name: org },
    projectTitle: 'Projet',
    fiscalYear: fy,
    period: { start: `${fy}-04-01`, end: `${fy + 1}-03-31` },
    dueOn: `${fy + 1}-06-30`,
    status: 'submitted',
    templateVersion: 1,
    answers,
    sections: {},
    confirmedHits: [],
    submittedAt: '2026-01-01T00:00:00.000Z',
    submittedBy: 'u',
    reopenings: [],
    acceptedAt: null,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'u',
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'u',
    ...over,
  };
}
const num = (value: number) => ({ value: { kind: 'number' as const, value }, carriedFrom: null });
const NA = { value: { kind: 'na' as const }, carriedFrom: null };
const NC = { value: { kind: 'nc' as const }, carriedFrom: null };

describe('the dashboard’s rules', () => {
  it('keeps 0, N.A., N.C., not received and no report expected apart; the totals leave N.A. and N.C. out with a footnote on N.C.', () => {
    const d = buildDashboard({
      indicators: [count('c')],
      reports: [
        report('a', 2024, { c: num(0) }),
        report('b', 2024, { c: NA }),
        report('c', 2024, { c: NC }),
        report('d', 2024, {}, { status: 'draft', submittedAt: null }),
        report('e', 2024, { c: num(5) }),
        report('e', 2023, { c: num(3) }),
      ],
      today: '2026-01-01',
    });
    const t = d.indicators[0] as NumberTable;
    expect(d.years).toEqual([2023, 2024]);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['none', 0],
      ['none', 'na'],
      ['none', 'nc'],
      ['none', 'not-received'],
      [3, 5],
    ]);
    expect(t.totals).toEqual([
      { sum: 3, numbers: 1, na: 0, nc: 0, footnote: false },
      { sum: 5, numbers: 2, na: 1, nc: 1, footnote: true },
    ]);
    expect(d.reports.due).toEqual([1, 5]);
    expect(d.reports.received).toEqual([1, 4]);
    expect(d.reports.rows[3]!.cells[1]).toEqual({ expected: 1, due: 1, received: 0, obstacles: 0 });
  });

  it('a report whose due date has not passed is expected but not yet due; a reopened one is not received', () => {
    const d = buildDashboard({
      indicators: [count('c')],
      reports: [
        report('a', 2025, {}, { status: 'not-started', dueOn: '2026-06-30' }),
        report('b', 2025, { c: num(4) }, { status: 'reopened' }),
        report('c', 2025, { c: num(2) }, { status: 'accepted', dueOn: '2026-06-30' }),
      ],
      today: '2026-06-30',
    });
    expect(d.reports.expected).toEqual([3]);
    // b: due date 2026-06-30 passed? No: today is 2026-06-30, the day itself is not passed. c: received early counts as due.
    expect(d.reports.due).toEqual([1]);
    expect(d.reports.received).toEqual([1]);
    expect((d.indicators[0] as NumberTable).rows.map((r) => r.cells[0])).toEqual(['not-received', 'not-received', 2]);
  });

  it('a report on an older template version feeds the indicators it shares by id; one it lacks is "missing"; an indicator removed from the template is not tabled', () => {
    const current = [count('women'), count('new-one'), { ...count('kind'), type: 'yes-no' as const, allowNA: false }];
    const d = buildDashboard({
      indicators: current,
      reports: [
        report('a', 2024, { women: num(7), removed: num(99), kind: { value: { kind: 'yes-no', value: true }, carriedFrom: null } }, { templateVersion: 1 }),
        report('b', 2024, { women: num(3), 'new-one': num(1), kind: { value: { kind: 'yes-no', value: false }, carriedFrom: null } }, { templateVersion: 2 }),
      ],
      today: '2026-01-01',
    });
    expect(d.indicators.map((t) => t.indicator.id)).toEqual(['women', 'new-one', 'kind']);
    expect((d.indicators[0] as NumberTable).totals[0]!.sum).toBe(10);
    expect((d.indicators[1] as NumberTable).rows.map((r) => r.cells[0])).toEqual(['missing', 1]);
    expect((d.indicators[1] as NumberTable).totals[0]).toEqual({ sum: 1, numbers: 1, na: 0, nc: 0, footnote: false });
    const yn = d.indicators[2] as YesNoTable;
    expect(yn.yes).toEqual([1]);
    expect(yn.answered).toEqual([2]);
    expect(JSON.stringify(d)).not.toContain('removed');
  });

  it('two reports of one organization for one year (two agreements) add up; an N.C. among them makes the cell N.C.', () => {
    const d = buildDashboard({
      indicators: [count('c')],
      reports: [report('a', 2024, { c: num(2) }), report('a', 2024, { c: num(3) }), report('b', 2024, { c: num(1) }), report('b', 2024, { c: NC })],
      today: '2026-01-01',
    });
    expect((d.indicators[0] as NumberTable).rows.map((r) => r.cells[0])).toEqual([5, 'nc']);
  });

  it('organizations in French order (accents and case ignored), no reports: nothing to show', () => {
    const d = buildDashboard({
      indicators: [count('c')],
      reports: ['Zèbre', 'élan', 'Éole', 'abri'].map((name) => report(name, 2024, { c: num(1) }, { organization: { id: name, name } })),
      today: '2026-01-01',
    });
    expect(d.organizations.map((o) => o.name)).toEqual(['abri', 'élan', 'Éole', 'Zèbre']);
    expect(buildDashboard({ indicators: [count('c')], reports: [], today: '2026-01-01' })).toEqual({
      years: [],
      organizations: [],
      reports: { rows: [], expected: [], due: [], received: [], obstacles: [] },
      indicators: [{ kind: 'number', indicator: expect.objectContaining({ id: 'c' }), rows: [], totals: [] }],
    });
  });
});
