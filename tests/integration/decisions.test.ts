/**
 * The manager's decision against DynamoDB Local, in both tendencies: a call
 * without a table decided from a scenario or from typed amounts, a call with
 * a table decided from its adopted recommendation (written here as a fixture
 * through the keys and shapes the recommendations context writes); the
 * amendment keeping the original; the organizations' outcomes and letters,
 * each organization seeing only its own; the message in each person's
 * language; the history event written with the decision; bad input refused
 * with nothing stored; the route × role matrix.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { listCallEvents } from '../../functions/lib/call-history';
import { putNew } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import type { Minutes, Recommendation, RecommendationLine } from '../../shared/recommendation';
import { AlreadyExistsError } from '../../shared/errors';
import { formatMoney } from '../../shared/money';
import { createHarness, fixtures, type Harness } from '../support/harness';
import { scoreAndClose, setupFitting, type FittingSetup } from '../support/allocation-setup';

let h: Harness;

/** A member written with her language (the harness's members have none: French). */
async function personIn(sub: string, roles: string[], organizationId: string | null, language: 'fr' | 'en') {
  await putNew(
    h.db,
    keys.membership(sub, h.tenantId),
    'Membership',
    { tenantId: h.tenantId, tenantName: 'Test', userId: sub, name: sub, email: `${sub}@test`, roles, organizationId, language },
    () => new AlreadyExistsError({ fr: '', en: '' }),
  );
}

const decision = (s: { base: string }) => `${s.base}/decision`;
const post = (s: { base: string }, as: string, body: unknown) => h.request('POST', decision(s), { as, body });
const amendBy = (s: { base: string }, as: string, body: unknown) => h.request('POST', `${decision(s)}/amendments`, { as, body });

async function problem(res: Response, status: number) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(res.headers.get('Content-Type')).toContain('application/problem+json');
  return body as { type: string; detail: string };
}

/** The call's history events of the decision (the call's publication, screening and scenarios have their own). */
const decisionEvents = async (callId: string) => (await listCallEvents(h.db, h.tenantId, callId)).filter((e) => e.kind.startsWith('decision-'));

async function nothingStored(s: { callId: string; base: string }) {
  expect((await h.json('GET', decision(s), { as: 'manager', expect: 200 })).decision).toBeNull();
  expect(await decisionEvents(s.callId)).toEqual([]);
}

/** The outcome messages a person received about this call (the outbox is shared by every test of the run), newest first. */
const told = async (userId: string, callId: string) =>
  (await h.outbox(userId)).filter((m) => m.kind === 'outcome-decided' && m.body.includes(`/appels/${callId}/`));

beforeEach(async () => {
  h = await createHarness();
});

