/** The reports context's public face: what other contexts may use of it (the agreements' signatures make reports due). */
export { dueReportPieces } from './repository';
export { reportRemindersDue } from './reminders';
export { reportTasksFor } from './tasks';
export { obstacleOpenPut } from './reports';
export { reportDueOf } from './templates';
