/**
 * Deadline reminders: every hour in AWS (an EventBridge Scheduler schedule, infra/lib/reminders-stack.ts), at start and
 * every 15 minutes locally (functions/local/server.ts), each tenant is visited and what closes within three
 * days found by the contexts that own it: calls (the representatives of organizations that may answer and
 * submitted nothing), needs rounds and approval votes (the voters without a ballot), revision requests (the
 * representatives of the organizations that have not answered). Each person gets one `deadline-soon` message
 * per thing and deadline: a marker item is created conditionally before the message goes, so a second run,
 * or two runs at once, send nothing more. The message is optional: a person who turned it off gets none.
 * The yearly reports still open (issue 15, functions/reports/reminders.ts) add their `report-due` reminders —
 * 30 days and 7 days before the due date, and once overdue — to the organizations' representatives, by the
 * same markers (one per stage); that message is essential.
 */
import type { Membership } from '../../shared/domain';
import { AlreadyExistsError } from '../../shared/errors';
import type { DueReminder } from '../../shared/tasks';
import type { Deps } from '../lib/app';
import { putNew, queryAll, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { allocationRemindersDue } from '../allocation';
import { listCallsOfTenant } from '../calls';
import { listMembersOfTenant, notifyPeople } from '../identity';
import { needsRemindersDue } from '../needs';
import { callRemindersDue } from '../proposals';
import { reportRemindersDue } from '../reports';

export type ReminderDeps = Pick<Deps, 'db' | 'now' | 'notify' | 'logger'>;

/** Every tenant, from the tenants' index (gsi1 `TENANTS`): one Query, no Scan. */
export async function listTenantIds(db: Db): Promise<string[]> {
  const items = await queryAll<{ id: string }>(db, { index: 'gsi1', partition: keys.tenants });
  return items.map((t) => t.id);
}

/** Markers are kept a month past the deadline, then expire. */
const MARKER_DAYS_AFTER = 30;

/** Creates the marker of one reminder; false when it was already there (sent before, or by a run under way). */
async function claim(db: Db, tenantId: string, r: DueReminder, person: Membership, now: Date): Promise<boolean> {
  try {
    await putNew(
      db,
      keys.reminderSent(tenantId, r.thing, r.closesAt, person.userId),
      'ReminderSent',
      {
        userId: person.userId,
        thing: r.thing,
        closesAt: r.closesAt,
        sentAt: now.toISOString(),
        expiresAt: Math.floor(Date.parse(r.closesAt) / 1000) + (r.keepDays ?? MARKER_DAYS_AFTER) * 86_400,
      },
      () => new AlreadyExistsError({ fr: 'Ce rappel', en: 'This reminder' }),
    );
    return true;
  } catch (e) {
    if (e instanceof AlreadyExistsError) return false;
    throw e;
  }
}

/** One tenant's reminders; returns how many messages went out (before preferences drop the turned-off ones). */
export async function remindTenant(deps: ReminderDeps, tenantId: string): Promise<number> {
  const now = deps.now();
  const [calls, members] = await Promise.all([listCallsOfTenant(deps.db, tenantId), listMembersOfTenant(deps.db, tenantId)]);
  const due = (
    await Promise.all([
      callRemindersDue(deps, tenantId, calls, members),
      needsRemindersDue(deps, tenantId),
      allocationRemindersDue(deps, tenantId, calls, members),
      reportRemindersDue(deps, tenantId, members),
    ])
  ).flat();
  let sent = 0;
  for (const r of due) {
    for (const person of r.people) {
      if (!(await claim(deps.db, tenantId, r, person, now))) continue;
      await notifyPeople(deps, tenantId, [person], r.message);
      sent++;
    }
  }
  return sent;
}

/** Every tenant's reminders. A tenant that fails is logged and the others still get theirs. */
export async function runReminders(deps: ReminderDeps): Promise<{ tenants: number; sent: number; failed: number }> {
  const tenants = await listTenantIds(deps.db);
  let sent = 0;
  let failed = 0;
  for (const tenantId of tenants) {
    try {
      sent += await remindTenant(deps, tenantId);
    } catch (e) {
      failed++;
      deps.logger?.error('reminders failed for a tenant', { tenant: tenantId, error: e instanceof Error ? e.name : 'unknown' });
    }
  }
  return { tenants: tenants.length, sent, failed };
}

/** Locally: the reminders at start and every `everyMs` (15 minutes); `stop` clears the timer and waits for a run under way. */
export function startReminderTimer(deps: ReminderDeps, everyMs = 15 * 60_000): { stop: () => Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running
      .then(() => runReminders(deps))
      .catch((e: unknown) => deps.logger?.error('reminders failed', { error: e instanceof Error ? e.name : 'unknown' }));
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
