/**
 * "A call is published to me" (issue 12): the organizations' representatives
 * who may answer a call get a message in their language when it is published,
 * and the organizations added to a published call when they are added. The
 * kind is optional: a person who turned it off gets nothing. A failure here is
 * logged and forgotten: the call is saved whatever happens to its messages.
 */
import { isActiveMembership, type StoredCall } from '../../shared/domain';
import type { Deps } from '../lib/app';
import { errorAttribute } from '../lib/observability';
import { getPreferences, listMembersOfTenant } from '../identity';

/**
 * Tells the representatives of `organizationIds` (every organization of the
 * tenant when `'all'`) that the call is published to them.
 */
export async function notifyCallPublished(deps: Deps, tenantId: string, call: StoredCall, organizationIds: readonly string[] | 'all'): Promise<void> {
  const notify = deps.notify;
  if (!notify) return;
  try {
    const members = await listMembersOfTenant(deps.db, tenantId);
    const reps = members.filter(
      (m) =>
        isActiveMembership(m) &&
        m.roles.includes('organization') &&
        !!m.organizationId &&
        (organizationIds === 'all' || organizationIds.includes(m.organizationId)),
    );
    await Promise.all(
      reps.map(async (m) => {
        const prefs = await getPreferences(deps.db, tenantId, m.userId);
        await notify(
          { userId: m.userId, email: m.email, name: m.name, lang: m.language ?? 'fr', optOut: prefs?.optOut },
          { kind: 'call-published', callId: call.id, callTitle: call.title, closesAt: call.closesAt },
        );
      }),
    );
  } catch (e) {
    (deps.logger ?? console).warn('call-published notifications not sent', { callId: call.id, error: errorAttribute(e) });
  }
}
