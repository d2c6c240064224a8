/** The organizations context's public face: what other contexts may use of it. */
export { getOrganizationById } from './repository';
