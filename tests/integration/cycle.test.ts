/**
 * The whole cycle of a call through the real routes, against DynamoDB Local,
 * in both tendencies (issue 13): nothing here is written through keys but the
 * institution itself (a tenant is provisioned, not created by a route).
 *
 * - Concertation (CLSC 1): a call with a table, proposals submitted, screened,
 *   scored, scoring closed → a proportional scenario → the recommendation
 *   drafted from it, a line adjusted with its reason, a supplement with its
 *   reason → the table's vote with a closing time, a recused member, a ballot
 *   changed, tallies hidden until the close → the clock passes the closing
 *   time → closed, adopted, minutes → still not public → the manager decides
 *   with one departure → outcomes, letters, messages → public results (JSON,
 *   CSV) without a person's name → an amendment (the ETag changes) → the
 *   call's history in order, without a ballot's content.
 * - A failed vote (quorum missed by one) → rejected → revised → adopted.
 * - A consensus (a non-member refused), then the decision.
 * - Administration (CLSC 3): no table, no grid → an equal split without
 *   scores → the manager decides from it → outcomes → public results.
 * - Bad input across the seams: a decision before the adoption, a
 *   recommendation on a call without a table, a second decision.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { putNew } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import { AlreadyExistsError } from '../../shared/errors';
import { createHarness, fixtures, type Harness } from '../support/harness';

let h: Harness;

/** The people: none of these ids (which are also their names here) may reach a public answer or a ballot-free history. */
const MANAGER = 'gest-helene';
const COORD = 'coord-paul';
const JOSEE = 'mbr-josee'; // votes, no organization
const MARC = 'mbr-marc'; // votes, represents the Maison de la famille at the table
const LINE = 'mbr-line'; // votes, no organization
const OBS = 'obs-ville'; // observes
const OUTSIDER = 'mbr-ailleurs'; // a member of the tenant, not of the table
const REPS = ['rep-maison', 'rep-cuisine', 'rep-jardin'] as const;
const PEOPLE = [MANAGER, COORD, JOSEE, MARC, LINE, OBS, OUTSIDER, ...REPS];

const AFTER_CALL = '2027-01-20T15:00:00.000Z';
const VOTE_CLOSES = '2027-02-20T22:00:00.000Z';

interface Org {
  id: string;
  name: string;
  rep: string;
}
interface Setup {
  callId: string;
  base: string;
  tableId: string | null;
  orgs: [Org, Org, Org];
  /** p1 by the Maison (15 000 $, min 10 000 $, 1 year), p2 by the Cuisine (14 000 $, min 8 000 $, 2 years), p3 by the Jardin (10 000 $, min 5 000 $, 1 year). */
  p: [string, string, string];
}

const TITLES = ['Halte-répit', 'Ateliers de cuisine', 'Jardin communautaire'] as const;
const ORG_NAMES = ['Maison de la famille', 'Cuisine collective', 'Jardin des voisins'] as const;
const REQUESTS: [number, number, 1 | 2][] = [
  [1_500_000, 1_000_000, 1],
  [1_400_000, 800_000, 2],
  [1_000_000, 500_000, 1],
];

async function problem(res: Response, status: number) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(res.headers.get('Content-Type')).toContain('application/problem+json');
  expect(body.title).toBeTruthy();
  return body as { type: string; detail: string; [k: string]: unknown };
}

async function seat(tableId: string, userId: string, represents: Record<string, unknown>, voting: boolean) {
  const t = await h.json('GET', `/api/t/{t}/tables/${tableId}`, { as: COORD, expect: 200 });
  await h.json('POST', `/api/t/{t}/tables/${tableId}/members`, { as: COORD, body: { version: t.version, userId, represents, voting }, expect: 200 });
}

/** The institution and its people, once per test (a tenant is provisioned outside the API). */
async function institution() {
  const t = h.tenantId;
  await putNew(
    h.db,
    { ...keys.tenant(t), ...keys.tenantIndex(t) },
    'Tenant',
    { id: t, name: 'CISSS des Laurentides', createdAt: '2026-01-01T00:00:00.000Z' },
    () => new AlreadyExistsError({ fr: '', en: '' }),
  );
  await h.addMember(MANAGER, ['manager']);
  await h.addMember(COORD, ['coordinator']);
  const orgs: Org[] = [];
  for (const [i, name] of ORG_NAMES.entries()) {
    const neq = `${i + 1}${String(Date.now()).slice(-9)}`;
    const org = await h.json('POST', '/api/t/{t}/organizations', { as: MANAGER, body: { ...fixtures.organization(neq), legalName: name }, expect: 201 });
    await h.addMember(REPS[i]!, ['organization'], org.id);
    orgs.push({ id: org.id, name, rep: REPS[i]! });
  }
  for (const m of [JOSEE, MARC, LINE, OBS, OUTSIDER]) await h.addMember(m, ['member']);
  return orgs as [Org, Org, Org];
}

/** A table coordinated by COORD: Josée, Marc (representing the Maison) and Line vote, the city observes. */
async function table(orgs: [Org, Org, Org]) {
  const t = await h.json('POST', '/api/t/{t}/tables', {
    as: MANAGER,
    body: { name: 'Table jeunes parents', description: '', coordinatorIds: [COORD] },
    expect: 201,
  });
  await seat(t.id, JOSEE, { kind: 'institution', name: 'CLSC' }, true);
  await seat(t.id, MARC, { kind: 'organization', organizationId: orgs[0].id }, true);
  await seat(t.id, LINE, { kind: 'institution', name: 'Citoyenne' }, true);
  await seat(t.id, OBS, { kind: 'institution', name: 'Ville' }, false);
  return t.id as string;
}

