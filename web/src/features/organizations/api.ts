/** The organization screen's requests, on the typed client: their bodies' and answers' types come from the route module. */
import type { InferRequestType } from 'hono/client';
import { client, unwrap } from '../../lib/client';

const mine = client.organizations.t[':tenantId'].my.organization;

export const getMyOrganization = (tenantId: string) => unwrap(mine.$get({ param: { tenantId } }));
export const updateMyOrganization = (tenantId: string, json: InferRequestType<typeof mine.$put>['json']) => unwrap(mine.$put({ param: { tenantId }, json }));

export type Organization = Awaited<ReturnType<typeof getMyOrganization>>;
