/** The money: payments against the schedule, claims (periodic billing), the envelope's ledger, carry-overs. */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../lib/app';

export const moneyRoutes = (_deps: Deps) => new Hono<AppEnv>();
