/**
 * Who votes in a needs round, as people to reach (their membership: name, email, language): the voting members
 * of the round's table (functions/tables, the rule the routes apply), for the tasks, the reminders and the
 * messages. A round from before tables has none: every active member of the tenant with the role `member`.
 */
import type { Membership } from '../../shared/domain';
import type { PrioritizationRound } from '../../shared/needs';
import type { Deps } from '../lib/app';
import { listMembersOfTenant } from '../identity';
import { votingMembersOf } from '../tables';

export async function roundVoterMemberships(deps: Pick<Deps, 'db'>, tenantId: string, round: Pick<PrioritizationRound, 'tableId'>): Promise<Membership[]> {
  const [voters, members] = await Promise.all([votingMembersOf(deps, tenantId, round.tableId ?? null), listMembersOfTenant(deps.db, tenantId)]);
  const ids = new Set(voters.map((v) => v.userId));
  return members.filter((m) => ids.has(m.userId));
}
