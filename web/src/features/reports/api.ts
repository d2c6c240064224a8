/** The report screens' calls to the API, on the typed client. */
import { client, unwrap, type Json } from '../../lib/client';

const root = client.reports.t[':tenantId'];
const one = root.reports[':reportId'];
type Ids = { tenantId: string; reportId: string };

export const listMyReports = (tenantId: string) => unwrap(root.my.reports.$get({ param: { tenantId } }));
export const listReports = (tenantId: string, query: { program?: string; fiscalYear?: number }) =>
  unwrap(
    root.reports.$get({
      param: { tenantId },
      query: { ...(query.program ? { program: query.program } : {}), ...(query.fiscalYear ? { fiscalYear: String(query.fiscalYear) } : {}) },
    }),
  );
export const getReport = (param: Ids) => unwrap(one.$get({ param }));
export const saveReport = (param: Ids, json: Json<typeof one.$put>) => unwrap(one.$put({ param, json }));
export const submitReport = (param: Ids, json: Json<typeof one.submit.$post>) => unwrap(one.submit.$post({ param, json }));
export const reopenReport = (param: Ids, version: number, reason: string) => unwrap(one.reopen.$post({ param, json: { version, reason } }));
export const acceptReport = (param: Ids, version: number) => unwrap(one.accept.$post({ param, json: { version } }));
export const answerObstacle = (param: Ids, version: number, text: string) => unwrap(one.answer.$post({ param, json: { version, text } }));
export const fileObstacle = (tenantId: string, json: Json<(typeof root)['obstacle-reports']['$post']>) =>
  unwrap(root['obstacle-reports'].$post({ param: { tenantId }, json }));
/** The organization's signed agreements, for the obstacle form (the agreements context's route). */
export const listMyAgreements = (tenantId: string) => unwrap(client.agreements.t[':tenantId'].my.agreements.$get({ param: { tenantId } }));

type ReportView = Awaited<ReturnType<typeof getReport>>;
type AnyReport = ReportView['report'];
export type Yearly = Extract<AnyReport, { kind: 'yearly' }>;
export type Obstacle = Extract<AnyReport, { kind: 'obstacle' }>;
export type Template = NonNullable<ReportView['template']>;
