/**
 * What the proposals context asks of people: screening the submissions not yet screened (per call, for those
 * who screen), and submitting a proposal to an open call closing soon (for an organization that may answer
 * it and has submitted nothing to it; a draft is not a submission). The calls closing within the reminder
 * window give the organizations' representatives their reminders.
 */
import { isOpenTo } from '../../shared/call-access';
import { isActiveMembership, type Membership, type StoredCall } from '../../shared/domain';
import { windowPhase } from '../../shared/dates';
import { CALL_CLOSING_TASK_DAYS, closesWithinReminderWindow, task, type DueReminder, type Task } from '../../shared/tasks';
import type { Deps } from '../lib/app';
import type { Member } from '../lib/auth';
import { listAllSubmissionRows, listProposalsOfOrganization } from './repository';

type ReadDeps = Pick<Deps, 'db' | 'now'>;

const takingSubmissions = (call: StoredCall, now: Date) => call.status === 'published' && windowPhase(call.opensAt, call.closesAt, now) === 'open';

/** The caller's screening (per call: how many submissions wait for it) and, for an organization, the calls closing soon it has not answered. */
export async function proposalTasksFor(deps: ReadDeps, member: Member, calls: readonly StoredCall[]): Promise<Task[]> {
  const now = deps.now();
  const tasks: Task[] = [];
  if (member.permissions.has('proposal:screen')) {
    const rows = await Promise.all(
      calls.filter((c) => c.status === 'published').map(async (call) => ({ call, rows: await listAllSubmissionRows(deps.db, member.tenantId, call.id) })),
    );
    for (const { call, rows: all } of rows) {
      const waiting = all.filter((r) => r.status === 'submitted' && !r.screeningOutcome).length;
      if (waiting > 0) tasks.push(task({ kind: 'screening', title: call.title, dueAt: null, count: waiting, link: `/appels/${call.id}`, callId: call.id }));
    }
  }
  const organizationId = member.organizationId;
  if (member.permissions.has('proposal:own') && organizationId) {
    const horizon = now.getTime() + CALL_CLOSING_TASK_DAYS * 86_400_000;
    const closing = calls.filter((c) => takingSubmissions(c, now) && Date.parse(c.closesAt) <= horizon && isOpenTo(c, organizationId));
    if (closing.length > 0) {
      const mine = await listProposalsOfOrganization(deps.db, member.tenantId, organizationId);
      const answered = new Set(mine.filter((p) => p.status !== 'draft').map((p) => p.callId));
      for (const call of closing) {
        if (answered.has(call.id)) continue;
        tasks.push(task({ kind: 'call-closing', title: call.title, dueAt: call.closesAt, link: `/appels/${call.id}`, callId: call.id }));
      }
    }
  }
  return tasks;
}

/**
 * The calls closing within the reminder window, each with the representatives of the organizations that may
 * answer it and have submitted nothing to it. Reads: each such call's submission rows (gsi2).
 */
export async function callRemindersDue(deps: ReadDeps, tenantId: string, calls: readonly StoredCall[], members: readonly Membership[]): Promise<DueReminder[]> {
  const now = deps.now();
  const soon = calls.filter((c) => takingSubmissions(c, now) && closesWithinReminderWindow(c.closesAt, now));
  const representatives = members.filter((m) => isActiveMembership(m) && m.organizationId && m.roles.includes('organization'));
  return Promise.all(
    soon.map(async (call) => {
      const answered = new Set((await listAllSubmissionRows(deps.db, tenantId, call.id)).map((r) => r.organizationId));
      return {
        thing: `CALL#${call.id}`,
        closesAt: call.closesAt,
        people: representatives.filter((m) => !answered.has(m.organizationId!) && isOpenTo(call, m.organizationId)),
        message: { kind: 'deadline-soon', what: 'call', title: call.title, closesAt: call.closesAt, callId: call.id },
      } satisfies DueReminder;
    }),
  );
}
