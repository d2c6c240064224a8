/**
 * What the recommendation asks of people: a ballot from each member of an open vote's electorate who has
 * not cast one, until the vote closes ("Voter sur la recommandation"); and, once its closing time has
 * passed, the close of the vote from the table's coordinators and the managers ("Fermer le vote").
 */
import type { AdoptionBallot, AdoptionVote } from '../../shared/adoption';
import type { StoredCall } from '../../shared/domain';
import { task, type Task } from '../../shared/tasks';
import { isAccepting } from '../../shared/window';
import type { Deps } from '../lib/app';
import type { Member } from '../lib/auth';
import { getItem } from '../lib/db';
import { keys } from '../lib/keys';
import { getTableById } from '../tables';

/** Reads: the adoption vote of each published call with a table, then the caller's ballot on each open vote they belong to. */
export async function recommendationTasksFor(deps: Pick<Deps, 'db' | 'now'>, member: Member, calls: readonly StoredCall[]): Promise<Task[]> {
  if (!member.permissions.has('recommendation:vote')) return [];
  const now = deps.now();
  const withTable = calls.filter((c) => c.status === 'published' && c.tableId);
  const votes = await Promise.all(
    withTable.map(async (call) => ({ call, vote: await getItem<AdoptionVote>(deps.db, keys.adoptionVote(member.tenantId, call.id), true) })),
  );
  const toClose = await closeVoteTasks(deps, member, votes, now);
  const mine = votes.filter(
    (v): v is { call: StoredCall; vote: AdoptionVote } =>
      v.vote !== null && isAccepting(v.vote, now) && v.vote.electorate.some((e) => e.userId === member.userId),
  );
  const open = await Promise.all(
    mine.map(async (v) => ({
      ...v,
      ballot: await getItem<AdoptionBallot>(deps.db, keys.adoptionBallot(member.tenantId, v.call.id, v.vote.number, member.userId), true),
    })),
  );
  return [
    ...toClose,
    ...open
      .filter((o) => o.ballot === null)
      .map((o) =>
        task({
          kind: 'ballot',
          subject: 'recommendation',
          title: o.call.title,
          dueAt: o.vote.closesAt,
          link: `/appels/${o.call.id}/recommandation/vote`,
          callId: o.call.id,
        }),
      ),
  ];
}

/** A vote whose closing time has passed and that is still open: the table's coordinators (or a manager) close it. */
async function closeVoteTasks(
  deps: Pick<Deps, 'db'>,
  member: Member,
  votes: readonly { call: StoredCall; vote: AdoptionVote | null }[],
  now: Date,
): Promise<Task[]> {
  if (!member.permissions.has('recommendation:write')) return [];
  const due = votes.filter((v): v is { call: StoredCall; vote: AdoptionVote } => v.vote?.status === 'open' && Date.parse(v.vote.closesAt) <= now.getTime());
  const mine = await Promise.all(
    due.map(async (v) => {
      if (member.roles.includes('manager')) return v;
      const table = await getTableById(deps.db, member.tenantId, v.vote.tableId).catch(() => null);
      return table?.coordinatorIds.includes(member.userId) ? v : null;
    }),
  );
  return mine
    .filter((v) => v !== null)
    .map((v) => task({ kind: 'close-vote', title: v.call.title, dueAt: v.vote.closesAt, link: `/appels/${v.call.id}/recommandation`, callId: v.call.id }));
}
