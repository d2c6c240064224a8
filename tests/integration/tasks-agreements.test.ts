/**
 * "What waits for me" for agreements and claims, against DynamoDB Local: the managers' "Réclamations à
 * traiter" (the claims waiting, counted) and "Ententes à signer" (agreements and amendments the
 * organization signed, per call), the representative's "Entente à signer" (its own organization's
 * agreements and amendments sent to it). Each reaches only who may act, leaves once done, and another
 * organization's or another tenant's agreement never shows up.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Agreement } from '../../shared/agreements';
import type { Task } from '../../shared/tasks';
import { createEnvelope, putAgreementAs, putSignedAgreement, type AgreementSpec } from '../support/agreements';
import { createHarness, fixtures, type Harness } from '../support/harness';

const TASKS = '/api/t/{t}/me/tasks';
const MONEY_KINDS = ['claims', 'sign-agreements', 'agreement-to-sign', 'review-agreement'];
let h: Harness;
let org: { id: string; legalName: string };
let otherOrg: { id: string; legalName: string };
let env: { id: string };
let call: { id: string; title: string };

const tasksOf = async (as: string, t = '{t}'): Promise<Task[]> =>
  (await h.json('GET', TASKS.replace('{t}', t), { as, expect: 200 })).items.filter((x: Task) => MONEY_KINDS.includes(x.kind));
const orgOf = (o: { id: string; legalName: string }) => ({ id: o.id, name: o.legalName });

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  await h.addMember('manager', ['manager']);
  await h.addMember('coord', ['coordinator']);
  await h.addMember('m1', ['member']);
  org = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('1111111111'), expect: 201 });
  otherOrg = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('2222222222'), expect: 201 });
  await h.addMember('orgrep', ['organization'], org.id);
  await h.addMember('otherrep', ['organization'], otherOrg.id);
  env = await createEnvelope(h, 2026);
  const made = await h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(env.id), expect: 201 });
  call = await h.json('POST', `/api/t/{t}/calls/${made.id}/publish`, { as: 'manager', body: { version: made.version }, expect: 200 });
});

const spec = (o: { id: string; legalName: string }, title: string, over: Partial<AgreementSpec> = {}): AgreementSpec => ({
  organization: orgOf(o),
  title,
  period: { start: '2026-04-01', end: '2027-03-31' },
  years: [{ fiscalYear: 2026, envelopeId: env.id, cents: 100_000 }],
  schedule: { kind: 'single' },
  ...over,
});

describe('Ententes à signer (the institution)', () => {
  it('counts, per call, the agreements the organizations signed; one links to itself; gone once the institution signs; only managers see it', async () => {
    const a1 = await putAgreementAs(h, spec(org, 'Halte-répit'), { callId: call.id });
    const a2 = await putAgreementAs(h, spec(otherOrg, 'Cuisine collective'), { callId: call.id });
    // Neither a draft nor one sent (still with the organization) nor a declined one asks the institution anything.
    await putAgreementAs(h, spec(org, 'Brouillon'), { callId: call.id, status: 'draft' });
    await putAgreementAs(h, spec(org, 'Envoyée'), { callId: call.id, status: 'sent' });
    await putAgreementAs(h, spec(org, 'Déclinée'), { callId: call.id, status: 'declined' });

    expect(await tasksOf('manager')).toEqual([
      {
        kind: 'sign-agreements',
        subject: null,
        title: call.title,
        dueAt: null,
        count: 2,
        link: `/appels/${call.id}/ententes`,
        callId: call.id,
        studyId: null,
        roundId: null,
        proposalId: null,
      },
    ]);
    for (const who of ['coord', 'm1']) expect(await tasksOf(who)).toEqual([]);
    expect((await tasksOf('otherrep')).map((x) => x.kind)).toEqual([]);

    await h.json('POST', `/api/t/{t}/agreements/${a1.id}/signatures/institution`, {
      as: 'manager',
      body: { version: a1.version, title: 'Directrice générale' },
      expect: 200,
    });
    expect(await tasksOf('manager')).toEqual([
      expect.objectContaining({ kind: 'sign-agreements', count: 1, link: `/ententes/${a2.id}`, title: `${otherOrg.legalName} — Cuisine collective` }),
    ]);
  });

  it('an amendment the organization signed waits for the institution too', async () => {
    const a = await putSignedAgreement(h, spec(org, 'Halte-répit'));
    const signed = await h.json('GET', `/api/t/{t}/agreements/${a.id}`, { as: 'manager', expect: 200 });
    const base = signed.agreement ?? signed;
    const amended = await h.json('POST', `/api/t/{t}/agreements/${a.id}/amendments`, {
      as: 'manager',
      body: {
        version: base.version,
        reason: 'Une halte de plus par semaine',
        terms: {
          period: base.period,
          years: [{ fiscalYear: 2026, envelopeId: env.id, cents: 120_000 }],
          schedule: { kind: 'single' },
          obligations: [],
          clauses: base.clauses,
        },
      },
      expect: 201,
    });
    const amendedBase = amended.agreement ?? amended;
    // A draft amendment asks nothing of the organization yet.
    expect(await tasksOf('orgrep')).toEqual([]);
    const sent = await h.json('POST', `/api/t/{t}/agreements/${a.id}/amendments/1/send`, {
      as: 'manager',
      body: { version: amendedBase.version },
      expect: 200,
    });
    expect(await tasksOf('orgrep')).toEqual([expect.objectContaining({ kind: 'agreement-to-sign', title: 'Halte-répit', link: `/mes-ententes/${a.id}` })]);
    expect(await tasksOf('otherrep')).toEqual([]);
    expect(await tasksOf('manager')).toEqual([]);
    await h.json('POST', `/api/t/{t}/agreements/${a.id}/amendments/1/signatures/organization`, {
      as: 'orgrep',
      body: { version: (sent.agreement ?? sent).version, title: 'Présidente' },
      expect: 200,
    });
    expect(await tasksOf('orgrep')).toEqual([]);
    expect(await tasksOf('manager')).toEqual([expect.objectContaining({ kind: 'sign-agreements', count: 1, link: `/ententes/${a.id}` })]);
  });
});

describe('Entente à signer (the organization)', () => {
  it('lists its own organization’s sent agreements only, one task each, gone once it signs; another tenant never sees them', async () => {
    const mine = await putAgreementAs(h, spec(org, 'Halte-répit'), { callId: call.id, status: 'sent', signatures: { organization: null, institution: null } });
    const theirs = await putAgreementAs(h, spec(otherOrg, 'Cuisine collective'), {
      callId: call.id,
      status: 'sent',
      signatures: { organization: null, institution: null },
    });
    await putAgreementAs(h, spec(org, 'Brouillon'), { callId: call.id, status: 'draft' });
    await putAgreementAs(h, spec(org, 'À modifier'), { callId: call.id, status: 'changes-requested' });
    await putAgreementAs(h, spec(org, 'Déjà signée'), { callId: call.id });

    expect(await tasksOf('orgrep')).toEqual([
      {
        kind: 'agreement-to-sign',
        subject: null,
        title: 'Halte-répit',
        dueAt: null,
        count: 1,
        link: `/mes-ententes/${mine.id}`,
        callId: call.id,
        studyId: null,
        roundId: null,
        proposalId: null,
      },
    ]);
    expect(await tasksOf('otherrep')).toEqual([expect.objectContaining({ kind: 'agreement-to-sign', link: `/mes-ententes/${theirs.id}` })]);
    // The managers see only the one signed by the organization; staff without the permission nothing.
    expect((await tasksOf('manager')).map((x) => [x.kind, x.count])).toEqual([['sign-agreements', 1]]);
    expect(await tasksOf('coord')).toEqual([]);

    // Another tenant: its representative of an organization with the same id sees nothing of these.
    const elsewhere = `${h.tenantId}-elsewhere`;
    await h.addMember('orgrep-elsewhere', ['organization'], org.id, elsewhere);
    await h.addMember('manager', ['manager'], null, elsewhere);
    expect(await tasksOf('orgrep-elsewhere', elsewhere)).toEqual([]);
    expect(await tasksOf('manager', elsewhere)).toEqual([]);

    await h.json('POST', `/api/t/{t}/agreements/${mine.id}/signatures/organization`, {
      as: 'orgrep',
      body: { version: mine.version, title: 'Présidente' },
      expect: 200,
    });
    expect(await tasksOf('orgrep')).toEqual([]);
    expect((await tasksOf('manager')).map((x) => [x.kind, x.count])).toEqual([['sign-agreements', 2]]);
  });
});

describe('Réclamations à traiter', () => {
  let a: Agreement;
  const claim = (start: string, end: string, as = 'orgrep') =>
    h.json('POST', `/api/t/{t}/agreements/${a.id}/claims`, { as, body: { period: { start, end }, cents: 10_000, note: 'Haltes' }, expect: 201 });

  beforeEach(async () => {
    a = await putSignedAgreement(h, spec(org, 'Halte-répit', { schedule: { kind: 'periodic', every: 'month' } }));
  });

  it('counts the claims waiting, for the managers only, naming the organizations; a decided claim leaves; a resubmitted one returns', async () => {
    expect(await tasksOf('manager')).toEqual([]);
    await claim('2026-04-01', '2026-04-30');
    await claim('2026-05-01', '2026-05-31');
    expect(await tasksOf('manager')).toEqual([
      {
        kind: 'claims',
        subject: null,
        title: org.legalName,
        dueAt: null,
        count: 2,
        link: '/reclamations',
        callId: null,
        studyId: null,
        roundId: null,
        proposalId: null,
      },
    ]);
    for (const who of ['coord', 'm1', 'orgrep', 'otherrep']) expect(await tasksOf(who)).toEqual([]);
    await h.addMember('manager', ['manager'], null, `${h.tenantId}-elsewhere`);
    expect(await tasksOf('manager', `${h.tenantId}-elsewhere`)).toEqual([]);

    await h.json('POST', `/api/t/{t}/agreements/${a.id}/claims/2026-04-01/refuse`, { as: 'manager', body: { version: 1, reason: 'Pièces' }, expect: 200 });
    expect((await tasksOf('manager')).map((x) => [x.kind, x.count])).toEqual([['claims', 1]]);
    await h.json('POST', `/api/t/{t}/agreements/${a.id}/claims/2026-05-01/approve`, {
      as: 'manager',
      // Paid today: a payment dates from the institution's signature (today here) to today.
      body: { version: 1, paidOn: '2026-11-23', reference: 'Chèque 1' },
      expect: 200,
    });
    expect(await tasksOf('manager')).toEqual([]);
    await claim('2026-04-01', '2026-04-30');
    expect((await tasksOf('manager')).map((x) => [x.kind, x.count])).toEqual([['claims', 1]]);
  });
});

describe('Entente à revoir (the managers, when the organization asks for changes)', () => {
  it('one task per agreement the organization asked changes to, for the managers only; gone once sent again or declined; never another tenant’s', async () => {
    const a = await putAgreementAs(h, spec(org, 'Halte-répit'), { callId: call.id, status: 'sent' });
    const b = await putAgreementAs(h, spec(otherOrg, 'Cuisine collective'), { callId: call.id, status: 'sent' });
    expect(await tasksOf('manager')).toEqual([]);
    await h.json('POST', `/api/t/{t}/agreements/${a.id}/changes`, {
      as: 'orgrep',
      body: { version: a.version, comment: 'Le comité se réunit trop souvent.' },
      expect: 200,
    });
    const bc = await h.json('POST', `/api/t/{t}/agreements/${b.id}/changes`, {
      as: 'otherrep',
      body: { version: b.version, comment: 'Montant mal écrit.' },
      expect: 200,
    });
    const review = (x: Agreement, o: { legalName: string }, title: string) => ({
      kind: 'review-agreement',
      subject: null,
      title: `${o.legalName} — ${title}`,
      dueAt: null,
      count: 1,
      link: `/ententes/${x.id}`,
      callId: call.id,
      studyId: null,
      roundId: null,
      proposalId: null,
    });
    expect((await tasksOf('manager')).sort((x, y) => x.title.localeCompare(y.title))).toEqual(
      [review(a, org, 'Halte-répit'), review(b, otherOrg, 'Cuisine collective')].sort((x, y) => x.title.localeCompare(y.title)),
    );
    for (const who of ['coord', 'm1', 'orgrep', 'otherrep']) expect(await tasksOf(who)).toEqual([]);
    await h.addMember('manager', ['manager'], null, `${h.tenantId}-elsewhere`);
    expect(await tasksOf('manager', `${h.tenantId}-elsewhere`)).toEqual([]);

    // Sent again: it leaves; declined by the organization: it leaves too.
    await h.json('POST', `/api/t/{t}/agreements/${a.id}/send`, { as: 'manager', body: { version: a.version + 1 }, expect: 200 });
    expect(await tasksOf('manager')).toEqual([review(b, otherOrg, 'Cuisine collective')]);
    await h.json('POST', `/api/t/{t}/agreements/${b.id}/decline`, { as: 'otherrep', body: { version: bc.version, reason: 'Hors mission.' }, expect: 200 });
    expect(await tasksOf('manager')).toEqual([]);
  });

  it('an amendment the organization asked changes to waits for the managers; gone once sent again or cancelled', async () => {
    const a = await putSignedAgreement(h, spec(org, 'Halte-répit'));
    const base = await h.json('GET', `/api/t/{t}/agreements/${a.id}`, { as: 'manager', expect: 200 });
    const amended = await h.json('POST', `/api/t/{t}/agreements/${a.id}/amendments`, {
      as: 'manager',
      body: {
        version: base.version,
        reason: 'Une halte de plus par semaine',
        terms: {
          period: base.period,
          years: [{ fiscalYear: 2026, envelopeId: env.id, cents: 120_000 }],
          schedule: { kind: 'single' },
          obligations: [],
          clauses: base.clauses,
        },
      },
      expect: 201,
    });
    const sent = await h.json('POST', `/api/t/{t}/agreements/${a.id}/amendments/1/send`, { as: 'manager', body: { version: amended.version }, expect: 200 });
    const asked = await h.json('POST', `/api/t/{t}/agreements/${a.id}/amendments/1/changes`, {
      as: 'orgrep',
      body: { version: sent.version, comment: 'La date ne convient pas.' },
      expect: 200,
    });
    expect(await tasksOf('manager')).toEqual([
      expect.objectContaining({ kind: 'review-agreement', link: `/ententes/${a.id}`, title: `${org.legalName} — Halte-répit` }),
    ]);
    const again = await h.json('POST', `/api/t/{t}/agreements/${a.id}/amendments/1/send`, { as: 'manager', body: { version: asked.version }, expect: 200 });
    expect(await tasksOf('manager')).toEqual([]);
    const asked2 = await h.json('POST', `/api/t/{t}/agreements/${a.id}/amendments/1/changes`, {
      as: 'orgrep',
      body: { version: again.version, comment: 'Toujours pas.' },
      expect: 200,
    });
    expect((await tasksOf('manager')).map((x) => x.kind)).toEqual(['review-agreement']);
    await h.json('POST', `/api/t/{t}/agreements/${a.id}/amendments/1/cancel`, { as: 'manager', body: { version: asked2.version }, expect: 200 });
    expect(await tasksOf('manager')).toEqual([]);
  });
});
