/**
 * The public results (no account): per decided call, what the institution
 * decided, how the table adopted it, and the manager's departures, as JSON for
 * the public page and as CSV and JSON downloads; and the institution's list of
 * decided calls. Read-only, cacheable (cache.ts), and silent about what is not
 * public: an unknown tenant or call, a malformed id and a call not yet decided
 * all answer the same 404.
 */
import { Hono } from 'hono';
import { publicResultsCsv } from '../../shared/public-results';
import { publicCallResultsSchema, publicResultsIndexSchema } from '../../shared/schemas/responses/results';
import type { AppEnv, Deps } from '../lib/app';
import { allowPublic } from '../lib/auth';
import { responds } from '../lib/contract';
import { cacheable, cacheableJson } from './cache';
import { readCallResults, readResultsIndex } from './repository';

export const resultRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/public/results/:tenantId',
      allowPublic(),
      responds(
        { 200: publicResultsIndexSchema },
        {
          summary: { fr: 'Lister les résultats publiés d’un établissement (sans compte)', en: 'List an institution’s published results (no account)' },
          conditional: true,
        },
      ),
      async (c) => {
        const index = await readResultsIndex(deps.db, c.req.param('tenantId'));
        return cacheableJson(c, index);
      },
    )
    .get(
      '/public/results/:tenantId/calls/:callId',
      allowPublic(),
      responds(
        { 200: publicCallResultsSchema },
        {
          summary: { fr: 'Lire les résultats publics d’un appel décidé (sans compte)', en: 'Read the public results of a decided call (no account)' },
          conditional: true,
        },
      ),
      async (c) => {
        const results = await readCallResults(deps.db, c.req.param('tenantId'), c.req.param('callId'));
        return cacheableJson(c, results);
      },
    )
    .get(
      '/public/results/:tenantId/calls/:callId/results.csv',
      allowPublic(),
      responds(
        { 200: { contentType: 'text/csv' } },
        {
          summary: { fr: 'Télécharger les résultats d’un appel en CSV (sans compte)', en: 'Download a call’s results as CSV (no account)' },
          conditional: true,
        },
      ),
      async (c) => {
        const callId = c.req.param('callId');
        const results = await readCallResults(deps.db, c.req.param('tenantId'), callId);
        return cacheable(c, publicResultsCsv(results), {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="resultats-${callId}.csv"`,
        });
      },
    )
    .get(
      '/public/results/:tenantId/calls/:callId/results.json',
      allowPublic(),
      responds(
        { 200: publicCallResultsSchema },
        {
          summary: { fr: 'Télécharger les résultats d’un appel en JSON (sans compte)', en: 'Download a call’s results as JSON (no account)' },
          conditional: true,
        },
      ),
      async (c) => {
        const callId = c.req.param('callId');
        const results = await readCallResults(deps.db, c.req.param('tenantId'), callId);
        return cacheableJson(c, results, { 'Content-Disposition': `attachment; filename="resultats-${callId}.json"` }, 2);
      },
    );

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type ResultsApi = ReturnType<typeof resultRoutes>;
