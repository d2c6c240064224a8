/** Yearly reports (fill, save as typed, submit, reopen, accept) and obstacle reports (file, answer). */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../lib/app';

export const reportRoutes = (_deps: Deps) => new Hono<AppEnv>();
