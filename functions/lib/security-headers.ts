/**
 * The security headers of every answer, written once and used in both
 * places that answer: the API (Lambda and the local server, through
 * createApiApp) and the web app's files (the local server here, a CloudFront
 * response-headers policy in AWS, built from the same values in
 * infra/lib/web-stack.ts).
 *
 * The web app keeps its ID token in sessionStorage, so what matters most is
 * a strict Content-Security-Policy: scripts and styles only from the app's own
 * files (no inline script, no eval), no framing, no plugins, and requests only
 * to the app's origin and the sign-in provider.
 */

/** Headers common to the API and the web app. */
const COMMON: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  // Nothing the app links to needs to know where the person came from (a sign-in code is in an address once).
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * The API answers data, never a page: nothing may run or be framed from it,
 * and no cache (browser or shared) may keep an answer that carries personal data.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON,
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The web app's policy. `connectOrigins` are the origins the app calls
 * besides its own (in AWS, Cognito's hosted domain for the token exchange);
 * locally the development issuer is on the app's own origin.
 */
export function webContentSecurityPolicy(connectOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...connectOrigins].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers of the web app's files (its CSP aside, which depends on where it signs in). */
export const WEB_SECURITY_HEADERS: Readonly<Record<string, string>> = COMMON;

/**
 * The local development issuer's sign-in page stands in for Cognito's: its
 * small inline style sheet is allowed, nothing else is.
 */
export const DEV_ISSUER_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Requests to the API that do not come through the web's CDN carry no such header (see docs/security.md). */
export const ORIGIN_VERIFY_HEADER = 'X-Origin-Verify';