/** A published call (32 000 $ available), three proposals submitted and screened eligible while it is open, then the clock past its closing. */
async function callWithProposals(orgs: [Org, Org, Org], tableId: string | null): Promise<Setup> {
  const env = await h.json('POST', '/api/t/{t}/envelopes', { as: MANAGER, body: fixtures.envelope, expect: 201 });
  const draft = await h.json('POST', '/api/t/{t}/calls', {
    as: MANAGER,
    body: fixtures.call(env.id, tableId ? { tableId } : {}),
    expect: 201,
  });
  const call = await h.json('POST', `/api/t/{t}/calls/${draft.id}/publish`, { as: MANAGER, body: { version: draft.version }, expect: 200 });
  const base = `/api/t/{t}/calls/${call.id}`;
  const p: string[] = [];
  for (const [i, org] of orgs.entries()) {
    const [requested, minimum, durationYears] = REQUESTS[i]!;
    const content = { ...fixtures.content, title: TITLES[i], requested, minimum, durationYears, budgetLines: [{ label: 'Salaires', amount: requested }] };
    const d = await h.json('POST', `${base}/proposals`, { as: org.rep, body: { draft: {} }, expect: 201 });
    const s = await h.json('POST', `${base}/proposals/${d.id}/submit`, { as: org.rep, body: { version: 1, content }, expect: 200 });
    await h.json('PUT', `${base}/proposals/${d.id}/screening`, {
      as: tableId ? COORD : MANAGER,
      body: { version: s.version, results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })) },
      expect: 200,
    });
    p.push(d.id);
  }
  h.clock.now = new Date(AFTER_CALL);
  return { callId: call.id, base, tableId, orgs, p: p as [string, string, string] };
}

/** A one-criterion grid, Josée scores the three proposals (9, 6, 7), scoring ends. */
async function scoreAndClose(s: Setup) {
  const criteria = [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 10, levels: [], linkedToNeeds: false }];
  const g = (
    await h.json('PUT', `${s.base}/grid`, {
      as: COORD,
      body: { version: null, criteria, mode: 'individual', rule: 'mean', normalize: false, disagreementThreshold: 15, assignments: null },
      expect: 201,
    })
  ).grid;
  const open = (await h.json('POST', `${s.base}/grid/open`, { as: COORD, body: { version: g.version, closesAt: '2027-02-15T22:00:00.000Z' }, expect: 200 }))
    .grid;
  const c = open.criteria[0].id;
  for (const [i, value] of [9, 6, 7].entries())
    await h.json('PUT', `${s.base}/scoring/proposals/${s.p[i]}/sheet`, {
      as: JOSEE,
      body: { version: null, submit: true, scores: { [c]: { value, comment: '' } } },
      expect: 200,
    });
  await h.json('POST', `${s.base}/grid/close`, { as: COORD, body: { version: open.version }, expect: 200 });
}

const ballot = (s: Setup, as: string, choices: Record<string, string>, version: number | null = null) =>
  h.request('PUT', `${s.base}/recommendation/ballot`, { as, body: { version, choices } });
const recView = (s: Setup, as = COORD) => h.json('GET', `${s.base}/recommendation`, { as, expect: 200 });
const publicPath = (s: Setup, tail = '') => `/api/public/results/${h.tenantId}/calls/${s.callId}${tail}`;
const kinds = async (s: Setup) => (await h.json('GET', `${s.base}/history`, { as: MANAGER, expect: 200 })).items.map((e: { kind: string }) => e.kind);
const line = (l: Record<string, unknown>) => ({ years: 1, reason: 'Retenu par la table', adjustmentReason: null, supplement: null, ...l });
/** The kinds of the tasks waiting for `as` about this call ("À faire"). */
const tasksOn = async (s: Setup, as: string) =>
  (await h.json('GET', '/api/t/{t}/me/tasks', { as, expect: 200 })).items
    .filter((x: { callId: string | null }) => x.callId === s.callId)
    .map((x: { kind: string }) => x.kind);
const outcomeMessages = async (userId: string, callId: string) =>
  (await h.outbox(userId)).filter((m) => m.kind === 'outcome-decided' && m.body.includes(`/appels/${callId}/`));

/** Nothing of these people in a public answer. */
function expectNoPerson(text: string) {
  for (const p of PEOPLE) expect(text, p).not.toContain(p);
}

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
});

