/** The decisions context's public face: what other contexts may use of it. */
export { getDecision } from './repository';
export { listDecisionsOfTenant } from './repository';
export { decisionTasksFor } from './tasks';
