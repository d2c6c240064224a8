/**
 * The agreement's life against DynamoDB Local: drafts generated from a decided call (one per funded
 * proposal, never two), seed 002's four CLSC patterns' terms up to both signatures (CLSC 1 one year,
 * single payment; CLSC 2 two years in two envelopes; CLSC 3 October 1 to March 31 of the next year,
 * two installments split 6/12; CLSC 4 monthly claims), the envelope's condition deciding concurrent
 * signatures, amendments keeping the original, renewal, changes asked and declines; bad input refused
 * with nothing stored; the organization seeing only its own agreements, never a draft.
 */
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { payPiece } from '../../functions/agreements';
import { paymentPiece } from '../../functions/envelopes';
import { getItem, queryAll, transact } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import { splitAcrossFiscalYears, type Agreement, type LedgerMovement } from '../../shared/agreements';
import type { Envelope } from '../../shared/domain';
import { VersionConflictError } from '../../shared/errors';
import { formatMoney } from '../../shared/money';
import { setupFitting, type FittingSetup } from '../support/allocation-setup';
import { createHarness, fixtures, type Harness } from '../support/harness';

let h: Harness;
let s: FittingSetup;
let env1: string;

async function problem(res: Response, status: number) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(res.headers.get('Content-Type')).toContain('application/problem+json');
  return body as { type: string; detail: string; errors?: { path: string; code: string }[] };
}

const agr = (id: string, rest = '') => `/api/t/{t}/agreements/${id}${rest}`;
const envelope = async (id: string) => (await getItem<Envelope>(h.db, keys.envelope(h.tenantId, id), true))!;
const stored = async (id: string) => (await getItem<Agreement>(h.db, keys.agreement(h.tenantId, id), true))!;

async function decide() {
  await h.json('POST', `${s.base}/decision`, {
    as: 'manager',
    body: {
      basis: 'manual',
      lines: [
        { proposalId: s.p1, amount: 1_500_000, years: 1, reason: 'Pertinent' },
        { proposalId: s.p2, amount: 1_400_000, years: 1, reason: 'Pertinent' },
      ],
    },
    expect: 201,
  });
}

/** The program's envelope of 2027-2028, holding `available` cents. */
async function nextEnvelope(available: number) {
  const body = { ...fixtures.envelope, fiscalYear: 2027, title: 'PSJP 2027-2028', programBudget: available * 12.5, deductions: fixtures.envelope.deductions };
  return (await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body, expect: 201 })).id as string;
}

async function generate(): Promise<{ a1: Agreement; a2: Agreement }> {
  const g = await h.json('POST', `${s.base}/agreements`, { as: 'manager', body: {}, expect: 201 });
  const a1 = g.created.find((a: Agreement) => a.proposalId === s.p1);
  const a2 = g.created.find((a: Agreement) => a.proposalId === s.p2);
  return { a1, a2 };
}

const termsBody = (a: Agreement, over: Record<string, unknown>) => ({
  version: a.version,
  period: a.period,
  years: a.years,
  schedule: a.schedule,
  obligations: a.obligations,
  clauses: a.clauses,
  object: a.object,
  ...over,
});

/** Sends, the organization's representative signs, then the manager: the signed agreement. */
async function signBoth(a: Agreement, rep: string): Promise<Agreement> {
  const sent = await h.json('POST', agr(a.id, '/send'), { as: 'manager', body: { version: a.version }, expect: 200 });
  const o = await h.json('POST', agr(a.id, '/signatures/organization'), { as: rep, body: { version: sent.version, title: 'Présidente' }, expect: 200 });
  return h.json('POST', agr(a.id, '/signatures/institution'), { as: 'manager', body: { version: o.version, title: 'Directrice générale' }, expect: 200 });
}

beforeEach(async () => {
  h = await createHarness();
  s = await setupFitting(h);
  env1 = (await h.json('GET', s.base, { as: 'manager' })).envelopeId;
});

