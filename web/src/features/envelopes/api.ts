/** The envelopes screens' requests, on the typed client: their bodies' and answers' types come from the route modules. */
import type { InferRequestType } from 'hono/client';
import { client, unwrap } from '../../lib/client';

const envelopes = client.envelopes.t[':tenantId'].envelopes;
const envelope = envelopes[':envelopeId'];

export const listEnvelopes = (tenantId: string) => unwrap(envelopes.$get({ param: { tenantId }, query: {} }));
export const getEnvelope = (tenantId: string, envelopeId: string) => unwrap(envelope.$get({ param: { tenantId, envelopeId } }));
export const createEnvelope = (tenantId: string, json: InferRequestType<typeof envelopes.$post>['json']) =>
  unwrap(envelopes.$post({ param: { tenantId }, json }));
export const updateEnvelope = (tenantId: string, envelopeId: string, json: InferRequestType<typeof envelope.$put>['json']) =>
  unwrap(envelope.$put({ param: { tenantId, envelopeId }, json }));

/** The calls opened on an envelope (the calls context answers). */
export const listCallsOfEnvelope = (tenantId: string, envelopeId: string) =>
  unwrap(client.calls.t[':tenantId'].calls.$get({ param: { tenantId }, query: { envelopeId } }));

export type Envelope = Awaited<ReturnType<typeof getEnvelope>>;
