/** The people screens' requests, on the typed client: bodies and answers typed by the identity context's routes. */
import { client, unwrap, type Json } from '../../lib/client';

const tenant = client.identity.t[':tenantId'];

export const listPeople = (tenantId: string, organizationId: string | null) =>
  unwrap(tenant.people.$get({ param: { tenantId }, query: organizationId ? { organizationId } : {} }));
export const readPeopleLog = (tenantId: string, cursor: string | null) =>
  unwrap(tenant.people.log.$get({ param: { tenantId }, query: cursor ? { cursor, limit: '20' } : { limit: '20' } }));
export const invite = (tenantId: string, json: Json<typeof tenant.invitations.$post>) => unwrap(tenant.invitations.$post({ param: { tenantId }, json }));
export const resendInvitation = (tenantId: string, invitationId: string, version: number) =>
  unwrap(tenant.invitations[':invitationId'].resend.$post({ param: { tenantId, invitationId }, json: { version } }));
export const cancelInvitation = (tenantId: string, invitationId: string, version: number) =>
  unwrap(tenant.invitations[':invitationId'].cancel.$post({ param: { tenantId, invitationId }, json: { version } }));
export const changeRoles = (tenantId: string, userId: string, json: Json<(typeof tenant.people)[':userId']['roles']['$put']>) =>
  unwrap(tenant.people[':userId'].roles.$put({ param: { tenantId, userId }, json }));
export const deactivate = (tenantId: string, userId: string, version: number) =>
  unwrap(tenant.people[':userId'].deactivate.$post({ param: { tenantId, userId }, json: { version } }));
export const reactivate = (tenantId: string, userId: string, version: number) =>
  unwrap(tenant.people[':userId'].reactivate.$post({ param: { tenantId, userId }, json: { version } }));
export const leaveOrganization = (tenantId: string) => unwrap(tenant.me['leave-organization'].$post({ param: { tenantId } }));
export const readInvitation = (token: string) => unwrap(client.identity.public.invitations[':token'].$get({ param: { token } }));
export const acceptInvitation = (token: string) => unwrap(client.identity.invitations.accept.$post({ json: { token } }));
/** The invitations addressed to the signed-in person's email, and accepting one of them without its link. */
export const listMyInvitations = () => unwrap(client.identity.me.invitations.$get());
export const acceptMyInvitation = (tenantId: string, invitationId: string) =>
  unwrap(client.identity.me.invitations[':tenantId'][':invitationId'].accept.$post({ param: { tenantId, invitationId } }));
/** The organizations a representative may be invited for (the organizations context's list). */
export const listOrganizations = (tenantId: string) =>
  unwrap(client.organizations.t[':tenantId'].organizations.$get({ param: { tenantId }, query: { limit: '200' } }));

type People = Awaited<ReturnType<typeof listPeople>>;
export type Person = People['people'][number];
export type Invitation = People['invitations'][number];
export type PeopleEvent = Awaited<ReturnType<typeof readPeopleLog>>['items'][number];
