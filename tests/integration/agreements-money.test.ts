/**
 * The money of service agreements against DynamoDB Local: seed 002's four payment patterns (CLSC 1
 * one payment after signature, CLSC 2 two years each from its envelope, CLSC 3 two installments in
 * two fiscal years, CLSC 4 monthly claims up to a yearly cap), concurrent payments on one agreement,
 * the ledger's totals equal to the sum of its movements, its CSV, the carry-over of a deferred
 * year, and every refusal with nothing stored.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { totalsOfMovements, type Agreement } from '../../shared/agreements';
import { createEnvelope, putOrganizationSigned, putSignedAgreement, signForInstitution } from '../support/agreements';
import { createHarness, fixtures, type Harness } from '../support/harness';

let h: Harness;
let org: { id: string; legalName: string };
let otherOrg: { id: string; legalName: string };
const elsewhere = () => `${h.tenantId}-elsewhere`;
/** When the institution signs the agreements here: before every payment date below (the clock itself is in 2026). */
const SIGNED = '2002-09-20T15:00:00.000Z';

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  await h.addMember('manager', ['manager']);
  await h.addMember('coord', ['coordinator']);
  await h.addMember('m1', ['member']);
  org = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('1111111111'), expect: 201 });
  otherOrg = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('2222222222'), expect: 201 });
  await h.addMember('orgrep', ['organization'], org.id);
  await h.addMember('otherrep', ['organization'], otherOrg.id);
});

const orgOf = (o: { id: string; legalName: string }) => ({ id: o.id, name: o.legalName });
const payments = (a: { id: string }, as = 'manager') => h.json('GET', `/api/t/{t}/agreements/${a.id}/payments`, { as, expect: 200 });
const ledger = (envelopeId: string) => h.json('GET', `/api/t/{t}/envelopes/${envelopeId}/ledger?limit=200`, { as: 'manager', expect: 200 });
const pay = (a: { id: string }, body: Record<string, unknown>, as = 'manager') => h.request('POST', `/api/t/{t}/agreements/${a.id}/payments`, { as, body });

/** The envelope's totals equal the movements' sum, from the amount available before any carry-over. */
async function expectTotalsMatchMovements(envelopeId: string) {
  const l = await ledger(envelopeId);
  const env = await h.json('GET', `/api/t/{t}/envelopes/${envelopeId}`, { as: 'manager', expect: 200 });
  const before = env.computation.available - (env.carriedIn?.cents ?? 0) + (env.carriedOut?.cents ?? 0);
  expect(l.movements.cursor).toBeNull();
  expect(l.totals).toEqual(totalsOfMovements(before, l.movements.items));
  return l;
}

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  const body = await res.json();
  // Amounts are written with Quebec's narrow no-break spaces: compared here with plain ones.
  return { ...body, detail: String(body.detail).replace(/[\u202f\u00a0]/g, ' ') };
}

