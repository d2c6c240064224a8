/**
 * The invitations addressed to the signed-in person's email (found by the API from their sign-in, without the
 * emailed link): on the "member of no institution" screen, and on the page "Mes invitations" the home tasks
 * link to. "Accepter" joins the institution; the app then opens it.
 */
import { formatDateTime } from '../../../../shared/dates';
import { ROLE_LABELS } from '../../../../shared/permissions';
import { Loading, ProblemAlert, useForm, useResource } from '../../components/ui';
import { getLang, loc, t } from '../../lib/i18n';
import { acceptMyInvitation, listMyInvitations } from './api';

export function MyInvitations(props: { onAccepted: (tenantId: string) => void; page?: boolean }) {
  const { data, error } = useResource(() => listMyInvitations(), []);
  const form = useForm();
  const Title = props.page ? 'h1' : 'h2';

  async function accept(tenantId: string, invitationId: string) {
    const done = await form.run(() => acceptMyInvitation(tenantId, invitationId));
    if (done) props.onAccepted(done.tenantId);
  }

  return (
    <section aria-labelledby="my-invitations-title" data-testid="my-invitations">
      <Title id="my-invitations-title">{t('myInvitations.title')}</Title>
      {!data && <Loading error={error} />}
      {data?.items.length === 0 && <p>{t('myInvitations.none')}</p>}
      <ProblemAlert problem={form.problem} />
      {data && data.items.length > 0 && (
        <ul class="cards">
          {data.items.map((i) => {
            const roles = i.roles.map((r) => loc(ROLE_LABELS[r])).join(', ');
            return (
              <li key={`${i.tenantId}/${i.invitationId}`} data-tenant={i.tenantId}>
                <h3>{i.tenantName}</h3>
                <p>{i.organizationName ? t('myInvitations.rolesFor', { roles, organization: i.organizationName }) : t('myInvitations.roles', { roles })}</p>
                <p>
                  <small>
                    {t('myInvitations.by', { inviter: i.invitedBy.name })} · {t('invitation.valid', { date: formatDateTime(i.expiresAt, getLang()) })}
                  </small>
                </p>
                <button
                  type="button"
                  disabled={form.busy}
                  aria-label={t('myInvitations.acceptOf', { tenant: i.tenantName })}
                  onClick={() => void accept(i.tenantId, i.invitationId)}
                >
                  {t('myInvitations.accept')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
