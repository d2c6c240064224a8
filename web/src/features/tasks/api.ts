/** The tasks and notification-preference requests, on the typed client. */
import type { InferRequestType } from 'hono/client';
import { client, unwrap } from '../../lib/client';

const prefs = client.identity.t[':tenantId'].me['notification-preferences'];

export const getMyTasks = (tenantId: string) => unwrap(client.tasks.t[':tenantId'].me.tasks.$get({ param: { tenantId } }));
export const getPreferences = (tenantId: string) => unwrap(prefs.$get({ param: { tenantId } }));
export const savePreferences = (tenantId: string, json: InferRequestType<typeof prefs.$put>['json']) => unwrap(prefs.$put({ param: { tenantId }, json }));

export type Task = Awaited<ReturnType<typeof getMyTasks>>['items'][number];
export type Preferences = Awaited<ReturnType<typeof getPreferences>>;
