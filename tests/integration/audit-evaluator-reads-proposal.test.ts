/**
 * Issue 10, item 10: a table member assigned to score a proposal reads it
 * (the submitted content and its versions, and its content on the score
 * sheet), only for the call's eligible proposals they are assigned to and
 * not recused from; anyone else still gets 404 (403 for a recused member,
 * who knows the proposal from their list).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, fixtures, setupCall, type Harness } from '../support/harness';

let h: Harness;
let callId: string;
let pA: string; // eligible, assigned to m2 and m3
let pB: string; // eligible, assigned to m2 only
let pC: string; // ineligible
let draftId: string;
const base = () => `/api/t/{t}/calls/${callId}`;
const content = {
  ...fixtures.content,
  title: 'Halte-répit du samedi',
  summary: 'Une halte-répit trois samedis par mois pour les parents seuls.',
  activities: [{ title: 'Halte', description: 'Garde des enfants de 0 à 5 ans' }],
  budgetLines: [
    { label: 'Salaires des éducatrices', amount: 900_000 },
    { label: 'Matériel', amount: 100_000 },
  ],
};

async function submitted(as: string, title: string, met: boolean) {
  const d = await h.json('POST', `${base()}/proposals`, { as, body: { draft: {} }, expect: 201 });
  const s = await h.json('POST', `${base()}/proposals/${d.id}/submit`, { as, body: { version: 1, content: { ...content, title } }, expect: 200 });
  const call = await h.json('GET', base(), { as: 'coord' });
  const results = call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met, reason: met ? '' : 'Hors mandat' }));
  await h.json('PUT', `${base()}/proposals/${d.id}/screening`, { as: 'coord', body: { version: s.version, results }, expect: 200 });
  return d.id as string;
}

async function organization(neqLead: string, rep: string) {
  const org = await h.json('POST', '/api/t/{t}/organizations', {
    as: 'manager',
    body: fixtures.organization(neqLead + String(Date.now()).slice(-9)),
    expect: 201,
  });
  await h.addMember(rep, ['organization'], org.id);
  return org.id as string;
}

async function openScoring() {
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
        assignments: { [pA]: ['m2', 'm3'], [pB]: ['m2'], [pC]: ['m2'] },
      },
      expect: 201,
    })
  ).grid;
  h.clock.now = new Date('2026-12-01T15:00:00Z');
  await h.json('POST', `${base()}/grid/open`, { as: 'coord', body: { version: g.version, closesAt: '2026-12-15T22:00:00.000Z' }, expect: 200 });
}

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  const { call } = await setupCall(h, { closesAt: '2026-11-30T22:00:00.000Z' });
  callId = call.id;
  await organization('6', 'orgrep2');
  await organization('7', 'orgrep3');
  for (const m of ['m2', 'm3']) await h.addMember(m, ['member']);
  pA = await submitted('orgrep', 'Halte-répit du samedi', true);
  pB = await submitted('orgrep2', 'Cuisine collective', true);
  pC = await submitted('orgrep3', 'Voyage de groupe', false);
  draftId = (await h.json('POST', `${base()}/proposals`, { as: 'orgrep3', body: { draft: { title: 'Brouillon' } }, expect: 201 })).id;
});

describe('an evaluator reads what they score', () => {
  it('opens the submitted proposal and its versions, and finds its content on the score sheet', async () => {
    await openScoring();
    const p = await h.json('GET', `${base()}/proposals/${pA}`, { as: 'm2', expect: 200 });
    expect(p).toMatchObject({ id: pA, status: 'submitted', draft: {}, content: { summary: content.summary, requested: 1_000_000 } });
    const versions = await h.json('GET', `${base()}/proposals/${pA}/versions`, { as: 'm2', expect: 200 });
    expect(versions.items).toEqual([expect.objectContaining({ number: 1, content: expect.objectContaining({ title: 'Halte-répit du samedi' }) })]);

    const sheet = await h.json('GET', `${base()}/scoring/proposals/${pA}/sheet`, { as: 'm2', expect: 200 });
    expect(sheet.proposal).toMatchObject({
      title: 'Halte-répit du samedi',
      requested: 1_000_000,
      versionNumber: 1,
      content: {
        summary: content.summary,
        targetPopulation: content.targetPopulation,
        activities: content.activities,
        budgetLines: content.budgetLines,
        requested: 1_000_000,
        minimum: 700_000,
        durationYears: 1,
      },
      needs: [],
    });
    // Another assigned evaluator, on the other proposal.
    expect((await h.request('GET', `${base()}/proposals/${pA}`, { as: 'm3' })).status).toBe(200);
  });

  it('refuses a recused evaluator with the reason, and keeps the content off their sheet', async () => {
    await openScoring();
    await h.json('POST', `${base()}/scoring/proposals/${pA}/recusal`, { as: 'm3', body: { reason: 'Mon frère y travaille' }, expect: 201 });
    const res = await h.request('GET', `${base()}/proposals/${pA}`, { as: 'm3' });
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toContain('récusé·e');
    expect((await h.request('GET', `${base()}/proposals/${pA}/versions`, { as: 'm3' })).status).toBe(403);
    const sheet = await h.json('GET', `${base()}/scoring/proposals/${pA}/sheet`, { as: 'm3', expect: 200 });
    expect(sheet.recusal).toMatchObject({ kind: 'declared' });
    expect(sheet.proposal.content).toBeNull();
  });

  it('gives nothing to a member not assigned, on an ineligible proposal or a draft, before scoring has a grid, or in another tenant', async () => {
    // No grid yet: members are not evaluators of anything.
    expect((await h.request('GET', `${base()}/proposals/${pA}`, { as: 'm2' })).status).toBe(404);
    await openScoring();
    expect((await h.request('GET', `${base()}/proposals/${pB}`, { as: 'm3' })).status).toBe(404);
    expect((await h.request('GET', `${base()}/proposals/${pB}/versions`, { as: 'm3' })).status).toBe(404);
    expect((await h.request('GET', `${base()}/proposals/${pC}`, { as: 'm2' })).status).toBe(404);
    expect((await h.request('GET', `${base()}/proposals/${draftId}`, { as: 'm2' })).status).toBe(404);
    expect((await h.request('GET', `${base()}/proposals/no-such-proposal`, { as: 'm2' })).status).toBe(404);
    // Another organization still reads nothing of pA; the screener still reads it.
    expect((await h.request('GET', `${base()}/proposals/${pA}`, { as: 'orgrep2' })).status).toBe(404);
    expect((await h.request('GET', `${base()}/proposals/${pA}`, { as: 'coord' })).status).toBe(200);
    // The same member in another tenant reaches nothing here.
    await h.addMember('m2', ['member'], null, `${h.tenantId}-other`);
    expect((await h.request('GET', `/api/t/${h.tenantId}-other/calls/${callId}/proposals/${pA}`, { as: 'm2' })).status).toBe(404);
    // Not assigned to pB: no sheet either.
    expect((await h.request('GET', `${base()}/scoring/proposals/${pB}/sheet`, { as: 'm3' })).status).toBe(403);
  });
});
