/**
 * Audit of the allocation routes' guards (revision round, approval vote):
 * a caller who holds the route's permission but must not touch this item
 * (another organization, another tenant, a forged path id, another call's
 * scenario or proposal) gets 404 or 403, and nothing is changed or leaked.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { scoreAndClose, setupFitting, type FittingSetup } from '../support/allocation-setup';

let h: Harness;
/** Another tenant, unique to the test (the table is shared by every test file). */
const elsewhere = () => `${h.tenantId}-elsewhere`;
let s: FittingSetup;
let otherCall: string;

/** A second call of the same envelope, in the same tenant. */
async function secondCall() {
  const first = await h.json('GET', s.base, { as: 'manager', expect: 200 });
  const c = await h.json('POST', '/api/t/{t}/calls', {
    as: 'manager',
    body: {
      envelopeId: first.envelopeId,
      title: 'Autre appel',
      description: 'Autre',
      amountAvailable: 500_000,
      maxRequest: 500_000,
      eligibilityCriteria: [{ label: 'Critère', description: '' }],
      opensAt: '2027-01-20T16:00:00.000Z',
      closesAt: '2027-03-15T22:00:00.000Z',
      allowedDurations: [1],
    },
    expect: 201,
  });
  return c.id as string;
}

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  s = await setupFitting(h, { amountAvailable: 2_000_000 });
  otherCall = await secondCall();
});

