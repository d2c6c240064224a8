/**
 * Left only for calls/call-form.tsx (another helper's file on issue 11), which still imports it:
 * the types are derived from the client in ./api. Delete this file once nothing imports it.
 */
export type { StudyView } from './api';
