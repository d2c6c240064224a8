/**
 * Scoring against DynamoDB Local: the grid and its lock, evaluators and
 * recusals (automatic and declared, attempts logged), sheets (scale,
 * criteria, completeness, versions, deadline), thirty evaluators at once,
 * results with aggregation rules and disagreement, CSV and JSON exports,
 * reopening with a reason, and consensus mode.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, fixtures, setupCall, type Harness } from '../support/harness';

let h: Harness;
let callId: string;
let p1: string; // by the organization m1 represents
let p2: string;

const base = () => `/api/t/{t}/calls/${callId}`;
const grid = (over: Record<string, unknown> = {}) => ({
  version: null,
  criteria: [
    {
      label: 'Pertinence',
      help: 'Répond aux besoins',
      weightBp: 6000,
      scale: 5,
      levels: [
        { value: 0, descriptor: 'Aucune' },
        { value: 5, descriptor: 'Excellente' },
      ],
      linkedToNeeds: false,
    },
    { label: 'Faisabilité', help: '', weightBp: 4000, scale: 10, levels: [], linkedToNeeds: false },
  ],
  mode: 'individual',
  rule: 'mean',
  normalize: false,
  disagreementThreshold: 15,
  assignments: null,
  ...over,
});

async function submittedProposal(as: string) {
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

/** Scoring opens once the call has closed (2026-11-30 17 h 00 here). */
async function openGrid(over: Record<string, unknown> = {}) {
  const g = (await h.json('PUT', `${base()}/grid`, { as: 'coord', body: grid(over), expect: 201 })).grid;
  h.clock.now = new Date('2026-12-01T15:00:00Z');
  return (await h.json('POST', `${base()}/grid/open`, { as: 'coord', body: { version: g.version, closesAt: '2026-12-15T22:00:00.000Z' }, expect: 200 })).grid;
}

const sheet = (proposalId: string, as: string, body: Record<string, unknown>) =>
  h.request('PUT', `${base()}/scoring/proposals/${proposalId}/sheet`, { as, body: { version: null, submit: true, ...body } });
const scores = (g: { criteria: { id: string }[] }, a: number, b: number) => ({
  [g.criteria[0]!.id]: { value: a, comment: '' },
  [g.criteria[1]!.id]: { value: b, comment: '' },
});

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  const { call, org } = await setupCall(h, { closesAt: '2026-11-30T22:00:00.000Z' });
  callId = call.id;
  const org2 = await h.json('POST', '/api/t/{t}/organizations', {
    as: 'manager',
    body: fixtures.organization(`2${String(Date.now()).slice(-9)}`),
    expect: 201,
  });
  await h.addMember('orgrep2', ['organization'], org2.id);
  await h.addMember('m1', ['member'], org.id);
  await h.addMember('m2', ['member']);
  await h.addMember('m3', ['member']);
  p1 = await submittedProposal('orgrep');
  p2 = await submittedProposal('orgrep2');
});

