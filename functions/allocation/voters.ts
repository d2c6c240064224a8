/**
 * Who votes in a call's approval vote, as people to reach (their membership: name, email, language): the voting
 * members of the call's table (functions/tables, the rule the vote's routes apply), for the tasks and the
 * reminders. A call from before tables has none: every active member of the tenant with the role `member`.
 */
import type { Membership, StoredCall } from '../../shared/domain';
import type { Deps } from '../lib/app';
import { listMembersOfTenant } from '../identity';
import { votingMembersOf } from '../tables';

export async function pbVoterMemberships(deps: Pick<Deps, 'db'>, tenantId: string, call: Pick<StoredCall, 'tableId'>): Promise<Membership[]> {
  const [voters, members] = await Promise.all([votingMembersOf(deps, tenantId, call.tableId ?? null), listMembersOfTenant(deps.db, tenantId)]);
  const ids = new Set(voters.map((v) => v.userId));
  return members.filter((m) => ids.has(m.userId));
}
