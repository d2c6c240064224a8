/**
 * The public results (no account) against DynamoDB Local: nothing before the
 * decision (the same 404 as an unknown tenant or call), the content after it
 * in the three ways a call is adopted (table vote, consensus, manager alone),
 * never a person, caching (ETag, 304, Cache-Control; problems not cached),
 * the CSV for Excel in French, another tenant's call, malformed ids, and the
 * same answer for every role and for no account at all.
 *
 * The decisions and recommendations are written here through the keys and the
 * shared shapes (shared/decision.ts, shared/recommendation.ts), as their
 * contexts store them.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { getItem, putNew, toItem } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import type { Decision, DecisionLine } from '../../shared/decision';
import { AlreadyExistsError } from '../../shared/errors';
import type { LineTally, Minutes, Recommendation, RecommendationLine } from '../../shared/recommendation';
import { createHarness, fixtures, setupCall, type Harness } from '../support/harness';

let h: Harness;
/** Call A: adopted by a table vote, one departure, one amendment. B: consensus with a dissent. C: no table, an equal split. D: not decided. */
let callA: string;
let callB: string;
let callC: string;
let callD: string;
const OTHER_TENANT = 'autre-etablissement-test';

/** The people of the fixtures: none of these strings may ever reach a public answer. */
const PEOPLE = [
  { id: 'u-josee-tremblay-41', name: 'Josée Tremblay' },
  { id: 'u-marc-gagnon-77', name: 'Marc Gagnon' },
  { id: 'u-line-bouchard-12', name: 'Line Bouchard' },
  { id: 'u-helene-roy-manager', name: 'Hélène Roy' },
  { id: 'u-paul-cote-coord', name: 'Paul Côté' },
];
const [josee, marc, line, helene, paul] = PEOPLE as [(typeof PEOPLE)[0], (typeof PEOPLE)[0], (typeof PEOPLE)[0], (typeof PEOPLE)[0], (typeof PEOPLE)[0]];

const AT = '2027-03-10T15:00:00.000Z';
const audit = { version: 1, createdAt: AT, createdBy: paul.id, updatedAt: AT, updatedBy: paul.id };

const ORGS = {
  halte: { proposalId: 'prop-halte', organizationId: 'org-halte', organizationName: 'Maison de la famille', title: 'Halte-répit' },
  cuisine: { proposalId: 'prop-cuisine', organizationId: 'org-cuisine', organizationName: 'Cuisine collective', title: 'Ateliers de cuisine' },
  refused: { proposalId: 'prop-refuse', organizationId: 'org-refuse', organizationName: 'Organisme non retenu', title: 'Projet non retenu' },
  cut: { proposalId: 'prop-coupe', organizationId: 'org-coupe', organizationName: 'Organisme écarté', title: 'Projet écarté par la gestionnaire' },
};

function recLine(o: (typeof ORGS)['halte'], amount: number, over: Partial<RecommendationLine> = {}): RecommendationLine {
  return {
    ...o,
    requested: 1_000_000,
    minimum: 500_000,
    durationYears: 2,
    amount,
    years: amount > 0 ? 2 : 1,
    reason: 'Note élevée',
    scenarioAmount: amount,
    adjustmentReason: null,
    supplement: null,
    ...over,
  };
}

function decisionLine(o: (typeof ORGS)['halte'], amount: number, over: Partial<DecisionLine> = {}): DecisionLine {
  const years = (over.years ?? (amount > 0 ? 2 : 1)) as 1 | 2;
  return {
    ...o,
    requested: 1_000_000,
    amount,
    years,
    perYear: amount === 0 ? [] : years === 2 ? [amount - Math.floor(amount / 2), Math.floor(amount / 2)] : [amount],
    supplement: null,
    reason: `Décision pour ${o.organizationName}`,
    recommended: amount,
    departure: null,
    ...over,
  };
}

async function put(pk: { pk: string; sk: string; gsi1pk?: string; gsi1sk?: string }, entity: string, data: object) {
  await h.db.client.send(new PutItemCommand({ TableName: h.db.table, Item: toItem(pk, entity, data) }));
}

