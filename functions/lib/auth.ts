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
import { isActiveMembership, type Membership } from '../../shared/domain';
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

/**
 * Verifies tokens, and remembers for a while the ones it verified: a page
 * sends the same token with every request, and checking its signature again
 * is a sixth of a list request's CPU. A token's claims cannot change and
 * nothing revokes it before it expires (the verification is local), so a
 * remembered token is answered as a new check would answer it, until its
 * `exp`. At most `maxTokens` are kept, the oldest going first; a refused
 * token is never kept.
 */
export function createJwtVerifier(opts: { issuer: string; audience: string; keys: JWTVerifyGetKey; maxTokens?: number; now?: () => number }): TokenVerifier {
  const maxTokens = opts.maxTokens ?? 1_000;
  const now = opts.now ?? Date.now;
  const verified = new Map<string, { identity: Identity; expiresAt: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known && known.expiresAt > now()) return known.identity;
    verified.delete(token);
    const { payload } = await jwtVerify(token, opts.keys, {
      issuer: opts.issuer,
      audience: opts.audience,
      algorithms: ['RS256', 'ES256'],
      clockTolerance: 5,
      currentDate: new Date(now()),
    });
    if (!payload.sub) throw new Error('token without subject');
    const identity: Identity = {
      sub: payload.sub,
      email: typeof payload.email === 'string' ? payload.email : undefined,
      name: typeof payload.name === 'string' ? payload.name : undefined,
    };
    // A token without an expiry is checked every time.
    if (typeof payload.exp === 'number') {
      verified.set(token, { identity, expiresAt: payload.exp * 1000 });
      while (verified.size > maxTokens) verified.delete(verified.keys().next().value!);
    }
    return identity;
  };
}

/** Verifier reading the provider's JWKS over HTTPS (cached by jose between invocations). */
export function createRemoteVerifier(opts: { issuer: string; audience: string; jwksUrl: string; maxTokens?: number }): TokenVerifier {
  return createJwtVerifier({ ...opts, keys: createRemoteJWKSet(new URL(opts.jwksUrl)) });
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
 * Memberships read recently, by user and tenant, each kept `ttlMs` from its
 * read: a read route then makes one DynamoDB request, not two. The price,
 * stated in docs/security.md: a change of roles, or a removal, reaches a
 * warm function within `ttlMs` (30 s). Only memberships found are kept (a
 * person just added is not refused for 30 s), and at most `max` of them,
 * the oldest read going first.
 */
export interface MembershipCache {
  get(userId: string, tenantId: string): Membership | undefined;
  set(userId: string, tenantId: string, membership: Membership): void;
  /** Drops one membership (its roles or status just changed on this instance). */
  forget(userId: string, tenantId: string): void;
  clear(): void;
}

export function createMembershipCache(opts: { ttlMs?: number; max?: number; now?: () => number } = {}): MembershipCache {
  const ttlMs = opts.ttlMs ?? 30_000;
  const max = opts.max ?? 5_000;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, { membership: Membership; expiresAt: number }>();
  // A user id and a tenant id are path-safe identifiers (path-ids.ts): neither holds a newline.
  const keyOf = (userId: string, tenantId: string) => `${tenantId}\n${userId}`;
  return {
    get(userId, tenantId) {
      const key = keyOf(userId, tenantId);
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.membership;
    },
    set(userId, tenantId, membership) {
      const key = keyOf(userId, tenantId);
      entries.delete(key);
      entries.set(key, { membership, expiresAt: now() + ttlMs });
      // A Map iterates in insertion order: the first key is the oldest read.
      while (entries.size > max) entries.delete(entries.keys().next().value!);
    },
    forget(userId, tenantId) {
      entries.delete(keyOf(userId, tenantId));
    },
    clear: () => entries.clear(),
  };
}

/**
 * Loads the caller's membership in the tenant of the path (from `cache` when
 * read there less than its time ago). A user who is not a member gets 404,
 * exactly as for a tenant that does not exist.
 */
export function loadMembership(db: Db, cache?: MembershipCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const tenantId = c.req.param('tenantId');
    if (tenantId !== undefined) assertPathIds({ tenantId });
    if (!tenantId) throw new NotFoundError({ fr: 'Cet établissement', en: 'This institution' });
    const { sub } = c.get('identity');
    let membership = cache?.get(sub, tenantId) ?? null;
    if (!membership) {
      membership = await getItem<Membership>(db, keys.membership(sub, tenantId));
      if (membership) cache?.set(sub, tenantId, membership);
    }
    if (!membership) throw new NotFoundError({ fr: 'Cet établissement', en: 'This institution' });
    if (!isActiveMembership(membership))
      throw new ForbiddenError({
        fr: 'Votre accès à cet établissement a été désactivé. Adressez-vous à son administrateur·trice.',
        en: 'Your access to this institution has been deactivated. Contact its administrator.',
      });
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

/**
 * A route two kinds of people reach, each through its own permission (the institution's staff, and an
 * organization for its own items, checked on the item): any one of `permissions` lets the caller in.
 */
export function allowAny(...permissions: [Permission, Permission, ...Permission[]]): MiddlewareHandler<AppEnv> {
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    assertPathIds(c.req.param());
    const member = c.get('member');
    if (!permissions.some((p) => member?.permissions.has(p))) throw new ForbiddenError();
    await next();
  };
  Object.defineProperty(mw, PERMISSION_TAG, { value: permissions.join(' | ') });
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
