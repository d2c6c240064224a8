/**
 * Yearly reports and obstacle reports against DynamoDB Local: the reports the institution's signature
 * makes due (one per fiscal year, due June 30), the draft saved as typed, every bad input refused naming
 * its cause with nothing stored, last year's slow-changing answers carried over (marked, editable), the
 * personal-information check refusing then accepting what its writer confirmed, reopening and
 * resubmission, acceptance meeting the agreement's obligation, an obstacle filed, answered and read; the
 * guards: another organization, another tenant, a forged id, staff writing an organization's report,
 * an organization reopening, accepting or answering; and the route × role matrix.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ALL_ROUTES } from '../../functions/contexts';
import { createApiApp } from '../../functions/lib/app';
import { getItem, queryAll } from '../../functions/lib/db';
import { newId } from '../../functions/lib/ids';
import { keys } from '../../functions/lib/keys';
import { yearlyReportObligations, type Agreement } from '../../shared/agreements';
import type { ObstacleReport, Report, YearlyReport } from '../../shared/reports';
import { createEnvelope, putAgreementAs } from '../support/agreements';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
const ORG_A = 'org-aaa';
const ORG_B = 'org-bbb';
const elsewhere = () => `${h.tenantId}-elsewhere`;

async function problem(res: Response, status: number) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(res.headers.get('Content-Type')).toContain('application/problem+json');
  return body as {
    type: string;
    detail: string;
    reason?: string;
    status: number;
    errors?: { path: string; code: string }[];
    hits?: { field: string; kind: string; text: string }[];
    current?: { version: number };
  };
}

const stored = async (id: string) => (await getItem<Report>(h.db, keys.report(h.tenantId, id), true))!;
const openMarkers = async () => queryAll<{ reportId: string; dueOn: string }>(h.db, keys.reportsOpen(h.tenantId));
const obstacleMarkers = async () => queryAll<{ reportId: string }>(h.db, keys.obstaclesOpen(h.tenantId));
const rep = (id: string, rest = '') => `/api/t/{t}/reports/${id}${rest}`;

/** An agreement of `org` over fiscal years 2025 and 2026, its yearly report obligations, signed by both (the institution through its route). */
async function signedAgreement(org: { id: string; name: string }, title = 'Halte-répit'): Promise<Agreement> {
  const period = { start: '2025-04-01', end: '2027-03-31' };
  const a = await putAgreementAs(
    h,
    {
      organization: org,
      title,
      period,
      years: [
        { fiscalYear: 2025, envelopeId: null, cents: 0 },
        { fiscalYear: 2026, envelopeId: null, cents: 0 },
      ],
      schedule: { kind: 'single' },
    },
    { obligations: yearlyReportObligations(period, newId), program: 'PSJP' },
  );
  return h.json('POST', `/api/t/{t}/agreements/${a.id}/signatures/institution`, {
    as: 'manager',
    body: { version: a.version, title: 'Directrice générale' },
    expect: 200,
  });
}

async function myReports(as = 'orgrep'): Promise<{ reports: YearlyReport[]; obstacles: ObstacleReport[] }> {
  return h.json('GET', '/api/t/{t}/my/reports', { as, expect: 200 });
}

/** A complete set of answers of the default template, the partner services and the partnerships as given. */
function complete(services: string[] = ['psychosocial', 'hebergement'], partnerships = 'CALACS, CAVAC et le CLSC : entente de référence.') {
  return {
    answers: {
      'personnes-accompagnees': { value: { kind: 'number', value: 41 }, carriedFrom: null },
      interventions: { value: { kind: 'number', value: 120 }, carriedFrom: null },
      'heures-benevolat': { value: { kind: 'nc' }, carriedFrom: null },
      'services-partenaires': { value: { kind: 'choices', value: services }, carriedFrom: null },
      'ressources-consultees': { value: { kind: 'text', value: 'Maison de la famille, CAVAC' }, carriedFrom: null },
    },
    sections: {
      'faits-saillants': { text: 'Ouverture d’un deuxième point de service.', carriedFrom: null },
      partenariats: { text: partnerships, carriedFrom: null },
    },
  };
}

