/**
 * The scoring screens' calls to the API, on the typed client: each answer's
 * type comes from the route that sends it, so a route that changes breaks
 * these screens' type check rather than the screens.
 */
import { client, unwrap, type Json } from '../../lib/client';

const scoring = client.scoring.t[':tenantId'];
const call = scoring.calls[':callId'];
const sheetRoute = call.scoring.proposals[':proposalId'];

type ResultsQuery = { rule: 'mean' | 'median' | 'trimmed'; normalize: boolean };
const resultsQuery = ({ rule, normalize }: ResultsQuery) => ({ rule, normalize: normalize ? ('true' as const) : ('false' as const) });

/** The call scored (the calls context's route). */
export const getCall = (tenantId: string, callId: string) => unwrap(client.calls.t[':tenantId'].calls[':callId'].$get({ param: { tenantId, callId } }));

// ---- the grid ----
/** The grid with what its builders choose from (the table's members, the eligible proposals), sent only to those who manage scoring. */
export async function getGridSetup(tenantId: string, callId: string) {
  const answer = await unwrap(call.grid.$get({ param: { tenantId, callId } }));
  return 'evaluators' in answer ? answer : { ...answer, awaitingScreening: undefined, evaluators: [], proposals: [] };
}
export const saveGrid = (tenantId: string, callId: string, json: Json<typeof call.grid.$put>) => unwrap(call.grid.$put({ param: { tenantId, callId }, json }));
export const openScoring = (tenantId: string, callId: string, json: Json<typeof call.grid.open.$post>) =>
  unwrap(call.grid.open.$post({ param: { tenantId, callId }, json }));
export const reopenGrid = (tenantId: string, callId: string, json: Json<typeof call.grid.reopen.$post>) =>
  unwrap(call.grid.reopen.$post({ param: { tenantId, callId }, json }));
export const closeScoring = (tenantId: string, callId: string, json: Json<typeof call.grid.close.$post>) =>
  unwrap(call.grid.close.$post({ param: { tenantId, callId }, json }));

export const getTemplates = (tenantId: string) => unwrap(scoring['grid-templates'].$get({ param: { tenantId } }));
export const saveTemplate = (tenantId: string, json: Json<(typeof scoring)['grid-templates']['$post']>) =>
  unwrap(scoring['grid-templates'].$post({ param: { tenantId }, json }));

// ---- results ----
export const getResults = (tenantId: string, callId: string, q: ResultsQuery) =>
  unwrap(call.scoring.results.$get({ param: { tenantId, callId }, query: resultsQuery(q) }));
/** Where the results download as a CSV for Excel in French, or as JSON. */
export const resultsCsvUrl = (tenantId: string, callId: string, q: ResultsQuery) =>
  call.scoring['results.csv'].$url({ param: { tenantId, callId }, query: resultsQuery(q) });
export const resultsJsonUrl = (tenantId: string, callId: string, q: ResultsQuery) =>
  call.scoring['results.json'].$url({ param: { tenantId, callId }, query: resultsQuery(q) });

// ---- evaluating ----
export const getMine = (tenantId: string, callId: string) => unwrap(call.scoring.mine.$get({ param: { tenantId, callId } }));
export const getSheet = (tenantId: string, callId: string, proposalId: string) => unwrap(sheetRoute.sheet.$get({ param: { tenantId, callId, proposalId } }));
export const saveSheet = (tenantId: string, callId: string, proposalId: string, json: Json<typeof sheetRoute.sheet.$put>) =>
  unwrap(sheetRoute.sheet.$put({ param: { tenantId, callId, proposalId }, json }));
export const declareRecusal = (tenantId: string, callId: string, proposalId: string, json: Json<typeof sheetRoute.recusal.$post>) =>
  unwrap(sheetRoute.recusal.$post({ param: { tenantId, callId, proposalId }, json }));
export const getConsensus = (tenantId: string, callId: string, proposalId: string) =>
  unwrap(sheetRoute.consensus.$get({ param: { tenantId, callId, proposalId } }));
export const saveConsensus = (tenantId: string, callId: string, proposalId: string, json: Json<typeof sheetRoute.consensus.$put>) =>
  unwrap(sheetRoute.consensus.$put({ param: { tenantId, callId, proposalId }, json }));

// ---- conflicts of interest ----
/** The tenant's organizations, to tick those one has ties with (the organizations context's route). */
export const getOrganizations = (tenantId: string) =>
  unwrap(client.organizations.t[':tenantId'].organizations.$get({ param: { tenantId }, query: { limit: 200 } }));
export const getMyConflicts = (tenantId: string) => unwrap(scoring.my.conflicts.$get({ param: { tenantId } }));
export const saveMyConflicts = (tenantId: string, json: Json<typeof scoring.my.conflicts.$put>) =>
  unwrap(scoring.my.conflicts.$put({ param: { tenantId }, json }));

export type Call = Awaited<ReturnType<typeof getCall>>;
export type GridSetup = Awaited<ReturnType<typeof getGridSetup>>;
export type Grid = NonNullable<GridSetup['grid']>;
export type SheetView = Awaited<ReturnType<typeof getSheet>>;
export type Template = Awaited<ReturnType<typeof getTemplates>>['items'][number];
