/**
 * Yearly accountability reports (seed 003), their templates and the funder's dashboard: one bounded
 * context, its routes in three modules — the templates, the reports (yearly and obstacle), the
 * dashboard — mounted here.
 */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../lib/app';
import { dashboardRoutes } from './dashboard-routes';
import { reportRoutes } from './report-routes';
import { templateRoutes } from './template-routes';

export const reportsRoutes = (deps: Deps) =>
  new Hono<AppEnv>().route('/', templateRoutes(deps)).route('/', reportRoutes(deps)).route('/', dashboardRoutes(deps));

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type ReportsApi = ReturnType<typeof reportsRoutes>;