let agreement: Agreement;
let r2025: YearlyReport;
let r2026: YearlyReport;

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  await h.addMember('manager', ['manager']);
  await h.addMember('coord', ['coordinator']);
  await h.addMember('member', ['member']);
  await h.addMember('admin', ['administrator']);
  await h.addMember('orgrep', ['organization'], ORG_A);
  await h.addMember('orgrep2', ['organization'], ORG_B);
  await h.addMember('manager', ['manager'], null, elsewhere());
  await h.addMember('orgrep', ['organization'], ORG_A, elsewhere());
  await createEnvelope(h, 2026);
  agreement = await signedAgreement({ id: ORG_A, name: 'CALACS Estrie' });
  const mine = await myReports();
  r2026 = mine.reports.find((r) => r.fiscalYear === 2026)!;
  r2025 = mine.reports.find((r) => r.fiscalYear === 2025)!;
});

async function save(r: { id: string; version: number }, body: { answers: unknown; sections: unknown }, as = 'orgrep') {
  return h.request('PUT', rep(r.id), { as, body: { version: r.version, ...body } });
}

/** Saves `body` on the report as it stands, then submits it (confirming `confirmedHits`). */
async function fillAndSubmit(id: string, body: { answers: unknown; sections: unknown } = complete(), confirmedHits: unknown[] = []): Promise<YearlyReport> {
  const now = await stored(id);
  const saved = await h.json('PUT', rep(id), { as: 'orgrep', body: { version: now.version, ...body }, expect: 200 });
  return h.json('POST', rep(id, '/submit'), { as: 'orgrep', body: { version: saved.version, confirmedHits }, expect: 200 });
}

describe('reports due by themselves', () => {
  it('the institution’s signature creates one report per fiscal year, due June 30, not started, each with its open marker', async () => {
    const mine = await myReports();
    expect(mine.reports.map((r) => r.fiscalYear)).toEqual([2026, 2025]);
    expect(r2025).toMatchObject({
      kind: 'yearly',
      status: 'not-started',
      agreementId: agreement.id,
      program: 'PSJP',
      organization: { id: ORG_A, name: 'CALACS Estrie' },
      projectTitle: 'Halte-répit',
      period: { start: '2025-04-01', end: '2026-03-31' },
      dueOn: '2026-06-30',
      templateVersion: null,
    });
    expect(r2026.dueOn).toBe('2027-06-30');
    expect((await openMarkers()).map((m) => m.reportId).sort()).toEqual([r2025.id, r2026.id].sort());
    expect(mine.obstacles).toEqual([]);
    // The other organization has none.
    expect((await myReports('orgrep2')).reports).toEqual([]);
  });

  it('the managers list the program’s reports, by year and status, the programs from the envelopes', async () => {
    const all = await h.json('GET', '/api/t/{t}/reports', { as: 'manager', expect: 200 });
    expect(all.programs).toEqual(['PSJP']);
    expect(all.reports.map((r: YearlyReport) => r.fiscalYear)).toEqual([2026, 2025]);
    const y = await h.json('GET', '/api/t/{t}/reports?program=PSJP&fiscalYear=2025', { as: 'manager', expect: 200 });
    expect(y.reports.map((r: YearlyReport) => r.id)).toEqual([r2025.id]);
    const none = await h.json('GET', '/api/t/{t}/reports?program=PSJP&status=submitted', { as: 'manager', expect: 200 });
    expect(none.reports).toEqual([]);
    await problem(await h.request('GET', '/api/t/{t}/reports?status=lost', { as: 'manager' }), 400);
    await problem(await h.request('GET', '/api/t/{t}/reports?fiscalYear=deux', { as: 'manager' }), 400);
  });
});

