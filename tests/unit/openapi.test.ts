import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTEXTS, ALL_ROUTES } from '../../functions/contexts';
import { createApiApp, type Deps } from '../../functions/lib/app';
import { contractViolation, operationsOf } from '../../functions/lib/contract';
import { openApiDocument, serializeOpenApi, toOpenApiPath } from '../../functions/lib/openapi';
import { API_REFERENCE_CSP, apiReferenceRoutes } from '../../functions/local/api-reference';
import { PROBLEM_TYPES } from '../../shared/schemas/responses/problem';
import { callSchema } from '../../shared/schemas/responses/calls';
import pkg from '../../package.json' with { type: 'json' };

const deps = {
  db: { client: {} as never, table: 't' },
  verifyToken: async () => ({ sub: 'x', email: undefined, name: undefined }),
  now: () => new Date(),
  newId: () => 'id',
} satisfies Deps;

describe('the OpenAPI document', () => {
  it('is current in docs/openapi.json', () => {
    const written = readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8');
    const current = serializeOpenApi(openApiDocument(CONTEXTS, pkg.version));
    expect(written === current, 'docs/openapi.json is not what the routes declare now: run `npm run openapi`').toBe(true);
  });

  it('describes every route, with its success response, its problems and its security', () => {
    const doc = openApiDocument(CONTEXTS, pkg.version);
    const operations = operationsOf(createApiApp(deps, ALL_ROUTES).routes);
    expect(operations.size).toBeGreaterThan(70);
    for (const op of operations.values()) {
      const described = doc.paths?.[toOpenApiPath(op.path)]?.[op.method.toLowerCase() as 'get'];
      expect(described, `${op.method} ${op.path}`).toBeDefined();
      const statuses = Object.keys(described!.responses ?? {});
      expect(
        statuses.some((s) => s === '200' || s === '201'),
        `${op.method} ${op.path}`,
      ).toBe(true);
      expect(statuses).toEqual(expect.arrayContaining(['400', '404', '500']));
      if (op.path.startsWith('/api/public/') || op.path === '/api/openapi.json') {
        expect(described!.security).toEqual([]);
      } else {
        expect(statuses).toEqual(expect.arrayContaining(['401', '403']));
      }
    }
    const ids = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.security).toEqual([{ bearer: [] }]);
    // Hono's `:param` becomes OpenAPI's `{param}`, declared as a path parameter.
    const call = doc.paths?.['/api/t/{tenantId}/calls/{callId}']?.get;
    expect(call?.parameters?.map((p) => ('name' in p ? p.name : null))).toEqual(['tenantId', 'callId']);
    expect(call?.summary).toBe('Lire un appel de projets');
  });

  it('holds the problem types of docs/problems.md, each with its status', () => {
    const documented = Object.fromEntries(
      [...readFileSync(new URL('../../docs/problems.md', import.meta.url), 'utf8').matchAll(/^\| `\/problems\/([\w-]+)` \| (\d{3}) \|/gm)].map((m) => [
        m[1],
        Number(m[2]),
      ]),
    );
    expect(documented).toEqual(PROBLEM_TYPES);
  });
});

describe('the response contract', () => {
  it('every route declares the response of its success status', () => {
    const operations = operationsOf(createApiApp(deps, [...ALL_ROUTES, apiReferenceRoutes]).routes);
    const undeclared = [...operations.values()]
      .filter((op) => !op.declared || (op.declared.responses[200] ?? op.declared.responses[201]) === undefined)
      .map((op) => `${op.method} ${op.path}`);
    expect(undeclared).toEqual([]);
  });

  it('refuses a response with an undeclared field, a wrong type, an undeclared status or a problem of the wrong shape', async () => {
    const op = operationsOf(createApiApp(deps, ALL_ROUTES).routes).get('GET /api/t/:tenantId/calls/:callId')!;
    const json = (body: unknown, status = 200, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
    const call = {
      id: 'call-1',
      envelopeId: 'env-1',
      title: 'Appel',
      description: '',
      amountAvailable: 100,
      maxRequest: 100,
      eligibilityCriteria: [],
      opensAt: '2026-11-01T12:00:00.000Z',
      closesAt: '2027-01-15T22:00:00.000Z',
      allowedDurations: [1],
      status: 'published',
      publishedAt: '2026-10-01T12:00:00.000Z',
      needsFrom: null,
      needs: [],
      extensions: [],
      access: 'open',
      invitedOrganizationIds: [],
      invitations: [],
      phase: 'open',
      version: 1,
      createdAt: '2026-10-01T12:00:00.000Z',
      createdBy: 'u',
      updatedAt: '2026-10-01T12:00:00.000Z',
      updatedBy: 'u',
    };
    expect(callSchema.safeParse(call).success).toBe(true);
    expect(await contractViolation(op, json(call))).toBeNull();
    expect(await contractViolation(op, json({ ...call, pk: 'T#x' }))).toMatch(/\/pk is not in the declared schema/);
    expect(await contractViolation(op, json({ ...call, eligibilityCriteria: [{ id: 'c', label: 'l', description: '', secret: 1 }] }))).toMatch(
      /\/eligibilityCriteria\/0\/secret/,
    );
    expect(await contractViolation(op, json({ ...call, amountAvailable: '100' }))).toMatch(/amountAvailable/);
    expect(await contractViolation(op, json(call, 201))).toMatch(/does not declare/);
    expect(await contractViolation(undefined, json(call))).toMatch(/no declared route/);
    expect(await contractViolation(op, json({ title: 'x' }, 409, 'application/problem+json'))).toMatch(/Problem schema/);
    const problem = { type: '/problems/closed', status: 409, title: 'Fermé', messages: { title: { fr: 'Fermé', en: 'Closed' } } };
    expect(await contractViolation(op, json(problem, 409, 'application/problem+json'))).toBeNull();
    expect(await contractViolation(op, json({ ...problem, status: 413 }, 413, 'application/problem+json'))).toMatch(/not documented with status 413/);
  });
});

describe('serving the description', () => {
  const app = createApiApp(deps, [...ALL_ROUTES, apiReferenceRoutes]);

  it('answers /api/openapi.json without an account, as written in docs/openapi.json', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await res.text()).toBe(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    // Everything else still needs a token.
    expect((await app.request('/api/me')).status).toBe(401);
    expect((await app.request('/api/openapi.json.bak')).status).toBe(401);
  });

  it('serves the reference page locally with its own strict policy and Swagger UI from node_modules', async () => {
    const page = await app.request('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toBe(API_REFERENCE_CSP);
    expect(API_REFERENCE_CSP).not.toMatch(/unsafe|https?:/);
    const html = await page.text();
    for (const src of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
      const asset = await app.request(src[1]!);
      expect(asset.status, src[1]).toBe(200);
      // Assets keep the API's own policy: nothing runs from them as a page.
      expect(asset.headers.get('Content-Security-Policy'), src[1]).toMatch(/^default-src 'none'/);
    }
    expect(html).not.toMatch(/<script>|<style>| on\w+=/);
  });
});
