/** The funder's dashboard of a program (indicator × organization × year, charts' data, CSV) and the results an organization's reports fed. */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../lib/app';

export const dashboardRoutes = (_deps: Deps) => new Hono<AppEnv>();
