/**
 * Who receives a message, and the sending itself: each person in their own
 * language (their membership's, French when unset), with the optional kinds
 * they turned off left out (their preferences, read here). A message that
 * cannot be sent never fails what caused it: every error is logged and dropped.
 */
import { isActiveMembership, type Membership } from '../../shared/domain';
import type { NotificationMessage } from '../../shared/notifications';
import type { Deps } from '../lib/app';
import { getPreferences } from './repository';

/**
 * The people who act for an organization: every active membership naming it, whatever its roles — a table
 * member who represents her organization (the demo's Julie Bergeron) writes its reports and signs its
 * agreements (shared/permissions.ts grants the organization's own permissions from `organizationId`), so she
 * gets its messages too.
 */
export function representativesOf(members: readonly Membership[], organizationId: string): Membership[] {
  return members.filter((m) => isActiveMembership(m) && m.organizationId === organizationId);
}

/**
 * Sends `message` (or the message `messageFor` writes for each person) to every active person of `people`
 * (a list, or the promise of one: a failure to read it is dropped like a failed send). Never throws.
 */
export async function notifyPeople(
  deps: Pick<Deps, 'db' | 'notify' | 'logger'>,
  tenantId: string,
  people: readonly Membership[] | Promise<readonly Membership[]>,
  message: NotificationMessage,
): Promise<void> {
  const notify = deps.notify;
  if (!notify) return;
  try {
    const everyone = (await people).filter(isActiveMembership);
    await Promise.all(
      everyone.map(async (m) => {
        const prefs = await getPreferences(deps.db, tenantId, m.userId);
        await notify({ userId: m.userId, email: m.email, name: m.name, lang: m.language ?? 'fr', optOut: prefs?.optOut }, message);
      }),
    );
  } catch (e) {
    deps.logger?.warn('notification not sent', { kind: message.kind, error: e instanceof Error ? e.name : 'unknown' });
  }
}
