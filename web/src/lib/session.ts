/** The signed-in user's token and memberships, kept for the browser session. */
import { providerLogoutUrl } from './oidc';

const TOKEN_KEY = 'enveloppe.token';

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

/** Signing out ends the provider's session too, where there is one (Cognito). */
export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  void providerLogoutUrl().then((url) => location.assign(url ?? '/connexion'));
}

/** The token expired or was refused: sign in again, then come back to this page. */
export function sessionExpired() {
  sessionStorage.removeItem(TOKEN_KEY);
  if (!location.pathname.startsWith('/connexion')) location.assign(`/connexion?retour=${encodeURIComponent(location.pathname + location.search)}`);
}
