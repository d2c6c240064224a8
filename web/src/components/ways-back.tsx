/**
 * No dead ends: a page that does not exist, a thing the API does not find (deleted, another
 * institution's, a mistyped address) or one it refuses to this person, offers the ways back — the list it came from and the home page.
 */
import { useContext } from 'preact/hooks';
import { Session } from '../lib/session-context';
import { t } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import { Link } from './link';

/** The lists above an address, nearest first, then the home page. */
function waysBack(path: string, canOwnProposals: boolean): { href: string; label: string }[] {
  const parts = (path.split('?')[0] ?? '').split('/').filter(Boolean);
  const out: { href: string; label: string }[] = [];
  if (parts[0] === 'appels' && parts.length > 2) out.push({ href: `/appels/${parts[1]}`, label: t('back.call') });
  if (parts[0] === 'appels' && parts[2] === 'projets' && canOwnProposals) out.push({ href: '/mes-projets', label: t('back.myProposals') });
  const lists: Record<string, MessageKey> = {
    appels: 'back.calls',
    enveloppes: 'back.envelopes',
    besoins: 'back.needs',
    'mes-projets': 'back.myProposals',
    tables: 'back.tables',
  };
  const list = parts[0] ? lists[parts[0]] : undefined;
  if (list && parts.length > 1 && !out.some((o) => o.href === `/${parts[0]}`)) out.push({ href: `/${parts[0]}`, label: t(list) });
  out.push({ href: '/', label: t('back.home') });
  return out;
}

export function WaysBack() {
  const session = useContext(Session);
  // The public consultation has no account behind it, hence nowhere else to go.
  if (!session) return null;
  const links = waysBack(location.pathname, session.can('proposal:own'));
  return (
    <nav aria-label={t('back.label')} data-testid="ways-back">
      <ul class="ways-back">
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href}>{l.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** An address the app does not know. */
export function PageNotFound() {
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound')}</p>
      <WaysBack />
    </section>
  );
}
