/** Who votes in the needs context's rounds: the one rule, used by the routes, the tasks and the reminders. */
import type { Membership } from '../../shared/domain';
import type { Deps } from '../lib/app';
import { listMembersOfTenant } from '../identity';

/** The table's members: those who vote in a round. */
export async function tableVoters(deps: Pick<Deps, 'db'>, tenantId: string): Promise<Membership[]> {
  const members = await listMembersOfTenant(deps.db, tenantId);
  return members.filter((m) => m.roles.includes('member'));
}
