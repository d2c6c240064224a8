/**
 * Issue 10, item 2: withdrawing a declared tie must not lift a recusal once
 * scoring has opened on a call. The recusal stays in force for that call,
 * says when the tie was withdrawn, and every declaration and withdrawal is
 * kept with its date for the minutes, which the coordinator reads with the
 * results.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, fixtures, setupCall, type Harness } from '../support/harness';

let h: Harness;
let callId: string;
let orgA: string; // applies with pA
let orgB: string; // applies with pB
let pA: string;
let pB: string;
let criterionId: string;
let gridVersion: number;
const base = () => `/api/t/{t}/calls/${callId}`;
const at = (iso: string) => (h.clock.now = new Date(iso));

async function eligibleProposal(as: string) {
  const d = await h.json('POST', `${base()}/proposals`, { as, body: { draft: {} }, expect: 201 });
  const s = await h.json('POST', `${base()}/proposals/${d.id}/submit`, { as, body: { version: 1, content: fixtures.content }, expect: 200 });
  const call = await h.json('GET', base(), { as: 'coord' });
  await h.json('PUT', `${base()}/proposals/${d.id}/screening`, {
    as: 'coord',
    body: { version: s.version, results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })) },
    expect: 200,
  });
  return d.id as string;
}

/** Saves a member's ties at their current version. */
async function ties(as: string, organizationIds: string[]) {
  const mine = await h.json('GET', '/api/t/{t}/my/conflicts', { as, expect: 200 });
  return (await h.json('PUT', '/api/t/{t}/my/conflicts', { as, body: { version: mine.conflicts?.version ?? null, organizationIds }, expect: 200 })).conflicts;
}

const score = (proposalId: string, as: string) =>
  h.request('PUT', `${base()}/scoring/proposals/${proposalId}/sheet`, {
    as,
    body: { version: null, submit: true, scores: { [criterionId]: { value: 7, comment: '' } } },
  });

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  const { call, org } = await setupCall(h, { closesAt: '2026-11-30T22:00:00.000Z' });
  callId = call.id;
  orgA = org.id;
  orgB = (await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization(`5${String(Date.now()).slice(-9)}`), expect: 201 })).id;
  await h.addMember('orgrep2', ['organization'], orgB);
  for (const m of ['m2', 'm3', 'm4']) await h.addMember(m, ['member']);
  pA = await eligibleProposal('orgrep');
  pB = await eligibleProposal('orgrep2');
  const g = (
    await h.json('PUT', `${base()}/grid`, {
      as: 'coord',
      body: {
        version: null,
        criteria: [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 10, levels: [], linkedToNeeds: false }],
        mode: 'individual',
        rule: 'mean',
        normalize: false,
        disagreementThreshold: 15,
        assignments: null,
      },
      expect: 201,
    })
  ).grid;
  criterionId = g.criteria[0].id;
  gridVersion = g.version;
});

async function openScoring() {
  at('2026-12-01T15:00:00.000Z');
  const g = (await h.json('POST', `${base()}/grid/open`, { as: 'coord', body: { version: gridVersion, closesAt: '2026-12-15T22:00:00.000Z' }, expect: 200 }))
    .grid;
  gridVersion = g.version;
}

