/** The calls context's public face: what other contexts may use of it. */
export { getCallById, listCallsOfTenant } from './repository';