describe('the draft', () => {
  it('reads the report with its template (each indicator’s definition), saves it as typed at its version, resumable', async () => {
    const view = await h.json('GET', rep(r2025.id), { as: 'orgrep', expect: 200 });
    expect(view.template.version).toBe(1);
    expect(view.template.indicators.find((i: { id: string }) => i.id === 'personnes-accompagnees').definition).toContain('1er avril au 31 mars');
    const body = {
      answers: {
        'personnes-accompagnees': { value: { kind: 'number', value: 7 }, carriedFrom: null },
        interventions: { value: { kind: 'na' }, carriedFrom: null },
      },
      sections: { 'faits-saillants': { text: 'Premiers ateliers.', carriedFrom: null } },
    };
    const saved = await h.json('PUT', rep(r2025.id), { as: 'orgrep', body: { version: r2025.version, ...body }, expect: 200 });
    expect(saved).toMatchObject({ status: 'draft', templateVersion: 1, version: r2025.version + 1 });
    const again = await h.json('GET', rep(r2025.id), { as: 'orgrep', expect: 200 });
    expect(again.report.answers).toEqual(body.answers);
    expect(again.report.sections).toEqual(body.sections);
    // A stale save: 409 with the report as it stands, nothing changed.
    const stale = await problem(await save(r2025, body), 409);
    expect(stale.type).toBe('/problems/version-conflict');
    expect(stale.current?.version).toBe(saved.version);
  });

  it('refuses each bad answer naming its field, with nothing stored', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ 'personnes-accompagnees': { value: { kind: 'number', value: -3 } } }, 'answers.personnes-accompagnees', 'negative'],
      [{ interventions: { value: { kind: 'number', value: 2.5 } } }, 'answers.interventions', 'fractional'],
      [{ 'heures-benevolat': { value: { kind: 'number', value: 3.1 } } }, 'answers.heures-benevolat', 'fractional'],
      [{ 'pas-dans-le-modele': { value: { kind: 'number', value: 1 } } }, 'answers.pas-dans-le-modele', 'unknown-indicator'],
      [{ 'ressources-consultees': { value: { kind: 'nc' } } }, 'answers.ressources-consultees', 'nc-not-allowed'],
      [{ 'heures-benevolat': { value: { kind: 'na' } } }, 'answers.heures-benevolat', 'na-not-allowed'],
      [{ 'services-partenaires': { value: { kind: 'choices', value: ['psychosocial', 'astrologie'] } } }, 'answers.services-partenaires', 'unknown-choice'],
      [{ interventions: { value: { kind: 'text', value: 'beaucoup' } } }, 'answers.interventions', 'wrong-type'],
    ];
    for (const [answers, path, code] of cases) {
      const p = await problem(await save(r2025, { answers, sections: {} }), 422);
      expect(p.errors).toContainEqual(expect.objectContaining({ path, code }));
    }
    // Several at once: each named.
    const many = await problem(
      await save(r2025, {
        answers: { 'personnes-accompagnees': { value: { kind: 'number', value: -1 } }, interventions: { value: { kind: 'number', value: 0.5 } } },
        sections: { inconnue: { text: 'x' } },
      }),
      422,
    );
    expect(many.errors?.map((e) => e.path).sort()).toEqual(['answers.interventions', 'answers.personnes-accompagnees', 'sections.inconnue']);
    // Malformed: 400.
    await problem(await save(r2025, { answers: { x: { value: { kind: 'number', value: 'douze' } } }, sections: {} }), 400);
    await problem(await save(r2025, { answers: { 'a#b': { value: { kind: 'na' } } }, sections: {} }), 400);
    await problem(await h.request('PUT', rep(r2025.id), { as: 'orgrep', body: { answers: {}, sections: {} } }), 400);
    const after = await stored(r2025.id);
    expect(after).toMatchObject({ status: 'not-started', version: r2025.version, answers: {}, sections: {}, templateVersion: null });
  });

  it('submits only a complete report: 422 naming each missing indicator, nothing stored', async () => {
    const saved = await h.json('PUT', rep(r2025.id), {
      as: 'orgrep',
      body: { version: r2025.version, answers: { interventions: { value: { kind: 'number', value: 3 } } }, sections: {} },
      expect: 200,
    });
    const p = await problem(await h.request('POST', rep(r2025.id, '/submit'), { as: 'orgrep', body: { version: saved.version, confirmedHits: [] } }), 422);
    expect(p.reason).toBe('incomplete');
    expect(
      p.errors
        ?.filter((e) => e.code === 'missing')
        .map((e) => e.path)
        .sort(),
    ).toEqual(['answers.heures-benevolat', 'answers.personnes-accompagnees', 'answers.ressources-consultees', 'answers.services-partenaires']);
    expect(await stored(r2025.id)).toMatchObject({ status: 'draft', version: saved.version, submittedAt: null });
    expect((await openMarkers()).map((m) => m.reportId)).toContain(r2025.id);
  });
});

