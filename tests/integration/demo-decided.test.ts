/**
 * The demo's decided call (functions/local/demo-decided.ts), seeded with the
 * whole demo into a table of its own on DynamoDB Local and read through the
 * API as a newcomer would: the public results list it and show its funded
 * lines, its tallies (no one named) and the manager's departure; each
 * organization finds its own outcome in "Mes projets"; the call's history
 * holds every step, in that year, adoption and decision included. Seeding
 * again changes nothing, and a run interrupted before the decision is
 * finished by the next one.
 */
import { DeleteItemCommand, DeleteTableCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../functions/lib/ids';
import { keys } from '../../functions/lib/keys';
import { DEMO_TENANT, seedDemo } from '../../functions/local/demo';
import { DEMO_DECIDED_CALL_ID } from '../../functions/local/demo-decided';
import { SEED_003_PROGRAM } from '../../functions/local/demo-reports';
import { ensureTable } from '../../functions/local/table';
import type { CallEvent } from '../../shared/call-history';
import { createHarness, type Harness } from '../support/harness';
import type { Agreement } from '../../shared/agreements';

const T = DEMO_TENANT.id;
const CALL = DEMO_DECIDED_CALL_ID;
/** 2026-11-23: the fiscal year 2026-2027; the decided call is that of 2024-2025. */
const NOW = new Date('2026-11-23T15:00:00Z');
const TABLE = `enveloppe-demo-${newId()}`;

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ now: NOW, table: TABLE });
  await ensureTable(h.db.client, TABLE);
  expect(await seedDemo(h.db, NOW)).toBe(true);
});

afterAll(async () => {
  await h.db.client.send(new DeleteTableCommand({ TableName: TABLE }));
});

