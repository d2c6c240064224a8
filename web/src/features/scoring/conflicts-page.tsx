/**
 * A table member declares the organizations they have ties with: they are
 * recused from those organizations' proposals. Withdrawing a tie does not
 * lift a recusal on a call whose scoring has started; the page says so and
 * shows the member's dated declarations and withdrawals.
 */
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../lib/session-context';
import { Loading, ProblemAlert, Success, useForm, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import { formatDateTime } from '../../../../shared/dates';
import { tieHistory } from '../../../../shared/scoring/recusal';
import { getMyConflicts, getOrganizations, saveMyConflicts } from './api';

export function ConflictsPage() {
  const { tenantId } = useSession().membership;
  const orgs = useResource(() => getOrganizations(tenantId), [tenantId]);
  const mine = useResource(() => getMyConflicts(tenantId), [tenantId]);
  const form = useForm();
  const [ticked, setTicked] = useState<string[]>([]);
  useEffect(() => setTicked(mine.data?.conflicts?.organizationIds ?? []), [mine.data]);
  if (!orgs.data || !mine.data) return <Loading error={orgs.error ?? mine.error} />;
  const m = mine.data;
  const names = new Map(orgs.data.items.map((o) => [o.id, o.legalName]));
  // Newest first: what the member changed last is what they look for.
  const history = m.conflicts ? [...tieHistory(m.conflicts)].reverse() : [];

  async function save(e: Event) {
    e.preventDefault();
    const saved = await form.run(() => saveMyConflicts(tenantId, { version: m.conflicts?.version ?? null, organizationIds: ticked }), t('conflicts.saved'));
    if (saved) mine.setData(saved);
  }

  return (
    <section>
      <h1>{t('conflicts.title')}</h1>
      <p>{t('conflicts.intro')}</p>
      <p class="alert alert-warning" data-testid="conflicts-kept">
        {t('conflicts.keptNote')}
      </p>
      <form onSubmit={save} noValidate>
        <ProblemAlert problem={form.problem} />
        <Success text={form.done} />
        <fieldset>
          <legend>{t('conflicts.title')}</legend>
          {orgs.data.items.map((o) => (
            // biome-ignore lint/a11y/noLabelWithoutControl: the checkbox is inside the label, in a fragment Biome does not look into.
            <label key={o.id} class="check">
              {o.id === m.representedOrganizationId ? (
                <>
                  <input type="checkbox" checked disabled /> {o.legalName} <small class="hint">({t('conflicts.represented')})</small>
                </>
              ) : (
                <>
                  <input
                    type="checkbox"
                    checked={ticked.includes(o.id)}
                    onChange={(e) => setTicked((e.target as HTMLInputElement).checked ? [...ticked, o.id] : ticked.filter((x) => x !== o.id))}
                  />{' '}
                  {o.legalName}
                </>
              )}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={form.busy}>
          {t('conflicts.save')}
        </button>
      </form>
      {history.length > 0 && (
        <>
          <h2>{t('conflicts.history')}</h2>
          <ul data-testid="conflicts-history">
            {history.map((h, i) => (
              <li key={i}>
                {t(h.change === 'declared' ? 'conflicts.declaredOn' : 'conflicts.withdrawnOn', {
                  date: formatDateTime(h.at, getLang()),
                  org: names.get(h.organizationId) ?? h.organizationId,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
