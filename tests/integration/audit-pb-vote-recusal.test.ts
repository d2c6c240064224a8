/**
 * Issue 10, item 3: no conflict of interest in the members' approval vote.
 * A member never approves a proposal of the organization she represents or
 * declared ties with (scoring's recusal rule): the ballot is refused (403),
 * the attempt is recorded for the minutes, the ballot screen's data locks
 * those proposals with the reason, and an approval given before ties were
 * declared counts for nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { setupFitting, type FittingSetup } from '../support/allocation-setup';

let h: Harness;
/** Another tenant, unique to the test (the table is shared by every test file). */
const elsewhere = () => `${h.tenantId}-elsewhere`;
let s: FittingSetup;
const ballot = (as: string, approved: string[], version: number | null = null) =>
  h.request('PUT', `${s.base}/pb-vote/ballot`, { as, body: { version, approved } });

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  s = await setupFitting(h);
  await h.json('POST', `${s.base}/pb-vote`, { as: 'coord', body: { closesAt: '2027-02-01T22:00:00.000Z' }, expect: 201 });
});

describe('the approval vote applies the recusal rule', () => {
  it('refuses a member’s approval of her own organization’s proposal (403), records the attempt, and stores nothing', async () => {
    const refused = await ballot('m2', [s.p1, s.p2]);
    expect(refused.status).toBe(403);
    const problem = await refused.json();
    expect(problem.type).toBe('/problems/forbidden');
    expect(problem.messages.detail.fr).toContain('Vous êtes récusé·e pour « Halte-répit » (Représente Organisme');
    expect(problem.messages.detail.fr).toContain('La tentative est consignée.');
    expect(problem.messages.detail.en).toContain('You are recused from');
    // Nothing stored: her ballot is still to be cast.
    const mine = await h.json('GET', `${s.base}/pb-vote`, { as: 'm2', expect: 200 });
    expect(mine.myBallot).toBeNull();
    // Recorded for the minutes, seen by those who run the vote.
    const coord = await h.json('GET', `${s.base}/pb-vote`, { as: 'coord', expect: 200 });
    expect(coord.refusedAttempts).toEqual([
      expect.objectContaining({ kind: 'recused-attempt', userId: 'm2', proposalId: s.p1, at: '2027-01-20T15:00:00.000Z' }),
    ]);
    // Approving only the other organization's proposal is fine.
    expect((await ballot('m2', [s.p2])).status).toBe(200);
  });

  it('refuses the approval of an organization the member declared ties with', async () => {
    await h.json('PUT', '/api/t/{t}/my/conflicts', { as: 'm1', body: { version: null, organizationIds: [s.org2] }, expect: 200 });
    const refused = await ballot('m1', [s.p2]);
    expect(refused.status).toBe(403);
    expect((await refused.json()).messages.detail.fr).toContain('Liens déclarés avec Organisme');
    expect((await ballot('m1', [s.p1])).status).toBe(200);
    // A change of ballot adding the tied proposal is refused the same way.
    expect((await ballot('m1', [s.p1, s.p2], 1)).status).toBe(403);
    const coord = await h.json('GET', `${s.base}/pb-vote`, { as: 'coord' });
    expect(coord.refusedAttempts.map((e: { userId: string; proposalId: string }) => [e.userId, e.proposalId])).toEqual([
      ['m1', s.p2],
      ['m1', s.p2],
    ]);
  });

  it('keeps the recusal when the member withdraws her tie once the vote is open', async () => {
    const declared = (await h.json('PUT', '/api/t/{t}/my/conflicts', { as: 'm1', body: { version: null, organizationIds: [s.org2] }, expect: 200 })).conflicts;
    expect((await ballot('m1', [s.p2])).status).toBe(403);
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    await h.json('PUT', '/api/t/{t}/my/conflicts', { as: 'm1', body: { version: declared.version, organizationIds: [] }, expect: 200 });
    const refused = await ballot('m1', [s.p2]);
    expect(refused.status).toBe(403);
    expect((await refused.json()).messages.detail.fr).toContain('retirés après l’ouverture');
    const view = await h.json('GET', `${s.base}/pb-vote`, { as: 'm1' });
    expect(view.proposals.find((p: { id: string }) => p.id === s.p2).recusal).toEqual({ reason: expect.stringContaining('retirés après l’ouverture') });
  });

  it('tells the ballot screen which proposals are locked for the member, and why', async () => {
    const view = await h.json('GET', `${s.base}/pb-vote`, { as: 'm3', expect: 200 });
    const byId = new Map(view.proposals.map((p: { id: string; recusal: unknown }) => [p.id, p.recusal]));
    expect(byId.get(s.p2)).toEqual({ reason: expect.stringMatching(/^Représente Organisme /) });
    expect(byId.get(s.p1)).toBeNull();
    // Another member, recused from nothing, sees nothing locked.
    const free = await h.json('GET', `${s.base}/pb-vote`, { as: 'm1' });
    expect(free.proposals.every((p: { recusal: unknown }) => p.recusal === null)).toBe(true);
  });

  it('does not count an approval given before the member declared ties with the organization', async () => {
    expect((await ballot('m1', [s.p1, s.p2])).status).toBe(200);
    const before = await h.json('GET', `${s.base}/pb-vote/results?rule=greedy`, { as: 'coord', expect: 200 });
    expect(before.selected.find((p: { id: string }) => p.id === s.p2).approvals).toBe(1);
    await h.json('PUT', '/api/t/{t}/my/conflicts', { as: 'm1', body: { version: null, organizationIds: [s.org2] }, expect: 200 });
    const after = await h.json('GET', `${s.base}/pb-vote/results?rule=greedy`, { as: 'coord', expect: 200 });
    expect(after.selected.find((p: { id: string }) => p.id === s.p1).approvals).toBe(1);
    expect(after.selected.find((p: { id: string }) => p.id === s.p2)?.approvals ?? 0).toBe(0);
  });

  it('keeps others out: an organization, another tenant, an unknown call', async () => {
    expect((await h.request('PUT', `${s.base}/pb-vote/ballot`, { as: 'orgrep', body: { version: null, approved: [s.p2] } })).status).toBe(403);
    await h.addMember('outsider', ['member'], null, elsewhere());
    expect(
      (await h.request('PUT', `/api/t/${elsewhere()}/calls/${s.callId}/pb-vote/ballot`, { as: 'outsider', body: { version: null, approved: [s.p1] } })).status,
    ).toBe(404);
    expect((await h.request('PUT', '/api/t/{t}/calls/call-ghost/pb-vote/ballot', { as: 'm1', body: { version: null, approved: [s.p1] } })).status).toBe(404);
    // Members never read the refused attempts.
    expect((await h.json('GET', `${s.base}/pb-vote`, { as: 'm2' })).refusedAttempts).toBeNull();
  });
});
