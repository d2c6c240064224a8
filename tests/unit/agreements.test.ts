/**
 * The pure rules of service agreements (shared/agreements.ts), the envelope's arithmetic with the
 * ledger's carry-overs (shared/envelope.ts) and the ledger's defaults (shared/domain.ts). Every
 * expected value is worked out by hand in the test (the arithmetic beside it), never by calling the
 * function under test.
 */
import { describe, expect, it } from 'vitest';
import {
  type AgreementTerms,
  type AgreementYear,
  claimPeriods,
  commitmentDeltas,
  defaultPeriod,
  fillPlaceholders,
  fiscalYearOfDate,
  fiscalYearsOf,
  isCalendarDate,
  type LedgerMovement,
  type Obligation,
  type Placeholder,
  plannedInstallments,
  splitAcrossFiscalYears,
  termsProblems,
  totalsOfMovements,
  yearlyReportObligations,
} from '../../shared/agreements';
import { ledgerOf } from '../../shared/domain';
import { computeEnvelope } from '../../shared/envelope';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** CLSC 3 (seed 002): two installments over a period starting October 1. */
const CLSC3 = { start: '2002-10-01', end: '2004-03-31' };

describe('calendar dates and fiscal years', () => {
  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    for (const ok of ['2026-04-01', '2026-02-28', '2024-02-29', '2026-12-31']) expect(isCalendarDate(ok), ok).toBe(true);
    for (const bad of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-4-1', '2026-04-01T00:00', '01/04/2026', '', 'demain'])
      expect(isCalendarDate(bad), bad).toBe(false);
  });

  it('names the fiscal year holding a date by the year of its April 1', () => {
    expect(fiscalYearOfDate('2002-10-01')).toBe(2002); // October: same year
    expect(fiscalYearOfDate('2003-02-01')).toBe(2002); // February: the year before
    expect(fiscalYearOfDate('2026-04-01')).toBe(2026);
    expect(fiscalYearOfDate('2026-03-31')).toBe(2025);
    expect(fiscalYearOfDate('2026-12-31')).toBe(2026);
    expect(fiscalYearOfDate('2027-01-01')).toBe(2026);
  });

  it('cuts a period at each April 1', () => {
    expect(fiscalYearsOf(CLSC3)).toEqual([
      { fiscalYear: 2002, start: '2002-10-01', end: '2003-03-31' },
      { fiscalYear: 2003, start: '2003-04-01', end: '2004-03-31' },
    ]);
    expect(fiscalYearsOf({ start: '2026-05-15', end: '2026-11-30' })).toEqual([{ fiscalYear: 2026, start: '2026-05-15', end: '2026-11-30' }]);
  });

  it('gives a grant of one or two years the default period April 1 – March 31', () => {
    expect(defaultPeriod(2026, 1)).toEqual({ start: '2026-04-01', end: '2027-03-31' });
    expect(defaultPeriod(2026, 2)).toEqual({ start: '2026-04-01', end: '2028-03-31' });
  });
});