describe('the revision round', () => {
  let scenarioId: string;
  let round: { version: number; suggestions: Record<string, number> };

  beforeEach(async () => {
    await scoreAndClose(h, s);
    scenarioId = (await h.json('POST', `${s.base}/scenarios`, { as: 'coord', body: { name: 'S', method: 'proportional' }, expect: 201 })).id;
    round = await h.json('POST', `${s.base}/revision`, { as: 'coord', body: { scenarioId, deadline: '2027-02-01T22:00:00.000Z' }, expect: 201 });
  });

  it('GET revision: another organization reads only its own suggestion and answers; a member without an organization and another tenant get 404', async () => {
    await h.json('POST', `${s.base}/revision/answers`, { as: 'orgrep', body: { kind: 'accepted', proposalId: s.p1, answerVersion: null }, expect: 200 });
    const other = await h.json('GET', `${s.base}/revision`, { as: 'orgrep2', expect: 200 });
    expect(Object.keys(other.round.suggestions)).toEqual([s.p2]);
    expect(other.answers).toEqual([]);
    expect(JSON.stringify(other)).not.toContain(s.p1);
    const m1 = await h.request('GET', `${s.base}/revision`, { as: 'm1' });
    expect(m1.status).toBe(404);
    expect(JSON.stringify(await m1.json())).not.toContain(s.p1);
    await h.addMember('outsider', ['coordinator'], null, elsewhere());
    expect((await h.request('GET', `/api/t/${elsewhere()}/calls/${s.callId}/revision`, { as: 'outsider' })).status).toBe(404);
    await h.addMember('outrep', ['organization'], s.org1, elsewhere());
    expect((await h.request('GET', `/api/t/${elsewhere()}/calls/${s.callId}/revision`, { as: 'outrep' })).status).toBe(404);
    // A forged call id addressing the answers' partition.
    expect((await h.request('GET', `/api/t/{t}/calls/${s.callId}%23REVISION-ANSWERS/revision`, { as: 'coord' })).status).toBe(404);
  });

  it('POST revision: a scenario of another call, another tenant and a forged call id are refused, and no round is started or changed', async () => {
    const res = await h.request('POST', `/api/t/{t}/calls/${otherCall}/revision`, { as: 'coord', body: { scenarioId, deadline: '2027-02-01T22:00:00.000Z' } });
    expect(res.status).toBe(404);
    expect((await h.json('GET', `/api/t/{t}/calls/${otherCall}/revision`, { as: 'coord', expect: 200 })).round).toBeNull();
    await h.addMember('outsider', ['coordinator'], null, elsewhere());
    expect(
      (
        await h.request('POST', `/api/t/${elsewhere()}/calls/${s.callId}/revision`, {
          as: 'outsider',
          body: { scenarioId, deadline: '2027-02-01T22:00:00.000Z' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await h.request('POST', `/api/t/{t}/calls/${s.callId}%23X/revision`, { as: 'coord', body: { scenarioId, deadline: '2027-02-01T22:00:00.000Z' } }))
        .status,
    ).toBe(404);
    const now = await h.json('GET', `${s.base}/revision`, { as: 'coord', expect: 200 });
    expect(now.round.version).toBe(round.version);
    expect(now.round.deadline).toBe('2027-02-01T22:00:00.000Z');
  });

  it('POST revision/answers: a proposal answered through another call or a forged call id is 404, and neither the answers nor the proposal change', async () => {
    const before = await h.json('GET', `${s.base}/proposals/${s.p1}`, { as: 'orgrep', expect: 200 });
    // The other call has no round; its own answers path must not reach this call's proposal.
    expect(
      (
        await h.request('POST', `/api/t/{t}/calls/${otherCall}/revision/answers`, {
          as: 'orgrep',
          body: { kind: 'withdrawn', proposalId: s.p1, answerVersion: null, version: before.version },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await h.request('POST', `/api/t/{t}/calls/${s.callId}%23REVISION-ANSWERS/revision/answers`, {
          as: 'orgrep',
          body: { kind: 'withdrawn', proposalId: s.p1, answerVersion: null, version: before.version },
        })
      ).status,
    ).toBe(404);
    // Another organization's representative who is also a table member (m3 represents org2).
    expect(
      (
        await h.request('POST', `${s.base}/revision/answers`, {
          as: 'm3',
          body: { kind: 'withdrawn', proposalId: s.p1, answerVersion: null, version: before.version },
        })
      ).status,
    ).toBe(404);
    const after = await h.json('GET', `${s.base}/proposals/${s.p1}`, { as: 'orgrep', expect: 200 });
    expect(after.status).toBe('submitted');
    expect(after.version).toBe(before.version);
    expect((await h.json('GET', `${s.base}/revision`, { as: 'coord' })).answers).toEqual([]);
  });

  it('POST revision/close: a forged call id and another call are refused, and the round stays open', async () => {
    expect((await h.request('POST', `/api/t/{t}/calls/${s.callId}%23X/revision/close`, { as: 'coord', body: { version: round.version } })).status).toBe(404);
    expect((await h.request('POST', `/api/t/{t}/calls/${otherCall}/revision/close`, { as: 'coord', body: { version: round.version } })).status).toBe(404);
    const now = await h.json('GET', `${s.base}/revision`, { as: 'coord' });
    expect(now.round.status).toBe('open');
    expect(now.round.version).toBe(round.version);
  });

  it('GET my/revision-requests: a member who represents another organization sees only her own', async () => {
    const items = (await h.json('GET', '/api/t/{t}/my/revision-requests', { as: 'm3', expect: 200 })).items;
    expect(items.map((i: { proposalId: string }) => i.proposalId)).toEqual([s.p2]);
    expect(JSON.stringify(items)).not.toContain(s.p1);
  });
});

describe('the approval vote', () => {
  let vote: { version: number };

  beforeEach(async () => {
    vote = await h.json('POST', `${s.base}/pb-vote`, { as: 'coord', body: { closesAt: '2027-02-01T22:00:00.000Z' }, expect: 201 });
    await h.json('PUT', `${s.base}/pb-vote/ballot`, { as: 'm1', body: { version: null, approved: [s.p1] }, expect: 200 });
  });

  it('GET pb-vote: another member never sees someone else’s ballot; another tenant’s member gets 404', async () => {
    const m3 = await h.json('GET', `${s.base}/pb-vote`, { as: 'm3', expect: 200 });
    expect(m3.myBallot).toBeNull();
    expect(m3.ballots).toBeNull();
    expect(m3.notVoted).toBeNull();
    await h.addMember('m1', ['member'], null, elsewhere());
    const out = await h.request('GET', `/api/t/${elsewhere()}/calls/${s.callId}/pb-vote`, { as: 'm1' });
    expect(out.status).toBe(404);
    expect(JSON.stringify(await out.json())).not.toContain(s.p1);
  });

  it('PUT pb-vote/ballot: another call’s path and a forged call id are 404 and store nothing', async () => {
    expect((await h.request('PUT', `/api/t/{t}/calls/${otherCall}/pb-vote/ballot`, { as: 'm3', body: { version: null, approved: [s.p1] } })).status).toBe(404);
    expect(
      (await h.request('PUT', `/api/t/{t}/calls/${s.callId}%23PBVOTE/pb-vote/ballot`, { as: 'm3', body: { version: null, approved: [s.p1] } })).status,
    ).toBe(404);
    expect((await h.json('GET', `${s.base}/pb-vote`, { as: 'm3' })).myBallot).toBeNull();
    expect((await h.json('GET', `${s.base}/pb-vote`, { as: 'coord' })).ballots).toBe(1);
  });

  it('POST pb-vote/close: another call’s path and a forged call id are 404, and the vote stays open', async () => {
    expect((await h.request('POST', `/api/t/{t}/calls/${otherCall}/pb-vote/close`, { as: 'coord', body: { version: vote.version } })).status).toBe(404);
    expect((await h.request('POST', `/api/t/{t}/calls/${s.callId}%23X/pb-vote/close`, { as: 'coord', body: { version: vote.version } })).status).toBe(404);
    const now = await h.json('GET', `${s.base}/pb-vote`, { as: 'coord' });
    expect(now.vote.status).toBe('open');
    expect(now.acceptingBallots).toBe(true);
  });

  it('GET pb-vote/results: a recused member (own organization) gets 409 while open, like every member; another call and a forged id are 404', async () => {
    const res = await h.request('GET', `${s.base}/pb-vote/results`, { as: 'm2' });
    expect(res.status).toBe(409);
    expect(JSON.stringify(await res.json())).not.toContain('approvals');
    expect((await h.request('GET', `/api/t/{t}/calls/${otherCall}/pb-vote/results`, { as: 'coord' })).status).toBe(404);
    expect((await h.request('GET', `/api/t/{t}/calls/${s.callId}%23PBVOTE/pb-vote/results`, { as: 'coord' })).status).toBe(404);
  });
});
