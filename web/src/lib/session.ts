/** The signed-in user's token and memberships, kept for the browser session. */
import type { Membership } from '../../../shared/domain';
import type { Permission } from '../../../shared/permissions';

const TOKEN_KEY = 'enveloppe.token';

export interface Me {
  userId: string;
  name: string;
  email: string;
  memberships: (Membership & { permissions: Permission[] })[];
}

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  if (location.pathname !== '/connexion') location.assign('/connexion');
}