describe('withdrawing a tie while scoring is open on a call', () => {
  it('keeps the recusal in force for that call, refused and logged, and says when the tie was withdrawn', async () => {
    await openScoring();
    at('2026-12-02T14:00:00.000Z');
    await ties('m2', [orgB]);
    expect((await score(pB, 'm2')).status).toBe(403);

    at('2026-12-03T14:00:00.000Z');
    const withdrawn = await ties('m2', []);
    expect(withdrawn).toMatchObject({
      organizationIds: [],
      history: [
        { organizationId: orgB, change: 'declared', at: '2026-12-02T14:00:00.000Z' },
        { organizationId: orgB, change: 'withdrawn', at: '2026-12-03T14:00:00.000Z' },
      ],
    });

    const attempt = await score(pB, 'm2');
    expect(attempt.status).toBe(403);
    expect((await attempt.json()).detail).toContain('récusé·e');
    const sheet = await h.json('GET', `${base()}/scoring/proposals/${pB}/sheet`, { as: 'm2', expect: 200 });
    expect(sheet.recusal).toMatchObject({ kind: 'automatic', tieWithdrawnAt: '2026-12-03T14:00:00.000Z', at: '2026-12-02T14:00:00.000Z' });
    expect(sheet.recusal.reason).toMatch(/^Liens déclarés avec Organisme 5\d+, retirés après l’ouverture de l’évaluation$/);
    const mine = await h.json('GET', `${base()}/scoring/mine`, { as: 'm2', expect: 200 });
    expect(mine.proposals.find((p: { id: string }) => p.id === pB).recusal).toMatchObject({ tieWithdrawnAt: '2026-12-03T14:00:00.000Z' });
    // The other applicant is unaffected.
    expect((await score(pA, 'm2')).status).toBe(200);

    const results = await h.json('GET', `${base()}/scoring/results`, { as: 'coord', expect: 200 });
    expect(results.recusals).toContainEqual(expect.objectContaining({ userId: 'm2', proposalId: pB, tieWithdrawnAt: '2026-12-03T14:00:00.000Z' }));
    expect(results.refusedAttempts.filter((a: { userId: string; proposalId: string }) => a.userId === 'm2' && a.proposalId === pB)).toHaveLength(2);
    expect(results.progress).toContainEqual({ evaluatorId: 'm2', assigned: 1, submitted: 1 });
  });

  it('keeps the recusal of a tie declared before scoring opened and withdrawn after, through a reopening of the grid', async () => {
    await ties('m3', [orgB]);
    await openScoring();
    at('2026-12-02T14:00:00.000Z');
    await ties('m3', []);
    expect((await score(pB, 'm3')).status).toBe(403);
    const reopened = (await h.json('POST', `${base()}/grid/reopen`, { as: 'coord', body: { version: gridVersion, reason: 'Critère précisé' }, expect: 200 }))
      .grid;
    at('2026-12-04T14:00:00.000Z');
    await h.json('POST', `${base()}/grid/open`, { as: 'coord', body: { version: reopened.version, closesAt: '2026-12-15T22:00:00.000Z' }, expect: 200 });
    expect((await score(pB, 'm3')).status).toBe(403);
  });

  it('lets a tie declared and withdrawn before scoring opened go, and keeps both dates for the minutes', async () => {
    at('2026-11-24T14:00:00.000Z');
    await ties('m4', [orgB]);
    at('2026-11-25T14:00:00.000Z');
    await ties('m4', []);
    await openScoring();
    expect((await score(pB, 'm4')).status).toBe(200);
    at('2026-12-02T14:00:00.000Z');
    await ties('m2', [orgA, orgB]);
    at('2026-12-03T14:00:00.000Z');
    await ties('m2', [orgA]);

    const results = await h.json('GET', `${base()}/scoring/results`, { as: 'coord', expect: 200 });
    expect(results.recusals.some((r: { userId: string }) => r.userId === 'm4')).toBe(false);
    const name = (id: string) => (id === orgB ? expect.stringMatching(/^Organisme 5/) : expect.any(String));
    expect(results.tieChanges).toEqual([
      { at: '2026-11-24T14:00:00.000Z', userId: 'm4', userName: 'm4', organizationId: orgB, organizationName: name(orgB), change: 'declared' },
      { at: '2026-11-25T14:00:00.000Z', userId: 'm4', userName: 'm4', organizationId: orgB, organizationName: name(orgB), change: 'withdrawn' },
      { at: '2026-12-02T14:00:00.000Z', userId: 'm2', userName: 'm2', organizationId: orgA, organizationName: name(orgA), change: 'declared' },
      { at: '2026-12-02T14:00:00.000Z', userId: 'm2', userName: 'm2', organizationId: orgB, organizationName: name(orgB), change: 'declared' },
      { at: '2026-12-03T14:00:00.000Z', userId: 'm2', userName: 'm2', organizationId: orgB, organizationName: name(orgB), change: 'withdrawn' },
    ]);
    // The member reads their own history, not the others'.
    const own = await h.json('GET', '/api/t/{t}/my/conflicts', { as: 'm4', expect: 200 });
    expect(own.conflicts.history.map((x: { change: string }) => x.change)).toEqual(['declared', 'withdrawn']);
    expect(own.conflicts.userId).toBe('m4');
  });

  it('is not for those who may not: the minutes are the coordinators’, a stale save is refused, another tenant sees nothing', async () => {
    await openScoring();
    await ties('m2', [orgB]);
    expect((await h.request('GET', `${base()}/scoring/results`, { as: 'm2' })).status).toBe(403);
    // Ties are a member's own: a coordinator does not evaluate, an organization cannot declare for a member.
    expect((await h.request('PUT', '/api/t/{t}/my/conflicts', { as: 'coord', body: { version: null, organizationIds: [orgB] } })).status).toBe(403);
    expect((await h.request('PUT', '/api/t/{t}/my/conflicts', { as: 'orgrep2', body: { version: null, organizationIds: [] } })).status).toBe(403);
    // A withdrawal sent from a stale page does not go through.
    const stale = await h.request('PUT', '/api/t/{t}/my/conflicts', { as: 'm2', body: { version: null, organizationIds: [] } });
    expect(stale.status).toBe(409);
    expect((await score(pB, 'm2')).status).toBe(403);
    await h.addMember('m2', ['member'], null, `${h.tenantId}-other`);
    const elsewhere = await h.json('GET', `/api/t/${h.tenantId}-other/my/conflicts`, { as: 'm2', expect: 200 });
    expect(elsewhere.conflicts).toBeNull();
    // Another tenant's coordinator reads no minutes of this call.
    await h.addMember('coord-other', ['coordinator'], null, `${h.tenantId}-other`);
    expect((await h.request('GET', `/api/t/${h.tenantId}-other/calls/${callId}/scoring/results`, { as: 'coord-other' })).status).toBe(404);
  });
});
