/**
 * Path identifiers never reach a key unchecked: every route's first handler
 * is its permission middleware (which checks the path's identifiers), and
 * every parameter name a route declares has a format.
 */
import { describe, expect, it } from 'vitest';
import { createApiApp, type Deps } from '../../functions/lib/app';
import { PERMISSION_TAG } from '../../functions/lib/auth';
import { assertPathIds, isValidPathParam, PATH_PARAM_FORMATS } from '../../functions/lib/path-ids';
import { newId } from '../../functions/lib/ids';
import { ALL_ROUTES } from '../../functions/contexts';
import { NotFoundError } from '../../shared/errors';

const deps = {
  db: { client: {} as never, table: 't' },
  verifyToken: async () => ({ sub: 'x', email: undefined, name: undefined }),
  now: () => new Date(),
  newId: () => 'id',
} satisfies Deps;

describe('path identifiers', () => {
  const app = createApiApp(deps, ALL_ROUTES);
  const firstHandler = new Map<string, unknown>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    if (!firstHandler.has(key)) firstHandler.set(key, r.handler);
  }

  it('runs the permission middleware (and its path check) before anything else on every route', () => {
    expect(firstHandler.size).toBeGreaterThan(15);
    const late = [...firstHandler].filter(([, handler]) => !(PERMISSION_TAG in (handler as object))).map(([k]) => k);
    expect(late).toEqual([]);
  });

  it('knows the format of every parameter name the routes use', () => {
    const names = new Set([...firstHandler.keys()].flatMap((k) => [...k.matchAll(/:(\w+)/g)].map((m) => m[1]!)));
    expect(names.size).toBeGreaterThan(5);
    expect([...names].filter((n) => !(n in PATH_PARAM_FORMATS))).toEqual([]);
  });

  it('accepts the identifiers the platform makes and refuses key separators, other characters and long values', () => {
    expect(isValidPathParam('callId', newId())).toBe(true);
    expect(isValidPathParam('tenantId', 'cisss-laurentides-demo')).toBe(true);
    expect(isValidPathParam('token', 'q2Zb7Wc-ZrjGmfx_kUPsOlkT1mZ1')).toBe(true);
    for (const bad of [`${newId()}#SHEETS`, `${newId()}#USER#m1`, 'a'.repeat(65), 'x'.repeat(3000), 'ABC', '', 'a/b', 'a b', 'é-id']) {
      expect(isValidPathParam('callId', bad)).toBe(false);
    }
    expect(isValidPathParam('unknownId', newId())).toBe(false);
    expect(() => assertPathIds({ callId: newId(), proposalId: `${newId()}#USER#m1` })).toThrow(NotFoundError);
    expect(() => assertPathIds({ callId: newId(), proposalId: newId() })).not.toThrow();
  });
});