describe('personal information, submission, reopening, acceptance', () => {
  it('refuses a text that looks like personal information until it is fixed or confirmed; submits, removing the open marker', async () => {
    const body = complete();
    body.sections['cas' as 'partenariats'] = { text: 'Une femme nous a joints au 819 555-1234, née le 1990-05-12.', carriedFrom: null };
    const saved = await h.json('PUT', rep(r2025.id), { as: 'orgrep', body: { version: r2025.version, ...body }, expect: 200 });
    const p = await problem(await h.request('POST', rep(r2025.id, '/submit'), { as: 'orgrep', body: { version: saved.version, confirmedHits: [] } }), 422);
    expect(p.reason).toBe('personal-information');
    expect(p.hits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'sections.cas', kind: 'phone', text: '819 555-1234' }),
        expect.objectContaining({ field: 'sections.cas', kind: 'birthdate' }),
      ]),
    );
    expect(p.errors?.every((e) => e.path === 'sections.cas' && e.code === 'personal-information')).toBe(true);
    expect(await stored(r2025.id)).toMatchObject({ status: 'draft', version: saved.version });
    // Confirming only one hit is not enough.
    const one = [{ field: 'sections.cas', text: '819 555-1234' }];
    const still = await problem(await h.request('POST', rep(r2025.id, '/submit'), { as: 'orgrep', body: { version: saved.version, confirmedHits: one } }), 422);
    expect(still.hits?.map((x) => x.kind)).toEqual(['birthdate']);
    // Confirmed: "ce n'est pas une personne servie".
    const all = p.hits!.map((x) => ({ field: x.field, text: x.text }));
    const submitted = await h.json('POST', rep(r2025.id, '/submit'), { as: 'orgrep', body: { version: saved.version, confirmedHits: all }, expect: 200 });
    expect(submitted).toMatchObject({ status: 'submitted', submittedBy: 'orgrep', confirmedHits: all });
    expect(submitted.submittedAt).toBe('2026-11-23T15:00:00.000Z');
    expect((await openMarkers()).map((m) => m.reportId)).toEqual([r2026.id]);
    // Submitted: no more saves, no second submission.
    await problem(await save({ id: r2025.id, version: submitted.version }, complete()), 409);
    await problem(await h.request('POST', rep(r2025.id, '/submit'), { as: 'orgrep', body: { version: submitted.version, confirmedHits: [] } }), 409);
  });

  it('the manager reopens with a reason (marker back, organization told), the organization resubmits, the manager accepts: final, the obligation met', async () => {
    const submitted = await fillAndSubmit(r2025.id);
    await problem(await h.request('POST', rep(r2025.id, '/reopen'), { as: 'manager', body: { version: submitted.version, reason: '  ' } }), 400);
    const reopened = await h.json('POST', rep(r2025.id, '/reopen'), {
      as: 'manager',
      body: { version: submitted.version, reason: 'Le total des interventions ne concorde pas.' },
      expect: 200,
    });
    expect(reopened.status).toBe('reopened');
    expect(reopened.reopenings).toEqual([
      { at: '2026-11-23T15:00:00.000Z', by: 'manager', byName: 'manager', reason: 'Le total des interventions ne concorde pas.' },
    ]);
    expect((await openMarkers()).find((m) => m.reportId === r2025.id)?.dueOn).toBe('2026-06-30');
    const told = (await h.outbox('orgrep')).find((m) => m.kind === 'report-reopened');
    expect(told?.body).toContain('Le total des interventions ne concorde pas.');
    expect(told?.body).toContain(`/rapports/${r2025.id}`);
    // Reopened: only a submitted report is reopened again.
    await problem(await h.request('POST', rep(r2025.id, '/reopen'), { as: 'manager', body: { version: reopened.version, reason: 'encore' } }), 409);
    await problem(await h.request('POST', rep(r2025.id, '/accept'), { as: 'manager', body: { version: reopened.version } }), 409);
    // The organization corrects and submits again.
    const fixed = complete();
    fixed.answers.interventions.value = { kind: 'number', value: 118 };
    const again = await fillAndSubmit(r2025.id, fixed);
    expect(again.answers.interventions?.value).toEqual({ kind: 'number', value: 118 });
    expect(again.reopenings).toHaveLength(1);
    const accepted = await h.json('POST', rep(r2025.id, '/accept'), { as: 'manager', body: { version: again.version }, expect: 200 });
    expect(accepted).toMatchObject({ status: 'accepted', acceptedAt: '2026-11-23T15:00:00.000Z' });
    const a = (await getItem<Agreement>(h.db, keys.agreement(h.tenantId, agreement.id), true))!;
    expect(a.obligations.find((o) => o.kind === 'report' && o.fiscalYear === 2025)?.status).toBe('met');
    expect(a.obligations.find((o) => o.kind === 'report' && o.fiscalYear === 2026)?.status).toBe('pending');
    // After acceptance: no submission, no save, no reopening.
    const late = await problem(
      await h.request('POST', rep(r2025.id, '/submit'), { as: 'orgrep', body: { version: accepted.version, confirmedHits: [] } }),
      409,
    );
    expect(late.detail).toContain('accepté');
    await problem(await save({ id: r2025.id, version: accepted.version }, complete()), 409);
    await problem(await h.request('POST', rep(r2025.id, '/reopen'), { as: 'manager', body: { version: accepted.version, reason: 'non' } }), 409);
    expect(await stored(r2025.id)).toMatchObject({ status: 'accepted', version: accepted.version });
  });
});

