/**
 * A development OpenID Connect issuer: it publishes its keys and signs ID
 * tokens for the demo accounts, so the API verifies local tokens with the
 * very code that verifies Cognito's. Its authorization endpoint is a page
 * that lists the demo accounts, and its token endpoint speaks the
 * authorization-code flow with PKCE as Cognito's does, so the web app signs
 * in through one code path locally and in AWS. It exists only in the local
 * runtime and tests; nothing in infra/ deploys it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import * as z from 'zod';
import type { DemoAccountInfo, WebConfig } from '../../shared/domain';
import { NotFoundError } from '../../shared/errors';
import { parseOrThrow } from '../../shared/validation';

export const DEV_AUDIENCE = 'enveloppe-local';

export type DevAccount = DemoAccountInfo;

export interface DevIssuer {
  issuer: string;
  audience: string;
  jwks: { keys: JWK[] };
  sign: (account: Pick<DevAccount, 'sub' | 'name' | 'email'>, ttlSeconds?: number) => Promise<string>;
}

/** Creates the issuer; with `keyFile`, the key survives restarts so signed-in browsers stay signed in. */
export async function createDevIssuer(issuer: string, keyFile?: string): Promise<DevIssuer> {
  let privateJwk: JWK;
  if (keyFile && existsSync(keyFile)) {
    privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: `dev-${Date.now().toString(36)}`, alg: 'ES256' };
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const { d: _secret, ...publicJwk } = privateJwk;
  const key = await importJWK(privateJwk, 'ES256');
  return {
    issuer,
    audience: DEV_AUDIENCE,
    jwks: { keys: [{ ...publicJwk, use: 'sig' }] },
    sign: (account, ttlSeconds = 8 * 3600) =>
      new SignJWT({ name: account.name, email: account.email, token_use: 'id' })
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid! })
        .setIssuer(issuer)
        .setAudience(DEV_AUDIENCE)
        .setSubject(account.sub)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
  };
}

const tokenRequest = z.strictObject({ sub: z.string().min(1).max(128) });

const authorizeRequest = z.object({
  response_type: z.literal('code'),
  client_id: z.literal(DEV_AUDIENCE),
  redirect_uri: z.url(),
  state: z.string().min(8).max(256),
  code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  code_challenge_method: z.literal('S256'),
  scope: z.string().max(256).optional(),
  ui_locales: z.string().max(32).optional(),
});

const codeExchange = z.object({
  grant_type: z.literal('authorization_code'),
  client_id: z.literal(DEV_AUDIENCE),
  code: z.string().min(1).max(128),
  redirect_uri: z.url(),
  code_verifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/),
});

const CODE_TTL_MS = 60_000;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The page of the authorization endpoint: one button per demo account, French first. */
function accountPage(accounts: DevAccount[], params: z.infer<typeof authorizeRequest>, sub: string | null): string {
  const en = params.ui_locales?.startsWith('en') ?? false;
  const hidden = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(String(v))}">`)
    .join('');
  const buttons = accounts
    .map(
      (a) =>
        `<li><button type="submit" name="sub" value="${escapeHtml(a.sub)}" data-account="${escapeHtml(a.sub)}"${a.sub === sub ? ' autofocus' : ''}><strong>${escapeHtml(a.name)}</strong><span>${escapeHtml(en ? a.description.en : a.description.fr)}</span></button></li>`,
    )
    .join('');
  return `<!doctype html><html lang="${en ? 'en' : 'fr-CA'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${en ? 'Demo sign-in' : 'Connexion de démonstration'} · Enveloppe</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}ul{list-style:none;padding:0}li{margin:.5rem 0}button{display:flex;flex-direction:column;align-items:flex-start;width:100%;padding:.75rem 1rem;border:1px solid #8a8a8a;border-radius:.5rem;background:#fff;font:inherit;text-align:left;cursor:pointer}button:hover,button:focus{border-color:#0b5394;outline:2px solid #0b5394}span{color:#4a4a4a;font-size:.9rem}</style></head>
<body><main><h1>${en ? 'Demo sign-in' : 'Connexion de démonstration'}</h1><p>${
    en
      ? 'This local identity provider stands in for the institution’s. Choose the account to sign in as.'
      : 'Ce fournisseur d’identité local tient lieu de celui de l’établissement. Choisissez le compte avec lequel vous connecter.'
  }</p><form method="post" action="/dev/authorize">${hidden}<ul>${buttons}</ul></form></main></body></html>`;
}

