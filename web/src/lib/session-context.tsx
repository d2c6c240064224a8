/** The signed-in person's memberships; screens read the current one from here. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Permission } from '../../../shared/permissions';
import type { Me } from './me';

export interface SessionValue {
  me: Me;
  membership: Me['memberships'][number];
  can: (p: Permission) => boolean;
}

export const Session = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const s = useContext(Session);
  if (!s) throw new Error('useSession outside a session');
  return s;
}
