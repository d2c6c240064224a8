/**
 * The table's recommendation and its adoption against DynamoDB Local: drafted from a scenario and
 * adjusted, voted with a recused member, closed → adopted with its minutes; a failing line → rejected →
 * revised → voted again; consensus; every bad input refused with nothing stored; object guards
 * (another table, an observer, a recused member, another tenant, an organization, another table's
 * coordinator); two concurrent ballots of one member, one stored; a table's rules of adoption.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { listCallEvents } from '../../functions/lib/call-history';
import { getAdoption } from '../../functions/recommendations';
import { createHarness, fixtures, type Harness } from '../support/harness';
import { scoreAndClose } from '../support/allocation-setup';

let h: Harness;
let base: string;
let callId: string;
let tableId: string;
let p1: string;
let p2: string;
let org1: string;
let org2: string;

const elsewhere = () => `${h.tenantId}-elsewhere`;
const CLOSES = '2027-02-20T22:00:00.000Z';

async function submitted(as: string, requested: number, minimum: number, durationYears: 1 | 2 = 1) {
  const content = { ...fixtures.content, requested, minimum, durationYears, budgetLines: [{ label: 'Salaires', amount: requested }] };
  const d = await h.json('POST', `${base}/proposals`, { as, body: { draft: {} }, expect: 201 });
  const s = await h.json('POST', `${base}/proposals/${d.id}/submit`, { as, body: { version: 1, content }, expect: 200 });
  const call = await h.json('GET', base, { as: 'coord' });
  await h.json('PUT', `${base}/proposals/${d.id}/screening`, {
    as: 'coord',
    body: { version: s.version, results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })) },
    expect: 200,
  });
  return d.id as string;
}

async function seat(as: string, id: string, userId: string, represents: Record<string, unknown>, voting: boolean) {
  const t = await h.json('GET', `/api/t/{t}/tables/${id}`, { as });
  return h.json('POST', `/api/t/{t}/tables/${id}/members`, { as, body: { version: t.version, userId, represents, voting }, expect: 200 });
}

/**
 * A tenant with a table (coordinated by `coord`): m1 (no organization), m2 (of org1) and m3 (representing
 * org2 at the table) vote, obs observes; another table (coord2, other). A call of the table with p1 by org1
 * (15 000 $, min 10 000 $) and p2 by org2 (14 000 $, min 8 000 $, 2 years), 32 000 $ available.
 */
async function setup(callOver: Record<string, unknown> = {}) {
  await h.addMember('manager', ['manager']);
  await h.addMember('coord', ['coordinator']);
  await h.addMember('coord2', ['coordinator']);
  const o1 = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('1234567890'), expect: 201 });
  const o2 = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('2234567890'), expect: 201 });
  org1 = o1.id;
  org2 = o2.id;
  await h.addMember('orgrep', ['organization'], org1);
  await h.addMember('orgrep2', ['organization'], org2);
  for (const m of ['m1', 'm3', 'obs', 'other']) await h.addMember(m, ['member']);
  await h.addMember('m2', ['member'], org1);
  const table = await h.json('POST', '/api/t/{t}/tables', {
    as: 'manager',
    body: { name: 'Table PSJP', description: '', coordinatorIds: ['coord'] },
    expect: 201,
  });
  tableId = table.id;
  await seat('coord', tableId, 'm1', { kind: 'institution', name: 'CLSC' }, true);
  await seat('coord', tableId, 'm2', { kind: 'institution', name: 'Citoyenne' }, true);
  await seat('coord', tableId, 'm3', { kind: 'organization', organizationId: org2 }, true);
  await seat('coord', tableId, 'obs', { kind: 'institution', name: 'Ville' }, false);
  const t2 = await h.json('POST', '/api/t/{t}/tables', {
    as: 'manager',
    body: { name: 'Autre table', description: '', coordinatorIds: ['coord2'] },
    expect: 201,
  });
  await seat('coord2', t2.id, 'other', { kind: 'institution', name: 'École' }, true);
  const env = await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 });
  const call = await h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(env.id, { tableId, ...callOver }), expect: 201 });
  await h.json('POST', `/api/t/{t}/calls/${call.id}/publish`, { as: 'manager', body: { version: call.version }, expect: 200 });
  callId = call.id;
  base = `/api/t/{t}/calls/${callId}`;
  p1 = await submitted('orgrep', 1_500_000, 1_000_000);
  p2 = await submitted('orgrep2', 1_400_000, 800_000, 2);
  h.clock.now = new Date('2027-01-20T15:00:00.000Z');
}

