/**
 * Item 11, "nothing changes state without the people concerned seeing it":
 * once scoring has started, a re-screening cannot silently take a proposal
 * out of (or put it into) the evaluators' lists; it waits for the grid to be
 * reopened with a reason. Correcting reasons without changing the outcome,
 * and a first screening, stay possible.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, fixtures, setupCall, type Harness } from '../support/harness';

let h: Harness;
let base: string;
let criteria: { id: string }[];
let p1: string;
let p2: string;

const screen = (id: string, met: boolean, version: number, reason = '') =>
  h.request('PUT', `${base}/proposals/${id}/screening`, { as: 'coord', body: { version, results: criteria.map((c) => ({ criterionId: c.id, met, reason })) } });

async function submit(as: string) {
  const d = await h.json('POST', `${base}/proposals`, { as, body: { draft: {} }, expect: 201 });
  await h.json('POST', `${base}/proposals/${d.id}/submit`, { as, body: { version: 1, content: fixtures.content }, expect: 200 });
  return d.id as string;
}
const versionOf = async (id: string) => (await h.json('GET', `${base}/proposals/${id}`, { as: 'coord', expect: 200 })).version as number;

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  const { call } = await setupCall(h);
  base = `/api/t/{t}/calls/${call.id}`;
  criteria = call.eligibilityCriteria;
  const org2 = await h.json('POST', '/api/t/{t}/organizations', {
    as: 'manager',
    body: fixtures.organization(`3${String(Date.now()).slice(-9)}`),
    expect: 201,
  });
  await h.addMember('orgrep2', ['organization'], org2.id);
  await h.addMember('m1', ['member']);
  p1 = await submit('orgrep');
  p2 = await submit('orgrep2');
  expect((await screen(p1, true, await versionOf(p1))).status).toBe(200);
  h.clock.now = new Date('2027-01-16T15:00:00Z');
  const g = (
    await h.json('PUT', `${base}/grid`, {
      as: 'coord',
      body: {
        version: null,
        criteria: [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 5, levels: [], linkedToNeeds: false }],
        mode: 'individual',
        rule: 'mean',
        normalize: false,
        disagreementThreshold: 15,
        assignments: null,
      },
      expect: 201,
    })
  ).grid;
  await h.json('POST', `${base}/grid/open`, { as: 'coord', body: { version: g.version, closesAt: '2027-02-15T22:00:00.000Z' }, expect: 200 });
});

describe('screening once scoring has started', () => {
  it('refuses to turn an eligible proposal ineligible (409, with the way to do it), and changes nothing', async () => {
    const before = await versionOf(p1);
    const res = await screen(p1, false, before, 'Ne rejoint pas la clientèle');
    expect(res.status).toBe(409);
    const problem = await res.json();
    expect(problem).toMatchObject({ type: '/problems/invalid-state', reason: 'scoring-started', gridStatus: 'open' });
    expect(problem.messages.detail.fr).toContain('rouvrez la grille avec une raison');
    const after = await h.json('GET', `${base}/proposals/${p1}`, { as: 'coord', expect: 200 });
    expect(after).toMatchObject({ version: before, screening: { outcome: 'eligible' } });
    const mine = await h.json('GET', `${base}/scoring/mine`, { as: 'm1', expect: 200 });
    expect(JSON.stringify(mine)).toContain(p1);
  });

  it('still takes a first screening and a correction of reasons that keeps the outcome', async () => {
    expect((await screen(p2, true, await versionOf(p2))).status).toBe(200);
    expect((await screen(p1, true, await versionOf(p1), 'Motif précisé')).status).toBe(200);
  });

  it('takes the change once the grid is reopened with a reason', async () => {
    const grid = (await h.json('GET', `${base}/grid`, { as: 'coord', expect: 200 })).grid;
    await h.json('POST', `${base}/grid/reopen`, { as: 'coord', body: { version: grid.version, reason: 'Un projet s’avère non recevable' }, expect: 200 });
    expect((await screen(p1, false, await versionOf(p1), 'Ne rejoint pas la clientèle')).status).toBe(200);
  });
});
