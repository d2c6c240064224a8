/**
 * Audit of the needs-round, envelope and call routes' guards: another
 * study's path, another tenant's coordinator or manager and a forged id get
 * 404, and nothing is changed or leaked.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, fixtures, setupCall, type Harness } from '../support/harness';

let h: Harness;
const elsewhere = () => `${h.tenantId}-elsewhere`;

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
});

describe('a needs prioritization round', () => {
  let path: string;
  let otherStudy: string;
  let round: { id: string; version: number };

  beforeEach(async () => {
    await h.addMember('coord', ['coordinator']);
    await h.addMember('m1', ['member']);
    const study = await h.json('POST', '/api/t/{t}/studies', { as: 'coord', body: { title: 'Besoins', callId: null }, expect: 201 });
    otherStudy = (await h.json('POST', '/api/t/{t}/studies', { as: 'coord', body: { title: 'Autre', callId: null }, expect: 201 })).id;
    path = `/api/t/{t}/studies/${study.id}`;
    for (const statement of ['Transport', 'Halte-garderie'])
      await h.json('POST', `${path}/needs`, { as: 'coord', body: { statement, category: 'other', sources: ['workers'], notes: '' }, expect: 201 });
    round = await h.json('POST', `${path}/rounds`, {
      as: 'coord',
      body: { title: 'Tour 1', method: 'ranking', pointsBudget: null, approvalMax: null, closesAt: '2026-11-30T22:00:00.000Z' },
      expect: 201,
    });
  });

  it('GET round: another study’s path, a forged id and another tenant are 404', async () => {
    expect((await h.request('GET', `/api/t/{t}/studies/${otherStudy}/rounds/${round.id}`, { as: 'm1' })).status).toBe(404);
    expect((await h.request('GET', `${path}/rounds/${round.id}%23BALLOT`, { as: 'm1' })).status).toBe(404);
    await h.addMember('coord', ['coordinator'], null, elsewhere());
    const res = await h.request('GET', `/api/t/${elsewhere()}/studies/${path.split('/').pop()}/rounds/${round.id}`, { as: 'coord' });
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).not.toContain('Transport');
  });

  it('POST round close: another study’s path and another tenant’s coordinator are 404, and the round stays open', async () => {
    expect(
      (await h.request('POST', `/api/t/{t}/studies/${otherStudy}/rounds/${round.id}/close`, { as: 'coord', body: { version: round.version } })).status,
    ).toBe(404);
    await h.addMember('coord', ['coordinator'], null, elsewhere());
    expect(
      (
        await h.request('POST', `/api/t/${elsewhere()}/studies/${path.split('/').pop()}/rounds/${round.id}/close`, {
          as: 'coord',
          body: { version: round.version },
        })
      ).status,
    ).toBe(404);
    const now = await h.json('GET', `${path}/rounds/${round.id}`, { as: 'coord', expect: 200 });
    expect(now.round.status).toBe('open');
    expect(now.round.version).toBe(round.version);
  });
});

describe('envelopes and calls', () => {
  it('PUT envelope and PUT call: another tenant’s manager and a forged id are 404, and nothing changes', async () => {
    const { env, call } = await setupCall(h);
    await h.addMember('manager', ['manager'], null, elsewhere());
    const envBody = { ...fixtures.envelope, programBudget: 50_000_000, version: env.version };
    expect((await h.request('PUT', `/api/t/${elsewhere()}/envelopes/${env.id}`, { as: 'manager', body: envBody })).status).toBe(404);
    expect((await h.request('PUT', `/api/t/{t}/envelopes/${env.id}%23X`, { as: 'manager', body: envBody })).status).toBe(404);
    const callBody = { ...fixtures.call(env.id, { title: 'Piraté' }), version: call.version };
    expect((await h.request('PUT', `/api/t/${elsewhere()}/calls/${call.id}`, { as: 'manager', body: callBody })).status).toBe(404);
    expect((await h.request('PUT', `/api/t/{t}/calls/${call.id}%23X`, { as: 'manager', body: callBody })).status).toBe(404);
    const envNow = await h.json('GET', `/api/t/{t}/envelopes/${env.id}`, { as: 'manager', expect: 200 });
    expect(envNow.version).toBe(env.version);
    expect(envNow.programBudget).toBe(fixtures.envelope.programBudget);
    const callNow = await h.json('GET', `/api/t/{t}/calls/${call.id}`, { as: 'manager', expect: 200 });
    expect(callNow.version).toBe(call.version);
    expect(callNow.title).toBe(call.title);
  });
});