describe('splitAcrossFiscalYears', () => {
  it('splits CLSC 3 (6 and 12 months) in thirds, the cent left by rounding to the first year', () => {
    // 10 000 000 × 6/18 = 3 333 333.33 → 3 333 333; × 12/18 = 6 666 666.67 → 6 666 666; 1 cent left → first year.
    const parts = splitAcrossFiscalYears(10_000_000, CLSC3);
    expect(parts).toEqual([
      { fiscalYear: 2002, cents: 3_333_334 },
      { fiscalYear: 2003, cents: 6_666_666 },
    ]);
    expect(parts[0]!.cents + parts[1]!.cents).toBe(10_000_000);
  });

  it('splits odd cents exactly', () => {
    // 100 001 × 6/18 = 33 333.67 → 33 333; × 12/18 = 66 667.33 → 66 667; sum 100 000, 1 cent left → first.
    expect(splitAcrossFiscalYears(100_001, CLSC3)).toEqual([
      { fiscalYear: 2002, cents: 33_334 },
      { fiscalYear: 2003, cents: 66_667 },
    ]);
    // 2 cents: 2×6/18 = 0.67 → 0; 2×12/18 = 1.33 → 1; 1 left → first: 1 and 1.
    expect(splitAcrossFiscalYears(2, CLSC3)).toEqual([
      { fiscalYear: 2002, cents: 1 },
      { fiscalYear: 2003, cents: 1 },
    ]);
  });

  it('splits by days when a boundary is not on a month', () => {
    // 2026-01-15 – 2026-03-31: 17 + 28 + 31 = 76 days; 2026-04-01 – 2026-06-30: 30 + 31 + 30 = 91 days; 167 in all.
    // 100 000 × 76/167 = 45 508.98 → 45 508; × 91/167 = 54 491.02 → 54 491; 1 cent left → first.
    expect(splitAcrossFiscalYears(100_000, { start: '2026-01-15', end: '2026-06-30' })).toEqual([
      { fiscalYear: 2025, cents: 45_509 },
      { fiscalYear: 2026, cents: 54_491 },
    ]);
  });

  it('puts everything in the one year of a one-year period', () => {
    expect(splitAcrossFiscalYears(3_200_001, defaultPeriod(2004, 1))).toEqual([{ fiscalYear: 2004, cents: 3_200_001 }]);
  });

  it('splits over three fiscal years (6, 12 and 3 months)', () => {
    // 2026-10-01 – 2028-06-30: 6 + 12 + 3 = 21 months. 2 100 000 splits exactly: 600 000, 1 200 000, 300 000.
    const period = { start: '2026-10-01', end: '2028-06-30' };
    expect(splitAcrossFiscalYears(2_100_000, period)).toEqual([
      { fiscalYear: 2026, cents: 600_000 },
      { fiscalYear: 2027, cents: 1_200_000 },
      { fiscalYear: 2028, cents: 300_000 },
    ]);
    // 1 000 001 × 6/21 = 285 714.57 → 285 714; × 12/21 = 571 429.14 → 571 429; × 3/21 = 142 857.29 → 142 857;
    // sum 1 000 000, 1 left → first.
    expect(splitAcrossFiscalYears(1_000_001, period)).toEqual([
      { fiscalYear: 2026, cents: 285_715 },
      { fiscalYear: 2027, cents: 571_429 },
      { fiscalYear: 2028, cents: 142_857 },
    ]);
    // Three whole years: 100 / 3 = 33 each, 1 left → first.
    expect(splitAcrossFiscalYears(100, { start: '2026-04-01', end: '2029-03-31' }).map((p) => p.cents)).toEqual([34, 33, 33]);
  });
});

describe('plannedInstallments', () => {
  const y = (fiscalYear: number, cents: number): AgreementYear => ({ fiscalYear, envelopeId: `env-${fiscalYear}`, cents });

  it('pays a one-year single schedule once, as soon as signed (CLSC 1)', () => {
    expect(plannedInstallments({ schedule: { kind: 'single' }, years: [y(2004, 640_000)] })).toEqual([{ dueOn: null, cents: 640_000, fiscalYear: 2004 }]);
  });

  it('pays the second year of a two-year single schedule on April 1 of that year (CLSC 2)', () => {
    expect(plannedInstallments({ schedule: { kind: 'single' }, years: [y(2004, 1_500_000), y(2005, 1_250_050)] })).toEqual([
      { dueOn: null, cents: 1_500_000, fiscalYear: 2004 },
      { dueOn: '2005-04-01', cents: 1_250_050, fiscalYear: 2005 },
    ]);
  });

  it('files each installment in the fiscal year of its date (CLSC 3)', () => {
    const schedule = {
      kind: 'installments' as const,
      installments: [
        { dueOn: '2002-10-15', cents: 333_334 },
        { dueOn: '2003-04-15', cents: 666_666 },
      ],
    };
    expect(plannedInstallments({ schedule, years: [y(2002, 333_334), y(2003, 666_666)] })).toEqual([
      { dueOn: '2002-10-15', cents: 333_334, fiscalYear: 2002 },
      { dueOn: '2003-04-15', cents: 666_666, fiscalYear: 2003 },
    ]);
  });

  it('plans nothing for periodic billing: the claims make the payments (CLSC 4)', () => {
    expect(plannedInstallments({ schedule: { kind: 'periodic', every: 'month' }, years: [y(2003, 500_000)] })).toEqual([]);
  });
});

