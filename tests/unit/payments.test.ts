/** The pure rules of payments: what each planned installment received and still waits for, and which comes next. */
import { describe, expect, it } from 'vitest';
import { installmentStatuses, nextInstallment, sumCents, withinPeriod } from '../../shared/payments';

const clsc3 = {
  years: [
    { fiscalYear: 2002, envelopeId: 'e1', cents: 600_000 },
    { fiscalYear: 2003, envelopeId: 'e2', cents: 1_200_000 },
  ],
  schedule: {
    kind: 'installments' as const,
    installments: [
      { dueOn: '2002-12-15', cents: 600_000 },
      { dueOn: '2003-04-15', cents: 1_200_000 },
    ],
  },
};

describe('installments', () => {
  it('adds each payment to its own installment, in integer cents', () => {
    const s = installmentStatuses(clsc3, [
      { installment: 0, cents: 250_000 },
      { installment: 0, cents: 350_000 },
      { installment: 1, cents: 1 },
      { installment: null, cents: 99 },
    ]);
    expect(s.map((x) => [x.index, x.fiscalYear, x.paid, x.remaining])).toEqual([
      [0, 2002, 600_000, 0],
      [1, 2003, 1, 1_199_999],
    ]);
    expect(nextInstallment(s)).toMatchObject({ index: 1, remaining: 1_199_999 });
  });

  it('a single payment comes due on signature, before any dated one; none remains once all is paid', () => {
    const single = {
      years: [
        { fiscalYear: 2004, envelopeId: 'e', cents: 800_000 },
        { fiscalYear: 2005, envelopeId: 'f', cents: 800_000 },
      ],
      schedule: { kind: 'single' as const },
    };
    expect(nextInstallment(installmentStatuses(single, []))).toMatchObject({ index: 0, dueOn: null });
    expect(
      nextInstallment(
        installmentStatuses(single, [
          { installment: 0, cents: 800_000 },
          { installment: 1, cents: 800_000 },
        ]),
      ),
    ).toBeNull();
    expect(installmentStatuses({ ...single, schedule: { kind: 'periodic', every: 'month' } }, [])).toEqual([]);
  });

  it('sums what remains and keeps dates within the period, both ends included', () => {
    expect(sumCents({ '2004': 60_000, '2005': 40_001 })).toBe(100_001);
    const period = { start: '2002-10-01', end: '2004-03-31' };
    expect([
      withinPeriod('2002-10-01', period),
      withinPeriod('2004-03-31', period),
      withinPeriod('2002-09-30', period),
      withinPeriod('2004-04-01', period),
    ]).toEqual([true, true, false, false]);
  });
});
