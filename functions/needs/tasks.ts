/**
 * What the needs context asks of people: a ballot in each prioritization round taking ballots, from every
 * voter of the round (`voterMemberships` of the round's table, the routes' own rule) who has not cast one. The same reading serves the
 * voter's tasks and the reminders sent three days before a round closes.
 */
import type { Membership } from '../../shared/domain';
import { closesWithinReminderWindow, task, type DueReminder, type Task } from '../../shared/tasks';
import { isAccepting } from '../../shared/window';
import type { Deps } from '../lib/app';
import type { Member } from '../lib/auth';
import { listBallotsOfRound, listRoundsOfStudy, listStudiesOfTenant } from './repository';
import { voterMemberships } from '../tables';

type ReadDeps = Pick<Deps, 'db' | 'now'>;

/**
 * The tenant's rounds taking ballots now, each with its voters and those who voted. Reads: the studies
 * (gsi1), each study's rounds, and, when a round is open, the members (gsi1) and each open round's ballots.
 */
async function openRounds(deps: ReadDeps, tenantId: string) {
  const now = deps.now();
  const studies = await listStudiesOfTenant(deps.db, tenantId);
  const perStudy = await Promise.all(
    studies.map(async (study) => (await listRoundsOfStudy(deps.db, tenantId, study.id)).filter((r) => isAccepting(r, now)).map((round) => ({ study, round }))),
  );
  const open = perStudy.flat();
  if (open.length === 0) return [];
  return Promise.all(
    open.map(async (o) => {
      const [voters, ballots] = await Promise.all([voterMemberships(deps, tenantId, o.round.tableId), listBallotsOfRound(deps.db, tenantId, o.round.id)]);
      return { ...o, voters, voted: new Set(ballots.map((b) => b.userId)) };
    }),
  );
}

const waitsFor = (voters: readonly Membership[], voted: ReadonlySet<string>, userId: string) => voters.some((v) => v.userId === userId) && !voted.has(userId);

/** The caller's ballots to cast: each open round where she votes and has not voted yet. */
export async function needsTasksFor(deps: ReadDeps, member: Member): Promise<Task[]> {
  if (!member.permissions.has('round:vote')) return [];
  const open = await openRounds(deps, member.tenantId);
  return open
    .filter((o) => waitsFor(o.voters, o.voted, member.userId))
    .map(({ study, round }) =>
      task({
        kind: 'ballot',
        subject: 'needs-round',
        title: round.title,
        dueAt: round.closesAt,
        link: `/besoins/${study.id}/tours/${round.id}`,
        studyId: study.id,
        roundId: round.id,
      }),
    );
}

/** The rounds closing within the reminder window, with the voters who have not voted. */
export async function needsRemindersDue(deps: ReadDeps, tenantId: string): Promise<DueReminder[]> {
  const now = deps.now();
  const open = (await openRounds(deps, tenantId)).filter((o) => closesWithinReminderWindow(o.round.closesAt, now));
  return open.map(({ study, round, voters, voted }) => ({
    thing: `ROUND#${round.id}`,
    closesAt: round.closesAt,
    people: voters.filter((v) => !voted.has(v.userId)),
    message: { kind: 'deadline-soon', what: 'round', title: round.title, closesAt: round.closesAt, studyId: study.id, roundId: round.id },
  }));
}
