/**
 * Audit of the scoring and proposal routes' guards: a caller who holds the
 * route's permission but must not touch this item (an unassigned or recused
 * evaluator, another tenant's coordinator, another call's path, a forged
 * path id) gets 404 or 403, and nothing is changed or leaked.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, fixtures, setupCall, type Harness } from '../support/harness';

let h: Harness;
const elsewhere = () => `${h.tenantId}-elsewhere`;
let callId: string;
let otherCall: string;
let pA: string; // eligible, assigned to m2 and m3
let pB: string; // eligible, assigned to m2 only
let grid: { version: number; status: string };
const base = () => `/api/t/{t}/calls/${callId}`;

async function submitted(as: string, title: string) {
  const d = await h.json('POST', `${base()}/proposals`, { as, body: { draft: {} }, expect: 201 });
  const s = await h.json('POST', `${base()}/proposals/${d.id}/submit`, { as, body: { version: 1, content: { ...fixtures.content, title } }, expect: 200 });
  const call = await h.json('GET', base(), { as: 'coord' });
  await h.json('PUT', `${base()}/proposals/${d.id}/screening`, {
    as: 'coord',
    body: { version: s.version, results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })) },
    expect: 200,
  });
  return d.id as string;
}

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  const { call, env } = await setupCall(h, { closesAt: '2026-11-30T22:00:00.000Z', amountAvailable: 2_000_000 });
  callId = call.id;
  otherCall = (
    await h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(env.id, { amountAvailable: 1_000_000, maxRequest: 1_000_000 }), expect: 201 })
  ).id;
  const org2 = await h.json('POST', '/api/t/{t}/organizations', {
    as: 'manager',
    body: fixtures.organization(`6${String(Date.now()).slice(-9)}`),
    expect: 201,
  });
  await h.addMember('orgrep2', ['organization'], org2.id);
  for (const m of ['m2', 'm3']) await h.addMember(m, ['member']);
  pA = await submitted('orgrep', 'Halte-répit');
  pB = await submitted('orgrep2', 'Cuisine collective');
  grid = (
    await h.json('PUT', `${base()}/grid`, {
      as: 'coord',
      body: {
        version: null,
        criteria: [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 10, levels: [], linkedToNeeds: false }],
        mode: 'individual',
        rule: 'mean',
        normalize: false,
        disagreementThreshold: 15,
        assignments: { [pA]: ['m2', 'm3'], [pB]: ['m2'] },
      },
      expect: 201,
    })
  ).grid;
  // Scoring opens only once the call has closed.
  h.clock.now = new Date('2026-12-01T15:00:00Z');
});

describe('opening scoring and reading the grid', () => {
  it('POST grid/open: another tenant’s coordinator, another call and a forged call id are 404, and the grid stays a draft', async () => {
    await h.addMember('outsider', ['coordinator'], null, elsewhere());
    const body = { version: grid.version, closesAt: '2026-12-15T22:00:00.000Z' };
    expect((await h.request('POST', `/api/t/${elsewhere()}/calls/${callId}/grid/open`, { as: 'outsider', body })).status).toBe(404);
    expect((await h.request('POST', `/api/t/{t}/calls/${otherCall}/grid/open`, { as: 'coord', body })).status).toBe(404);
    expect((await h.request('POST', `/api/t/{t}/calls/${callId}%23GRID/grid/open`, { as: 'coord', body })).status).toBe(404);
    // A member of the table (scoring:evaluate, not scoring:manage) cannot open it.
    expect((await h.request('POST', `${base()}/grid/open`, { as: 'm2', body })).status).toBe(403);
    const now = (await h.json('GET', `${base()}/grid`, { as: 'coord', expect: 200 })).grid;
    expect(now.status).not.toBe('open');
    expect(now.version).toBe(grid.version);
  });

  it('GET grid: another tenant’s coordinator gets 404 and learns nothing of the call’s proposals', async () => {
    await h.addMember('outsider', ['coordinator'], null, elsewhere());
    const res = await h.request('GET', `/api/t/${elsewhere()}/calls/${callId}/grid`, { as: 'outsider' });
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).not.toContain(pA);
    // A member reads the grid without the assignment lists.
    const member = await h.json('GET', `${base()}/grid`, { as: 'm3', expect: 200 });
    expect(member.proposals).toBeUndefined();
    expect(member.evaluators).toBeUndefined();
  });
});

describe('once scoring is open', () => {
  beforeEach(async () => {
    await h.json('POST', `${base()}/grid/open`, { as: 'coord', body: { version: grid.version, closesAt: '2026-12-15T22:00:00.000Z' }, expect: 200 });
  });

  it('GET proposal and versions: an assigned evaluator reading through another call’s path, or a forged id, gets 404 and no content', async () => {
    expect((await h.request('GET', `${base()}/proposals/${pA}`, { as: 'm2' })).status).toBe(200);
    for (const path of [
      `/api/t/{t}/calls/${otherCall}/proposals/${pA}`,
      `/api/t/{t}/calls/${otherCall}/proposals/${pA}/versions`,
      `${base()}/proposals/${pA}%23V`,
      `${base()}/proposals/${pA}%23V/versions`,
    ]) {
      const res = await h.request('GET', path, { as: 'm2' });
      expect(res.status, path).toBe(404);
      expect(JSON.stringify(await res.json())).not.toContain('Trois demi-journées');
    }
  });

  it('GET proposal: an unassigned evaluator gets 404; another tenant’s member with the same user id gets 404', async () => {
    const res = await h.request('GET', `${base()}/proposals/${pB}`, { as: 'm3' });
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).not.toContain('Cuisine collective');
    await h.addMember('m2', ['member'], null, elsewhere());
    expect((await h.request('GET', `/api/t/${elsewhere()}/calls/${callId}/proposals/${pA}/versions`, { as: 'm2' })).status).toBe(404);
  });

  it('GET sheet: another call’s path, a forged proposal id and a recused evaluator get no content', async () => {
    expect((await h.request('GET', `/api/t/{t}/calls/${otherCall}/scoring/proposals/${pA}/sheet`, { as: 'm2' })).status).toBe(404);
    expect((await h.request('GET', `${base()}/scoring/proposals/${pA}%23USER%23m3/sheet`, { as: 'm2' })).status).toBe(404);
    await h.json('POST', `${base()}/scoring/proposals/${pA}/recusal`, { as: 'm3', body: { reason: 'Ma sœur y travaille' }, expect: 201 });
    const sheet = await h.json('GET', `${base()}/scoring/proposals/${pA}/sheet`, { as: 'm3', expect: 200 });
    expect(sheet.recusal).not.toBeNull();
    expect(sheet.proposal.content).toBeNull();
    expect(sheet.sheet).toBeNull();
    expect(JSON.stringify(sheet)).not.toContain('Trois demi-journées');
  });

  it('PUT screening: another tenant’s coordinator, another call’s path and a forged id are 404, and the screening is unchanged', async () => {
    const before = await h.json('GET', `${base()}/proposals/${pA}`, { as: 'coord', expect: 200 });
    const call = await h.json('GET', base(), { as: 'coord' });
    const body = {
      version: before.version,
      results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: false, reason: 'Hors mandat' })),
    };
    await h.addMember('outsider', ['coordinator'], null, elsewhere());
    expect((await h.request('PUT', `/api/t/${elsewhere()}/calls/${callId}/proposals/${pA}/screening`, { as: 'outsider', body })).status).toBe(404);
    expect((await h.request('PUT', `/api/t/{t}/calls/${otherCall}/proposals/${pA}/screening`, { as: 'coord', body })).status).toBe(404);
    expect((await h.request('PUT', `${base()}/proposals/${pA}%23X/screening`, { as: 'coord', body })).status).toBe(404);
    // An evaluator assigned to it may read it, not screen it.
    expect((await h.request('PUT', `${base()}/proposals/${pA}/screening`, { as: 'm2', body })).status).toBe(403);
    const after = await h.json('GET', `${base()}/proposals/${pA}`, { as: 'coord', expect: 200 });
    expect(after.version).toBe(before.version);
    expect(after.screening.outcome).toBe('eligible');
  });
});