describe('administration: a call without a table', () => {
  let s: FittingSetup;
  let scenarioId: string;

  beforeEach(async () => {
    s = await setupFitting(h); // p1: 15 000 $ (min 10 000), p2: 14 000 $ (min 8 000), 32 000 $ available
    await personIn('orgrep2en', ['organization'], s.org2, 'en');
    await scoreAndClose(h, s);
    scenarioId = (await h.json('POST', `${s.base}/scenarios`, { as: 'coord', body: { name: 'Partage égal', method: 'equal' }, expect: 201 })).id;
  });

  it('decides from a scenario, a departure with its reason, the event in the same write, each organization told in its language', async () => {
    const view = await h.json('GET', decision(s), { as: 'manager', expect: 200 });
    expect(view).toMatchObject({ decision: null, basis: null, tendency: 'administration', amountAvailable: 3_200_000 });
    expect(view.proposals.map((p: { id: string }) => p.id).sort()).toEqual([s.p1, s.p2].sort());

    const d = await h.json('POST', decision(s), {
      as: 'manager',
      body: { basis: 'scenario', scenarioId, lines: [{ proposalId: s.p2, amount: 900_000, years: 1, reason: 'Budget serré cette année' }] },
      expect: 201,
    });
    expect(d).toMatchObject({
      tendency: 'administration',
      basedOn: { kind: 'scenario', scenarioId, scenarioName: 'Partage égal' },
      total: 2_400_000,
      version: 1,
    });
    const l1 = d.lines.find((l: { proposalId: string }) => l.proposalId === s.p1);
    const l2 = d.lines.find((l: { proposalId: string }) => l.proposalId === s.p2);
    expect(l1).toMatchObject({ amount: 1_500_000, recommended: 1_500_000, departure: null, perYear: [1_500_000] });
    expect(l2).toMatchObject({
      amount: 900_000,
      recommended: 1_400_000,
      departure: { reason: 'Budget serré cette année' },
      reason: 'Budget serré cette année',
    });
    expect(d.original).toEqual(d.lines);
    expect(d.decidedByName).toBe('manager');

    const events = await decisionEvents(s.callId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'decision-recorded', by: 'manager', after: { basis: 'scenario', total: 2_400_000, funded: 2, departures: 1 } });

    const fr = await told('orgrep', s.callId);
    expect(fr).toHaveLength(1);
    expect(fr[0]).toMatchObject({ lang: 'fr' });
    expect(fr[0]!.body).toContain(`reçoit ${formatMoney(1_500_000, 'fr')}`);
    const en = await told('orgrep2en', s.callId);
    expect(en).toHaveLength(1);
    expect(en[0]).toMatchObject({ lang: 'en', subject: expect.stringContaining('Decision on your project') });
    expect(en[0]!.body).toContain(`receives ${formatMoney(900_000, 'en')}`);
    // No one else hears of the decision.
    expect(await told('m1', s.callId)).toEqual([]);

    // A decision is final: a second one is refused, the first untouched.
    await problem(await post(s, 'manager', { basis: 'manual', lines: [] }), 409);
    expect((await h.json('GET', decision(s), { as: 'manager', expect: 200 })).decision.total).toBe(2_400_000);
    expect(await decisionEvents(s.callId)).toHaveLength(1);
  });

  it('amends at its version with a reason, keeping the original; the organization whose line changed is told again', async () => {
    const d = await h.json('POST', decision(s), { as: 'manager', body: { basis: 'scenario', scenarioId }, expect: 201 });
    // Bad amendments: nothing stored.
    const bad = [
      { version: 1, reason: '', lines: [{ proposalId: s.p2, amount: 1_000_000, years: 1, reason: 'Réduction' }] },
      { version: 1, reason: 'Réduction', lines: [{ proposalId: s.p2, amount: 1_000_000, years: 1, reason: '' }] },
      {
        version: 1,
        reason: 'Ajout',
        lines: [{ proposalId: s.p1, amount: 1_500_000, years: 1, reason: 'x', supplement: { amount: 500_000, reason: 'Transport' } }],
      },
      {
        version: 1,
        reason: 'Rien',
        lines: [{ proposalId: s.p1, amount: 1_500_000, years: 1, reason: d.lines.find((l: { proposalId: string }) => l.proposalId === s.p1).reason }],
      },
      { version: 1, reason: 'Autre', lines: [{ proposalId: 'no-such-proposal', amount: 0, years: 1, reason: 'x' }] },
    ];
    for (const body of bad) await problem(await amendBy(s, 'manager', body), 422);
    await problem(await amendBy(s, 'manager', { ...bad[1], version: 2 }), 409);
    expect(await decisionEvents(s.callId)).toHaveLength(1);

    const before = (await told('orgrep2', s.callId)).length;
    const a = await h.json('POST', `${decision(s)}/amendments`, {
      as: 'manager',
      body: {
        version: 1,
        reason: 'Le projet 2 réduit ses activités',
        lines: [{ proposalId: s.p2, amount: 1_000_000, years: 1, reason: 'Activités réduites' }],
      },
      expect: 200,
    });
    expect(a.version).toBe(2);
    expect(a.total).toBe(2_500_000);
    expect(a.original).toEqual(d.original);
    expect(a.lines.find((l: { proposalId: string }) => l.proposalId === s.p2)).toMatchObject({
      amount: 1_000_000,
      recommended: 1_400_000,
      departure: { reason: 'Activités réduites' },
    });
    expect(a.amendments).toHaveLength(1);
    expect(a.amendments[0]).toMatchObject({ number: 1, reason: 'Le projet 2 réduit ses activités', byName: 'manager' });
    expect(a.amendments[0].changes).toHaveLength(1);
    expect(a.amendments[0].changes[0]).toMatchObject({ proposalId: s.p2, before: { amount: 1_400_000 }, after: { amount: 1_000_000 } });

    const events = await decisionEvents(s.callId);
    expect(events.map((e) => e.kind)).toEqual(['decision-recorded', 'decision-amended']);
    expect(events[1]).toMatchObject({ before: { total: 2_400_000 + 500_000 }, after: { total: 2_500_000 } });
    // Only the organization whose line changed is told again.
    const again = await told('orgrep2', s.callId);
    expect(again.length).toBe(before + 1);
    expect(again[0]!.body).toContain(formatMoney(1_000_000, 'fr'));
    expect(await told('orgrep', s.callId)).toHaveLength(1);

    // Stale: the first version no longer amends.
    await problem(await amendBy(s, 'manager', { version: 1, reason: 'Encore', lines: [{ proposalId: s.p2, amount: 0, years: 1, reason: 'Retiré' }] }), 409);

    // The outcome and the letter follow the amendment.
    const mine = await h.json('GET', '/api/t/{t}/my/outcomes', { as: 'orgrep2', expect: 200 });
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ proposalId: s.p2, funded: true, amount: 1_000_000, amendedAt: a.amendments[0].at });
    const letter = await h.json('GET', `${decision(s)}/letters/${s.p2}`, { as: 'orgrep2', expect: 200 });
    expect(letter).toMatchObject({ amount: 1_000_000, date: a.amendments[0].at, amendments: [{ number: 1, before: 1_400_000, after: 1_000_000 }] });
  });

  it('decides from amounts typed by hand: a proposal without a line is not funded, with a reason', async () => {
    const d = await h.json('POST', decision(s), {
      as: 'manager',
      body: { basis: 'manual', lines: [{ proposalId: s.p1, amount: 1_200_000, years: 1, reason: 'Selon la capacité du milieu' }] },
      expect: 201,
    });
    expect(d.basedOn).toEqual({ kind: 'manual' });
    expect(d.lines.find((l: { proposalId: string }) => l.proposalId === s.p1)).toMatchObject({ amount: 1_200_000, recommended: null, departure: null });
    expect(d.lines.find((l: { proposalId: string }) => l.proposalId === s.p2)).toMatchObject({ amount: 0, perYear: [], reason: 'Non retenu' });
    const en = await told('orgrep2en', s.callId);
    expect(en[0]!.body).toContain('is not funded');
    const mine = await h.json('GET', '/api/t/{t}/my/outcomes', { as: 'orgrep2', expect: 200 });
    expect(mine.items).toEqual([expect.objectContaining({ proposalId: s.p2, funded: false, reason: 'Non retenu', amount: 0 })]);
  });

  it('refuses bad lines with a 422 naming the line, and stores nothing', async () => {
    const manual = (lines: unknown[]) => post(s, 'manager', { basis: 'manual', lines });
    const line = (over: Record<string, unknown>) => ({ proposalId: s.p1, amount: 1_200_000, years: 1, reason: 'Motif', ...over });
    const cases: [unknown[], string][] = [
      [[line({ amount: 500_000 })], 'minimum'],
      [[line({ amount: 1_600_000 })], 'supplément'],
      [[line({ amount: 1_500_000, supplement: { amount: 100_000, reason: '' } })], 'supplément'],
      [[line({ amount: 0, supplement: { amount: 100_000, reason: 'Transport' } })], 'supplément'],
      [[line({ years: 2 })], 'financé sur 2 ans'],
      [[line({ proposalId: 'not-in-this-call' })], 'admissible'],
      [[line({}), line({})], 'deux lignes'],
      [
        [line({ amount: 1_500_000, supplement: { amount: 1_000_000, reason: 'Transport' } }), line({ proposalId: s.p2, amount: 1_400_000 })],
        'montant disponible',
      ],
    ];
    for (const [lines, words] of cases) {
      const p = await problem(await manual(lines), 422);
      expect(p.type).toBe('/problems/rule-violated');
      expect(p.detail).toContain(words);
    }
    // Named by its title and organization.
    expect((await problem(await manual([line({ amount: 500_000 })]), 422)).detail).toContain('Halte-répit');
    // A departure from the scenario without a reason.
    expect((await problem(await post(s, 'manager', { basis: 'scenario', scenarioId, lines: [line({ reason: '' })] }), 422)).detail).toContain('motif');
    // Malformed: 400; a scenario of nowhere: 404; the concertation basis on a call without a table: 409.
    await problem(await manual([line({ amount: -1 })]), 400);
    await problem(await manual([line({ amount: 12.5 })]), 400);
    await problem(await post(s, 'manager', { basis: 'scenario', scenarioId: 'no-such-scenario' }), 404);
    await problem(await post(s, 'manager', { basis: 'recommendation' }), 409);
    await nothingStored(s);
  });

  it('guards each route: route × role, another tenant, another organization', async () => {
    await h.addMember('admin', ['administrator']);
    const body = { basis: 'scenario', scenarioId };
    for (const as of ['coord', 'm1', 'orgrep', 'admin']) expect((await post(s, as, body)).status, as).toBe(403);
    await nothingStored(s);
    await h.json('POST', decision(s), { as: 'manager', body, expect: 201 });

    const expected: Record<string, Record<string, number>> = {
      'GET decision': { manager: 200, coord: 200, m1: 200, orgrep: 403, admin: 403 },
      'POST amendments': { manager: 422, coord: 403, m1: 403, orgrep: 403, admin: 403 },
      'GET my/outcomes': { manager: 403, coord: 403, m1: 403, orgrep: 200, admin: 403 },
      'GET letter of p1': { manager: 200, coord: 200, m1: 200, orgrep: 200, orgrep2: 404, admin: 403 },
    };
    const got: Record<string, Record<string, number>> = {};
    for (const [route, roles] of Object.entries(expected)) {
      got[route] = {};
      for (const as of Object.keys(roles)) {
        const res =
          route === 'GET decision'
            ? await h.request('GET', decision(s), { as })
            : route === 'POST amendments'
              ? await amendBy(s, as, { version: 1, reason: '', lines: [{ proposalId: s.p1, amount: 1_500_000, years: 1, reason: 'Même montant' }] })
              : route === 'GET my/outcomes'
                ? await h.request('GET', '/api/t/{t}/my/outcomes', { as })
                : await h.request('GET', `${decision(s)}/letters/${s.p1}`, { as });
        got[route][as] = res.status;
      }
    }
    expect(got).toEqual(expected);

    // Another organization's letter is a letter that does not exist; so is a proposal with none.
    expect((await h.request('GET', `${decision(s)}/letters/no-such-proposal`, { as: 'manager' })).status).toBe(404);
    const mine = await h.json('GET', '/api/t/{t}/my/outcomes', { as: 'orgrep', expect: 200 });
    expect(mine.items.map((i: { proposalId: string }) => i.proposalId)).toEqual([s.p1]);

    // Another tenant's people, even its manager, find no such call.
    const elsewhere = `${h.tenantId}-elsewhere`;
    await h.addMember('stranger', ['manager'], null, elsewhere);
    const there = `/api/t/${elsewhere}/calls/${s.callId}/decision`;
    expect((await h.request('GET', there, { as: 'stranger' })).status).toBe(404);
    expect((await h.request('GET', `${there}/letters/${s.p1}`, { as: 'stranger' })).status).toBe(404);
    expect((await h.request('POST', `${there}/amendments`, { as: 'stranger', body: { version: 1, reason: 'x', lines: [] } })).status).toBe(404);
    expect((await h.request('GET', `/api/t/${elsewhere}/my/outcomes`, { as: 'stranger' })).status).toBe(403);
    // A letter read through a forged call id.
    expect((await h.request('GET', `/api/t/{t}/calls/no-such-call/decision/letters/${s.p1}`, { as: 'orgrep' })).status).toBe(404);
    expect((await h.request('GET', `/api/t/{t}/calls/BAD%23ID/decision`, { as: 'manager' })).status).toBe(404);
  });
});

