/**
 * What the reports ask of people ("what waits for me", issue 15):
 *
 * - an organization's representative (`report:own`): "Rapport à remettre" for each of its organization's yearly
 *   reports still open and due within 30 days, "Rapport en retard" for each one overdue (sorted first: their due
 *   date is the earliest). Read: ONE Query of the tenant's open-report markers due up to today + 30 days, filtered
 *   on the organization (functions/reports/reminders.ts openReportsDueBy). Why the markers and not the organization's
 *   reports (gsi2): the markers hold only the reports not yet submitted, and the range stops 30 days ahead, so the
 *   Query reads the tenant's few reports due around June 30 (or late), and returns only this organization's; the
 *   organization's index would be a Query of every report it ever had (keys only) and then a BatchGetItem of them
 *   all, two requests and ten years of reports read at each visit of the home page. Another organization's marker
 *   is read by DynamoDB but dropped by the filter: it never reaches the function.
 * - a manager who answers obstacle reports (`report:write`): "Obstacle signalé", one per obstacle report not yet
 *   answered: one Query of the obstacle markers (keys.obstaclesOpen; put when filed, deleted with the answer).
 * - a manager who reads the reports (`report:read`): "Rapports en retard", one task counting the open reports whose
 *   due date passed, naming the first organizations, linking to the reports received: one Query of the open-report
 *   markers up to yesterday.
 */
import { QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { fiscalYearLabel } from '../../shared/agreements';
import { montrealLocalToInstant } from '../../shared/dates';
import { addDays, REPORT_REMINDER_DAYS, reportReminderStage } from '../../shared/reports';
import { task, type Task } from '../../shared/tasks';
import type { Deps } from '../lib/app';
import type { Member } from '../lib/auth';
import type { Db } from '../lib/db';
import { keys } from '../lib/keys';
import { openReportsDueBy, quebecToday } from './reminders';

/** The end of a due date (the whole day counts), Montreal time, as an instant. */
const endOfDay = (date: string) => (montrealLocalToInstant(`${date}T23:59`) ?? new Date(`${date}T23:59:00Z`)).toISOString();

/** The obstacle reports not yet answered, one task each (the tasks context sorts them): one Query (paged) of their markers. */
async function obstacleTasks(db: Db, t: string): Promise<Task[]> {
  const { partition, prefix } = keys.obstaclesOpen(t);
  const found: { sk: string; reportId?: string; organizationName?: string; projectTitle?: string; filedAt?: string }[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ProjectionExpression: 'sk, reportId, organizationName, projectTitle, filedAt',
        ExpressionAttributeValues: marshall({ ':pk': partition, ':prefix': prefix }),
        ExclusiveStartKey: start,
      }),
    );
    found.push(...(out.Items ?? []).map((i) => unmarshall(i) as (typeof found)[number]));
    start = out.LastEvaluatedKey;
  } while (start);
  return found.map((o) =>
    task({
      kind: 'obstacle-reported',
      title: [o.organizationName, o.projectTitle].filter(Boolean).join(' — '),
      dueAt: null,
      link: '/rapports-recus',
    }),
  );
}

/** The organization's open reports due within 30 days or overdue, one task each. */
async function organizationReportTasks(db: Db, t: string, organizationId: string, today: string): Promise<Task[]> {
  const { markers } = await openReportsDueBy(db, t, addDays(today, REPORT_REMINDER_DAYS), organizationId);
  return markers
    .filter((m) => m.organizationId === organizationId)
    .map((m) =>
      task({
        kind: reportReminderStage(m.dueOn, today) === 'overdue' ? 'report-late' : 'report-to-submit',
        title: `${m.projectTitle} — ${fiscalYearLabel(Number(m.fiscalYear))}`,
        dueAt: endOfDay(m.dueOn),
        link: `/rapports/${m.reportId}`,
      }),
    );
}

/** The tenant's overdue open reports, as one task counting them (none when there are none). */
async function lateReportsTask(db: Db, t: string, today: string): Promise<Task[]> {
  const { markers } = await openReportsDueBy(db, t, addDays(today, -1));
  if (markers.length === 0) return [];
  const names = [...new Set(markers.map((m) => m.organizationName))];
  const title = names.length > 3 ? `${names.slice(0, 3).join(', ')}…` : names.join(', ');
  // The earliest due date: the oldest overdue report puts the task first.
  return [task({ kind: 'late-reports', title, dueAt: endOfDay(markers[0]!.dueOn), count: markers.length, link: '/rapports-recus' })];
}

/** The caller's report tasks, each by its own permission. */
export async function reportTasksFor(deps: Pick<Deps, 'db' | 'now'>, member: Member): Promise<Task[]> {
  const t = member.tenantId;
  const today = quebecToday(deps.now());
  const found = await Promise.all([
    member.permissions.has('report:own') && member.organizationId ? organizationReportTasks(deps.db, t, member.organizationId, today) : [],
    member.permissions.has('report:write') ? obstacleTasks(deps.db, t) : [],
    member.permissions.has('report:read') ? lateReportsTask(deps.db, t, today) : [],
  ]);
  return found.flat();
}
