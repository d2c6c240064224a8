/**
 * The recommendation screens' calls to the API, on the typed client: each
 * answer's type comes from the route that sends it.
 */
import { client, unwrap, type Json } from '../../lib/client';

const calls = client.recommendations.t[':tenantId'].calls[':callId'];
const rec = calls.recommendation;

type CallIds = { tenantId: string; callId: string };

/** The call the recommendation is about (the calls context's route). */
export const getCall = (param: CallIds) => unwrap(client.calls.t[':tenantId'].calls[':callId'].$get({ param }));
/** The call's scenarios to draft from (the allocation context's route). */
export const listScenarios = (param: CallIds) => unwrap(client.allocation.t[':tenantId'].calls[':callId'].scenarios.$get({ param }));

export const getRecommendation = (param: CallIds) => unwrap(rec.$get({ param }));
export const draftRecommendation = (param: CallIds, json: Json<typeof rec.$post>) => unwrap(rec.$post({ param, json }));
export const saveRecommendation = (param: CallIds, json: Json<typeof rec.$put>) => unwrap(rec.$put({ param, json }));
export const reviseRecommendation = (param: CallIds, json: Json<typeof rec.revise.$post>) => unwrap(rec.revise.$post({ param, json }));
export const openAdoptionVote = (param: CallIds, json: Json<typeof rec.vote.$post>) => unwrap(rec.vote.$post({ param, json }));
export const closeAdoptionVote = (param: CallIds, json: Json<typeof rec.vote.close.$post>) => unwrap(rec.vote.close.$post({ param, json }));
export const recordConsensus = (param: CallIds, json: Json<typeof rec.consensus.$post>) => unwrap(rec.consensus.$post({ param, json }));
export const getMyBallot = (param: CallIds) => unwrap(rec.ballot.$get({ param }));
export const castBallot = (param: CallIds, json: Json<typeof rec.ballot.$put>) => unwrap(rec.ballot.$put({ param, json }));
export const getMinutes = (param: CallIds & { number: string }) => unwrap(rec.minutes[':number'].$get({ param }));

export type RecommendationView = Awaited<ReturnType<typeof getRecommendation>>;
export type Recommendation = NonNullable<RecommendationView['recommendation']>;
export type RecommendationLine = Recommendation['lines'][number];
