/**
 * Sign-in by authorization code with PKCE: the web app's helpers against
 * RFC 7636's own example, and the development issuer's endpoints, which the
 * web app uses locally exactly as it uses Cognito's in AWS.
 */
import { jwtVerify, createLocalJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import { createDevIssuer, devIssuerRoutes, DEV_AUDIENCE } from '../../functions/local/dev-issuer';
import { createApiApp } from '../../functions/lib/app';
import { authorizeUrl, codeChallenge, randomToken } from '../../web/src/lib/oidc';

const ISSUER = 'http://localhost:3999';
const REDIRECT = `${ISSUER}/connexion/retour`;
const accounts = [{ sub: 'demo-gestionnaire', name: 'Gabrielle Gestionnaire', email: 'g@example.org', description: { fr: 'Gestionnaire', en: 'Manager' } }];

async function setup() {
  const dev = await createDevIssuer(ISSUER);
  // Mounted as the local server mounts it, so errors answer as problems.
  const app = createApiApp({ newId: () => 'test' } as never, []);
  app.route('/', devIssuerRoutes(dev, accounts));
  return { dev, app };
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

async function authorize(app: Awaited<ReturnType<typeof setup>>['app'], verifier: string, overrides: Record<string, string> = {}) {
  const params = {
    response_type: 'code',
    client_id: DEV_AUDIENCE,
    redirect_uri: REDIRECT,
    state: 'state-12345',
    code_challenge: await codeChallenge(verifier),
    code_challenge_method: 'S256',
    scope: 'openid email profile',
    ...overrides,
  };
  return app.request('/dev/authorize', form({ ...params, sub: 'demo-gestionnaire' }));
}

describe('PKCE helpers of the web app', () => {
  it('computes the S256 challenge of RFC 7636, appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of the allowed alphabet and length, never twice the same', () => {
    const a = randomToken(32);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(32)).not.toBe(a);
  });

  it('builds the authorize address with every parameter the providers require', () => {
    const url = new URL(
      authorizeUrl(
        { authorizeUrl: 'https://auth.example/oauth2/authorize', tokenUrl: '', clientId: 'abc', scope: 'openid', logoutUrl: null },
        { redirectUri: REDIRECT, state: 's', challenge: 'c', lang: 'fr' },
      ),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'abc',
      redirect_uri: REDIRECT,
      scope: 'openid',
      state: 's',
      code_challenge: 'c',
      code_challenge_method: 'S256',
      ui_locales: 'fr',
    });
  });
});

describe('development issuer, authorization-code flow', () => {
  it('shows the demo accounts, redirects back with a code and the state, and exchanges the code once for an ID token', async () => {
    const { dev, app } = await setup();
    const verifier = randomToken(32);
    const page = await app.request(
      `/dev/authorize?${new URLSearchParams({ response_type: 'code', client_id: DEV_AUDIENCE, redirect_uri: REDIRECT, state: 'state-12345', code_challenge: await codeChallenge(verifier), code_challenge_method: 'S256' })}`,
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-account="demo-gestionnaire"');
    expect(html).toContain('lang="fr-CA"');

    const res = await authorize(app, verifier);
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('state-12345');
    const code = back.searchParams.get('code')!;

    const exchange = { grant_type: 'authorization_code', client_id: DEV_AUDIENCE, code, redirect_uri: REDIRECT, code_verifier: verifier };
    const token = await app.request('/dev/oauth2/token', form(exchange));
    expect(token.status).toBe(200);
    const { id_token } = (await token.json()) as { id_token: string };
    const { payload } = await jwtVerify(id_token, createLocalJWKSet(dev.jwks), { issuer: ISSUER, audience: DEV_AUDIENCE });
    expect(payload.sub).toBe('demo-gestionnaire');

    const replay = await app.request('/dev/oauth2/token', form(exchange));
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual({ error: 'invalid_grant' });
  });

  it('refuses a code with the wrong verifier, and the code is spent afterwards', async () => {
    const { app } = await setup();
    const verifier = randomToken(32);
    const code = new URL((await authorize(app, verifier)).headers.get('location')!).searchParams.get('code')!;
    const base = { grant_type: 'authorization_code', client_id: DEV_AUDIENCE, code, redirect_uri: REDIRECT };
    expect((await app.request('/dev/oauth2/token', form({ ...base, code_verifier: randomToken(32) }))).status).toBe(400);
    expect((await app.request('/dev/oauth2/token', form({ ...base, code_verifier: verifier }))).status).toBe(400);
  });

  it('never redirects a code off this machine, and refuses a plain challenge', async () => {
    const { app } = await setup();
    const verifier = randomToken(32);
    const away = await authorize(app, verifier, { redirect_uri: 'https://evil.example/cb' });
    expect(away.status).toBe(404);
    expect(away.headers.get('content-type')).toContain('application/problem+json');
    const plain = await authorize(app, verifier, { code_challenge_method: 'plain' });
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain('code_challenge_method');
  });

  it('tells the web app where to sign in', async () => {
    const { app } = await setup();
    const cfg = (await (await app.request('/config.json')).json()) as { auth: Record<string, unknown> };
    expect(cfg.auth).toMatchObject({ authorizeUrl: '/dev/authorize', tokenUrl: '/dev/oauth2/token', clientId: DEV_AUDIENCE, logoutUrl: null });
  });
});