describe('carried over from last year', () => {
  it('the slow-changing answers of last year’s submitted report come marked, stay until edited, and lose their mark once changed', async () => {
    // Nothing to carry before last year's report is sent.
    const before = await h.json('GET', rep(r2026.id), { as: 'orgrep', expect: 200 });
    expect(before.report.answers).toEqual({});
    await fillAndSubmit(r2025.id, complete(['psychosocial', 'aide-juridique'], 'CAVAC (entente formelle), Maison des jeunes (informel).'));
    const view = await h.json('GET', rep(r2026.id), { as: 'orgrep', expect: 200 });
    expect(view.report.answers).toEqual({
      'services-partenaires': { value: { kind: 'choices', value: ['psychosocial', 'aide-juridique'] }, carriedFrom: 2025 },
      'ressources-consultees': { value: { kind: 'text', value: 'Maison de la famille, CAVAC' }, carriedFrom: 2025 },
    });
    expect(view.report.sections).toEqual({ partenariats: { text: 'CAVAC (entente formelle), Maison des jeunes (informel).', carriedFrom: 2025 } });
    // The manager reads the same.
    expect((await h.json('GET', rep(r2026.id), { as: 'manager', expect: 200 })).report.answers['services-partenaires'].carriedFrom).toBe(2025);

    // The writer changes the services (the client still claims 2025: the server drops the mark), keeps the partnerships.
    const saved = await h.json('PUT', rep(r2026.id), {
      as: 'orgrep',
      body: {
        version: r2026.version,
        answers: {
          ...view.report.answers,
          'services-partenaires': { value: { kind: 'choices', value: ['psychosocial', 'hebergement'] }, carriedFrom: 2025 },
          'personnes-accompagnees': { value: { kind: 'nc' }, carriedFrom: 2024 },
        },
        sections: view.report.sections,
      },
      expect: 200,
    });
    expect(saved.answers['services-partenaires'].carriedFrom).toBeNull();
    expect(saved.answers['ressources-consultees'].carriedFrom).toBe(2025);
    expect(saved.answers['personnes-accompagnees'].carriedFrom).toBeNull();
    expect(saved.sections.partenariats.carriedFrom).toBe(2025);
    // Resumed: what was typed wins over what is carried.
    const resumed = await h.json('GET', rep(r2026.id), { as: 'orgrep', expect: 200 });
    expect(resumed.report.answers['services-partenaires']).toEqual({ value: { kind: 'choices', value: ['psychosocial', 'hebergement'] }, carriedFrom: null });
  });

  it('a submission sends what the writer saw: the carried items untouched are part of the report', async () => {
    await fillAndSubmit(r2025.id);
    const body = complete();
    const { 'services-partenaires': _s, 'ressources-consultees': _r, ...typed } = body.answers;
    const { partenariats: _p, ...sections } = body.sections;
    const submitted = await fillAndSubmit(r2026.id, { answers: typed, sections });
    expect(submitted.answers['services-partenaires']).toEqual({ value: { kind: 'choices', value: ['psychosocial', 'hebergement'] }, carriedFrom: 2025 });
    expect(submitted.sections.partenariats?.carriedFrom).toBe(2025);
    expect(((await stored(r2026.id)) as YearlyReport).answers['ressources-consultees']?.carriedFrom).toBe(2025);
    // Reopened, saved as it was: the carried items keep their mark.
    const reopened = await h.json('POST', rep(r2026.id, '/reopen'), {
      as: 'manager',
      body: { version: submitted.version, reason: 'Précisez les heures.' },
      expect: 200,
    });
    const resaved = await h.json('PUT', rep(r2026.id), {
      as: 'orgrep',
      body: { version: reopened.version, answers: reopened.answers, sections: reopened.sections },
      expect: 200,
    });
    expect(resaved.status).toBe('reopened');
    expect(resaved.answers['services-partenaires'].carriedFrom).toBe(2025);
    expect(resaved.sections.partenariats.carriedFrom).toBe(2025);
    expect(resaved.answers.interventions.carriedFrom).toBeNull();
  });
});