const rec = (as = 'coord') => h.json('GET', `${base}/recommendation`, { as, expect: 200 });
const line = (l: Record<string, unknown>) => ({ years: 1, reason: 'Pertinent', adjustmentReason: null, supplement: null, ...l });

async function fromScenario() {
  await scoreAndClose(h, { callId, base, org1, org2, p1, p2 });
  const scenario = await h.json('POST', `${base}/scenarios`, { as: 'coord', body: { name: 'Vorace', method: 'greedy' }, expect: 201 });
  return { scenario, draft: await h.json('POST', `${base}/recommendation`, { as: 'coord', body: { scenarioId: scenario.id }, expect: 201 }) };
}

async function fromNothing(amounts: [number, number] = [1_500_000, 1_400_000]) {
  const draft = await h.json('POST', `${base}/recommendation`, { as: 'coord', body: { scenarioId: null }, expect: 201 });
  return h.json('PUT', `${base}/recommendation`, {
    as: 'coord',
    body: { version: draft.version, lines: [line({ proposalId: p1, amount: amounts[0] }), line({ proposalId: p2, amount: amounts[1] })] },
    expect: 200,
  });
}

const openVote = async (version: number) => h.json('POST', `${base}/recommendation/vote`, { as: 'coord', body: { version, closesAt: CLOSES }, expect: 201 });
const ballot = (as: string, choices: Record<string, string>, version: number | null = null) =>
  h.request('PUT', `${base}/recommendation/ballot`, { as, body: { version, choices } });

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
});