describe('concertation: a call with a table', () => {
  interface Setup {
    callId: string;
    base: string;
    p1: string;
    p2: string;
    org1: string;
    org2: string;
  }
  let s: Setup;

  async function submitted(base: string, as: string, requested: number, minimum: number, durationYears: 1 | 2 = 1) {
    const content = { ...fixtures.content, requested, minimum, durationYears, budgetLines: [{ label: 'Salaires', amount: requested }] };
    const d = await h.json('POST', `${base}/proposals`, { as, body: { draft: {} }, expect: 201 });
    const sub = await h.json('POST', `${base}/proposals/${d.id}/submit`, { as, body: { version: 1, content }, expect: 200 });
    const call = await h.json('GET', base, { as: 'coord' });
    await h.json('PUT', `${base}/proposals/${d.id}/screening`, {
      as: 'coord',
      body: { version: sub.version, results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })) },
      expect: 200,
    });
    return d.id as string;
  }

  beforeEach(async () => {
    await h.addMember('manager', ['manager']);
    await h.addMember('coord', ['coordinator']);
    await h.addMember('coord2', ['coordinator']);
    await h.addMember('m1', ['member']);
    await h.addMember('outsider', ['member']);
    const org1 = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('1144556677'), expect: 201 });
    const org2 = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('2244556677'), expect: 201 });
    await h.addMember('orgrep', ['organization'], org1.id);
    await h.addMember('orgrep2', ['organization'], org2.id);
    let table = await h.json('POST', '/api/t/{t}/tables', {
      as: 'manager',
      body: { name: 'Table PSJP', description: '', coordinatorIds: ['coord'] },
      expect: 201,
    });
    table = await h.json('POST', `/api/t/{t}/tables/${table.id}/members`, {
      as: 'coord',
      body: { version: table.version, userId: 'm1', represents: { kind: 'institution', name: 'CLSC' }, voting: true },
      expect: 200,
    });
    const env = await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 });
    const draft = await h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(env.id, { tableId: table.id }), expect: 201 });
    const call = await h.json('POST', `/api/t/{t}/calls/${draft.id}/publish`, { as: 'manager', body: { version: draft.version }, expect: 200 });
    const base = `/api/t/{t}/calls/${call.id}`;
    const p1 = await submitted(base, 'orgrep', 1_500_000, 1_000_000, 2);
    const p2 = await submitted(base, 'orgrep2', 1_400_000, 800_000);
    h.clock.now = new Date('2027-02-20T15:00:00.000Z');
    s = { callId: call.id, base, p1, p2, org1: org1.id, org2: org2.id };
  });

  /** The table's adopted recommendation, as the recommendations context writes it: p1 in full over two years with a transport supplement, p2 reduced. */
  async function adopted() {
    const line = (proposalId: string, over: Partial<RecommendationLine>): RecommendationLine => ({
      proposalId,
      organizationId: proposalId === s.p1 ? s.org1 : s.org2,
      organizationName: 'Organisme',
      title: 'Halte-répit',
      requested: proposalId === s.p1 ? 1_500_000 : 1_400_000,
      minimum: proposalId === s.p1 ? 1_000_000 : 800_000,
      durationYears: proposalId === s.p1 ? 2 : 1,
      amount: 0,
      years: 1,
      reason: 'Recommandé par la table',
      scenarioAmount: null,
      adjustmentReason: null,
      supplement: null,
      ...over,
    });
    const at = h.clock.now.toISOString();
    const recommendation: Recommendation = {
      callId: s.callId,
      number: 2,
      status: 'adopted',
      basedOn: null,
      lines: [
        line(s.p1, { amount: 1_500_000, years: 2, supplement: { amount: 200_000, reason: 'Transport en région' } }),
        // Adjusted by the table from its scenario's amount, with the adjustment's reason.
        line(s.p2, { amount: 1_000_000, reason: 'Partage de la table', scenarioAmount: 1_200_000, adjustmentReason: 'La table garde une réserve' }),
      ],
      total: 2_700_000,
      amountAvailable: 3_200_000,
      adoptionMode: 'consensus',
      version: 3,
      createdAt: at,
      createdBy: 'coord',
      updatedAt: at,
      updatedBy: 'coord',
    };
    const minutes: Minutes = {
      callId: s.callId,
      number: 2,
      mode: 'consensus',
      tableId: 'x',
      tableName: 'Table PSJP',
      present: [{ userId: 'm1', name: 'm1', represents: 'CLSC', voting: true }],
      recusals: [],
      tallies: null,
      openBallots: null,
      rules: null,
      dissent: null,
      adopted: true,
      recommendation,
      recordedAt: at,
      recordedBy: 'coord',
      recordedByName: 'coord',
    };
    const fail = () => new AlreadyExistsError({ fr: '', en: '' });
    await putNew(h.db, keys.recommendation(h.tenantId, s.callId), 'Recommendation', recommendation, fail);
    await putNew(h.db, keys.minutes(h.tenantId, s.callId, 2), 'Minutes', minutes, fail);
  }

  it('waits for the table to adopt a recommendation; then accepts it as it is', async () => {
    const before = await problem(await post(s, 'manager', { basis: 'recommendation' }), 409);
    expect(before.detail).toContain('La table n’a pas encore adopté de recommandation');
    // The administration's bases are not for a call with a table.
    await problem(await post(s, 'manager', { basis: 'manual', lines: [] }), 409);
    await nothingStored(s);
    expect((await h.json('GET', decision(s), { as: 'manager', expect: 200 })).basis).toBeNull();

    await adopted();
    const view = await h.json('GET', decision(s), { as: 'm1', expect: 200 });
    expect(view).toMatchObject({ tendency: 'concertation', basis: { number: 2, adoptionMode: 'consensus', total: 2_700_000 } });
    expect(view.basis.lines).toHaveLength(2);

    const d = await h.json('POST', decision(s), { as: 'manager', body: { basis: 'recommendation' }, expect: 201 });
    expect(d).toMatchObject({ tendency: 'concertation', basedOn: { kind: 'recommendation', number: 2 }, total: 2_700_000 });
    expect(d.lines.find((l: { proposalId: string }) => l.proposalId === s.p1)).toMatchObject({
      amount: 1_700_000,
      years: 2,
      perYear: [850_000, 850_000],
      supplement: { amount: 200_000, reason: 'Transport en région' },
      recommended: 1_700_000,
      departure: null,
    });
    expect(d.lines.every((l: { departure: unknown }) => l.departure === null)).toBe(true);
    // A line the table adjusted is decided with the adjustment's reason (the scenario's no longer explains its amount).
    expect(d.lines.find((l: { proposalId: string }) => l.proposalId === s.p2)).toMatchObject({ amount: 1_000_000, reason: 'La table garde une réserve' });
    expect(d.lines.find((l: { proposalId: string }) => l.proposalId === s.p1).reason).toBe('Recommandé par la table');
    expect((await decisionEvents(s.callId)).map((e) => e.kind)).toEqual(['decision-recorded']);
    await problem(await post(s, 'manager', { basis: 'recommendation' }), 409);
  });

  it('departs from a line only with a written reason, and marks it', async () => {
    await adopted();
    const departure = { proposalId: s.p2, amount: 800_000, years: 1, reason: '' };
    const refused = await problem(await post(s, 'manager', { basis: 'recommendation', departures: [departure] }), 422);
    expect(refused.detail).toContain('écart');
    await problem(await post(s, 'manager', { basis: 'recommendation', departures: [{ ...departure, amount: 1_500_000, reason: 'Plus' }] }), 422);
    await nothingStored(s);

    const d = await h.json('POST', decision(s), {
      as: 'manager',
      body: { basis: 'recommendation', departures: [{ ...departure, reason: 'Le CLSC finance déjà une partie du transport' }] },
      expect: 201,
    });
    expect(d.lines.find((l: { proposalId: string }) => l.proposalId === s.p2)).toMatchObject({
      amount: 800_000,
      recommended: 1_000_000,
      departure: { reason: 'Le CLSC finance déjà une partie du transport' },
    });
    expect(d.total).toBe(2_500_000);
    expect((await decisionEvents(s.callId))[0]).toMatchObject({ after: { departures: 1, basis: 'recommendation' } });
  });

  it('lets the table’s members and coordinators read the decision, not a member who does not sit at it nor another table’s coordinator', async () => {
    await adopted();
    await h.json('POST', decision(s), { as: 'manager', body: { basis: 'recommendation' }, expect: 201 });
    expect((await h.request('GET', decision(s), { as: 'm1' })).status).toBe(200);
    expect((await h.request('GET', decision(s), { as: 'coord' })).status).toBe(200);
    await h.json('POST', '/api/t/{t}/tables', { as: 'manager', body: { name: 'Autre table', description: '', coordinatorIds: ['coord2'] }, expect: 201 });
    expect((await problem(await h.request('GET', decision(s), { as: 'coord2' }), 403)).detail).toContain('table');
    expect((await problem(await h.request('GET', decision(s), { as: 'outsider' }), 403)).detail).toContain('table');
    expect((await h.request('GET', `${decision(s)}/letters/${s.p1}`, { as: 'outsider' })).status).toBe(403);
    expect((await h.request('GET', `${decision(s)}/letters/${s.p1}`, { as: 'orgrep' })).status).toBe(200);
    expect((await h.request('GET', `${decision(s)}/letters/${s.p1}`, { as: 'orgrep2' })).status).toBe(404);
    const letter = await h.json('GET', `${decision(s)}/letters/${s.p2}`, { as: 'orgrep2', expect: 200 });
    expect(letter).toMatchObject({ institution: 'Test', signatory: 'manager', funded: true, amount: 1_000_000, amendments: [] });
  });
});