function recommendation(callId: string, lines: RecommendationLine[], mode: 'vote' | 'consensus'): Recommendation {
  return {
    ...audit,
    callId,
    number: 1,
    status: 'adopted',
    basedOn: { scenarioId: 'scen-1', scenarioName: `Scénario de ${paul.name}`, method: 'proportional' },
    lines,
    total: lines.reduce((s, l) => s + l.amount + (l.supplement?.amount ?? 0), 0),
    amountAvailable: 1_500_000,
    adoptionMode: mode,
  };
}

const present = [josee, marc, line].map((p) => ({ userId: p.id, name: p.name, represents: 'Maison de la famille', voting: true }));

function decision(callId: string, over: Partial<Decision>): Decision {
  return {
    ...audit,
    createdBy: helene.id,
    updatedBy: helene.id,
    callId,
    tendency: 'concertation',
    basedOn: { kind: 'recommendation', number: 1 },
    lines: [],
    original: [],
    total: 0,
    amendments: [],
    decidedAt: AT,
    decidedBy: helene.id,
    decidedByName: helene.name,
    ...over,
  };
}

async function writeDecision(d: Decision) {
  await put({ ...keys.decision(h.tenantId, d.callId), ...keys.decisionIndex(h.tenantId, d.callId) }, 'Decision', d);
}

/** Call A: a vote on the table (open ballots, so names are in the minutes), Marc recused from the halte line. */
async function decideA() {
  const lines = [recLine(ORGS.halte, 900_000), recLine(ORGS.cuisine, 600_000), recLine(ORGS.refused, 0), recLine(ORGS.cut, 500_000)];
  const rec = recommendation(callA, lines, 'vote');
  const tallies: LineTally[] = [
    { proposalId: 'prop-halte', electorate: 2, quorum: 2, for: 2, against: 0, abstain: 0, recused: 1, outcome: 'passed' },
    { proposalId: 'prop-cuisine', electorate: 3, quorum: 2, for: 2, against: 0, abstain: 1, recused: 0, outcome: 'passed' },
    { proposalId: 'prop-refuse', electorate: 3, quorum: 2, for: 3, against: 0, abstain: 0, recused: 0, outcome: 'passed' },
    { proposalId: 'prop-coupe', electorate: 3, quorum: 2, for: 2, against: 1, abstain: 0, recused: 0, outcome: 'passed' },
  ];
  const minutes: Minutes = {
    callId: callA,
    number: 1,
    mode: 'vote',
    tableId: 'table-1',
    tableName: 'Table de concertation',
    present,
    recusals: [{ proposalId: 'prop-halte', userId: marc.id, name: marc.name, reason: 'represents' }],
    tallies,
    openBallots: [josee, line].map((p) => ({ userId: p.id, name: p.name, choices: { 'prop-halte': 'for' as const } })),
    rules: { quorum: null, majority: 'simple', secret: false },
    dissent: null,
    adopted: true,
    recommendation: rec,
    recordedAt: AT,
    recordedBy: paul.id,
    recordedByName: paul.name,
  };
  await put(keys.recommendation(h.tenantId, callA), 'Recommendation', rec);
  await put(keys.minutes(h.tenantId, callA, 1), 'Minutes', minutes);
  const original = [
    decisionLine(ORGS.halte, 900_000),
    decisionLine(ORGS.cuisine, 500_000, { recommended: 600_000, departure: { reason: 'Le budget de cuisine comprend du matériel déjà financé.' } }),
    decisionLine(ORGS.refused, 0),
    decisionLine(ORGS.cut, 0, { recommended: 500_000, departure: { reason: 'Le projet chevauche un service déjà offert.' } }),
  ];
  const amended = decisionLine(ORGS.halte, 1_000_000, { recommended: 900_000, supplement: null });
  await writeDecision(
    decision(callA, {
      lines: [amended, original[1]!, original[2]!, original[3]!],
      original,
      total: 1_500_000,
      amendments: [
        {
          number: 1,
          at: '2027-04-02T14:00:00.000Z',
          by: helene.id,
          byName: helene.name,
          reason: 'Montant corrigé après la révision du budget',
          changes: [{ proposalId: 'prop-halte', before: original[0]!, after: amended }],
        },
      ],
    }),
  );
}

