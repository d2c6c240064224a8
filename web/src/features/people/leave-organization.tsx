/** A representative leaves the organization they represent (their organization's screen shows it, composed by the app). */
import { confirmAction } from '../../components/confirm';
import { ProblemAlert, useForm } from '../../components/ui';
import { t } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import { leaveOrganization } from './api';

export function LeaveOrganization({ organizationName, onLeft }: { organizationName: string; onLeft: () => void }) {
  const { membership } = useSession();
  const form = useForm();
  if (!membership.roles.includes('organization')) return null;

  async function leave() {
    const ok = await confirmAction({
      title: t('leave.confirmTitle', { name: organizationName }),
      body: t('leave.confirmBody'),
      confirm: t('leave.button'),
      danger: true,
    });
    if (!ok) return;
    if (await form.run(() => leaveOrganization(membership.tenantId))) onLeft();
  }

  return (
    <section aria-labelledby="leave-organization">
      <h2 id="leave-organization">{t('leave.title')}</h2>
      <p>{t('leave.intro', { name: organizationName })}</p>
      <ProblemAlert problem={form.problem} />
      <button type="button" class="danger" disabled={form.busy} onClick={() => void leave()}>
        {t('leave.button')}
      </button>
    </section>
  );
}
