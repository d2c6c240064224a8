/**
 * Accountability reports in the single table (functions/lib/keys.ts): the report item with its index
 * attributes (the program's by fiscal year in gsi1, the organization's in gsi2), and the open-report
 * marker the reminders read.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { Agreement, Obligation } from '../../shared/agreements';
import { fiscalYearEnd, fiscalYearStart } from '../../shared/agreements';
import { reportDueDate, type Report, type YearlyReport } from '../../shared/reports';
import { newPut, toItem, type Db } from '../lib/db';
import { keys } from '../lib/keys';

/** The key and index attributes a report is written with. */
export function reportKeys(t: string, r: Pick<Report, 'id' | 'program' | 'fiscalYear' | 'organization'>) {
  return { ...keys.report(t, r.id), ...keys.reportIndex(t, r.id, r.program, r.fiscalYear, r.organization.id) };
}

/** A new report's put, conditional, for a transaction. */
export function reportPut(db: Db, t: string, r: Report): TransactWriteItem {
  return newPut(db, reportKeys(t, r), 'Report', r);
}

/** The open-report marker of a yearly report (what the reminders and the overdue task read). */
export function reportOpenPut(db: Db, t: string, r: Pick<YearlyReport, 'id' | 'dueOn' | 'organization' | 'projectTitle' | 'fiscalYear'>): TransactWriteItem {
  const entry = {
    reportId: r.id,
    organizationId: r.organization.id,
    organizationName: r.organization.name,
    projectTitle: r.projectTitle,
    fiscalYear: r.fiscalYear,
    dueOn: r.dueOn,
  };
  return { Put: { TableName: db.table, Item: toItem(keys.reportOpen(t, r.dueOn, r.id), 'ReportOpen', entry) } };
}

/**
 * The yearly reports an agreement's report obligations make due, one per fiscal year, not started:
 * written in the transaction of the institution's signature (and of an amendment's, for the fiscal years
 * it adds), each with its open marker. `only`: the fiscal years to create (an amendment's new ones).
 */
export function dueReportPieces(
  db: Db,
  t: string,
  a: Pick<Agreement, 'id' | 'program' | 'organization' | 'object' | 'obligations'>,
  at: string,
  by: string,
  newId: () => string,
  only?: ReadonlySet<number>,
): TransactWriteItem[] {
  const reports = a.obligations
    .filter((o): o is Obligation & { fiscalYear: number } => o.kind === 'report' && o.fiscalYear !== null)
    .filter((o) => !only || only.has(o.fiscalYear))
    .map(
      (o): YearlyReport => ({
        kind: 'yearly',
        id: newId(),
        agreementId: a.id,
        program: a.program,
        organization: { id: a.organization.id, name: a.organization.name },
        projectTitle: a.object.title,
        fiscalYear: o.fiscalYear,
        period: { start: fiscalYearStart(o.fiscalYear), end: fiscalYearEnd(o.fiscalYear) },
        dueOn: o.dueOn ?? reportDueDate(o.fiscalYear),
        status: 'not-started',
        templateVersion: null,
        answers: {},
        sections: {},
        confirmedHits: [],
        submittedAt: null,
        submittedBy: null,
        reopenings: [],
        acceptedAt: null,
        version: 1,
        createdAt: at,
        createdBy: by,
        updatedAt: at,
        updatedBy: by,
      }),
    );
  return reports.flatMap((r) => [reportPut(db, t, r), reportOpenPut(db, t, r)]);
}
