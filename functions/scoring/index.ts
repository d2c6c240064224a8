/** The scoring context's public face: what other contexts may use of it. */
export { getGrid, listConflicts, listDeclaredRecusals } from './repository';
export { callResults, evaluatorStanding } from './results';
export { scoringTasksFor } from './tasks';
