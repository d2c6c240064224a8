/**
 * Calls by invitation (issue 12): a call is open to every organization of the
 * tenant, or reserved to the organizations it invites. Who may read a call and
 * who may answer it, decided here once for the API and the web app.
 *
 * - Staff (managers, coordinators, table members) read every call.
 * - A person who acts only for an organization reads an invited call only
 *   when that organization is invited; for anyone else it does not exist (404).
 * - Answering a call (starting, saving or submitting a proposal) is acting for
 *   an organization: only an invited one may, whatever else the person is.
 */
import type { CallAccess, StoredCall } from './domain';
import type { Role } from './permissions';

type AccessFields = Pick<StoredCall, 'access' | 'invitedOrganizationIds'>;

/** The call's access, calls stored before invitations existed being open. */
export function accessOf(call: AccessFields): { access: CallAccess; invitedOrganizationIds: string[] } {
  return { access: call.access ?? 'open', invitedOrganizationIds: call.invitedOrganizationIds ?? [] };
}

/** May this organization answer the call (and, acting for it, read it)? */
export function isOpenTo(call: AccessFields, organizationId: string | null | undefined): boolean {
  const { access, invitedOrganizationIds } = accessOf(call);
  if (access === 'open') return true;
  return !!organizationId && invitedOrganizationIds.includes(organizationId);
}

/**
 * The institution's people read every call, whoever it is reserved to (as far as their permissions
 * go: an administrator, who reads no call, is refused by the route, 403, as for any call).
 */
const STAFF: ReadonlySet<Role> = new Set(['administrator', 'manager', 'coordinator', 'member']);

/** True for a person who reads every call (staff), false for one who only acts for an organization. */
export function seesEveryCall(viewer: { roles: readonly Role[] }): boolean {
  return viewer.roles.some((r) => STAFF.has(r));
}

/** May this person read the call at all (its status aside: drafts are the managers' business)? */
export function maySeeCall(viewer: { roles: readonly Role[]; organizationId: string | null }, call: AccessFields): boolean {
  return seesEveryCall(viewer) || isOpenTo(call, viewer.organizationId);
}
