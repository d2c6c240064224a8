/** The proposals screens' requests, on the typed client: their bodies' and answers' types come from the route modules. */
import type { InferRequestType } from 'hono/client';
import { client, unwrap } from '../../lib/client';

const tenant = client.proposals.t[':tenantId'];
const proposal = tenant.calls[':callId'].proposals[':proposalId'];

export const listMyProposals = (tenantId: string) => unwrap(tenant.my.proposals.$get({ param: { tenantId } }));
export const getProposal = (tenantId: string, callId: string, proposalId: string) => unwrap(proposal.$get({ param: { tenantId, callId, proposalId } }));
export const listVersions = (tenantId: string, callId: string, proposalId: string) =>
  unwrap(proposal.versions.$get({ param: { tenantId, callId, proposalId } }));
export const saveProposalDraft = (tenantId: string, callId: string, proposalId: string, json: InferRequestType<typeof proposal.draft.$put>['json']) =>
  unwrap(proposal.draft.$put({ param: { tenantId, callId, proposalId }, json }));
export const submitProposal = (tenantId: string, callId: string, proposalId: string, json: InferRequestType<typeof proposal.submit.$post>['json']) =>
  unwrap(proposal.submit.$post({ param: { tenantId, callId, proposalId }, json }));
export const withdrawProposal = (tenantId: string, callId: string, proposalId: string, json: InferRequestType<typeof proposal.withdraw.$post>['json']) =>
  unwrap(proposal.withdraw.$post({ param: { tenantId, callId, proposalId }, json }));
export const screenProposal = (tenantId: string, callId: string, proposalId: string, json: InferRequestType<typeof proposal.screening.$put>['json']) =>
  unwrap(proposal.screening.$put({ param: { tenantId, callId, proposalId }, json }));

/** The call a proposal answers, and the calls an organization can answer (the calls context answers). */
export const getCall = (tenantId: string, callId: string) => unwrap(client.calls.t[':tenantId'].calls[':callId'].$get({ param: { tenantId, callId } }));
export const listCalls = (tenantId: string) => unwrap(client.calls.t[':tenantId'].calls.$get({ param: { tenantId }, query: {} }));

/** The revisions the committee asks of the organization's proposals (the allocation context answers). */
export const listMyRevisionRequests = (tenantId: string) => unwrap(client.allocation.t[':tenantId'].my['revision-requests'].$get({ param: { tenantId } }));

export type Proposal = Awaited<ReturnType<typeof getProposal>>;
export type Call = Awaited<ReturnType<typeof getCall>>;
export type RevisionRequest = Awaited<ReturnType<typeof listMyRevisionRequests>>['items'][number];
