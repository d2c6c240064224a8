/**
 * The API application: common middleware once (correlation id, body limit,
 * authentication, tenant membership), the route modules of one or several
 * bounded contexts, and the single error handler. A Lambda entry mounts its
 * own context; the local server mounts them all: one code path.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { AppError, ForbiddenError, MalformedRequestError, NotFoundError, PayloadTooLargeError, negotiateLang, toProblemBody } from '../../shared/errors';
import { parseOrThrow } from '../../shared/validation';
import { authenticate, loadMembership, type Identity, type Member, type TokenVerifier } from './auth';
import type { Db } from './db';
import type { StoredCall } from '../../shared/domain';
import { CALL_SCOPE, requireCall } from './scope';
import { API_SECURITY_HEADERS, ORIGIN_VERIFY_HEADER } from './security-headers';
import { timingSafeEqual } from 'node:crypto';

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
}

export interface AppEnv {
  Variables: {
    identity: Identity;
    member: Member;
    correlationId: string;
    /** The call of a `/calls/{callId}/…` route, read once by the call scope (scope.ts). */
    call: StoredCall;
  };
}

export type RouteModule = (deps: Deps) => Hono<AppEnv>;

export const MAX_BODY_BYTES = 256 * 1024;

export function problemResponse(c: Context, error: AppError): Response {
  const lang = negotiateLang(c.req.header('Accept-Language'));
  const body = toProblemBody(error, lang, c.get('correlationId'));
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

export function createApiApp(deps: Deps, modules: RouteModule[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('correlationId', c.req.header('X-Correlation-Id')?.slice(0, 64) || deps.newId());
    await next();
    c.header('X-Correlation-Id', c.get('correlationId'));
  });
  app.use('/api/*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) c.res.headers.set(name, value);
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
  // /api/public/* answers people without an account (the public consultation); everything else needs a token.
  const requireToken = authenticate(deps.verifyToken);
  app.use('/api/*', (c, next) => (c.req.path.startsWith('/api/public/') ? next() : requireToken(c, next)));
  app.use('/api/t/:tenantId/*', loadMembership(deps.db));
  app.use(CALL_SCOPE, requireCall(deps.db));

  for (const module of modules) app.route('/api', module(deps));

  app.notFound((c) => problemResponse(c, new NotFoundError({ fr: 'Cette adresse', en: 'This address' })));
  app.onError((err, c) => {
    const known = toAppError(err);
    if (known) return problemResponse(c, known);
    // Unexpected: log with the correlation id, answer without internals.
    console.error(JSON.stringify({ level: 'error', correlationId: c.get('correlationId'), error: String(err), stack: (err as Error).stack }));
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
  return validator('json', (value, c) => {
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
}

export function queryParams<S extends z.ZodType, P extends string = string>(schema: S): MiddlewareHandler<AppEnv, P, Validated<'query', S>>;
export function queryParams(schema: z.ZodType): MiddlewareHandler {
  return validator('query', (value) => parseOrThrow(schema, value));
}

/** Audit fields of a new item. */
export function created(deps: Deps, member: { userId: string }) {
  const now = deps.now().toISOString();
  return { version: 1, createdAt: now, createdBy: member.userId, updatedAt: now, updatedBy: member.userId };
}

export function updated(deps: Deps, member: { userId: string }) {
  return { updatedAt: deps.now().toISOString(), updatedBy: member.userId };
}