describe('generation from the decision', () => {
  it('refuses before the decision, then drafts one agreement per funded proposal, never two', async () => {
    await problem(await h.request('POST', `${s.base}/agreements`, { as: 'manager', body: {} }), 409);
    await decide();
    const before = await h.json('GET', `${s.base}/agreements`, { as: 'manager', expect: 200 });
    expect(before.agreements).toEqual([]);
    expect(before.withoutAgreement.map((l: { proposalId: string }) => l.proposalId).sort()).toEqual([s.p1, s.p2].sort());

    const { a1 } = await generate();
    expect(a1).toMatchObject({
      status: 'draft',
      institution: { name: 'Test' },
      organization: { id: s.org1 },
      period: { start: '2026-04-01', end: '2027-03-31' },
      years: [{ fiscalYear: 2026, envelopeId: env1, cents: 1_500_000 }],
      amount: 1_500_000,
      schedule: { kind: 'single' },
      object: { title: 'Halte-répit' },
      template: null,
    });
    expect(a1.organization.neq).toMatch(/^\d{10}$/);
    expect(a1.obligations.map((o) => o.kind).sort()).toEqual(['committee', 'priority-access', 'report']);
    expect(a1.obligations.find((o) => o.kind === 'report')).toMatchObject({ fiscalYear: 2026, dueOn: '2027-06-30', status: 'pending' });
    const text = a1.clauses.map((c) => c.body).join('\n');
    expect(text).toContain(a1.organization.name);
    expect(text).toContain(a1.organization.neq);
    expect(text).toContain(formatMoney(1_500_000, 'fr'));
    expect(text).toContain('sous-traitant');
    expect(text).not.toContain('{{');

    // A second generation skips both: one agreement per proposal.
    const again = await h.json('POST', `${s.base}/agreements`, { as: 'manager', body: {}, expect: 201 });
    expect(again.created).toEqual([]);
    expect(again.skipped).toHaveLength(2);
    const after = await h.json('GET', `${s.base}/agreements`, { as: 'manager', expect: 200 });
    expect(after.agreements).toHaveLength(2);
    expect(after.withoutAgreement).toEqual([]);
    // A proposal the decision does not fund: 422, nothing stored.
    await problem(await h.request('POST', `${s.base}/agreements`, { as: 'manager', body: { proposalIds: ['not-funded-1'] } }), 422);
    expect((await h.json('GET', '/api/t/{t}/agreements', { as: 'manager' })).items).toHaveLength(2);
  });

  it('uses the program’s own template, its placeholders filled, and its report template’s due date', async () => {
    await decide();
    const tpl = await h.json('POST', '/api/t/{t}/agreement-templates', {
      as: 'manager',
      body: {
        program: 'PSJP',
        title: 'PSJP Laurentides',
        clauses: [{ heading: 'Objet', body: '{{organisme}} réalise « {{projet}} » pour {{montant}} ({{periode}}). {{inconnu}}' }],
        obligations: [{ kind: 'committee', label: 'Comité local PSJP' }],
        schedule: { kind: 'periodic', every: 'quarter' },
      },
      expect: 201,
    });
    await problem(await h.request('PUT', `/api/t/{t}/agreement-templates/${tpl.id}`, { as: 'manager', body: { version: 9, ...tpl, id: undefined } }), 400);
    const list = await h.json('GET', '/api/t/{t}/agreement-templates', { as: 'manager', expect: 200 });
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([tpl.id]);
    // The program's report template says when its yearly reports are due: September 30 here.
    const reports = await h.json('POST', '/api/t/{t}/report-templates', { as: 'manager', body: { program: 'PSJP' }, expect: 201 });
    await h.json('PUT', `/api/t/{t}/report-templates/${reports.id}`, {
      as: 'manager',
      body: { version: reports.version, title: reports.title, indicators: reports.indicators, sections: reports.sections, due: { month: 9, day: 30 } },
      expect: 200,
    });
    const { a1 } = await generate();
    expect(a1.obligations.find((o) => o.kind === 'report')).toMatchObject({ fiscalYear: 2026, dueOn: '2027-09-30' });
    expect(a1.template).toEqual({ id: tpl.id, version: 1 });
    expect(a1.schedule).toEqual({ kind: 'periodic', every: 'quarter' });
    expect(a1.clauses[0]!.body).toBe(
      `${a1.organization.name} réalise « Halte-répit » pour ${formatMoney(1_500_000, 'fr')} (du 2026-04-01 au 2027-03-31). {{inconnu}}`,
    );
  });
});

