/** Who votes in a call's approval vote: the one rule, used by the vote's routes, the tasks and the reminders. */
import type { Membership } from '../../shared/domain';
import type { Evaluator } from '../../shared/scoring/recusal';
import type { Deps } from '../lib/app';
import { listMembersOfTenant } from '../identity';

/** The table's members: those who vote. */
export async function pbVoters(deps: Pick<Deps, 'db'>, t: string): Promise<Membership[]> {
  return (await listMembersOfTenant(deps.db, t)).filter((m) => m.roles.includes('member'));
}

/** The voters as the recusal rule reads them. */
export async function voters(deps: Pick<Deps, 'db'>, t: string): Promise<Evaluator[]> {
  return (await pbVoters(deps, t)).map((m) => ({ userId: m.userId, name: m.name, organizationId: m.organizationId }));
}
