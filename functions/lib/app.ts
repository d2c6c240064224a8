/**
 * The API application: common middleware once (correlation id, body limit,
 * authentication, tenant membership), the route modules of one or several
 * bounded contexts, and the single error handler. A Lambda entry mounts its
 * own context; the local server mounts them all: one code path.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { matchedRoutes } from 'hono/route';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { AppError, ForbiddenError, MalformedRequestError, NotFoundError, PayloadTooLargeError, negotiateLang, toProblemBody } from '../../shared/errors';
import { parseOrThrow } from '../../shared/validation';
import { authenticate, createMembershipCache, loadMembership, type Identity, type Member, type MembershipCache, type TokenVerifier } from './auth';
import type { Db } from './db';
import type { StoredCall } from '../../shared/domain';
import { CALL_SCOPE, requireCall } from './scope';
import { API_SECURITY_HEADERS, ORIGIN_VERIFY_HEADER } from './security-headers';
import { timingSafeEqual } from 'node:crypto';
import { createLineLogger, errorAttribute, type AppLogger, type AppMetrics } from './observability';
import { contractViolation, operationsOf, tagRequest } from './contract';
import type { Notify } from './notify';
import type { AccountDirectory } from './accounts';

export interface Deps {
  db: Db;
  verifyToken: TokenVerifier;
  now: () => Date;
  newId: () => string;
  /**
   * In AWS, the secret CloudFront adds to every request it forwards to the
   * API: a request without it went around the CDN (and its headers) and is
   * refused. Absent locally, where the server is its own front.
   */
  originSecret?: string | undefined;
  /**
   * Tests only (the integration harness): every response is checked against
   * what its route declares (functions/lib/contract.ts); a violation is
   * reported here and the request fails with a 500. Never set in production.
   */
  checkResponses?: ((violation: string) => void) | undefined;
  /** Where requests and unexpected errors are logged (Powertools' JSON in AWS); warnings and errors as lines when absent. */
  logger?: AppLogger | undefined;
  /** Requests, latency and problems counted (CloudWatch's embedded format in AWS); none when absent. */
  metrics?: AppMetrics | undefined;
  /**
   * Sends a person a message (functions/lib/notify.ts): to the SQS queue in AWS, to the outbox locally and
   * in tests. Never throws. Absent: nothing is sent (a unit test's app).
   */
  notify?: Notify | undefined;
  /** Memberships read in the last 30 s (auth.ts); the app makes its own when absent (and keeps it here, so a change of roles can forget one). */
  membershipCache?: MembershipCache | undefined;
  /**
   * The identity provider's accounts (functions/lib/accounts.ts): an invited person gets one. Cognito in AWS;
   * the development issuer's learned accounts locally and in tests. Absent: no account is created (a unit test's app).
   */
  accounts?: AccountDirectory | undefined;
}

export interface AppEnv {
  Variables: {
    identity: Identity;
    member: Member;
    correlationId: string;
    /** The call of a `/calls/{callId}/…` route, read once by the call scope (scope.ts). */
    call: StoredCall;
    /** The slug of the problem answered, for the request's log entry and metrics. */
    problem: string;
  };
}

export type RouteModule = (deps: Deps) => Hono<AppEnv>;

const MAX_BODY_BYTES = 256 * 1024;

/** The API's description and its local reference page: the only paths outside /api/public/ answered without a token. */
export const OPEN_DOC_PATHS = ['/api/openapi.json', '/api/docs'] as const;

function isOpenPath(path: string): boolean {
  return path.startsWith('/api/public/') || OPEN_DOC_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

function problemResponse(c: Context, error: AppError): Response {
  const lang = negotiateLang(c.req.header('Accept-Language'));
  const body = toProblemBody(error, lang, c.get('correlationId'));
  c.set('problem', error.slug);
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json; charset=utf-8', 'Content-Language': lang };
  if (error.status === 503) headers['Retry-After'] = '2';
  if (error.status === 429 && typeof error.extra.retryAfter === 'number') headers['Retry-After'] = String(error.extra.retryAfter);
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new PayloadTooLargeError(MAX_BODY_BYTES);
    if (err.status === 400) {
      return new MalformedRequestError({ fr: 'Le corps de la requête n’est pas du JSON valide.', en: 'The request body is not valid JSON.' });
    }
  }
  return null;
}

/**
 * The pattern of the route that answered: the first matched handler that is
 * not a middleware (`app.use` registers method ALL). Never the raw path, so a
 * log entry holds no identifier a person typed.
 */
function routePattern(c: Context): string {
  return matchedRoutes(c).find((r) => r.method !== 'ALL')?.path ?? '(none)';
}

