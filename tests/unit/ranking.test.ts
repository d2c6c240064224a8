/**
 * Needs prioritization methods (METHODS.md §1) on hand-checked examples and
 * by properties, and PrefLib files read and written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approvalTally,
  borda,
  copeland,
  pairwiseCounts,
  pointsTally,
  rankBy,
  schulze,
  type RankedBallot,
  type RankingMethod,
} from '../../shared/ranking/methods';
import { parsePrefLib, PrefLibError, writePrefLib } from '../../shared/ranking/preflib';

const strict = (count: number, order: string): RankedBallot => ({ count, tiers: order.split('').map((c) => [c]) });

describe('Schulze', () => {
  it('gives E > A > C > B > D on the classic 45-voter example', () => {
    const ballots = [
      strict(5, 'ACBED'),
      strict(5, 'ADECB'),
      strict(8, 'BEDAC'),
      strict(3, 'CABED'),
      strict(7, 'CAEBD'),
      strict(2, 'CBADE'),
      strict(7, 'DCEBA'),
      strict(8, 'EBADC'),
    ];
    const r = schulze(['A', 'B', 'C', 'D', 'E'], ballots);
    expect(r.order).toEqual([['E'], ['A'], ['C'], ['B'], ['D']]);
    expect(r.voters).toBe(45);
    // Pairwise counts and widest paths of the example, as published with it.
    expect(r.pairwise![0]).toEqual([0, 20, 26, 30, 22]);
    expect(r.strengths![4]).toEqual([25, 28, 28, 31, 0]);
    expect(r.strengths![0]).toEqual([0, 28, 28, 30, 24]);
  });

  it('reports a perfect tie as one tier and never breaks it', () => {
    const r = schulze(['a', 'b'], [strict(1, 'ab'), strict(1, 'ba')]);
    expect(r.order).toEqual([['a', 'b']]);
  });

  it('counts unranked needs as tied below every ranked one, and tied needs as no preference', () => {
    const d = pairwiseCounts(['a', 'b', 'c', 'd'], [{ count: 2, tiers: [['a'], ['b', 'c']] }]);
    // a over b, c, d; b and c over the unranked d; b and c tied.
    expect(d).toEqual([
      [0, 2, 2, 2],
      [0, 0, 0, 2],
      [0, 0, 0, 2],
      [0, 0, 0, 0],
    ]);
  });
});

describe('Borda', () => {
  it('averages the points of a tie and shares the remaining positions among the unranked', () => {
    // m = 4. Ballot 1: a, {b,c} (positions 2..3 → (2+1)/2 = 1.5 each), d unranked at position 4 → 0.
    // Ballot 2: d ranked alone (3 points); a, b, c share positions 2..4 → (2+1+0)/3 = 1 each, i.e. (m−t−1)/2 with t = 1.
    const r = borda(
      ['a', 'b', 'c', 'd'],
      [
        { count: 1, tiers: [['a'], ['b', 'c']] },
        { count: 1, tiers: [['d']] },
      ],
    );
    expect(r.scores).toEqual({ a: 4, b: 2.5, c: 2.5, d: 3 });
    expect(r.order).toEqual([['a'], ['d'], ['b', 'c']]);
  });
});

describe('Copeland', () => {
  it('gives one point per pairwise win and a half per pairwise tie', () => {
    const r = copeland(['a', 'b', 'c'], [strict(1, 'abc'), strict(1, 'bac')]);
    // a–b tie (½ each), a and b beat c.
    expect(r.scores).toEqual({ a: 1.5, b: 1.5, c: 0 });
    expect(r.order).toEqual([['a', 'b'], ['c']]);
  });
});

describe('points and approval', () => {
  it('order by total points and by approvals, ties kept', () => {
    expect(
      pointsTally(
        ['a', 'b', 'c'],
        [
          { count: 1, points: { a: 6, b: 4 } },
          { count: 1, points: { b: 1, c: 8 } },
        ],
      ).order,
    ).toEqual([['c'], ['a'], ['b']]);
    expect(
      pointsTally(
        ['a', 'b', 'c'],
        [
          { count: 1, points: { a: 6, b: 4 } },
          { count: 1, points: { b: 2, c: 8 } },
        ],
      ).order,
    ).toEqual([['c'], ['a', 'b']]);
    expect(
      approvalTally(
        ['a', 'b', 'c'],
        [
          { count: 2, approved: ['a', 'b'] },
          { count: 1, approved: ['c', 'a'] },
        ],
      ).order,
    ).toEqual([['a'], ['b'], ['c']]);
    expect(
      approvalTally(
        ['a', 'b'],
        [
          { count: 1, approved: ['a'] },
          { count: 1, approved: ['b'] },
        ],
      ).order,
    ).toEqual([['a', 'b']]);
  });
});

// ---- properties -------------------------------------------------------------

const ALTS = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
/** A random ballot over some of ALTS: a permutation cut into tiers, possibly leaving some out. */
const ballotArb = fc
  .tuple(fc.shuffledSubarray(ALTS, { minLength: 0 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), fc.integer({ min: 1, max: 3 }))
  .map(([order, cuts, count]) => {
    const tiers: string[][] = [];
    for (const [i, a] of order.entries()) {
      if (i === 0 || cuts[i]) tiers.push([a]);
      else tiers[tiers.length - 1]!.push(a);
    }
    return { count, tiers };
  });
const ballotsArb = fc.array(ballotArb, { minLength: 1, maxLength: 12 });
const METHODS: RankingMethod[] = ['schulze', 'borda', 'copeland'];
const position = (order: string[][], x: string) =>
  order
    .slice(
      0,
      order.findIndex((t) => t.includes(x)),
    )
    .reduce((s, t) => s + t.length, 0);

describe('properties', () => {
  it('a Condorcet winner always ranks first, alone, under Schulze and Copeland', () => {
    fc.assert(
      fc.property(ballotsArb, (ballots) => {
        const d = pairwiseCounts(ALTS, ballots);
        const winner = ALTS.findIndex((_, x) => ALTS.every((_, y) => x === y || d[x]![y]! > d[y]![x]!));
        fc.pre(winner >= 0);
        expect(schulze(ALTS, ballots).order[0]).toEqual([ALTS[winner]]);
        expect(copeland(ALTS, ballots).order[0]).toEqual([ALTS[winner]]);
      }),
      { numRuns: 400 },
    );
  });

  it('relabelling the needs relabels the order and changes nothing else', () => {
    fc.assert(
      fc.property(ballotsArb, fc.shuffledSubarray(ALTS, { minLength: 6, maxLength: 6 }), (ballots, perm) => {
        const rename = new Map(ALTS.map((a, i) => [a, `x${perm[i]}`]));
        const renamed = ballots.map((b) => ({ count: b.count, tiers: b.tiers.map((t) => t.map((a) => rename.get(a)!)) }));
        for (const m of METHODS) {
          const expected = rankBy(m, ALTS, ballots).order.map((t) => t.map((a) => rename.get(a)!).sort());
          expect(rankBy(m, [...rename.values()], renamed).order.map((t) => [...t].sort())).toEqual(expected);
        }
      }),
    );
  });

  it('adding a ballot that ranks X first (the rest unranked) never lowers X', () => {
    fc.assert(
      fc.property(ballotsArb, fc.integer({ min: 1, max: 3 }), fc.constantFrom(...ALTS), (ballots, count, x) => {
        const boosted = [...ballots, { count, tiers: [[x]] }];
        for (const m of METHODS) expect(position(rankBy(m, ALTS, boosted).order, x)).toBeLessThanOrEqual(position(rankBy(m, ALTS, ballots).order, x));
      }),
      { numRuns: 500 },
    );
  });

  it('under Borda, adding a ballot that ranks X first never lowers X, whatever it says of the rest', () => {
    fc.assert(
      fc.property(ballotsArb, ballotArb, fc.constantFrom(...ALTS), (ballots, extra, x) => {
        const rest = extra.tiers.map((t) => t.filter((a) => a !== x)).filter((t) => t.length > 0);
        const boosted = [...ballots, { count: extra.count, tiers: [[x], ...rest] }];
        expect(position(borda(ALTS, boosted).order, x)).toBeLessThanOrEqual(position(borda(ALTS, ballots).order, x));
      }),
      { numRuns: 300 },
    );
  });

  it('under Copeland, a ballot ranking X first but also ordering the others can lower X (why the property above leaves the rest unranked)', () => {
    // Found by fast-check: X = n3 was alone in first place; the added ballot n3 > n6 lets n6 beat n1, n4 and n5.
    const ballots = [
      { count: 1, tiers: [['n2']] },
      { count: 3, tiers: [['n6', 'n3']] },
      { count: 1, tiers: [['n3'], ['n2']] },
      { count: 2, tiers: [['n6']] },
      { count: 2, tiers: [['n3']] },
      { count: 2, tiers: [['n2'], ['n6']] },
      { count: 2, tiers: [['n1', 'n2'], ['n6']] },
    ];
    const before = copeland(ALTS, ballots);
    const after = copeland(ALTS, [...ballots, { count: 1, tiers: [['n3'], ['n6']] }]);
    expect(position(after.order, 'n3')).toBeGreaterThan(position(before.order, 'n3'));
  });

  it('does not depend on the order of the ballots or of the needs', () => {
    fc.assert(
      fc.property(ballotsArb, fc.infiniteStream(fc.double()), (ballots, noise) => {
        const shuffled = [...ballots].reverse();
        const alts = [...ALTS].sort(() => (noise.next().value < 0.5 ? -1 : 1));
        for (const m of METHODS) expect(rankBy(m, alts, shuffled)).toEqual(rankBy(m, ALTS, ballots));
      }),
    );
  });
});

// ---- PrefLib ------------------------------------------------------------------

const header = (type: string, n: number, voters: number) =>
  [
    `# FILE NAME: test.${type}`,
    '# TITLE: Test',
    `# DATA TYPE: ${type}`,
    `# NUMBER ALTERNATIVES: ${n}`,
    `# NUMBER VOTERS: ${voters}`,
    ...Array.from({ length: n }, (_, i) => `# ALTERNATIVE NAME ${i + 1}: Besoin ${i + 1}`),
  ].join('\n');

function errorOf(text: string, type?: 'soc' | 'soi' | 'toc' | 'toi') {
  try {
    parsePrefLib(text, type);
  } catch (e) {
    if (e instanceof PrefLibError) return { line: e.line, expected: e.expected.en };
    throw e;
  }
  throw new Error('parsed without error');
}

describe('PrefLib files', () => {
  it('reads incomplete orders with ties', () => {
    const f = parsePrefLib(`${header('toi', 4, 5)}\n3: 2,{1,3}\n2: 4\n`);
    expect(f.type).toBe('toi');
    expect(f.voters).toBe(5);
    expect(f.alternatives[1]).toEqual({ id: '2', name: 'Besoin 2' });
    expect(f.ballots).toEqual([
      { count: 3, tiers: [['2'], ['1', '3']] },
      { count: 2, tiers: [['4']] },
    ]);
  });

  it.each([
    ['a tie in a strict file', `${header('soi', 3, 1)}\n1: 1,{2,3}`, 9, 'strict order'],
    ['an incomplete order in a complete file', `${header('soc', 3, 1)}\n1: 1,2`, 9, 'complete order of the 3'],
    ['an unknown alternative', `${header('toi', 3, 1)}\n1: 1,4`, 9, 'from 1 to 3, not “4”'],
    ['an alternative twice', `${header('toi', 3, 2)}\n1: 1,2\n1: 2,{1,2}`, 10, '2 appears again'],
    ['a missing count', `${header('toi', 3, 1)}\n1,2,3`, 9, 'positive whole number of voters'],
    ['an unclosed brace', `${header('toi', 3, 1)}\n1: {1,2`, 9, 'closing brace'],
    ['a voter count that disagrees with the lines', `${header('toi', 3, 4)}\n1: 1`, 5, '4 voters, as many as the lines count (1)'],
    ['a trailing comma', `${header('toi', 3, 1)}\n1: 1,`, 9, 'after the last comma'],
    ['no alternatives count', '# DATA TYPE: toi\n1: 1', 1, 'NUMBER ALTERNATIVES'],
  ])('refuses %s with the line and what was expected', (_, text, line, expected) => {
    const e = errorOf(text);
    expect(e.line).toBe(line);
    expect(e.expected).toContain(expected);
  });

  it('takes the type from the extension when the header has none', () => {
    expect(parsePrefLib('# NUMBER ALTERNATIVES: 2\n1: 1,2', 'soc').type).toBe('soc');
    expect(errorOf('# NUMBER ALTERNATIVES: 2\n1: 1,2').expected).toContain('DATA TYPE');
  });

  it('writes what it reads: a round trip keeps every ballot and picks the most specific type', () => {
    fc.assert(
      fc.property(ballotsArb, (ballots) => {
        const nonEmpty = ballots.filter((b) => b.tiers.length > 0);
        fc.pre(nonEmpty.length > 0);
        const text = writePrefLib({
          fileName: 'tour',
          title: 'Tour 1',
          alternatives: ALTS.map((id) => ({ id, name: `Besoin ${id}` })),
          ballots: nonEmpty,
          date: '2026-11-23',
        });
        const back = parsePrefLib(text);
        const toNumbers = (b: RankedBallot) => b.tiers.map((t) => t.map((a) => String(ALTS.indexOf(a) + 1)).sort());
        const key = (tiers: string[][]) => JSON.stringify(tiers);
        const count = (list: { count: number; tiers: string[][] }[]) =>
          list.reduce((m, b) => m.set(key(b.tiers), (m.get(key(b.tiers)) ?? 0) + b.count), new Map<string, number>());
        expect(count(back.ballots.map((b) => ({ count: b.count, tiers: b.tiers.map((t) => [...t].sort()) })))).toEqual(
          count(nonEmpty.map((b) => ({ count: b.count, tiers: toNumbers(b) }))),
        );
        for (const m of METHODS)
          expect(
            rankBy(
              m,
              back.alternatives.map((a) => a.id),
              back.ballots,
            ).order.flat().length,
          ).toBe(6);
      }),
    );
  });
});

describe('npm run rank on a malformed file', () => {
  it('says where and what was expected on standard error, prints nothing on standard output, exits 1', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'rank-')), 'bad.soi');
    writeFileSync(file, '# DATA TYPE: soi\n# NUMBER ALTERNATIVES: 3\n2: 1,{2,3}\n');
    const run = spawnSync('npx', ['tsx', 'scripts/rank.ts', '--method', 'schulze', file], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${file}:3: expected a strict order`);
    const usage = spawnSync('npx', ['tsx', 'scripts/rank.ts', '--method', 'plurality', file], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--method must be one of schulze, borda, copeland');
  });
});