describe('the four CLSC patterns, up to both signatures', () => {
  beforeEach(decide);

  it('CLSC 1: one year, one payment after signature; the organization sees it only once sent; the envelope commits it', async () => {
    const { a1 } = await generate();
    await problem(await h.request('GET', agr(a1.id), { as: 'orgrep' }), 404); // a draft is the manager's
    expect((await h.json('GET', '/api/t/{t}/my/agreements', { as: 'orgrep', expect: 200 })).items).toEqual([]);
    const sent = await h.json('POST', agr(a1.id, '/send'), { as: 'manager', body: { version: 1 }, expect: 200 });
    expect(sent.status).toBe('sent');
    const msg = (await h.outbox('orgrep')).find((m) => m.kind === 'agreement-sent' && m.body.includes(a1.id));
    expect(msg?.subject).toContain('Entente de services à examiner');
    await problem(await h.request('GET', agr(a1.id), { as: 'orgrep2' }), 404); // another organization's
    expect((await h.json('GET', agr(a1.id), { as: 'orgrep', expect: 200 })).status).toBe('sent');

    // The manager cannot sign for the organization, nor before it.
    const staff = await problem(await h.request('POST', agr(a1.id, '/signatures/organization'), { as: 'manager', body: { version: 2, title: 'x' } }), 403);
    expect(staff.detail).toContain('Seul un représentant de l’organisme signe pour lui');
    await problem(await h.request('POST', agr(a1.id, '/signatures/institution'), { as: 'manager', body: { version: 2, title: 'DG' } }), 409);
    await problem(await h.request('POST', agr(a1.id, '/signatures/organization'), { as: 'orgrep2', body: { version: 2, title: 'x' } }), 404);
    await problem(await h.request('POST', agr(a1.id, '/signatures/organization'), { as: 'orgrep', body: { version: 1, title: 'x' } }), 409);
    const o = await h.json('POST', agr(a1.id, '/signatures/organization'), { as: 'orgrep', body: { version: 2, title: 'Présidente' }, expect: 200 });
    expect(o.signatures.organization).toMatchObject({ userId: 'orgrep', title: 'Présidente' });
    const signed = await h.json('POST', agr(a1.id, '/signatures/institution'), { as: 'manager', body: { version: 3, title: 'Directrice' }, expect: 200 });
    expect(signed).toMatchObject({ status: 'signed', toPay: { '2026': 1_500_000 }, toClaim: {}, original: { amount: 1_500_000 } });
    expect(await stored(a1.id)).toMatchObject({ status: 'signed', version: 4, toPay: { '2026': 1_500_000 } });
    expect(await envelope(env1)).toMatchObject({ ledgerCommitted: 1_500_000, ledgerRemaining: 3_200_000 - 1_500_000 });
    const moves = await queryAll<LedgerMovement>(h.db, keys.ledgerMovements(h.tenantId, env1));
    expect(moves).toMatchObject([{ kind: 'commitment', committed: 1_500_000, agreementId: a1.id }]);

    // Frozen: no edit, no second signature.
    await problem(await h.request('PUT', agr(a1.id), { as: 'manager', body: termsBody(signed, {}) }), 409);
    await problem(await h.request('POST', agr(a1.id, '/signatures/institution'), { as: 'manager', body: { version: 4, title: 'x' } }), 409);
    const mine = await h.json('GET', '/api/t/{t}/my/agreements', { as: 'orgrep', expect: 200 });
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0].installments).toEqual([{ dueOn: null, cents: 1_500_000, fiscalYear: 2026 }]);
    expect((await h.json('GET', '/api/t/{t}/my/agreements', { as: 'orgrep2', expect: 200 })).items).toEqual([]);
  });

  it('CLSC 2: two years, each committed in its year’s envelope; the total stays the decision’s; a missing envelope blocks sending', async () => {
    const { a2 } = await generate();
    const period = { start: '2026-04-01', end: '2028-03-31' };
    // The total must stay the decision's 14 000 $: nothing stored otherwise.
    const wrong = await problem(
      await h.request('PUT', agr(a2.id), {
        as: 'manager',
        body: termsBody(a2, {
          period,
          years: [
            { fiscalYear: 2026, envelopeId: env1, cents: 700_000 },
            { fiscalYear: 2027, envelopeId: null, cents: 800_000 },
          ],
        }),
      }),
      422,
    );
    expect(wrong.detail).toContain(formatMoney(1_500_000, 'fr'));
    expect(wrong.detail).toContain(formatMoney(1_400_000, 'fr'));
    expect((await stored(a2.id)).version).toBe(1);
    // No 2027-2028 envelope yet: the draft keeps the year without one, and cannot be sent.
    const d = await h.json('PUT', agr(a2.id), {
      as: 'manager',
      body: termsBody(a2, {
        period,
        years: [
          { fiscalYear: 2026, envelopeId: env1, cents: 700_000 },
          { fiscalYear: 2027, envelopeId: null, cents: 700_000 },
        ],
      }),
      expect: 200,
    });
    const missing = await problem(await h.request('POST', agr(a2.id, '/send'), { as: 'manager', body: { version: d.version } }), 422);
    expect(missing.errors?.map((e) => e.path)).toEqual(['years.1.envelopeId']);
    expect((await stored(a2.id)).status).toBe('draft');
    // An envelope of another year is refused for 2027.
    await problem(
      await h.request('PUT', agr(a2.id), {
        as: 'manager',
        body: termsBody(d, {
          years: [
            { fiscalYear: 2026, envelopeId: env1, cents: 700_000 },
            { fiscalYear: 2027, envelopeId: env1, cents: 700_000 },
          ],
        }),
      }),
      422,
    );
    const env2 = await nextEnvelope(2_000_000);
    const ready = await h.json('PUT', agr(a2.id), {
      as: 'manager',
      body: termsBody(d, {
        years: [
          { fiscalYear: 2026, envelopeId: env1, cents: 700_000 },
          { fiscalYear: 2027, envelopeId: env2, cents: 700_000 },
        ],
      }),
      expect: 200,
    });
    const signed = await signBoth(ready, 'orgrep2');
    expect(signed.toPay).toEqual({ '2026': 700_000, '2027': 700_000 });
    expect((await envelope(env1)).ledgerCommitted).toBe(700_000);
    expect((await envelope(env2)).ledgerCommitted).toBe(700_000);
  });

  it('CLSC 3: October 1 to March 31 of the next year, two installments split 6/12', async () => {
    const env2 = await nextEnvelope(2_000_000);
    const { a1 } = await generate();
    const period = { start: '2026-10-01', end: '2028-03-31' };
    const split = splitAcrossFiscalYears(1_500_000, period);
    expect(split).toEqual([
      { fiscalYear: 2026, cents: 500_000 },
      { fiscalYear: 2027, cents: 1_000_000 },
    ]);
    const years = [
      { fiscalYear: 2026, envelopeId: env1, cents: 500_000 },
      { fiscalYear: 2027, envelopeId: env2, cents: 1_000_000 },
    ];
    const obligations = a1.obligations.filter((o) => o.kind !== 'report');
    // Installments that do not add up: 422 naming the schedule, nothing stored.
    const bad = await problem(
      await h.request('PUT', agr(a1.id), {
        as: 'manager',
        body: termsBody(a1, {
          period,
          years,
          obligations,
          schedule: {
            kind: 'installments',
            installments: [
              { dueOn: '2026-10-15', cents: 500_000 },
              { dueOn: '2027-04-15', cents: 900_000 },
            ],
          },
        }),
      }),
      422,
    );
    expect(bad.errors?.map((e) => e.path)).toContain('schedule');
    // An installment outside the period.
    const outside = await problem(
      await h.request('PUT', agr(a1.id), {
        as: 'manager',
        body: termsBody(a1, {
          period,
          years,
          obligations,
          schedule: {
            kind: 'installments',
            installments: [
              { dueOn: '2026-09-15', cents: 500_000 },
              { dueOn: '2027-04-15', cents: 1_000_000 },
            ],
          },
        }),
      }),
      422,
    );
    expect(outside.errors?.map((e) => e.path)).toContain('schedule.installments.0.dueOn');
    expect((await stored(a1.id)).version).toBe(1);
    const d = await h.json('PUT', agr(a1.id), {
      as: 'manager',
      body: termsBody(a1, {
        period,
        years,
        obligations: [
          ...obligations,
          { kind: 'report', label: 'Rapport 2026-2027', fiscalYear: 2026, dueOn: '2027-06-30' },
          { kind: 'report', label: 'Rapport 2027-2028', fiscalYear: 2027, dueOn: '2028-06-30' },
        ],
        schedule: {
          kind: 'installments',
          installments: [
            { dueOn: '2026-10-15', cents: 500_000 },
            { dueOn: '2027-04-15', cents: 1_000_000 },
          ],
        },
      }),
      expect: 200,
    });
    expect(d.obligations.map((o: { kind: string }) => o.kind)).toEqual(['committee', 'priority-access', 'report', 'report']);
    const signed = await signBoth(d, 'orgrep');
    expect(signed.toPay).toEqual({ '2026': 500_000, '2027': 1_000_000 });
    const mine = await h.json('GET', '/api/t/{t}/my/agreements', { as: 'orgrep', expect: 200 });
    expect(mine.items[0].installments).toEqual([
      { dueOn: '2026-10-15', cents: 500_000, fiscalYear: 2026 },
      { dueOn: '2027-04-15', cents: 1_000_000, fiscalYear: 2027 },
    ]);
    expect((await envelope(env2)).ledgerCommitted).toBe(1_000_000);
  });

  it('CLSC 4: monthly claims up to the year’s amount', async () => {
    const { a1 } = await generate();
    const d = await h.json('PUT', agr(a1.id), { as: 'manager', body: termsBody(a1, { schedule: { kind: 'periodic', every: 'month' } }), expect: 200 });
    const signed = await signBoth(d, 'orgrep');
    expect(signed).toMatchObject({ schedule: { kind: 'periodic', every: 'month' }, toPay: { '2026': 1_500_000 }, toClaim: { '2026': 1_500_000 } });
    expect((await h.json('GET', '/api/t/{t}/my/agreements', { as: 'orgrep' })).items[0].installments).toEqual([]);
  });
});