describe('the concertation path', () => {
  beforeEach(() => setup());

  it('scenario → adjusted draft → vote with a recused member → closed, adopted, minutes and history', async () => {
    const { scenario, draft } = await fromScenario();
    expect(draft).toMatchObject({ number: 1, status: 'draft', basedOn: { scenarioId: scenario.id, method: 'greedy' }, total: 2_900_000 });
    const l1 = draft.lines.find((l: { proposalId: string }) => l.proposalId === p1);
    expect(l1).toMatchObject({ amount: 1_500_000, scenarioAmount: 1_500_000, years: 1 });
    expect(l1.reason.length).toBeGreaterThan(0);

    // Lowered from the scenario's without a reason: 422 naming the line, nothing stored.
    const lines = [line({ proposalId: p1, amount: 1_500_000 }), line({ proposalId: p2, amount: 1_200_000, years: 2 })];
    const bad = await h.request('PUT', `${base}/recommendation`, { as: 'coord', body: { version: draft.version, lines } });
    expect(bad.status).toBe(422);
    const problem = await bad.json();
    expect(problem.proposalId).toBe(p2);
    expect(problem.detail).toContain('raison');
    expect((await rec()).recommendation.version).toBe(draft.version);

    lines[1] = line({
      proposalId: p2,
      amount: 1_200_000,
      years: 2,
      adjustmentReason: 'Partage avec un autre bailleur',
      supplement: { amount: 100_000, reason: 'Transport' },
    });
    const edited = await h.json('PUT', `${base}/recommendation`, { as: 'coord', body: { version: draft.version, lines }, expect: 200 });
    expect(edited.total).toBe(2_800_000);
    expect(edited.lines[1]).toMatchObject({
      amount: 1_200_000,
      scenarioAmount: 1_400_000,
      adjustmentReason: 'Partage avec un autre bailleur',
      supplement: { amount: 100_000 },
    });

    const vote = await openVote(edited.version);
    expect(vote.electorate.map((e: { userId: string }) => e.userId).sort()).toEqual(['m1', 'm2', 'm3']);
    expect(vote.recusals).toEqual([
      { proposalId: p1, userId: 'm2', name: 'm2', reason: 'represents' },
      { proposalId: p2, userId: 'm3', name: 'm3', reason: 'represents' },
    ]);
    expect(vote.rules).toEqual({ quorum: null, majority: 'simple', secret: true });

    // The recused member's choice on her line: 403 naming it, nothing stored.
    const recused = await ballot('m2', { [p1]: 'for', [p2]: 'for' });
    expect(recused.status).toBe(403);
    expect((await recused.json()).detail).toContain('Halte-répit');
    expect((await h.json('GET', `${base}/recommendation/ballot`, { as: 'm2', expect: 200 })).ballot).toBeNull();

    expect((await ballot('m2', { [p2]: 'for' })).status).toBe(200);
    expect((await ballot('m1', { [p1]: 'for', [p2]: 'against' })).status).toBe(200);
    // Replaced before the close: the last counts.
    expect((await ballot('m1', { [p1]: 'for', [p2]: 'for' }, 1)).status).toBe(200);
    expect((await ballot('m3', { [p1]: 'abstain' })).status).toBe(200);

    // While open: how many voted, never how.
    const during = await rec('m1');
    expect(during.ballotsCast).toBe(3);
    expect(during.acceptingBallots).toBe(true);
    expect(JSON.stringify(during)).not.toContain('"for"');
    expect((await rec('m2')).myRecusals.map((r: { proposalId: string }) => r.proposalId)).toEqual([p1]);

    const minutes = await h.json('POST', `${base}/recommendation/vote/close`, { as: 'coord', body: { version: vote.version }, expect: 200 });
    expect(minutes.adopted).toBe(true);
    expect(minutes.openBallots).toBeNull();
    expect(minutes.tallies).toEqual([
      { proposalId: p1, electorate: 2, quorum: 2, for: 1, against: 0, abstain: 1, recused: 1, outcome: 'passed' },
      { proposalId: p2, electorate: 2, quorum: 2, for: 2, against: 0, abstain: 0, recused: 1, outcome: 'passed' },
    ]);
    expect(minutes.recommendation).toMatchObject({ status: 'adopted', number: 1, adoptionMode: 'vote' });

    const after = await rec('obs');
    expect(after.recommendation.status).toBe('adopted');
    expect(after.minutes).toEqual([{ number: 1, mode: 'vote', adopted: true, recordedAt: minutes.recordedAt }]);
    expect(await h.json('GET', `${base}/recommendation/minutes/1`, { as: 'obs', expect: 200 })).toEqual(minutes);
    expect((await h.request('GET', `${base}/recommendation/minutes/2`, { as: 'obs' })).status).toBe(404);
    // A ballot after the close: refused.
    expect((await ballot('m3', { [p1]: 'for' }, 1)).status).toBe(409);

    const adoption = await getAdoption(h.db, h.tenantId, callId);
    expect(adoption?.minutes.number).toBe(1);
    const kinds = (await listCallEvents(h.db, h.tenantId, callId)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['recommendation-drafted', 'adoption-vote-opened', 'adoption-vote-closed', 'recommendation-adopted']));
    // Ballot contents never enter the history.
    const history = JSON.stringify(await listCallEvents(h.db, h.tenantId, callId));
    expect(history).not.toContain('abstain');
    expect(history).not.toContain('"m1"');
  });

  it('a failing line rejects; the coordinator revises and the table votes again; the server closes ballots at closesAt', async () => {
    const v1 = await fromNothing();
    const vote = await openVote(v1.version);
    // "Voter sur la recommandation" waits in each voter's tasks until they vote; never in an observer's.
    const ballotTasks = async (as: string) =>
      (await h.json('GET', '/api/t/{t}/me/tasks', { as, expect: 200 })).items.filter((x: { subject: string | null }) => x.subject === 'recommendation');
    expect(await ballotTasks('m1')).toEqual([
      expect.objectContaining({ kind: 'ballot', dueAt: CLOSES, callId, link: `/appels/${callId}/recommandation/vote` }),
    ]);
    expect(await ballotTasks('obs')).toEqual([]);
    await ballot('m1', { [p1]: 'against', [p2]: 'for' });
    expect(await ballotTasks('m1')).toEqual([]);
    await ballot('m3', { [p1]: 'for' });
    await ballot('m2', { [p2]: 'for' });
    h.clock.now = new Date(Date.parse(CLOSES) + 1000);
    const late = await ballot('m2', { [p2]: 'against' }, 1);
    expect(late.status).toBe(409);
    expect((await late.json()).type).toContain('closed');
    const minutes = await h.json('POST', `${base}/recommendation/vote/close`, { as: 'coord', body: { version: vote.version }, expect: 200 });
    expect(minutes.adopted).toBe(false);
    expect(minutes.tallies[0]).toMatchObject({ proposalId: p1, for: 1, against: 1, outcome: 'failed-majority' });
    expect(minutes.tallies[1]).toMatchObject({ proposalId: p2, for: 2, outcome: 'passed' });
    const rejected = (await rec()).recommendation;
    expect(rejected.status).toBe('rejected');
    expect(await getAdoption(h.db, h.tenantId, callId)).toBeNull();

    // A rejected recommendation is neither edited nor voted: it is revised.
    expect(
      (await h.request('POST', `${base}/recommendation/vote`, { as: 'coord', body: { version: rejected.version, closesAt: '2027-03-01T22:00:00.000Z' } }))
        .status,
    ).toBe(409);
    const v2 = await h.json('POST', `${base}/recommendation/revise`, { as: 'coord', body: { version: rejected.version }, expect: 200 });
    expect(v2).toMatchObject({ number: 2, status: 'draft', total: v1.total });
    const view = await rec();
    expect(view.versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([[1, 'rejected']]);
    expect(view.vote).toBeNull();

    const vote2 = await h.json('POST', `${base}/recommendation/vote`, {
      as: 'coord',
      body: { version: v2.version, closesAt: '2027-03-01T22:00:00.000Z' },
      expect: 201,
    });
    expect(vote2.number).toBe(2);
    for (const m of ['m1', 'm3']) expect((await ballot(m, { [p1]: 'for' })).status).toBe(200);
    expect((await ballot('m2', { [p2]: 'for' })).status).toBe(200);
    expect((await ballot('m1', { [p1]: 'for', [p2]: 'for' }, 1)).status).toBe(200);
    const m2 = await h.json('POST', `${base}/recommendation/vote/close`, { as: 'coord', body: { version: vote2.version }, expect: 200 });
    expect(m2.adopted).toBe(true);
    expect((await rec()).minutes.map((m: { number: number; adopted: boolean }) => [m.number, m.adopted])).toEqual([
      [1, false],
      [2, true],
    ]);
    const kinds = (await listCallEvents(h.db, h.tenantId, callId)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'recommendation-rejected')).toHaveLength(1);
    expect(kinds).toContain('recommendation-revised');
  });

  it('consensus: members present (table members only), dissent, recusals recorded as absent from their lines', async () => {
    const v1 = await fromNothing();
    const strangers = await h.request('POST', `${base}/recommendation/consensus`, {
      as: 'coord',
      body: { version: v1.version, present: ['m1', 'manager', 'nobody'], dissent: null },
    });
    expect(strangers.status).toBe(422);
    expect((await strangers.json()).detail).toContain('manager, nobody');
    expect((await rec()).recommendation.status).toBe('draft');

    const minutes = await h.json('POST', `${base}/recommendation/consensus`, {
      as: 'coord',
      body: { version: v1.version, present: ['m1', 'm3', 'obs'], dissent: 'La Ville aurait préféré un partage égal.' },
      expect: 200,
    });
    expect(minutes).toMatchObject({ mode: 'consensus', adopted: true, tallies: null, dissent: 'La Ville aurait préféré un partage égal.' });
    expect(minutes.present.map((p: { userId: string; voting: boolean }) => [p.userId, p.voting])).toEqual([
      ['m1', true],
      ['m3', true],
      ['obs', false],
    ]);
    expect(minutes.recusals).toEqual([{ proposalId: p2, userId: 'm3', name: 'm3', reason: 'represents' }]);
    expect((await rec()).recommendation).toMatchObject({ status: 'adopted', adoptionMode: 'consensus' });
    const kinds = (await listCallEvents(h.db, h.tenantId, callId)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['consensus-recorded', 'recommendation-adopted']));
    // Adopted: no second consensus, no vote.
    expect(
      (
        await h.request('POST', `${base}/recommendation/consensus`, {
          as: 'coord',
          body: { version: minutes.recommendation.version, present: ['m1'], dissent: null },
        })
      ).status,
    ).toBe(409);
  });

  it('two concurrent ballots of one member: one stored, the other a conflict', async () => {
    const v1 = await fromNothing();
    await openVote(v1.version);
    const [a, b] = await Promise.all([ballot('m1', { [p1]: 'for' }), ballot('m1', { [p1]: 'against' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const stored = (await h.json('GET', `${base}/recommendation/ballot`, { as: 'm1', expect: 200 })).ballot;
    const winner = a.status === 200 ? 'for' : 'against';
    expect(stored).toMatchObject({ version: 1, choices: { [p1]: winner } });
  });
});

describe('closing early while a ballot comes in', () => {
  beforeEach(() => setup());

  it('never leaves a stored ballot out of the tallies: either it counts, or it is refused, or the close is', async () => {
    const v1 = await fromNothing();
    const vote = await openVote(v1.version);
    await ballot('m1', { [p1]: 'for', [p2]: 'for' });
    for (let round = 0; round < 3; round++) {
      const view = await rec();
      if (view.recommendation.status !== 'voting') break;
      const [closed, cast] = await Promise.all([
        h.request('POST', `${base}/recommendation/vote/close`, { as: 'coord', body: { version: view.vote.version } }),
        ballot('m3', { [p1]: round % 2 ? 'against' : 'for' }, round === 0 ? null : round),
      ]);
      expect([200, 409]).toContain(closed.status);
      expect([200, 409]).toContain(cast.status);
      if (closed.status === 200) break;
    }
    const view = await rec();
    if (view.recommendation.status === 'voting')
      await h.json('POST', `${base}/recommendation/vote/close`, { as: 'coord', body: { version: view.vote.version }, expect: 200 });
    const minutes = await h.json('GET', `${base}/recommendation/minutes/${vote.number}`, { as: 'coord', expect: 200 });
    const stored = (await h.json('GET', `${base}/recommendation/ballot`, { as: 'm3', expect: 200 })).ballot;
    const p1Tally = minutes.tallies[0];
    // m1 voted for p1; m3's stored ballot (if any) is in the tally exactly as stored.
    const m3 = stored?.choices[p1];
    expect(p1Tally.for).toBe(1 + (m3 === 'for' ? 1 : 0));
    expect(p1Tally.against).toBe(m3 === 'against' ? 1 : 0);
  });
});

describe('bad input: a 4xx problem naming the cause, nothing stored', () => {
  beforeEach(() => setup());

  async function refused(lines: unknown[], status: number, says: string) {
    const draft = (await rec()).recommendation;
    const res = await h.request('PUT', `${base}/recommendation`, { as: 'coord', body: { version: draft.version, lines } });
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(JSON.stringify(body)).toContain(says);
    expect((await rec()).recommendation).toEqual(draft);
  }

  it('refuses every bad line', async () => {
    await h.json('POST', `${base}/recommendation`, { as: 'coord', body: { scenarioId: null }, expect: 201 });
    // Over the amount available: by how much.
    await refused(
      [line({ proposalId: p1, amount: 1_500_000, supplement: { amount: 900_000, reason: 'Transport' } }), line({ proposalId: p2, amount: 1_400_000 })],
      422,
      'over-available',
    );
    await refused([line({ proposalId: p1, amount: 999_999 })], 422, 'minimum');
    await refused([line({ proposalId: p1, amount: 1_500_001 })], 422, 'minimum');
    await refused([line({ proposalId: p1, amount: 1_500_000, supplement: { amount: 50_000, reason: '' } })], 422, 'supplément');
    await refused([line({ proposalId: p1, amount: 1_500_000, years: 2 })], 422, 'too-many-years');
    await refused([line({ proposalId: 'unknown-prop', amount: 0 })], 422, 'unknown-prop');
    await refused([line({ proposalId: p1, amount: 0 }), line({ proposalId: p1, amount: 0 })], 422, 'duplicate-line');
    await refused([line({ proposalId: p1, amount: -5 })], 400, 'amount');
    await refused([line({ proposalId: p1, amount: 10.5 })], 400, 'amount');
    await refused([{ proposalId: p1, amount: 0 }], 400, 'years');
    // A stale version.
    const draft = (await rec()).recommendation;
    await h.json('PUT', `${base}/recommendation`, { as: 'coord', body: { version: draft.version, lines: [line({ proposalId: p1, amount: 0 })] }, expect: 200 });
    expect((await h.request('PUT', `${base}/recommendation`, { as: 'coord', body: { version: draft.version, lines: [] } })).status).toBe(409);
  });

  it('refuses a second draft, an unknown scenario, a vote closing in the past, a vote on lines that no longer hold, a revision of a draft', async () => {
    expect((await h.request('POST', `${base}/recommendation`, { as: 'coord', body: { scenarioId: 'no-such-scenario' } })).status).toBe(404);
    expect((await rec()).recommendation).toBeNull();
    const draft = await h.json('POST', `${base}/recommendation`, { as: 'coord', body: { scenarioId: null }, expect: 201 });
    expect((await h.request('POST', `${base}/recommendation`, { as: 'coord', body: { scenarioId: null } })).status).toBe(409);
    expect(
      (await h.request('POST', `${base}/recommendation/vote`, { as: 'coord', body: { version: draft.version, closesAt: '2027-01-01T00:00:00.000Z' } })).status,
    ).toBe(400);
    expect((await h.request('POST', `${base}/recommendation/revise`, { as: 'coord', body: { version: draft.version } })).status).toBe(409);
    expect((await h.request('POST', `${base}/recommendation/vote/close`, { as: 'coord', body: { version: 1 } })).status).toBe(404);
    expect((await rec()).vote).toBeNull();
    // The refusals wrote nothing: the call's history holds its publication, the screenings and the one draft.
    const kinds = (await listCallEvents(h.db, h.tenantId, callId)).map((e) => e.kind);
    expect(kinds).toEqual(['call-published', 'proposal-screened', 'proposal-screened', 'recommendation-drafted']);
  });

  it('a ballot on a line that is not in the recommendation, an unknown choice, a vote that does not exist', async () => {
    const v1 = await fromNothing();
    expect((await ballot('m1', { [p1]: 'for' })).status).toBe(404);
    await openVote(v1.version);
    expect((await ballot('m1', { 'not-a-line': 'for' })).status).toBe(422);
    expect((await ballot('m1', { [p1]: 'maybe' })).status).toBe(400);
    expect((await h.json('GET', `${base}/recommendation/ballot`, { as: 'm1', expect: 200 })).ballot).toBeNull();
  });

  it('a call without a table has no recommendation: 409 saying the manager decides', async () => {
    const env = await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 });
    const call = await h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(env.id), expect: 201 });
    const res = await h.request('POST', `/api/t/{t}/calls/${call.id}/recommendation`, { as: 'manager', body: { scenarioId: null } });
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toContain('décide directement');
    expect((await h.request('GET', `/api/t/{t}/calls/${call.id}/recommendation`, { as: 'manager' })).status).toBe(409);
  });
});

