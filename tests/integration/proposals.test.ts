import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, fixtures, setupCall, type Harness } from '../support/harness';

let h: Harness;
let callId: string;
let criteria: { id: string }[];

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  const { call } = await setupCall(h);
  callId = call.id;
  criteria = call.eligibilityCriteria;
});

const path = (suffix = '') => `/api/t/{t}/calls/${callId}/proposals${suffix}`;

async function draft() {
  return h.json('POST', path(), { as: 'orgrep', body: { draft: { title: 'Brouillon' } }, expect: 201 });
}

async function submitted() {
  const p = await draft();
  return h.json('POST', path(`/${p.id}/submit`), { as: 'orgrep', body: { version: p.version, content: fixtures.content }, expect: 200 });
}

describe('proposals', () => {
  it('drafts, submits and keeps every submitted version', async () => {
    const p = await draft();
    expect(p.status).toBe('draft');
    const saved = await h.json('PUT', path(`/${p.id}/draft`), {
      as: 'orgrep',
      body: { version: p.version, draft: { title: 'Halte', requested: 500_000 } },
      expect: 200,
    });
    expect(saved.version).toBe(2);
    const v1 = await h.json('POST', path(`/${p.id}/submit`), { as: 'orgrep', body: { version: 2, content: fixtures.content }, expect: 200 });
    expect(v1.status).toBe('submitted');
    expect(v1.submittedVersions).toBe(1);
    const changed = { ...fixtures.content, requested: 1_200_000, budgetLines: [{ label: 'Salaires', amount: 1_200_000 }] };
    const v2 = await h.json('POST', path(`/${p.id}/submit`), { as: 'orgrep', body: { version: v1.version, content: changed }, expect: 200 });
    expect(v2.submittedVersions).toBe(2);
    const versions = await h.json('GET', path(`/${p.id}/versions`), { as: 'coord', expect: 200 });
    expect(versions.items.map((v: { number: number; content: { requested: number } }) => [v.number, v.content.requested])).toEqual([
      [1, 1_000_000],
      [2, 1_200_000],
    ]);
  });

  it.each([
    ['budget lines that do not add up', { budgetLines: [{ label: 'x', amount: 10 }] }, 'content.budgetLines'],
    ['a minimum above the request', { minimum: 2_000_000 }, 'content.minimum'],
    ['a request over the call maximum', { requested: 1_600_000, budgetLines: [{ label: 'x', amount: 1_600_000 }] }, 'content.requested'],
    ['a fraction of a cent', { requested: 1_000_000.5 }, 'content.requested'],
    ['a missing summary', { summary: '' }, 'content.summary'],
  ])('refuses %s, naming the field, and stores nothing', async (_, patch, field) => {
    const p = await draft();
    const res = await h.request('POST', path(`/${p.id}/submit`), { as: 'orgrep', body: { version: p.version, content: { ...fixtures.content, ...patch } } });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(field);
    const after = await h.json('GET', path(`/${p.id}`), { as: 'orgrep' });
    expect(after.status).toBe('draft');
    expect(after.version).toBe(p.version);
    expect((await h.json('GET', path(`/${p.id}/versions`), { as: 'orgrep' })).items).toEqual([]);
  });

  it('refuses a two-year project when the call only takes one-year projects', async () => {
    const h2 = await createHarness();
    const { call } = await setupCall(h2, { allowedDurations: [1] });
    const p = await h2.json('POST', `/api/t/{t}/calls/${call.id}/proposals`, { as: 'orgrep', body: { draft: {} }, expect: 201 });
    const res = await h2.request('POST', `/api/t/{t}/calls/${call.id}/proposals/${p.id}/submit`, {
      as: 'orgrep',
      body: { version: 1, content: { ...fixtures.content, durationYears: 2 } },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].path).toBe('content.durationYears');
  });

  it('enforces the deadline on the server: after it, submissions and edits are refused and nothing changes', async () => {
    const p = await draft();
    const sub = await h.json('POST', path(`/${p.id}/submit`), { as: 'orgrep', body: { version: p.version, content: fixtures.content }, expect: 200 });
    h.clock.now = new Date('2027-01-15T22:00:00.000Z'); // the closing instant itself is closed
    const late = await h.request('POST', path(`/${p.id}/submit`), {
      as: 'orgrep',
      body: { version: sub.version, content: { ...fixtures.content, title: 'Trop tard' } },
    });
    expect(late.status).toBe(409);
    const problem = await late.json();
    expect(problem.type).toBe('/problems/deadline-passed');
    expect(problem.messages.detail.fr).toContain('2027-01-15 17 h 00');
    const lateDraft = await h.request('PUT', path(`/${p.id}/draft`), { as: 'orgrep', body: { version: sub.version, draft: { title: 'x' } } });
    expect(lateDraft.status).toBe(409);
    const lateNew = await h.request('POST', path(), { as: 'orgrep', body: { draft: {} } });
    expect(lateNew.status).toBe(409);
    const after = await h.json('GET', path(`/${p.id}`), { as: 'orgrep' });
    expect(after.content.title).toBe(fixtures.content.title);
    expect(after.version).toBe(sub.version);
    // One millisecond before the close it was still open.
    h.clock.now = new Date('2027-01-15T21:59:59.999Z');
    await h.json('POST', path(`/${p.id}/submit`), { as: 'orgrep', body: { version: sub.version, content: fixtures.content }, expect: 200 });
  });

  it('extends a published call’s deadline with a reason everyone reads; never shorter, never after the close, never over a newer edit', async () => {
    const p = await draft();
    const call = `/api/t/{t}/calls/${callId}`;
    const current = await h.json('GET', call, { as: 'orgrep', expect: 200 });
    expect(current.extensions).toEqual([]);
    const body = {
      version: current.version,
      closesAt: '2027-01-22T17:00:00-05:00',
      reason: 'Période des Fêtes : une semaine de plus à la demande de la table.',
    };
    // Members and organizations cannot extend; an earlier or equal date is refused with the current deadline named.
    expect((await h.request('POST', `${call}/extension`, { as: 'orgrep', body })).status).toBe(403);
    const shorter = await h.request('POST', `${call}/extension`, { as: 'manager', body: { ...body, closesAt: '2027-01-15T22:00:00.000Z' } });
    expect(shorter.status).toBe(400);
    const problem = (await shorter.json()).errors[0];
    expect(problem).toMatchObject({ path: 'closesAt', code: 'extension_not_later' });
    expect(problem.message.fr).toContain('2027-01-15 17 h 00');
    expect((await h.request('POST', `${call}/extension`, { as: 'manager', body: { ...body, reason: '  ' } })).status).toBe(400);

    const extended = await h.json('POST', `${call}/extension`, { as: 'manager', body, expect: 200 });
    expect(extended).toMatchObject({
      closesAt: '2027-01-22T22:00:00.000Z',
      phase: 'open',
      extensions: [{ from: '2027-01-15T22:00:00.000Z', to: '2027-01-22T22:00:00.000Z', reason: body.reason }],
    });
    // The same form sent twice (a stale version) does not extend twice.
    expect((await h.request('POST', `${call}/extension`, { as: 'manager', body: { ...body, closesAt: '2027-01-29T22:00:00.000Z' } })).status).toBe(409);

    // The old deadline has passed: the server now takes the submission, and refuses it at the new one.
    h.clock.now = new Date('2027-01-20T15:00:00.000Z');
    const sub = await h.json('POST', path(`/${p.id}/submit`), { as: 'orgrep', body: { version: p.version, content: fixtures.content }, expect: 200 });
    h.clock.now = new Date('2027-01-22T22:00:00.000Z');
    const late = await h.request('POST', path(`/${p.id}/submit`), {
      as: 'orgrep',
      body: { version: sub.version, content: { ...fixtures.content, title: 'Trop tard' } },
    });
    expect(late.status).toBe(409);
    expect((await late.json()).messages.detail.fr).toContain('2027-01-22 17 h 00');
    // Closed: no reopening by extension.
    const reopen = await h.request('POST', `${call}/extension`, {
      as: 'manager',
      body: { version: extended.version, closesAt: '2027-02-01T22:00:00.000Z', reason: 'Rouvrir' },
    });
    expect(reopen.status).toBe(409);
    expect((await reopen.json()).detail).toContain('2027-01-22 17 h 00');
    expect((await h.json('GET', call, { as: 'manager' })).extensions).toHaveLength(1);
  });

  it('lets exactly one of two concurrent edits win; the other gets 409', async () => {
    const p = await submitted();
    const edits = ['A', 'B', 'C', 'D'].map((title) =>
      h.request('POST', path(`/${p.id}/submit`), { as: 'orgrep', body: { version: p.version, content: { ...fixtures.content, title } } }),
    );
    const statuses = (await Promise.all(edits)).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    const versions = await h.json('GET', path(`/${p.id}/versions`), { as: 'orgrep' });
    expect(versions.items).toHaveLength(2);
  });

  it('withdraws a proposal and refuses to submit it again', async () => {
    const p = await submitted();
    const w = await h.json('POST', path(`/${p.id}/withdraw`), { as: 'orgrep', body: { version: p.version }, expect: 200 });
    expect(w.status).toBe('withdrawn');
    const again = await h.request('POST', path(`/${p.id}/submit`), { as: 'orgrep', body: { version: w.version, content: fixtures.content } });
    expect(again.status).toBe(409);
    expect((await again.json()).type).toBe('/problems/invalid-state');
  });

  it('keeps drafts private to their organization and proposals to their tenant', async () => {
    const p = await draft();
    expect((await h.request('GET', path(`/${p.id}`), { as: 'coord' })).status).toBe(404);
    const list = await h.json('GET', path(), { as: 'coord', expect: 200 });
    expect(list.items.find((x: { id: string }) => x.id === p.id)).toBeUndefined();
    await h.addMember('other-org', ['organization'], 'org-other');
    expect((await h.request('GET', path(`/${p.id}`), { as: 'other-org' })).status).toBe(404);
    expect((await h.request('PUT', path(`/${p.id}/draft`), { as: 'other-org', body: { version: 1, draft: {} } })).status).toBe(404);
  });

  it('screens a proposal against each criterion; the organization sees the outcome and reasons', async () => {
    const p = await submitted();
    const results = [
      { criterionId: criteria[0]!.id, met: true, reason: '' },
      { criterionId: criteria[1]!.id, met: false, reason: 'Le projet dépend entièrement de la subvention.' },
    ];
    const screened = await h.json('PUT', path(`/${p.id}/screening`), { as: 'coord', body: { version: p.version, results }, expect: 200 });
    expect(screened.screening.outcome).toBe('ineligible');
    const seen = await h.json('GET', path(`/${p.id}`), { as: 'orgrep' });
    expect(seen.screening.results[1]).toMatchObject({ met: false, reason: 'Le projet dépend entièrement de la subvention.' });
    const summary = await h.json('GET', `/api/t/{t}/calls/${callId}/summary`, { as: 'manager' });
    expect(summary.byStatus.ineligible).toBe(1);
    expect(summary.totalRequested).toBe(0);
  });

  it.each([
    ['a criterion missing', (c: { id: string }[]) => [{ criterionId: c[0]!.id, met: true, reason: '' }], 'results'],
    [
      'an unknown criterion',
      (c: { id: string }[]) => [...c.map((k) => ({ criterionId: k.id, met: true, reason: '' })), { criterionId: 'crit-nope', met: true, reason: '' }],
      'results.2.criterionId',
    ],
    ['a "not met" without reason', (c: { id: string }[]) => c.map((k) => ({ criterionId: k.id, met: false, reason: '' })), 'results.0.reason'],
  ])('refuses a screening with %s', async (_, build, field) => {
    const p = await submitted();
    const res = await h.request('PUT', path(`/${p.id}/screening`), { as: 'coord', body: { version: p.version, results: build(criteria) } });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { path: string }) => e.path)).toContain(field);
    expect((await h.json('GET', path(`/${p.id}`), { as: 'coord' })).screening).toBeNull();
  });

  it('does not let an organization screen', async () => {
    const p = await submitted();
    const res = await h.request('PUT', path(`/${p.id}/screening`), {
      as: 'orgrep',
      body: { version: p.version, results: criteria.map((k) => ({ criterionId: k.id, met: true, reason: '' })) },
    });
    expect(res.status).toBe(403);
  });

  it('lists submissions as rows, page by page, without drafts, following screening and withdrawal', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await submitted()).id);
    await draft();
    const first = await h.json('PUT', path(`/${ids[0]}/screening`), {
      as: 'coord',
      body: { version: 2, results: criteria.map((k) => ({ criterionId: k.id, met: false, reason: 'Hors territoire' })) },
      expect: 200,
    });
    const second = await h.json('GET', path(`/${ids[1]}`), { as: 'orgrep' });
    await h.json('POST', path(`/${ids[1]}/withdraw`), { as: 'orgrep', body: { version: second.version }, expect: 200 });
    const seen: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Record<string, unknown>[]; cursor: string | null } = await h.json('GET', path(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`), {
        as: 'coord',
        expect: 200,
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    expect(seen.map((r) => r.id).sort()).toEqual([...ids].sort());
    const byId = new Map(seen.map((r) => [r.id, r]));
    expect(byId.get(ids[0]!)).toMatchObject({
      status: 'submitted',
      screeningOutcome: 'ineligible',
      version: first.version,
      title: fixtures.content.title,
      requested: 1_000_000,
    });
    expect(byId.get(ids[1]!)).toMatchObject({ status: 'withdrawn' });
    expect(byId.get(ids[2]!)).toMatchObject({ status: 'submitted', screeningOutcome: null, organizationName: expect.any(String), submittedVersions: 1 });
    expect(Object.keys(byId.get(ids[2]!)!)).not.toContain('draft');
  });

  it('lists a call without proposals as empty, and an unknown call as 404', async () => {
    const empty = await h.json('GET', path(), { as: 'coord', expect: 200 });
    expect(empty).toEqual({ items: [], cursor: null });
    const unknown = await h.request('GET', '/api/t/{t}/calls/call-unknown/proposals', { as: 'coord' });
    expect(unknown.status).toBe(404);
  });

  it('summarizes the submissions against the amount available', async () => {
    await submitted();
    await submitted();
    await submitted();
    await draft();
    const s = await h.json('GET', `/api/t/{t}/calls/${callId}/summary`, { as: 'coord', expect: 200 });
    expect(s).toMatchObject({ amountAvailable: 3_200_000, totalRequested: 3_000_000, submittedCount: 3, excess: 0 });
    await submitted();
    const s2 = await h.json('GET', `/api/t/{t}/calls/${callId}/summary`, { as: 'coord' });
    expect(s2.excess).toBe(800_000);
  });
});