export function createApiApp(deps: Deps, modules: RouteModule[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const logger = deps.logger ?? createLineLogger({ level: 'warn' });

  app.use('*', async (c, next) => {
    const start = performance.now();
    c.set('correlationId', c.req.header('X-Correlation-Id')?.slice(0, 64) || deps.newId());
    await next();
    c.header('X-Correlation-Id', c.get('correlationId'));
    const request = {
      correlationId: c.get('correlationId'),
      method: c.req.method,
      route: routePattern(c),
      status: c.res.status,
      durationMs: Math.round((performance.now() - start) * 10) / 10,
      // The tenant once the membership is read: a path's text is never logged unchecked.
      tenant: c.get('member')?.tenantId,
      problem: c.get('problem'),
    };
    logger.info('request', request);
    deps.metrics?.record(request);
  });
  if (deps.checkResponses) {
    const report = deps.checkResponses;
    // Read once the modules below are mounted: the middleware runs after they are.
    let operations: ReturnType<typeof operationsOf> | undefined;
    app.use('/api/*', async (c, next) => {
      await next();
      operations ??= operationsOf(app.routes);
      const route = matchedRoutes(c).find((r) => r.method !== 'ALL' && operations!.has(`${r.method} ${r.path}`));
      const violation = await contractViolation(route && operations.get(`${route.method} ${route.path}`), c.res);
      if (violation) {
        report(`${c.req.method} ${c.req.path}: ${violation}`);
        throw new Error(`Response contract violated: ${violation}`);
      }
    });
  }
  app.use('/api/*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) {
      // The one page under /api/ (the local reference, /api/docs) brings its own, still strict, policy.
      if (name === 'Content-Security-Policy' && c.req.path === '/api/docs' && c.res.headers.has(name)) continue;
      // A public answer that set its own caching keeps it (the public results: functions/results/cache.ts); problems never set one.
      if (name === 'Cache-Control' && c.req.path.startsWith('/api/public/') && c.res.status < 400 && c.res.headers.has(name)) continue;
      c.res.headers.set(name, value);
    }
  });
  if (deps.originSecret) {
    const expected = Buffer.from(deps.originSecret);
    app.use('/api/*', async (c, next) => {
      const given = Buffer.from(c.req.header(ORIGIN_VERIFY_HEADER) ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new ForbiddenError({
          fr: 'L’API se consulte par l’adresse du site Enveloppe.',
          en: 'The API is reached through the Enveloppe site’s address.',
        });
      }
      await next();
    });
  }
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new PayloadTooLargeError(MAX_BODY_BYTES);
      },
    }),
  );
  // /api/public/* answers people without an account (the public consultation), and the API's description
  // anyone may read; everything else needs a token.
  const requireToken = authenticate(deps.verifyToken);
  app.use('/api/*', (c, next) => (isOpenPath(c.req.path) ? next() : requireToken(c, next)));
  app.use('/api/t/:tenantId/*', loadMembership(deps.db, (deps.membershipCache ??= createMembershipCache())));
  app.use(CALL_SCOPE, requireCall(deps.db));

  for (const module of modules) app.route('/api', module(deps));

  app.notFound((c) => problemResponse(c, new NotFoundError({ fr: 'Cette adresse', en: 'This address' })));
  app.onError((err, c) => {
    const known = toAppError(err);
    if (known) return problemResponse(c, known);
    // Unexpected: log with the correlation id, answer without internals.
    logger.error('unexpected error', { correlationId: c.get('correlationId'), route: routePattern(c), error: errorAttribute(err) });
    return problemResponse(
      c,
      new AppError(
        500,
        'internal-error',
        { fr: 'Erreur interne.', en: 'Internal error.' },
        {
          fr: 'Une erreur inattendue est survenue. Donnez le numéro de corrélation au soutien technique.',
          en: 'An unexpected error occurred. Give the correlation id to technical support.',
        },
      ),
    );
  });
  return app;
}

/**
 * What a validated part of the request is to the typed client, which sends the schema's input (defaults may
 * be left out), and to the handler, which reads its output.
 */
type Validated<K extends 'json' | 'query', S extends z.ZodType> = { in: { [P in K]: z.input<S> }; out: { [P in K]: z.output<S> } };

/** Validates a JSON body with a shared schema; handlers then read `c.req.valid('json')`. */
export function jsonBody<S extends z.ZodType, P extends string = string>(schema: S): MiddlewareHandler<AppEnv, P, Validated<'json', S>>;
export function jsonBody(schema: z.ZodType): MiddlewareHandler {
  const mw = validator('json', (value, c) => {
    const type = c.req.header('Content-Type') ?? '';
    if (!/^application\/([\w.-]+\+)?json\b/i.test(type)) {
      throw new AppError(
        415,
        'unsupported-media-type',
        { fr: 'Type de contenu non pris en charge.', en: 'Unsupported content type.' },
        {
          fr: 'Envoyez le corps en JSON (Content-Type: application/json).',
          en: 'Send the body as JSON (Content-Type: application/json).',
        },
      );
    }
    return parseOrThrow(schema, value);
  });
  // Tagged like the permission middleware, so the OpenAPI document finds the body's schema (contract.ts).
  return tagRequest(mw, { target: 'json', schema });
}

export function queryParams<S extends z.ZodType, P extends string = string>(schema: S): MiddlewareHandler<AppEnv, P, Validated<'query', S>>;
export function queryParams(schema: z.ZodType): MiddlewareHandler {
  return tagRequest(
    validator('query', (value) => parseOrThrow(schema, value)),
    { target: 'query', schema },
  );
}

/** Audit fields of a new item. */
export function created(deps: Deps, member: { userId: string }) {
  const now = deps.now().toISOString();
  return { version: 1, createdAt: now, createdBy: member.userId, updatedAt: now, updatedBy: member.userId };
}

export function updated(deps: Deps, member: { userId: string }) {
  return { updatedAt: deps.now().toISOString(), updatedBy: member.userId };
}
