/**
 * Every API answer carries the security headers (success, problem, 404 of an
 * unknown address, 401 without a token, the public consultation), and in AWS
 * a request that did not come through CloudFront (no origin secret) is refused.
 */
import { createLocalJWKSet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiApp } from '../../functions/lib/app';
import { createJwtVerifier } from '../../functions/lib/auth';
import { ALL_ROUTES } from '../../functions/contexts';
import { API_SECURITY_HEADERS, ORIGIN_VERIFY_HEADER } from '../../functions/lib/security-headers';
import { createHarness, setupCall, type Harness } from '../support/harness';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await setupCall(h);
});

function expectSecurityHeaders(res: Response) {
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
  expect(res.headers.get('X-Frame-Options')).toBe('DENY');
  expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
  expect(res.headers.get('Permissions-Policy')).toContain('camera=()');
}

describe('security headers', () => {
  it('are on every kind of API answer', async () => {
    const answers = [
      await h.request('GET', '/api/t/{t}/calls', { as: 'manager' }),
      await h.request('GET', '/api/t/{t}/calls/nope-nope', { as: 'manager' }),
      await h.request('POST', '/api/t/{t}/envelopes', { as: 'manager', body: { program: '' } }),
      await h.request('GET', '/api/t/{t}/calls'),
      await h.request('GET', '/api/no/such/address', { as: 'manager' }),
      await h.request('GET', '/api/public/consultations/AAAAAAAAAAAAAAAAAAAAAAAA'),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 404, 400, 401, 404, 404]);
    for (const res of answers) expectSecurityHeaders(res);
  });

  it('refuse, in AWS, a request that went around CloudFront', async () => {
    const app = createApiApp(
      {
        ...h.deps,
        originSecret: 's3cr3t-from-secrets-manager',
        verifyToken: createJwtVerifier({ issuer: h.issuer.issuer, audience: h.issuer.audience, keys: createLocalJWKSet(h.issuer.jwks) }),
      },
      ALL_ROUTES,
    );
    const token = await h.issuer.sign({ sub: 'manager', name: 'manager', email: 'manager@test' });
    const path = `/api/t/${h.tenantId}/calls`;
    const direct = await app.request(path, { headers: { Authorization: `Bearer ${token}` } });
    expect(direct.status).toBe(403);
    expect(direct.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    expect((await direct.json()).messages.detail.fr).toContain('adresse du site');
    const wrong = await app.request(path, { headers: { Authorization: `Bearer ${token}`, [ORIGIN_VERIFY_HEADER]: 's3cr3t-from-secrets-manageR' } });
    expect(wrong.status).toBe(403);
    const viaCdn = await app.request(path, { headers: { Authorization: `Bearer ${token}`, [ORIGIN_VERIFY_HEADER]: 's3cr3t-from-secrets-manager' } });
    expect(viaCdn.status).toBe(200);
    expect(Object.keys(API_SECURITY_HEADERS).length).toBeGreaterThan(5);
  });
});
