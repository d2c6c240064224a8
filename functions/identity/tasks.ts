/**
 * What the identity context asks of people: accepting the invitations addressed to their email (the token's
 * `email` claim, never a value from the request) in other institutions, each due when it expires.
 */
import { task, type Task } from '../../shared/tasks';
import type { Deps } from '../lib/app';
import type { Identity } from '../lib/auth';
import { listInvitationsForEmail } from './people-repository';

/** The web app's page listing the caller's invitations, where each is accepted. */
const MY_INVITATIONS_PAGE = '/mes-invitations';

/** One task per pending, unexpired invitation to another institution than `tenantId`, addressed to the caller's email. */
export async function invitationTasksFor(deps: Pick<Deps, 'db' | 'now'>, identity: Identity, tenantId: string): Promise<Task[]> {
  if (!identity.email) return [];
  const invitations = await listInvitationsForEmail(deps.db, identity.email, deps.now());
  return invitations
    .filter((i) => i.tenantId !== tenantId)
    .map((i) => task({ kind: 'invitation', title: i.tenantName, dueAt: i.expiresAt, link: MY_INVITATIONS_PAGE }));
}
