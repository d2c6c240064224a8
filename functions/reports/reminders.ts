/**
 * Reminders of the yearly reports still open (issue 15): 30 days before the due date, 7 days before, and once
 * overdue, each to the organization's representatives, each stage once per report and person (the reminders'
 * markers, functions/reminders/core.ts, name the stage: `report:<id>:30`, `:7`, `:overdue`).
 *
 * Read: the open-report markers (keys.reportOpen — put with the report, deleted by its submission, put back by a
 * reopening) due up to today + 30 days, by one Query with a sort-key range on `DUE#…`: never a Scan, never the
 * reports themselves. A report submitted between two runs has no marker any more, so it gets no reminder.
 */
import { QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { instantToMontrealLocal } from '../../shared/dates';
import type { Membership } from '../../shared/domain';
import { addDays, REPORT_REMINDER_DAYS, reportReminderStage } from '../../shared/reports';
import type { DueReminder } from '../../shared/tasks';
import type { Deps } from '../lib/app';
import type { Db } from '../lib/db';
import { keys } from '../lib/keys';
import { representativesOf } from '../identity';

/** What an open-report marker holds (functions/reports/repository.ts reportOpenPut). */
export interface OpenReportMarker {
  reportId: string;
  organizationId: string;
  organizationName: string;
  projectTitle: string;
  fiscalYear: number;
  dueOn: string;
}

/** Today in Quebec (`YYYY-MM-DD`): a report due on June 30 is on time until the end of that day, Montreal time. */
export const quebecToday = (now: Date) => instantToMontrealLocal(now).slice(0, 10);

/**
 * The open-report markers due on or before `until` (`YYYY-MM-DD`), overdue ones first (by due date): one Query
 * (paged) of the tenant's open-report partition, `sk BETWEEN 'DUE#' AND 'DUE#<until>#~'`. `organizationId`: only
 * that organization's (a filter on the same Query).
 */
export async function openReportsDueBy(db: Db, t: string, until: string, organizationId?: string): Promise<{ markers: OpenReportMarker[]; requests: number }> {
  const { partition, prefix } = keys.reportsOpen(t);
  const values: Record<string, string> = { ':pk': partition, ':from': prefix, ':to': `${prefix}${until}#~` };
  if (organizationId) values[':org'] = organizationId;
  const markers: OpenReportMarker[] = [];
  let requests = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ...(organizationId ? { FilterExpression: 'organizationId = :org' } : {}),
        ProjectionExpression: 'reportId, organizationId, organizationName, projectTitle, fiscalYear, dueOn',
        ExpressionAttributeValues: marshall(values),
        ExclusiveStartKey: start,
      }),
    );
    requests++;
    markers.push(...(out.Items ?? []).map((i) => unmarshall(i) as OpenReportMarker));
    start = out.LastEvaluatedKey;
  } while (start);
  return { markers, requests };
}

/** Overdue markers are kept this long (a year past the due date): the overdue reminder goes once, not once a month. */
const OVERDUE_KEEP_DAYS = 400;

/** The reminders due now for the tenant's open yearly reports, to each representative of the report's organization. */
export async function reportRemindersDue(deps: Pick<Deps, 'db' | 'now'>, tenantId: string, members: readonly Membership[]): Promise<DueReminder[]> {
  const today = quebecToday(deps.now());
  const { markers } = await openReportsDueBy(deps.db, tenantId, addDays(today, REPORT_REMINDER_DAYS));
  const due: DueReminder[] = [];
  for (const r of markers) {
    const stage = reportReminderStage(r.dueOn, today);
    if (stage === null) continue;
    const people = representativesOf(members, r.organizationId);
    if (people.length === 0) continue;
    due.push({
      thing: `report:${r.reportId}:${stage}`,
      closesAt: r.dueOn,
      people,
      message: { kind: 'report-due', reportId: r.reportId, projectTitle: r.projectTitle, fiscalYear: Number(r.fiscalYear), dueOn: r.dueOn, stage },
      ...(stage === 'overdue' ? { keepDays: OVERDUE_KEEP_DAYS } : {}),
    });
  }
  return due;
}
