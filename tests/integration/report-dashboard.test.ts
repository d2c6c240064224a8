/**
 * The funder's dashboard against DynamoDB Local: seed 003's reports stored as the reports context writes
 * them, the dashboard and its CSV read back through the routes, the organization's program results, and
 * the guards (roles, another tenant, a forged template id, an organization without a report there).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { seed003ObstacleReports, seed003Reports } from '../../functions/local/seed-003-data';
import { templateIdOf } from '../../functions/reports/templates';
import { buildDashboard } from '../../shared/report-dashboard';
import type { Report, YearlyReport } from '../../shared/reports';
import { createHarness, type Harness } from '../support/harness';
import { ensureTemplate, putReports } from '../support/seed-reports';

const PROGRAM = 'SCF-PILOTE';
let h: Harness;
let reports: Report[];
let templateId: string;
let n = 0;
const newId = () => `rep${Date.now().toString(36)}${++n}`;
const base = () => `/api/t/{t}/report-templates/${templateId}`;

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  await h.addMember('manager', ['manager']);
  await h.addMember('coord', ['coordinator']);
  await h.addMember('member', ['member']);
  await h.addMember('admin', ['administrator']);
  await h.addMember('cles-rep', ['organization'], 'cles');
  await h.addMember('marthe-rep', ['organization'], 'maison-de-marthe');
  await h.addMember('outsider-rep', ['organization'], 'org-outsider');
  templateId = (await ensureTemplate(h.db, h.tenantId, PROGRAM)).id;
  reports = [...seed003Reports({ program: PROGRAM, newId, by: 'seed' }), ...seed003ObstacleReports({ program: PROGRAM, newId, by: 'seed', byName: 'Seed' })];
  await putReports(h.db, h.tenantId, reports);
});

describe('the dashboard', () => {
  it('lists the programs with a template; another tenant’s are not there', async () => {
    const other = `${h.tenantId}-elsewhere`;
    await h.addMember('other-manager', ['manager'], null, other);
    await ensureTemplate(h.db, other, 'AUTRE');
    expect(await h.json('GET', '/api/t/{t}/report-dashboards', { as: 'manager', expect: 200 })).toEqual({
      items: [{ id: templateId, program: PROGRAM, title: `Rapport annuel — ${PROGRAM}` }],
    });
  });

  it('reads the program’s reports and answers what the pure aggregation gives: Table 3 to the unit', async () => {
    expect(templateId).toBe(templateIdOf(PROGRAM));
    const d = await h.json('GET', `${base()}/dashboard`, { as: 'manager', expect: 200 });
    const template = (await ensureTemplate(h.db, h.tenantId, PROGRAM)).indicators;
    const expected = buildDashboard({ indicators: template, reports, today: '2026-11-23' });
    expect({ years: d.years, organizations: d.organizations, reports: d.reports, indicators: d.indicators }).toEqual(expected);
    expect(d.template).toEqual({ id: templateId, program: PROGRAM, title: `Rapport annuel — ${PROGRAM}`, version: 1 });
    const women = d.indicators.find((t: { indicator: { id: string } }) => t.indicator.id === 'personnes-accompagnees');
    expect(women.totals.map((t: { sum: number }) => t.sum)).toEqual([56, 122, 87, 101, 129, 210]);
    expect(women.rows[1].cells).toEqual(['na', 'na', 'nc', 13, 'nc', 'nc']);
  });

  it('from/to: only those fiscal years', async () => {
    const d = await h.json('GET', `${base()}/dashboard?from=2019&to=2020`, { as: 'manager', expect: 200 });
    expect(d.years).toEqual([2019, 2020]);
    expect(d.indicators[0].totals.map((t: { sum: number }) => t.sum)).toEqual([87, 101]);
    const open = await h.json('GET', `${base()}/dashboard?from=2021`, { as: 'manager', expect: 200 });
    expect(open.years).toEqual([2021, 2022]);
  });

  it('a report not yet submitted counts as due once its date has passed, not as received; a new organization appears with "not-received"', async () => {
    const late: YearlyReport = {
      ...(reports[0] as YearlyReport),
      id: newId(),
      organization: { id: 'org-late', name: 'Aube nouvelle' },
      fiscalYear: 2022,
      status: 'draft',
      dueOn: '2023-06-30',
      submittedAt: null,
      acceptedAt: null,
    };
    await putReports(h.db, h.tenantId, [late]);
    const d = await h.json('GET', `${base()}/dashboard`, { as: 'manager', expect: 200 });
    expect(d.organizations[0]).toEqual({ id: 'org-late', name: 'Aube nouvelle' });
    expect(d.reports.due[5]).toBe(6);
    expect(d.reports.received[5]).toBe(5);
    expect(d.indicators[0].rows[0].cells).toEqual(['none', 'none', 'none', 'none', 'none', 'not-received']);
  });

  it('the CSV for Excel in French: BOM, semicolons, N.A./N.C. as such, totals without N.C. and their footnote, the legend', async () => {
    const res = await h.request('GET', `${base()}/dashboard.csv`, { as: 'manager', headers: { 'Accept-Language': 'fr-CA' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/csv');
    expect(res.headers.get('Content-Disposition')).toContain(`tableau-de-bord-${templateId}.csv`);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toContain('Organisme;2017-2018;2018-2019;2019-2020;2020-2021;2021-2022;2022-2023');
    expect(lines).toContain('CALACS Étoile du Nord;N.A.;N.A.;N.C.;13;N.C.;N.C.');
    expect(lines).toContain('CALACS Estrie;N.A.;7;20;27;15;41');
    expect(lines).toContain('Total;56;122;87;101;129;210');
    expect(lines).toContain('Total sans les N.C.;;;*;;*;*');
    // Table 2 with the obstacle report's star, Table 4's X's.
    expect(lines).toContain('CALACS Étoile du Nord;1;1;1;1;1*;1;6');
    expect(lines).toContain('Psychosocial;N.A.;N.A.;X;X;N.C.;X');
    expect(lines).toContain('N.C. : donnée non calculée (absente ou imprécise)');
    const en = await h.request('GET', `${base()}/dashboard.csv`, { as: 'manager', headers: { 'Accept-Language': 'en' } });
    expect(await en.text()).toContain('Organization;2017-2018');
  });

  it('the CSV neutralises a formula in an organization’s name', async () => {
    const evil: YearlyReport = { ...(reports[0] as YearlyReport), id: newId(), organization: { id: 'org-evil', name: '=HYPERLINK("http://x")' } };
    await putReports(h.db, h.tenantId, [evil]);
    const text = await (await h.request('GET', `${base()}/dashboard.csv`, { as: 'manager' })).text();
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).not.toMatch(/(^|;|\n)=HYPERLINK/);
  });
});

describe('the organization’s program results', () => {
  it('shows the program’s totals its reports fed, no other organization’s row, no names, no narratives', async () => {
    const r = await h.json('GET', '/api/t/{t}/my/program-results', { as: 'cles-rep', expect: 200 });
    expect(r.items).toHaveLength(1);
    const item = r.items[0];
    expect(item.template).toEqual({ id: templateId, program: PROGRAM, title: `Rapport annuel — ${PROGRAM}` });
    expect(item.organizationsReporting).toEqual([5, 5, 5, 5, 5, 5]);
    expect(item.contributed).toEqual([true, true, true, true, true, true]);
    expect(item.indicators[0].totals.map((t: { sum: number }) => t.sum)).toEqual([56, 122, 87, 101, 129, 210]);
    const body = JSON.stringify(r);
    for (const leak of ['Maison de Marthe', 'maison-de-marthe', 'CALACS', 'organizationId', 'rows', 'Organismes communautaires'])
      expect(body).not.toContain(leak);
    const one = await h.json('GET', `/api/t/{t}/my/program-results?templateId=${templateId}`, { as: 'cles-rep', expect: 200 });
    expect(one).toEqual(r);
  });

  it('an organization with no report received in the program: 404 for that program, nothing listed', async () => {
    const res = await h.request('GET', `/api/t/{t}/my/program-results?templateId=${templateId}`, { as: 'outsider-rep' });
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    expect(await h.json('GET', '/api/t/{t}/my/program-results', { as: 'outsider-rep', expect: 200 })).toEqual({ items: [] });
    // A report due but never submitted does not open the program's results.
    const draft: YearlyReport = {
      ...(reports[0] as YearlyReport),
      id: newId(),
      organization: { id: 'org-outsider', name: 'Dehors' },
      status: 'draft',
      submittedAt: null,
      acceptedAt: null,
    };
    await putReports(h.db, h.tenantId, [draft]);
    expect((await h.request('GET', `/api/t/{t}/my/program-results?templateId=${templateId}`, { as: 'outsider-rep' })).status).toBe(404);
  });

  it('a forged or unknown templateId: 404 (unknown) or 400 (not an id), nothing read', async () => {
    expect((await h.request('GET', `/api/t/{t}/my/program-results?templateId=${templateIdOf('AUTRE')}`, { as: 'cles-rep' })).status).toBe(404);
    expect((await h.request('GET', '/api/t/{t}/my/program-results?templateId=a%23b', { as: 'cles-rep' })).status).toBe(400);
  });
});

describe('guards', () => {
  it('the route × role matrix', async () => {
    const routes = ['/api/t/{t}/report-dashboards', `${base()}/dashboard`, `${base()}/dashboard.csv`, '/api/t/{t}/my/program-results'];
    const expected: Record<string, number[]> = {
      manager: [200, 200, 200, 403],
      coord: [403, 403, 403, 403],
      member: [403, 403, 403, 403],
      admin: [403, 403, 403, 403],
      'cles-rep': [403, 403, 403, 200],
    };
    for (const [who, statuses] of Object.entries(expected))
      for (const [i, path] of routes.entries())
        expect(`${who} ${path} ${(await h.request('GET', path, { as: who })).status}`).toBe(`${who} ${path} ${statuses[i]}`);
  });

  it('another tenant: its manager gets 404 on this tenant and on its own with this template; no token: 401', async () => {
    const other = `${h.tenantId}-elsewhere`;
    await h.addMember('other-manager', ['manager'], null, other);
    expect((await h.request('GET', `${base()}/dashboard`, { as: 'other-manager' })).status).toBe(404);
    expect((await h.request('GET', `/api/t/${other}/report-templates/${templateId}/dashboard`, { as: 'other-manager' })).status).toBe(404);
    expect((await h.request('GET', `/api/t/${other}/report-templates/${templateId}/dashboard.csv`, { as: 'other-manager' })).status).toBe(404);
    expect((await h.request('GET', `${base()}/dashboard`)).status).toBe(401);
  });

  it('a forged or unknown templateId: 404', async () => {
    for (const forged of [templateIdOf('AUTRE'), 'prog-%23x', `prog-${'a'.repeat(400)}`, '..%2Fx'])
      expect(`${forged} ${(await h.request('GET', `/api/t/{t}/report-templates/${forged}/dashboard`, { as: 'manager' })).status}`).toBe(`${forged} 404`);
  });

  it('bad years: 400 problems naming the field', async () => {
    for (const q of ['from=abc', 'from=1999', 'from=2022&to=2019', 'from=2000&to=2040', 'year=2020']) {
      const res = await h.request('GET', `${base()}/dashboard?${q}`, { as: 'manager' });
      expect(`${q} ${res.status}`).toBe(`${q} 400`);
      expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    }
    const body = await h.json('GET', `${base()}/dashboard.csv?from=2022&to=2019`, { as: 'manager', expect: 400 });
    expect(body.errors[0].path).toBe('to');
  });
});