describe('obstacle reports', () => {
  it('an organization files one on its signed agreement; the managers are told; the manager answers once; the organization reads the answer', async () => {
    const body = { agreementId: agreement.id, obstacle: 'Le local promis n’est plus disponible.', request: 'Reporter le début des ateliers de deux mois.' };
    const filed: ObstacleReport = await h.json('POST', '/api/t/{t}/obstacle-reports', { as: 'orgrep', body, expect: 201 });
    expect(filed).toMatchObject({
      kind: 'obstacle',
      agreementId: agreement.id,
      organization: { id: ORG_A },
      fiscalYear: 2026,
      filedBy: 'orgrep',
      answer: null,
    });
    expect((await obstacleMarkers()).map((m) => m.reportId)).toEqual([filed.id]);
    const told = (await h.outbox('manager')).find((m) => m.kind === 'obstacle-reported');
    expect(told?.body).toContain('CALACS Estrie');
    expect(told?.body).not.toContain('local promis');
    const list = await h.json('GET', '/api/t/{t}/reports?program=PSJP', { as: 'manager', expect: 200 });
    expect(list.obstacles.map((o: ObstacleReport) => o.id)).toEqual([filed.id]);

    // An organization does not answer (403); another organization does not even see it (its route is 403 too).
    await problem(await h.request('POST', rep(filed.id, '/answer'), { as: 'orgrep', body: { version: filed.version, text: 'Moi-même' } }), 403);
    await problem(await h.request('POST', rep(filed.id, '/answer'), { as: 'manager', body: { version: filed.version, text: '' } }), 400);
    expect(((await stored(filed.id)) as ObstacleReport).answer).toBeNull();
    const answered = await h.json('POST', rep(filed.id, '/answer'), {
      as: 'manager',
      body: { version: filed.version, text: 'Accordé : le début est reporté au 1er février.' },
      expect: 200,
    });
    expect(answered.answer).toMatchObject({ by: 'manager', text: 'Accordé : le début est reporté au 1er février.' });
    expect(await obstacleMarkers()).toEqual([]);
    // Once only.
    await problem(await h.request('POST', rep(filed.id, '/answer'), { as: 'manager', body: { version: answered.version, text: 'Autre' } }), 409);
    // A yearly report gets no answer.
    await problem(await h.request('POST', rep(r2025.id, '/answer'), { as: 'manager', body: { version: r2025.version, text: 'x' } }), 409);
    expect((await h.outbox('orgrep')).some((m) => m.kind === 'obstacle-answered' && m.body.includes('Halte-répit'))).toBe(true);
    const mine = await myReports();
    expect(mine.obstacles).toHaveLength(1);
    expect(mine.obstacles[0]?.answer?.text).toBe('Accordé : le début est reporté au 1er février.');
    const read = await h.json('GET', rep(filed.id), { as: 'orgrep', expect: 200 });
    expect(read.template).toBeNull();
    expect((await myReports('orgrep2')).obstacles).toEqual([]);
  });

  it('refuses another organization’s agreement (404), an agreement not signed (409), personal information until confirmed, bad input (400): nothing stored', async () => {
    const other = await signedAgreement({ id: ORG_B, name: 'Autre organisme' }, 'Autre projet');
    const unsigned = await putAgreementAs(
      h,
      {
        organization: { id: ORG_A, name: 'CALACS Estrie' },
        period: { start: '2026-04-01', end: '2027-03-31' },
        years: [{ fiscalYear: 2026, envelopeId: null, cents: 0 }],
        schedule: { kind: 'single' },
      },
      { status: 'sent' },
    );
    const ok = { obstacle: 'Le local est fermé.', request: 'Un délai.' };
    await problem(await h.request('POST', '/api/t/{t}/obstacle-reports', { as: 'orgrep', body: { ...ok, agreementId: other.id } }), 404);
    await problem(await h.request('POST', '/api/t/{t}/obstacle-reports', { as: 'orgrep', body: { ...ok, agreementId: 'nope-nope' } }), 404);
    const ns = await problem(await h.request('POST', '/api/t/{t}/obstacle-reports', { as: 'orgrep', body: { ...ok, agreementId: unsigned.id } }), 409);
    expect(ns.status).toBe(409);
    await problem(await h.request('POST', '/api/t/{t}/obstacle-reports', { as: 'orgrep', body: { ...ok, obstacle: '', agreementId: agreement.id } }), 400);
    await problem(await h.request('POST', '/api/t/{t}/obstacle-reports', { as: 'orgrep', body: { ...ok, agreementId: 'A#B' } }), 400);
    // Staff do not file an organization's obstacle.
    await problem(await h.request('POST', '/api/t/{t}/obstacle-reports', { as: 'manager', body: { ...ok, agreementId: agreement.id } }), 403);
    const pi = { agreementId: agreement.id, obstacle: 'Mme Tremblay (marie.tremblay@example.org) ne vient plus.', request: 'Rien.' };
    const p = await problem(await h.request('POST', '/api/t/{t}/obstacle-reports', { as: 'orgrep', body: pi }), 422);
    expect(p.reason).toBe('personal-information');
    expect(p.hits).toEqual([expect.objectContaining({ field: 'obstacle', kind: 'email', text: 'marie.tremblay@example.org' })]);
    expect((await myReports()).obstacles).toEqual([]);
    expect(await obstacleMarkers()).toEqual([]);
    const filed = await h.json('POST', '/api/t/{t}/obstacle-reports', {
      as: 'orgrep',
      body: { ...pi, confirmedHits: [{ field: 'obstacle', text: 'marie.tremblay@example.org' }] },
      expect: 201,
    });
    expect(filed.confirmedHits).toEqual([{ field: 'obstacle', text: 'marie.tremblay@example.org' }]);
  });
});

