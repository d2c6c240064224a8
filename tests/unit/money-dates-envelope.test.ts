import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyBasisPoints, centsToInput, formatMoney, parseMoney } from '../../shared/money';
import { fiscalYear, fiscalYearOf, formatDateTime, instantToMontrealLocal, montrealLocalToInstant, windowPhase } from '../../shared/dates';
import { computeEnvelope } from '../../shared/envelope';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money', () => {
  it('formats the Quebec way in French and the Canadian way in English', () => {
    expect(nbsp(formatMoney(1_234_567, 'fr'))).toBe('12 345,67 $');
    expect(formatMoney(1_234_567, 'en')).toBe('$12,345.67');
  });
  it.each([
    ['12 345,67', 1_234_567],
    ['12 345,67 $', 1_234_567],
    ['12345.6', 1_234_560],
    ['12,345.67', 1_234_567],
    ['0,05', 5],
    ['32000', 3_200_000],
  ])('parses %s', (text, cents) => expect(parseMoney(text)).toEqual({ ok: true, cents }));
  it('refuses fractions of a cent and garbage rather than guessing', () => {
    expect(parseMoney('1,005')).toEqual({ ok: false, reason: 'fraction' });
    expect(parseMoney('douze')).toEqual({ ok: false, reason: 'format' });
    expect(parseMoney('  ')).toEqual({ ok: false, reason: 'empty' });
  });
  it('round-trips cents through the edit text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (c) => {
        const r = parseMoney(centsToInput(c, 'fr'));
        return r.ok && r.cents === c;
      }),
    );
  });
  it('applies basis points exactly, rounding half up', () => {
    expect(applyBasisPoints(32_000_000, 1000)).toBe(3_200_000);
    expect(applyBasisPoints(5, 1000)).toBe(1); // 0.5 cent rounds up
    expect(applyBasisPoints(4, 1000)).toBe(0);
    expect(applyBasisPoints(100_000_000_000, 3333)).toBe(33_330_000_000);
  });
});

describe('dates', () => {
  it('names fiscal years April 1 – March 31', () => {
    expect(fiscalYear(2026)).toEqual({ startYear: 2026, label: '2026-2027', start: '2026-04-01', end: '2027-03-31' });
    expect(fiscalYearOf('2027-03-31T12:00:00Z').label).toBe('2026-2027');
    expect(fiscalYearOf('2026-04-01T12:00:00Z').label).toBe('2026-2027');
    // 2026-04-01 01:00 UTC is still March 31 in Montreal.
    expect(fiscalYearOf('2026-04-01T01:00:00Z').label).toBe('2025-2026');
  });
  it('converts Montreal wall-clock times across daylight saving time', () => {
    expect(montrealLocalToInstant('2027-01-15T17:00')!.toISOString()).toBe('2027-01-15T22:00:00.000Z');
    expect(montrealLocalToInstant('2026-07-01T17:00')!.toISOString()).toBe('2026-07-01T21:00:00.000Z');
    // Spring gap (2027-03-14 02:30 does not exist): moves forward.
    expect(instantToMontrealLocal(montrealLocalToInstant('2027-03-14T02:30')!)).toBe('2027-03-14T03:30');
    // Autumn: 2025-11-02 01:30 happens twice (EDT, then EST); it means the first, the earlier deadline.
    expect(montrealLocalToInstant('2025-11-02T01:30')!.toISOString()).toBe('2025-11-02T05:30:00.000Z');
    expect(montrealLocalToInstant('2025-11-02T12:00')!.toISOString()).toBe('2025-11-02T17:00:00.000Z');
    expect(montrealLocalToInstant('2027-02-30T10:00')).toBeNull();
    expect(montrealLocalToInstant('demain')).toBeNull();
  });
  it('round-trips any minute through Montreal local time outside the spring gap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_700_000_000, max: 1_900_000_000 }), (s) => {
        const instant = new Date(Math.floor(s / 60) * 60_000);
        const back = montrealLocalToInstant(instantToMontrealLocal(instant))!;
        // Ambiguous autumn hour maps to its first occurrence: at most one hour earlier.
        const diff = instant.getTime() - back.getTime();
        return diff === 0 || diff === 3_600_000;
      }),
    );
  });
  it('formats deadlines in Quebec usage', () => {
    expect(formatDateTime('2027-01-15T22:00:00Z', 'fr')).toBe('2027-01-15 17 h 00');
    expect(formatDateTime('2027-01-15T22:00:00Z', 'en')).toBe('2027-01-15 5:00 p.m.');
  });
  it('closes a window at its closing instant exactly', () => {
    const o = '2026-11-01T00:00:00.000Z';
    const c = '2026-12-01T00:00:00.000Z';
    expect(windowPhase(o, c, new Date('2026-10-31T23:59:59.999Z'))).toBe('upcoming');
    expect(windowPhase(o, c, new Date(o))).toBe('open');
    expect(windowPhase(o, c, new Date('2026-11-30T23:59:59.999Z'))).toBe('open');
    expect(windowPhase(o, c, new Date(c))).toBe('closed');
  });
});

describe('envelope arithmetic', () => {
  it('reproduces CLSC 1: 10 % of the PSJP budget after 20 % administration fees is 32 000 $', () => {
    const c = computeEnvelope({
      programBudget: 40_000_000,
      deductions: [{ kind: 'percent', label: 'Frais', basisPoints: 2000 }],
      communityShareBasisPoints: 1000,
    });
    expect(c).toMatchObject({ deductionsTotal: 8_000_000, afterDeductions: 32_000_000, communityShare: 3_200_000, carryOver: 0, available: 3_200_000 });
  });
  it('adds a carry-over from a deferred year as its own line', () => {
    const c = computeEnvelope({
      programBudget: 32_000_000,
      deductions: [],
      communityShareBasisPoints: 1000,
      carryOver: { cents: 3_200_000, fromFiscalYear: 2025 },
    });
    expect(c.available).toBe(6_400_000);
    expect(c.lines.at(-2)!.label.fr).toBe('Report de l’exercice 2025-2026');
  });
  it('keeps its lines consistent with its totals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('percent' as const), label: fc.constant('p'), basisPoints: fc.integer({ min: 0, max: 2000 }) }),
            fc.record({ kind: fc.constant('amount' as const), label: fc.constant('a'), cents: fc.integer({ min: 0, max: 1_000_000 }) }),
          ),
          { maxLength: 4 },
        ),
        fc.integer({ min: 0, max: 10_000 }),
        (budget, deductions, share) => {
          const c = computeEnvelope({ programBudget: budget, deductions, communityShareBasisPoints: share });
          const minus = c.lines.filter((l) => l.op === '-').reduce((s, l) => s + l.cents, 0);
          return minus === c.deductionsTotal && c.afterDeductions === budget - minus && c.available === c.communityShare && Number.isInteger(c.available);
        },
      ),
    );
  });
});
