/**
 * Sign-in through the identity provider (OpenID Connect, code flow with
 * PKCE): locally the development issuer's page of demo accounts, in AWS
 * Cognito's hosted page. `/connexion/retour` completes it.
 */
import { useEffect, useState } from 'preact/hooks';
import { navigate, queryParam } from '../../lib/router';
import { getLang, t } from '../../lib/i18n';
import { CALLBACK_PATH, completeSignIn, SignInError, startSignIn } from '../../lib/oidc';
import { setToken } from '../../lib/session';

function failureMessage(e: unknown): string {
  const reason = e instanceof SignInError ? e.reason : 'network';
  return t(`signin.failed.${reason}`);
}

export function SignIn({ path, onSignedIn }: { path: string; onSignedIn: () => void }) {
  const completing = path.split('?')[0] === CALLBACK_PATH;
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(completing);

  useEffect(() => {
    if (!completing) return;
    completeSignIn(location.search).then(
      ({ idToken, returnTo }) => {
        setToken(idToken);
        onSignedIn();
        navigate(returnTo, { replace: true }); // the code in the address is spent: keep it out of history
      },
      (e: unknown) => {
        setFailure(failureMessage(e));
        setBusy(false);
      },
    );
  }, [completing]);

  async function go() {
    setBusy(true);
    setFailure(null);
    try {
      await startSignIn(getLang(), queryParam('retour') ?? '/');
    } catch (e) {
      setFailure(failureMessage(e));
      setBusy(false);
    }
  }

  return (
    <section class="signin">
      <h1>{t('signin.title')}</h1>
      {busy && completing ? (
        <p aria-busy="true">{t('signin.completing')}</p>
      ) : (
        <>
          <p>{t('signin.intro')}</p>
          {failure && <p role="alert">{failure}</p>}
          <button type="button" onClick={() => void go()} disabled={busy} data-testid="signin">
            {t('signin.go')}
          </button>
        </>
      )}
    </section>
  );
}