describe('CLSC 1: one payment shortly after signature', () => {
  let env: { id: string };
  let a: Agreement;

  beforeEach(async () => {
    env = await createEnvelope(h, 2003);
    a = await putOrganizationSigned(h, {
      organization: orgOf(org),
      period: { start: '2003-04-01', end: '2004-03-31' },
      years: [{ fiscalYear: 2003, envelopeId: env.id, cents: 200_000 }],
      schedule: { kind: 'single' },
    });
  });

  it('refuses a payment before signature (409), then pays once signed; above what remains is 422 naming it; nothing stored by a refusal', async () => {
    const before = await problem(await pay(a, { installment: 0, cents: 200_000, paidOn: '2004-02-20', reference: 'Chèque 1001' }), 409);
    expect(before.detail).toMatch(/signée/);
    await signForInstitution(h, a, SIGNED);
    const above = await problem(await pay(a, { installment: 0, cents: 200_001, paidOn: '2004-02-20', reference: 'Chèque 1001' }), 422);
    expect(above.detail).toContain('2 000,00 $');
    expect((await payments(a)).payments).toEqual([]);
    const paid = await h.json('POST', `/api/t/{t}/agreements/${a.id}/payments`, {
      as: 'manager',
      body: { installment: 0, cents: 200_000, paidOn: '2004-02-20', reference: 'Chèque 1001' },
      expect: 201,
    });
    expect(paid).toMatchObject({ cents: 200_000, fiscalYear: 2003, envelopeId: env.id, installment: 0, byName: 'manager' });
    const s = await payments(a);
    expect(s.installments[0]).toMatchObject({ cents: 200_000, paid: 200_000, remaining: 0, dueOn: null });
    expect(s.totalPaid).toBe(200_000);
    expect(s.totalRemaining).toBe(0);
    expect(s.toPay).toEqual({ '2003': 0 });
    // Nothing more: the installment is paid, and so is the agreement.
    await problem(await pay(a, { installment: 0, cents: 1, paidOn: '2004-02-21', reference: 'x' }), 422);
    const l = await expectTotalsMatchMovements(env.id);
    expect(l.totals).toMatchObject({ committed: 200_000, paid: 200_000, toPay: 0 });
    expect(l.movements.items.map((m: { kind: string }) => m.kind)).toEqual(['payment', 'commitment']);
    expect(l.movements.items[0].reference).toBe('Chèque 1001');
  });

  it('refuses a date before the institution’s signature or in the future (on paidOn), an amount above what remains (on cents), an unknown installment, and a periodic agreement’s direct payment: 422, nothing stored', async () => {
    // Signed on 2004-02-10 at 22 h 00 in Montreal: 03:00 UTC on the 11th.
    await signForInstitution(h, a, '2004-02-11T03:00:00.000Z');
    const early = await problem(await pay(a, { installment: 0, cents: 1_000, paidOn: '2004-02-09', reference: 'x' }), 422);
    expect(early.detail).toContain('2004-02-10');
    expect(early.errors).toEqual([
      { path: 'paidOn', code: 'paid-on-before-signature', message: expect.objectContaining({ fr: expect.stringContaining('signature') }) },
    ]);
    h.clock.now = new Date('2004-03-01T15:00:00Z');
    const future = await problem(await pay(a, { installment: 0, cents: 1_000, paidOn: '2004-03-02', reference: 'x' }), 422);
    expect(future.detail).toContain('2004-03-01');
    expect(future.errors.map((e: { path: string }) => e.path)).toEqual(['paidOn']);
    const above = await problem(await pay(a, { installment: 0, cents: 200_001, paidOn: '2004-02-20', reference: 'x' }), 422);
    expect(above.errors.map((e: { path: string }) => e.path)).toEqual(['cents']);
    const none = await problem(await pay(a, { installment: 5, cents: 1_000, paidOn: '2004-02-20', reference: 'x' }), 422);
    expect(none.errors.map((e: { path: string }) => e.path)).toEqual(['installment']);
    const bad = await problem(await pay(a, { installment: 0, cents: 1_000, paidOn: '2004-02-30', reference: 'x' }), 400);
    expect(bad.errors[0].path).toBe('paidOn');
    await problem(await pay(a, { installment: 0, cents: 10.5, paidOn: '2004-02-20', reference: 'x' }), 400);
    await problem(await pay(a, { installment: 0, cents: 1_000, paidOn: '2004-02-20', reference: '' }), 400);
    const periodic = await putSignedAgreement(
      h,
      {
        organization: orgOf(org),
        period: { start: '2003-04-01', end: '2004-03-31' },
        years: [{ fiscalYear: 2003, envelopeId: env.id, cents: 100_000 }],
        schedule: { kind: 'periodic', every: 'month' },
      },
      SIGNED,
    );
    const p = await problem(await pay(periodic, { installment: 0, cents: 1_000, paidOn: '2003-05-01', reference: 'x' }), 422);
    expect(p.detail).toMatch(/réclamation/);
    expect((await payments(a)).payments).toEqual([]);
    expect((await ledger(env.id)).totals.paid).toBe(0);
  });
});

describe('the payment date: from the institution’s signature to today, the period not mattering', () => {
  it('seed 002’s CLSC 1: a one-year agreement (April 2004 – March 2005) paid on 2004-02-20, after its signature on 2004-02-10 and before its period', async () => {
    const env = await createEnvelope(h, 2004);
    h.clock.now = new Date('2004-02-10T20:00:00Z');
    const a = await putSignedAgreement(h, {
      organization: orgOf(org),
      period: { start: '2004-04-01', end: '2005-03-31' },
      years: [{ fiscalYear: 2004, envelopeId: env.id, cents: 200_000 }],
      schedule: { kind: 'single' },
    });
    h.clock.now = new Date('2004-02-20T15:00:00Z');
    // The signature day itself is accepted; the day before is not.
    const before = await problem(await pay(a, { installment: 0, cents: 100_000, paidOn: '2004-02-09', reference: 'x' }), 422);
    expect(before.detail).toContain('2004-02-10');
    expect((await payments(a)).payments).toEqual([]);
    await h.json('POST', `/api/t/{t}/agreements/${a.id}/payments`, {
      as: 'manager',
      body: { installment: 0, cents: 100_000, paidOn: '2004-02-10', reference: 'Chèque 1' },
      expect: 201,
    });
    const paid = await h.json('POST', `/api/t/{t}/agreements/${a.id}/payments`, {
      as: 'manager',
      body: { installment: 0, cents: 100_000, paidOn: '2004-02-20', reference: 'Chèque 2' },
      expect: 201,
    });
    expect(paid).toMatchObject({ paidOn: '2004-02-20', fiscalYear: 2004, envelopeId: env.id });
    expect((await payments(a)).totalRemaining).toBe(0);
    await expectTotalsMatchMovements(env.id);
  });

  it('a March claim approved and paid in April, after the period ended; an approval dated before the signature is refused on paidOn, nothing stored', async () => {
    const env = await createEnvelope(h, 2004);
    h.clock.now = new Date('2004-03-15T15:00:00Z');
    const a = await putSignedAgreement(h, {
      organization: orgOf(org),
      period: { start: '2004-04-01', end: '2005-03-31' },
      years: [{ fiscalYear: 2004, envelopeId: env.id, cents: 120_000 }],
      schedule: { kind: 'periodic', every: 'month' },
    });
    h.clock.now = new Date('2005-04-12T15:00:00Z');
    const march = { start: '2005-03-01', end: '2005-03-31' };
    await h.json('POST', `/api/t/{t}/agreements/${a.id}/claims`, { as: 'orgrep', body: { period: march, cents: 10_000, note: 'Mars' }, expect: 201 });
    const decide = (body: Record<string, unknown>) => h.request('POST', `/api/t/{t}/agreements/${a.id}/claims/${march.start}/approve`, { as: 'manager', body });
    const early = await problem(await decide({ version: 1, paidOn: '2004-03-14', reference: 'x' }), 422);
    expect(early.detail).toContain('2004-03-15');
    expect(early.errors.map((e: { path: string }) => e.path)).toEqual(['paidOn']);
    expect((await payments(a)).claims[0]).toMatchObject({ status: 'submitted', version: 1 });
    expect((await payments(a)).payments).toEqual([]);
    const out = await h.json('POST', `/api/t/{t}/agreements/${a.id}/claims/${march.start}/approve`, {
      as: 'manager',
      body: { version: 1, paidOn: '2005-04-12', reference: 'Virement 12' },
      expect: 200,
    });
    expect(out.payment).toMatchObject({ paidOn: '2005-04-12', cents: 10_000, fiscalYear: 2004 });
    await expectTotalsMatchMovements(env.id);
  });
});

