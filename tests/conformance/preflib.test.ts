/**
 * Every PrefLib file in ../shared/data/preflib: read as PrefLib defines it,
 * consistent with its own header, ranked identically from its .soi and its
 * .toc (PrefLib made the .toc by adding the unranked alternatives as a
 * bottom tie, which §1 says changes nothing), and each method checked
 * against a separate, deliberately naive implementation written here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rankBy, type RankedBallot, type RankingMethod } from '../../shared/ranking/methods';
import { parsePrefLib } from '../../shared/ranking/preflib';

/** ../shared/data beside the project, or where .ci/run found it (ENVELOPPE_SHARED_DATA). */
const DIR = join(process.env.ENVELOPPE_SHARED_DATA ?? resolve(import.meta.dirname, '../../../shared/data'), 'preflib');
if (!existsSync(DIR)) throw new Error(`The conformance data is missing: ${DIR}`);
const FILES = readdirSync(DIR)
  .filter((f) => /\.(soc|soi|toc|toi)$/.test(f))
  .sort();
const METHODS: RankingMethod[] = ['schulze', 'borda', 'copeland'];

const load = (f: string) => parsePrefLib(readFileSync(join(DIR, f), 'utf8'));
const headerNumber = (text: string, key: string) => Number(new RegExp(`^# ${key}: (\\d+)`, 'm').exec(text)?.[1]);

/** One entry per voter, each a map alternative → tier (unranked: after the last). */
function expand(n: number, ballots: RankedBallot[]): number[][] {
  const voters: number[][] = [];
  for (const b of ballots) {
    const tier = Array.from({ length: n }, () => b.tiers.length);
    for (const [i, t] of b.tiers.entries()) for (const a of t) tier[Number(a) - 1] = i;
    for (let c = 0; c < b.count; c++) voters.push(tier);
  }
  return voters;
}

/** Naive tiers from a "beats" test: repeatedly take the unbeaten. */
function tiersFrom(n: number, beats: (x: number, y: number) => boolean): string[][] {
  const out: string[][] = [];
  let left = Array.from({ length: n }, (_, i) => i);
  while (left.length) {
    const top = left.filter((x) => !left.some((y) => beats(y, x)));
    out.push(top.map((i) => String(i + 1)));
    left = left.filter((x) => !top.includes(x));
  }
  return out;
}

function naive(method: RankingMethod, n: number, ballots: RankedBallot[]): string[][] {
  const voters = expand(n, ballots);
  const d = (x: number, y: number) => voters.filter((v) => v[x]! < v[y]!).length;
  if (method === 'borda') {
    // Points from each voter's positions, as fractions over 2: a tier at positions k..l gives (m-k + m-l)/2.
    const score = Array.from({ length: n }, () => 0);
    for (const v of voters) {
      const tiers = [...new Set(v)].sort((a, b) => a - b);
      let pos = 1;
      for (const t of tiers) {
        const members = v.map((tv, i) => (tv === t ? i : -1)).filter((i) => i >= 0);
        const k = pos;
        const l = pos + members.length - 1;
        for (const i of members) score[i]! += (2 * n - k - l) / 2;
        pos = l + 1;
      }
    }
    return tiersFrom(n, (x, y) => score[x]! > score[y]!);
  }
  if (method === 'copeland') {
    const score = Array.from({ length: n }, (_, x) =>
      Array.from({ length: n }, (_, y) => (x === y ? 0 : d(x, y) > d(y, x) ? 1 : d(x, y) === d(y, x) ? 0.5 : 0)).reduce((a: number, b) => a + b, 0),
    );
    return tiersFrom(n, (x, y) => score[x]! > score[y]!);
  }
  // Schulze: widest paths by repeated relaxation until nothing changes (not Floyd–Warshall's order).
  const p = Array.from({ length: n }, (_, x) => Array.from({ length: n }, (_, y) => (x !== y && d(x, y) > d(y, x) ? d(x, y) : 0)));
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        for (let k = 0; k < n; k++) {
          if (i === j || i === k || j === k) continue;
          const via = Math.min(p[i]![k]!, p[k]![j]!);
          if (via > p[i]![j]!) {
            p[i]![j] = via;
            changed = true;
          }
        }
  }
  return tiersFrom(n, (x, y) => p[x]![y]! > p[y]![x]!);
}

describe.each(FILES)('%s', (file) => {
  const text = readFileSync(join(DIR, file), 'utf8');
  const parsed = load(file);
  const ids = parsed.alternatives.map((a) => a.id);

  it('agrees with its own header', () => {
    expect(parsed.alternatives).toHaveLength(headerNumber(text, 'NUMBER ALTERNATIVES'));
    expect(parsed.voters).toBe(headerNumber(text, 'NUMBER VOTERS'));
    expect(parsed.ballots).toHaveLength(headerNumber(text, 'NUMBER UNIQUE ORDERS'));
    expect(parsed.type).toBe(file.slice(-3));
  });

  it.each(METHODS)('ranks every alternative with %s, as the naive implementation does', (method) => {
    const order = rankBy(method, ids, parsed.ballots).order;
    expect(order.flat().sort()).toEqual([...ids].sort());
    expect(order.map((t) => [...t].sort())).toEqual(naive(method, ids.length, parsed.ballots).map((t) => [...t].sort()));
  });
});

describe('soi and its toc', () => {
  const pairs = FILES.filter((f) => f.endsWith('.soi') && FILES.includes(f.replace(/\.soi$/, '.toc')));
  it('has pairs to compare', () => expect(pairs.length).toBeGreaterThan(0));
  it.each(pairs)('%s ranks as its .toc under every method', (soi) => {
    const a = load(soi);
    const b = load(soi.replace(/\.soi$/, '.toc'));
    for (const m of METHODS)
      expect(
        rankBy(
          m,
          a.alternatives.map((x) => x.id),
          a.ballots,
        ),
      ).toEqual(
        rankBy(
          m,
          b.alternatives.map((x) => x.id),
          b.ballots,
        ),
      );
  });
});

describe('npm run rank', () => {
  it.each(METHODS)('prints only the order with %s, one rank per line', (method) => {
    const file = join(DIR, FILES.find((f) => f.endsWith('.toi')) ?? FILES[0]!);
    const out = execFileSync('npx', ['tsx', 'scripts/rank.ts', '--method', method, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const lines = out.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^\d+(,\d+)*$/);
    const parsed = parsePrefLib(readFileSync(file, 'utf8'));
    expect(lines.map((l) => l.split(','))).toEqual(
      rankBy(
        method,
        parsed.alternatives.map((a) => a.id),
        parsed.ballots,
      ).order,
    );
  });
});
