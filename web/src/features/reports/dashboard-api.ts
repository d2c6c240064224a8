/** The dashboard's calls to the API, on the typed client: each answer's type comes from the route that sends it. */
import { client, unwrap } from '../../lib/client';

const root = client.reports.t[':tenantId'];
const template = root['report-templates'][':templateId'];

type TemplateIds = { tenantId: string; templateId: string };
type Years = { from?: number | undefined; to?: number | undefined };

const yearsQuery = (y: Years) => ({ ...(y.from ? { from: String(y.from) } : {}), ...(y.to ? { to: String(y.to) } : {}) });

export const listDashboards = (tenantId: string) => unwrap(root['report-dashboards'].$get({ param: { tenantId } }));
export const getDashboard = (param: TemplateIds, years: Years) => unwrap(template.dashboard.$get({ param, query: yearsQuery(years) }));
export const dashboardCsvUrl = (param: TemplateIds, years: Years) => template['dashboard.csv'].$url({ param, query: yearsQuery(years) });
export const getProgramResults = (tenantId: string) => unwrap(root.my['program-results'].$get({ param: { tenantId }, query: {} }));

export type DashboardData = Awaited<ReturnType<typeof getDashboard>>;
export type ProgramResultsData = Awaited<ReturnType<typeof getProgramResults>>;
