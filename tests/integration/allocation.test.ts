/**
 * Scenarios and the revision round against DynamoDB Local: scenarios need
 * final scores, validate their constraints, keep their inputs and result;
 * the revision round takes each organization's answer until its deadline,
 * a revision being a new submitted version; the next scenario fits the
 * revised requests.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, fixtures, setupCall, type Harness } from '../support/harness';

let h: Harness;
let callId: string;
let p1: string;
let p2: string;
const base = () => `/api/t/{t}/calls/${callId}`;

async function submittedProposal(as: string, requested: number, minimum: number) {
  const content = { ...fixtures.content, requested, minimum, budgetLines: [{ label: 'Salaires', amount: requested }] };
  const d = await h.json('POST', `${base()}/proposals`, { as, body: { draft: {} }, expect: 201 });
  const s = await h.json('POST', `${base()}/proposals/${d.id}/submit`, { as, body: { version: 1, content }, expect: 200 });
  const call = await h.json('GET', base(), { as: 'coord' });
  await h.json('PUT', `${base()}/proposals/${d.id}/screening`, {
    as: 'coord',
    body: { version: s.version, results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })) },
    expect: 200,
  });
  return d.id as string;
}

async function scoreAndClose() {
  const criteria = [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 10, levels: [], linkedToNeeds: false }];
  const g = (
    await h.json('PUT', `${base()}/grid`, {
      as: 'coord',
      body: { version: null, criteria, mode: 'individual', rule: 'mean', normalize: false, disagreementThreshold: 15, assignments: null },
      expect: 201,
    })
  ).grid;
  h.clock.now = new Date('2026-12-01T15:00:00Z'); // scoring opens once the call has closed
  const open = (await h.json('POST', `${base()}/grid/open`, { as: 'coord', body: { version: g.version, closesAt: '2026-12-15T22:00:00.000Z' }, expect: 200 }))
    .grid;
  const c = open.criteria[0].id;
  await h.json('PUT', `${base()}/scoring/proposals/${p1}/sheet`, {
    as: 'm1',
    body: { version: null, submit: true, scores: { [c]: { value: 9, comment: '' } } },
    expect: 200,
  });
  await h.json('PUT', `${base()}/scoring/proposals/${p2}/sheet`, {
    as: 'm1',
    body: { version: null, submit: true, scores: { [c]: { value: 6, comment: '' } } },
    expect: 200,
  });
  return (await h.json('POST', `${base()}/grid/close`, { as: 'coord', body: { version: open.version }, expect: 200 })).grid;
}

const scenario = (body: Record<string, unknown>) =>
  h.request('POST', `${base()}/scenarios`, { as: 'coord', body: { name: 'Scénario', method: 'greedy', ...body } });

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  const { call } = await setupCall(h, { closesAt: '2026-11-30T22:00:00.000Z' }); // 32 000 $ available
  callId = call.id;
  const org2 = await h.json('POST', '/api/t/{t}/organizations', {
    as: 'manager',
    body: fixtures.organization(`3${String(Date.now()).slice(-9)}`),
    expect: 201,
  });
  await h.addMember('orgrep2', ['organization'], org2.id);
  await h.addMember('m1', ['member']);
  p1 = await submittedProposal('orgrep', 1_500_000, 1_000_000); // score 90
  p2 = await submittedProposal('orgrep2', 1_400_000, 800_000); // score 60
});

describe('scenarios', () => {
  it('need final scores, then keep their inputs, parameters and result', async () => {
    // No grid yet: greedy and optimal need scores, and say what is missing (never a 404).
    const noGrid = await scenario({});
    expect(noGrid.status).toBe(409);
    expect((await noGrid.json()).detail).toContain('créez une grille et faites évaluer les projets');
    await scoreAndClose();
    const res = await scenario({ method: 'optimal' });
    expect(res.status).toBe(201);
    const s = await res.json();
    expect(s.instance.budget).toBe(3_200_000);
    expect(s.instance.proposals.map((p: { id: string; score: number }) => [p.id, p.score]).sort()).toEqual(
      [
        [p1, 90],
        [p2, 60],
      ].sort(),
    );
    expect(s.inputs.every((i: { proposalVersion: number }) => i.proposalVersion === 1)).toBe(true);
    expect(s.result).toMatchObject({ method: 'optimal', optimal: true, total: 2_900_000 });
    // The scenario for the institution's file: Excel in French (BOM, semicolons, decimal comma), best score first.
    const csv = await h.request('GET', `${base()}/scenarios/${s.id}/export.csv`, { as: 'coord' });
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="scenario-${s.id}.csv"`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark, for Excel
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[0]).toBe('Scénario;Scénario');
    expect(lines[1]).toBe('Méthode;Optimale (prouvée)');
    expect(lines[3]).toBe('Projet;Organisme;Note;Demandé ($);Minimum ($);Recommandé ($);Part (%);Raison');
    expect(lines[4]).toMatch(/^[^;]+;[^;]+;90;15000;10000;15000;100;Financé en entier : note 90, soit 6,00 points par 1 000 \$ demandés\.$/);
    expect(lines).toContain('Total recommandé ($);29000');
    const english = await h.request('GET', `${base()}/scenarios/${s.id}/export.csv`, { as: 'coord', headers: { 'Accept-Language': 'en-CA' } });
    expect((await english.text()).split('\r\n')[3]).toBe('Proposal;Organization;Score;Requested ($);Minimum ($);Recommended ($);Share (%);Reason');
    expect((await h.request('GET', `${base()}/scenarios/${s.id}/export.csv`, { as: 'm1' })).status).toBe(403);
    const list = await h.json('GET', `${base()}/scenarios`, { as: 'manager', expect: 200 });
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([s.id]);
    expect((await h.request('GET', `${base()}/scenarios`, { as: 'm1' })).status).toBe(403);
  });

  it('refuse a scenario while scoring is still open', async () => {
    const criteria = [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 10, levels: [], linkedToNeeds: false }];
    const g = (
      await h.json('PUT', `${base()}/grid`, {
        as: 'coord',
        body: { version: null, criteria, mode: 'individual', rule: 'mean', normalize: false, disagreementThreshold: 15, assignments: null },
        expect: 201,
      })
    ).grid;
    h.clock.now = new Date('2026-12-01T15:00:00Z'); // scoring opens once the call has closed
    await h.json('POST', `${base()}/grid/open`, { as: 'coord', body: { version: g.version, closesAt: '2026-12-15T22:00:00.000Z' }, expect: 200 });
    const early = await scenario({});
    expect(early.status).toBe(409);
    expect((await early.json()).detail).toContain('Terminez l’évaluation');
  });

  it('refuse constraints naming a need the call does not retain', async () => {
    await scoreAndClose();
    const res = await scenario({ constraints: { coverNeeds: ['need-ghost'] } });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toMatchObject({
      path: 'constraints.coverNeeds.0',
      code: 'need_not_in_call',
      message: { fr: expect.stringContaining('ne fait pas partie des besoins retenus par l’appel') },
    });
  });
});

describe('the revision round', () => {
  it('takes acceptances and reduced requests until its deadline; the next scenario fits them', async () => {
    await scoreAndClose();
    const proportional = await (await scenario({ method: 'proportional', name: 'Proportionnel' })).json();
    const round = await h.json('POST', `${base()}/revision`, {
      as: 'coord',
      body: { scenarioId: proportional.id, deadline: '2026-12-01T22:00:00.000Z' },
      expect: 201,
    });
    expect(round.suggestions).toEqual({ [p1]: 1_500_000, [p2]: 1_400_000 });

    // The organization sees its own suggestion only.
    const seen = await h.json('GET', `${base()}/revision`, { as: 'orgrep2', expect: 200 });
    expect(Object.keys(seen.round.suggestions)).toEqual([p2]);

    await h.json('POST', `${base()}/revision/answers`, { as: 'orgrep', body: { kind: 'accepted', proposalId: p1, answerVersion: null }, expect: 200 });
    const before = await h.json('GET', `${base()}/proposals/${p2}`, { as: 'orgrep2' });
    const above = await h.request('POST', `${base()}/revision/answers`, {
      as: 'orgrep2',
      body: {
        kind: 'revised',
        proposalId: p2,
        answerVersion: null,
        version: before.version,
        content: { ...fixtures.content, requested: 1_600_000, minimum: 800_000, budgetLines: [{ label: 'Salaires', amount: 1_600_000 }] },
      },
    });
    expect(above.status).toBe(400);
    const revised = { ...fixtures.content, requested: 900_000, minimum: 700_000, budgetLines: [{ label: 'Salaires', amount: 900_000 }] };
    await h.json('POST', `${base()}/revision/answers`, {
      as: 'orgrep2',
      body: { kind: 'revised', proposalId: p2, answerVersion: null, version: before.version, content: revised },
      expect: 200,
    });
    const after = await h.json('GET', `${base()}/proposals/${p2}`, { as: 'orgrep2' });
    expect(after).toMatchObject({ submittedVersions: 2, content: { requested: 900_000 }, screening: { outcome: 'eligible' } });
    const versions = await h.json('GET', `${base()}/proposals/${p2}/versions`, { as: 'coord' });
    expect(versions.items).toHaveLength(2);
    // Another organization cannot answer for p2.
    expect(
      (await h.request('POST', `${base()}/revision/answers`, { as: 'orgrep', body: { kind: 'accepted', proposalId: p2, answerVersion: null } })).status,
    ).toBe(404);

    const answers = await h.json('GET', `${base()}/revision`, { as: 'coord' });
    expect(answers.answers.map((a: { proposalId: string; kind: string }) => [a.proposalId, a.kind]).sort()).toEqual(
      [
        [p1, 'accepted'],
        [p2, 'revised'],
      ].sort(),
    );

    h.clock.now = new Date('2026-12-01T22:00:00.000Z');
    const late = await h.request('POST', `${base()}/revision/answers`, { as: 'orgrep', body: { kind: 'accepted', proposalId: p1, answerVersion: 1 } });
    expect(late.status).toBe(409);
    expect((await late.json()).detail).toContain('2026-12-01 17 h 00');

    const next = await (await scenario({ method: 'greedy', name: 'Après révision' })).json();
    expect(next.instance.proposals.find((p: { id: string }) => p.id === p2)).toMatchObject({ requested: 900_000, minimum: 700_000 });
    expect(next.inputs.find((i: { id: string }) => i.id === p2).proposalVersion).toBe(2);
    expect(next.result.total).toBe(2_400_000);
  });
});

describe('the members’ approval vote and the PB rules', () => {
  it('takes one ballot per member until the deadline, and runs greedy and MES with the round-by-round explanation', async () => {
    for (const m of ['m2', 'm3']) await h.addMember(m, ['member']);
    const vote = await h.json('POST', `${base()}/pb-vote`, { as: 'coord', body: { closesAt: '2026-12-01T22:00:00.000Z' }, expect: 201 });
    expect(vote.status).toBe('open');
    const ballot = (as: string, approved: string[], version: number | null = null) =>
      h.request('PUT', `${base()}/pb-vote/ballot`, { as, body: { version, approved } });
    expect((await ballot('m1', [p1, p2])).status).toBe(200);
    expect((await ballot('m2', [p1])).status).toBe(200);
    expect((await ballot('m3', [p2])).status).toBe(200);
    expect((await ballot('m3', [p1])).status).toBe(409); // a second first ballot
    expect((await ballot('m3', [p2, p1], 1)).status).toBe(200); // a change at its version
    const unknown = await ballot('m2', ['prop-ghost'], 1);
    expect((await unknown.json()).errors[0]).toMatchObject({ path: 'approved.0', code: 'unknown_proposal' });
    expect((await ballot('coord', [p1])).status).toBe(403);

    const greedy = await h.json('GET', `${base()}/pb-vote/results?rule=greedy`, { as: 'coord', expect: 200 });
    // p1: 3 approvals (15 000 $), p2: 2 approvals (14 000 $); 32 000 $: both fit.
    expect(greedy.selected.map((s: { id: string }) => s.id)).toEqual([p1, p2]);
    expect(greedy.total).toBe(2_900_000);
    const mes = await h.json('GET', `${base()}/pb-vote/results?rule=mes&completion=none`, { as: 'coord', expect: 200 });
    // Each voter holds 32 000 / 3 $. p1's three supporters pay 5 000 $ each: ρ = 1/3; then p2's two pay 7 000 $ each (they hold 5 666,67 $ … too little).
    expect(mes.rounds[0]).toMatchObject({ id: p1, rho: '1/3', maxPayment: 500_000, payers: 3 });
    // With approval utility ρ is itself the payment, in cents: the same 5 000 $.
    const byApproval = await h.json('GET', `${base()}/pb-vote/results?rule=mes&completion=none&utility=approval`, { as: 'coord', expect: 200 });
    expect(byApproval.rounds[0]).toMatchObject({ id: p1, rho: '500000/1', maxPayment: 500_000 });
    expect(mes.selected.map((s: { id: string }) => s.id)).toEqual([p1]);
    const add1 = await h.json('GET', `${base()}/pb-vote/results?rule=mes&completion=add1`, { as: 'coord' });
    expect(add1.selected.map((s: { id: string }) => s.id)).toEqual([p1, p2]);

    // Export, then import the same ballots as paper ballots: every count doubles.
    const exported = await (await h.request('GET', `${base()}/pb-vote/export.pb`, { as: 'coord' })).text();
    expect(exported).toContain('vote_type;approval');
    const current = await h.json('GET', `${base()}/pb-vote`, { as: 'coord' });
    expect(current.ballots).toBe(3);
    const imported = await h.json('POST', `${base()}/pb-vote/import`, {
      as: 'coord',
      body: { version: current.vote.version, fileName: 'papier.pb', text: exported },
      expect: 200,
    });
    expect(imported.importedFiles[0]).toMatchObject({ fileName: 'papier.pb', voters: 3 });
    const bad = await h.request('POST', `${base()}/pb-vote/import`, {
      as: 'coord',
      body: { version: imported.version, fileName: 'x.pb', text: 'META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost\nA;10;extra\nVOTES\nvoter_id;vote\n' },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toContain('ligne 6');

    h.clock.now = new Date('2026-12-01T22:00:00.000Z');
    const late = await ballot('m1', [p2], 1);
    expect(late.status).toBe(409);
  });
});