describe('the envelope decides concurrent signatures', () => {
  beforeEach(decide);

  it('two agreements that together exceed the 2027 envelope: exactly one is signed', async () => {
    const env2 = await nextEnvelope(1_000_000);
    const { a1, a2 } = await generate();
    const period = { start: '2026-04-01', end: '2028-03-31' };
    const ready = async (a: Agreement, rep: string, c1: number, c2: number) => {
      const d = await h.json('PUT', agr(a.id), {
        as: 'manager',
        body: termsBody(a, {
          period,
          years: [
            { fiscalYear: 2026, envelopeId: env1, cents: c1 },
            { fiscalYear: 2027, envelopeId: env2, cents: c2 },
          ],
        }),
        expect: 200,
      });
      const sent = await h.json('POST', agr(a.id, '/send'), { as: 'manager', body: { version: d.version }, expect: 200 });
      return h.json('POST', agr(a.id, '/signatures/organization'), { as: rep, body: { version: sent.version, title: 'Présidente' }, expect: 200 });
    };
    const r1 = await ready(a1, 'orgrep', 750_000, 750_000);
    const r2 = await ready(a2, 'orgrep2', 700_000, 700_000);
    const [x1, x2] = await Promise.all([
      h.request('POST', agr(a1.id, '/signatures/institution'), { as: 'manager', body: { version: r1.version, title: 'DG' } }),
      h.request('POST', agr(a2.id, '/signatures/institution'), { as: 'manager', body: { version: r2.version, title: 'DG' } }),
    ]);
    expect([x1.status, x2.status].sort()).toEqual([200, 422]);
    const winner = x1.status === 200 ? r1 : r2;
    const loser = x1.status === 200 ? a2 : a1;
    const refusal = await (x1.status === 200 ? x2 : x1).json();
    expect(refusal.detail).toContain('2027-2028');
    expect(refusal.detail).toContain('il n’y reste que');
    expect((await envelope(env2)).ledgerCommitted).toBe(winner.years[1].cents);
    expect((await envelope(env1)).ledgerCommitted).toBe(winner.years[0].cents);
    expect((await stored(loser.id)).status).toBe('signed-by-organization');
  });
});

