/**
 * What the recommendation asks of people: a ballot from each member of an open vote's electorate who has
 * not cast one, until the vote closes ("Voter sur la recommandation").
 */
import type { AdoptionBallot, AdoptionVote } from '../../shared/adoption';
import type { StoredCall } from '../../shared/domain';
import { task, type Task } from '../../shared/tasks';
import { isAccepting } from '../../shared/window';
import type { Deps } from '../lib/app';
import type { Member } from '../lib/auth';
import { getItem } from '../lib/db';
import { keys } from '../lib/keys';

/** Reads: the adoption vote of each published call with a table, then the caller's ballot on each open vote they belong to. */
export async function recommendationTasksFor(deps: Pick<Deps, 'db' | 'now'>, member: Member, calls: readonly StoredCall[]): Promise<Task[]> {
  if (!member.permissions.has('recommendation:vote')) return [];
  const now = deps.now();
  const withTable = calls.filter((c) => c.status === 'published' && c.tableId);
  const votes = await Promise.all(
    withTable.map(async (call) => ({ call, vote: await getItem<AdoptionVote>(deps.db, keys.adoptionVote(member.tenantId, call.id), true) })),
  );
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
  return open
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
    );
}
