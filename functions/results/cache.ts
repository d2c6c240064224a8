/**
 * The public results are the same for everyone and change only when a
 * decision is recorded or amended (a few times a year per call), so shared
 * caches (CloudFront, a browser) may keep them:
 *
 * - `public, max-age=300`: five minutes. An amendment reaches every reader
 *   within five minutes, which a publication made once per decision can
 *   afford, while a page shared widely (a local newspaper's link) is answered
 *   by CloudFront rather than by a Lambda and DynamoDB for each reader.
 * - `stale-while-revalidate=60`: for one more minute a cache may answer with
 *   the copy it has while it asks the origin again, so no reader waits for
 *   the refresh.
 * - a strong `ETag`, the SHA-256 of the exact bytes answered: a cache or a
 *   browser that asks again with `If-None-Match` gets a 304 without a body
 *   when nothing changed.
 *
 * Problems are never cached: they keep the API's `no-store` (functions/lib/app.ts),
 * so results published a second after a 404 are seen at once by the browser.
 */
import { createHash } from 'node:crypto';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';

const PUBLIC_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=60';

function strongETag(body: string): string {
  return `"${createHash('sha256').update(body, 'utf8').digest('base64url')}"`;
}

/** Whether `If-None-Match` names this entity (RFC 9110 §13.1.2: weak comparison, `*` matches any). */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === etag);
}

/** Answers `body` with its validators and caching, or 304 without a body when the client already has it. */
export function cacheable(c: Context, body: string, headers: Record<string, string>): Response {
  const etag = strongETag(body);
  const common = { ETag: etag, 'Cache-Control': PUBLIC_CACHE_CONTROL };
  if (matchesIfNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304, common);
  return c.body(body, 200, { ...headers, ...common });
}

/** `cacheable` for a JSON value, typed for the web app's client as `c.json` would be. */
export function cacheableJson<T>(
  c: Context,
  value: T,
  headers: Record<string, string> = {},
  indent?: number,
): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  return cacheable(c, JSON.stringify(value, null, indent), { 'Content-Type': 'application/json; charset=utf-8', ...headers }) as Response &
    TypedResponse<JSONParsed<T>, 200, 'json'>;
}
