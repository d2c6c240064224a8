/**
 * Sign-in with OpenID Connect's authorization-code flow and PKCE (RFC 7636),
 * the same against the local development issuer and against Cognito: the
 * browser is sent to the provider's page, comes back to /connexion/retour
 * with a code, and exchanges it, with the verifier only it knows, for an ID
 * token. No client secret exists in a single-page app.
 */
import * as z from 'zod';
import type { WebConfig } from '../../../shared/domain';

type AuthConfig = WebConfig['auth'];

const PENDING_KEY = 'enveloppe.signin';
export const CALLBACK_PATH = '/connexion/retour';

/** Why a sign-in did not complete; the screen says it in the person's language. */
export class SignInError extends Error {
  constructor(
    readonly reason: 'config' | 'state' | 'provider' | 'exchange' | 'network',
    detail = '',
  ) {
    super(`${reason}${detail ? `: ${detail}` : ''}`);
  }
}

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomToken(byteLength = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export function authorizeUrl(cfg: AuthConfig, p: { redirectUri: string; state: string; challenge: string; lang: string }): string {
  const url = new URL(cfg.authorizeUrl, globalThis.location?.origin);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: p.redirectUri,
    scope: cfg.scope,
    state: p.state,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    ui_locales: p.lang,
  }).toString();
  return url.toString();
}

let configPromise: Promise<WebConfig> | null = null;

function loadConfig(): Promise<WebConfig> {
  configPromise ??= fetch('/config.json', { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<WebConfig>) : Promise.reject(new SignInError('config', String(r.status)))))
    .catch((e: unknown) => {
      configPromise = null;
      throw e instanceof SignInError ? e : new SignInError('network');
    });
  return configPromise;
}

const pendingSchema = z.object({ state: z.string().min(1), verifier: z.string().min(43), returnTo: z.string() });
type Pending = z.infer<typeof pendingSchema>;

/** What startSignIn left in this tab, if it is still there and whole. */
function readPending(raw: string | null): Pending | null {
  if (!raw) return null;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Sends the browser to the provider; `returnTo` is the page to come back to. */
export async function startSignIn(lang: string, returnTo: string): Promise<void> {
  const { auth } = await loadConfig();
  const pending: Pending = { state: randomToken(16), verifier: randomToken(32), returnTo };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  location.assign(
    authorizeUrl(auth, { redirectUri: location.origin + CALLBACK_PATH, state: pending.state, challenge: await codeChallenge(pending.verifier), lang }),
  );
}

/** Completes the sign-in from the callback's query string; returns the ID token and where to go. */
export async function completeSignIn(search: string): Promise<{ idToken: string; returnTo: string }> {
  const q = new URLSearchParams(search);
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (q.get('error')) throw new SignInError('provider', q.get('error_description') ?? q.get('error') ?? '');
  const pending = readPending(raw);
  const code = q.get('code');
  if (!pending || !code || q.get('state') !== pending.state) throw new SignInError('state');
  const { auth } = await loadConfig();
  let res: Response;
  try {
    res = await fetch(new URL(auth.tokenUrl, location.origin), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: auth.clientId,
        code,
        redirect_uri: location.origin + CALLBACK_PATH,
        code_verifier: pending.verifier,
      }).toString(),
    });
  } catch {
    throw new SignInError('network');
  }
  const body = (await res.json().catch(() => ({}))) as { id_token?: string; error?: string };
  if (!res.ok || !body.id_token) throw new SignInError('exchange', body.error ?? String(res.status));
  return { idToken: body.id_token, returnTo: pending.returnTo.startsWith('/') && !pending.returnTo.startsWith('//') ? pending.returnTo : '/' };
}

/** Where to send the browser after the local session is cleared, if the provider has a session to end. */
export async function providerLogoutUrl(): Promise<string | null> {
  const { auth } = await loadConfig().catch(() => ({ auth: null }));
  if (!auth?.logoutUrl) return null;
  const url = new URL(auth.logoutUrl, location.origin);
  url.search = new URLSearchParams({ client_id: auth.clientId, logout_uri: `${location.origin}/connexion` }).toString();
  return url.toString();
}
