/**
 * "What waits for me" against DynamoDB Local: each kind of task reaches the right person only, with its due
 * date and count, and leaves once done; another organization or another tenant never sees it; a recused
 * evaluator has no sheet to fill for that proposal. Opening a round and asking a revision send their messages.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { putNew } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import { AlreadyExistsError } from '../../shared/errors';
import type { Role } from '../../shared/permissions';
import type { Task } from '../../shared/tasks';
import { setupFitting } from '../support/allocation-setup';
import { createHarness, fixtures, setupCall, type Harness } from '../support/harness';

const TASKS = '/api/t/{t}/me/tasks';
let h: Harness;

const tasksOf = async (as: string): Promise<Task[]> => (await h.json('GET', TASKS, { as, expect: 200 })).items;
const kinds = async (as: string) => (await tasksOf(as)).map((t) => t.kind);
/** The messages a person received about one thing (the outbox is shared by every test file: people are told apart by what the message links to). */
const mailAbout = async (userId: string, id: string) => (await h.outbox(userId)).filter((m) => m.body.includes(id));

/** A member written with her language (the harness's members have none: French). */
async function addMemberIn(lang: 'fr' | 'en', sub: string, roles: Role[], organizationId: string | null = null) {
  await putNew(
    h.db,
    keys.membership(sub, h.tenantId),
    'Membership',
    { tenantId: h.tenantId, tenantName: 'Test', userId: sub, name: sub, email: `${sub}@test`, roles, organizationId, language: lang },
    () => new AlreadyExistsError({ fr: '', en: '' }),
  );
}

async function studyWithNeeds(title = 'Besoins des jeunes parents') {
  const s = await h.json('POST', '/api/t/{t}/studies', { as: 'coord', body: { title, callId: null }, expect: 201 });
  for (const statement of ['Transport', 'Halte-garderie'])
    await h.json('POST', `/api/t/{t}/studies/${s.id}/needs`, {
      as: 'coord',
      body: { statement, category: 'other', sources: ['workers'], notes: '' },
      expect: 201,
    });
  return s.id as string;
}

const openRound = (studyId: string, closesAt: string, title = 'Tour 1') =>
  h.json('POST', `/api/t/{t}/studies/${studyId}/rounds`, {
    as: 'coord',
    body: { title, method: 'approval', pointsBudget: null, approvalMax: 1, closesAt },
    expect: 201,
  });

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
});

describe('ballots in a needs round', () => {
  it('wait for each voter who has not voted, until she votes; nobody else sees them; the voters are told the round opened', async () => {
    await setupCall(h);
    await addMemberIn('en', 'm1', ['member']);
    await h.addMember('m2', ['member']);
    await h.addMember('m3', ['member']);
    // m3 turned the round-opened message off; the coordinator and the organization do not vote.
    await h.json('PUT', '/api/t/{t}/me/notification-preferences', { as: 'm3', body: { version: null, optOut: ['round-opened'] }, expect: 200 });
    const studyId = await studyWithNeeds();
    const round = await openRound(studyId, '2026-11-30T22:00:00.000Z', 'Priorisation de novembre');

    const [mine] = await tasksOf('m1');
    expect(await tasksOf('m1')).toHaveLength(1);
    expect(mine).toEqual({
      kind: 'ballot',
      subject: 'needs-round',
      title: 'Priorisation de novembre',
      dueAt: '2026-11-30T22:00:00.000Z',
      count: 1,
      link: `/besoins/${studyId}/tours/${round.id}`,
      callId: null,
      studyId,
      roundId: round.id,
      proposalId: null,
    });
    for (const who of ['coord', 'orgrep', 'manager']) expect(await kinds(who)).not.toContain('ballot');

    // The messages: each voter in her language, none for who turned them off, none for those who do not vote.
    const [en] = await mailAbout('m1', round.id);
    expect(en).toMatchObject({ kind: 'round-opened', lang: 'en', subject: 'A prioritization round is open: Besoins des jeunes parents' });
    expect(en!.body).toContain(`http://app.test/besoins/${studyId}/tours/${round.id}`);
    expect(en!.body).toContain('You can vote until 2026-11-30 5:00 p.m.\n');
    expect((await mailAbout('m2', round.id)).map((m) => [m.kind, m.lang])).toEqual([['round-opened', 'fr']]);
    expect((await mailAbout('m2', round.id))[0]!.body).toContain('2026-11-30 17 h 00');
    expect(await mailAbout('m3', round.id)).toEqual([]);
    expect(await mailAbout('coord', round.id)).toEqual([]);

    const ballot = await h.request('PUT', `/api/t/{t}/studies/${studyId}/rounds/${round.id}/ballot`, {
      as: 'm1',
      body: { version: null, approved: [round.needs[0].id] },
    });
    expect(ballot.status).toBe(200);
    expect(await tasksOf('m1')).toEqual([]);
    expect(await kinds('m2')).toEqual(['ballot']);

    // Once the round closes, nobody is asked any more.
    h.clock.now = new Date('2026-11-30T22:00:00.000Z');
    expect(await tasksOf('m2')).toEqual([]);
  });

  it('sorts the most urgent first, and another tenant’s member never sees them', async () => {
    await h.addMember('coord', ['coordinator']);
    await h.addMember('m1', ['member']);
    const a = await studyWithNeeds('Étude A');
    const b = await studyWithNeeds('Étude B');
    await openRound(a, '2026-12-10T22:00:00.000Z', 'Tard');
    await openRound(b, '2026-11-25T22:00:00.000Z', 'Tôt');
    expect((await tasksOf('m1')).map((t) => [t.title, t.dueAt])).toEqual([
      ['Tôt', '2026-11-25T22:00:00.000Z'],
      ['Tard', '2026-12-10T22:00:00.000Z'],
    ]);
    const elsewhere = `${h.tenantId}-elsewhere`;
    await h.addMember('m1', ['member'], null, elsewhere);
    expect((await h.json('GET', `/api/t/${elsewhere}/me/tasks`, { as: 'm1', expect: 200 })).items).toEqual([]);
  });
});

