/**
 * The public results' calls to the API (no account needed), on the typed
 * client: the answer's type comes from the route that sends it.
 */
import { client, unwrap } from '../../lib/client';

const results = client.results.public.results[':tenantId'];

export const getResultsIndex = (tenantId: string) => unwrap(results.$get({ param: { tenantId } }));
export const getCallResults = (tenantId: string, callId: string) => unwrap(results.calls[':callId'].$get({ param: { tenantId, callId } }));

/** The downloads' addresses, for plain links (the browser saves them: Content-Disposition). */
export const downloadHref = (tenantId: string, callId: string, format: 'csv' | 'json') =>
  results.calls[':callId'][`results.${format}`].$url({ param: { tenantId, callId } }).pathname;