/** Every item of the table, sorted by key, as stored. */
async function scanAll(): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await h.db.client.send(new ScanCommand({ TableName: TABLE, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const key = (i: Record<string, AttributeValue>) => `${i.pk?.S}\u0000${i.sk?.S}`;
  return items.sort((a, b) => key(a).localeCompare(key(b)));
}

const history = async (): Promise<CallEvent[]> => (await h.json('GET', `/api/t/${T}/calls/${CALL}/history`, { as: 'demo-gestionnaire', expect: 200 })).items;

const PEOPLE = ['Sophie Lavoie', 'Nadia Roy', 'Julie Bergeron', 'Luc Tremblay', 'Martine Gagnon', 'demo-membre', 'demo-gestionnaire', 'demo-coordination'];

describe('the demo’s decided call', () => {
  it('is listed in the institution’s public results, with its year, total and funded proposals', async () => {
    const index = await h.json('GET', `/api/public/results/${T}`, { expect: 200 });
    expect(index.calls).toHaveLength(1);
    expect(index.calls[0]).toEqual({
      callId: CALL,
      title: 'Appel à projets PSJP 2024-2025 — volet communautaire',
      envelopeTitle: 'Volet communautaire PSJP 2024-2025',
      fiscalYear: 2024,
      decidedOn: '2024-12-03',
      total: 2_950_000,
      funded: 4,
    });
  });

  it('shows, without an account, the funded lines, the secret vote’s tallies per line and the manager’s departure, naming no one', async () => {
    const res = await h.request('GET', `/api/public/results/${T}/calls/${CALL}`);
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r).toMatchObject({
      call: { amountAvailable: 3_000_000 },
      envelope: { fiscalYear: 2024 },
      tendency: 'concertation',
      basis: 'recommendation',
      method: { code: 'proportional' },
      decidedOn: '2024-12-03',
      total: 2_950_000,
      notFunded: 0,
    });
    const funded = Object.fromEntries(r.funded.map((l: { organizationName: string }) => [l.organizationName, l]));
    // The proportional reduction gave 75 % of each request (30 000 $ for 40 000 $); the table lowered Maison de la famille's line
    // to 8 500 $ and gave Répit-Parents a 500 $ supplement; the manager lowered the Carrefour's to 7 000 $.
    expect(funded['Maison de la famille des Basses-Laurentides']).toMatchObject({ amount: 850_000, years: 1, perYear: [850_000], supplement: null });
    expect(funded['Carrefour jeunesse-emploi de la Rivière-du-Nord']).toMatchObject({ amount: 700_000, years: 1, supplement: null });
    expect(funded['Cuisines collectives Le Bon Goût']).toMatchObject({ amount: 675_000, years: 2, perYear: [337_500, 337_500] });
    expect(funded['Répit-Parents des Laurentides']).toMatchObject({ amount: 725_000, supplement: { amount: 50_000 } });
    expect(funded['Répit-Parents des Laurentides'].supplement.reason).toContain('transport');

    // Three voting members then; each recused from their own organization's line (Répit-Parents had no member at the table).
    expect(r.adoption).toMatchObject({ mode: 'vote', members: 3, majority: 'simple', secret: true, closedOn: '2024-11-19' });
    const tally = Object.fromEntries(r.adoption.lines.map((l: { organizationName: string }) => [l.organizationName, l]));
    expect(tally['Maison de la famille des Basses-Laurentides']).toMatchObject({
      electorate: 2,
      quorum: 2,
      for: 2,
      against: 0,
      abstain: 0,
      recused: 1,
      outcome: 'passed',
    });
    expect(tally['Carrefour jeunesse-emploi de la Rivière-du-Nord']).toMatchObject({ electorate: 2, for: 2, against: 0, recused: 1, outcome: 'passed' });
    expect(tally['Cuisines collectives Le Bon Goût']).toMatchObject({ electorate: 2, for: 1, against: 0, abstain: 1, recused: 1, outcome: 'passed' });
    expect(tally['Répit-Parents des Laurentides']).toMatchObject({
      electorate: 3,
      quorum: 2,
      for: 2,
      against: 1,
      abstain: 0,
      recused: 0,
      outcome: 'passed',
    });

    expect(r.departures).toEqual([
      {
        organizationName: 'Carrefour jeunesse-emploi de la Rivière-du-Nord',
        title: 'Cohorte d’employabilité pour jeunes mères',
        recommended: 750_000,
        decided: 700_000,
        reason: expect.stringContaining('Services Québec'),
      },
    ]);
    expect(r.amendments).toEqual([]);
    const text = JSON.stringify(r);
    for (const person of PEOPLE) expect(text).not.toContain(person);
  });

  it('the table’s minutes and the recommendation it adopted: the adjusted line with its reason, the supplement, the secret tallies', async () => {
    const view = await h.json('GET', `/api/t/${T}/calls/${CALL}/recommendation`, { as: 'demo-coordination', expect: 200 });
    expect(view.recommendation).toMatchObject({ status: 'adopted', adoptionMode: 'vote', number: 1, total: 3_000_000 });
    expect(view.recommendation.basedOn).toMatchObject({ method: 'proportional' });
    const famille = view.recommendation.lines.find((l: { proposalId: string }) => l.proposalId === 'dec-1-maison-famille');
    expect(famille).toMatchObject({ amount: 850_000, scenarioAmount: 900_000 });
    expect(famille.adjustmentReason).toContain('La Ville');
    expect(view.vote).toMatchObject({ status: 'closed', closesAt: expect.stringMatching(/^2024-11-19/) });
    const minutes = await h.json('GET', `/api/t/${T}/calls/${CALL}/recommendation/minutes/1`, { as: 'demo-coordination', expect: 200 });
    expect(minutes).toMatchObject({ mode: 'vote', adopted: true, openBallots: null, rules: { secret: true } });
    expect(minutes.recusals.map((x: { userId: string }) => x.userId).sort()).toEqual(['demo-membre-cje', 'demo-membre-cuisines', 'demo-membre-famille']);
  });

  it('each organization reads its own outcome in “Mes projets”, never another’s', async () => {
    const mine = async (sub: string) =>
      (await h.json('GET', `/api/t/${T}/my/outcomes`, { as: sub, expect: 200 })).items.filter((o: { callId: string }) => o.callId === CALL);
    const repit = await mine('demo-organisme-repit');
    expect(repit).toHaveLength(1);
    expect(repit[0]).toMatchObject({
      proposalId: 'dec-4-repit',
      funded: true,
      amount: 725_000,
      supplement: { amount: 50_000 },
      callTitle: 'Appel à projets PSJP 2024-2025 — volet communautaire',
      decidedAt: expect.stringMatching(/^2024-12-03/),
    });
    const cje = await mine('demo-membre-cje');
    expect(cje).toHaveLength(1);
    expect(cje[0]).toMatchObject({ proposalId: 'dec-2-cje', amount: 700_000 });
    expect(cje[0].reason).toContain('Services Québec');
    expect(await mine('demo-membre-famille')).toEqual([expect.objectContaining({ proposalId: 'dec-1-maison-famille', amount: 850_000 })]);
    // Le Grenier solidaire did not answer that call.
    expect(await mine('demo-organisme-grenier')).toEqual([]);
  });

  it('its history holds every step, in order and dated in that fiscal year, with the adoption and the decision', async () => {
    const events = await history();
    expect(events.map((e) => e.kind)).toEqual([
      'call-published',
      'proposal-screened',
      'proposal-screened',
      'proposal-screened',
      'proposal-screened',
      'scenario-computed',
      'recommendation-drafted',
      'adoption-vote-opened',
      'adoption-vote-closed',
      'recommendation-adopted',
      'decision-recorded',
    ]);
    for (const e of events) {
      expect(e.at >= '2024-04-01' && e.at < '2025-04-01').toBe(true);
      // Ballot contents never enter the history.
      expect(JSON.stringify(e)).not.toMatch(/choices|"against"|"abstain"/);
    }
    expect(events.find((e) => e.kind === 'recommendation-adopted')).toMatchObject({ by: 'demo-coordination', after: { mode: 'vote', total: 3_000_000 } });
    expect(events.find((e) => e.kind === 'adoption-vote-closed')).toMatchObject({ after: { ballots: 3, linesPassed: 4, linesFailed: 0 } });
    expect(events.at(-1)).toMatchObject({
      by: 'demo-gestionnaire',
      byName: 'Martine Gagnon',
      after: { basis: 'recommendation', total: 2_950_000, funded: 4, notFunded: 0, departures: 1 },
    });
  });

  it('is not public under another institution, and the history is the staff’s', async () => {
    expect((await h.request('GET', `/api/public/results/another-tenant/calls/${CALL}`)).status).toBe(404);
    const res = await h.request('GET', `/api/t/${T}/calls/${CALL}/history`, { as: 'demo-organisme-repit' });
    expect(res.status).toBe(403);
  });

  it('its agreements went through the routes: signed by both, paid, the reports received, the books equal to their movements', async () => {
    const { agreements, withoutAgreement }: { agreements: Agreement[]; withoutAgreement: unknown[] } = await h.json(
      'GET',
      `/api/t/${T}/calls/${CALL}/agreements`,
      { as: 'demo-gestionnaire', expect: 200 },
    );
    expect(withoutAgreement).toEqual([]);
    const firsts = agreements.filter((a: Agreement) => a.renewalOf === null);
    // One agreement per funded line of the decision (four funded, 29 500 $ in all).
    expect(firsts).toHaveLength(4);
    expect(firsts.reduce((s: number, a: Agreement) => s + a.amount, 0)).toBe(2_950_000);
    for (const a of firsts) {
      expect(a.status).toBe('signed');
      expect(a.signatures.organization?.at.slice(0, 7)).toBe('2025-01');
      expect(a.signatures.institution?.at.slice(0, 10)).toBe('2025-02-02');
      expect(a.original).not.toBeNull();
      // The first year's report handed in and accepted (demo-reports.ts): its obligation met; the two-year
      // workshops' second report is late, so its obligation is still pending.
      const reports = a.obligations.filter((o) => o.kind === 'report');
      expect(reports.filter((o) => o.fiscalYear === 2024).map((o) => o.status)).toEqual(['met']);
      expect(reports.filter((o) => o.fiscalYear === 2025).map((o) => o.status)).toEqual(a.years.length === 2 ? ['pending'] : []);
    }
    // The two-year agreement commits its second year in the next year's envelope (seed 002's CLSC 2).
    const twoYears = firsts.find((a: Agreement) => a.years.length === 2)!;
    expect(twoYears.years.map((y) => [y.fiscalYear, y.envelopeId])).toEqual([
      [2024, 'env-psjp-2024'],
      [2025, 'env-psjp-2025'],
    ]);
    // Paid: the single payments in full; the halte-répit's claims, two of three months approved.
    const periodic = firsts.find((a: Agreement) => a.schedule.kind === 'periodic')!;
    for (const a of firsts.filter((x: Agreement) => x !== periodic)) expect(a.paid).toBe(a.amount);
    const statement = await h.json('GET', `/api/t/${T}/agreements/${periodic.id}/payments`, { as: 'demo-gestionnaire', expect: 200 });
    expect(statement.claims.map((c: { status: string }) => c.status).sort()).toEqual(['approved', 'approved', 'submitted']);
    expect(periodic.paid).toBe(2 * Math.floor(periodic.amount / 4));

    // The envelope's totals (one read) equal the sum of its movements, and what the agreements say.
    for (const env of ['env-psjp-2024', 'env-psjp-2025']) {
      const ledger = await h.json('GET', `/api/t/${T}/envelopes/${env}/ledger?limit=200`, { as: 'demo-gestionnaire', expect: 200 });
      const sum = (k: 'committed' | 'paid') => ledger.movements.items.reduce((s: number, m: Record<string, number>) => s + (m[k] ?? 0), 0);
      expect(ledger.totals.committed).toBe(sum('committed'));
      expect(ledger.totals.paid).toBe(sum('paid'));
      const years = agreements.flatMap((a: Agreement) => (a.status === 'signed' ? a.years.filter((y) => y.envelopeId === env) : []));
      expect(ledger.totals.committed).toBe(years.reduce((s: number, y: { cents: number }) => s + y.cents, 0));
    }
  });

  it('once decided, the call keeps only its lines’ first years on its envelope: the rest is carried over to the next year (CLSC 1’s deferred money)', async () => {
    const before = await h.json('GET', `/api/t/${T}/envelopes/env-psjp-2024`, { as: 'demo-gestionnaire', expect: 200 });
    // What no call promises and no agreement commits: the same figure in both books, and more than nothing.
    expect(before.remaining).toBe(before.ledgerRemaining);
    expect(before.remaining).toBeGreaterThan(0);
    await h.json('POST', `/api/t/${T}/envelopes/env-psjp-2024/carry-over`, {
      as: 'demo-gestionnaire',
      body: { toEnvelopeId: 'env-psjp-2025', cents: before.remaining, reason: 'Solde non engagé de 2024-2025, reporté à la table de 2025-2026.' },
    });
    const after = await h.json('GET', `/api/t/${T}/envelopes/env-psjp-2024`, { as: 'demo-gestionnaire', expect: 200 });
    expect(after).toMatchObject({ remaining: 0, ledgerRemaining: 0, carriedOut: { cents: before.remaining, toEnvelopeId: 'env-psjp-2025' } });
  });

  it('the two-year workshops are renewed for this year at their second year’s amount: sent, the renewal waits for the organization', async () => {
    const { agreements }: { agreements: Agreement[] } = await h.json('GET', `/api/t/${T}/calls/${CALL}/agreements`, { as: 'demo-gestionnaire', expect: 200 });
    const twoYears = agreements.find((a: Agreement) => a.years.length === 2)!;
    const renewals = agreements.filter((a: Agreement) => a.renewalOf !== null);
    expect(renewals).toHaveLength(1);
    const renewal = renewals[0]!;
    expect(renewal).toMatchObject({ renewalOf: twoYears.id, status: 'sent', period: { start: '2026-04-01', end: '2027-03-31' } });
    expect(renewal.years).toEqual([{ fiscalYear: 2026, envelopeId: 'env-psjp-reconduction', cents: twoYears.years[1]!.cents }]);
    expect(twoYears.renewedBy).toBe(renewal.id);
    const mine = await h.json('GET', `/api/t/${T}/my/agreements`, { as: 'demo-membre-cuisines', expect: 200 });
    expect(mine.items.map((x: { agreement: Agreement }) => x.agreement.status).sort()).toEqual(['sent', 'signed']);
    // Julie signs it, then the CLSC: it commits in this year's renewals envelope, not in the one the open call promised.
    const byJulie = await h.json('POST', `/api/t/${T}/agreements/${renewal.id}/signatures/organization`, {
      as: 'demo-membre-cuisines',
      body: { version: renewal.version, title: 'Présidente du conseil d’administration' },
      expect: 200,
    });
    await h.json('POST', `/api/t/${T}/agreements/${renewal.id}/signatures/institution`, {
      as: 'demo-gestionnaire',
      body: { version: byJulie.version, title: 'Cheffe du programme Enfance-famille' },
      expect: 200,
    });
    const renewals2026 = await h.json('GET', `/api/t/${T}/envelopes/env-psjp-reconduction`, { as: 'demo-gestionnaire', expect: 200 });
    expect(renewals2026).toMatchObject({ ledgerCommitted: renewal.amount, committed: renewal.amount });
    // Another organization's representative sees none of them.
    for (const a of [twoYears, ...renewals])
      expect((await h.request('GET', `/api/t/${T}/agreements/${a.id}`, { as: 'demo-organisme-repit' })).status).toBe(404);
  });

  it('holds the decided call’s yearly reports, an obstacle waiting for an answer, and seed 003’s pilot program whose dashboard gives Table 3', async () => {
    const mine = await h.json('GET', `/api/t/${T}/my/reports`, { as: 'demo-membre-cuisines', expect: 200 });
    // The workshops' first report accepted; the second late, not started, with last year's items to carry over
    // (the renewal signed by an earlier test of this file has its own report for this year).
    mine.reports = mine.reports.filter((r: { fiscalYear: number }) => r.fiscalYear < 2026);
    expect(mine.reports.map((r: { fiscalYear: number; status: string }) => [r.fiscalYear, r.status])).toEqual([
      [2025, 'not-started'],
      [2024, 'accepted'],
    ]);
    const late = await h.json('GET', `/api/t/${T}/reports/${mine.reports[0].id}`, { as: 'demo-membre-cuisines', expect: 200 });
    expect(late.report.sections.partenariats).toEqual({
      text: 'Moisson Laurentides (entente formelle) ; Maison de la famille (informel).',
      carriedFrom: 2024,
    });
    const tasks = await h.json('GET', `/api/t/${T}/me/tasks`, { as: 'demo-gestionnaire', expect: 200 });
    expect(tasks.items.map((x: { kind: string }) => x.kind)).toEqual(expect.arrayContaining(['obstacle-reported', 'late-reports']));
    // Seed 003: the five organizations' women accompanied, 2017–2022, and Table 2's obstacle report, answered.
    const boards = await h.json('GET', `/api/t/${T}/report-dashboards`, { as: 'demo-gestionnaire', expect: 200 });
    const pilot = boards.items.find((b: { program: string }) => b.program === SEED_003_PROGRAM);
    const d = await h.json('GET', `/api/t/${T}/report-templates/${pilot.id}/dashboard`, { as: 'demo-gestionnaire', expect: 200 });
    const women = d.indicators.find((x: { indicator: { id: string } }) => x.indicator.id === 'personnes-accompagnees');
    expect(d.years).toEqual([2017, 2018, 2019, 2020, 2021, 2022]);
    expect(women.totals.map((x: { sum: number }) => x.sum)).toEqual([56, 122, 87, 101, 129, 210]);
    expect(d.reports.rows.reduce((s: number, r: { obstacles: number }) => s + r.obstacles, 0)).toBe(1);
    // The PSJP template was made from the default when the first report needed it: by Enveloppe, not by the
    // representative who opened that report.
    const psjp = boards.items.find((b: { program: string }) => b.program.startsWith('PSJP'));
    const detail = await h.json('GET', `/api/t/${T}/report-templates/${psjp.id}`, { as: 'demo-gestionnaire', expect: 200 });
    expect(detail.versions[0]).toMatchObject({ number: 1, byName: 'Enveloppe (modèle par défaut)' });
  });

  it('seeding again changes nothing', async () => {
    const before = await scanAll();
    expect(await seedDemo(h.db, new Date(NOW.getTime() + 86_400_000))).toBe(false);
    expect(await scanAll()).toEqual(before);
  });

  it('a run interrupted before the decision is finished by the next start: one decision, one event', async () => {
    const events = await history();
    const recorded = events.find((e) => e.kind === 'decision-recorded')!;
    // The decision and its event are one transaction: an interrupted run has neither.
    const decision = keys.decision(T, CALL);
    const event = keys.callEvent(T, CALL, recorded.at, recorded.id);
    for (const k of [decision, event]) await h.db.client.send(new DeleteItemCommand({ TableName: TABLE, Key: marshall({ pk: k.pk, sk: k.sk }) }));
    expect((await h.request('GET', `/api/public/results/${T}/calls/${CALL}`)).status).toBe(404);

    expect(await seedDemo(h.db, NOW)).toBe(false);
    const again = await history();
    expect(again.map((e) => e.kind)).toEqual(events.map((e) => e.kind));
    const results = await h.json('GET', `/api/public/results/${T}/calls/${CALL}`, { expect: 200 });
    expect(results).toMatchObject({ total: 2_950_000, decidedOn: '2024-12-03' });
  });
});
