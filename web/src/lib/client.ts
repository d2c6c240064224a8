/**
 * The typed API client: Hono's `hc` over the route modules' own types, so a
 * route whose answer changes breaks the web app's type check. One fetch adds
 * the bearer token and the language and turns problem answers into
 * `ApiProblem`s (401 → sign in again), as `api.ts` always did.
 */
import { hc, type ClientResponse, type InferRequestType } from 'hono/client';
import type { AllocationApi } from '../../../functions/allocation/app';
import type { CallsApi } from '../../../functions/calls/app';
import type { EnvelopesApi } from '../../../functions/envelopes/app';
import type { IdentityApi } from '../../../functions/identity/app';
import type { NeedsApi } from '../../../functions/needs/app';
import type { OrganizationsApi } from '../../../functions/organizations/app';
import type { ProposalsApi } from '../../../functions/proposals/app';
import type { ScoringApi } from '../../../functions/scoring/app';
import type { TasksApi } from '../../../functions/tasks/app';
import type { TablesApi } from '../../../functions/tables/app';
import type { ResultsApi } from '../../../functions/results/app';
import type { DecisionsApi } from '../../../functions/decisions/app';
import type { RecommendationsApi } from '../../../functions/recommendations/app';
import type { AgreementsApi } from '../../../functions/agreements/app';
import type { ReportsApi } from '../../../functions/reports/app';
import { ApiProblem, toProblem, NETWORK } from './api';
import { getLang } from './i18n';
import { getToken } from './session';

/** The fetch every client call goes through: token, language, and network failures as problems. */
async function apiFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  headers.set('Accept-Language', getLang());
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  const token = getToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  try {
    return await fetch(input, { ...init, headers });
  } catch {
    throw new ApiProblem(0, '/problems/network', NETWORK, undefined, [], {});
  }
}

const origin = () => (typeof location === 'undefined' ? 'http://localhost' : location.origin);

/** One client per bounded context, typed by its route module. */
export const client = {
  allocation: hc<AllocationApi>(`${origin()}/api`, { fetch: apiFetch }),
  calls: hc<CallsApi>(`${origin()}/api`, { fetch: apiFetch }),
  envelopes: hc<EnvelopesApi>(`${origin()}/api`, { fetch: apiFetch }),
  identity: hc<IdentityApi>(`${origin()}/api`, { fetch: apiFetch }),
  needs: hc<NeedsApi>(`${origin()}/api`, { fetch: apiFetch }),
  organizations: hc<OrganizationsApi>(`${origin()}/api`, { fetch: apiFetch }),
  proposals: hc<ProposalsApi>(`${origin()}/api`, { fetch: apiFetch }),
  scoring: hc<ScoringApi>(`${origin()}/api`, { fetch: apiFetch }),
  tasks: hc<TasksApi>(`${origin()}/api`, { fetch: apiFetch }),
  tables: hc<TablesApi>(`${origin()}/api`, { fetch: apiFetch }),
  results: hc<ResultsApi>(`${origin()}/api`, { fetch: apiFetch }),
  decisions: hc<DecisionsApi>(`${origin()}/api`, { fetch: apiFetch }),
  recommendations: hc<RecommendationsApi>(`${origin()}/api`, { fetch: apiFetch }),
  agreements: hc<AgreementsApi>(`${origin()}/api`, { fetch: apiFetch }),
  reports: hc<ReportsApi>(`${origin()}/api`, { fetch: apiFetch }),
};

/** `/api/t/<tenant>`: the prefix the screens not yet on the client build their URLs on (removed with lib/api.ts's get/post/put). */

/** What a call answers when it succeeds (problem answers never reach the caller: they throw). */
type Success<R> = R extends ClientResponse<infer T, infer S, 'json'> ? (S extends 200 | 201 ? T : never) : never;

/** Awaits a client call: the JSON of a success, or an `ApiProblem` thrown with the API's own messages. */
export async function unwrap<R extends ClientResponse<unknown, number, string>>(request: Promise<R>): Promise<Success<R>> {
  const res = await request;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) throw toProblem(res.status, data);
  return data as Success<R>;
}

/** The JSON body a client call sends, as its route's schema takes it. */
export type Json<R extends (...args: never[]) => unknown> = InferRequestType<R> extends { json: infer J } ? J : never;
