/**
 * Issue 10, item 11: scoring opens only once the call has closed (the
 * server refuses earlier, saying when it can open), and a screening belongs
 * to the version screened: a new version submitted before the deadline
 * keeps the earlier screening in view and puts the proposal back in the
 * screener's queue, instead of silently dropping it out of scoring.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, fixtures, setupCall, type Harness } from '../support/harness';

let h: Harness;
let callId: string;
let criteria: { id: string }[];
const base = () => `/api/t/{t}/calls/${callId}`;
const CLOSES = '2026-11-30T22:00:00.000Z'; // 17 h 00 in Montreal
const grid = {
  version: null,
  criteria: [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 10, levels: [], linkedToNeeds: false }],
  mode: 'individual',
  rule: 'mean',
  normalize: false,
  disagreementThreshold: 15,
  assignments: null,
};
const allMet = () => criteria.map((c) => ({ criterionId: c.id, met: true, reason: '' }));

async function submit(as: string, title: string) {
  const d = await h.json('POST', `${base()}/proposals`, { as, body: { draft: {} }, expect: 201 });
  return h.json('POST', `${base()}/proposals/${d.id}/submit`, { as, body: { version: 1, content: { ...fixtures.content, title } }, expect: 200 });
}

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  const { call } = await setupCall(h, { closesAt: CLOSES });
  callId = call.id;
  criteria = call.eligibilityCriteria;
  await h.addMember('m1', ['member']);
});

describe('opening scoring', () => {
  it('is refused while the call still takes submissions, with the closing time, and works once it has closed', async () => {
    const p = await submit('orgrep', 'Halte-répit');
    await h.json('PUT', `${base()}/proposals/${p.id}/screening`, { as: 'coord', body: { version: p.version, results: allMet() }, expect: 200 });
    const g = (await h.json('PUT', `${base()}/grid`, { as: 'coord', body: grid, expect: 201 })).grid;

    const early = await h.request('POST', `${base()}/grid/open`, { as: 'coord', body: { version: g.version, closesAt: '2026-12-15T22:00:00.000Z' } });
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    const problem = await early.json();
    expect(problem).toMatchObject({ type: '/problems/invalid-state', reason: 'call-not-closed', callClosesAt: CLOSES });
    expect(problem.detail).toBe(
      'L’évaluation pourra s’ouvrir après la fermeture de l’appel, le 2026-11-30 17 h 00 (heure de Montréal) : d’ici là, les organismes peuvent encore déposer ou modifier leurs projets.',
    );
    expect(problem.messages.detail.en).toContain('Scoring can open once the call has closed, on 2026-11-30 5:00 p.m.');
    expect((await h.json('GET', `${base()}/grid`, { as: 'coord' })).grid).toMatchObject({ status: 'draft', openedAt: null });

    // At the closing second the call is closed: scoring opens.
    h.clock.now = new Date(CLOSES);
    const opened = (
      await h.json('POST', `${base()}/grid/open`, { as: 'coord', body: { version: g.version, closesAt: '2026-12-15T22:00:00.000Z' }, expect: 200 })
    ).grid;
    expect(opened).toMatchObject({ status: 'open', openedAt: CLOSES, firstOpenedAt: CLOSES });
    // And no organization can change its proposal any more.
    const late = await h.request('POST', `${base()}/proposals/${p.id}/submit`, { as: 'orgrep', body: { version: p.version + 1, content: fixtures.content } });
    expect(late.status).toBe(409);
    expect((await late.json()).type).toBe('/problems/deadline-passed');
  });

  it('keeps the first opening through a reopening', async () => {
    const g = (await h.json('PUT', `${base()}/grid`, { as: 'coord', body: grid, expect: 201 })).grid;
    h.clock.now = new Date('2026-12-01T15:00:00Z');
    const opened = (
      await h.json('POST', `${base()}/grid/open`, { as: 'coord', body: { version: g.version, closesAt: '2026-12-15T22:00:00.000Z' }, expect: 200 })
    ).grid;
    const reopened = (
      await h.json('POST', `${base()}/grid/reopen`, { as: 'coord', body: { version: opened.version, reason: 'Échelle corrigée' }, expect: 200 })
    ).grid;
    h.clock.now = new Date('2026-12-03T15:00:00Z');
    const again = (
      await h.json('POST', `${base()}/grid/open`, { as: 'coord', body: { version: reopened.version, closesAt: '2026-12-15T22:00:00.000Z' }, expect: 200 })
    ).grid;
    expect(again).toMatchObject({ openedAt: '2026-12-03T15:00:00.000Z', firstOpenedAt: '2026-12-01T15:00:00.000Z' });
  });

  it('is refused to a member, to another tenant’s coordinator and for an unknown call', async () => {
    const g = (await h.json('PUT', `${base()}/grid`, { as: 'coord', body: grid, expect: 201 })).grid;
    h.clock.now = new Date('2026-12-01T15:00:00Z');
    const body = { version: g.version, closesAt: '2026-12-15T22:00:00.000Z' };
    expect((await h.request('POST', `${base()}/grid/open`, { as: 'm1', body })).status).toBe(403);
    await h.addMember('coord-other', ['coordinator'], null, `${h.tenantId}-other`);
    expect((await h.request('POST', `/api/t/${h.tenantId}-other/calls/${callId}/grid/open`, { as: 'coord-other', body })).status).toBe(404);
    expect((await h.request('POST', '/api/t/{t}/calls/no-such-call/grid/open', { as: 'coord', body })).status).toBe(404);
    expect((await h.json('GET', `${base()}/grid`, { as: 'coord' })).grid.status).toBe('draft');
  });
});

describe('a screening belongs to the version screened', () => {
  it('a new version before the deadline keeps the earlier screening in view and asks for screening again', async () => {
    const v1 = await submit('orgrep', 'Halte-répit');
    const screened = await h.json('PUT', `${base()}/proposals/${v1.id}/screening`, {
      as: 'coord',
      body: { version: v1.version, results: allMet() },
      expect: 200,
    });
    expect(screened.screening).toMatchObject({ outcome: 'eligible', proposalVersionNumber: 1 });

    const v2 = await h.json('POST', `${base()}/proposals/${v1.id}/submit`, {
      as: 'orgrep',
      body: { version: screened.version, content: { ...fixtures.content, title: 'Halte-répit élargie' } },
      expect: 200,
    });
    expect(v2).toMatchObject({
      submittedVersions: 2,
      screening: null,
      earlierScreening: { outcome: 'eligible', proposalVersionNumber: 1, screenedByName: 'coord' },
    });

    // The screener sees it back in the queue, marked, and the organization sees which version was screened.
    const rows = await h.json('GET', `${base()}/proposals`, { as: 'coord', expect: 200 });
    expect(rows.items).toEqual([expect.objectContaining({ id: v1.id, screeningOutcome: null, rescreen: true, submittedVersions: 2 })]);
    const summary = await h.json('GET', `${base()}/summary`, { as: 'coord', expect: 200 });
    expect(summary.byStatus).toEqual({ submitted: 1, eligible: 0, ineligible: 0, withdrawn: 0 });
    const asOrg = await h.json('GET', `${base()}/proposals/${v1.id}`, { as: 'orgrep', expect: 200 });
    expect(asOrg.earlierScreening).toMatchObject({ proposalVersionNumber: 1 });
    const g = await h.json('GET', `${base()}/grid`, { as: 'coord', expect: 200 });
    expect(g.awaitingScreening).toEqual({ count: 1, rescreen: 1 });
    expect(g.proposals).toEqual([]);

    // Screened again, on version 2: eligible, and scored once the call has closed.
    const again = await h.json('PUT', `${base()}/proposals/${v1.id}/screening`, { as: 'coord', body: { version: v2.version, results: allMet() }, expect: 200 });
    expect(again.screening).toMatchObject({ outcome: 'eligible', proposalVersionNumber: 2 });
    expect((await h.json('GET', `${base()}/proposals`, { as: 'coord' })).items[0]).toMatchObject({ screeningOutcome: 'eligible', rescreen: false });
    const draft = (await h.json('PUT', `${base()}/grid`, { as: 'coord', body: grid, expect: 201 })).grid;
    h.clock.now = new Date('2026-12-01T15:00:00Z');
    await h.json('POST', `${base()}/grid/open`, { as: 'coord', body: { version: draft.version, closesAt: '2026-12-15T22:00:00.000Z' }, expect: 200 });
    const mine = await h.json('GET', `${base()}/scoring/mine`, { as: 'm1', expect: 200 });
    expect(mine.proposals.map((p: { id: string; title: string }) => [p.id, p.title])).toEqual([[v1.id, 'Halte-répit élargie']]);
  });

  it('never shows the earlier screening to another organization', async () => {
    const org2 = await h.json('POST', '/api/t/{t}/organizations', {
      as: 'manager',
      body: fixtures.organization(`4${String(Date.now()).slice(-9)}`),
      expect: 201,
    });
    await h.addMember('orgrep2', ['organization'], org2.id);
    const v1 = await submit('orgrep', 'Halte-répit');
    const screened = await h.json('PUT', `${base()}/proposals/${v1.id}/screening`, {
      as: 'coord',
      body: { version: v1.version, results: allMet() },
      expect: 200,
    });
    await h.json('POST', `${base()}/proposals/${v1.id}/submit`, { as: 'orgrep', body: { version: screened.version, content: fixtures.content }, expect: 200 });
    expect((await h.request('GET', `${base()}/proposals/${v1.id}`, { as: 'orgrep2' })).status).toBe(404);
    expect((await h.request('GET', `${base()}/proposals`, { as: 'orgrep2' })).status).toBe(403);
  });
});
