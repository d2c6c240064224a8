/** The allocation context's public face: what other contexts may use of it. */
export { allocationRemindersDue, allocationTasksFor } from './tasks';
export { getScenario } from './repository';