describe('the grid', () => {
  it('refuses weights that do not add up to 100 %, and locks once scoring starts until reopened with a reason', async () => {
    const bad = await h.request('PUT', `${base()}/grid`, { as: 'coord', body: grid({ criteria: [{ ...grid().criteria[0], weightBp: 5000 }] }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0]).toMatchObject({ path: 'criteria', code: 'weights_sum' });
    const g = await openGrid();
    expect(g).toMatchObject({ status: 'open', gridVersion: 1 });
    const locked = await h.request('PUT', `${base()}/grid`, { as: 'coord', body: grid({ version: g.version }) });
    expect(locked.status).toBe(409);
    const reopened = (
      await h.json('POST', `${base()}/grid/reopen`, {
        as: 'coord',
        body: { version: g.version, reason: 'Ajout d’un critère demandé par la table' },
        expect: 200,
      })
    ).grid;
    expect(reopened).toMatchObject({
      status: 'draft',
      gridVersion: 2,
      reopenings: [{ reason: 'Ajout d’un critère demandé par la table', fromGridVersion: 1 }],
    });
    expect((await h.request('PUT', `${base()}/grid`, { as: 'm2', body: grid({ version: reopened.version }) })).status).toBe(403);
  });

  it('refuses a criterion tied to the retained needs on a call that retains none', async () => {
    const res = await h.request('PUT', `${base()}/grid`, {
      as: 'coord',
      body: grid({ criteria: [{ ...grid().criteria[0], weightBp: 10_000, linkedToNeeds: true }] }),
    });
    expect(res.status).toBe(422);
    expect((await res.json()).field).toBe('criteria');
  });

  it('offers those who build the grid the members and eligible proposals to assign; members see the grid only', async () => {
    await openGrid();
    const forCoord = await h.json('GET', `${base()}/grid`, { as: 'coord', expect: 200 });
    expect(forCoord.evaluators.map((e: { userId: string }) => e.userId).sort()).toEqual(['m1', 'm2', 'm3']);
    expect(forCoord.proposals.map((p: { id: string }) => p.id).sort()).toEqual([p1, p2].sort());
    const forMember = await h.json('GET', `${base()}/grid`, { as: 'm2', expect: 200 });
    expect(Object.keys(forMember)).toEqual(['grid']);
  });

  it('saves a grid as a template for later calls', async () => {
    const tpl = await h.json('POST', '/api/t/{t}/grid-templates', { as: 'coord', body: { name: 'Grille PSJP', criteria: grid().criteria }, expect: 201 });
    const list = await h.json('GET', '/api/t/{t}/grid-templates', { as: 'manager', expect: 200 });
    expect(list.items.map((t: { id: string }) => t.id)).toContain(tpl.id);
  });
});

describe('sheets', () => {
  it('validates each score against the grid and stores nothing when refused', async () => {
    const g = await openGrid();
    const above = await sheet(p2, 'm2', { scores: scores(g, 6, 5) });
    expect((await above.json()).errors[0]).toMatchObject({ path: `scores.${g.criteria[0].id}.value`, code: 'score_above_scale' });
    const unknown = await sheet(p2, 'm2', { scores: { ...scores(g, 3, 5), 'crit-nope': { value: 1, comment: '' } } });
    expect((await unknown.json()).errors[0]).toMatchObject({ code: 'unknown_criterion' });
    const incomplete = await sheet(p2, 'm2', { scores: { [g.criteria[0].id]: { value: 3, comment: '' } } });
    expect((await incomplete.json()).errors[0]).toMatchObject({ code: 'sheet_incomplete' });
    expect((await h.json('GET', `${base()}/scoring/proposals/${p2}/sheet`, { as: 'm2' })).sheet).toBeNull();
    // A draft may be incomplete; a stale save is refused.
    const draft = await (await sheet(p2, 'm2', { submit: false, scores: { [g.criteria[0].id]: { value: 3, comment: 'À revoir' } } })).json();
    expect(draft).toMatchObject({ status: 'draft', version: 1 });
    expect((await sheet(p2, 'm2', { version: null, scores: scores(g, 3, 5) })).status).toBe(409);
    expect((await sheet(p2, 'm2', { version: 1, scores: scores(g, 3, 5) })).status).toBe(200);
  });

  it('recuses a member from the proposals of the organization they represent: no score, the attempt logged', async () => {
    const g = await openGrid();
    const view = await h.json('GET', `${base()}/scoring/proposals/${p1}/sheet`, { as: 'm1', expect: 200 });
    expect(view.recusal).toMatchObject({ kind: 'automatic', userId: 'm1' });
    const attempt = await sheet(p1, 'm1', { scores: scores(g, 5, 10) });
    expect(attempt.status).toBe(403);
    expect((await attempt.json()).detail).toContain('récusé·e');
    const results = await h.json('GET', `${base()}/scoring/results`, { as: 'coord', expect: 200 });
    expect(results.refusedAttempts).toEqual([expect.objectContaining({ kind: 'recused-attempt', userId: 'm1', proposalId: p1 })]);
    expect(results.recusals).toEqual(expect.arrayContaining([expect.objectContaining({ userId: 'm1', proposalId: p1, kind: 'automatic' })]));
  });

  it('recuses on declared ties and on a conflict declared on one proposal', async () => {
    const g = await openGrid();
    const orgOf2 = (await h.json('GET', `${base()}/proposals/${p2}`, { as: 'coord' })).organizationId;
    await h.json('PUT', '/api/t/{t}/my/conflicts', { as: 'm2', body: { version: null, organizationIds: [orgOf2] }, expect: 200 });
    expect((await sheet(p2, 'm2', { scores: scores(g, 3, 5) })).status).toBe(403);
    await h.json('POST', `${base()}/scoring/proposals/${p2}/recusal`, {
      as: 'm3',
      body: { reason: 'Ma conjointe siège au conseil de l’organisme' },
      expect: 201,
    });
    expect((await sheet(p2, 'm3', { scores: scores(g, 3, 5) })).status).toBe(403);
    const mine = await h.json('GET', `${base()}/scoring/mine`, { as: 'm3' });
    expect(mine.proposals.find((p: { id: string }) => p.id === p2).recusal).toMatchObject({
      kind: 'declared',
      reason: 'Ma conjointe siège au conseil de l’organisme',
    });
  });

  it('refuses an unassigned member, and any score once scoring has closed', async () => {
    const g = await openGrid({ assignments: { [p2]: ['m2'] } });
    expect((await sheet(p2, 'm3', { scores: scores(g, 3, 5) })).status).toBe(403);
    h.clock.now = new Date('2026-12-15T22:00:00.000Z');
    const late = await sheet(p2, 'm2', { scores: scores(g, 3, 5) });
    expect(late.status).toBe(409);
    expect((await late.json()).detail).toContain('2026-12-15 17 h 00');
  });

  it('keeps every score when thirty evaluators submit at once', async () => {
    for (let i = 0; i < 30; i++) await h.addMember(`ev${i}`, ['member']);
    const g = await openGrid();
    const res = await Promise.all(Array.from({ length: 30 }, (_, i) => sheet(p2, `ev${i}`, { scores: scores(g, i % 6, (i * 3) % 11) })));
    expect(res.map((r) => r.status)).toEqual(Array(30).fill(200));
    const results = await h.json('GET', `${base()}/scoring/results`, { as: 'coord' });
    const row = results.result.proposals.find((p: { proposalId: string }) => p.proposalId === p2);
    expect(Object.keys(row.raw)).toHaveLength(30);
  });
});

describe('results', () => {
  it('aggregates submitted sheets by the rule, flags disagreement, exports CSV for Excel in French and JSON', async () => {
    const g = await openGrid();
    await sheet(p2, 'm2', { scores: scores(g, 5, 10) }); // 100
    await sheet(p2, 'm3', { scores: scores(g, 1, 2) }); // 60×1/5 + 40×2/10 = 12 + 8 = 20
    await sheet(p1, 'm2', { scores: scores(g, 3, 5) }); // 36 + 20 = 56
    await sheet(p1, 'm3', { submit: false, scores: scores(g, 5, 10) }); // a draft counts for nothing
    const r = await h.json('GET', `${base()}/scoring/results`, { as: 'coord', expect: 200 });
    const byId = Object.fromEntries(r.result.proposals.map((p: { proposalId: string }) => [p.proposalId, p]));
    expect(byId[p2]).toMatchObject({ raw: { m2: 100, m3: 20 }, aggregate: 60, spread: 40, disagreement: true });
    expect(byId[p1]).toMatchObject({ raw: { m2: 56 }, aggregate: 56, disagreement: false });
    expect(r.result.ranking).toEqual([[p2], [p1]]);
    expect(r.progress).toEqual(
      expect.arrayContaining([
        { evaluatorId: 'm2', assigned: 2, submitted: 2 },
        { evaluatorId: 'm1', assigned: 1, submitted: 0 },
      ]),
    );
    const median = await h.json('GET', `${base()}/scoring/results?rule=median`, { as: 'coord' });
    expect(median.result.rule).toBe('median');

    const csv = await h.request('GET', `${base()}/scoring/results.csv`, { as: 'coord' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [header, first] = text.split('\r\n');
    expect(header).toBe('Rang;Projet;Organisme;Montant demandé ($);Note agrégée;Note agrégée normalisée;Écart-type;Désaccord;m1;m2;m3');
    expect(first).toMatch(/^1;Halte-répit;Organisme \d+;10000;60;[\d,]+;40;oui;;100;20$/);
    const json = await h.request('GET', `${base()}/scoring/results.json`, { as: 'coord' });
    expect(json.headers.get('content-disposition')).toContain('.json');
    expect((await json.json()).result.ranking).toEqual([[p2], [p1]]);
    expect((await h.request('GET', `${base()}/scoring/results`, { as: 'm2' })).status).toBe(403);
  });

  it('counts only sheets of the current grid version after a reopening, and keeps the older ones', async () => {
    const g = await openGrid();
    await sheet(p2, 'm2', { scores: scores(g, 5, 10) });
    const reopened = (await h.json('POST', `${base()}/grid/reopen`, { as: 'coord', body: { version: g.version, reason: 'Échelle corrigée' }, expect: 200 }))
      .grid;
    const reopenedOpen = (
      await h.json('POST', `${base()}/grid/open`, { as: 'coord', body: { version: reopened.version, closesAt: '2026-12-20T22:00:00.000Z' }, expect: 200 })
    ).grid;
    const r = await h.json('GET', `${base()}/scoring/results`, { as: 'coord' });
    expect(r.result.proposals.find((p: { proposalId: string }) => p.proposalId === p2).raw).toEqual({});
    const view = await h.json('GET', `${base()}/scoring/proposals/${p2}/sheet`, { as: 'm2' });
    expect(view.sheet).toBeNull();
    expect(view.earlierSheet).toMatchObject({ gridVersion: 1 });
    expect(reopenedOpen.gridVersion).toBe(2);
  });

  it('records one agreed score per criterion in consensus mode, with the members present', async () => {
    const g = await openGrid({ mode: 'consensus' });
    expect((await sheet(p2, 'm2', { scores: scores(g, 3, 5) })).status).toBe(409);
    const withRecused = await h.request('PUT', `${base()}/scoring/proposals/${p1}/consensus`, {
      as: 'coord',
      body: { version: null, scores: scores(g, 4, 8), present: ['m1', 'm2'] },
    });
    expect(withRecused.status).toBe(422);
    await h.json('PUT', `${base()}/scoring/proposals/${p1}/consensus`, {
      as: 'coord',
      body: { version: null, scores: scores(g, 4, 8), present: ['m2', 'm3'] },
      expect: 200,
    });
    const r = await h.json('GET', `${base()}/scoring/results`, { as: 'coord' });
    expect(r.evaluators).toEqual([{ id: 'consensus', name: 'Consensus de la table' }]);
    expect(r.result.proposals.find((p: { proposalId: string }) => p.proposalId === p1)).toMatchObject({ raw: { consensus: 80 }, aggregate: 80 });
    // A proposal that is not one of the call's eligible ones has no consensus sheet to fill.
    const unknown = await h.request('GET', `${base()}/scoring/proposals/prop-inconnu/consensus`, { as: 'coord' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { detail: string }).detail).toMatch(/projet admissible/);
    expect((await h.json('GET', `${base()}/scoring/proposals/${p1}/consensus`, { as: 'coord' })).proposal.id).toBe(p1);
  });
});
