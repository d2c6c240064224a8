/** The rules of a decision's lines (shared/deciding.ts) on hand cases. */
import { describe, expect, it } from 'vitest';
import { amend, decide, type BaseLine, type DecidedProposal } from '../../shared/deciding';

const p = (id: string, requested: number, minimum: number, durationYears: 1 | 2 = 1): DecidedProposal => ({
  id,
  organizationId: `org-${id}`,
  organizationName: `Organisme ${id}`,
  title: `Projet ${id}`,
  requested,
  minimum,
  durationYears,
});
const a = p('aaa', 1_000_000, 600_000, 2);
const b = p('bbb', 800_000, 500_000);
const base = new Map<string, BaseLine>([
  ['aaa', { proposalId: 'aaa', amount: 1_100_000, years: 2, reason: 'Recommandé', supplement: { amount: 100_000, reason: 'Transport' } }],
  ['bbb', { proposalId: 'bbb', amount: 500_000, years: 1, reason: 'Réduit', supplement: null }],
]);

describe('decide', () => {
  it('follows the base where nothing departs, the supplement kept, the years split', () => {
    const { lines, problems } = decide([a, b], base, [], 2_000_000);
    expect(problems).toEqual([]);
    expect(lines[0]).toMatchObject({
      amount: 1_100_000,
      perYear: [550_000, 550_000],
      supplement: { amount: 100_000 },
      recommended: 1_100_000,
      departure: null,
    });
    expect(lines[1]).toMatchObject({ amount: 500_000, perYear: [500_000], recommended: 500_000, departure: null, reason: 'Réduit' });
  });

  it('marks a departure with its reason; one without a reason names its line', () => {
    const ok = decide([a, b], base, [{ proposalId: 'bbb', amount: 0, years: 1, reason: 'Financé ailleurs' }], 2_000_000);
    expect(ok.problems).toEqual([]);
    expect(ok.lines[1]).toMatchObject({ amount: 0, perYear: [], departure: { reason: 'Financé ailleurs' }, recommended: 500_000 });
    const bad = decide([a, b], base, [{ proposalId: 'bbb', amount: 0, years: 1, reason: ' ' }], 2_000_000);
    expect(bad.problems.map((x) => x.code)).toEqual(['reason-required']);
    expect(bad.problems[0]!.message.fr).toContain('Projet bbb');
  });

  it('bounds each amount and the total; a proposal with no line of either is not retained', () => {
    expect(decide([a, b], null, [{ proposalId: 'aaa', amount: 599_999, years: 1, reason: '' }], 9_000_000).problems.map((x) => x.code)).toEqual([
      'below-minimum',
    ]);
    expect(decide([a, b], null, [{ proposalId: 'bbb', amount: 800_001, years: 1, reason: '' }], 9_000_000).problems.map((x) => x.code)).toEqual([
      'above-request',
    ]);
    expect(decide([a, b], null, [{ proposalId: 'bbb', amount: 800_000, years: 2, reason: '' }], 9_000_000).problems.map((x) => x.code)).toEqual([
      'years-above-duration',
    ]);
    expect(
      decide([a, b], null, [{ proposalId: 'bbb', amount: 800_000, years: 1, reason: '', supplement: { amount: 1, reason: '' } }], 9_000_000).problems.map(
        (x) => x.code,
      ),
    ).toEqual(['supplement-reason-required']);
    // Exactly the amount available passes; one cent more does not.
    expect(decide([a, b], null, [{ proposalId: 'aaa', amount: 1_000_000, years: 2, reason: '' }], 1_000_000).problems).toEqual([]);
    expect(decide([a, b], null, [{ proposalId: 'aaa', amount: 1_000_000, years: 2, reason: '' }], 999_999).problems.map((x) => x.code)).toEqual([
      'over-amount-available',
    ]);
    const { lines } = decide([a, b], null, [{ proposalId: 'aaa', amount: 1_000_000, years: 2, reason: '' }], 1_000_000);
    expect(lines[1]).toMatchObject({ amount: 0, reason: 'Non retenu', recommended: null, departure: null });
    expect(decide([a], null, [{ proposalId: 'bbb', amount: 0, years: 1, reason: '' }], 1).problems.map((x) => x.code)).toEqual(['proposal-not-eligible']);
  });
});

describe('amend', () => {
  it('lists what changed before and after, keeps the rest, refuses an amendment that changes nothing', () => {
    const { lines } = decide([a, b], base, [], 2_000_000);
    const known = new Map([a, b].map((x) => [x.id, x]));
    const changed = amend(lines, known, [{ proposalId: 'bbb', amount: 800_000, years: 1, reason: 'Fonds ajoutés' }], 2_000_000);
    expect(changed.problems).toEqual([]);
    expect(changed.changes).toHaveLength(1);
    expect(changed.changes[0]).toMatchObject({
      proposalId: 'bbb',
      before: { amount: 500_000 },
      after: { amount: 800_000, departure: { reason: 'Fonds ajoutés' } },
    });
    expect(changed.lines[0]).toBe(lines[0]);
    const same = amend(lines, known, [{ proposalId: 'bbb', amount: 500_000, years: 1, reason: 'Réduit' }], 2_000_000);
    expect(same.problems.map((x) => x.code)).toEqual(['nothing-changed']);
    expect(amend(lines, known, [{ proposalId: 'bbb', amount: 800_000, years: 1, reason: '' }], 2_000_000).problems.map((x) => x.code)).toEqual([
      'reason-required',
    ]);
  });
});
