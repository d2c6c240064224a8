/**
 * The public consultation, for the people concerned: no account, no name, no
 * contact. They propose needs in their own words and pick the listed needs
 * that matter most to them. French first, like every screen.
 */
import { useState } from 'preact/hooks';
import { CATEGORY_LABELS } from '../../../../shared/needs';
import { consultationAnswerSchema } from '../../../../shared/schemas/needs';
import { Field, Loading, ProblemAlert, useForm, useResource } from '../../components/ui';
import { loc, t } from '../../lib/i18n';
import { answerConsultation, getConsultation } from './api';

export function ConsultationPage({ token }: { token: string }) {
  const page = useResource(() => getConsultation(token), [token]);
  const form = useForm();
  const [proposed, setProposed] = useState('');
  const [preferred, setPreferred] = useState<string[]>([]);
  const [sent, setSent] = useState(false);

  if (!page.data) return <Loading error={page.error} />;
  const c = page.data;

  async function submit(e: Event) {
    e.preventDefault();
    const payload = {
      proposedNeeds: proposed
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
      preferredNeedIds: preferred,
    };
    if (!form.check(consultationAnswerSchema, payload)) return;
    const done = await form.run(() => answerConsultation(token, payload));
    if (done) setSent(true);
  }

  return (
    <section>
      <h1>{t('consult.title', { title: c.title })}</h1>
      {!c.open ? (
        <p role="status">{t('consult.closed')}</p>
      ) : sent ? (
        <p role="status" class="alert alert-success">
          {t('consult.thanks')}
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{t('consult.intro')}</p>
          <ProblemAlert problem={form.problem} />
          <Field label={t('consult.propose')} hint={t('consult.proposeHint')} error={form.errors.proposedNeeds ?? form.errors['']}>
            {(a) => <textarea {...a} rows={4} maxLength={5000} value={proposed} onInput={(e) => setProposed((e.target as HTMLTextAreaElement).value)} />}
          </Field>
          {c.needs.length > 0 && (
            <fieldset>
              <legend>{t('consult.prefer')}</legend>
              {c.needs.map((n) => (
                <label key={n.id} class="check">
                  <input
                    type="checkbox"
                    checked={preferred.includes(n.id)}
                    onChange={(e) => setPreferred((e.target as HTMLInputElement).checked ? [...preferred, n.id] : preferred.filter((x) => x !== n.id))}
                  />{' '}
                  {n.statement} <small class="hint">({loc(CATEGORY_LABELS[n.category])})</small>
                </label>
              ))}
            </fieldset>
          )}
          <button type="submit" disabled={form.busy}>
            {t('consult.send')}
          </button>
        </form>
      )}
    </section>
  );
}
