/** Participatory budgeting rules (METHODS.md §4) on elections small enough to work out by hand, and the .pb reader. */
import { describe, expect, it } from 'vitest';
import { parsePb, PbError, writePb } from '../../shared/pb/parse';
import { pbGreedy, pbMes, pbMesCompleted } from '../../shared/pb/rules';

const pb = (budget: string, projects: [string, string][], votes: string[]) =>
  [
    'META',
    'key;value',
    `budget;${budget}`,
    'vote_type;approval',
    `num_projects;${projects.length}`,
    `num_votes;${votes.length}`,
    'PROJECTS',
    'project_id;cost;name',
    ...projects.map(([id, cost]) => `${id};${cost};Projet ${id}`),
    'VOTES',
    'voter_id;vote',
    ...votes.map((v, i) => `${i + 1};${v}`),
    '',
  ].join('\n');
const ids = (e: ReturnType<typeof parsePb>, sel: number[]) => sel.map((i) => e.projects[i]!.id);

// Budget 100, four voters (25 each). A (60) approved by 1, 2, 3; B (40) by 4; C (30) by everyone.
const SMALL = parsePb(
  pb(
    '100',
    [
      ['A', '60'],
      ['B', '40'],
      ['C', '30'],
    ],
    ['A,C', 'A,C', 'A,C', 'B,C'],
  ),
);

describe('MES, worked by hand', () => {
  it('selects C (ρ = 7.5/30 = 1/4) before A (ρ = 20/60 = 1/3), then A is unaffordable: 3 × 17.5 < 60', () => {
    const out = pbMes(SMALL, { explain: true });
    expect(ids(SMALL, out.selected)).toEqual(['C']);
    expect(out.cost).toBe(30n);
    expect(out.rounds![0]).toMatchObject({ rho: { n: '1', d: '4' }, payers: 4, exhausted: 0 });
  });

  it('add1 raises each voter’s budget by 1 until A fits (b = 28: 3 × 20.5 ≥ 60), and stops when B cannot be added within 100', () => {
    const out = pbMesCompleted(SMALL, { completion: 'add1' });
    expect(ids(SMALL, out.selected)).toEqual(['C', 'A']);
    expect(out.cost).toBe(90n);
  });

  it('greedy by approvals gives the same here; approval utility orders by approvals per cost', () => {
    expect(ids(SMALL, pbGreedy(SMALL).selected)).toEqual(['C', 'A']);
    // approvals/cost: C 4/30 > B 1/40 … A 3/60 = 1/20 > B 1/40: C, A, then B does not fit.
    expect(ids(SMALL, pbGreedy(SMALL, { utility: 'approval' }).selected)).toEqual(['C', 'A']);
  });

  it('breaks an exact tie of ρ by the lower cost, then more approvals, then the id in natural order', () => {
    // Two voters (budget 10 each): X (cost 10) and Y (cost 10) each approved by one voter: ρ = 1 for both.
    const tie = parsePb(
      pb(
        '20',
        [
          ['10', '10'],
          ['9', '10'],
        ],
        ['10', '9'],
      ),
    );
    expect(ids(tie, pbMes(tie).selected)).toEqual(['9', '10']); // natural: 9 before 10
    expect(ids(tie, pbMes(tie, { tieBreak: 'id-string' }).selected)).toEqual(['10', '9']); // as strings: "10" < "9"
    const cheaper = parsePb(
      pb(
        '20',
        [
          ['a', '10'],
          ['b', '6'],
        ],
        ['a', 'b'],
      ),
    );
    // ρ(a) = 10/10 = 1, ρ(b) = 6/6 = 1: b is cheaper.
    expect(ids(cheaper, pbMes(cheaper).selected)).toEqual(['b', 'a']);
  });

  it('keeps money exact with decimals in the budget and costs', () => {
    const dec = parsePb(
      pb(
        '100.50',
        [
          ['A', '60.25'],
          ['C', '30.10'],
        ],
        ['A,C', 'A,C', 'A,C', 'C'],
      ),
    );
    expect(dec.decimals).toBe(2);
    expect(dec.budget).toBe(10050n);
    const out = pbGreedy(dec);
    expect(out.cost).toBe(9035n);
  });
});

describe('.pb files', () => {
  it.each([
    ['a row with a missing field', pb('100', [['A', '60']], ['A']).replace('A;60;Projet A', 'A;60'), 9, '3 fields'],
    ['a vote for an unknown project', pb('100', [['A', '60']], ['A,Z']), 12, '“Z” is not one'],
    ['a cost that is not an amount', pb('100', [['A', 'soixante']], ['A']), 9, 'non-negative cost'],
    ['no VOTES section', pb('100', [['A', '60']], ['A']).split('VOTES')[0]!, 10, 'a VOTES section'],
    [
      'a project twice',
      pb(
        '100',
        [
          ['A', '60'],
          ['A', '10'],
        ],
        ['A'],
      ),
      10,
      '“A” appears again',
    ],
  ])('refuses %s with its line number', (_, text, line, expected) => {
    try {
      parsePb(text);
      throw new Error('parsed');
    } catch (e) {
      expect(e).toBeInstanceOf(PbError);
      expect((e as PbError).line).toBe(line);
      expect((e as PbError).expected).toContain(expected);
    }
  });

  it('writes what it reads', () => {
    const back = parsePb(writePb(SMALL));
    expect(back.projects.map((p) => [p.id, p.cost])).toEqual(SMALL.projects.map((p) => [p.id, p.cost]));
    expect(back.ballots).toEqual(SMALL.ballots);
    expect(back.budget).toBe(SMALL.budget);
  });
});

describe('MES computed in floats and decided exactly', () => {
  it('gives the exact reference’s outcome on random elections, ties and budgets that run out exactly included', async () => {
    const fc = (await import('fast-check')).default;
    const { pbMesExact } = await import('../../shared/pb/rules');
    const election = fc
      .record({
        // Few distinct costs and a budget that divides well: exact ties and exact run-outs are common.
        costs: fc.array(fc.constantFrom('10', '20', '30', '40', '60'), { minLength: 1, maxLength: 7 }),
        voters: fc.array(fc.array(fc.nat({ max: 6 }), { minLength: 0, maxLength: 4 }), { minLength: 1, maxLength: 9 }),
        budget: fc.constantFrom('60', '90', '100', '120', '137'),
      })
      .map(({ costs, voters, budget }) =>
        parsePb(
          pb(
            budget,
            costs.map((c, i) => [String(i + 1), c]),
            voters.map((v) => [...new Set(v.filter((k) => k < costs.length))].map((k) => String(k + 1)).join(',')),
          ),
        ),
      );
    fc.assert(
      fc.property(election, fc.constantFrom('cost' as const, 'approval' as const), (e, utility) => {
        expect(pbMes(e, { utility }).selected).toEqual(pbMesExact(e, { utility }).selected);
        expect(pbMesCompleted(e, { utility, completion: 'add1' }).selected).toEqual(
          (() => {
            // add1 with the exact reference, as METHODS.md states it.
            const n = BigInt(e.ballots.length);
            let previous = { selected: [] as number[], cost: 0n };
            for (let k = 0n; ; k++) {
              const out = pbMesExact(e, { utility, perVoter: { n: e.budget + k * n, d: n } });
              if (out.cost > e.budget) return previous.selected;
              const chosen = new Set(out.selected);
              const supported = new Set(e.ballots.flat());
              if (!e.projects.some((p, i) => !chosen.has(i) && supported.has(i) && out.cost + p.cost <= e.budget)) return out.selected;
              previous = out;
            }
          })(),
        );
      }),
      { numRuns: 300 },
    );
  });
});