/** Call B: a consensus with a dissent that names someone; a transport supplement. */
async function decideB() {
  const lines = [recLine(ORGS.halte, 400_000, { supplement: { amount: 50_000, reason: 'Transport en région' } })];
  const rec = recommendation(callB, lines, 'consensus');
  const minutes: Minutes = {
    callId: callB,
    number: 1,
    mode: 'consensus',
    tableId: 'table-1',
    tableName: 'Table de concertation',
    present,
    recusals: [],
    tallies: null,
    openBallots: null,
    rules: null,
    dissent: `${marc.name} aurait préféré un partage égal.`,
    adopted: true,
    recommendation: rec,
    recordedAt: AT,
    recordedBy: paul.id,
    recordedByName: paul.name,
  };
  await put(keys.recommendation(h.tenantId, callB), 'Recommendation', rec);
  await put(keys.minutes(h.tenantId, callB, 1), 'Minutes', minutes);
  const l = decisionLine(ORGS.halte, 450_000, { years: 1, supplement: { amount: 50_000, reason: 'Transport en région' } });
  await writeDecision(decision(callB, { lines: [l], original: [l], total: 450_000 }));
}

/** Call C: no table, the manager decides alone from an equal split. */
async function decideC() {
  await put(keys.scenario(h.tenantId, callC, 'scen-eq'), 'Scenario', {
    id: 'scen-eq',
    callId: callC,
    name: 'Partage égal',
    method: 'equal',
    createdBy: helene.id,
  });
  const lines = [decisionLine(ORGS.halte, 400_000, { years: 1 }), decisionLine(ORGS.cuisine, 400_000, { years: 1 })];
  await writeDecision(
    decision(callC, {
      tendency: 'administration',
      basedOn: { kind: 'scenario', scenarioId: 'scen-eq', scenarioName: 'Partage égal' },
      lines,
      original: lines,
      total: 800_000,
    }),
  );
}

async function newCall(envelopeId: string, over: Record<string, unknown>) {
  const call = await h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(envelopeId, over), expect: 201 });
  return (await h.json('POST', `/api/t/{t}/calls/${call.id}/publish`, { as: 'manager', body: { version: call.version }, expect: 200 })).id as string;
}

const results = (callId: string, tenant = h.tenantId, suffix = '') => `/api/public/results/${tenant}/calls/${callId}${suffix}`;

beforeAll(async () => {
  h = await createHarness();
  const { env, call } = await setupCall(h, { amountAvailable: 1_500_000, maxRequest: 1_000_000 });
  callA = call.id;
  callB = await newCall(env.id, { title: 'Appel B', amountAvailable: 800_000, maxRequest: 800_000 });
  callC = await newCall(env.id, { title: 'Appel C', amountAvailable: 800_000, maxRequest: 800_000 });
  callD = await newCall(env.id, { title: 'Appel D', amountAvailable: 100_000, maxRequest: 100_000 });
  const tenant = (t: string, name: string) =>
    putNew(h.db, { ...keys.tenant(t), ...keys.tenantIndex(t) }, 'Tenant', { id: t, name, createdAt: AT }, () => new AlreadyExistsError({ fr: '', en: '' }));
  await tenant(h.tenantId, 'CISSS de test');
  await tenant(OTHER_TENANT, 'Autre établissement').catch(() => undefined);
  await h.addMember('member', ['member']);
});

/** A problem without its correlation id: what tells one 404 from another, if anything. */
async function problemOf(res: Response) {
  const { correlationId: _, ...rest } = await res.json();
  return { status: res.status, cacheControl: res.headers.get('Cache-Control'), etag: res.headers.get('ETag'), type: res.headers.get('Content-Type'), rest };
}

