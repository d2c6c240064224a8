/**
 * Issue 10, item 12: ending the revision round settles every answer. An
 * accepted suggestion becomes the proposal's request as a new version (its
 * budget lines rescaled to add up to it); a revision is the version already
 * submitted; no answer is recorded as such, the request unchanged. The round
 * says what was settled, scenarios computed afterwards use the settled
 * requests, and the organization finds its revision request without hunting
 * for it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, fixtures, type Harness } from '../support/harness';
import { scoreAndClose, setupFitting, type FittingSetup } from '../support/allocation-setup';

let h: Harness;
/** Another tenant, unique to the test (the table is shared by every test file). */
const elsewhere = () => `${h.tenantId}-elsewhere`;
let s: FittingSetup;
let round: { version: number; suggestions: Record<string, number> };

async function startRound(method: string) {
  const scenario = await h.json('POST', `${s.base}/scenarios`, { as: 'coord', body: { name: 'Avant révision', method }, expect: 201 });
  round = await h.json('POST', `${s.base}/revision`, { as: 'coord', body: { scenarioId: scenario.id, deadline: '2027-02-01T22:00:00.000Z' }, expect: 201 });
}

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  // 20 000 $ for 29 000 $ requested; p1's budget: 9 000 $ + 6 000 $.
  s = await setupFitting(h, {
    amountAvailable: 2_000_000,
    p1Lines: [
      { label: 'Salaires', amount: 900_000 },
      { label: 'Matériel', amount: 600_000 },
    ],
  });
  await scoreAndClose(h, s);
});

describe('ending the revision round', () => {
  it('writes an accepted amount as a new version, leaves an unanswered request unchanged, and says so', async () => {
    await startRound('proportional');
    const suggested = round.suggestions[s.p1]!;
    expect(suggested).toBeGreaterThan(1_000_000);
    expect(suggested).toBeLessThan(1_500_000);
    await h.json('POST', `${s.base}/revision/answers`, { as: 'orgrep', body: { kind: 'accepted', proposalId: s.p1, answerVersion: null }, expect: 200 });
    // The acceptance alone changes nothing yet.
    expect((await h.json('GET', `${s.base}/proposals/${s.p1}`, { as: 'coord' })).content.requested).toBe(1_500_000);

    h.clock.now = new Date('2027-02-02T12:00:00Z');
    expect((await h.request('POST', `${s.base}/revision/close`, { as: 'm1', body: { version: round.version } })).status).toBe(403);
    expect((await h.request('POST', `${s.base}/revision/close`, { as: 'orgrep', body: { version: round.version } })).status).toBe(403);
    expect((await h.request('POST', `${s.base}/revision/close`, { as: 'coord', body: { version: round.version + 3 } })).status).toBe(409);
    await h.addMember('outsider', ['coordinator'], null, elsewhere());
    expect(
      (await h.request('POST', `/api/t/${elsewhere()}/calls/${s.callId}/revision/close`, { as: 'outsider', body: { version: round.version } })).status,
    ).toBe(404);
    expect((await h.request('POST', '/api/t/{t}/calls/call-ghost/revision/close', { as: 'coord', body: { version: 1 } })).status).toBe(404);
    const closed = await h.json('POST', `${s.base}/revision/close`, { as: 'coord', body: { version: round.version }, expect: 200 });
    expect(closed.status).toBe('closed');
    expect(closed.settlement).toMatchObject({ settledAt: '2027-02-02T12:00:00.000Z', settledBy: 'coord' });
    const settled = new Map(closed.settlement.proposals.map((x: { proposalId: string }) => [x.proposalId, x]));
    expect(settled.get(s.p1)).toEqual({
      proposalId: s.p1,
      outcome: 'accepted',
      suggested,
      requestedBefore: 1_500_000,
      requestedAfter: suggested,
      proposalVersion: 2,
    });
    expect(settled.get(s.p2)).toEqual({
      proposalId: s.p2,
      outcome: 'no-answer',
      suggested: round.suggestions[s.p2],
      requestedBefore: 1_400_000,
      requestedAfter: 1_400_000,
      proposalVersion: 1,
    });

    // The accepted amount is the proposal's request, as its second version, lines adding up to it.
    const p1 = await h.json('GET', `${s.base}/proposals/${s.p1}`, { as: 'orgrep' });
    expect(p1).toMatchObject({
      status: 'submitted',
      submittedVersions: 2,
      content: { requested: suggested, minimum: 1_000_000 },
      screening: { outcome: 'eligible' },
    });
    expect(p1.content.budgetLines.reduce((t: number, l: { amount: number }) => t + l.amount, 0)).toBe(suggested);
    expect(p1.content.budgetLines.map((l: { label: string }) => l.label)).toEqual(['Salaires', 'Matériel']);
    expect(p1.content.budgetLines[0].amount).toBe(Math.round((suggested * 9) / 15));
    const versions = await h.json('GET', `${s.base}/proposals/${s.p1}/versions`, { as: 'coord' });
    expect(versions.items.map((v: { number: number; content: { requested: number } }) => [v.number, v.content.requested])).toEqual([
      [1, 1_500_000],
      [2, suggested],
    ]);
    expect((await h.json('GET', `${s.base}/proposals/${s.p2}`, { as: 'coord' })).submittedVersions).toBe(1);

    // Scenarios computed afterwards use the settled requests.
    const after = await h.json('POST', `${s.base}/scenarios`, { as: 'coord', body: { name: 'Après révision', method: 'greedy' }, expect: 201 });
    expect(after.instance.proposals.find((p: { id: string }) => p.id === s.p1)).toMatchObject({ requested: suggested });
    expect(after.instance.proposals.find((p: { id: string }) => p.id === s.p2)).toMatchObject({ requested: 1_400_000 });
    expect(after.inputs.find((i: { id: string }) => i.id === s.p1).proposalVersion).toBe(2);

    // Settled once: the round is closed.
    expect((await h.request('POST', `${s.base}/revision/close`, { as: 'coord', body: { version: closed.version } })).status).toBe(409);
    // Each organization reads its own line of the settlement, not the other's.
    const own = await h.json('GET', `${s.base}/revision`, { as: 'orgrep2' });
    expect(own.round.settlement.proposals).toEqual([expect.objectContaining({ proposalId: s.p2, outcome: 'no-answer' })]);
  });

  it('settles a revision as the version already submitted', async () => {
    await startRound('proportional');
    const p2 = await h.json('GET', `${s.base}/proposals/${s.p2}`, { as: 'orgrep2' });
    const content = { ...fixtures.content, requested: 900_000, minimum: 800_000, budgetLines: [{ label: 'Salaires', amount: 900_000 }] };
    await h.json('POST', `${s.base}/revision/answers`, {
      as: 'orgrep2',
      body: { kind: 'revised', proposalId: s.p2, answerVersion: null, version: p2.version, content },
      expect: 200,
    });
    const closed = await h.json('POST', `${s.base}/revision/close`, { as: 'coord', body: { version: round.version }, expect: 200 });
    expect(closed.settlement.proposals.find((x: { proposalId: string }) => x.proposalId === s.p2)).toMatchObject({
      outcome: 'revised',
      requestedBefore: 1_400_000,
      requestedAfter: 900_000,
      proposalVersion: 2,
    });
    expect((await h.json('GET', `${s.base}/proposals/${s.p2}`, { as: 'coord' })).submittedVersions).toBe(2);
  });

  it('refuses to accept a suggestion of nothing', async () => {
    await startRound('greedy'); // p1 fits (15 000 $), p2 does not (0 $)
    expect(round.suggestions[s.p2]).toBe(0);
    const zero = await h.request('POST', `${s.base}/revision/answers`, { as: 'orgrep2', body: { kind: 'accepted', proposalId: s.p2, answerVersion: null } });
    expect(zero.status).toBe(422);
    expect((await zero.json()).detail).toContain('il n’y a pas de montant à accepter');
  });
});