describe('object guards and the route × role matrix', () => {
  beforeEach(() => setup());

  it('reads: managers, the table’s coordinators and members (observers too); not another table, an organization, another tenant', async () => {
    await fromNothing();
    for (const who of ['manager', 'coord', 'm1', 'm2', 'obs']) expect((await h.request('GET', `${base}/recommendation`, { as: who })).status, who).toBe(200);
    for (const who of ['coord2', 'other', 'orgrep']) expect((await h.request('GET', `${base}/recommendation`, { as: who })).status, who).toBe(403);
    expect((await h.request('GET', `${base}/recommendation/minutes/1`, { as: 'other' })).status).toBe(403);
    await h.addMember('outsider', ['coordinator'], null, elsewhere());
    expect((await h.request('GET', `/api/t/${elsewhere()}/calls/${callId}/recommendation`, { as: 'outsider' })).status).toBe(404);
    expect((await h.request('GET', `/api/t/{t}/calls/${callId}/recommendation`, { as: 'outsider' })).status).toBe(404);
    expect((await h.request('GET', `/api/t/{t}/calls/no-such-call/recommendation`, { as: 'coord' })).status).toBe(404);
  });

  it('writes: the table’s coordinator or a manager; members, observers, another table’s coordinator are refused and nothing changes', async () => {
    const body = { scenarioId: null };
    for (const who of ['m1', 'obs', 'orgrep']) expect((await h.request('POST', `${base}/recommendation`, { as: who, body })).status, who).toBe(403);
    expect((await h.request('POST', `${base}/recommendation`, { as: 'coord2', body })).status).toBe(403);
    await h.addMember('outsider', ['coordinator'], null, elsewhere());
    expect((await h.request('POST', `/api/t/${elsewhere()}/calls/${callId}/recommendation`, { as: 'outsider', body })).status).toBe(404);
    expect((await rec()).recommendation).toBeNull();
    // A manager may draft.
    const draft = await h.json('POST', `${base}/recommendation`, { as: 'manager', body, expect: 201 });
    const edit = { version: draft.version, lines: [line({ proposalId: p1, amount: 1_000_000 })] };
    for (const who of ['m1', 'obs', 'coord2', 'orgrep'])
      expect((await h.request('PUT', `${base}/recommendation`, { as: who, body: edit })).status, who).toBe(403);
    const vote = { version: draft.version, closesAt: CLOSES };
    for (const who of ['m1', 'coord2']) expect((await h.request('POST', `${base}/recommendation/vote`, { as: who, body: vote })).status, who).toBe(403);
    const consensus = { version: draft.version, present: ['m1'], dissent: null };
    for (const who of ['m1', 'coord2'])
      expect((await h.request('POST', `${base}/recommendation/consensus`, { as: who, body: consensus })).status, who).toBe(403);
    expect((await rec()).recommendation).toEqual(draft);
    const opened = await h.json('POST', `${base}/recommendation/vote`, { as: 'coord', body: vote, expect: 201 });
    for (const who of ['m1', 'coord2'])
      expect((await h.request('POST', `${base}/recommendation/vote/close`, { as: who, body: { version: opened.version } })).status, who).toBe(403);
    expect((await rec()).vote.status).toBe('open');
  });

  it('ballots: only the vote’s voters; an observer, another table’s member, a manager and an organization are refused, with why', async () => {
    const v1 = await fromNothing();
    await openVote(v1.version);
    const observer = await ballot('obs', { [p1]: 'for' });
    expect(observer.status).toBe(403);
    expect((await observer.json()).detail).toContain('observateur');
    const outsider = await ballot('other', { [p1]: 'for' });
    expect(outsider.status).toBe(403);
    expect((await ballot('manager', { [p1]: 'for' })).status).toBe(403);
    expect((await ballot('orgrep', { [p1]: 'for' })).status).toBe(403);
    await h.addMember('m9', ['member'], null, elsewhere());
    expect(
      (await h.request('PUT', `/api/t/${elsewhere()}/calls/${callId}/recommendation/ballot`, { as: 'm9', body: { version: null, choices: {} } })).status,
    ).toBe(404);
    // A member seated after the vote opened is not of its electorate.
    await h.addMember('late', ['member']);
    await seat('coord', tableId, 'late', { kind: 'institution', name: 'Tard' }, true);
    expect((await ballot('late', { [p1]: 'for' })).status).toBe(403);
    expect((await rec()).ballotsCast).toBe(0);
  });
});