describe('claimPeriods', () => {
  it('gives 6 monthly periods from October 1 to March 31', () => {
    expect(claimPeriods({ start: '2002-10-01', end: '2003-03-31' }, 'month')).toEqual([
      { start: '2002-10-01', end: '2002-10-31' },
      { start: '2002-11-01', end: '2002-11-30' },
      { start: '2002-12-01', end: '2002-12-31' },
      { start: '2003-01-01', end: '2003-01-31' },
      { start: '2003-02-01', end: '2003-02-28' },
      { start: '2003-03-01', end: '2003-03-31' },
    ]);
  });

  it('clips the calendar quarters to a period starting mid-quarter and ending mid-month', () => {
    expect(claimPeriods({ start: '2026-05-15', end: '2027-02-15' }, 'quarter')).toEqual([
      { start: '2026-05-15', end: '2026-06-30' },
      { start: '2026-07-01', end: '2026-09-30' },
      { start: '2026-10-01', end: '2026-12-31' },
      { start: '2027-01-01', end: '2027-02-15' },
    ]);
  });

  it('counts February 29 in a leap year', () => {
    expect(claimPeriods({ start: '2028-02-10', end: '2028-03-05' }, 'month')).toEqual([
      { start: '2028-02-10', end: '2028-02-29' },
      { start: '2028-03-01', end: '2028-03-05' },
    ]);
  });
});