describe('concertation (CLSC 1): the whole cycle through the routes', () => {
  it('scenario → recommendation adjusted → vote with a recused member → adopted → decision with a departure → outcomes → public → amendment → history', async () => {
    const orgs = await institution();
    const tableId = await table(orgs);
    const s = await callWithProposals(orgs, tableId);
    const [p1, p2, p3] = s.p;
    await scoreAndClose(s);

    // A proportional scenario, then the recommendation drafted from it.
    const scenario = await h.json('POST', `${s.base}/scenarios`, {
      as: COORD,
      body: { name: 'Réduction proportionnelle', method: 'proportional' },
      expect: 201,
    });
    expect(scenario.unscored).toBeUndefined();
    const fromScenario = new Map<string, number>(scenario.result.allocations.map((a: { id: string; amount: number }) => [a.id, a.amount]));
    expect(fromScenario.size).toBe(3);
    const draft = await h.json('POST', `${s.base}/recommendation`, { as: COORD, body: { scenarioId: scenario.id }, expect: 201 });
    expect(draft).toMatchObject({ number: 1, status: 'draft', basedOn: { scenarioId: scenario.id, method: 'proportional' } });
    expect(draft.total).toBe(scenario.result.total);
    for (const l of draft.lines) expect(l.amount).toBe(fromScenario.get(l.proposalId));

    // p3 lowered to 6 000 $ with its reason; p2 gets a 1 000 $ transport supplement with its own.
    const adjusted = draft.lines.map((l: { proposalId: string; amount: number; years: 1 | 2; reason: string }) => ({
      proposalId: l.proposalId,
      amount: l.proposalId === p3 ? 600_000 : l.amount,
      years: l.years,
      reason: l.reason,
      adjustmentReason: l.proposalId === p3 ? 'Un autre bailleur finance une partie du jardin' : null,
      supplement: l.proposalId === p2 ? { amount: 100_000, reason: 'Transport des familles' } : null,
    }));
    const edited = await h.json('PUT', `${s.base}/recommendation`, { as: COORD, body: { version: draft.version, lines: adjusted }, expect: 200 });
    const expectedTotal = fromScenario.get(p1)! + fromScenario.get(p2)! + 100_000 + 600_000;
    expect(edited.total).toBe(expectedTotal);
    expect(edited.lines.find((l: { proposalId: string }) => l.proposalId === p3)).toMatchObject({
      amount: 600_000,
      scenarioAmount: fromScenario.get(p3),
      adjustmentReason: 'Un autre bailleur finance une partie du jardin',
    });

    // The vote, with a closing time: Marc is recused from the Maison's line.
    const vote = await h.json('POST', `${s.base}/recommendation/vote`, { as: COORD, body: { version: edited.version, closesAt: VOTE_CLOSES }, expect: 201 });
    // Each voter is told the vote is open, with its closing time and link; the observer is not.
    const opened = async (userId: string) =>
      (await h.outbox(userId)).filter((m) => m.kind === 'adoption-vote-opened' && m.body.includes(`/appels/${s.callId}/recommandation/vote`));
    for (const voter of [JOSEE, MARC, LINE]) expect(await opened(voter), voter).toHaveLength(1);
    expect(await opened(OBS)).toEqual([]);
    expect(vote.electorate.map((e: { userId: string }) => e.userId).sort()).toEqual([JOSEE, LINE, MARC].sort());
    expect(vote.recusals).toEqual([{ proposalId: p1, userId: MARC, name: MARC, reason: 'represents' }]);

    await problem(await ballot(s, MARC, { [p1]: 'for' }), 403);
    await problem(await ballot(s, OBS, { [p1]: 'for' }), 403);
    await problem(await ballot(s, OUTSIDER, { [p1]: 'for' }), 403);
    expect((await ballot(s, MARC, { [p2]: 'for', [p3]: 'against' })).status).toBe(200);
    expect((await ballot(s, JOSEE, { [p1]: 'against', [p2]: 'for', [p3]: 'for' })).status).toBe(200);
    expect((await ballot(s, LINE, { [p1]: 'for', [p2]: 'abstain', [p3]: 'for' })).status).toBe(200);
    // Josée changes her mind before the close: the last ballot counts.
    expect((await ballot(s, JOSEE, { [p1]: 'for', [p2]: 'for', [p3]: 'for' }, 1)).status).toBe(200);

    // Before the close: how many voted, never how; no minutes.
    const during = await recView(s, JOSEE);
    expect(during.ballotsCast).toBe(3);
    expect(during.minutes).toEqual([]);
    expect(JSON.stringify(during)).not.toMatch(/"(for|against|abstain)"|tallies/);
    expect((await h.request('GET', `${s.base}/recommendation/minutes/1`, { as: COORD })).status).toBe(404);

    // The closing time passes: a ballot is refused (409, nothing stored), then the coordinator closes.
    h.clock.now = new Date('2027-02-21T14:00:00.000Z');
    await problem(await ballot(s, LINE, { [p1]: 'against', [p2]: 'against', [p3]: 'against' }, 1), 409);
    // "À faire": the coordinator is asked to close the vote; no one is asked to vote any more, nor yet to decide.
    expect(await tasksOn(s, COORD)).toEqual(['close-vote']);
    expect(await tasksOn(s, JOSEE)).toEqual([]);
    expect(await tasksOn(s, MANAGER)).not.toContain('decision');
    const minutes = await h.json('POST', `${s.base}/recommendation/vote/close`, { as: COORD, body: { version: vote.version }, expect: 200 });
    expect(minutes.adopted).toBe(true);
    expect(await tasksOn(s, COORD)).toEqual([]);
    expect(await tasksOn(s, MANAGER)).toEqual(['decision']);
    expect(minutes.tallies).toEqual([
      // The lines in the recommendation's order (by organization): Cuisine, Jardin, Maison.
      { proposalId: p2, electorate: 3, quorum: 2, for: 2, against: 0, abstain: 1, recused: 0, outcome: 'passed' },
      { proposalId: p3, electorate: 3, quorum: 2, for: 2, against: 1, abstain: 0, recused: 0, outcome: 'passed' },
      { proposalId: p1, electorate: 2, quorum: 2, for: 2, against: 0, abstain: 0, recused: 1, outcome: 'passed' },
    ]);
    expect(minutes.recusals).toEqual([{ proposalId: p1, userId: MARC, name: MARC, reason: 'represents' }]);
    expect(minutes.openBallots).toBeNull();
    const closed = await recView(s, OBS);
    expect(closed.recommendation.status).toBe('adopted');
    // Closed after its closing time: the vote keeps the time it was called for.
    expect(closed.vote).toMatchObject({ status: 'closed', closesAt: VOTE_CLOSES, closedAt: '2027-02-21T14:00:00.000Z' });

    // Adopted is not decided: nothing public yet.
    expect((await h.request('GET', publicPath(s))).status).toBe(404);
    expect((await h.json('GET', `/api/public/results/${h.tenantId}`, { expect: 200 })).calls).toEqual([]);

    // The manager decides: the recommendation as adopted, but the Maison at its minimum.
    h.clock.now = new Date('2027-02-25T15:00:00.000Z');
    const view = await h.json('GET', `${s.base}/decision`, { as: MANAGER, expect: 200 });
    expect(view).toMatchObject({ decision: null, tendency: 'concertation', basis: { number: 1, adoptionMode: 'vote', total: expectedTotal } });
    const decided = await h.json('POST', `${s.base}/decision`, {
      as: MANAGER,
      body: { basis: 'recommendation', departures: [{ proposalId: p1, amount: 1_000_000, years: 1, reason: 'Autre financement confirmé pour la halte' }] },
      expect: 201,
    });
    const decisionTotal = expectedTotal - fromScenario.get(p1)! + 1_000_000;
    expect(await tasksOn(s, MANAGER)).toEqual([]);
    expect(decided).toMatchObject({ tendency: 'concertation', basedOn: { kind: 'recommendation', number: 1 }, total: decisionTotal });
    const byId = (lines: { proposalId: string }[], id: string) => lines.find((l) => l.proposalId === id) as Record<string, any>;
    expect(byId(decided.lines, p1)).toMatchObject({
      amount: 1_000_000,
      recommended: fromScenario.get(p1),
      departure: { reason: 'Autre financement confirmé pour la halte' },
    });
    expect(byId(decided.lines, p2)).toMatchObject({
      amount: fromScenario.get(p2)! + 100_000,
      years: 2,
      supplement: { amount: 100_000, reason: 'Transport des familles' },
      departure: null,
    });
    expect(byId(decided.lines, p3)).toMatchObject({ amount: 600_000, departure: null });

    // Each organization reads its own outcome and letter, and was told through the outbox.
    for (const [i, org] of orgs.entries()) {
      const mine = await h.json('GET', '/api/t/{t}/my/outcomes', { as: org.rep, expect: 200 });
      expect(mine.items).toHaveLength(1);
      expect(mine.items[0]).toMatchObject({ callId: s.callId, proposalId: s.p[i], funded: true, amount: byId(decided.lines, s.p[i]!).amount });
      const letter = await h.json('GET', `${s.base}/decision/letters/${s.p[i]}`, { as: org.rep, expect: 200 });
      expect(letter).toMatchObject({ organizationName: org.name, institution: 'Test', signatory: MANAGER });
      expect((await outcomeMessages(org.rep, s.callId)).length).toBe(1);
    }
    // Another organization's letter is not found.
    expect((await h.request('GET', `${s.base}/decision/letters/${p1}`, { as: orgs[1].rep })).status).toBe(404);
    expect(await outcomeMessages(JOSEE, s.callId)).toEqual([]);

    // Public: funded lines, tallies with recusals counted, the departure's reason, no person.
    const pub1 = await h.request('GET', publicPath(s));
    expect(pub1.status).toBe(200);
    const etag1 = pub1.headers.get('ETag');
    expect(etag1).toBeTruthy();
    expect(pub1.headers.get('Cache-Control')).toContain('public');
    const text1 = await pub1.text();
    expectNoPerson(text1);
    const results = JSON.parse(text1);
    expect(results).toMatchObject({
      institution: 'CISSS des Laurentides',
      tendency: 'concertation',
      basis: 'recommendation',
      method: { code: 'proportional' },
      total: decisionTotal,
      notFunded: 0,
      adoption: { mode: 'vote', members: 3, secret: true },
    });
    expect(results.funded.map((f: { title: string }) => f.title).sort()).toEqual([...TITLES].sort());
    expect(results.funded.find((f: { title: string }) => f.title === TITLES[1]).supplement).toEqual({ amount: 100_000, reason: 'Transport des familles' });
    const halte = results.adoption.lines.find((l: { title: string }) => l.title === TITLES[0]);
    expect(halte).toMatchObject({ organizationName: ORG_NAMES[0], electorate: 2, for: 2, recused: 1, outcome: 'passed' });
    expect(results.departures).toEqual([
      {
        organizationName: ORG_NAMES[0],
        title: TITLES[0],
        recommended: fromScenario.get(p1),
        decided: 1_000_000,
        reason: 'Autre financement confirmé pour la halte',
      },
    ]);
    const csv = await (await h.request('GET', publicPath(s, '/results.csv'))).text();
    expectNoPerson(csv);
    for (const name of ORG_NAMES) expect(csv).toContain(name);
    // The CSV carries what the page shows: the tallies with recusals counted, and the departures with their reasons.
    expect(csv).toContain('Autre financement confirmé pour la halte');
    expect(csv).toMatch(/Récusé/);
    const json = await h.request('GET', publicPath(s, '/results.json'));
    expect(json.headers.get('Content-Disposition')).toContain('attachment');
    expectNoPerson(await json.text());

    // An amendment: the public answer changes, and so does its ETag.
    h.clock.now = new Date('2027-03-01T15:00:00.000Z');
    const amended = await h.json('POST', `${s.base}/decision/amendments`, {
      as: MANAGER,
      body: {
        version: decided.version,
        reason: 'Dépenses de transport revues',
        lines: [{ proposalId: p3, amount: 700_000, years: 1, reason: 'Dépenses de transport revues' }],
      },
      expect: 200,
    });
    expect(amended.total).toBe(decisionTotal + 100_000);
    expect(byId(amended.original, p3).amount).toBe(600_000);
    const pub2 = await h.request('GET', publicPath(s), { headers: { 'If-None-Match': etag1! } });
    expect(pub2.status).toBe(200);
    expect(pub2.headers.get('ETag')).not.toBe(etag1);
    const results2 = await pub2.json();
    expect(results2.amendments).toEqual([
      { number: 1, on: '2027-03-01', reason: 'Dépenses de transport revues', changes: [expect.objectContaining({ before: 600_000, after: 700_000 })] },
    ]);
    expect((await h.request('GET', publicPath(s), { headers: { 'If-None-Match': pub2.headers.get('ETag')! } })).status).toBe(304);
    expect((await h.json('GET', `/api/public/results/${h.tenantId}`, { expect: 200 })).calls.map((c: { callId: string }) => c.callId)).toEqual([s.callId]);

    // The call's history, in order, and never a ballot's content.
    expect(await kinds(s)).toEqual([
      'call-published',
      'proposal-screened',
      'proposal-screened',
      'proposal-screened',
      'grid-locked',
      'grid-closed',
      'scenario-computed',
      'recommendation-drafted',
      'adoption-vote-opened',
      'adoption-vote-closed',
      'recommendation-adopted',
      'decision-recorded',
      'decision-amended',
    ]);
    const history = JSON.stringify(await h.json('GET', `${s.base}/history`, { as: COORD, expect: 200 }));
    const historyCsv = await (await h.request('GET', `${s.base}/history.csv`, { as: MANAGER })).text();
    for (const text of [history, historyCsv]) {
      expect(text).not.toMatch(/"(for|against|abstain)"/);
      for (const voter of [JOSEE, MARC, LINE]) expect(text).not.toContain(voter);
    }
  });
});

