/** Memberships: a user's, and a tenant's members (gsi1 `T#<t>#MEMBERS`); a person's notification preferences. */
import type { Membership } from '../../shared/domain';
import { getItem, putNewOrVersioned, queryAll, type Db } from '../lib/db';
import type { OptionalKind } from '../../shared/notifications';
import { keys } from '../lib/keys';

export async function listMembershipsOfUser(db: Db, userId: string): Promise<Membership[]> {
  return queryAll<Membership>(db, { partition: keys.userMemberships(userId) });
}

export async function listMembersOfTenant(db: Db, tenantId: string): Promise<Membership[]> {
  return queryAll<Membership>(db, { index: 'gsi1', partition: keys.membersOfTenant(tenantId) });
}

/** A person's notification preferences in a tenant (`T#<t>#NOTIFY-PREFS`, `USER#<userId>`). */
export interface StoredPreferences {
  userId: string;
  optOut: OptionalKind[];
  version: number;
  updatedAt: string;
}

export async function getPreferences(db: Db, tenantId: string, userId: string): Promise<StoredPreferences | null> {
  return getItem<StoredPreferences>(db, keys.notificationPreferences(tenantId, userId), true);
}

/** Created when `expectedVersion` is null, else replaced at that version: a stale write is a version conflict (409). */
export async function savePreferences(db: Db, tenantId: string, prefs: StoredPreferences, expectedVersion: number | null): Promise<StoredPreferences> {
  return putNewOrVersioned(db, keys.notificationPreferences(tenantId, prefs.userId), 'NotificationPreferences', prefs, expectedVersion);
}
