/**
 * What each route promises, declared where the route is written: its request
 * schemas (tagged by `jsonBody` / `queryParams` in app.ts) and its responses
 * (`responds(...)`, placed after the permission middleware). Like the
 * permission tag, these are symbol properties of the middleware functions, so
 * one walk of `app.routes` finds them all: the OpenAPI document is generated
 * from them (openapi.ts), a test proves every route declares its success
 * response, and the integration suite checks every response it receives
 * against them (Deps.checkResponses).
 */
import type { MiddlewareHandler } from 'hono';
import type { RouterRoute } from 'hono/types';
import type { z } from 'zod';
import type { Localized } from '../../shared/errors';
import { PROBLEM_TYPES, problemSchema } from '../../shared/schemas/responses/problem';
import { PERMISSION_TAG } from './auth';

const RESPONSES_TAG = Symbol.for('enveloppe.responses');
const REQUEST_TAG = Symbol.for('enveloppe.request');

/** A JSON answer is given by its schema; any other content (CSV, text files) by its media type. */
type ResponseSpec = z.ZodType | { contentType: string; schema?: z.ZodType };

interface ResponseDeclaration {
  responses: Partial<Record<200 | 201, ResponseSpec>>;
  summary?: Localized | undefined;
  /** Answers `If-None-Match` with a 304 without a body when its `ETag` matches (the public results). */
  conditional?: boolean | undefined;
}

interface RequestDeclaration {
  target: 'json' | 'query';
  schema: z.ZodType;
}

/** Declares a route's success responses (and a short French-first summary for the reference). */
export function responds(responses: ResponseDeclaration['responses'], opts: { summary?: Localized; conditional?: boolean } = {}): MiddlewareHandler {
  const mw: MiddlewareHandler = (_c, next) => next();
  Object.defineProperty(mw, RESPONSES_TAG, {
    value: { responses, summary: opts.summary, conditional: opts.conditional } satisfies ResponseDeclaration,
  });
  return mw;
}

export function tagRequest<T extends object>(mw: T, declaration: RequestDeclaration): T {
  Object.defineProperty(mw, REQUEST_TAG, { value: declaration });
  return mw;
}

/** One route as its middleware declares it. */
export interface Operation {
  method: string;
  /** Hono's path, with `:param`. */
  path: string;
  permission: string | null;
  declared: ResponseDeclaration | null;
  body: z.ZodType | null;
  query: z.ZodType | null;
}

function tagOf<T>(handler: unknown, tag: symbol): T | undefined {
  return (handler as Record<symbol, T | undefined>)[tag];
}

/** The routes of an app, keyed `METHOD path`, with what their middleware declares. */
export function operationsOf(routes: readonly RouterRoute[]): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const r of routes) {
    if (r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    const op = operations.get(key) ?? { method: r.method, path: r.path, permission: null, declared: null, body: null, query: null };
    const permission = tagOf<string>(r.handler, PERMISSION_TAG);
    const declared = tagOf<ResponseDeclaration>(r.handler, RESPONSES_TAG);
    const request = tagOf<RequestDeclaration>(r.handler, REQUEST_TAG);
    if (permission !== undefined) op.permission ??= permission;
    if (declared) op.declared ??= declared;
    if (request?.target === 'json') op.body ??= request.schema;
    if (request?.target === 'query') op.query ??= request.schema;
    operations.set(key, op);
  }
  return operations;
}

/** Routes open to people without an account: the public consultation and the API's own description. */
export const isOpen = (op: Pick<Operation, 'permission'>) => op.permission === 'public' || op.permission === 'open';

/**
 * The problem statuses a route can answer. One shared set, widened by what the
 * route does: every route may meet a malformed request, a missing or foreign
 * item, a state or a rule that refuses, an overloaded table or a defect; a
 * route behind a token may also refuse the token or the role; a JSON body may
 * be too large or not JSON; the public consultation limits its answers.
 */
export function problemStatusesOf(op: Operation): number[] {
  const statuses = [400, 404, 409, 422, 500, 503];
  if (!isOpen(op)) statuses.push(401, 403);
  if (op.body) statuses.push(413, 415);
  if (op.permission === 'public' && op.body) statuses.push(429);
  return statuses.sort((a, b) => a - b);
}

/**
 * The first place where a body has a key its schema does not describe: zod's
 * objects drop unknown keys, so what parsing dropped was not declared.
 */
function undeclaredKey(sent: unknown, parsed: unknown, path: string): string | null {
  if (Array.isArray(sent) && Array.isArray(parsed)) {
    for (let i = 0; i < sent.length; i++) {
      const found = undeclaredKey(sent[i], parsed[i], `${path}/${i}`);
      if (found) return found;
    }
    return null;
  }
  if (sent && typeof sent === 'object' && parsed && typeof parsed === 'object') {
    for (const [k, v] of Object.entries(sent)) {
      if (!(k in parsed)) return `${path}/${k}`;
      const found = undeclaredKey(v, (parsed as Record<string, unknown>)[k], `${path}/${k}`);
      if (found) return found;
    }
  }
  return null;
}

/** What a response breaks of its route's declaration, in a sentence; null when it keeps it. */
export async function contractViolation(op: Operation | undefined, res: Response): Promise<string | null> {
  const type = res.headers.get('Content-Type') ?? '';
  if (res.status >= 400) {
    if (!type.startsWith('application/problem+json')) return `a ${res.status} answered ${type || 'without a content type'}, not a problem`;
    const body: unknown = await res.clone().json();
    const parsed = problemSchema.safeParse(body);
    if (!parsed.success) return `the problem does not match the Problem schema: ${JSON.stringify(parsed.error.issues)}`;
    if (parsed.data.status !== res.status) return `the problem says status ${parsed.data.status} but the response is ${res.status}`;
    const slug = parsed.data.type.slice('/problems/'.length);
    if (PROBLEM_TYPES[slug as keyof typeof PROBLEM_TYPES] !== res.status)
      return `the problem type ${parsed.data.type} is not documented with status ${res.status}`;
    if (op && !problemStatusesOf(op).includes(res.status)) return `${op.method} ${op.path} does not document the status ${res.status}`;
    return null;
  }
  // Only problems may come from no route (an unknown path, a token refused before routing).
  if (!op) return `answered ${res.status} from no declared route`;
  if (res.status === 304) {
    if (!op.declared?.conditional) return `${op.method} ${op.path} answered 304, but does not declare conditional requests`;
    if (!res.headers.get('ETag')) return `${op.method} ${op.path} answered 304 without an ETag`;
    return (await res.clone().text()) === '' ? null : `${op.method} ${op.path} answered 304 with a body`;
  }
  const spec = op.declared?.responses[res.status as 200 | 201];
  if (!spec) return `${op.method} ${op.path} answered ${res.status}, which it does not declare`;
  const expected = 'contentType' in spec ? spec : { contentType: 'application/json', schema: spec };
  if (!type.startsWith(expected.contentType)) return `${op.method} ${op.path} answered ${type}, declared ${expected.contentType}`;
  if (!expected.schema) return null;
  const body: unknown = await res.clone().json();
  const parsed = expected.schema.safeParse(body);
  if (!parsed.success) return `${op.method} ${op.path} ${res.status}: ${JSON.stringify(parsed.error.issues.slice(0, 5))}`;
  const extra = undeclaredKey(body, parsed.data, '');
  if (extra) return `${op.method} ${op.path} ${res.status}: ${extra} is not in the declared schema`;
  return null;
}