/** The lines of a recommendation drafted from nothing: the Maison 10 000 $, the Cuisine 10 000 $ over 2 years, the Jardin 6 000 $. */
async function draftFromNothing(s: Setup) {
  const draft = await h.json('POST', `${s.base}/recommendation`, { as: COORD, body: { scenarioId: null }, expect: 201 });
  expect(draft.basedOn).toBeNull();
  const [p1, p2, p3] = s.p;
  return h.json('PUT', `${s.base}/recommendation`, {
    as: COORD,
    body: {
      version: draft.version,
      lines: [line({ proposalId: p1, amount: 1_000_000 }), line({ proposalId: p2, amount: 1_000_000, years: 2 }), line({ proposalId: p3, amount: 600_000 })],
    },
    expect: 200,
  });
}

describe('a failed vote: rejected, revised, voted again', () => {
  it('a line missing quorum by one and a tied line reject the recommendation; revised, it passes; the decision reads the second minutes', async () => {
    const orgs = await institution();
    const s = await callWithProposals(orgs, await table(orgs));
    const [p1, p2, p3] = s.p;
    const first = await draftFromNothing(s);
    const vote1 = await h.json('POST', `${s.base}/recommendation/vote`, { as: COORD, body: { version: first.version, closesAt: VOTE_CLOSES }, expect: 201 });

    // The Maison's line: Josée alone of its two voters (Marc is recused) — quorum 2 missed by one. The Jardin's: 1 for, 1 against, 1 abstention.
    expect((await ballot(s, JOSEE, { [p1]: 'for', [p2]: 'for', [p3]: 'for' })).status).toBe(200);
    expect((await ballot(s, MARC, { [p2]: 'for', [p3]: 'against' })).status).toBe(200);
    expect((await ballot(s, LINE, { [p2]: 'against', [p3]: 'abstain' })).status).toBe(200);
    // A decision while the table votes: refused, nothing stored.
    await problem(await h.request('POST', `${s.base}/decision`, { as: MANAGER, body: { basis: 'recommendation', departures: [] } }), 409);

    h.clock.now = new Date('2027-02-21T14:00:00.000Z');
    const rejected = await h.json('POST', `${s.base}/recommendation/vote/close`, { as: COORD, body: { version: vote1.version }, expect: 200 });
    expect(rejected.adopted).toBe(false);
    const outcome = (id: string) => rejected.tallies.find((t: { proposalId: string }) => t.proposalId === id);
    expect(outcome(p1)).toMatchObject({ electorate: 2, quorum: 2, for: 1, against: 0, abstain: 0, recused: 1, outcome: 'failed-quorum' });
    expect(outcome(p2)).toMatchObject({ for: 2, against: 1, outcome: 'passed' });
    expect(outcome(p3)).toMatchObject({ for: 1, against: 1, abstain: 1, outcome: 'failed-majority' });
    expect((await recView(s)).recommendation).toMatchObject({ number: 1, status: 'rejected' });

    // Not adopted: the manager cannot decide; the rejected version cannot be voted again as is.
    const refused = await problem(await h.request('POST', `${s.base}/decision`, { as: MANAGER, body: { basis: 'recommendation', departures: [] } }), 409);
    expect(refused.detail).toContain('adopté');
    const rejectedRec = (await recView(s)).recommendation;
    await problem(
      await h.request('POST', `${s.base}/recommendation/vote`, { as: COORD, body: { version: rejectedRec.version, closesAt: '2027-03-05T22:00:00.000Z' } }),
      409,
    );

    // Revised: version 2, a draft again; the Jardin raised to 8 000 $ (no scenario: no adjustment reason needed); a new vote.
    const revised = await h.json('POST', `${s.base}/recommendation/revise`, { as: COORD, body: { version: rejectedRec.version }, expect: 200 });
    expect(revised).toMatchObject({ number: 2, status: 'draft', adoptionMode: null });
    const lines2 = revised.lines.map((l: { proposalId: string; amount: number; years: 1 | 2 }) =>
      line({ proposalId: l.proposalId, amount: l.proposalId === p3 ? 800_000 : l.amount, years: l.years }),
    );
    const edited = await h.json('PUT', `${s.base}/recommendation`, { as: COORD, body: { version: revised.version, lines: lines2 }, expect: 200 });
    const vote2 = await h.json('POST', `${s.base}/recommendation/vote`, {
      as: COORD,
      body: { version: edited.version, closesAt: '2027-03-05T22:00:00.000Z' },
      expect: 201,
    });
    expect(vote2).toMatchObject({ number: 2, status: 'open' });
    // The first vote's ballots do not carry over: each member votes on version 2 afresh.
    expect((await h.json('GET', `${s.base}/recommendation/ballot`, { as: JOSEE, expect: 200 })).ballot).toBeNull();
    for (const who of [JOSEE, LINE]) expect((await ballot(s, who, { [p1]: 'for', [p2]: 'for', [p3]: 'for' })).status).toBe(200);
    expect((await ballot(s, MARC, { [p2]: 'for', [p3]: 'for' })).status).toBe(200);
    // Closed early by the coordinator (every member voted): the vote ends now.
    const adopted = await h.json('POST', `${s.base}/recommendation/vote/close`, { as: COORD, body: { version: vote2.version }, expect: 200 });
    expect(adopted).toMatchObject({ number: 2, adopted: true });
    expect(adopted.tallies.every((t: { outcome: string }) => t.outcome === 'passed')).toBe(true);
    const after = await recView(s);
    expect(after.minutes.map((m: { number: number; adopted: boolean }) => [m.number, m.adopted])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(after.versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([[1, 'rejected']]);

    h.clock.now = new Date('2027-03-08T15:00:00.000Z');
    const decided = await h.json('POST', `${s.base}/decision`, { as: MANAGER, body: { basis: 'recommendation', departures: [] }, expect: 201 });
    expect(decided).toMatchObject({ basedOn: { kind: 'recommendation', number: 2 }, total: 2_800_000 });
    expect(decided.lines.every((l: { departure: unknown }) => l.departure === null)).toBe(true);
    const results = await h.json('GET', publicPath(s), { expect: 200 });
    expect(results.departures).toEqual([]);
    expect(results.adoption.lines.find((l: { title: string }) => l.title === TITLES[0])).toMatchObject({ for: 2, recused: 1, outcome: 'passed' });
    expect(results.funded.find((f: { title: string }) => f.title === TITLES[2]).amount).toBe(800_000);

    expect((await kinds(s)).slice(4)).toEqual([
      'recommendation-drafted',
      'adoption-vote-opened',
      'adoption-vote-closed',
      'recommendation-rejected',
      'recommendation-revised',
      'adoption-vote-opened',
      'adoption-vote-closed',
      'recommendation-adopted',
      'decision-recorded',
    ]);
  });
});

describe('a consensus', () => {
  it('recorded with the members present (a non-member refused, nothing stored), then the decision; the dissent is noted in public, never its words', async () => {
    const orgs = await institution();
    const s = await callWithProposals(orgs, await table(orgs));
    const [p1] = s.p;
    const draft = await draftFromNothing(s);
    const dissent = 'Marc aurait voulu davantage pour la halte';

    const stranger = await problem(
      await h.request('POST', `${s.base}/recommendation/consensus`, { as: COORD, body: { version: draft.version, present: [JOSEE, OUTSIDER], dissent } }),
      422,
    );
    expect(stranger.detail).toContain(OUTSIDER);
    expect((await recView(s)).recommendation).toMatchObject({ status: 'draft', version: draft.version });
    expect(await kinds(s)).not.toContain('consensus-recorded');
    // A member may not record it.
    await problem(
      await h.request('POST', `${s.base}/recommendation/consensus`, { as: JOSEE, body: { version: draft.version, present: [JOSEE], dissent: null } }),
      403,
    );

    const minutes = await h.json('POST', `${s.base}/recommendation/consensus`, {
      as: COORD,
      body: { version: draft.version, present: [JOSEE, MARC, OBS], dissent },
      expect: 200,
    });
    expect(minutes).toMatchObject({ mode: 'consensus', adopted: true, tallies: null, dissent });
    expect(minutes.present.map((p: { userId: string }) => p.userId)).toEqual([JOSEE, MARC, OBS]);
    expect(minutes.recusals).toEqual([{ proposalId: p1, userId: MARC, name: MARC, reason: 'represents' }]);
    // Adopted by consensus: no vote to open.
    await problem(
      await h.request('POST', `${s.base}/recommendation/vote`, { as: COORD, body: { version: minutes.recommendation.version, closesAt: VOTE_CLOSES } }),
      409,
    );

    const decided = await h.json('POST', `${s.base}/decision`, { as: MANAGER, body: { basis: 'recommendation', departures: [] }, expect: 201 });
    expect(decided).toMatchObject({ basedOn: { kind: 'recommendation', number: 1 }, total: 2_600_000 });
    const text = await (await h.request('GET', publicPath(s))).text();
    expectNoPerson(text);
    expect(text).not.toContain(dissent);
    expect(JSON.parse(text).adoption).toEqual({ mode: 'consensus', present: 3, dissentNoted: true, reachedOn: '2027-01-20' });
    const csv = await (await h.request('GET', publicPath(s, '/results.csv'))).text();
    expect(csv).toContain('Consensus de la table');
    expect(csv).not.toContain(dissent);
    expectNoPerson(csv);
    expect((await kinds(s)).slice(-4)).toEqual(['recommendation-drafted', 'consensus-recorded', 'recommendation-adopted', 'decision-recorded']);
  });
});

describe('administration (CLSC 3): a call without a table', () => {
  it('screened, split equally without scores, decided by the manager from that split, outcomes told, published as a decision without a table vote', async () => {
    const orgs = await institution();
    const s = await callWithProposals(orgs, null);
    const [p1, p2, p3] = s.p;

    // No recommendation on a call without a table (409, saying why), nothing stored.
    const noTable = await problem(await h.request('POST', `${s.base}/recommendation`, { as: COORD, body: { scenarioId: null } }), 409);
    expect(noTable.detail).toContain('pas de table');
    await problem(await h.request('POST', `${s.base}/decision`, { as: MANAGER, body: { basis: 'recommendation', departures: [] } }), 409);

    const split = await h.json('POST', `${s.base}/scenarios`, { as: MANAGER, body: { name: 'Partage égal', method: 'equal' }, expect: 201 });
    expect(split.unscored).toBe(true);
    const amounts = new Map<string, number>(split.result.allocations.map((a: { id: string; amount: number }) => [a.id, a.amount]));
    expect([...amounts.keys()].sort()).toEqual([p1, p2, p3].sort());

    h.clock.now = new Date('2027-01-28T15:00:00.000Z');
    expect(await tasksOn(s, MANAGER)).toEqual(['decision']);
    const decided = await h.json('POST', `${s.base}/decision`, { as: MANAGER, body: { basis: 'scenario', scenarioId: split.id, lines: [] }, expect: 201 });
    expect(await tasksOn(s, MANAGER)).toEqual([]);
    expect(decided).toMatchObject({ tendency: 'administration', basedOn: { kind: 'scenario', scenarioId: split.id }, total: split.result.total });
    for (const l of decided.lines) expect(l.amount).toBe(amounts.get(l.proposalId));

    for (const [i, org] of orgs.entries()) {
      const mine = await h.json('GET', '/api/t/{t}/my/outcomes', { as: org.rep, expect: 200 });
      expect(mine.items.map((o: { proposalId: string; amount: number }) => [o.proposalId, o.amount])).toEqual([[s.p[i], amounts.get(s.p[i]!)]]);
      expect(await outcomeMessages(org.rep, s.callId)).toHaveLength(1);
    }

    const results = await h.json('GET', publicPath(s), { expect: 200 });
    expect(results).toMatchObject({
      tendency: 'administration',
      basis: 'scenario',
      method: { code: 'equal' },
      adoption: { mode: 'administration' },
      departures: [],
      total: split.result.total,
      decidedOn: '2027-01-28',
    });
    const csv = await (await h.request('GET', publicPath(s, '/results.csv'))).text();
    expect(csv).toContain('sans vote de table');
    expectNoPerson(csv);
    expect(await kinds(s)).toEqual(['call-published', 'proposal-screened', 'proposal-screened', 'proposal-screened', 'scenario-computed', 'decision-recorded']);

    // A second decision: refused, the first untouched, no second event.
    await problem(await h.request('POST', `${s.base}/decision`, { as: MANAGER, body: { basis: 'manual', lines: [] } }), 409);
    expect((await h.json('GET', `${s.base}/decision`, { as: MANAGER, expect: 200 })).decision.total).toBe(split.result.total);
    expect((await kinds(s)).filter((k: string) => k === 'decision-recorded')).toHaveLength(1);
  });
});

describe('bad input across the seams', () => {
  it('no decision on a call that still takes proposals: a proposal submitted after it would have no line (409, nothing stored)', async () => {
    const orgs = await institution();
    const env = await h.json('POST', '/api/t/{t}/envelopes', { as: MANAGER, body: fixtures.envelope, expect: 201 });
    const draft = await h.json('POST', '/api/t/{t}/calls', { as: MANAGER, body: fixtures.call(env.id), expect: 201 });
    const base = `/api/t/{t}/calls/${draft.id}`;
    const unpublished = await problem(await h.request('POST', `${base}/decision`, { as: MANAGER, body: { basis: 'manual', lines: [] } }), 409);
    expect(unpublished.reason).toBe('call-unpublished');
    const call = await h.json('POST', `${base}/publish`, { as: MANAGER, body: { version: draft.version }, expect: 200 });
    const content = { ...fixtures.content, budgetLines: [{ label: 'Salaires', amount: fixtures.content.requested }] };
    const d = await h.json('POST', `${base}/proposals`, { as: orgs[0].rep, body: { draft: {} }, expect: 201 });
    const sub = await h.json('POST', `${base}/proposals/${d.id}/submit`, { as: orgs[0].rep, body: { version: 1, content }, expect: 200 });
    await h.json('PUT', `${base}/proposals/${d.id}/screening`, {
      as: MANAGER,
      body: { version: sub.version, results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })) },
      expect: 200,
    });
    const open = await problem(
      await h.request('POST', `${base}/decision`, {
        as: MANAGER,
        body: { basis: 'manual', lines: [{ proposalId: d.id, amount: 1_000_000, years: 1, reason: 'Retenu' }] },
      }),
      409,
    );
    expect(open).toMatchObject({ reason: 'call-not-closed', closesAt: call.closesAt });
    expect(open.detail).toContain('2027-01-15');
    expect((await h.json('GET', `${base}/decision`, { as: MANAGER, expect: 200 })).decision).toBeNull();
    expect((await h.request('GET', `/api/public/results/${h.tenantId}/calls/${call.id}`)).status).toBe(404);
    // At the closing instant it is closed: the decision is taken.
    h.clock.now = new Date(call.closesAt);
    await h.json('POST', `${base}/decision`, {
      as: MANAGER,
      body: { basis: 'manual', lines: [{ proposalId: d.id, amount: 1_000_000, years: 1, reason: 'Retenu' }] },
      expect: 201,
    });
  });

  it('a table call: no decision before the adoption, none from a scenario, no departure without its reason, no second decision; another tenant sees nothing', async () => {
    const orgs = await institution();
    const s = await callWithProposals(orgs, await table(orgs));
    const [p1] = s.p;
    const decide = (body: unknown) => h.request('POST', `${s.base}/decision`, { as: MANAGER, body });
    const decisionKinds = async () => (await kinds(s)).filter((k: string) => k.startsWith('decision-'));

    // Nothing drafted yet, then a draft: no decision either way.
    await problem(await decide({ basis: 'recommendation', departures: [] }), 409);
    const draft = await draftFromNothing(s);
    await problem(await decide({ basis: 'recommendation', departures: [] }), 409);
    const split = await h.json('POST', `${s.base}/scenarios`, { as: COORD, body: { name: 'Égal', method: 'equal' }, expect: 201 });
    await problem(await decide({ basis: 'scenario', scenarioId: split.id, lines: [] }), 409);
    await problem(await decide({ basis: 'manual', lines: [] }), 409);
    expect(await decisionKinds()).toEqual([]);

    await h.json('POST', `${s.base}/recommendation/consensus`, {
      as: COORD,
      body: { version: draft.version, present: [JOSEE, LINE], dissent: null },
      expect: 200,
    });
    // A departure without its reason: 422 naming the line, nothing stored.
    const noReason = await problem(await decide({ basis: 'recommendation', departures: [{ proposalId: p1, amount: 0, years: 1, reason: '' }] }), 422);
    expect(noReason.detail).toContain(TITLES[0]);
    // Too much: over the amount available.
    await problem(
      await decide({
        basis: 'recommendation',
        departures: [{ proposalId: p1, amount: 1_500_000, years: 1, reason: 'Tout', supplement: { amount: 1_000_000, reason: 'Encore' } }],
      }),
      422,
    );
    expect((await h.json('GET', `${s.base}/decision`, { as: MANAGER, expect: 200 })).decision).toBeNull();
    expect((await h.request('GET', publicPath(s))).status).toBe(404);

    // Only a manager decides.
    await problem(await h.request('POST', `${s.base}/decision`, { as: COORD, body: { basis: 'recommendation', departures: [] } }), 403);
    await problem(await h.request('POST', `${s.base}/decision`, { as: JOSEE, body: { basis: 'recommendation', departures: [] } }), 403);
    await problem(await h.request('POST', `${s.base}/decision`, { as: orgs[0].rep, body: { basis: 'recommendation', departures: [] } }), 403);

    await h.json('POST', `${s.base}/decision`, { as: MANAGER, body: { basis: 'recommendation', departures: [] }, expect: 201 });
    const second = await problem(await decide({ basis: 'recommendation', departures: [{ proposalId: p1, amount: 0, years: 1, reason: 'Changement' }] }), 409);
    expect(second.detail).toContain('amendement');
    expect(await decisionKinds()).toEqual(['decision-recorded']);

    // Another institution's manager: the call is not found, whatever the route.
    const other = await createHarness({ now: h.clock.now });
    await other.addMember(MANAGER, ['manager']);
    for (const path of ['/decision', '/recommendation', '/history'])
      expect((await other.request('GET', `/api/t/{t}/calls/${s.callId}${path}`, { as: MANAGER })).status, path).toBe(404);
    expect(
      (
        await other.request('POST', `/api/t/{t}/calls/${s.callId}/decision/amendments`, {
          as: MANAGER,
          body: { version: 1, reason: 'x', lines: [{ proposalId: p1, amount: 0, years: 1, reason: 'x' }] },
        })
      ).status,
    ).toBe(404);
  });
});
