import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, fixtures, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.addMember('manager', ['manager']);
  await h.addMember('coord', ['coordinator']);
  await h.addMember('orgrep', ['organization'], 'org-x');
});

describe('envelopes', () => {
  it('creates an envelope and derives the amount available with its arithmetic', async () => {
    const env = await h.json('POST', '/api/t/{t}/envelopes', {
      as: 'manager',
      body: { ...fixtures.envelope, carryOver: { cents: 1_600_000, fromFiscalYear: 2025, note: 'Attribution 2025-2026 reportée' } },
      expect: 201,
    });
    expect(env.computation.afterDeductions).toBe(32_000_000);
    expect(env.computation.communityShare).toBe(3_200_000);
    expect(env.computation.available).toBe(4_800_000);
    expect(env.computation.lines.map((l: { op: string }) => l.op)).toEqual(['=', '-', '=', '×', '+', '=']);
    const read = await h.json('GET', `/api/t/{t}/envelopes/${env.id}`, { as: 'coord', expect: 200 });
    expect(read.title).toBe(fixtures.envelope.title);
    const list = await h.json('GET', '/api/t/{t}/envelopes', { as: 'coord', expect: 200 });
    expect(list.items.map((e: { id: string }) => e.id)).toContain(env.id);
  });

  it.each([
    ['a negative budget', { programBudget: -100 }, 'programBudget'],
    ['a fraction of a cent', { programBudget: 100.5 }, 'programBudget'],
    ['an unknown field', { colour: 'red' }, 'colour'],
    ['a share over 100 %', { communityShareBasisPoints: 10_001 }, 'communityShareBasisPoints'],
    ['deductions above the budget', { deductions: [{ kind: 'amount', label: 'x', cents: 50_000_000 }] }, 'deductions'],
    ['a carry-over from a later year', { carryOver: { cents: 100, fromFiscalYear: 2027, note: '' } }, 'carryOver.fromFiscalYear'],
  ])('refuses %s with a problem naming the field, in French and English, storing nothing', async (_, patch, field) => {
    const before = await h.json('GET', '/api/t/{t}/envelopes?limit=200', { as: 'manager' });
    const res = await h.request('POST', '/api/t/{t}/envelopes', { as: 'manager', body: { ...fixtures.envelope, ...patch } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await res.json();
    expect(problem.type).toBe('/problems/validation-failed');
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(field);
    const e = problem.errors.find((x: { path: string }) => x.path === field);
    expect(e.message.fr).toBeTruthy();
    expect(e.message.en).toBeTruthy();
    expect(e.message.fr).not.toBe(e.message.en);
    const after = await h.json('GET', '/api/t/{t}/envelopes?limit=200', { as: 'manager' });
    expect(after.items.length).toBe(before.items.length);
  });

  it('answers malformed JSON, a wrong content type and an oversized body with 4xx problems', async () => {
    const malformed = await h.request('POST', '/api/t/{t}/envelopes', { as: 'manager', body: '{"program":', headers: { 'Content-Type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).type).toBe('/problems/malformed-request');
    const text = await h.request('POST', '/api/t/{t}/envelopes', { as: 'manager', body: 'hello', headers: { 'Content-Type': 'text/plain' } });
    expect(text.status).toBe(415);
    const huge = await h.request('POST', '/api/t/{t}/envelopes', { as: 'manager', body: { ...fixtures.envelope, title: 'x'.repeat(300_000) } });
    expect(huge.status).toBe(413);
    expect((await huge.json()).type).toBe('/problems/payload-too-large');
  });

  it('speaks English when asked, French otherwise', async () => {
    const fr = await (await h.request('POST', '/api/t/{t}/envelopes', { as: 'manager', body: {} })).json();
    expect(fr.title).toBe('Les données soumises sont invalides.');
    const en = await (await h.request('POST', '/api/t/{t}/envelopes', { as: 'manager', body: {}, headers: { 'Accept-Language': 'en-CA,en;q=0.9' } })).json();
    expect(en.title).toBe('The submitted data is invalid.');
  });

  it('refuses a stale edit with 409 and the current version, keeping the winner', async () => {
    const env = await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 });
    const first = await h.json('PUT', `/api/t/{t}/envelopes/${env.id}`, {
      as: 'manager',
      body: { ...fixtures.envelope, title: 'Première', version: 1 },
      expect: 200,
    });
    expect(first.version).toBe(2);
    const stale = await h.request('PUT', `/api/t/{t}/envelopes/${env.id}`, { as: 'manager', body: { ...fixtures.envelope, title: 'Seconde', version: 1 } });
    expect(stale.status).toBe(409);
    const problem = await stale.json();
    expect(problem.type).toBe('/problems/version-conflict');
    expect(problem.currentVersion).toBe(2);
    const read = await h.json('GET', `/api/t/{t}/envelopes/${env.id}`, { as: 'manager' });
    expect(read.title).toBe('Première');
  });

  it('denies what a role does not grant and requires a token', async () => {
    const forbidden = await h.request('POST', '/api/t/{t}/envelopes', { as: 'orgrep', body: fixtures.envelope });
    expect(forbidden.status).toBe(403);
    const coordinator = await h.request('POST', '/api/t/{t}/envelopes', { as: 'coord', body: fixtures.envelope });
    expect(coordinator.status).toBe(403);
    const anonymous = await h.request('GET', '/api/t/{t}/envelopes');
    expect(anonymous.status).toBe(401);
    const forged = await h.request('GET', '/api/t/{t}/envelopes', { headers: { Authorization: 'Bearer not.a.jwt' } });
    expect(forged.status).toBe(401);
  });

  it('rejects a cursor from another partition', async () => {
    const other = Buffer.from(JSON.stringify({ pk: 'T#x#ENV#1', sk: 'ENVELOPE', gsi1pk: 'T#other#ENVELOPES', gsi1sk: 'FY#2026#ENV#1' })).toString('base64url');
    const res = await h.request('GET', `/api/t/{t}/envelopes?cursor=${other}`, { as: 'manager' });
    expect(res.status).toBe(400);
  });

  it('pages through envelopes with a cursor', async () => {
    for (let i = 0; i < 3; i++) await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 });
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: { id: string }[]; cursor: string | null } = await h.json('GET', `/api/t/{t}/envelopes?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        as: 'manager',
        expect: 200,
      });
      for (const e of page.items) seen.add(e.id);
      cursor = page.cursor;
      pages++;
    } while (cursor);
    const all = await h.json('GET', '/api/t/{t}/envelopes?limit=200', { as: 'manager' });
    expect(seen.size).toBe(all.items.length);
    expect(pages).toBeGreaterThan(1);
  });
});

describe('tenant isolation', () => {
  it('shows a user of one tenant nothing of another: 404, not 403', async () => {
    const other = await createHarness();
    await other.addMember('manager-b', ['manager']);
    const env = await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 });
    // A member of tenant B asking tenant A's path.
    const res = await other.request('GET', `/api/t/${h.tenantId}/envelopes/${env.id}`, { as: 'manager-b' });
    expect(res.status).toBe(404);
    // Tenant A's envelope id under tenant B's path.
    const res2 = await other.request('GET', `/api/t/{t}/envelopes/${env.id}`, { as: 'manager-b' });
    expect(res2.status).toBe(404);
    const list = await other.json('GET', '/api/t/{t}/envelopes', { as: 'manager-b' });
    expect(list.items).toEqual([]);
  });
});