describe('the organization’s revision requests', () => {
  it('are listed for it, with the suggestion, the deadline, its answer and, once ended, what was settled', async () => {
    await startRound('proportional');
    const open = await h.json('GET', '/api/t/{t}/my/revision-requests', { as: 'orgrep', expect: 200 });
    expect(open.items).toEqual([
      expect.objectContaining({
        callId: s.callId,
        proposalId: s.p1,
        title: 'Halte-répit',
        requested: 1_500_000,
        suggested: round.suggestions[s.p1],
        deadline: '2027-02-01T22:00:00.000Z',
        roundStatus: 'open',
        acceptingAnswers: true,
        answer: null,
        settled: null,
      }),
    ]);
    await h.json('POST', `${s.base}/revision/answers`, { as: 'orgrep', body: { kind: 'accepted', proposalId: s.p1, answerVersion: null }, expect: 200 });
    expect((await h.json('GET', '/api/t/{t}/my/revision-requests', { as: 'orgrep' })).items[0].answer).toMatchObject({ kind: 'accepted', version: 1 });
    await h.json('POST', `${s.base}/revision/close`, { as: 'coord', body: { version: round.version }, expect: 200 });
    const ended = await h.json('GET', '/api/t/{t}/my/revision-requests', { as: 'orgrep' });
    expect(ended.items[0]).toMatchObject({
      roundStatus: 'closed',
      acceptingAnswers: false,
      requested: round.suggestions[s.p1],
      settled: { outcome: 'accepted', requestedAfter: round.suggestions[s.p1] },
    });
    // Only its own: the other organization sees its own proposal, members and coordinators have no such list.
    expect((await h.json('GET', '/api/t/{t}/my/revision-requests', { as: 'orgrep2' })).items.map((i: { proposalId: string }) => i.proposalId)).toEqual([s.p2]);
    expect((await h.request('GET', '/api/t/{t}/my/revision-requests', { as: 'm1' })).status).toBe(403);
    expect((await h.request('GET', '/api/t/{t}/my/revision-requests', { as: 'coord' })).status).toBe(403);
    await h.addMember('outsider', ['organization'], s.org1, elsewhere());
    expect((await h.json('GET', `/api/t/${elsewhere()}/my/revision-requests`, { as: 'outsider', expect: 200 })).items).toEqual([]);
  });
});