describe('termsProblems', () => {
  type Terms = Pick<AgreementTerms, 'period' | 'years' | 'amount' | 'schedule' | 'obligations'>;
  const report = (fiscalYear: number): Obligation => ({
    id: `o-${fiscalYear}`,
    kind: 'report',
    label: `Rapport annuel ${fiscalYear}-${fiscalYear + 1}`,
    fiscalYear,
    dueOn: `${fiscalYear + 1}-06-30`,
    status: 'pending',
    note: '',
  });
  const clsc1: Terms = {
    period: { start: '2004-04-01', end: '2005-03-31' },
    years: [{ fiscalYear: 2004, envelopeId: 'env-2004', cents: 640_000 }],
    amount: 640_000,
    schedule: { kind: 'single' },
    obligations: [report(2004)],
  };
  const clsc2: Terms = {
    period: { start: '2004-04-01', end: '2006-03-31' },
    years: [
      { fiscalYear: 2004, envelopeId: 'env-2004', cents: 1_500_000 },
      { fiscalYear: 2005, envelopeId: 'env-2005', cents: 1_250_050 },
    ],
    amount: 2_750_050,
    schedule: { kind: 'single' },
    obligations: [report(2004), report(2005)],
  };
  const clsc3: Terms = {
    period: CLSC3,
    years: [
      { fiscalYear: 2002, envelopeId: 'env-2002', cents: 333_334 },
      { fiscalYear: 2003, envelopeId: 'env-2003', cents: 666_666 },
    ],
    amount: 1_000_000,
    schedule: {
      kind: 'installments',
      installments: [
        { dueOn: '2002-10-01', cents: 333_334 },
        { dueOn: '2003-04-01', cents: 666_666 },
      ],
    },
    obligations: [report(2002), report(2003), { id: 'c', kind: 'committee', label: 'Table PSJP', fiscalYear: null, dueOn: null, status: 'pending', note: '' }],
  };
  const clsc4: Terms = {
    period: { start: '2003-04-01', end: '2004-03-31' },
    years: [{ fiscalYear: 2003, envelopeId: 'env-2003', cents: 1_800_000 }],
    amount: 1_800_000,
    schedule: { kind: 'periodic', every: 'month' },
    obligations: [report(2003)],
  };
  const codes = (t: Terms) => termsProblems(t).map((p) => `${p.code}@${p.field}`);

  it('finds nothing wrong with the four CLSCs’ terms', () => {
    for (const t of [clsc1, clsc2, clsc3, clsc4]) expect(termsProblems(t)).toEqual([]);
  });

  it('period-order: the end before the start, and nothing else said', () => {
    const problems = termsProblems({ ...clsc1, period: { start: '2005-03-31', end: '2004-04-01' } });
    expect(problems.map((p) => p.code)).toEqual(['period-order']);
    expect(problems[0]!.field).toBe('period');
    expect(problems[0]!.message.fr).toContain('2004-04-01');
    expect(problems[0]!.message.en).toContain('2005-03-31');
  });

  it('period-too-long: four fiscal years', () => {
    const years = [2026, 2027, 2028, 2029].map((fiscalYear) => ({ fiscalYear, envelopeId: `env-${fiscalYear}`, cents: 100 }));
    expect(codes({ ...clsc1, period: { start: '2026-04-01', end: '2030-03-31' }, years, amount: 400, obligations: [] })).toEqual(['period-too-long@period']);
  });

  it('years-mismatch: a two-year period with one year’s amount, or the years out of order', () => {
    expect(codes({ ...clsc2, years: [clsc2.years[0]!], amount: 1_500_000 })).toEqual(['years-mismatch@years']);
    expect(codes({ ...clsc2, years: [clsc2.years[1]!, clsc2.years[0]!] })).toEqual(['years-mismatch@years']);
  });

  it('envelope-missing: a year without its envelope names that year', () => {
    const years = [clsc2.years[0]!, { ...clsc2.years[1]!, envelopeId: null }];
    const problems = termsProblems({ ...clsc2, years });
    expect(problems.map((p) => `${p.code}@${p.field}`)).toEqual(['envelope-missing@years.1.envelopeId']);
    expect(problems[0]!.message.fr).toContain('2005-2006');
  });

  it('amount-mismatch: the years do not add up to the amount, both figures said the Quebec way', () => {
    const problems = termsProblems({ ...clsc1, amount: 650_000 });
    expect(problems.map((p) => p.code)).toEqual(['amount-mismatch']);
    expect(nbsp(problems[0]!.message.fr)).toContain('6 400,00 $');
    expect(nbsp(problems[0]!.message.fr)).toContain('6 500,00 $');
    expect(problems[0]!.message.en).toContain('$6,400.00');
  });

  it('schedule-sum: the installments do not add up to the amount', () => {
    const schedule = {
      kind: 'installments' as const,
      installments: [
        { dueOn: '2002-10-01', cents: 333_334 },
        { dueOn: '2003-04-01', cents: 666_665 },
      ],
    };
    expect(codes({ ...clsc3, schedule })).toEqual(['schedule-sum@schedule']);
  });

  it('installment-outside: an installment before the period starts', () => {
    const schedule = {
      kind: 'installments' as const,
      installments: [
        { dueOn: '2002-09-30', cents: 333_334 },
        { dueOn: '2003-04-01', cents: 666_666 },
      ],
    };
    // 2002-09-30 is still in fiscal year 2002: only its date is wrong.
    expect(codes({ ...clsc3, schedule })).toEqual(['installment-outside@schedule.installments.0.dueOn']);
  });

  it('installment-year-sum: both installments in the second year', () => {
    const schedule = {
      kind: 'installments' as const,
      installments: [
        { dueOn: '2003-04-01', cents: 333_334 },
        { dueOn: '2003-10-01', cents: 666_666 },
      ],
    };
    // 2002: 0 paid of 333 334; 2003: 1 000 000 paid of 666 666.
    expect(codes({ ...clsc3, schedule })).toEqual(['installment-year-sum@schedule', 'installment-year-sum@schedule']);
  });

  it('obligation-report-year: a yearly report on a year outside the period', () => {
    expect(codes({ ...clsc1, obligations: [report(2004), report(2005)] })).toEqual(['obligation-report-year@obligations.1.fiscalYear']);
  });
});

describe('yearlyReportObligations', () => {
  it('asks one report per fiscal year, due June 30 after it ends', () => {
    let n = 0;
    expect(yearlyReportObligations(CLSC3, () => `o${++n}`)).toEqual([
      { id: 'o1', kind: 'report', label: 'Rapport annuel 2002-2003', fiscalYear: 2002, dueOn: '2003-06-30', status: 'pending', note: '' },
      { id: 'o2', kind: 'report', label: 'Rapport annuel 2003-2004', fiscalYear: 2003, dueOn: '2004-06-30', status: 'pending', note: '' },
    ]);
  });
});

