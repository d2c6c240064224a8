/**
 * Issue 10, item 15: a draft call is edited before it is published (PUT at a version), by those who write
 * calls only; a published call is not edited this way (only its deadline moves, by an extension).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, fixtures, type Harness } from '../support/harness';

let h: Harness;
let envelopeId: string;
beforeAll(async () => {
  h = await createHarness();
  await h.addMember('manager', ['manager']);
  await h.addMember('coord', ['coordinator']);
  await h.addMember('member', ['member'], 'org-m');
  await h.addMember('org', ['organization'], 'org-o');
  await h.addMember('stranger', ['manager'], null, 't-other-tenant-calls');
  envelopeId = (await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 })).id;
});

const draft = (envelope = envelopeId) =>
  h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(envelope, { amountAvailable: 500_000, maxRequest: 200_000 }), expect: 201 });
const edit = (call: { envelopeId: string; eligibilityCriteria: { id: string; label: string; description: string }[] }, over: Record<string, unknown> = {}) => ({
  ...fixtures.call(call.envelopeId, { amountAvailable: 500_000, maxRequest: 200_000 }),
  title: 'Appel PSJP (révisé)',
  eligibilityCriteria: [...call.eligibilityCriteria, { label: 'Nouveau critère', description: '' }],
  ...over,
});

describe('editing a draft call', () => {
  it('saves the manager’s changes at the current version, keeping the criteria ids it was given', async () => {
    const call = await draft();
    const saved = await h.json('PUT', `/api/t/{t}/calls/${call.id}`, {
      as: 'manager',
      body: { ...edit(call, { maxRequest: 250_000, closesAt: '2027-01-22T22:00:00.000Z' }), version: call.version },
      expect: 200,
    });
    expect(saved).toMatchObject({
      title: 'Appel PSJP (révisé)',
      maxRequest: 250_000,
      closesAt: '2027-01-22T22:00:00.000Z',
      status: 'draft',
      version: call.version + 1,
    });
    expect(saved.eligibilityCriteria.slice(0, 2).map((k: { id: string }) => k.id)).toEqual(call.eligibilityCriteria.map((k: { id: string }) => k.id));
    expect(saved.eligibilityCriteria[2].id).toMatch(/^crit-/);
    const read = await h.json('GET', `/api/t/{t}/calls/${call.id}`, { as: 'manager', expect: 200 });
    expect(read.title).toBe('Appel PSJP (révisé)');
  });

  it('refuses a stale version with 409 and what is stored', async () => {
    const call = await draft();
    await h.json('PUT', `/api/t/{t}/calls/${call.id}`, { as: 'manager', body: { ...edit(call), version: call.version }, expect: 200 });
    const stale = await h.request('PUT', `/api/t/{t}/calls/${call.id}`, { as: 'manager', body: { ...edit(call, { title: 'Autre' }), version: call.version } });
    expect(stale.status).toBe(409);
    const body = await stale.json();
    expect(body.type).toBe('/problems/version-conflict');
    expect(body.currentVersion).toBe(call.version + 1);
  });

  it('validates the edit with the same schema as the creation (400, field by field)', async () => {
    const call = await draft();
    const res = await h.request('PUT', `/api/t/{t}/calls/${call.id}`, {
      as: 'manager',
      body: { ...edit(call, { closesAt: '2026-10-01T00:00:00Z', maxRequest: 900_000 }), version: call.version },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['closesAt', 'maxRequest']));
    const unknown = await h.request('PUT', `/api/t/{t}/calls/${call.id}`, {
      as: 'manager',
      body: { ...edit(call), version: call.version, status: 'published' },
    });
    expect(unknown.status).toBe(400);
  });

  it('keeps the envelope’s limit: the call’s own amount is not counted twice, more than the rest is refused', async () => {
    const own = (await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: { ...fixtures.envelope, title: 'Enveloppe à remplir' }, expect: 201 })).id;
    await draft(own);
    const call = await draft(own);
    const envelope = await h.json('GET', `/api/t/{t}/envelopes/${own}`, { as: 'manager', expect: 200 });
    const calls = (await h.json('GET', `/api/t/{t}/calls?envelopeId=${own}`, { as: 'manager', expect: 200 })).items as { amountAvailable: number }[];
    const committed = calls.reduce((s, c) => s + c.amountAvailable, 0);
    const room = envelope.computation.available - committed + call.amountAvailable;
    await h.json('PUT', `/api/t/{t}/calls/${call.id}`, {
      as: 'manager',
      body: { ...edit(call, { amountAvailable: room }), version: call.version },
      expect: 200,
    });
    const over = await h.request('PUT', `/api/t/{t}/calls/${call.id}`, {
      as: 'manager',
      body: { ...edit(call, { amountAvailable: room + 1 }), version: call.version + 1 },
    });
    expect(over.status).toBe(422);
    expect((await over.json()).field).toBe('amountAvailable');
  });

  it('does not move a call to another envelope', async () => {
    const call = await draft();
    const other = (await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: { ...fixtures.envelope, title: 'Autre enveloppe' }, expect: 201 })).id;
    const res = await h.request('PUT', `/api/t/{t}/calls/${call.id}`, { as: 'manager', body: { ...edit(call, { envelopeId: other }), version: call.version } });
    expect(res.status).toBe(422);
  });

  it('refuses a published call: only its deadline moves, by an extension', async () => {
    const call = await draft();
    const published = await h.json('POST', `/api/t/{t}/calls/${call.id}/publish`, { as: 'manager', body: { version: call.version }, expect: 200 });
    const res = await h.request('PUT', `/api/t/{t}/calls/${call.id}`, { as: 'manager', body: { ...edit(call), version: published.version } });
    expect(res.status).toBe(409);
    expect((await res.json()).type).toBe('/problems/invalid-state');
    expect((await h.json('GET', `/api/t/{t}/calls/${call.id}`, { as: 'manager' })).title).toBe('Appel PSJP');
  });

  it('lets no one else edit: coordinator, member, organization (403), another tenant’s manager and an unknown id (404)', async () => {
    const call = await draft();
    for (const who of ['coord', 'member', 'org']) {
      const res = await h.request('PUT', `/api/t/{t}/calls/${call.id}`, { as: who, body: { ...edit(call), version: call.version } });
      expect(res.status, who).toBe(403);
    }
    const foreign = await h.request('PUT', `/api/t/t-other-tenant-calls/calls/${call.id}`, { as: 'stranger', body: { ...edit(call), version: call.version } });
    expect(foreign.status).toBe(404);
    const unknown = await h.request('PUT', '/api/t/{t}/calls/no-such-call', { as: 'manager', body: { ...edit(call), version: 1 } });
    expect(unknown.status).toBe(404);
    const intact = await h.json('GET', `/api/t/{t}/calls/${call.id}`, { as: 'manager' });
    expect(intact).toMatchObject({ title: 'Appel PSJP', version: call.version });
  });
});