/**
 * The issuer's public endpoints and the demo sign-in used by the local web app. `accounts` is read at each
 * request: beside the demo accounts, those learned at run time (a person invited a second ago can sign in).
 */
export function devIssuerRoutes(dev: DevIssuer, accounts: DevAccount[] | (() => Promise<DevAccount[]>)) {
  const load = typeof accounts === 'function' ? accounts : async () => accounts;
  const codes = new Map<string, { sub: string; challenge: string; redirectUri: string; expires: number }>();
  /** Only pages on this machine (the local server, or Vite's dev server in front of it) may receive a code: no open redirect. */
  const sameOrigin = (uri: string) => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(uri).hostname);
  const base64url = (b: Buffer) => b.toString('base64url');

  return (
    new Hono()
      .get('/.well-known/openid-configuration', (c) =>
        c.json({
          issuer: dev.issuer,
          jwks_uri: `${dev.issuer}/.well-known/jwks.json`,
          authorization_endpoint: `${dev.issuer}/dev/authorize`,
          token_endpoint: `${dev.issuer}/dev/oauth2/token`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
          id_token_signing_alg_values_supported: ['ES256'],
        }),
      )
      .get('/.well-known/jwks.json', (c) => c.json(dev.jwks))
      // The web app's configuration: sign in here. In AWS the web stack writes Cognito's instead.
      .get('/config.json', (c) =>
        c.json({
          // Relative: the browser resolves them against the page, so Vite's dev server can proxy them.
          auth: { authorizeUrl: '/dev/authorize', tokenUrl: '/dev/oauth2/token', clientId: DEV_AUDIENCE, scope: 'openid email profile', logoutUrl: null },
        } satisfies WebConfig),
      )
      .get('/dev/accounts', async (c) => c.json({ accounts: await load() }))
      .get('/dev/authorize', async (c) => {
        const params = parseOrThrow(authorizeRequest, c.req.query());
        if (!sameOrigin(params.redirect_uri)) throw new NotFoundError({ fr: 'Cette adresse de retour', en: 'This redirect address' });
        return c.html(accountPage(await load(), params, null));
      })
      .post('/dev/authorize', async (c) => {
        const form = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]));
        const { sub, ...rest } = form;
        const params = parseOrThrow(authorizeRequest, rest);
        if (!sameOrigin(params.redirect_uri)) throw new NotFoundError({ fr: 'Cette adresse de retour', en: 'This redirect address' });
        const account = (await load()).find((a) => a.sub === sub);
        if (!account) throw new NotFoundError({ fr: 'Ce compte de démonstration', en: 'This demo account' });
        const code = base64url(randomBytes(24));
        codes.set(code, { sub: account.sub, challenge: params.code_challenge, redirectUri: params.redirect_uri, expires: Date.now() + CODE_TTL_MS });
        const target = new URL(params.redirect_uri);
        target.searchParams.set('code', code);
        target.searchParams.set('state', params.state);
        return c.redirect(target.toString(), 302);
      })
      .post('/dev/oauth2/token', async (c) => {
        const form = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]));
        const req = codeExchange.safeParse(form);
        const pending = req.success ? codes.get(req.data.code) : undefined;
        if (req.success) codes.delete(req.data.code); // a code is good once, whatever happens
        const valid =
          req.success &&
          pending !== undefined &&
          pending.expires > Date.now() &&
          pending.redirectUri === req.data.redirect_uri &&
          base64url(createHash('sha256').update(req.data.code_verifier).digest()) === pending.challenge;
        // RFC 6749 §5.2: the token endpoint answers errors in its own format.
        if (!valid) return c.json({ error: req.success ? 'invalid_grant' : 'invalid_request' }, 400);
        const account = (await load()).find((a) => a.sub === pending.sub);
        if (!account) return c.json({ error: 'invalid_grant' }, 400);
        return c.json({ id_token: await dev.sign(account), token_type: 'Bearer', expires_in: 8 * 3600 });
      })
      .post('/dev/token', async (c) => {
        const { sub } = parseOrThrow(tokenRequest, await c.req.json().catch(() => ({})));
        const account = (await load()).find((a) => a.sub === sub);
        if (!account) throw new NotFoundError({ fr: 'Ce compte de démonstration', en: 'This demo account' });
        return c.json({ idToken: await dev.sign(account), audience: dev.audience });
      })
  );
}