describe('guards', () => {
  it('another organization’s report is 404 on every route; another tenant and a forged id too; nothing changes', async () => {
    const body = { version: r2025.version, ...complete() };
    for (const [method, path, b] of [
      ['GET', rep(r2025.id), undefined],
      ['PUT', rep(r2025.id), body],
      ['POST', rep(r2025.id, '/submit'), { version: r2025.version, confirmedHits: [] }],
    ] as const) {
      await problem(await h.request(method, path, { as: 'orgrep2', body: b }), 404);
      await problem(await h.request(method, path.replace('{t}', elsewhere()), { as: 'orgrep', body: b }), 404);
      await problem(await h.request(method, path.replace(r2025.id, 'nope-nope'), { as: 'orgrep', body: b }), 404);
      await problem(await h.request(method, path.replace(r2025.id, 'BAD%23ID'), { as: 'orgrep', body: b }), 404);
    }
    for (const [path, b] of [
      [rep(r2025.id, '/reopen'), { version: r2025.version, reason: 'x' }],
      [rep(r2025.id, '/accept'), { version: r2025.version }],
      [rep(r2025.id, '/answer'), { version: r2025.version, text: 'x' }],
    ] as const) {
      await problem(await h.request('POST', path.replace('{t}', elsewhere()), { as: 'manager', body: b }), 404);
      await problem(await h.request('POST', path.replace(r2025.id, 'nope-nope'), { as: 'manager', body: b }), 404);
    }
    expect((await h.json('GET', '/api/t/{t}/reports', { as: 'manager', expect: 200 })).reports).toHaveLength(2);
    expect((await h.json(`GET`, `/api/t/${elsewhere()}/reports`, { as: 'manager', expect: 200 })).reports).toEqual([]);
    expect(await stored(r2025.id)).toMatchObject({ status: 'not-started', version: r2025.version });
  });

  it('staff cannot save or submit an organization’s report (403); an organization cannot reopen, accept or answer (403)', async () => {
    await problem(await save(r2025, complete(), 'manager'), 403);
    await problem(await h.request('POST', rep(r2025.id, '/submit'), { as: 'manager', body: { version: r2025.version, confirmedHits: [] } }), 403);
    const submitted = await fillAndSubmit(r2025.id);
    await problem(await h.request('POST', rep(r2025.id, '/reopen'), { as: 'orgrep', body: { version: submitted.version, reason: 'moi' } }), 403);
    await problem(await h.request('POST', rep(r2025.id, '/accept'), { as: 'orgrep', body: { version: submitted.version } }), 403);
    expect(await stored(r2025.id)).toMatchObject({ status: 'submitted', version: submitted.version });
  });

  it('the route × role matrix', async () => {
    const routes: [string, string, unknown][] = [
      ['GET', '/api/t/{t}/my/reports', undefined],
      ['GET', '/api/t/{t}/reports', undefined],
      ['GET', rep(r2025.id), undefined],
      ['PUT', rep(r2025.id), { version: 999, answers: {}, sections: {} }],
      ['POST', rep(r2025.id, '/submit'), { version: 999, confirmedHits: [] }],
      ['POST', rep(r2025.id, '/reopen'), { version: 999, reason: 'x' }],
      ['POST', rep(r2025.id, '/accept'), { version: 999 }],
      ['POST', rep(r2025.id, '/answer'), { version: 999, text: 'x' }],
      ['POST', '/api/t/{t}/obstacle-reports', { agreementId: 'nope-nope', obstacle: 'x', request: 'y' }],
    ];
    // What each role gets past the permission: 403 when refused; otherwise the route's own answer
    // (a stale version 409, a yearly report answered 409, an unknown agreement 404, a read 200).
    const expected: Record<string, number[]> = {
      manager: [403, 200, 200, 403, 403, 409, 409, 409, 403],
      coord: [403, 403, 403, 403, 403, 403, 403, 403, 403],
      member: [403, 403, 403, 403, 403, 403, 403, 403, 403],
      admin: [403, 403, 403, 403, 403, 403, 403, 403, 403],
      orgrep: [200, 403, 200, 409, 409, 403, 403, 403, 404],
    };
    for (const [who, statuses] of Object.entries(expected)) {
      const got: number[] = [];
      for (const [method, path, body] of routes) got.push((await h.request(method, path, { as: who, body })).status);
      expect({ who, got }).toEqual({ who, got: statuses });
    }
  });
});

