/**
 * Splits that need no score (issue 13), against DynamoDB Local: on a call
 * with no grid, or whose scoring is not closed, the equal split and the
 * proportional reduction run on the eligible submitted proposals with every
 * score 0 (the tie rules then order by the smaller request, then the id),
 * and the scenario says it was computed without scores; greedy and optimal
 * are refused naming what is missing; with no eligible proposal, a clear
 * problem. Once scoring is closed, every method uses the scores as before.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { listCallEvents } from '../../functions/lib/call-history';
import { scoreAndClose, setupFitting, type FittingSetup } from '../support/allocation-setup';
import { createHarness, setupCall, type Harness } from '../support/harness';

let h: Harness;
let s: FittingSetup;

const compute = (body: Record<string, unknown>, as = 'manager') => h.request('POST', `${s.base}/scenarios`, { as, body: { name: 'Scénario', ...body } });
const scenarios = async () => (await h.json('GET', `${s.base}/scenarios`, { as: 'manager', expect: 200 })).items as unknown[];

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  // p1 by org1 asks 15 000 $ (minimum 10 000 $), p2 by org2 14 000 $ (minimum 8 000 $); 32 000 $ unless said.
  s = await setupFitting(h, { amountAvailable: 2_000_000 });
});

describe('a call with no grid (CLSC 3: the manager screens and splits)', () => {
  it('computes an equal split and a proportional reduction on the eligible proposals, marked as computed without scores', async () => {
    const equal = await compute({ method: 'equal', name: 'Égal' });
    expect(equal.status).toBe(201);
    const e = await equal.json();
    expect(e.unscored).toBe(true);
    expect(e.instance.proposals.map((p: { score: number }) => p.score)).toEqual([0, 0]);
    // 20 000 $ in two equal shares of 10 000 $: each within its minimum and request.
    expect(Object.fromEntries(e.result.allocations.map((a: { id: string; amount: number }) => [a.id, a.amount]))).toEqual({
      [s.p1]: 1_000_000,
      [s.p2]: 1_000_000,
    });
    expect(e.result.total).toBe(2_000_000);

    const proportional = await compute({ method: 'proportional', name: 'Proportionnel' });
    expect(proportional.status).toBe(201);
    const p = await proportional.json();
    expect(p.unscored).toBe(true);
    expect(p.result.total).toBeLessThanOrEqual(2_000_000);
    expect(p.result.allocations.every((a: { amount: number }) => a.amount > 0)).toBe(true);

    // A coordinator may compute one too; a member may not, and a bad method is refused with nothing stored.
    expect((await compute({ method: 'equal' }, 'coord')).status).toBe(201);
    expect((await compute({ method: 'equal' }, 'm1')).status).toBe(403);
    expect((await compute({ method: 'equal' }, 'orgrep')).status).toBe(403);
    expect((await compute({ method: 'lottery' })).status).toBe(400);
    expect(await scenarios()).toHaveLength(3);

    // Each is on the call's record, saying it had no scores.
    const events = (await listCallEvents(h.db, h.tenantId, s.callId)).filter((x) => x.kind === 'scenario-computed');
    expect(events.map((x) => [x.subject, x.after?.method, x.after?.unscored])).toEqual([
      ['Égal', 'equal', true],
      ['Proportionnel', 'proportional', true],
      ['Scénario', 'equal', true],
    ]);
  });

  it('refuses greedy and optimal, naming what is missing (a grid, scores), and stores nothing', async () => {
    for (const method of ['greedy', 'optimal']) {
      const res = await compute({ method });
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = await res.json();
      expect(body.reason).toBe('no-grid');
      expect(body.messages.detail.fr).toContain('créez une grille et faites évaluer les projets');
      expect(body.messages.detail.en).toContain('create a grid and have the proposals scored');
    }
    expect(await scenarios()).toHaveLength(0);
    expect((await listCallEvents(h.db, h.tenantId, s.callId)).some((x) => x.kind === 'scenario-computed')).toBe(false);
  });

  it('leaves out proposals that are withdrawn or not eligible; with none left, a clear problem', async () => {
    // p2 withdrawn by its organization: the split runs on p1 alone.
    const p2 = await h.json('GET', `${s.base}/proposals/${s.p2}`, { as: 'orgrep2' });
    await h.json('POST', `${s.base}/proposals/${s.p2}/withdraw`, { as: 'orgrep2', body: { version: p2.version }, expect: 200 });
    const alone = await (await compute({ method: 'equal' })).json();
    expect(alone.instance.proposals.map((p: { id: string }) => p.id)).toEqual([s.p1]);
    // p1 screened not eligible: nothing left to split.
    const p1 = await h.json('GET', `${s.base}/proposals/${s.p1}`, { as: 'coord' });
    const call = await h.json('GET', s.base, { as: 'coord' });
    await h.json('PUT', `${s.base}/proposals/${s.p1}/screening`, {
      as: 'coord',
      body: {
        version: p1.version,
        results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: false, reason: 'Hors territoire' })),
      },
      expect: 200,
    });
    const none = await compute({ method: 'proportional' });
    expect(none.status).toBe(422);
    const body = await none.json();
    expect(body.reason).toBe('no-eligible-proposal');
    expect(body.messages.detail.fr).toContain('Aucun projet admissible');
    expect(await scenarios()).toHaveLength(1);
  });
});

describe('a call whose scoring is under way', () => {
  it('splits without scores; greedy and optimal say to end scoring first', async () => {
    const criteria = [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 10, levels: [], linkedToNeeds: false }];
    const g = (
      await h.json('PUT', `${s.base}/grid`, {
        as: 'coord',
        body: { version: null, criteria, mode: 'individual', rule: 'mean', normalize: false, disagreementThreshold: 15, assignments: null },
        expect: 201,
      })
    ).grid;
    // A grid not yet opened: open it and have the proposals scored.
    const draft = await (await compute({ method: 'greedy' })).json();
    expect(draft.reason).toBe('scoring-not-started');
    await h.json('POST', `${s.base}/grid/open`, { as: 'coord', body: { version: g.version, closesAt: '2027-02-15T22:00:00.000Z' }, expect: 200 });
    const greedy = await compute({ method: 'greedy' });
    expect(greedy.status).toBe(409);
    const body = await greedy.json();
    expect(body.reason).toBe('scoring-under-way');
    expect(body.detail).toContain('Terminez l’évaluation');
    const equal = await (await compute({ method: 'equal' })).json();
    expect(equal.unscored).toBe(true);
    expect(equal.instance.proposals.every((p: { score: number }) => p.score === 0)).toBe(true);
  });
});

describe('a call whose scoring is closed', () => {
  it('uses the final scores for every method, as before', async () => {
    await scoreAndClose(h, s);
    const equal = await (await compute({ method: 'equal' })).json();
    expect(equal.unscored).toBeUndefined();
    expect(Object.fromEntries(equal.instance.proposals.map((p: { id: string; score: number }) => [p.id, p.score]))).toEqual({ [s.p1]: 90, [s.p2]: 60 });
    const greedy = await compute({ method: 'greedy' });
    expect(greedy.status).toBe(201);
    const g = await greedy.json();
    expect(g.unscored).toBeUndefined();
    // 20 000 $: p1 (score 90) first in full, p2 does not fit.
    expect(g.result.allocations.find((a: { id: string }) => a.id === s.p1).amount).toBe(1_500_000);
  });
});

describe('another tenant', () => {
  it('does not reach the call (404)', async () => {
    const other = await createHarness();
    await setupCall(other);
    const res = await other.request('POST', `/api/t/{t}/calls/${s.callId}/scenarios`, { as: 'manager', body: { name: 'x', method: 'equal' } });
    expect(res.status).toBe(404);
  });
});
