/** The pure rules of payments: what each planned installment received and still waits for, and which comes next. */
import { describe, expect, it } from 'vitest';
import { installmentStatuses, nextInstallment, onField, paidOnProblem, sumCents } from '../../shared/payments';

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

  it('sums what remains', () => {
    expect(sumCents({ '2004': 60_000, '2005': 40_001 })).toBe(100_001);
  });

  it('dates a payment from the institution’s signature (Montreal date) to today (Montreal date), the period not mattering', () => {
    // Signed on 2004-02-10 at 22 h 00 in Montreal (03:00 UTC the next day); today is 2004-05-01 at 20 h 30 in Montreal.
    const signedAt = '2004-02-11T03:00:00.000Z';
    const now = new Date('2004-05-02T00:30:00Z');
    const code = (paidOn: string) => paidOnProblem(paidOn, signedAt, now)?.code ?? null;
    // Before the period (April 2004 – March 2005) but after signature, the signature day itself, today: accepted.
    expect([code('2004-02-20'), code('2004-02-10'), code('2004-05-01')]).toEqual([null, null, null]);
    expect([code('2004-02-09'), code('2004-05-02')]).toEqual(['paid-on-before-signature', 'paid-on-future']);
    const before = paidOnProblem('2004-02-09', signedAt, now);
    expect(before?.path).toBe('paidOn');
    expect(before?.message.fr).toContain('2004-02-10');
    expect(before?.message.en).toContain('2004-02-10');
    expect(paidOnProblem('2004-05-02', signedAt, now)?.message.en).toContain('2004-05-01');
    // Not signed by the institution: only the future is refused (the route refuses an unsigned agreement before).
    expect(paidOnProblem('1999-01-01', null, now)).toBeNull();
  });

  it('names a refusal on its field, for the form to mark it', () => {
    const message = { fr: 'Trop', en: 'Too much' };
    expect(onField('cents', 'above', message, { remaining: 5 })).toEqual({ remaining: 5, field: 'cents', errors: [{ path: 'cents', code: 'above', message }] });
  });
});