describe('CLSC 3 and CLSC 2: money from each fiscal year’s own envelope', () => {
  it('CLSC 3: two installments over October 2002 – March 2004, each paid from its year’s envelope', async () => {
    const e2002 = await createEnvelope(h, 2002);
    const e2003 = await createEnvelope(h, 2003);
    const a = await putSignedAgreement(
      h,
      {
        organization: orgOf(org),
        period: { start: '2002-10-01', end: '2004-03-31' },
        years: [
          { fiscalYear: 2002, envelopeId: e2002.id, cents: 600_000 },
          { fiscalYear: 2003, envelopeId: e2003.id, cents: 1_200_000 },
        ],
        schedule: {
          kind: 'installments',
          installments: [
            { dueOn: '2002-12-15', cents: 600_000 },
            { dueOn: '2003-04-15', cents: 1_200_000 },
          ],
        },
      },
      SIGNED,
    );
    const s0 = await payments(a);
    expect(s0.installments.map((x: { fiscalYear: number; dueOn: string }) => [x.fiscalYear, x.dueOn])).toEqual([
      [2002, '2002-12-15'],
      [2003, '2003-04-15'],
    ]);
    // The second installment cannot take more than itself, even though the year holds as much.
    await problem(await pay(a, { installment: 0, cents: 600_001, paidOn: '2002-12-16', reference: 'x' }), 422);
    await h.json('POST', `/api/t/{t}/agreements/${a.id}/payments`, {
      as: 'manager',
      body: { installment: 0, cents: 600_000, paidOn: '2002-12-16', reference: 'Dépôt 1' },
      expect: 201,
    });
    const second = await h.json('POST', `/api/t/{t}/agreements/${a.id}/payments`, {
      as: 'manager',
      body: { installment: 1, cents: 1_200_000, paidOn: '2003-04-20', reference: 'Dépôt 2' },
      expect: 201,
    });
    expect(second).toMatchObject({ envelopeId: e2003.id, fiscalYear: 2003 });
    expect((await expectTotalsMatchMovements(e2002.id)).totals).toMatchObject({ committed: 600_000, paid: 600_000 });
    expect((await expectTotalsMatchMovements(e2003.id)).totals).toMatchObject({ committed: 1_200_000, paid: 1_200_000 });
    const s = await payments(a);
    expect(s.payments.map((p: { reference: string }) => p.reference)).toEqual(['Dépôt 2', 'Dépôt 1']);
    expect(s.totalRemaining).toBe(0);
  });

  it('CLSC 2: a two-year agreement pays each year from that year’s envelope (the second on April 1)', async () => {
    const e2004 = await createEnvelope(h, 2004);
    const e2005 = await createEnvelope(h, 2005);
    const a = await putSignedAgreement(
      h,
      {
        organization: orgOf(org),
        period: { start: '2004-04-01', end: '2006-03-31' },
        years: [
          { fiscalYear: 2004, envelopeId: e2004.id, cents: 800_000 },
          { fiscalYear: 2005, envelopeId: e2005.id, cents: 800_000 },
        ],
        schedule: { kind: 'single' },
      },
      SIGNED,
    );
    expect((await payments(a)).installments.map((x: { dueOn: string | null }) => x.dueOn)).toEqual([null, '2005-04-01']);
    for (const [installment, paidOn] of [
      [0, '2004-04-20'],
      [1, '2005-04-05'],
    ] as const)
      await h.json('POST', `/api/t/{t}/agreements/${a.id}/payments`, {
        as: 'manager',
        body: { installment, cents: 800_000, paidOn, reference: `Virement ${installment + 1}` },
        expect: 201,
      });
    expect((await expectTotalsMatchMovements(e2004.id)).totals).toMatchObject({ committed: 800_000, paid: 800_000, toPay: 0 });
    expect((await expectTotalsMatchMovements(e2005.id)).totals).toMatchObject({ committed: 800_000, paid: 800_000, toPay: 0 });
    const mine = await h.json('GET', '/api/t/{t}/my/payments', { as: 'orgrep', expect: 200 });
    expect(mine.items).toEqual([expect.objectContaining({ agreementId: a.id, toPay: 0, paid: 1_600_000, next: null, periodic: false })]);
  });
});

