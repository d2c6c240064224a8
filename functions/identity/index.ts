/** The identity context's public face: what other contexts may use of it. */
export { getPreferences, listMembersOfTenant } from './repository';
