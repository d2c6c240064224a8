/** Rescaling budget lines to a new request: whole cents, adding up to it exactly, in proportion. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { budgetLinesTotal, scaleBudgetLines } from '../../shared/budget-lines';

describe('scaleBudgetLines', () => {
  it('keeps the proportions and gives the leftover cents to the largest remainders', () => {
    expect(
      scaleBudgetLines(
        [
          { label: 'a', amount: 900_000 },
          { label: 'b', amount: 600_000 },
        ],
        1_034_483,
      ).map((l) => l.amount),
    ).toEqual([620_690, 413_793]);
    expect(scaleBudgetLines([{ amount: 1 }, { amount: 1 }, { amount: 1 }], 100).map((l) => l.amount)).toEqual([34, 33, 33]);
    expect(scaleBudgetLines([{ amount: 0 }, { amount: 0 }], 500).map((l) => l.amount)).toEqual([500, 0]);
  });

  it('always adds up to the new total, each line within a cent of its exact share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        (amounts, total) => {
          const lines = amounts.map((amount) => ({ amount }));
          const scaled = scaleBudgetLines(lines, total);
          expect(budgetLinesTotal(scaled)).toBe(total);
          const before = budgetLinesTotal(lines);
          if (before > 0) for (let i = 0; i < lines.length; i++) expect(Math.abs(scaled[i]!.amount - (amounts[i]! * total) / before)).toBeLessThan(1);
        },
      ),
    );
  });
});
