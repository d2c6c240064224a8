/**
 * Service agreements (ententes de services), their payments and the envelopes' ledger: from the
 * decision to the money actually paid. One bounded context, its routes in two modules — the
 * agreement's life (templates, drafts generated from the decision, review, signatures, amendments,
 * renewal, obligations) and the money (payments, claims, the ledger, carry-overs) — mounted here.
 */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../lib/app';
import { lifecycleRoutes } from './lifecycle-routes';
import { moneyRoutes } from './money-routes';

export const agreementRoutes = (deps: Deps) => new Hono<AppEnv>().route('/', lifecycleRoutes(deps)).route('/', moneyRoutes(deps));

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type AgreementsApi = ReturnType<typeof agreementRoutes>;