describe('a call closing soon and the screening of its proposals', () => {
  it('waits for each organization that has not submitted (a draft is not a submission), and for screeners once a proposal is in', async () => {
    const { call, org } = await setupCall(h);
    const org2 = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('2234567891'), expect: 201 });
    await h.addMember('orgrep2', ['organization'], org2.id);
    await h.addMember('m1', ['member']);
    // Closing in 53 days: not yet a task.
    expect(await kinds('orgrep')).toEqual([]);
    h.clock.now = new Date('2027-01-05T15:00:00.000Z');
    const closing = { kind: 'call-closing', title: 'Appel PSJP', dueAt: '2027-01-15T22:00:00.000Z', link: `/appels/${call.id}`, callId: call.id };
    expect(await tasksOf('orgrep')).toEqual([expect.objectContaining(closing)]);
    expect(await tasksOf('orgrep2')).toEqual([expect.objectContaining(closing)]);
    for (const who of ['manager', 'coord', 'm1']) expect(await kinds(who)).toEqual([]);

    const base = `/api/t/{t}/calls/${call.id}`;
    const draft = await h.json('POST', `${base}/proposals`, { as: 'orgrep', body: { draft: {} }, expect: 201 });
    expect(await kinds('orgrep')).toEqual(['call-closing']);
    const submitted = await h.json('POST', `${base}/proposals/${draft.id}/submit`, {
      as: 'orgrep',
      body: { version: 1, content: fixtures.content },
      expect: 200,
    });
    expect(await kinds('orgrep')).toEqual([]);
    // The other organization still has it.
    expect(await kinds('orgrep2')).toEqual(['call-closing']);
    expect(org.id).not.toBe(org2.id);

    // Screeners (manager, coordinator) see one proposal to screen; members and organizations do not.
    const screening = { kind: 'screening', title: 'Appel PSJP', dueAt: null, count: 1, link: `/appels/${call.id}`, callId: call.id };
    expect(await tasksOf('manager')).toEqual([expect.objectContaining(screening)]);
    expect(await tasksOf('coord')).toEqual([expect.objectContaining(screening)]);
    expect(await kinds('m1')).toEqual([]);
    const full = await h.json('GET', base, { as: 'coord' });
    await h.json('PUT', `${base}/proposals/${draft.id}/screening`, {
      as: 'coord',
      body: { version: submitted.version, results: full.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })) },
      expect: 200,
    });
    expect(await kinds('manager')).toEqual([]);

    // Past the deadline nobody is asked to submit.
    h.clock.now = new Date('2027-01-15T22:00:00.000Z');
    expect(await kinds('orgrep2')).toEqual([]);
  });
});

