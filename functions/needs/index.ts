/** The needs context's public face: what other contexts may use of it. */
export { getRoundById } from './repository';
export { needsRemindersDue, needsTasksFor } from './tasks';
