/** Report templates per program: list, create from the default, change (a new version each time), read a version. */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../lib/app';

export const templateRoutes = (_deps: Deps) => new Hono<AppEnv>();
