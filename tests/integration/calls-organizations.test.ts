import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, fixtures, type Harness } from '../support/harness';

let h: Harness;
let envelopeId: string;
beforeAll(async () => {
  h = await createHarness();
  await h.addMember('manager', ['manager']);
  await h.addMember('member', ['member'], 'org-m');
  envelopeId = (await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 })).id;
});

describe('calls', () => {
  it('refuses a close date before the open date and a maximum above the amount', async () => {
    const res = await h.request('POST', '/api/t/{t}/calls', {
      as: 'manager',
      body: fixtures.call(envelopeId, { closesAt: '2026-10-01T00:00:00Z', maxRequest: 9_999_999 }),
    });
    expect(res.status).toBe(400);
    const paths = (await res.json()).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['closesAt', 'maxRequest']));
  });

  it('refuses a call promising more than the envelope holds', async () => {
    const res = await h.request('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(envelopeId, { amountAvailable: 3_200_001 }) });
    expect(res.status).toBe(422);
    expect((await res.json()).field).toBe('amountAvailable');
  });

  it('normalizes instants typed with a Montreal offset', async () => {
    const call = await h.json('POST', '/api/t/{t}/calls', {
      as: 'manager',
      body: fixtures.call(envelopeId, { amountAvailable: 1_000_000, maxRequest: 500_000, closesAt: '2027-01-15T17:00:00-05:00' }),
      expect: 201,
    });
    expect(call.closesAt).toBe('2027-01-15T22:00:00.000Z');
    expect(call.eligibilityCriteria.every((k: { id: string }) => k.id.startsWith('crit-'))).toBe(true);
  });

  it('hides draft calls from members and shows them once published', async () => {
    const call = await h.json('POST', '/api/t/{t}/calls', {
      as: 'manager',
      body: fixtures.call(envelopeId, { amountAvailable: 100_000, maxRequest: 100_000 }),
      expect: 201,
    });
    expect((await h.request('GET', `/api/t/{t}/calls/${call.id}`, { as: 'member' })).status).toBe(404);
    await h.json('POST', `/api/t/{t}/calls/${call.id}/publish`, { as: 'manager', body: { version: call.version }, expect: 200 });
    const seen = await h.json('GET', `/api/t/{t}/calls/${call.id}`, { as: 'member', expect: 200 });
    expect(seen.phase).toBe('open');
    const again = await h.request('POST', `/api/t/{t}/calls/${call.id}/publish`, { as: 'manager', body: { version: 2 } });
    expect(again.status).toBe(409);
  });
});

describe('organizations', () => {
  it('refuses an NEQ of the wrong form', async () => {
    for (const neq of ['123', '12345678901', '11400000AB']) {
      const res = await h.request('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization(neq) });
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0]).toMatchObject({ path: 'neq', code: 'neq_format' });
    }
  });

  it('keeps the NEQ unique within a tenant, also when a profile changes', async () => {
    const a = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('2200000001'), expect: 201 });
    const dup = await h.request('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('2200000001') });
    expect(dup.status).toBe(409);
    const b = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('2200000002'), expect: 201 });
    await h.addMember('rep-b', ['organization'], b.id);
    const clash = await h.request('PUT', '/api/t/{t}/my/organization', { as: 'rep-b', body: { ...fixtures.organization('2200000001'), version: 1 } });
    expect(clash.status).toBe(409);
    const moved = await h.json('PUT', '/api/t/{t}/my/organization', { as: 'rep-b', body: { ...fixtures.organization('2200000003'), version: 1 }, expect: 200 });
    expect(moved.version).toBe(2);
    // The old NEQ is free again.
    await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('2200000002'), expect: 201 });
    expect(a.id).not.toBe(b.id);
  });
});