describe('amendments, renewal, changes and declines', () => {
  beforeEach(decide);

  it('an amendment is signed again by both, keeps the original, and never takes back what was paid', async () => {
    const { a1 } = await generate();
    const signed = await signBoth(a1, 'orgrep');
    const terms = { period: signed.period, years: signed.years, schedule: signed.schedule, obligations: signed.obligations, clauses: signed.clauses };
    // Without a reason: refused, nothing stored.
    await problem(await h.request('POST', agr(a1.id, '/amendments'), { as: 'manager', body: { version: signed.version, reason: ' ', terms } }), 400);
    expect((await stored(a1.id)).amendments).toEqual([]);
    const more = { ...terms, years: [{ fiscalYear: 2026, envelopeId: env1, cents: 1_800_000 }] };
    const drafted = await h.json('POST', agr(a1.id, '/amendments'), {
      as: 'manager',
      body: { version: signed.version, reason: 'Une halte de plus', terms: more },
      expect: 201,
    });
    expect(drafted.amendments[0]).toMatchObject({ number: 1, status: 'draft', before: { amount: 1_500_000 }, after: { amount: 1_800_000 } });
    // The organization does not see a draft amendment.
    expect((await h.json('GET', agr(a1.id), { as: 'orgrep' })).amendments).toEqual([]);
    const sent = await h.json('POST', agr(a1.id, '/amendments/1/send'), { as: 'manager', body: { version: drafted.version }, expect: 200 });
    expect((await h.json('GET', '/api/t/{t}/my/agreements', { as: 'orgrep' })).items[0].pendingAmendment).toMatchObject({ number: 1, status: 'sent' });
    const o = await h.json('POST', agr(a1.id, '/amendments/1/signatures/organization'), {
      as: 'orgrep',
      body: { version: sent.version, title: 'Présidente' },
      expect: 200,
    });
    const done = await h.json('POST', agr(a1.id, '/amendments/1/signatures/institution'), {
      as: 'manager',
      body: { version: o.version, title: 'DG' },
      expect: 200,
    });
    expect(done).toMatchObject({ amount: 1_800_000, original: { amount: 1_500_000 }, toPay: { '2026': 1_800_000 } });
    const after = await stored(a1.id);
    expect(after).toMatchObject({ amount: 1_800_000, original: { amount: 1_500_000 }, toPay: { '2026': 1_800_000 } });
    expect(after.amendments[0]).toMatchObject({ status: 'signed', signatures: { organization: { userId: 'orgrep' }, institution: { userId: 'manager' } } });
    expect((await envelope(env1)).ledgerCommitted).toBe(1_800_000);
    const moves = await queryAll<LedgerMovement>(h.db, keys.ledgerMovements(h.tenantId, env1));
    expect(moves.map((m) => [m.kind, m.committed, m.reason])).toEqual([
      ['commitment', 1_500_000, null],
      ['amendment', 300_000, 'Une halte de plus'],
    ]);

    // 1 200 000 paid (as the money routes do it), then an amendment lowering the year to 500 000: refused.
    await transact(
      h.db,
      [payPiece(h.db, h.tenantId, a1.id, 2026, 1_200_000), paymentPiece(h.db, h.tenantId, env1, 1_200_000)],
      () => new VersionConflictError(undefined),
    );
    const less = { ...terms, years: [{ fiscalYear: 2026, envelopeId: env1, cents: 500_000 }] };
    const v = (await stored(a1.id)).version;
    const d2 = await h.json('POST', agr(a1.id, '/amendments'), { as: 'manager', body: { version: v, reason: 'Moins', terms: less }, expect: 201 });
    const s2 = await h.json('POST', agr(a1.id, '/amendments/2/send'), { as: 'manager', body: { version: d2.version }, expect: 200 });
    const o2 = await h.json('POST', agr(a1.id, '/amendments/2/signatures/organization'), {
      as: 'orgrep',
      body: { version: s2.version, title: 'Présidente' },
      expect: 200,
    });
    const refused = await problem(
      await h.request('POST', agr(a1.id, '/amendments/2/signatures/institution'), { as: 'manager', body: { version: o2.version, title: 'DG' } }),
      422,
    );
    expect(refused.detail).toContain('2026-2027');
    expect(refused.detail).toContain('ne reprend pas');
    expect(await stored(a1.id)).toMatchObject({ amount: 1_800_000, toPay: { '2026': 600_000 }, paid: 1_200_000 });
    expect((await envelope(env1)).ledgerCommitted).toBe(1_800_000);
    // Cancelled: nothing changes but its status.
    const cancelled = await h.json('POST', agr(a1.id, '/amendments/2/cancel'), { as: 'manager', body: { version: o2.version }, expect: 200 });
    expect(cancelled.amendments[1].status).toBe('cancelled');
    expect(await stored(a1.id)).toMatchObject({ amount: 1_800_000, toPay: { '2026': 600_000 } });
  });

  it('renews into a later envelope once; a missing or same-year envelope is refused', async () => {
    const { a1 } = await generate();
    const signed = await signBoth(a1, 'orgrep');
    const missing = await problem(await h.request('POST', agr(a1.id, '/renewal'), { as: 'manager', body: { envelopeId: 'no-such-envelope' } }), 422);
    expect(missing.detail).toContain('no-such-envelope');
    await problem(await h.request('POST', agr(a1.id, '/renewal'), { as: 'manager', body: { envelopeId: env1 } }), 422);
    expect((await stored(a1.id)).renewedBy).toBeNull();
    const env2 = await nextEnvelope(2_000_000);
    const next = await h.json('POST', agr(a1.id, '/renewal'), { as: 'manager', body: { envelopeId: env2 }, expect: 201 });
    expect(next).toMatchObject({
      status: 'draft',
      renewalOf: a1.id,
      period: { start: '2027-04-01', end: '2028-03-31' },
      years: [{ fiscalYear: 2027, envelopeId: env2, cents: 1_500_000 }],
    });
    expect(next.obligations.find((o: { kind: string }) => o.kind === 'report')).toMatchObject({ fiscalYear: 2027, dueOn: '2028-06-30' });
    expect(await stored(a1.id)).toMatchObject({ renewedBy: next.id, version: signed.version + 1 });
    await problem(await h.request('POST', agr(a1.id, '/renewal'), { as: 'manager', body: { envelopeId: env2 } }), 409);
    // The renewal's total is free (new amounts), and it is signed like any agreement.
    const edited = await h.json('PUT', agr(next.id), {
      as: 'manager',
      body: termsBody(next, { years: [{ fiscalYear: 2027, envelopeId: env2, cents: 1_600_000 }] }),
      expect: 200,
    });
    expect((await signBoth(edited, 'orgrep')).amount).toBe(1_600_000);
  });

  it('the organization asks for changes with a comment, the manager edits and sends again; it may decline', async () => {
    const { a2 } = await generate();
    await h.json('POST', agr(a2.id, '/send'), { as: 'manager', body: { version: 1 }, expect: 200 });
    await problem(await h.request('POST', agr(a2.id, '/changes'), { as: 'orgrep2', body: { version: 2, comment: '' } }), 400);
    await problem(await h.request('POST', agr(a2.id, '/changes'), { as: 'orgrep', body: { version: 2, comment: 'x' } }), 404);
    const ch = await h.json('POST', agr(a2.id, '/changes'), { as: 'orgrep2', body: { version: 2, comment: 'Le comité se réunit trop souvent.' }, expect: 200 });
    expect(ch.status).toBe('changes-requested');
    const listed = await h.json('GET', `/api/t/{t}/agreements?status=changes-requested`, { as: 'manager', expect: 200 });
    expect(listed.items.map((a: Agreement) => [a.id, a.changeRequests[0]?.comment])).toEqual([[a2.id, 'Le comité se réunit trop souvent.']]);
    // It cannot be signed while changes are asked.
    await problem(await h.request('POST', agr(a2.id, '/signatures/organization'), { as: 'orgrep2', body: { version: 3, title: 'x' } }), 409);
    const edited = await h.json('PUT', agr(a2.id), {
      as: 'manager',
      body: termsBody(ch, {
        obligations: ch.obligations.map((o: { kind: string; label: string }) => (o.kind === 'committee' ? { ...o, label: 'Deux rencontres par année' } : o)),
      }),
      expect: 200,
    });
    await problem(await h.request('POST', agr(a2.id, '/send'), { as: 'manager', body: { version: 3 } }), 409); // stale
    await h.json('POST', agr(a2.id, '/send'), { as: 'manager', body: { version: edited.version }, expect: 200 });
    await problem(await h.request('POST', agr(a2.id, '/decline'), { as: 'orgrep2', body: { version: edited.version + 1, reason: '' } }), 400);
    const declined = await h.json('POST', agr(a2.id, '/decline'), {
      as: 'orgrep2',
      body: { version: edited.version + 1, reason: 'Hors de notre mission.' },
      expect: 200,
    });
    expect(declined).toMatchObject({ status: 'declined', declined: { by: 'orgrep2', reason: 'Hors de notre mission.' } });
    await problem(await h.request('POST', agr(a2.id, '/decline'), { as: 'orgrep2', body: { version: declined.version, reason: 'encore' } }), 409);
    expect((await envelope(env1)).ledgerCommitted ?? 0).toBe(0);
  });

  it('follows an obligation on a signed agreement without touching its terms', async () => {
    const { a1 } = await generate();
    const signed = await signBoth(a1, 'orgrep');
    const committee = signed.obligations.find((o: { kind: string }) => o.kind === 'committee')!;
    await problem(
      await h.request('PATCH', agr(a1.id, `/obligations/${committee.id}`), { as: 'manager', body: { version: signed.version, status: 'done', note: '' } }),
      400,
    );
    await problem(
      await h.request('PATCH', agr(a1.id, '/obligations/no-such-one'), { as: 'manager', body: { version: signed.version, status: 'met', note: '' } }),
      404,
    );
    const met = await h.json('PATCH', agr(a1.id, `/obligations/${committee.id}`), {
      as: 'manager',
      body: { version: signed.version, status: 'met', note: 'Présente aux quatre rencontres' },
      expect: 200,
    });
    expect(met.obligations.find((o: { id: string }) => o.id === committee.id)).toMatchObject({ status: 'met', note: 'Présente aux quatre rencontres' });
    expect(await stored(a1.id)).toMatchObject({ version: signed.version + 1, toPay: { '2026': 1_500_000 }, original: { amount: 1_500_000 } });
    expect(
      (await h.json('GET', '/api/t/{t}/my/agreements', { as: 'orgrep' })).items[0].agreement.obligations.find((o: { id: string }) => o.id === committee.id)
        .status,
    ).toBe('met');
  });
});

