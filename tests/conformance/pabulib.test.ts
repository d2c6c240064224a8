/**
 * The participatory budgeting rules on the real elections in
 * ../shared/data/pabulib: every file read consistently with its META; each
 * outcome within the budget; and where the city's own rule is one of ours,
 * our outcome is the city's (the `selected` column): Assen 2024 used MES
 * with add1, Warszawa 2022 Śródmieście and Kraków 2025 Bronowice greedy.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePb, type PbElection } from '../../shared/pb/parse';
import { pbGreedy, pbMes, pbMesCompleted, pbMesExact } from '../../shared/pb/rules';

const DIR = join(process.env.ENVELOPPE_SHARED_DATA ?? resolve(import.meta.dirname, '../../../shared/data'), 'pabulib');
if (!existsSync(DIR)) throw new Error(`The conformance data is missing: ${DIR}`);
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.pb'))
  .sort();
const load = (f: string) => parsePb(readFileSync(join(DIR, f), 'utf8'));

const citySelection = (e: PbElection) =>
  e.projects
    .filter((p) => p.fields.selected === '1')
    .map((p) => p.id)
    .sort();
const ours = (e: PbElection, selected: number[]) => selected.map((i) => e.projects[i]!.id).sort();

describe.each(FILES)('%s', (file) => {
  const e = load(file);
  it('agrees with its META', () => {
    expect(e.projects).toHaveLength(Number(e.meta.num_projects));
    expect(e.ballots).toHaveLength(Number(e.meta.num_votes));
  });
  it('gives greedy and MES outcomes within the budget, each project at most once', () => {
    for (const out of [pbGreedy(e), pbGreedy(e, { utility: 'approval' }), pbMes(e), pbMes(e, { utility: 'approval' })]) {
      expect(out.cost).toBeLessThanOrEqual(e.budget);
      expect(new Set(out.selected).size).toBe(out.selected.length);
      expect(out.cost).toBe(out.selected.reduce((s, i) => s + e.projects[i]!.cost, 0n));
    }
  });
});

describe.each(FILES)('%s, MES in floats decided exactly', (file) => {
  it('selects what the all-rational reference selects, with both utilities', () => {
    const e = load(file);
    for (const utility of ['cost', 'approval'] as const) expect(pbMes(e, { utility }).selected).toEqual(pbMesExact(e, { utility }).selected);
  });
});

describe.each(FILES)('%s with add1', (file) => {
  const e = load(file);
  it('completes MES with add1 within the budget, never selecting less than plain MES', () => {
    const plain = pbMes(e);
    const add1 = pbMesCompleted(e, { completion: 'add1' });
    expect(add1.cost).toBeLessThanOrEqual(e.budget);
    expect(add1.cost).toBeGreaterThanOrEqual(plain.cost);
    const greedyFilled = pbMesCompleted(e, { completion: 'add1-greedy' });
    expect(greedyFilled.cost).toBeGreaterThanOrEqual(add1.cost);
    expect(greedyFilled.cost).toBeLessThanOrEqual(e.budget);
  });
});

describe('the cities’ own outcomes', () => {
  it('Assen 2024 (MES with add1): the same projects', () => {
    const e = load('Netherlands_Assen_2024.pb');
    expect(e.meta.rule).toBe('equalshares/add1');
    expect(ours(e, pbMesCompleted(e, { completion: 'add1' }).selected)).toEqual(citySelection(e));
  });
  it.each(['Poland_Warszawa_2022_Srodmiescie.pb', 'Poland_Krakow_2025_Bronowice.pb'])('%s (greedy): the same projects', (file) => {
    const e = load(file);
    expect(e.meta.rule).toBe('greedy');
    expect(ours(e, pbGreedy(e).selected)).toEqual(citySelection(e));
  });
});