describe('before the decision', () => {
  it('answers exactly as for an unknown call or tenant, and nothing is cached', async () => {
    const undecided = await problemOf(await h.request('GET', results(callA)));
    expect(undecided.status).toBe(404);
    expect(undecided.cacheControl).toBe('no-store');
    expect(undecided.etag).toBeNull();
    expect(undecided.type).toMatch(/^application\/problem\+json/);
    expect(await problemOf(await h.request('GET', results('call-inconnu-123')))).toEqual(undecided);
    expect(await problemOf(await h.request('GET', results(callA, 'etablissement-inconnu')))).toEqual(undecided);
    expect(await problemOf(await h.request('GET', results(callA, h.tenantId, '/results.csv')))).toEqual(undecided);
    expect(await problemOf(await h.request('GET', results(callA, h.tenantId, '/results.json')))).toEqual(undecided);
  });

  it('lists no call of the institution until one is decided', async () => {
    const index = await h.json('GET', `/api/public/results/${h.tenantId}`, { expect: 200 });
    expect(index).toEqual({ tenantId: h.tenantId, institution: 'CISSS de test', calls: [] });
  });

  it('answers an unknown institution’s list with the same 404', async () => {
    const res = await h.request('GET', '/api/public/results/etablissement-inconnu');
    expect(res.status).toBe(404);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });
});

