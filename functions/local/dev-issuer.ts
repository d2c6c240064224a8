/**
 * A development OpenID Connect issuer: it publishes its keys and signs ID
 * tokens for the demo accounts, so the API verifies local tokens with the
 * very code that verifies Cognito's. It exists only in the local runtime and
 * tests; nothing in infra/ deploys it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import * as z from 'zod';
import type { DemoAccountInfo } from '../../shared/domain';
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

/** The issuer's public endpoints and the demo sign-in used by the local web app. */
export function devIssuerRoutes(dev: DevIssuer, accounts: DevAccount[]) {
  return new Hono()
    .get('/.well-known/openid-configuration', (c) =>
      c.json({ issuer: dev.issuer, jwks_uri: `${dev.issuer}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['ES256'] }),
    )
    .get('/.well-known/jwks.json', (c) => c.json(dev.jwks))
    .get('/dev/accounts', (c) => c.json({ accounts }))
    .post('/dev/token', async (c) => {
      const { sub } = parseOrThrow(tokenRequest, await c.req.json().catch(() => ({})));
      const account = accounts.find((a) => a.sub === sub);
      if (!account) throw new NotFoundError({ fr: 'Ce compte de démonstration', en: 'This demo account' });
      return c.json({ idToken: await dev.sign(account), audience: dev.audience });
    });
}
