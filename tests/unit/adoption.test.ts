/**
 * The rules of adopting a recommendation (../shared/METHODS.md §5, shared/adoption.ts) on hand cases:
 * quorum by default and by fraction, simple and qualified majorities, ties, abstentions, recusals,
 * a line nobody may vote on, and the checks of a recommendation's lines.
 */
import { describe, expect, it } from 'vitest';
import { checkLines, describeRules, lineQuorum, lineRecusals, passes, tallyLine, tallyVote, type LineBounds } from '../../shared/adoption';
import { DEFAULT_ADOPTION_RULES, type AdoptionChoice, type AdoptionRules } from '../../shared/recommendation';

const simple: AdoptionRules = DEFAULT_ADOPTION_RULES;
const qualified: AdoptionRules = { ...DEFAULT_ADOPTION_RULES, majority: 'qualified' };
const line = (electorate: number, choices: AdoptionChoice[], recused = 0) => ({ proposalId: 'p1', electorate, recused, choices });

describe('quorum', () => {
  it('is a strict majority of the electorate by default: floor(E/2) + 1', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((e) => lineQuorum(e, simple))).toEqual([1, 2, 2, 3, 3, 4, 4]);
    expect(lineQuorum(0, simple)).toBe(0);
  });
  it('is ceil(q·E) with a fraction', () => {
    expect(lineQuorum(5, { quorum: 0.5 })).toBe(3);
    expect(lineQuorum(4, { quorum: 0.5 })).toBe(2);
    expect(lineQuorum(3, { quorum: 0.6667 })).toBe(3);
    expect(lineQuorum(3, { quorum: 2 / 3 })).toBe(2);
    expect(lineQuorum(10, { quorum: 0.25 })).toBe(3);
    expect(lineQuorum(1, { quorum: 0.1 })).toBe(1);
  });
  it('missed by one fails the line, whatever the votes', () => {
    // E = 5: quorum 3; two cast.
    expect(tallyLine(line(5, ['for', 'for']), simple).outcome).toBe('failed-quorum');
    expect(tallyLine(line(5, ['for', 'for', 'against']), simple).outcome).toBe('passed');
  });
  it('counts abstentions', () => {
    expect(tallyLine(line(5, ['for', 'abstain', 'abstain']), simple)).toMatchObject({ outcome: 'passed', for: 1, against: 0, abstain: 2, quorum: 3 });
  });
});

describe('majority', () => {
  it('simple: a tie does not pass', () => {
    expect(passes(2, 2, 'simple')).toBe(false);
    expect(passes(3, 2, 'simple')).toBe(true);
    expect(tallyLine(line(4, ['for', 'for', 'against', 'against']), simple).outcome).toBe('failed-majority');
  });
  it('all abstain: quorum met; no simple majority (0 > 0 is false), a qualified one to the letter of METHODS §5 (3·0 ≥ 2·0)', () => {
    expect(tallyLine(line(3, ['abstain', 'abstain', 'abstain']), simple).outcome).toBe('failed-majority');
    expect(tallyLine(line(3, ['abstain', 'abstain', 'abstain']), qualified).outcome).toBe('passed');
  });
  it('qualified: exactly two thirds passes, just under fails', () => {
    expect(passes(2, 1, 'qualified')).toBe(true);
    expect(passes(4, 2, 'qualified')).toBe(true);
    expect(passes(5, 3, 'qualified')).toBe(false);
    expect(tallyLine(line(3, ['for', 'for', 'against']), qualified).outcome).toBe('passed');
    expect(tallyLine(line(5, ['for', 'for', 'against', 'abstain']), qualified).outcome).toBe('passed');
  });
});

describe('a vote', () => {
  const electorate = [{ userId: 'a' }, { userId: 'b' }, { userId: 'c' }];
  const lines = [{ proposalId: 'p1' }, { proposalId: 'p2' }];
  it('leaves recused members out of the line: their choice counts for nothing', () => {
    const r = tallyVote({
      lines,
      electorate,
      recusals: [{ proposalId: 'p1', userId: 'a' }],
      ballots: [
        { userId: 'a', choices: { p1: 'against', p2: 'for' } },
        { userId: 'b', choices: { p1: 'for', p2: 'for' } },
        { userId: 'c', choices: { p1: 'for' } },
        { userId: 'stranger', choices: { p1: 'against', p2: 'against' } },
      ],
      rules: simple,
    });
    expect(r.tallies[0]).toMatchObject({ electorate: 2, recused: 1, quorum: 2, for: 2, against: 0, outcome: 'passed' });
    expect(r.tallies[1]).toMatchObject({ electorate: 3, quorum: 2, for: 2, against: 0, outcome: 'passed' });
    expect(r.adopted).toBe(true);
  });
  it('every member recused from one line: no electorate, stated, not blocking the others', () => {
    const r = tallyVote({
      lines,
      electorate,
      recusals: electorate.map((e) => ({ proposalId: 'p2', userId: e.userId })),
      ballots: electorate.map((e) => ({ userId: e.userId, choices: { p1: 'for' as const } })),
      rules: simple,
    });
    expect(r.tallies[1]).toMatchObject({ electorate: 0, quorum: 0, recused: 3, outcome: 'no-electorate' });
    expect(r.adopted).toBe(true);
  });
  it('one failing line rejects the recommendation', () => {
    const r = tallyVote({
      lines,
      electorate,
      recusals: [],
      ballots: electorate.map((e) => ({ userId: e.userId, choices: { p1: 'for' as const, p2: 'against' as const } })),
      rules: simple,
    });
    expect(r.tallies.map((t) => t.outcome)).toEqual(['passed', 'failed-majority']);
    expect(r.adopted).toBe(false);
  });
  it('no ballot at all: quorum missed everywhere', () => {
    const r = tallyVote({ lines, electorate, recusals: [], ballots: [], rules: simple });
    expect(r.tallies.every((t) => t.outcome === 'failed-quorum')).toBe(true);
    expect(r.adopted).toBe(false);
  });
});

