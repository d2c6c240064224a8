/**
 * "Mes avis": the messages a person receives. The essential ones are listed as always sent, with why; the
 * optional ones are checkboxes, saved at the version read (changed elsewhere meanwhile: say so, and offer to reload).
 */
import { useEffect, useState } from 'preact/hooks';
import { OPTIONAL_KINDS, type OptionalKind } from '../../../../shared/notifications';
import { Loading, ProblemAlert, Success, useForm, useResource } from '../../components/ui';
import { t } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import { getPreferences, savePreferences, type Preferences } from './api';

export function PreferencesPage() {
  const { tenantId } = useSession().membership;
  const loaded = useResource(() => getPreferences(tenantId), [tenantId]);
  const form = useForm();
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  useEffect(() => setPrefs(loaded.data), [loaded.data]);
  if (!prefs) return <Loading error={loaded.error} />;

  const off = new Set<OptionalKind>(prefs.optOut);
  const toggle = (kind: OptionalKind, wanted: boolean) => {
    const next = new Set(off);
    if (wanted) next.delete(kind);
    else next.add(kind);
    setPrefs({ ...prefs, optOut: OPTIONAL_KINDS.filter((k) => next.has(k)) });
  };
  async function submit(e: Event) {
    e.preventDefault();
    const saved = await form.run(() => savePreferences(tenantId, { version: prefs!.version, optOut: prefs!.optOut }), t('prefs.saved'));
    if (saved) setPrefs(saved);
  }
  const conflict = form.problem?.status === 409;

  return (
    <section>
      <h1>{t('prefs.title')}</h1>
      <p>{t('prefs.intro')}</p>
      <h2>{t('prefs.essentialTitle')}</h2>
      <p>{t('prefs.essentialWhy')}</p>
      <ul data-testid="essential-kinds">
        {prefs.essential.map((kind) => (
          <li key={kind}>{t(`prefs.kind.${kind}`)}</li>
        ))}
      </ul>
      <form onSubmit={submit} noValidate>
        {conflict ? (
          <div class="alert" role="alert">
            <p>{t('prefs.conflict')}</p>
            <button type="button" class="secondary" onClick={() => location.reload()}>
              {t('prefs.reload')}
            </button>
          </div>
        ) : (
          <ProblemAlert problem={form.problem} />
        )}
        <Success text={form.done} />
        <fieldset>
          <legend>{t('prefs.optionalTitle')}</legend>
          {OPTIONAL_KINDS.map((kind) => (
            <label key={kind} class="check">
              <input type="checkbox" name={kind} checked={!off.has(kind)} onChange={(e) => toggle(kind, (e.target as HTMLInputElement).checked)} />{' '}
              {t(`prefs.kind.${kind}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={form.busy}>
          {t('prefs.save')}
        </button>
      </form>
    </section>
  );
}
