/** Memberships: a user's, and a tenant's members (gsi1 `T#<t>#MEMBERS`). */
import type { Membership } from '../../shared/domain';
import { queryAll, type Db } from '../lib/db';
import { keys } from '../lib/keys';

export async function listMembershipsOfUser(db: Db, userId: string): Promise<Membership[]> {
  return queryAll<Membership>(db, { partition: keys.userMemberships(userId) });
}

export async function listMembersOfTenant(db: Db, tenantId: string): Promise<Membership[]> {
  return queryAll<Membership>(db, { index: 'gsi1', partition: keys.membersOfTenant(tenantId) });
}
