/** The identity context's public face: what other contexts may use of it. */
export { getPreferences, listMembersOfTenant } from './repository';
export { notifyPeople, representativesOf } from './recipients';
export { invitationTasksFor } from './tasks';
