/**
 * Issue 10, item 13: the approval vote's results stay hidden from members
 * until the coordinator closes the vote (a close route, at the vote's
 * version); the coordinator sees who has not voted yet, by name, in the
 * approval vote and in needs prioritization rounds.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { setupFitting, type FittingSetup } from '../support/allocation-setup';

let h: Harness;
/** Another tenant, unique to the test (the table is shared by every test file). */
const elsewhere = () => `${h.tenantId}-elsewhere`;

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
});

describe('closing the approval vote', () => {
  let s: FittingSetup;
  beforeEach(async () => {
    s = await setupFitting(h);
  });

  it('publishes the results to members only once the coordinator closes it; no ballot after', async () => {
    const vote = await h.json('POST', `${s.base}/pb-vote`, { as: 'coord', body: { closesAt: '2027-02-01T22:00:00.000Z' }, expect: 201 });
    await h.json('PUT', `${s.base}/pb-vote/ballot`, { as: 'm1', body: { version: null, approved: [s.p1, s.p2] }, expect: 200 });
    await h.json('PUT', `${s.base}/pb-vote/ballot`, { as: 'm2', body: { version: null, approved: [s.p2] }, expect: 200 });
    // Past the planned end, but not closed: still hidden from members.
    h.clock.now = new Date('2027-02-02T12:00:00Z');
    expect((await h.request('GET', `${s.base}/pb-vote/results`, { as: 'm1' })).status).toBe(409);

    // Only those who run the vote close it, at its version.
    expect((await h.request('POST', `${s.base}/pb-vote/close`, { as: 'm1', body: { version: vote.version } })).status).toBe(403);
    expect((await h.request('POST', `${s.base}/pb-vote/close`, { as: 'orgrep', body: { version: vote.version } })).status).toBe(403);
    expect((await h.request('POST', `${s.base}/pb-vote/close`, { as: 'coord', body: { version: vote.version + 5 } })).status).toBe(409);
    expect((await h.request('POST', '/api/t/{t}/calls/call-ghost/pb-vote/close', { as: 'coord', body: { version: 1 } })).status).toBe(404);
    await h.addMember('outsider', ['coordinator'], null, elsewhere());
    expect((await h.request('POST', `/api/t/${elsewhere()}/calls/${s.callId}/pb-vote/close`, { as: 'outsider', body: { version: 1 } })).status).toBe(404);

    const closed = await h.json('POST', `${s.base}/pb-vote/close`, { as: 'coord', body: { version: vote.version }, expect: 200 });
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2027-02-02T12:00:00.000Z', version: vote.version + 1 });
    expect((await h.request('POST', `${s.base}/pb-vote/close`, { as: 'coord', body: { version: closed.version } })).status).toBe(409);

    const seen = await h.json('GET', `${s.base}/pb-vote`, { as: 'm1' });
    expect(seen.resultsVisible).toBe(true);
    const results = await h.json('GET', `${s.base}/pb-vote/results?rule=greedy`, { as: 'm1', expect: 200 });
    expect(results.selected.map((p: { id: string; approvals: number }) => [p.id, p.approvals])).toEqual([
      [s.p2, 2],
      [s.p1, 1],
    ]);
    // An organization still does not read the vote.
    expect((await h.request('GET', `${s.base}/pb-vote/results`, { as: 'orgrep' })).status).toBe(404);
  });

  it('closing early ends the vote at once', async () => {
    const vote = await h.json('POST', `${s.base}/pb-vote`, { as: 'coord', body: { closesAt: '2027-02-01T22:00:00.000Z' }, expect: 201 });
    const closed = await h.json('POST', `${s.base}/pb-vote/close`, { as: 'coord', body: { version: vote.version }, expect: 200 });
    expect(closed.closesAt).toBe('2027-01-20T15:00:00.000Z');
    const late = await h.request('PUT', `${s.base}/pb-vote/ballot`, { as: 'm1', body: { version: null, approved: [s.p1] } });
    expect(late.status).toBe(409);
    expect((await late.json()).type).toBe('/problems/closed');
  });

  it('shows the coordinator who has not voted yet, by name, and members nothing of it', async () => {
    await h.json('POST', `${s.base}/pb-vote`, { as: 'coord', body: { closesAt: '2027-02-01T22:00:00.000Z' }, expect: 201 });
    let coord = await h.json('GET', `${s.base}/pb-vote`, { as: 'coord' });
    expect(coord.notVoted.map((m: { name: string }) => m.name)).toEqual(['m1', 'm2', 'm3']);
    await h.json('PUT', `${s.base}/pb-vote/ballot`, { as: 'm2', body: { version: null, approved: [s.p2] }, expect: 200 });
    coord = await h.json('GET', `${s.base}/pb-vote`, { as: 'coord' });
    expect(coord.notVoted).toEqual([
      { userId: 'm1', name: 'm1' },
      { userId: 'm3', name: 'm3' },
    ]);
    expect((await h.json('GET', `${s.base}/pb-vote`, { as: 'm1' })).notVoted).toBeNull();
  });
});

describe('a needs prioritization round', () => {
  it('shows the coordinator who has not voted yet, and members nothing of it', async () => {
    await h.addMember('coord', ['coordinator']);
    for (const m of ['m1', 'm2', 'm3']) await h.addMember(m, ['member']);
    await h.addMember('manager', ['manager']);
    const study = await h.json('POST', '/api/t/{t}/studies', { as: 'coord', body: { title: 'Besoins', callId: null }, expect: 201 });
    const path = `/api/t/{t}/studies/${study.id}`;
    const ids: string[] = [];
    for (const statement of ['Transport', 'Halte-garderie'])
      ids.push(
        (await h.json('POST', `${path}/needs`, { as: 'coord', body: { statement, category: 'other', sources: ['workers'], notes: '' }, expect: 201 })).id,
      );
    const round = await h.json('POST', `${path}/rounds`, {
      as: 'coord',
      body: { title: 'Tour 1', method: 'ranking', pointsBudget: null, approvalMax: null, closesAt: '2026-11-30T22:00:00.000Z' },
      expect: 201,
    });
    await h.json('PUT', `${path}/rounds/${round.id}/ballot`, { as: 'm3', body: { version: null, ranking: [[ids[0]], [ids[1]]] }, expect: 200 });
    const coord = await h.json('GET', `${path}/rounds/${round.id}`, { as: 'coord', expect: 200 });
    expect(coord.participants).toBe(1);
    expect(coord.notVoted).toEqual([
      { userId: 'm1', name: 'm1' },
      { userId: 'm2', name: 'm2' },
    ]);
    expect((await h.json('GET', `${path}/rounds/${round.id}`, { as: 'm1' })).notVoted).toBeNull();
  });
});
