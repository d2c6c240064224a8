/**
 * The decision screens' calls to the API, on the typed client: each answer's
 * type comes from the route that sends it.
 */
import { client, unwrap, type Json } from '../../lib/client';

const decisions = client.decisions.t[':tenantId'];
const decision = decisions.calls[':callId'].decision;

type CallIds = { tenantId: string; callId: string };

export const getDecisionView = (param: CallIds) => unwrap(decision.$get({ param }));
export const recordDecision = (param: CallIds, json: Json<typeof decision.$post>) => unwrap(decision.$post({ param, json }));
export const amendDecision = (param: CallIds, json: Json<typeof decision.amendments.$post>) => unwrap(decision.amendments.$post({ param, json }));
export const getLetter = (param: CallIds & { proposalId: string }) => unwrap(decision.letters[':proposalId'].$get({ param }));
export const listMyOutcomes = (tenantId: string) => unwrap(decisions.my.outcomes.$get({ param: { tenantId } }));
/** The call's title (the calls context's route). */
export const getCall = (param: CallIds) => unwrap(client.calls.t[':tenantId'].calls[':callId'].$get({ param }));
/** The scenarios a call without a table may be decided from (the allocation context's route). */
export const listScenarios = (param: CallIds) => unwrap(client.allocation.t[':tenantId'].calls[':callId'].scenarios.$get({ param }));

export type DecisionView = Awaited<ReturnType<typeof getDecisionView>>;
export type Decision = NonNullable<DecisionView['decision']>;
export type DecisionLine = Decision['lines'][number];
export type Scenario = Awaited<ReturnType<typeof listScenarios>>['items'][number];
export type Outcome = Awaited<ReturnType<typeof listMyOutcomes>>['items'][number];