describe('CLSC 4: monthly claims up to a yearly cap', () => {
  let env: { id: string };
  let a: Agreement;
  const claim = (period: { start: string; end: string }, cents: number, as = 'orgrep') =>
    h.request('POST', `/api/t/{t}/agreements/${a.id}/claims`, { as, body: { period, cents, note: 'Haltes du mois' } });
  const april = { start: '2004-04-01', end: '2004-04-30' };
  const may = { start: '2004-05-01', end: '2004-05-31' };
  const june = { start: '2004-06-01', end: '2004-06-30' };

  beforeEach(async () => {
    env = await createEnvelope(h, 2004);
    a = await putSignedAgreement(
      h,
      {
        organization: orgOf(org),
        period: { start: '2004-04-01', end: '2005-03-31' },
        years: [{ fiscalYear: 2004, envelopeId: env.id, cents: 100_000 }],
        schedule: { kind: 'periodic', every: 'month' },
      },
      SIGNED,
    );
  });

  it('claims up to the cap; beyond it 422 naming what remains; a refusal gives back; an approval pays; one claim per period', async () => {
    expect((await claim(april, 40_000)).status).toBe(201);
    expect((await claim(may, 40_000)).status).toBe(201);
    const beyond = await problem(await claim(june, 30_000), 422);
    expect(beyond.detail).toContain('200,00 $');
    const again = await problem(await claim(april, 1_000), 409);
    expect(again.detail).toContain('2004-04-01');
    await problem(await claim({ start: '2004-04-02', end: '2004-04-30' }, 1_000), 422);

    const queue = await h.json('GET', '/api/t/{t}/claims?status=submitted', { as: 'manager', expect: 200 });
    expect(queue.items.map((c: { id: string }) => c.id).sort()).toEqual(['2004-04-01', '2004-05-01']);
    expect(queue.items[0]).toMatchObject({ organizationName: org.legalName, agreementTitle: 'Halte-répit' });

    // The organization cannot decide its own claim; another organization does not see it.
    expect(
      (await h.request('POST', `/api/t/{t}/agreements/${a.id}/claims/2004-05-01/refuse`, { as: 'orgrep', body: { version: 1, reason: 'x' } })).status,
    ).toBe(403);
    expect(
      (
        await h.request('POST', `/api/t/{t}/agreements/${a.id}/claims/2004-05-01/approve`, {
          as: 'otherrep',
          body: { version: 1, paidOn: '2004-06-01', reference: 'x' },
        })
      ).status,
    ).toBe(404);
    await problem(await h.request('POST', `/api/t/{t}/agreements/${a.id}/claims/2004-05-01/refuse`, { as: 'manager', body: { version: 1, reason: '' } }), 400);

    const refused = await h.json('POST', `/api/t/{t}/agreements/${a.id}/claims/2004-05-01/refuse`, {
      as: 'manager',
      body: { version: 1, reason: 'Pièces justificatives manquantes' },
      expect: 200,
    });
    expect(refused.claim).toMatchObject({ status: 'refused', version: 2, decision: { reason: 'Pièces justificatives manquantes', paymentId: null } });
    await problem(
      await h.request('POST', `/api/t/{t}/agreements/${a.id}/claims/2004-05-01/approve`, {
        as: 'manager',
        body: { version: 2, paidOn: '2004-06-01', reference: 'x' },
      }),
      409,
    );
    expect((await claim(june, 30_000)).status).toBe(201);

    await problem(
      await h.request('POST', `/api/t/{t}/agreements/${a.id}/claims/2004-04-01/approve`, {
        as: 'manager',
        body: { version: 7, paidOn: '2004-05-10', reference: 'x' },
      }),
      409,
    );
    const approved = await h.json('POST', `/api/t/{t}/agreements/${a.id}/claims/2004-04-01/approve`, {
      as: 'manager',
      body: { version: 1, paidOn: '2004-05-10', reference: 'Chèque 88' },
      expect: 200,
    });
    expect(approved.claim.status).toBe('approved');
    expect(approved.payment).toMatchObject({ cents: 40_000, claimId: '2004-04-01', installment: null, envelopeId: env.id });
    expect(approved.claim.decision.paymentId).toBe(approved.payment.id);

    const s = await payments(a, 'orgrep');
    expect(s.toPay).toEqual({ '2004': 60_000 });
    expect(s.toClaim).toEqual({ '2004': 30_000 });
    expect(s.claims.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      ['2004-06-01', 'submitted'],
      ['2004-05-01', 'refused'],
      ['2004-04-01', 'approved'],
    ]);
    expect(s.claimPeriods).toHaveLength(12);
    const queueAfter = await h.json('GET', '/api/t/{t}/claims', { as: 'manager', expect: 200 });
    expect(queueAfter.items.map((c: { id: string }) => c.id)).toEqual(['2004-06-01']);
    const mine = await h.json('GET', '/api/t/{t}/my/payments', { as: 'orgrep', expect: 200 });
    expect(mine.items).toEqual([expect.objectContaining({ agreementId: a.id, toPay: 60_000, paid: 40_000, periodic: true, claimsPending: 1 })]);
    // The refused May claim shows on the organization's home page, with its reason, for 60 days.
    expect(mine.items[0].claimsRefused).toEqual([
      { claimId: '2004-05-01', period: may, cents: 40_000, reason: 'Pièces justificatives manquantes', decidedAt: refused.claim.decision.at },
    ]);
    h.clock.now = new Date(new Date(refused.claim.decision.at).getTime() + 60 * 86_400_000);
    expect((await h.json('GET', '/api/t/{t}/my/payments', { as: 'orgrep', expect: 200 })).items[0].claimsRefused).toHaveLength(1);
    h.clock.now = new Date(new Date(refused.claim.decision.at).getTime() + 61 * 86_400_000);
    expect((await h.json('GET', '/api/t/{t}/my/payments', { as: 'orgrep', expect: 200 })).items[0].claimsRefused).toEqual([]);
    expect((await h.json('GET', '/api/t/{t}/my/payments', { as: 'otherrep', expect: 200 })).items).toEqual([]);

    const messages = await h.outbox('orgrep');
    // This agreement's decisions (the outbox holds the whole file's messages, 'orgrep' included).
    const decided = messages.filter((m) => m.kind === 'claim-decided' && m.body.includes(`/ententes/${a.id}/`));
    expect(decided).toHaveLength(2);
    expect(decided.some((m) => m.body.includes('Pièces justificatives manquantes') && m.body.includes(`/ententes/${a.id}/versements`))).toBe(true);
    // The other organization hears nothing of this agreement's claims (the outbox is shared with other files' tests: only this kind counts).
    expect((await h.outbox('otherrep')).filter((m) => m.kind === 'claim-decided')).toEqual([]);
    const l = await expectTotalsMatchMovements(env.id);
    expect(l.totals).toMatchObject({ committed: 100_000, paid: 40_000, toPay: 60_000 });
  });

  it('a refused claim may be submitted again (its refusal kept in previous), then approved; a period waiting or approved refuses another (409)', async () => {
    const decide = (id: string, verb: 'approve' | 'refuse', body: Record<string, unknown>) =>
      h.request('POST', `/api/t/{t}/agreements/${a.id}/claims/${id}/${verb}`, { as: 'manager', body });
    expect((await claim(april, 40_000)).status).toBe(201);
    // Waiting: no second claim for the period, nothing stored.
    const waiting = await problem(await claim(april, 10_000), 409);
    expect(waiting.detail).toMatch(/en attente/);
    expect((await payments(a)).toClaim).toEqual({ '2004': 60_000 });

    expect((await decide('2004-04-01', 'refuse', { version: 1, reason: 'Pièces justificatives manquantes' })).status).toBe(200);
    expect((await payments(a)).toClaim).toEqual({ '2004': 100_000 });
    // A new attempt above what may be claimed, or with bad input, is refused and leaves the refused claim as it was.
    await problem(await claim(april, 100_001), 422);
    await problem(await h.request('POST', `/api/t/{t}/agreements/${a.id}/claims`, { as: 'orgrep', body: { period: april, cents: 1_000, note: '' } }), 400);
    const still = (await payments(a)).claims;
    expect(still).toEqual([expect.objectContaining({ id: '2004-04-01', status: 'refused', version: 2, cents: 40_000 })]);
    expect(still[0].previous).toBeUndefined();
    const again = await claim(april, 35_000);
    expect(again.status).toBe(201);
    const second = await again.json();
    expect(second).toMatchObject({
      id: '2004-04-01',
      status: 'submitted',
      cents: 35_000,
      decision: null,
      version: 3,
      previous: [{ cents: 40_000, note: 'Haltes du mois', submittedBy: 'orgrep', decision: { reason: 'Pièces justificatives manquantes', byName: 'manager' } }],
    });
    let s = await payments(a, 'orgrep');
    expect(s.toClaim).toEqual({ '2004': 65_000 });
    expect(s.claims).toHaveLength(1);
    expect(s.claims[0].previous[0].decision.reason).toBe('Pièces justificatives manquantes');
    expect(s.claimPeriods[0]).toMatchObject({ claimId: '2004-04-01', claimStatus: 'submitted' });
    const queue = await h.json('GET', '/api/t/{t}/claims', { as: 'manager', expect: 200 });
    expect(queue.items).toEqual([expect.objectContaining({ id: '2004-04-01', cents: 35_000, version: 3 })]);

    // The refusal's stale version decides nothing on the new attempt.
    expect((await decide('2004-04-01', 'approve', { version: 2, paidOn: '2004-05-10', reference: 'x' })).status).toBe(409);
    const approved = await h.json('POST', `/api/t/{t}/agreements/${a.id}/claims/2004-04-01/approve`, {
      as: 'manager',
      body: { version: 3, paidOn: '2004-05-10', reference: 'Chèque 90' },
      expect: 200,
    });
    expect(approved.payment).toMatchObject({ cents: 35_000, claimId: '2004-04-01' });
    expect(approved.claim.previous).toHaveLength(1);
    // Approved: the period is closed to another claim, nothing stored.
    const closed = await problem(await claim(april, 5_000), 409);
    expect(closed.detail).toMatch(/approuvée/);
    s = await payments(a, 'orgrep');
    expect(s.toClaim).toEqual({ '2004': 65_000 });
    expect(s.toPay).toEqual({ '2004': 65_000 });
    expect(s.claims.map((c: { status: string; version: number }) => [c.status, c.version])).toEqual([['approved', 4]]);
    expect((await h.json('GET', '/api/t/{t}/claims', { as: 'manager', expect: 200 })).items).toEqual([]);
    // Another organization cannot resubmit it.
    expect((await claim(april, 5_000, 'otherrep')).status).toBe(404);
    const l = await expectTotalsMatchMovements(env.id);
    expect(l.totals).toMatchObject({ committed: 100_000, paid: 35_000 });
  });

  it('two resubmissions of one refused claim at once: exactly one passes, and what may be claimed agrees', async () => {
    expect((await claim(april, 40_000)).status).toBe(201);
    await h.json('POST', `/api/t/{t}/agreements/${a.id}/claims/2004-04-01/refuse`, { as: 'manager', body: { version: 1, reason: 'Montant' }, expect: 200 });
    const results = await Promise.all([claim(april, 30_000), claim(april, 20_000)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const s = await payments(a);
    expect(s.claims).toHaveLength(1);
    expect(s.toClaim).toEqual({ '2004': 100_000 - s.claims[0].cents });
  });

  it('refuses a claim on a single-payment agreement (422), a claim by staff (403) and a claim for a period not begun (422)', async () => {
    const single = await putSignedAgreement(
      h,
      {
        organization: orgOf(org),
        period: { start: '2004-04-01', end: '2005-03-31' },
        years: [{ fiscalYear: 2004, envelopeId: env.id, cents: 50_000 }],
        schedule: { kind: 'single' },
      },
      SIGNED,
    );
    const res = await h.request('POST', `/api/t/{t}/agreements/${single.id}/claims`, { as: 'orgrep', body: { period: april, cents: 1_000, note: 'x' } });
    expect((await problem(res, 422)).detail).toMatch(/versement unique/);
    expect((await claim(april, 1_000, 'manager')).status).toBe(403);
    expect((await claim(april, 1_000, 'otherrep')).status).toBe(404);
    h.clock.now = new Date('2004-05-15T15:00:00Z');
    await problem(await claim(june, 1_000), 422);
    expect((await payments(a)).claims).toEqual([]);
  });
});

describe('concurrency', () => {
  it('concurrent payments on one agreement whose sum exceeds it: exactly the ones that fit pass, and the books agree', async () => {
    const env = await createEnvelope(h, 2004);
    const a = await putSignedAgreement(
      h,
      {
        organization: orgOf(org),
        period: { start: '2004-04-01', end: '2005-03-31' },
        years: [{ fiscalYear: 2004, envelopeId: env.id, cents: 100_000 }],
        schedule: { kind: 'single' },
      },
      SIGNED,
    );
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => pay(a, { installment: 0, cents: 15_000, paidOn: '2004-05-01', reference: `Paiement ${i}` })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(6);
    expect(statuses.filter((s) => s === 422)).toHaveLength(4);
    const s = await payments(a);
    expect(s.totalPaid).toBe(90_000);
    expect(s.toPay).toEqual({ '2004': 10_000 });
    const l = await expectTotalsMatchMovements(env.id);
    expect(l.totals).toMatchObject({ committed: 100_000, paid: 90_000, toPay: 10_000 });
    expect(l.movements.items.filter((m: { kind: string }) => m.kind === 'payment')).toHaveLength(6);
  });
});

describe('the ledger: pages, CSV and carry-over', () => {
  it('pages the movements newest first and exports every one as CSV for Excel in French', async () => {
    const env = await createEnvelope(h, 2004);
    for (const cents of [10_000, 20_000, 30_050]) {
      const a = await putSignedAgreement(
        h,
        {
          organization: orgOf(org),
          period: { start: '2004-04-01', end: '2005-03-31' },
          years: [{ fiscalYear: 2004, envelopeId: env.id, cents }],
          schedule: { kind: 'single' },
        },
        SIGNED,
      );
      h.clock.now = new Date(h.clock.now.getTime() + 1000);
      await h.json('POST', `/api/t/{t}/agreements/${a.id}/payments`, {
        as: 'manager',
        body: { installment: 0, cents, paidOn: '2004-06-01', reference: `=HYPERLINK("x") ${cents}` },
        expect: 201,
      });
      h.clock.now = new Date(h.clock.now.getTime() + 1000);
    }
    const first = await h.json('GET', `/api/t/{t}/envelopes/${env.id}/ledger?limit=4`, { as: 'manager', expect: 200 });
    expect(first.movements.items).toHaveLength(4);
    expect(first.movements.items[0]).toMatchObject({ kind: 'payment', paid: 30_050 });
    const rest = await h.json('GET', `/api/t/{t}/envelopes/${env.id}/ledger?limit=4&cursor=${first.movements.cursor}`, { as: 'manager', expect: 200 });
    expect(rest.movements.items).toHaveLength(2);
    expect(first.totals).toEqual({ available: 3_200_000, committed: 60_050, paid: 60_050, remaining: 3_200_000 - 60_050, toPay: 0 });
    await expectTotalsMatchMovements(env.id);

    const res = await h.request('GET', `/api/t/{t}/envelopes/${env.id}/ledger/movements.csv`, { as: 'manager' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = csv.split('\r\n');
    expect(lines.filter((l) => l.startsWith('20') && l.includes(';Versement;'))).toHaveLength(3);
    expect(lines.filter((l) => l.includes(';Engagement (signature);'))).toHaveLength(3);
    expect(csv).toContain(';300,50;');
    expect(csv).toContain(`"'=HYPERLINK(""x"") 30050"`);
    expect(csv).toContain('Versé ($);600,50');
    expect((await h.request('GET', `/api/t/{t}/envelopes/${env.id}/ledger/movements.csv`, { as: 'coord' })).status).toBe(403);
  });

  it('carries a deferred year’s balance to the next year’s envelope of the program, once, within what remains; refusals store nothing', async () => {
    const e2002 = await createEnvelope(h, 2002);
    const e2003 = await createEnvelope(h, 2003);
    const other = await createEnvelope(h, 2003, { program: 'Autre programme' });
    const e2005 = await createEnvelope(h, 2005);
    await putSignedAgreement(
      h,
      {
        organization: orgOf(org),
        period: { start: '2002-10-01', end: '2003-03-31' },
        years: [{ fiscalYear: 2002, envelopeId: e2002.id, cents: 200_000 }],
        schedule: { kind: 'single' },
      },
      SIGNED,
    );
    const carry = (body: Record<string, unknown>, as = 'manager') => h.request('POST', `/api/t/{t}/envelopes/${e2002.id}/carry-over`, { as, body });
    const reason = 'Report de l’attribution 2002-2003 jumelée à 2003-2004';
    expect((await problem(await carry({ toEnvelopeId: other.id, cents: 100_000, reason }), 422)).detail).toContain('Autre programme');
    expect((await problem(await carry({ toEnvelopeId: e2005.id, cents: 100_000, reason }), 422)).detail).toContain('2003-2004');
    expect((await problem(await carry({ toEnvelopeId: 'nope-123', cents: 100_000, reason }), 422)).detail).toMatch(/n’existe pas/);
    const tooMuch = await problem(await carry({ toEnvelopeId: e2003.id, cents: 3_000_001, reason }), 422);
    expect(tooMuch.detail).toContain('30 000,00 $');
    // Named on the amount's field, for the form to mark it.
    expect(tooMuch.errors.map((e: { path: string }) => e.path)).toEqual(['cents']);
    await problem(await carry({ toEnvelopeId: e2003.id, cents: 100_000, reason: '' }), 400);
    expect((await carry({ toEnvelopeId: e2003.id, cents: 100_000, reason }, 'coord')).status).toBe(403);
    expect((await ledger(e2002.id)).totals.available).toBe(3_200_000);

    const done = await h.json('POST', `/api/t/{t}/envelopes/${e2002.id}/carry-over`, {
      as: 'manager',
      body: { toEnvelopeId: e2003.id, cents: 3_000_000, reason },
      expect: 200,
    });
    expect(done.from).toMatchObject({ available: 200_000, committed: 200_000, remaining: 0 });
    expect(done.to).toMatchObject({ available: 6_200_000, remaining: 6_200_000 });
    expect((await problem(await carry({ toEnvelopeId: e2003.id, cents: 1, reason }), 409)).detail).toMatch(/déjà/);
    const from = await expectTotalsMatchMovements(e2002.id);
    expect(from.envelope.carriedOut).toMatchObject({ cents: 3_000_000, envelopeId: e2003.id, reason });
    const to = await expectTotalsMatchMovements(e2003.id);
    expect(to.movements.items[0]).toMatchObject({ kind: 'carry-in', available: 3_000_000, reason });
    expect(to.envelope.carriedIn).toMatchObject({ cents: 3_000_000, fiscalYear: 2002 });
    expect((await ledger(e2002.id)).nextEnvelopes.map((e: { id: string }) => e.id)).toEqual([e2003.id]);
  });
});

describe('guards', () => {
  let env: { id: string };
  let a: Agreement;
  const body = { installment: 0, cents: 1_000, paidOn: '2004-05-01', reference: 'x' };

  beforeEach(async () => {
    env = await createEnvelope(h, 2004);
    a = await putSignedAgreement(
      h,
      {
        organization: orgOf(org),
        period: { start: '2004-04-01', end: '2005-03-31' },
        years: [{ fiscalYear: 2004, envelopeId: env.id, cents: 100_000 }],
        schedule: { kind: 'single' },
      },
      SIGNED,
    );
  });

  it('route × role: managers write and read; the organization reads its own; members and coordinators nothing', async () => {
    const routes: [string, string, unknown, Record<string, number>][] = [
      ['GET', `/api/t/{t}/agreements/${a.id}/payments`, undefined, { manager: 200, orgrep: 200, otherrep: 404, coord: 403, m1: 403 }],
      ['GET', `/api/t/{t}/agreements/${a.id}/claims`, undefined, { manager: 200, orgrep: 200, otherrep: 404, coord: 403, m1: 403 }],
      ['GET', '/api/t/{t}/claims', undefined, { manager: 200, orgrep: 403, otherrep: 403, coord: 403, m1: 403 }],
      ['GET', `/api/t/{t}/envelopes/${env.id}/ledger`, undefined, { manager: 200, orgrep: 403, coord: 403, m1: 403 }],
      ['GET', `/api/t/{t}/envelopes/${env.id}/ledger/movements.csv`, undefined, { manager: 200, orgrep: 403, coord: 403, m1: 403 }],
      ['GET', '/api/t/{t}/my/payments', undefined, { manager: 403, orgrep: 200, coord: 403, m1: 403 }],
      ['POST', `/api/t/{t}/agreements/${a.id}/payments`, body, { orgrep: 403, otherrep: 403, coord: 403, m1: 403 }],
      ['POST', `/api/t/{t}/envelopes/${env.id}/carry-over`, { toEnvelopeId: env.id, cents: 1, reason: 'x' }, { orgrep: 403, coord: 403, m1: 403 }],
    ];
    for (const [method, path, b, expected] of routes)
      for (const [as, status] of Object.entries(expected)) {
        const res = await h.request(method, path, { as, body: b });
        expect(`${as} ${method} ${path} → ${res.status}`).toBe(`${as} ${method} ${path} → ${status}`);
      }
    expect((await payments(a)).payments).toEqual([]);
  });

  it('another tenant’s manager and forged path ids get 404, and nothing is paid', async () => {
    await h.addMember('manager', ['manager'], null, elsewhere());
    expect((await h.request('GET', `/api/t/${elsewhere()}/agreements/${a.id}/payments`, { as: 'manager' })).status).toBe(404);
    expect((await h.request('POST', `/api/t/${elsewhere()}/agreements/${a.id}/payments`, { as: 'manager', body })).status).toBe(404);
    expect((await h.request('GET', `/api/t/${elsewhere()}/envelopes/${env.id}/ledger`, { as: 'manager' })).status).toBe(404);
    for (const path of [
      `/api/t/{t}/agreements/${a.id}%23PAYMENTS/payments`,
      `/api/t/{t}/agreements/${'a'.repeat(300)}/payments`,
      `/api/t/{t}/envelopes/${env.id}%23LEDGER/ledger`,
      `/api/t/{t}/agreements/${a.id}/claims/x%23y/approve`,
    ]) {
      const post = path.endsWith('approve');
      const res = await h.request(post ? 'POST' : 'GET', path, {
        as: 'manager',
        body: post ? { version: 1, paidOn: '2004-05-01', reference: 'x' } : undefined,
      });
      expect(res.status).toBe(404);
    }
    expect((await h.request('POST', `/api/t/{t}/agreements/${a.id}%23X/payments`, { as: 'manager', body })).status).toBe(404);
    expect(
      (
        await h.request('POST', `/api/t/{t}/agreements/${a.id}/claims/2004-04-01/approve`, {
          as: 'manager',
          body: { version: 1, paidOn: '2004-05-01', reference: 'x' },
        })
      ).status,
    ).toBe(404);
    expect((await payments(a)).payments).toEqual([]);
  });
});
