/**
 * Sign-in. Locally, the development issuer lists the demo accounts and signs
 * a token for the one chosen; in AWS the identity provider's page does this.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DemoAccountInfo } from '../../../../shared/domain';
import { navigate } from '../../app/router';
import { loc, t } from '../../lib/i18n';
import { setToken } from '../../lib/session';

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [accounts, setAccounts] = useState<DemoAccountInfo[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetch('/dev/accounts')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((d: { accounts: DemoAccountInfo[] }) => setAccounts(d.accounts))
      .catch(() => setFailed(true));
  }, []);

  async function signInAs(sub: string) {
    const res = await fetch('/dev/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sub }) });
    const data = (await res.json()) as { idToken: string };
    setToken(data.idToken);
    onSignedIn();
    navigate('/');
  }

  return (
    <section class="signin">
      <h1>{t('signin.title')}</h1>
      <p>{t('signin.intro')}</p>
      {failed && <p role="alert">{t('signin.noDev')}</p>}
      {accounts && (
        <ul class="accounts">
          {accounts.map((a) => (
            <li key={a.sub}>
              <button type="button" onClick={() => void signInAs(a.sub)} data-account={a.sub}>
                <strong>{a.name}</strong>
                <span>{loc(a.description)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