describe('a table’s rules of adoption', () => {
  beforeEach(() => setup());

  it('are set by whoever manages the table, versioned, and an open vote names who voted what', async () => {
    const table = await h.json('GET', `/api/t/{t}/tables/${tableId}`, { as: 'coord', expect: 200 });
    const rules = { quorum: 0.6, majority: 'qualified', secret: false };
    for (const who of ['m1', 'coord2'])
      expect((await h.request('PUT', `/api/t/{t}/tables/${tableId}/adoption-rules`, { as: who, body: { version: table.version, rules } })).status, who).toBe(
        403,
      );
    expect(
      (
        await h.request('PUT', `/api/t/{t}/tables/${tableId}/adoption-rules`, {
          as: 'coord',
          body: { version: table.version, rules: { ...rules, quorum: 1.5 } },
        })
      ).status,
    ).toBe(400);
    const saved = await h.json('PUT', `/api/t/{t}/tables/${tableId}/adoption-rules`, { as: 'coord', body: { version: table.version, rules }, expect: 200 });
    expect(saved.adoptionRules).toEqual(rules);
    expect((await h.request('PUT', `/api/t/{t}/tables/${tableId}/adoption-rules`, { as: 'coord', body: { version: table.version, rules } })).status).toBe(409);

    const v1 = await fromNothing();
    const vote = await openVote(v1.version);
    expect(vote.rules).toEqual(rules);
    await ballot('m1', { [p1]: 'for', [p2]: 'for' });
    await ballot('m3', { [p1]: 'for' });
    await ballot('m2', { [p2]: 'against' });
    const minutes = await h.json('POST', `${base}/recommendation/vote/close`, { as: 'coord', body: { version: vote.version }, expect: 200 });
    // p1: E = 2, quorum ceil(1.2) = 2, 2 for → passed; p2: E = 2, 1 for 1 against → below two thirds.
    expect(minutes.tallies.map((t: { outcome: string; quorum: number }) => [t.quorum, t.outcome])).toEqual([
      [2, 'passed'],
      [2, 'failed-majority'],
    ]);
    expect(minutes.openBallots.map((b: { userId: string }) => b.userId).sort()).toEqual(['m1', 'm2', 'm3']);
  });
});