describe('clauses follow the terms', () => {
  beforeEach(decide);

  it('a draft switched from one payment to monthly claims says so in clause 4; a clause changed by hand stays; clause 2 names the needs or none', async () => {
    const { a1 } = await generate();
    expect(a1.clauses[3]!.body).toContain('un seul versement par exercice');
    // The proposal names no need: clause 2 says nothing of needs rather than a placeholder sentence.
    expect(a1.object.needs).toEqual([]);
    expect(a1.clauses[1]!.body).toBe('L’établissement soutient financièrement le projet « Halte-répit » que l’organisme a proposé et qu’il réalise.');
    const mine = { heading: a1.clauses[2]!.heading, body: 'L’entente couvre l’année scolaire, comme convenu entre les parties.' };
    const clauses = a1.clauses.map((c, i) => (i === 2 ? mine : c));
    const monthly = await h.json('PUT', agr(a1.id), {
      as: 'manager',
      body: termsBody(a1, {
        schedule: { kind: 'periodic', every: 'month' },
        clauses,
        object: { ...a1.object, needs: ['Répit des jeunes parents', 'Isolement'] },
      }),
      expect: 200,
    });
    expect(monthly.clauses[3].body).toContain('sur réclamation mensuelle');
    expect(monthly.clauses[3].body).not.toContain('un seul versement');
    expect(monthly.clauses[2]).toEqual(mine);
    expect(monthly.clauses[1].body).toContain('Le projet répond aux besoins suivants : Répit des jeunes parents ; Isolement.');
    expect((await stored(a1.id)).clauses).toEqual(monthly.clauses);

    // An agreement written before the sources were kept: its template (here the default one) is read instead.
    await h.db.client.send(
      new UpdateItemCommand({ TableName: h.db.table, Key: marshall(keys.agreement(h.tenantId, a1.id)), UpdateExpression: 'REMOVE clauseSources' }),
    );
    const quarterly = await h.json('PUT', agr(a1.id), {
      as: 'manager',
      body: termsBody(monthly, { schedule: { kind: 'periodic', every: 'quarter' } }),
      expect: 200,
    });
    expect(quarterly.clauses[3].body).toContain('sur réclamation trimestrielle');
    expect(quarterly.clauses[2]).toEqual(mine);
    // A bad schedule changes nothing, clauses included.
    await problem(await h.request('PUT', agr(a1.id), { as: 'manager', body: termsBody(quarterly, { schedule: { kind: 'weekly' } }) }), 400);
    expect((await stored(a1.id)).clauses).toEqual(quarterly.clauses);
  });

  it('an amendment’s terms say the new amount in its clauses, the hand-written ones kept', async () => {
    const { a1 } = await generate();
    const signed = await signBoth(a1, 'orgrep');
    const mine = { heading: 'Annexe', body: 'Clause écrite à la main.' };
    const terms = {
      period: signed.period,
      years: [{ fiscalYear: 2026, envelopeId: env1, cents: 1_800_000 }],
      schedule: signed.schedule,
      obligations: signed.obligations,
      clauses: [...signed.clauses, mine],
    };
    const drafted = await h.json('POST', agr(a1.id, '/amendments'), {
      as: 'manager',
      body: { version: signed.version, reason: 'Une halte de plus', terms },
      expect: 201,
    });
    const x = drafted.amendments[0];
    expect(x.before.clauses[3].body).toContain(formatMoney(1_500_000, 'fr'));
    expect(x.after.clauses[3].body).toContain(formatMoney(1_800_000, 'fr'));
    expect(x.after.clauses[3].body).not.toContain(formatMoney(1_500_000, 'fr'));
    expect(x.after.clauses.at(-1)).toEqual(mine);
  });
});

