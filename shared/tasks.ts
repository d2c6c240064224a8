/**
 * "What waits for me" (issue 12): the tasks a person's home page starts with.
 * A task is data, never a sentence: the web app words it in French or English
 * from its kind, its title (the name of the thing, as it was typed), its count
 * and its due date. Each bounded context computes its own kind of task from its
 * own rules (who votes, who scores, who answers); the tasks context sorts them.
 */
import type { Membership } from './domain';
import type { NotificationMessage } from './notifications';

export const TASK_KINDS = [
  'ballot',
  'close-vote',
  'scoring',
  'screening',
  'revision',
  'call-closing',
  'decision',
  'invitation',
  // Issue 14: claims to decide, agreements for the institution to sign, an agreement for the organization to sign,
  // an agreement (or amendment) the organization asked changes to, for the managers to revise.
  'claims',
  'sign-agreements',
  'agreement-to-sign',
  'review-agreement',
  // Issue 15: a yearly report for the organization to submit (due within 30 days), the same once overdue, an obstacle
  // report for the managers to answer, and the managers' count of overdue reports.
  'report-to-submit',
  'report-late',
  'obstacle-reported',
  'late-reports',
] as const;
type TaskKind = (typeof TASK_KINDS)[number];

/** What a ballot task votes on: a needs prioritization round, the approval vote on a call's proposals, or the table's recommendation. */
type BallotSubject = 'needs-round' | 'pb-vote' | 'recommendation';

export interface Task {
  kind: TaskKind;
  /** Ballots only: what the vote is about; null for the other kinds. */
  subject: BallotSubject | null;
  /** The name of the thing (a call's, a round's, a proposal's title), as it was typed. */
  title: string;
  /** When it is due (ISO 8601); null when nothing closes it. */
  dueAt: string | null;
  /** How many things of the kind it counts (3 sheets, 5 proposals to screen); 1 for a single one. */
  count: number;
  /** The page of the web app where it is done. */
  link: string;
  callId: string | null;
  studyId: string | null;
  roundId: string | null;
  proposalId: string | null;
}

/** A task with the ids it does not name left null. */
export function task(t: Pick<Task, 'kind' | 'title' | 'dueAt' | 'link'> & Partial<Omit<Task, 'kind' | 'title' | 'dueAt' | 'link'>>): Task {
  return { subject: null, count: 1, callId: null, studyId: null, roundId: null, proposalId: null, ...t };
}

/** Most urgent first: the earliest due date first, the tasks without one last; then by kind and title, for a stable order. */
export function sortTasks(tasks: readonly Task[]): Task[] {
  return [...tasks].sort((a, b) => {
    if (a.dueAt !== b.dueAt) {
      if (a.dueAt === null) return 1;
      if (b.dueAt === null) return -1;
      return a.dueAt.localeCompare(b.dueAt);
    }
    return TASK_KINDS.indexOf(a.kind) - TASK_KINDS.indexOf(b.kind) || a.title.localeCompare(b.title, 'fr');
  });
}

/** Calls closing within this many days appear as tasks of the organizations that may still answer them. */
export const CALL_CLOSING_TASK_DAYS = 14;

/** Reminders go out this many days before something closes. */
const REMINDER_DAYS = 3;

/** Something closing within the reminder window, and who has not done it yet: each of them gets one `deadline-soon` message. */
export interface DueReminder {
  /**
   * What closes, as the reminder's marker names it (`ROUND#<id>`, `CALL#<id>`, `PBVOTE#<callId>`, `REVISION#<callId>#<proposalId>`;
   * a yearly report's stage: `report:<id>:30`, `report:<id>:7`, `report:<id>:overdue`).
   */
  thing: string;
  closesAt: string;
  people: Membership[];
  message: Extract<NotificationMessage, { kind: 'deadline-soon' | 'report-due' }>;
  /**
   * How many days past `closesAt` its markers are kept (30 when absent). A report's overdue reminder goes after the
   * due date and the report stays open until submitted: its marker must outlive the open marker's window, or the
   * reminder would go again once the marker expired.
   */
  keepDays?: number;
}

/** Whether `closesAt` falls within the reminder window: still ahead of `now`, and at most `REMINDER_DAYS` days away. */
export function closesWithinReminderWindow(closesAt: string, now: Date): boolean {
  const at = Date.parse(closesAt);
  return at > now.getTime() && at <= now.getTime() + REMINDER_DAYS * 86_400_000;
}
