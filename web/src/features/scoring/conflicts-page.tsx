/** A table member declares the organizations they have ties with: they are recused from those organizations' proposals. */
import { useEffect, useState } from 'preact/hooks';
import type { Organization, Page } from '../../../../shared/domain';
import type { ConflictDeclaration } from '../../../../shared/scoring/domain';
import { useSession } from '../../app/session';
import { Loading, ProblemAlert, Success, useForm, useResource } from '../../components/ui';
import { get, put } from '../../lib/api';
import { t } from '../../lib/i18n';

interface Mine {
  conflicts: ConflictDeclaration | null;
  representedOrganizationId: string | null;
}

export function ConflictsPage() {
  const { base } = useSession();
  const orgs = useResource(() => get<Page<Organization>>(`${base}/organizations?limit=200`), [base]);
  const mine = useResource(() => get<Mine>(`${base}/my/conflicts`), [base]);
  const form = useForm();
  const [ticked, setTicked] = useState<string[]>([]);
  useEffect(() => setTicked(mine.data?.conflicts?.organizationIds ?? []), [mine.data]);
  if (!orgs.data || !mine.data) return <Loading error={orgs.error ?? mine.error} />;
  const m = mine.data;

  async function save(e: Event) {
    e.preventDefault();
    const saved = await form.run(() => put<Mine>(`${base}/my/conflicts`, { version: m.conflicts?.version ?? null, organizationIds: ticked }), t('conflicts.saved'));
    if (saved) mine.setData(saved);
  }

  return (
    <section>
      <h1>{t('conflicts.title')}</h1>
      <p>{t('conflicts.intro')}</p>
      <form onSubmit={save} noValidate>
        <ProblemAlert problem={form.problem} />
        <Success text={form.done} />
        <fieldset>
          <legend>{t('conflicts.title')}</legend>
          {orgs.data.items.map((o) => (
            <label key={o.id} class="check">
              {o.id === m.representedOrganizationId ? (
                <>
                  <input type="checkbox" checked disabled /> {o.legalName} <small class="hint">({t('conflicts.represented')})</small>
                </>
              ) : (
                <>
                  <input type="checkbox" checked={ticked.includes(o.id)} onChange={(e) => setTicked((e.target as HTMLInputElement).checked ? [...ticked, o.id] : ticked.filter((x) => x !== o.id))} /> {o.legalName}
                </>
              )}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={form.busy}>
          {t('conflicts.save')}
        </button>
      </form>
    </section>
  );
}