describe('after the decisions', () => {
  beforeAll(async () => {
    await Promise.all([decideA(), decideB(), decideC()]);
  });

  it('publishes a call adopted by a table vote: funded lines, tallies with recusals counted, departures and amendments', async () => {
    const r = await h.json('GET', results(callA), { expect: 200 });
    expect(r).toMatchObject({
      tenantId: h.tenantId,
      callId: callA,
      institution: 'CISSS de test',
      envelope: { title: fixtures.envelope.title, program: 'PSJP', fiscalYear: 2026 },
      call: { title: 'Appel PSJP', amountAvailable: 1_500_000 },
      tendency: 'concertation',
      basis: 'recommendation',
      method: { code: 'proportional', label: { fr: 'Réduction proportionnelle', en: 'Proportional reduction' } },
      decidedOn: '2027-03-10',
      total: 1_500_000,
      notFunded: 2,
    });
    expect(r.funded).toEqual([
      { organizationName: 'Cuisine collective', title: 'Ateliers de cuisine', amount: 500_000, years: 2, perYear: [250_000, 250_000], supplement: null },
      { organizationName: 'Maison de la famille', title: 'Halte-répit', amount: 1_000_000, years: 2, perYear: [500_000, 500_000], supplement: null },
    ]);
    // The project not retained is counted, never named: its tally is published without its names.
    expect(JSON.stringify(r)).not.toContain('Organisme non retenu');
    expect(JSON.stringify(r)).not.toContain('Projet non retenu');
    expect(JSON.stringify(r)).not.toContain('écarté');
    expect(r.adoption.lines.slice(2)).toEqual([
      expect.objectContaining({ organizationName: null, title: null, for: 3, against: 0 }),
      expect.objectContaining({ organizationName: null, title: null, for: 2, against: 1 }),
    ]);
    expect(r.adoption).toMatchObject({ mode: 'vote', members: 3, majority: 'simple', secret: false, closedOn: '2027-03-10' });
    const halte = r.adoption.lines.find((l: { title: string }) => l.title === 'Halte-répit');
    expect(halte).toEqual({
      organizationName: 'Maison de la famille',
      title: 'Halte-répit',
      electorate: 2,
      quorum: 2,
      for: 2,
      against: 0,
      abstain: 0,
      recused: 1,
      outcome: 'passed',
    });
    expect(r.departures).toEqual([
      {
        organizationName: 'Cuisine collective',
        title: 'Ateliers de cuisine',
        recommended: 600_000,
        decided: 500_000,
        reason: 'Le budget de cuisine comprend du matériel déjà financé.',
      },
      // A departure that leaves a project without funding: its reason is published, its names are not.
      { organizationName: null, title: null, recommended: 500_000, decided: 0, reason: 'Le projet chevauche un service déjà offert.' },
    ]);
    expect(r.amendments).toEqual([
      {
        number: 1,
        on: '2027-04-02',
        reason: 'Montant corrigé après la révision du budget',
        changes: [{ organizationName: 'Maison de la famille', title: 'Halte-répit', before: 900_000, after: 1_000_000 }],
      },
    ]);
  });

  it('publishes a consensus as reached, with the number present and that a dissent was noted, never its words', async () => {
    const r = await h.json('GET', results(callB), { expect: 200 });
    expect(r.adoption).toEqual({ mode: 'consensus', present: 3, dissentNoted: true, reachedOn: '2027-03-10' });
    expect(JSON.stringify(r)).not.toContain('partage égal');
    expect(r.funded).toEqual([
      {
        organizationName: 'Maison de la famille',
        title: 'Halte-répit',
        amount: 450_000,
        years: 1,
        perYear: [450_000],
        supplement: { amount: 50_000, reason: 'Transport en région' },
      },
    ]);
  });

  it('publishes a call without a table as the manager’s decision without a table vote, with the scenario’s method', async () => {
    const r = await h.json('GET', results(callC), { expect: 200 });
    expect(r).toMatchObject({ tendency: 'administration', basis: 'scenario', adoption: { mode: 'administration' }, method: { code: 'equal' }, total: 800_000 });
    expect(r.departures).toEqual([]);
  });

  it('never holds a person: no name, no user id, in any route or download', async () => {
    const forbidden = PEOPLE.flatMap((p) => [p.id, p.name, p.name.split(' ')[1]!]);
    const strings = (v: unknown): string[] =>
      typeof v === 'string'
        ? [v]
        : Array.isArray(v)
          ? v.flatMap(strings)
          : v && typeof v === 'object'
            ? Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)])
            : [];
    const bodies: string[] = [];
    for (const id of [callA, callB, callC]) {
      const json = await h.json('GET', results(id), { expect: 200 });
      bodies.push(...strings(json));
      const download = await h.request('GET', results(id, h.tenantId, '/results.json'));
      bodies.push(...strings(await download.json()));
      bodies.push(await (await h.request('GET', results(id, h.tenantId, '/results.csv'))).text());
    }
    bodies.push(...strings(await h.json('GET', `/api/public/results/${h.tenantId}`, { expect: 200 })));
    for (const text of bodies) for (const f of forbidden) expect(text, `“${f}” in “${text}”`).not.toContain(f);
    // The staff of the harness too (the call's creator, the manager who published it).
    for (const text of bodies) for (const f of ['manager@test', 'coord', 'orgrep']) expect(text).not.toContain(f);
  });

  it('lists the decided calls of the institution, not the undecided one', async () => {
    const index = await h.json('GET', `/api/public/results/${h.tenantId}`, { expect: 200 });
    expect(index.calls.map((c: { callId: string }) => c.callId).sort()).toEqual([callA, callB, callC].sort());
    expect(index.calls.find((c: { callId: string }) => c.callId === callA)).toEqual({
      callId: callA,
      title: 'Appel PSJP',
      envelopeTitle: fixtures.envelope.title,
      fiscalYear: 2026,
      decidedOn: '2027-03-10',
      total: 1_500_000,
      funded: 2,
    });
    expect((await h.request('GET', results(callD))).status).toBe(404);
  });

  it('is cacheable: public Cache-Control, a strong ETag of the body, 304 without a body for If-None-Match', async () => {
    for (const suffix of ['', '/results.csv', '/results.json']) {
      const first = await h.request('GET', results(callA, h.tenantId, suffix));
      expect(first.status).toBe(200);
      expect(first.headers.get('Cache-Control')).toBe('public, max-age=300, stale-while-revalidate=60');
      const etag = first.headers.get('ETag')!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      const body = await first.text();
      const again = await h.request('GET', results(callA, h.tenantId, suffix));
      expect(again.headers.get('ETag')).toBe(etag);
      expect(await again.text()).toBe(body);
      for (const header of [etag, `W/${etag}`, `"autre", ${etag}`, '*']) {
        const notModified = await h.request('GET', results(callA, h.tenantId, suffix), { headers: { 'If-None-Match': header } });
        expect(notModified.status).toBe(304);
        expect(await notModified.text()).toBe('');
        expect(notModified.headers.get('ETag')).toBe(etag);
        expect(notModified.headers.get('Cache-Control')).toBe('public, max-age=300, stale-while-revalidate=60');
      }
      const stale = await h.request('GET', results(callA, h.tenantId, suffix), { headers: { 'If-None-Match': '"une-autre-version"' } });
      expect(stale.status).toBe(200);
      expect(await stale.text()).toBe(body);
    }
  });

  it('changes its ETag when the decision is amended', async () => {
    const before = (await h.request('GET', results(callC))).headers.get('ETag');
    const stored = (await getItem<Decision>(h.db, keys.decision(h.tenantId, callC), true))!;
    const lines = stored.lines.map((l) => (l.proposalId === 'prop-cuisine' ? decisionLine(ORGS.cuisine, 300_000, { years: 1 }) : l));
    await writeDecision({ ...stored, lines, version: stored.version + 1 });
    const after = await h.request('GET', results(callC), { headers: { 'If-None-Match': before! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(before);
    expect((await after.json()).total).toBe(700_000);
  });

  it('downloads a CSV for Excel in French: BOM, semicolons, decimal comma, CRLF, as an attachment', async () => {
    const res = await h.request('GET', results(callB, h.tenantId, '/results.csv'));
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="resultats-${callB}.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const rows = text.split('\r\n');
    expect(rows.at(-1)).toBe('');
    expect(rows).toContain('Établissement;CISSS de test');
    expect(rows).toContain('Montant disponible ($);8000');
    expect(rows).toContain('Organisme;Projet;Montant accordé ($);Années;Année 1 ($);Année 2 ($);Supplément ($);Raison du supplément');
    expect(rows).toContain('Maison de la famille;Halte-répit;4500;1;4500;;500;Transport en région');
    expect(rows).toContain('Autres projets non retenus;0');
    const a = await (await h.request('GET', results(callA, h.tenantId, '/results.csv'))).text();
    expect(a).toContain('Méthode;Réduction proportionnelle');
    expect(a).toContain('Autres projets non retenus;2');
    expect(a).not.toContain('non retenu;');
  });

  it('downloads the JSON as an attachment, the same results as the page', async () => {
    const res = await h.request('GET', results(callA, h.tenantId, '/results.json'));
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="resultats-${callA}.json"`);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(await h.json('GET', results(callA), { expect: 200 }));
  });

  it('answers every role, an invalid token and no account alike', async () => {
    const expected = await (await h.request('GET', results(callA))).text();
    const roles = ['manager', 'coord', 'member', 'orgrep'];
    for (const as of roles) {
      const res = await h.request('GET', results(callA), { as });
      expect(res.status, as).toBe(200);
      expect(await res.text()).toBe(expected);
    }
    const forged = await h.request('GET', results(callA), { headers: { Authorization: 'Bearer pas-un-jeton' } });
    expect(forged.status).toBe(200);
    expect(await forged.text()).toBe(expected);
  });

  it('never answers another institution’s call under this one, nor this one’s under another', async () => {
    const res = await h.request('GET', results(callA, OTHER_TENANT));
    expect(res.status).toBe(404);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const other = await h.json('GET', `/api/public/results/${OTHER_TENANT}`, { expect: 200 });
    expect(other.calls.map((c: { callId: string }) => c.callId)).not.toContain(callA);
  });

  it('answers malformed ids with the 404 problem, without reading anything', async () => {
    const bad = [
      results('CALL%23DECISION'),
      results(`${callA}%23DECISION`),
      results('a'.repeat(300)),
      results(callA, 'T%23x'),
      results(callA, 'A-Majuscule'),
      results('..'),
      '/api/public/results/%23',
      `/api/public/results/${'t'.repeat(200)}`,
      results(`${callA}%00`, h.tenantId, '/results.csv'),
    ];
    for (const path of bad) {
      const res = await h.request('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('Content-Type'), path).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('Cache-Control'), path).toBe('no-store');
    }
  });

  it('takes no writes: other methods are refused and the decision stays as it was', async () => {
    const before = await getItem<Decision>(h.db, keys.decision(h.tenantId, callA), true);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await h.request(method, results(callA), { body: { total: 0 } });
      expect(res.status, method).toBeGreaterThanOrEqual(400);
      expect(res.status, method).toBeLessThan(500);
      expect(res.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    }
    expect(await getItem<Decision>(h.db, keys.decision(h.tenantId, callA), true)).toEqual(before);
  });
});
