import { describe, expect, it } from 'vitest';
import { negotiateLang, type ValidationError } from '../../shared/errors';
import { permissionsOf } from '../../shared/permissions';
import { proposalContentSchema } from '../../shared/schemas/proposal';
import { parseOrThrow } from '../../shared/validation';
import { createApiApp, OPEN_DOC_PATHS, type Deps } from '../../functions/lib/app';
import { apiReferenceRoutes } from '../../functions/local/api-reference';
import { PERMISSION_TAG } from '../../functions/lib/auth';
import { ALL_ROUTES } from '../../functions/contexts';

describe('validation messages', () => {
  it('explains a budget that does not add up with both amounts, in both languages', () => {
    try {
      parseOrThrow(proposalContentSchema, {
        title: 't',
        summary: 's',
        targetPopulation: 'p',
        activities: [{ title: 'a', description: '' }],
        budgetLines: [{ label: 'x', amount: 100 }],
        requested: 250,
        minimum: 100,
        durationYears: 1,
      });
      expect.unreachable();
    } catch (e) {
      const err = e as ValidationError;
      expect(err.errors[0]!.path).toBe('budgetLines');
      expect(err.errors[0]!.message.fr.replace(/[\u00a0\u202f]/g, ' ')).toBe(
        'Les lignes budgétaires totalisent 1,00 $, alors que le montant demandé est de 2,50 $.',
      );
      expect(err.errors[0]!.message.en).toBe('The budget lines add up to $1.00, but the requested amount is $2.50.');
    }
  });
  it('negotiates French unless English is preferred', () => {
    expect(negotiateLang(undefined)).toBe('fr');
    expect(negotiateLang('en-CA,en;q=0.9,fr;q=0.8')).toBe('en');
    expect(negotiateLang('fr-CA,en;q=0.5')).toBe('fr');
    expect(negotiateLang('de-DE')).toBe('fr');
  });
});

describe('authorization', () => {
  it('denies by default: every route declares its permission', () => {
    const deps = {
      db: { client: {} as never, table: 't' },
      verifyToken: async () => ({ sub: 'x', email: undefined, name: undefined }),
      now: () => new Date(),
      newId: () => 'id',
    } satisfies Deps;
    // With the reference page the local server adds, so its routes are held to the same rule.
    const app = createApiApp(deps, [...ALL_ROUTES, apiReferenceRoutes]);
    const routes = new Map<string, string | null>();
    for (const r of app.routes) {
      if (r.method === 'ALL') continue;
      const key = `${r.method} ${r.path}`;
      const tag = PERMISSION_TAG in r.handler ? String((r.handler as unknown as Record<symbol, unknown>)[PERMISSION_TAG]) : null;
      routes.set(key, routes.get(key) ?? tag);
    }
    expect(routes.size).toBeGreaterThan(15);
    const undeclared = [...routes].filter(([, declared]) => !declared).map(([k]) => k);
    expect(undeclared).toEqual([]);
    // Only /api/public/* may be open to people without an account, and all of it must say so.
    const publicRoutes = [...routes].filter(([, tag]) => tag === 'public').map(([k]) => k);
    expect(publicRoutes.length).toBeGreaterThan(0);
    for (const k of publicRoutes) expect(k).toMatch(/^\w+ \/api\/public\//);
    for (const [k, tag] of routes) if (k.includes('/api/public/')) expect(tag).toBe('public');
    // Besides them, the API's description and its local reference page only: these and no other.
    const openRoutes = [...routes].filter(([, tag]) => tag === 'open').map(([k]) => k);
    expect(openRoutes.sort()).toEqual([
      'GET /api/docs',
      'GET /api/docs/start.js',
      'GET /api/docs/swagger-ui-bundle.js',
      'GET /api/docs/swagger-ui.css',
      'GET /api/openapi.json',
    ]);
    for (const k of openRoutes) expect(OPEN_DOC_PATHS.some((p) => k.slice(4) === p || k.slice(4).startsWith(`${p}/`))).toBe(true);
  });
  it('lets an organization member act for their organization only', () => {
    expect(permissionsOf(['member'], 'org-1').has('proposal:own')).toBe(true);
    expect(permissionsOf(['member'], null).has('proposal:own')).toBe(false);
    expect(permissionsOf(['organization'], null).has('proposal:own')).toBe(false);
    expect(permissionsOf(['coordinator']).has('envelope:write')).toBe(false);
    expect(permissionsOf(['manager']).has('proposal:screen')).toBe(true);
  });
});
