/**
 * Who votes and scores at a table, at the time of the act: the table's voting
 * members whose membership in the tenant is active (present, not deactivated).
 * Observers read but neither vote nor score. A study or a call stored before
 * tables existed has no table: then every active member of the tenant holding
 * the role `member` votes, as before.
 */
import type { Membership } from '../../shared/domain';
import { isActiveMembership } from '../../shared/domain';
import { ForbiddenError } from '../../shared/errors';
import type { Voter } from '../../shared/tables';
import type { Deps } from '../lib/app';
import { listMembersOfTenant } from '../identity';
import { getTableById } from './repository';

type Standing = 'voting' | 'observer' | 'outside';

export interface VoterRoll {
  /** The table, or null for an item stored before tables (all of the tenant's members). */
  table: { id: string; name: string } | null;
  voters: Voter[];
  standing: (userId: string) => Standing;
}

/** By id, as the tenant's members were always listed (results' columns keep their order); lists of names sort themselves. */
const byId = (a: Voter, b: Voter) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

/** The voters of a table (or of the tenant, for `tableId` null), read now; `known`: the tenant's members, when the caller has them. */
export async function voterRoll(
  deps: Pick<Deps, 'db'>,
  tenantId: string,
  tableId: string | null | undefined,
  known?: readonly Membership[],
): Promise<VoterRoll> {
  const membersOf = () => (known ? Promise.resolve(known) : listMembersOfTenant(deps.db, tenantId));
  if (!tableId) {
    const voters = (await membersOf())
      .filter((m) => isActiveMembership(m) && m.roles.includes('member'))
      .map((m) => ({ userId: m.userId, name: m.name, organizationId: m.organizationId, representsOrganizationId: null }))
      .sort(byId);
    const ids = new Set(voters.map((v) => v.userId));
    return { table: null, voters, standing: (u) => (ids.has(u) ? 'voting' : 'outside') };
  }
  const [table, members] = await Promise.all([getTableById(deps.db, tenantId, tableId), membersOf()]);
  const active = new Map<string, Membership>(members.filter(isActiveMembership).map((m) => [m.userId, m]));
  const seated = table.members.filter((m) => active.has(m.userId));
  const voters = seated
    .filter((m) => m.voting)
    .map((m) => {
      const membership = active.get(m.userId)!;
      return {
        userId: m.userId,
        name: membership.name,
        organizationId: membership.organizationId,
        representsOrganizationId: m.represents.kind === 'organization' ? m.represents.organizationId : null,
      };
    })
    .sort(byId);
  const standing = new Map(seated.map((m) => [m.userId, m.voting ? ('voting' as const) : ('observer' as const)]));
  return { table: { id: table.id, name: table.name }, voters, standing: (u) => standing.get(u) ?? 'outside' };
}

/** The voting members of a table (or of the tenant, for `tableId` null), whose membership is active, by id. */
export async function votingMembersOf(deps: Pick<Deps, 'db'>, tenantId: string, tableId: string | null | undefined): Promise<Voter[]> {
  return (await voterRoll(deps, tenantId, tableId)).voters;
}

/** Refuses (403, with the reason) a person who is not a voting member of the roll's table. */
export function requireVoting(roll: VoterRoll, userId: string, act: 'vote' | 'score'): void {
  const standing = roll.standing(userId);
  if (standing === 'voting') return;
  const doing = act === 'vote' ? { fr: 'voter', en: 'vote' } : { fr: 'évaluer les projets', en: 'score the proposals' };
  if (standing === 'observer')
    throw new ForbiddenError({
      fr: `Vous siégez comme observateur·trice à la table « ${roll.table!.name} » : vous pouvez tout lire, mais pas ${doing.fr}.`,
      en: `You sit as an observer at the table “${roll.table!.name}”: you can read everything, but not ${doing.en}.`,
    });
  throw new ForbiddenError(
    roll.table
      ? {
          fr: `Vous n’êtes pas membre votant de la table « ${roll.table.name} » : seuls ses membres votants peuvent ${doing.fr}.`,
          en: `You are not a voting member of the table “${roll.table.name}”: only its voting members may ${doing.en}.`,
        }
      : {
          fr: `Seuls les membres de la table peuvent ${doing.fr}.`,
          en: `Only the table’s members may ${doing.en}.`,
        },
  );
}

/**
 * The voters of a table as people to reach (their memberships: name, email, language), for the tasks, the
 * reminders and the messages of needs rounds and approval votes: one read of the tenant's members.
 */
export async function voterMemberships(deps: Pick<Deps, 'db'>, tenantId: string, tableId: string | null | undefined): Promise<Membership[]> {
  const members = await listMembersOfTenant(deps.db, tenantId);
  const ids = new Set((await voterRoll(deps, tenantId, tableId, members)).voters.map((v) => v.userId));
  return members.filter((m) => ids.has(m.userId));
}