describe('recusals', () => {
  it('represents (membership or table seat) before a declared tie', () => {
    const voters = [
      { userId: 'a', name: 'A', organizationId: 'o1', representsOrganizationId: null },
      { userId: 'b', name: 'B', organizationId: null, representsOrganizationId: 'o2' },
      { userId: 'c', name: 'C', organizationId: null, representsOrganizationId: null },
    ];
    const lines = [
      { proposalId: 'p1', organizationId: 'o1' },
      { proposalId: 'p2', organizationId: 'o2' },
    ];
    const r = lineRecusals(voters, lines, (u, p) => u === 'c' && p === 'p1');
    expect(r).toEqual([
      { proposalId: 'p1', userId: 'a', name: 'A', reason: 'represents' },
      { proposalId: 'p1', userId: 'c', name: 'C', reason: 'declared-tie' },
      { proposalId: 'p2', userId: 'b', name: 'B', reason: 'represents' },
    ]);
  });
});

describe('the lines of a recommendation', () => {
  const p = (id: string, requested: number, minimum: number, durationYears: 1 | 2 = 1): LineBounds => ({
    id,
    organizationId: `o-${id}`,
    organizationName: `Org ${id}`,
    title: `Projet ${id}`,
    requested,
    minimum,
    durationYears,
  });
  const eligible = new Map([
    ['p1', p('p1', 1_500_000, 1_000_000)],
    ['p2', p('p2', 1_400_000, 800_000, 2)],
  ]);
  const base = { years: 1 as const, reason: 'r', adjustmentReason: null, supplement: null };
  const none = new Map<string, number | null>();
  it('accepts 0, the minimum, the request', () => {
    expect(checkLines([{ ...base, proposalId: 'p1', amount: 0 }], eligible, none, 3_000_000)).toEqual([]);
    expect(checkLines([{ ...base, proposalId: 'p1', amount: 1_000_000 }], eligible, none, 3_000_000)).toEqual([]);
    expect(checkLines([{ ...base, proposalId: 'p1', amount: 1_500_000 }], eligible, none, 3_000_000)).toEqual([]);
  });
  it('names the line and the cause', () => {
    const problems = checkLines(
      [
        { ...base, proposalId: 'p1', amount: 999_999 },
        { ...base, proposalId: 'p2', amount: 1_400_000, years: 2, supplement: { amount: 50_000, reason: ' ' } },
        { ...base, proposalId: 'p2', amount: 0 },
        { ...base, proposalId: 'nope', amount: 0 },
      ],
      eligible,
      none,
      3_000_000,
    );
    expect(problems.map((x) => [x.proposalId, x.code])).toEqual([
      ['p1', 'amount-out-of-range'],
      ['p2', 'supplement-reason-required'],
      ['p2', 'duplicate-line'],
      ['nope', 'unknown-proposal'],
    ]);
    expect(problems[0]!.message.fr).toContain('Projet p1');
  });
  it('asks the reason of an amount changed from the scenario', () => {
    const scenario = new Map([['p1', 1_200_000]]);
    expect(checkLines([{ ...base, proposalId: 'p1', amount: 1_100_000 }], eligible, scenario, 3_000_000).map((x) => x.code)).toEqual([
      'adjustment-reason-required',
    ]);
    expect(checkLines([{ ...base, proposalId: 'p1', amount: 1_100_000, adjustmentReason: 'Partage' }], eligible, scenario, 3_000_000)).toEqual([]);
    expect(checkLines([{ ...base, proposalId: 'p1', amount: 1_200_000 }], eligible, scenario, 3_000_000)).toEqual([]);
  });
  it('refuses more years than asked, and a total above the amount available, by how much', () => {
    expect(checkLines([{ ...base, proposalId: 'p1', amount: 0, years: 2 }], eligible, none, 3_000_000).map((x) => x.code)).toEqual(['too-many-years']);
    const over = checkLines(
      [
        { ...base, proposalId: 'p1', amount: 1_500_000 },
        { ...base, proposalId: 'p2', amount: 1_400_000, supplement: { amount: 200_000, reason: 'Transport' } },
      ],
      eligible,
      none,
      3_000_000,
    );
    expect(over.map((x) => x.code)).toEqual(['over-available']);
    expect(over[0]!.message.fr.replace(/\s/g, ' ')).toContain('de 1 000,00 $');
  });
});

describe('the rules in plain words', () => {
  it('states the defaults as the table page shows them', () => {
    const d = describeRules(DEFAULT_ADOPTION_RULES);
    expect(d.quorum.fr).toBe('Quorum : la majorité des membres votants non récusés');
    expect(d.majority.fr).toContain('Majorité simple');
    expect(d.secrecy.fr).toBe('Vote secret');
    expect(describeRules({ quorum: 0.6, majority: 'qualified', secret: false }).majority.fr).toBe('Majorité des deux tiers');
  });
});