describe('guards', () => {
  beforeEach(decide);

  it('route × role: staff routes refuse members, coordinators and organizations; another tenant finds nothing; forged ids are 404', async () => {
    const { a1 } = await generate();
    await h.json('POST', agr(a1.id, '/send'), { as: 'manager', body: { version: 1 }, expect: 200 });
    const other = `t-other-${Date.now()}`;
    await h.addMember('stranger', ['manager'], null, other);
    const staffRoutes: [string, string, unknown][] = [
      ['GET', '/api/t/{t}/agreement-templates', undefined],
      [
        'POST',
        '/api/t/{t}/agreement-templates',
        { program: 'P', title: 'T', clauses: [{ heading: 'h', body: 'b' }], obligations: [], schedule: { kind: 'single' } },
      ],
      ['GET', `${s.base}/agreements`, undefined],
      ['POST', `${s.base}/agreements`, {}],
      ['GET', '/api/t/{t}/agreements', undefined],
      ['PUT', agr(a1.id), termsBody(a1, { version: 2 })],
      ['POST', agr(a1.id, '/send'), { version: 2 }],
      ['POST', agr(a1.id, '/signatures/institution'), { version: 2, title: 'x' }],
      [
        'POST',
        agr(a1.id, '/amendments'),
        { version: 2, reason: 'r', terms: { period: a1.period, years: a1.years, schedule: a1.schedule, obligations: [], clauses: [] } },
      ],
      ['POST', agr(a1.id, '/amendments/1/send'), { version: 2 }],
      ['POST', agr(a1.id, '/amendments/1/cancel'), { version: 2 }],
      ['POST', agr(a1.id, '/amendments/1/signatures/institution'), { version: 2, title: 'x' }],
      ['PATCH', agr(a1.id, `/obligations/${a1.obligations[0]!.id}`), { version: 2, status: 'met', note: '' }],
      ['POST', agr(a1.id, '/renewal'), { envelopeId: env1 }],
    ];
    for (const [method, path, body] of staffRoutes) {
      for (const as of ['m1', 'coord', 'orgrep']) await problem(await h.request(method, path, { as, body }), 403);
      // Another tenant's manager, with this tenant's ids in the path: nothing is found there.
      if (path.includes(a1.id) || path.includes(s.callId)) await problem(await h.request(method, path.replace('{t}', other), { as: 'stranger', body }), 404);
    }
    const orgRoutes: [string, string, unknown][] = [
      ['GET', '/api/t/{t}/my/agreements', undefined],
      ['POST', agr(a1.id, '/changes'), { version: 2, comment: 'c' }],
      ['POST', agr(a1.id, '/decline'), { version: 2, reason: 'r' }],
      ['POST', agr(a1.id, '/amendments/1/changes'), { version: 2, comment: 'c' }],
    ];
    for (const [method, path, body] of orgRoutes) for (const as of ['manager', 'm1', 'coord']) await problem(await h.request(method, path, { as, body }), 403);
    // Another tenant's manager, with the agreement's real id: 404.
    await problem(await h.request('GET', `/api/t/${other}/agreements/${a1.id}`, { as: 'stranger' }), 404);
    // Reads: members and coordinators 403; the other organization 404.
    for (const as of ['m1', 'coord']) await problem(await h.request('GET', agr(a1.id), { as }), 403);
    await problem(await h.request('GET', agr(a1.id), { as: 'orgrep2' }), 404);
    for (const [method, path, body] of [
      ['POST', agr(a1.id, '/signatures/organization'), { version: 2, title: 'x' }],
      ['POST', agr(a1.id, '/decline'), { version: 2, reason: 'r' }],
      ['POST', agr(a1.id, '/changes'), { version: 2, comment: 'c' }],
    ] as const)
      await problem(await h.request(method, path, { as: 'orgrep2', body }), 404);
    // Forged path ids never reach a key.
    for (const forged of ['x%23AGREEMENT', 'A', 'a'.repeat(200)]) {
      await problem(await h.request('GET', `/api/t/{t}/agreements/${forged}`, { as: 'manager' }), 404);
      await problem(await h.request('PATCH', agr(a1.id, `/obligations/${forged}`), { as: 'manager', body: { version: 2, status: 'met', note: '' } }), 404);
      await problem(await h.request('PUT', `/api/t/{t}/agreement-templates/${forged}`, { as: 'manager', body: {} }), 404);
    }
    await problem(await h.request('POST', agr(a1.id, '/amendments/0/send'), { as: 'manager', body: { version: 2 } }), 404);
    expect((await stored(a1.id)).version).toBe(2);
  });
});
