/**
 * What the dashboard reads: a program's reports from gsi1 (whole items, sorted `FY#<fy>#ORG#…`), one query
 * per fiscal year in parallel (the first and last years, when not given, read from either end); and the reports of
 * an organization (gsi2, keys only: the items read after, in parallel).
 */
import type { Report } from '../../shared/reports';
import { getItem, queryAll, queryPage, type Db } from '../lib/db';
import { keys } from '../lib/keys';

/** A program has at most a few thousand reports a decade (200 organizations × 10 years: 2 000, plus obstacle reports). */
const MAX_REPORTS = 50_000;

export async function reportsOfProgram(db: Db, t: string, program: string, from?: number, to?: number): Promise<Report[]> {
  const partition = keys.reportsOfProgram(t, program);
  // The years not given: the first and the last of the program (one key each, from either end of gsi1).
  const edge = async (forward: boolean) => {
    const page = await queryPage<{ fiscalYear: number }>(db, { index: 'gsi1', partition, prefix: 'FY#', limit: 1, forward });
    return page.items[0]?.fiscalYear;
  };
  const [first, last] = await Promise.all([from ?? edge(true), to ?? edge(false)]);
  if (first === undefined || last === undefined || last < first) return [];
  // One query per fiscal year, in parallel: a page of 1 MB holds about 350 reports of 30 indicators, so a
  // program's decade is about 6 pages read one after the other otherwise.
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  const perYear = await Promise.all(years.map((y) => queryAll<Report>(db, { index: 'gsi1', partition, prefix: `FY#${y}#` }, MAX_REPORTS)));
  return perYear.flat();
}

export async function reportsOfOrganization(db: Db, t: string, organizationId: string): Promise<Report[]> {
  const rows = await queryAll<{ gsi2sk: string }>(db, { index: 'gsi2', partition: keys.reportsOfOrganization(t, organizationId), prefix: 'FY#', raw: true });
  const found = await Promise.all(rows.map((r) => getItem<Report>(db, keys.report(t, r.gsi2sk.slice(r.gsi2sk.indexOf('#R#') + 3)))));
  return found.filter((r): r is Report => r !== null && r.organization.id === organizationId);
}
