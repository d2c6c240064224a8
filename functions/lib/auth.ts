/**
 * Authentication is delegated to an OpenID Connect provider: the API only
 * verifies the JWT's signature against the provider's published keys, its
 * issuer, audience and expiry. The same code runs against Cognito in AWS and
 * against the built-in development issuer locally and in tests.
 * Authorization is the platform's own: the membership of the user in the
 * tenant named by the path is read from DynamoDB and decides everything.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../shared/errors';
import { permissionsOf, type Permission } from '../../shared/permissions';
import type { Membership } from '../../shared/domain';
import type { AppEnv } from './app';
import { getItem, type Db } from './db';
import { keys } from './keys';
import { assertPathIds } from './path-ids';

export interface Identity {
  sub: string;
  email: string | undefined;
  name: string | undefined;
}

export type TokenVerifier = (token: string) => Promise<Identity>;

export function createJwtVerifier(opts: { issuer: string; audience: string; keys: JWTVerifyGetKey }): TokenVerifier {
  return async (token) => {
    const { payload } = await jwtVerify(token, opts.keys, {
      issuer: opts.issuer,
      audience: opts.audience,
      algorithms: ['RS256', 'ES256'],
      clockTolerance: 5,
    });
    if (!payload.sub) throw new Error('token without subject');
    return {
      sub: payload.sub,
      email: typeof payload.email === 'string' ? payload.email : undefined,
      name: typeof payload.name === 'string' ? payload.name : undefined,
    };
  };
}

/** Verifier reading the provider's JWKS over HTTPS (cached by jose between invocations). */
export function createRemoteVerifier(opts: { issuer: string; audience: string; jwksUrl: string }): TokenVerifier {
  return createJwtVerifier({ issuer: opts.issuer, audience: opts.audience, keys: createRemoteJWKSet(new URL(opts.jwksUrl)) });
}

/** Requires a valid bearer token; the identity is then on `c.var.identity`. */
export function authenticate(verify: TokenVerifier): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new UnauthenticatedError({ fr: 'Jeton d’accès manquant.', en: 'Missing access token.' });
    }
    try {
      c.set('identity', await verify(match[1]));
    } catch {
      throw new UnauthenticatedError({ fr: 'Jeton d’accès invalide ou expiré. Reconnectez-vous.', en: 'Invalid or expired access token. Sign in again.' });
    }
    await next();
  };
}

export interface Member extends Membership {
  permissions: Set<Permission>;
}

/**
 * Loads the caller's membership in the tenant of the path. A user who is not
 * a member gets 404, exactly as for a tenant that does not exist.
 */
export function loadMembership(db: Db): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const tenantId = c.req.param('tenantId');
    if (tenantId !== undefined) assertPathIds({ tenantId });
    const identity = c.get('identity');
    const membership = tenantId ? await getItem<Membership>(db, keys.membership(identity.sub, tenantId)) : null;
    if (!membership) throw new NotFoundError({ fr: 'Cet établissement', en: 'This institution' });
    c.set('member', { ...membership, permissions: permissionsOf(membership.roles, membership.organizationId) });
    await next();
  };
}

/** Marks the middleware `allow` builds, so a test can prove every route declares one. */
export const PERMISSION_TAG = Symbol.for('enveloppe.permission');

/**
 * The permission a route requires; without it the route answers 403. Every
 * route starts with one of these middlewares (a test walks them all), so they
 * are also where the route's path identifiers are checked, before any key is
 * built from them.
 */
export function allow(permission: Permission): MiddlewareHandler<AppEnv> {
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    assertPathIds(c.req.param());
    const member = c.get('member');
    if (!member?.permissions.has(permission)) throw new ForbiddenError();
    await next();
  };
  Object.defineProperty(mw, PERMISSION_TAG, { value: permission });
  return mw;
}

/** For /api/public/* routes only: anyone, without an account. */
export function allowPublic(): MiddlewareHandler<AppEnv> {
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    assertPathIds(c.req.param());
    await next();
  };
  Object.defineProperty(mw, PERMISSION_TAG, { value: 'public' });
  return mw;
}

/**
 * For the API's own description only (`/api/openapi.json`, and the reference
 * page the local server adds at `/api/docs`): it holds no data, so no account
 * is needed. app.ts lets exactly these paths through without a token.
 */
export function allowOpen(): MiddlewareHandler<AppEnv> {
  const mw: MiddlewareHandler<AppEnv> = (_c, next) => next();
  Object.defineProperty(mw, PERMISSION_TAG, { value: 'open' });
  return mw;
}

/** For routes about the caller themself (not tenant data): any authenticated user. */
export function allowSelf(): MiddlewareHandler<AppEnv> {
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    assertPathIds(c.req.param());
    await next();
  };
  Object.defineProperty(mw, PERMISSION_TAG, { value: 'self' });
  return mw;
}
