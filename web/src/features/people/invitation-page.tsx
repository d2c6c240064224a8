/**
 * An invitation's page (`/invitation/<token>`, the link of the invitation email): what it is before sign-in,
 * then, signed in with the invited address's account, "Accepter l'invitation" and on to the institution.
 */
import { formatDateTime } from '../../../../shared/dates';
import { Loading, ProblemAlert, useForm, useResource } from '../../components/ui';
import { getLang, loc, t } from '../../lib/i18n';
import { startSignIn } from '../../lib/oidc';
import { acceptInvitation, readInvitation } from './api';

export function InvitationPage(props: { token: string; signedIn: boolean; onAccepted: (tenantId: string) => void }) {
  const { data, error } = useResource(() => readInvitation(props.token), [props.token]);
  const form = useForm();
  if (!data)
    return (
      <>
        <Loading error={error} />
        {/* No dead end: a replaced, cancelled or used link still leads somewhere. */}
        {error && (
          <p data-testid="invitation-gone">
            {t('invitation.gone')} <a href="/">{t('invitation.goHome')}</a>
          </p>
        )}
      </>
    );

  const roles = data.roles.map((r) => loc(r.label)).join(', ');
  const vars = { inviter: data.inviterName, tenant: data.tenantName, roles, organization: data.organizationName ?? '' };

  async function accept() {
    const done = await form.run(() => acceptInvitation(props.token));
    if (done) props.onAccepted(done.tenantId);
  }
  async function signIn() {
    await form.run(() => startSignIn(getLang(), `/invitation/${props.token}`));
  }

  return (
    <section>
      <h1>{t('invitation.title', { tenant: data.tenantName })}</h1>
      <p>{data.organizationName ? t('invitation.byOrganization', vars) : t('invitation.by', vars)}</p>
      <p>{t('invitation.addressed', { email: data.emailMasked })}</p>
      {data.status === 'accepted' ? (
        <p role="status">{t('invitation.accepted')}</p>
      ) : data.status === 'cancelled' ? (
        <p role="alert">{t('invitation.cancelled', vars)}</p>
      ) : data.expired ? (
        <p role="alert">{t('invitation.expired', vars)}</p>
      ) : (
        <>
          <p>{t('invitation.valid', { date: formatDateTime(data.expiresAt, getLang()) })}</p>
          <ProblemAlert problem={form.problem} />
          {props.signedIn ? (
            <button type="button" disabled={form.busy} onClick={() => void accept()}>
              {t('invitation.accept')}
            </button>
          ) : (
            <>
              <p>{t('invitation.signIn')}</p>
              <button type="button" disabled={form.busy} onClick={() => void signIn()}>
                {t('invitation.signInButton')}
              </button>
            </>
          )}
        </>
      )}
    </section>
  );
}
