/**
 * The allocation screens' calls to the API, on the typed client: each
 * answer's type comes from the route that sends it, so a route that changes
 * breaks these screens' type check rather than the screens.
 */
import type { InferRequestType } from 'hono/client';
import { client, unwrap, type Json } from '../../lib/client';

const allocation = client.allocation.t[':tenantId'];
const call = allocation.calls[':callId'];
const vote = call['pb-vote'];

type CallIds = { tenantId: string; callId: string };

/** The call whose money is allocated (the calls context's route). */
export const getCall = (param: CallIds) => unwrap(client.calls.t[':tenantId'].calls[':callId'].$get({ param }));
/** One proposal, for its organization's answer to a revision round (the proposals context's route). */
export const getProposal = (param: CallIds & { proposalId: string }) =>
  unwrap(client.proposals.t[':tenantId'].calls[':callId'].proposals[':proposalId'].$get({ param }));

/** Where the call's scoring stands (the scoring context's route): greedy and optimal need it closed; equal and proportional do not. */
export async function getScoringStatus(param: CallIds): Promise<'none' | 'draft' | 'open' | 'closed'> {
  const { grid } = await unwrap(client.scoring.t[':tenantId'].calls[':callId'].grid.$get({ param }));
  return grid?.status ?? 'none';
}

// ---- scenarios ----
export const listScenarios = (param: CallIds) => unwrap(call.scenarios.$get({ param }));
export const computeScenario = (param: CallIds, json: Json<typeof call.scenarios.$post>) => unwrap(call.scenarios.$post({ param, json }));
/** Where a scenario downloads as a CSV for Excel in French. */
export const scenarioCsvUrl = (param: CallIds & { scenarioId: string }) => call.scenarios[':scenarioId']['export.csv'].$url({ param });

// ---- the revision round ----
export const getRevision = (param: CallIds) => unwrap(call.revision.$get({ param }));
export const startRevision = (param: CallIds, json: Json<typeof call.revision.$post>) => unwrap(call.revision.$post({ param, json }));
export const closeRevision = (param: CallIds, json: Json<typeof call.revision.close.$post>) => unwrap(call.revision.close.$post({ param, json }));
export const answerRevision = (param: CallIds, json: Json<typeof call.revision.answers.$post>) => unwrap(call.revision.answers.$post({ param, json }));
/** An organization's answer to the round, less the version of its earlier answer (added as it is sent). */
export type AnswerBody = Json<typeof call.revision.answers.$post> extends infer B ? (B extends unknown ? Omit<B, 'answerVersion'> : never) : never;
const listMyRevisionRequests = (tenantId: string) => unwrap(allocation.my['revision-requests'].$get({ param: { tenantId } }));

// ---- the approval vote ----
export const getVote = (param: CallIds) => unwrap(vote.$get({ param }));
export const openVote = (param: CallIds, json: Json<typeof vote.$post>) => unwrap(vote.$post({ param, json }));
export const castApprovals = (param: CallIds, json: Json<typeof vote.ballot.$put>) => unwrap(vote.ballot.$put({ param, json }));
export const closeVote = (param: CallIds, json: Json<typeof vote.close.$post>) => unwrap(vote.close.$post({ param, json }));
export const getVoteResults = (param: CallIds, query: InferRequestType<typeof vote.results.$get>['query']) => unwrap(vote.results.$get({ param, query }));
export const importVote = (param: CallIds, json: Json<typeof vote.import.$post>) => unwrap(vote.import.$post({ param, json }));
/** Where the vote's ballots download as a .pb file (voters numbered, never named). */
export const voteFileUrl = (param: CallIds) => vote['export.pb'].$url({ param });

export type Call = Awaited<ReturnType<typeof getCall>>;
export type Scenario = Awaited<ReturnType<typeof listScenarios>>['items'][number];
type Revision = Awaited<ReturnType<typeof getRevision>>;
export type RevisionRound = NonNullable<Revision['round']>;
export type RevisionAnswer = Revision['answers'][number];
export type SettledProposal = NonNullable<RevisionRound['settlement']>['proposals'][number];
/** One revision request of the organization, as its home page and "Mes projets" list them. */
export type RevisionRequest = Awaited<ReturnType<typeof listMyRevisionRequests>>['items'][number];
export type VoteView = Awaited<ReturnType<typeof getVote>>;
export type Vote = NonNullable<VoteView['vote']>;