describe('privacy', () => {
  it('no report content reaches the logs: refused saves, the personal-information refusal, submission, an obstacle and its answer', async () => {
    const lines: string[] = [];
    const logger = {
      info: (m: string, a: object) => lines.push(`${m} ${JSON.stringify(a)}`),
      warn: (m: string, a: object) => lines.push(`${m} ${JSON.stringify(a)}`),
      error: (m: string, a: object) => lines.push(`${m} ${JSON.stringify(a)}`),
    };
    const consoleLines: string[] = [];
    const spies = (['log', 'info', 'warn', 'error'] as const).map((k) =>
      vi.spyOn(console, k).mockImplementation((...args) => void consoleLines.push(args.join(' '))),
    );
    const app = createApiApp({ ...h.deps, logger }, ALL_ROUTES);
    const call = async (as: string, method: string, path: string, body?: unknown) => {
      const token = await h.issuer.sign({ sub: as, name: as, email: `${as}@test` });
      return app.request(path.replace('{t}', h.tenantId), {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    };
    const secret = 'Mme Gagnon-Secret au 450 555-0142';
    try {
      const body = complete(['psychosocial'], `Partenaire-Secret ${secret}`);
      body.answers['ressources-consultees'].value = { kind: 'text', value: 'Ressource-Secret' };
      expect(
        (
          await call('orgrep', 'PUT', rep(r2025.id), {
            version: r2025.version,
            answers: { x: { value: { kind: 'text', value: 'Typed-Secret' } } },
            sections: {},
          })
        ).status,
      ).toBe(422);
      expect(
        (
          await call('orgrep', 'PUT', rep(r2025.id), {
            version: r2025.version,
            answers: { interventions: { value: { kind: 'number', value: 'Typed-Secret' } } },
            sections: {},
          })
        ).status,
      ).toBe(400);
      const saved = await (await call('orgrep', 'PUT', rep(r2025.id), { version: r2025.version, ...body })).json();
      const refused = await call('orgrep', 'POST', rep(r2025.id, '/submit'), { version: saved.version, confirmedHits: [] });
      expect(refused.status).toBe(422);
      const ok = await call('orgrep', 'POST', rep(r2025.id, '/submit'), {
        version: saved.version,
        confirmedHits: [{ field: 'sections.partenariats', text: '450 555-0142' }],
      });
      expect(ok.status).toBe(200);
      const filed = await (
        await call('orgrep', 'POST', '/api/t/{t}/obstacle-reports', { agreementId: agreement.id, obstacle: 'Obstacle-Secret', request: 'Demande-Secret' })
      ).json();
      expect((await call('manager', 'POST', rep(filed.id, '/answer'), { version: filed.version, text: 'Reponse-Secret' })).status).toBe(200);
      expect((await call('orgrep', 'GET', rep(r2025.id))).status).toBe(200);
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(lines.length).toBeGreaterThan(0);
    const logged = [...lines, ...consoleLines].join('\n');
    expect(logged).not.toMatch(/Secret|450 555|Typed/);
  });
});