describe('scoring, the revision round and the approval vote', () => {
  it('counts the sheets each evaluator still owes (none for a proposal she is recused from), then the answers and the ballots', async () => {
    const s = await setupFitting(h);
    const criteria = [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 10, levels: [], linkedToNeeds: false }];
    const g = (
      await h.json('PUT', `${s.base}/grid`, {
        as: 'coord',
        body: { version: null, criteria, mode: 'individual', rule: 'mean', normalize: false, disagreementThreshold: 15, assignments: null },
        expect: 201,
      })
    ).grid;
    const open = (await h.json('POST', `${s.base}/grid/open`, { as: 'coord', body: { version: g.version, closesAt: '2027-02-15T22:00:00.000Z' }, expect: 200 }))
      .grid;
    const scoring = (n: number) =>
      expect.objectContaining({ kind: 'scoring', title: 'Appel PSJP', dueAt: '2027-02-15T22:00:00.000Z', count: n, link: `/appels/${s.callId}/evaluation` });
    expect(await tasksOf('m1')).toEqual([scoring(2)]);
    // m2 represents org1 and m3 org2: each is recused from their own organization's proposal.
    expect(await tasksOf('m2')).toEqual([scoring(1)]);
    expect(await tasksOf('m3')).toEqual([scoring(1)]);
    for (const who of ['coord', 'orgrep', 'manager']) expect(await kinds(who)).not.toContain('scoring');

    const c = open.criteria[0].id;
    const sheet = (as: string, p: string, submit: boolean) =>
      h.json('PUT', `${s.base}/scoring/proposals/${p}/sheet`, { as, body: { version: null, submit, scores: { [c]: { value: 7, comment: '' } } }, expect: 200 });
    await sheet('m1', s.p1, true);
    expect(await tasksOf('m1')).toEqual([scoring(1)]);
    // A draft sheet is not a submitted one.
    await sheet('m2', s.p2, false);
    expect(await tasksOf('m2')).toEqual([scoring(1)]);
    await sheet('m1', s.p2, true);
    expect(await kinds('m1')).toEqual([]);
    await h.json('POST', `${s.base}/grid/close`, { as: 'coord', body: { version: open.version }, expect: 200 });
    expect(await kinds('m3')).toEqual([]);

    // The revision round: each organization owes an answer per proposal; its representatives are told.
    const scenario = await h.json('POST', `${s.base}/scenarios`, { as: 'coord', body: { name: 'Scénario', method: 'proportional' }, expect: 201 });
    await h.json('POST', `${s.base}/revision`, { as: 'coord', body: { scenarioId: scenario.id, deadline: '2027-02-01T21:37:00.000Z' }, expect: 201 });
    const revision = (p: string) =>
      expect.objectContaining({
        kind: 'revision',
        title: 'Halte-répit',
        dueAt: '2027-02-01T21:37:00.000Z',
        link: `/appels/${s.callId}/projets/${p}`,
        proposalId: p,
      });
    expect(await tasksOf('orgrep')).toEqual([revision(s.p1)]);
    expect(await tasksOf('orgrep2')).toEqual([revision(s.p2)]);
    // The message links to the organization's projects; its deadline (an unusual minute) tells it from other files' messages.
    const due = '2027-02-01 16 h 37';
    const asked = await mailAbout('orgrep', due);
    expect(asked.map((m) => [m.kind, m.subject])).toEqual([['revision-asked', 'Révision demandée : Halte-répit']]);
    expect((await mailAbout('orgrep2', due)).map((m) => m.kind)).toEqual(['revision-asked']);
    // m2 sits at the table for the first organization: she acts for it (proposal:own), so she is asked too.
    expect((await mailAbout('m2', due)).map((m) => m.kind)).toEqual(['revision-asked']);
    for (const who of ['m1', 'coord']) expect(await mailAbout(who, due)).toEqual([]);
    await h.json('POST', `${s.base}/revision/answers`, { as: 'orgrep', body: { kind: 'accepted', proposalId: s.p1, answerVersion: null }, expect: 200 });
    expect(await kinds('orgrep')).toEqual([]);
    expect(await kinds('orgrep2')).toEqual(['revision']);

    // The approval vote: one ballot per member, until she casts it.
    await h.json('POST', `${s.base}/pb-vote`, { as: 'coord', body: { closesAt: '2027-02-10T22:00:00.000Z' }, expect: 201 });
    const vote = expect.objectContaining({ kind: 'ballot', subject: 'pb-vote', dueAt: '2027-02-10T22:00:00.000Z', link: `/appels/${s.callId}/vote` });
    for (const m of ['m1', 'm2']) expect(await tasksOf(m)).toEqual([vote]);
    // m3 also acts for org2 (a member who represents an organization acts for it): its answer is due first.
    expect(await tasksOf('m3')).toEqual([revision(s.p2), vote]);
    await h.json('PUT', `${s.base}/pb-vote/ballot`, { as: 'm1', body: { version: null, approved: [s.p2] }, expect: 200 });
    expect(await tasksOf('m1')).toEqual([]);
    expect(await tasksOf('m2')).toEqual([vote]);
    expect(await kinds('orgrep')).toEqual([]);
  });
});

describe('the route and its roles', () => {
  it('answers every role with its own tasks; a stranger to the tenant gets 404, no token 401, a deactivated person 403', async () => {
    const roles: Role[] = ['administrator', 'manager', 'coordinator', 'member', 'organization'];
    for (const role of roles) {
      await h.addMember(`r-${role}`, [role], role === 'organization' ? 'org-x' : null);
      const res = await h.request('GET', TASKS, { as: `r-${role}` });
      expect(res.status, role).toBe(200);
      expect(await res.json()).toEqual({ items: [] });
    }
    await h.addMember('stranger', ['manager'], null, `${h.tenantId}-elsewhere`);
    expect((await h.request('GET', TASKS, { as: 'stranger' })).status).toBe(404);
    expect((await h.request('GET', TASKS)).status).toBe(401);
    await putNew(
      h.db,
      keys.membership('gone', h.tenantId),
      'Membership',
      {
        tenantId: h.tenantId,
        tenantName: 'Test',
        userId: 'gone',
        name: 'gone',
        email: 'gone@test',
        roles: ['member'],
        organizationId: null,
        status: 'deactivated',
      },
      () => new AlreadyExistsError({ fr: '', en: '' }),
    );
    expect((await h.request('GET', TASKS, { as: 'gone' })).status).toBe(403);
    // Nothing in the address names another person: there is no such route.
    expect((await h.request('GET', '/api/t/{t}/users/r-member/tasks', { as: 'r-manager' })).status).toBe(404);
  });
});
