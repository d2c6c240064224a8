/**
 * What allocation asks of people: an approval ballot in each call's vote taking ballots, from every voter of the
 * vote (`voterMemberships` of the call's table, the vote's own rule) who has not cast one; and an answer to each revision request naming one
 * of an organization's proposals, until the round's deadline. The same readings serve the tasks and the
 * reminders sent three days before a vote or a revision round closes.
 */
import type { PbBallot, PbVote, RevisionRound } from '../../shared/allocation';
import type { Membership, StoredCall } from '../../shared/domain';
import { closesWithinReminderWindow, task, type DueReminder, type Task } from '../../shared/tasks';
import { isAccepting } from '../../shared/window';
import type { Deps } from '../lib/app';
import type { Member } from '../lib/auth';
import { getItem, queryAll } from '../lib/db';
import { keys } from '../lib/keys';
import { representativesOf } from '../identity';
import { listAllSubmissionRows, listProposalsOfOrganization } from '../proposals';
import { getRevision, listRevisionAnswers } from './repository';
import { voterMemberships } from '../tables';

type ReadDeps = Pick<Deps, 'db' | 'now'>;

const published = (calls: readonly StoredCall[]) => calls.filter((c) => c.status === 'published');

/** The calls' approval votes taking ballots now, with their voters and those who voted. Reads: each published call's vote, then the members and each open vote's ballots. */
async function openVotes(deps: ReadDeps, tenantId: string, calls: readonly StoredCall[]) {
  const now = deps.now();
  const found = await Promise.all(published(calls).map(async (call) => ({ call, vote: await getItem<PbVote>(deps.db, keys.pbVote(tenantId, call.id), true) })));
  const open = found.filter((f): f is { call: StoredCall; vote: PbVote } => f.vote !== null && isAccepting(f.vote, now));
  if (open.length === 0) return [];
  return Promise.all(
    open.map(async (o) => {
      const [voters, ballots] = await Promise.all([
        voterMemberships(deps, tenantId, o.call.tableId),
        queryAll<PbBallot>(deps.db, keys.pbBallotsOfCall(tenantId, o.call.id)),
      ]);
      return { ...o, voters, voted: new Set(ballots.map((b) => b.userId)) };
    }),
  );
}

/** The calls' revision rounds taking answers now, with the proposals that answered. Reads: each published call's round, then each open round's answers. */
async function openRevisions(deps: ReadDeps, tenantId: string, calls: readonly StoredCall[]) {
  const now = deps.now();
  const found = await Promise.all(published(calls).map(async (call) => ({ call, round: await getRevision(deps.db, tenantId, call.id) })));
  const open = found.filter(
    (f): f is { call: StoredCall; round: RevisionRound } => f.round !== null && isAccepting({ status: f.round.status, closesAt: f.round.deadline }, now),
  );
  return Promise.all(open.map(async (o) => ({ ...o, answered: new Set((await listRevisionAnswers(deps.db, tenantId, o.round)).map((a) => a.proposalId)) })));
}

/** The caller's approval ballots to cast, and (for an organization's representative) the revision answers it owes. */
export async function allocationTasksFor(deps: ReadDeps, member: Member, calls: readonly StoredCall[]): Promise<Task[]> {
  const tasks: Task[] = [];
  if (member.permissions.has('round:vote')) {
    for (const { call, vote, voters, voted } of await openVotes(deps, member.tenantId, calls)) {
      if (!voters.some((v) => v.userId === member.userId) || voted.has(member.userId)) continue;
      tasks.push(task({ kind: 'ballot', subject: 'pb-vote', title: call.title, dueAt: vote.closesAt, link: `/appels/${call.id}/vote`, callId: call.id }));
    }
  }
  if (member.permissions.has('proposal:own') && member.organizationId) {
    const rounds = await openRevisions(deps, member.tenantId, calls);
    if (rounds.length > 0) {
      const mine = await listProposalsOfOrganization(deps.db, member.tenantId, member.organizationId);
      for (const { call, round, answered } of rounds) {
        for (const p of mine) {
          if (p.callId !== call.id || !(p.id in round.suggestions) || p.status !== 'submitted' || answered.has(p.id)) continue;
          tasks.push(
            task({
              kind: 'revision',
              title: p.content?.title ?? call.title,
              dueAt: round.deadline,
              link: `/appels/${call.id}/projets/${p.id}`,
              callId: call.id,
              proposalId: p.id,
            }),
          );
        }
      }
    }
  }
  return tasks;
}

/** The votes and revision rounds closing within the reminder window, with who has not voted or answered. */
export async function allocationRemindersDue(
  deps: ReadDeps,
  tenantId: string,
  calls: readonly StoredCall[],
  members: readonly Membership[],
): Promise<DueReminder[]> {
  const now = deps.now();
  const soon = calls.filter((c) => c.status === 'published');
  const due: DueReminder[] = [];
  for (const { call, vote, voters, voted } of await openVotes(deps, tenantId, soon)) {
    if (!closesWithinReminderWindow(vote.closesAt, now)) continue;
    due.push({
      thing: `PBVOTE#${call.id}`,
      closesAt: vote.closesAt,
      people: voters.filter((v) => !voted.has(v.userId)),
      message: { kind: 'deadline-soon', what: 'vote', title: call.title, closesAt: vote.closesAt, callId: call.id },
    });
  }
  for (const { call, round, answered } of await openRevisions(deps, tenantId, soon)) {
    if (!closesWithinReminderWindow(round.deadline, now)) continue;
    const rows = await listAllSubmissionRows(deps.db, tenantId, call.id);
    for (const row of rows) {
      if (!(row.id in round.suggestions) || row.status !== 'submitted' || answered.has(row.id)) continue;
      due.push({
        thing: `REVISION#${call.id}#${row.id}`,
        closesAt: round.deadline,
        people: representativesOf(members, row.organizationId),
        message: { kind: 'deadline-soon', what: 'revision', title: row.title, closesAt: round.deadline, callId: call.id },
      });
    }
  }
  return due;
}