describe('fillPlaceholders', () => {
  const values: Record<Placeholder, string> = {
    etablissement: 'CLSC 3',
    organisme: 'Maison de la famille',
    neq: '1140000000',
    projet: 'Halte-répit',
    besoins: 'Répit',
    periode: '2002-10-01 au 2004-03-31',
    montant: '10 000,00 $',
    montants_par_exercice: '…',
    modalites_de_versement: 'Deux versements',
  };

  it('fills the known placeholders, spaces inside the braces allowed', () => {
    expect(fillPlaceholders('Entre {{etablissement}} et {{ organisme }} ({{neq}}) : {{montant}}.', values)).toBe(
      'Entre CLSC 3 et Maison de la famille (1140000000) : 10 000,00 $.',
    );
  });

  it('leaves an unknown placeholder as written for the manager to see', () => {
    expect(fillPlaceholders('{{organisme}} — {{signataire}} — {{ Organisme }}', values)).toBe('Maison de la famille — {{signataire}} — {{ Organisme }}');
  });
});

describe('commitmentDeltas', () => {
  const y = (fiscalYear: number, envelopeId: string | null, cents: number): AgreementYear => ({ fiscalYear, envelopeId, cents });

  it('commits a rise in the envelope of its year', () => {
    expect(commitmentDeltas([y(2026, 'e26', 100_000)], [y(2026, 'e26', 150_001)])).toEqual([y(2026, 'e26', 50_001)]);
  });
  it('releases a lowering (negative)', () => {
    expect(commitmentDeltas([y(2026, 'e26', 100_000)], [y(2026, 'e26', 70_000)])).toEqual([y(2026, 'e26', -30_000)]);
  });
  it('commits a year added whole, and nothing for an unchanged year', () => {
    expect(commitmentDeltas([y(2026, 'e26', 100_000)], [y(2026, 'e26', 100_000), y(2027, 'e27', 80_000)])).toEqual([y(2027, 'e27', 80_000)]);
  });
  it('releases a year removed whole', () => {
    expect(commitmentDeltas([y(2026, 'e26', 100_000), y(2027, 'e27', 80_000)], [y(2026, 'e26', 100_000)])).toEqual([y(2027, 'e27', -80_000)]);
  });
  it('moves a year to another envelope: released here, committed there', () => {
    expect(commitmentDeltas([y(2026, 'e26', 100_000)], [y(2026, 'other', 100_000)])).toEqual([y(2026, 'e26', -100_000), y(2026, 'other', 100_000)]);
  });
  it('changes nothing when nothing changed', () => {
    expect(commitmentDeltas([y(2026, 'e26', 1)], [y(2026, 'e26', 1)])).toEqual([]);
  });
});

describe('totalsOfMovements', () => {
  it('adds 24 000 movements of odd cents exactly (integer cents: no float drift)', () => {
    const movements: Pick<LedgerMovement, 'committed' | 'paid' | 'available'>[] = [];
    for (let i = 0; i < 24_000; i++) movements.push(i % 3 === 0 ? { committed: 100_001, paid: 0, available: 0 } : { committed: 0, paid: 4_999, available: 0 });
    // 8 000 commitments × 100 001 = 800 008 000; 16 000 payments × 4 999 = 79 984 000.
    expect(totalsOfMovements(1_000_000_000, movements)).toEqual({
      available: 1_000_000_000,
      committed: 800_008_000,
      paid: 79_984_000,
      remaining: 199_992_000, // 1 000 000 000 − 800 008 000
      toPay: 720_024_000, // 800 008 000 − 79 984 000
    });
    // The same payments added as dollars would drift: the test would catch a float implementation.
    let dollars = 0;
    for (let i = 0; i < 16_000; i++) dollars += 49.99;
    expect(dollars).not.toBe(799_840);
  });

  it('moves the amount available with carry-overs and lowers what was committed with an amendment', () => {
    expect(
      totalsOfMovements(500_000, [
        { committed: 300_000, paid: 0, available: 0 },
        { committed: -50_001, paid: 0, available: 0 },
        { committed: 0, paid: 120_000, available: 0 },
        { committed: 0, paid: 0, available: -99_999 },
        { committed: 0, paid: 0, available: 10_000 },
      ]),
    ).toEqual({
      available: 410_001, // 500 000 − 99 999 + 10 000
      committed: 249_999, // 300 000 − 50 001
      paid: 120_000,
      remaining: 160_002, // 410 001 − 249 999
      toPay: 129_999, // 249 999 − 120 000
    });
  });

  it('gives the amount available untouched for no movement', () => {
    expect(totalsOfMovements(42, [])).toEqual({ available: 42, committed: 0, paid: 0, remaining: 42, toPay: 0 });
  });
});

