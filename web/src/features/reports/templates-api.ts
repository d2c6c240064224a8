/** The report templates' calls to the API, on the typed client (the screens web/src/features/reports/templates*.tsx). */
import { client, type Json, unwrap } from '../../lib/client';

const templates = client.reports.t[':tenantId']['report-templates'];
type Ids = { tenantId: string; templateId: string };

export const listReportTemplates = (tenantId: string) => unwrap(templates.$get({ param: { tenantId } }));
export const startReportTemplate = (tenantId: string, program: string) => unwrap(templates.$post({ param: { tenantId }, json: { program } }));
export const getReportTemplate = (param: Ids) => unwrap(templates[':templateId'].$get({ param }));
export const getReportTemplateVersion = (param: Ids & { number: string }) => unwrap(templates[':templateId'].versions[':number'].$get({ param }));
export const saveReportTemplate = (param: Ids, json: Json<(typeof templates)[':templateId']['$put']>) => unwrap(templates[':templateId'].$put({ param, json }));

export type ReportTemplateDetail = Awaited<ReturnType<typeof getReportTemplate>>;
export type StoredReportTemplate = ReportTemplateDetail['template'];
export type TemplateInput = Json<(typeof templates)[':templateId']['$put']>;
