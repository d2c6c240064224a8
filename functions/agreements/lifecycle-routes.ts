/** The agreement's life: templates, drafts from the decision, review, signatures, amendments, renewal, obligations. */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../lib/app';

export const lifecycleRoutes = (_deps: Deps) => new Hono<AppEnv>();