describe('computeEnvelope with the ledger’s carry-overs', () => {
  const base = { programBudget: 10_000_000, deductions: [{ kind: 'percent' as const, label: 'Frais', basisPoints: 1000 }], communityShareBasisPoints: 5000 };

  it('adds what was carried in and takes off what was carried out, each on its own line', () => {
    // 10 000 000 − 10 % (1 000 000) = 9 000 000; × 50 % = 4 500 000; + 12 345 in; − 200 000 out = 4 312 345.
    const c = computeEnvelope({ ...base, carriedIn: { cents: 12_345, fromFiscalYear: 2025 }, carriedOut: { cents: 200_000, toFiscalYear: 2027 } });
    expect(c.available).toBe(4_312_345);
    expect(c.communityShare).toBe(4_500_000);
    expect(c.lines.map((l) => [l.op, l.cents])).toEqual([
      ['=', 10_000_000],
      ['-', 1_000_000],
      ['=', 9_000_000],
      ['×', 4_500_000],
      ['+', 12_345],
      ['-', 200_000],
      ['=', 4_312_345],
    ]);
    expect(c.lines[4]!.label.fr).toBe('Solde reporté de l’exercice 2025-2026');
    expect(c.lines[4]!.label.en).toBe('Balance carried over from fiscal year 2025-2026');
    expect(c.lines[5]!.label.fr).toBe('Solde reporté à l’exercice 2027-2028');
  });

  it('adds no line for an absent or zero carry-over', () => {
    const c = computeEnvelope({ ...base, carriedIn: null, carriedOut: { cents: 0, toFiscalYear: 2027 } });
    expect(c.available).toBe(4_500_000);
    expect(c.lines).toHaveLength(5);
  });

  it('adds a typed carry-over and a ledger carry-in both', () => {
    // 4 500 000 + 100 000 (typed) + 1 (carried in) = 4 600 001.
    const c = computeEnvelope({ ...base, carryOver: { cents: 100_000, fromFiscalYear: 2024 }, carriedIn: { cents: 1, fromFiscalYear: 2025 } });
    expect(c.carryOver).toBe(100_000);
    expect(c.available).toBe(4_600_001);
  });
});

describe('ledgerOf', () => {
  const computation = computeEnvelope({ programBudget: 1_000_000, deductions: [], communityShareBasisPoints: 10_000 });

  it('gives an envelope that never had a ledger change 0 committed, 0 paid and all of its amount remaining', () => {
    expect(ledgerOf({ computation })).toEqual({ available: 1_000_000, committed: 0, paid: 0, remaining: 1_000_000, toPay: 0 });
  });

  it('reads the stored totals when present', () => {
    expect(ledgerOf({ computation, ledgerCommitted: 600_001, ledgerPaid: 250_000, ledgerRemaining: 399_999 })).toEqual({
      available: 1_000_000,
      committed: 600_001,
      paid: 250_000,
      remaining: 399_999,
      toPay: 350_001, // 600 001 − 250 000
    });
  });

  it('derives what remains from what is committed when only that is stored', () => {
    expect(ledgerOf({ computation, ledgerCommitted: 300_000 })).toEqual({
      available: 1_000_000,
      committed: 300_000,
      paid: 0,
      remaining: 700_000,
      toPay: 300_000,
    });
  });
});
