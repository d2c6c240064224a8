/** The funder's dashboard of a program (indicator × organization × year, charts' data, CSV) and the results an organization's reports fed. */
import { Hono } from 'hono';
import { instantToMontrealLocal } from '../../shared/dates';
import { NotFoundError, ValidationError, negotiateLang } from '../../shared/errors';
import { buildDashboard, isReceived, programResults } from '../../shared/report-dashboard';
import { dashboardQuery, programResultsQuery } from '../../shared/schemas/report-dashboard';
import { dashboardListSchema, dashboardSchema, programResultsSchema } from '../../shared/schemas/responses/report-dashboard';
import { queryParams, type AppEnv, type Deps } from '../lib/app';
import { allow } from '../lib/auth';
import { responds } from '../lib/contract';
import { reportsOfOrganization, reportsOfProgram } from './dashboard-read';
import { dashboardCsv } from './dashboard-csv';
import { getReportTemplate, listReportTemplates, templateIdOf, type StoredTemplate } from './templates';

/** At most thirty fiscal years on one dashboard. */
const MAX_YEARS = 30;

function checkYears(from: number | undefined, to: number | undefined): void {
  if (from !== undefined && to !== undefined && (to < from || to - from >= MAX_YEARS))
    throw new ValidationError([
      {
        path: 'to',
        code: 'year_range',
        message: {
          fr: `L’exercice de fin doit suivre celui du début, ${MAX_YEARS} exercices au plus.`,
          en: `The last fiscal year must follow the first one, ${MAX_YEARS} fiscal years at most.`,
        },
      },
    ]);
}

const todayOf = (deps: Deps) => instantToMontrealLocal(deps.now()).slice(0, 10);

/** The dashboard of a template's program: its current indicators over the program's reports. */
async function dashboardOf(deps: Deps, t: string, template: StoredTemplate, from?: number, to?: number) {
  const reports = await reportsOfProgram(deps.db, t, template.program, from, to);
  const today = todayOf(deps);
  return { today, dashboard: buildDashboard({ indicators: template.indicators, reports, today, from, to }) };
}

const templateRef = (x: StoredTemplate) => ({ id: x.id, program: x.program, title: x.title, version: x.version });

const noReport = () => new NotFoundError({ fr: 'Un rapport de votre organisme dans ce programme', en: 'A report of your organization in this program' });

export const dashboardRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/t/:tenantId/report-dashboards',
      allow('report:read'),
      responds({ 200: dashboardListSchema }, { summary: { fr: 'Lister les tableaux de bord des programmes', en: 'List the programs’ dashboards' } }),
      async (c) => {
        const templates = await listReportTemplates(deps.db, c.get('member').tenantId);
        const items = templates.map((x) => ({ id: x.id, program: x.program, title: x.title })).sort((a, b) => a.program.localeCompare(b.program, 'fr'));
        return c.json({ items }, 200);
      },
    )
    .get(
      '/t/:tenantId/report-templates/:templateId/dashboard',
      allow('report:read'),
      responds({ 200: dashboardSchema }, { summary: { fr: 'Lire le tableau de bord d’un programme', en: 'Read a program’s dashboard' } }),
      queryParams(dashboardQuery),
      async (c) => {
        const t = c.get('member').tenantId;
        const q = c.req.valid('query');
        checkYears(q.from, q.to);
        const template = await getReportTemplate(deps.db, t, c.req.param('templateId'));
        const { today, dashboard } = await dashboardOf(deps, t, template, q.from, q.to);
        return c.json({ template: templateRef(template), today, generatedAt: deps.now().toISOString(), ...dashboard }, 200);
      },
    )
    .get(
      '/t/:tenantId/report-templates/:templateId/dashboard.csv',
      allow('report:read'),
      responds(
        { 200: { contentType: 'text/csv' } },
        { summary: { fr: 'Exporter le tableau de bord en CSV (Excel en français)', en: 'Export the dashboard as CSV (Excel in French)' } },
      ),
      queryParams(dashboardQuery),
      async (c) => {
        const t = c.get('member').tenantId;
        const q = c.req.valid('query');
        checkYears(q.from, q.to);
        const template = await getReportTemplate(deps.db, t, c.req.param('templateId'));
        const { today, dashboard } = await dashboardOf(deps, t, template, q.from, q.to);
        const lang = negotiateLang(c.req.header('Accept-Language'));
        return c.body(dashboardCsv(dashboard, template, today, lang), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="tableau-de-bord-${template.id}.csv"`,
        });
      },
    )
    .get(
      '/t/:tenantId/my/program-results',
      allow('report:own'),
      responds(
        { 200: programResultsSchema },
        { summary: { fr: 'Lire les résultats des programmes que mes rapports ont alimentés', en: 'Read the results of the programs my reports fed' } },
      ),
      queryParams(programResultsQuery),
      async (c) => {
        const member = c.get('member');
        const t = member.tenantId;
        const { templateId } = c.req.valid('query');
        const organizationId = member.organizationId;
        if (!organizationId) {
          if (templateId) throw noReport();
          return c.json({ items: [] }, 200);
        }
        // The programs where this organization's report reached the funder.
        const programs = new Set(
          (await reportsOfOrganization(deps.db, t, organizationId)).filter((r) => r.kind === 'yearly' && isReceived(r)).map((r) => r.program),
        );
        let templates: StoredTemplate[];
        if (templateId) {
          const template = await getReportTemplate(deps.db, t, templateId).catch((e: unknown) => {
            throw e instanceof NotFoundError ? noReport() : e;
          });
          if (!programs.has(template.program)) throw noReport();
          templates = [template];
        } else {
          const found = await Promise.all(
            [...programs].map((p) =>
              getReportTemplate(deps.db, t, templateIdOf(p)).catch((e: unknown) => (e instanceof NotFoundError ? null : Promise.reject(e))),
            ),
          );
          templates = found.filter((x): x is StoredTemplate => x !== null).sort((a, b) => a.title.localeCompare(b.title, 'fr'));
        }
        const items = await Promise.all(
          templates.map(async (template) => {
            const { dashboard } = await dashboardOf(deps, t, template);
            return { template: { id: template.id, program: template.program, title: template.title }, ...programResults(dashboard, organizationId) };
          }),
        );
        return c.json({ items }, 200);
      },
    );
