/**
 * Reads and writes of reports (functions/lib/keys.ts): one report by id, an organization's (gsi2 holds
 * keys only: the items are read after), a program's by fiscal year (gsi1, whole items), the previous
 * year's report an answer is carried over from, and the transaction pieces of a report's changes with
 * its open markers.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { NotFoundError, VersionConflictError } from '../../shared/errors';
import type { ObstacleReport, Report, YearlyReport } from '../../shared/reports';
import { getItem, queryAll, toItem, transact, versionedPut, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { reportKeys } from './repository';

const reportNotFound = () => new NotFoundError({ fr: 'Le rapport', en: 'The report' });

async function findReport(db: Db, t: string, id: string, consistent = false): Promise<Report | null> {
  return getItem<Report>(db, keys.report(t, id), consistent);
}

/**
 * A report the caller may see: staff holding `report:read` every one of the tenant; an organization's
 * representative only its own (another's answers the same 404 as an unknown id).
 */
export async function reportFor(
  db: Db,
  t: string,
  id: string,
  member: { permissions: Set<string>; organizationId: string | null },
  consistent = false,
): Promise<Report> {
  const r = await findReport(db, t, id, consistent);
  if (!r) throw reportNotFound();
  if (member.permissions.has('report:read')) return r;
  if (member.organizationId && member.permissions.has('report:own') && r.organization.id === member.organizationId) return r;
  throw reportNotFound();
}

/** An organization's reports, `FY#<fy>#` only when a year is given: their ids from gsi2 (keys only), then each one read. */
export async function listReportsOfOrganization(db: Db, t: string, organizationId: string, fiscalYear?: number): Promise<Report[]> {
  const rows = await queryAll<{ pk: string }>(db, {
    index: 'gsi2',
    partition: keys.reportsOfOrganization(t, organizationId),
    prefix: fiscalYear === undefined ? 'FY#' : `FY#${fiscalYear}#R#`,
    raw: true,
  });
  const prefix = `T#${t}#REPORT#`;
  const found = await Promise.all(rows.map((r) => findReport(db, t, r.pk.slice(prefix.length))));
  return found.filter((r): r is Report => r !== null);
}

/** A program's reports (gsi1, whole items), of one fiscal year when given. */
export async function listReportsOfProgram(db: Db, t: string, program: string, fiscalYear?: number): Promise<Report[]> {
  return queryAll<Report>(db, { index: 'gsi1', partition: keys.reportsOfProgram(t, program), prefix: fiscalYear === undefined ? 'FY#' : `FY#${fiscalYear}#` });
}

/**
 * The yearly report the slow-changing answers of `r` are carried over from: the organization's report of the
 * same program the year before, sent to the funder (submitted or accepted) — of the same agreement when it
 * has one, else of another agreement of the program (a renewal is a new agreement).
 */
export async function previousReport(db: Db, t: string, r: YearlyReport): Promise<YearlyReport | null> {
  const before = (await listReportsOfOrganization(db, t, r.organization.id, r.fiscalYear - 1)).filter(
    (x): x is YearlyReport => x.kind === 'yearly' && x.program === r.program && (x.status === 'submitted' || x.status === 'accepted'),
  );
  return before.find((x) => x.agreementId === r.agreementId) ?? before[0] ?? null;
}

/** A report replaced at its version (its index attributes written again with it). */
export function reportReplace(db: Db, t: string, next: Report, expectedVersion: number): TransactWriteItem {
  return versionedPut(db, reportKeys(t, next), 'Report', next, expectedVersion);
}

/** Deletes a yearly report's open marker (its submission). */
export function reportOpenDelete(db: Db, t: string, r: Pick<YearlyReport, 'id' | 'dueOn'>): TransactWriteItem {
  return { Delete: { TableName: db.table, Key: marshall(keys.reportOpen(t, r.dueOn, r.id)) } };
}

/** The marker of an obstacle report the funder has not answered yet. */
export function obstacleOpenPut(db: Db, t: string, r: Pick<ObstacleReport, 'id' | 'organization' | 'projectTitle' | 'filedAt'>): TransactWriteItem {
  const entry = { reportId: r.id, organizationId: r.organization.id, organizationName: r.organization.name, projectTitle: r.projectTitle, filedAt: r.filedAt };
  return { Put: { TableName: db.table, Item: toItem(keys.obstacleOpen(t, r.id), 'ObstacleOpen', entry), ConditionExpression: 'attribute_not_exists(pk)' } };
}

export function obstacleOpenDelete(db: Db, t: string, id: string): TransactWriteItem {
  return { Delete: { TableName: db.table, Key: marshall(keys.obstacleOpen(t, id)) } };
}

/** Runs a report's change whose first item is the report's versioned write: its refusal is a version conflict carrying the report found. */
export async function runReportChange(db: Db, items: TransactWriteItem[]): Promise<void> {
  await transact(db, items, ([first]) => {
    const found = first?.item as Report | undefined;
    return new VersionConflictError(found?.version, found);
  });
}
