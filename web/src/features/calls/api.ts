/** The calls screens' requests, on the typed client: their bodies' and answers' types come from the route modules. */
import type { InferRequestType } from 'hono/client';
import { client, unwrap } from '../../lib/client';

const calls = client.calls.t[':tenantId'].calls;
const call = calls[':callId'];
const ofCall = client.proposals.t[':tenantId'].calls[':callId'];
const studies = client.needs.t[':tenantId'].studies;
const organizations = client.organizations.t[':tenantId'].organizations;

export const getCall = (tenantId: string, callId: string) => unwrap(call.$get({ param: { tenantId, callId } }));
export const createCall = (tenantId: string, json: InferRequestType<typeof calls.$post>['json']) => unwrap(calls.$post({ param: { tenantId }, json }));
export const updateCall = (tenantId: string, callId: string, json: InferRequestType<typeof call.$put>['json']) =>
  unwrap(call.$put({ param: { tenantId, callId }, json }));
export const publishCall = (tenantId: string, callId: string, json: InferRequestType<typeof call.publish.$post>['json']) =>
  unwrap(call.publish.$post({ param: { tenantId, callId }, json }));
export const extendCall = (tenantId: string, callId: string, json: InferRequestType<typeof call.extension.$post>['json']) =>
  unwrap(call.extension.$post({ param: { tenantId, callId }, json }));

/** Invites more organizations to a call by invitation, until it closes. */
export const inviteOrganizations = (tenantId: string, callId: string, json: InferRequestType<typeof call.invitations.$post>['json']) =>
  unwrap(call.invitations.$post({ param: { tenantId, callId }, json }));

/** Every organization of the tenant, page after page (a territory holds tens of them), by name (the organizations context answers). */
export async function listOrganizations(tenantId: string) {
  const all = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(organizations.$get({ param: { tenantId }, query: { limit: 200, cursor } }));
    all.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return all.sort((a, b) => a.legalName.localeCompare(b.legalName, 'fr'));
}

/** An organization starts its proposal on the call (the proposals context answers). */
export const startProposal = (tenantId: string, callId: string, json: InferRequestType<typeof ofCall.proposals.$post>['json']) =>
  unwrap(ofCall.proposals.$post({ param: { tenantId, callId }, json }));

export const getSubmissionsSummary = (tenantId: string, callId: string) => unwrap(ofCall.summary.$get({ param: { tenantId, callId } }));
/** A page of 100 submissions, after `cursor` when given. */
export const listSubmissions = (tenantId: string, callId: string, cursor?: string) =>
  unwrap(ofCall.proposals.$get({ param: { tenantId, callId }, query: { limit: 100, cursor } }));

/** The studies whose closed rounds a call can take its retained needs from (the needs context answers). */
export const listStudies = (tenantId: string) => unwrap(studies.$get({ param: { tenantId } }));
export const getStudy = (tenantId: string, studyId: string) => unwrap(studies[':studyId'].$get({ param: { tenantId, studyId } }));

/** The tenant's concertation tables, for the call's table (the tables context answers). */
export const listTables = (tenantId: string) => unwrap(client.tables.t[':tenantId'].tables.$get({ param: { tenantId } }));

/** The call's history, oldest first, and where it downloads as a CSV for Excel in French. */
export const getCallHistory = (tenantId: string, callId: string) => unwrap(call.history.$get({ param: { tenantId, callId } }));
export const callHistoryCsvUrl = (tenantId: string, callId: string) => call['history.csv'].$url({ param: { tenantId, callId } });

export type Call = Awaited<ReturnType<typeof getCall>>;
export type SubmissionsPage = Awaited<ReturnType<typeof listSubmissions>>;
