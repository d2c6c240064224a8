/**
 * An organization writes its proposal: saves drafts, submits, edits and
 * resubmits until the deadline (each submission is a kept version), or
 * withdraws it. The deadline is the server's: its refusal is shown as is.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatDateTime } from '../../../../shared/dates';
import { centsToInput, formatMoney } from '../../../../shared/money';
import { checkAgainstCall } from '../../../../shared/proposals';
import { proposalContentSchema, proposalDraftSchema } from '../../../../shared/schemas/proposal';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session-context';
import { MoneyInput, readMoney } from '../../components/money-input';
import { confirmAction } from '../../components/confirm';
import { Field, Link, Loading, ProblemAlert, StatusBadge, Success, useForm, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import { getCall, getProposal, saveProposalDraft, submitProposal, withdrawProposal, type Proposal } from './api';

interface Row {
  label: string;
  amount: string;
}

export function ProposalEditor({ callId, id }: { callId: string; id: string }) {
  const { tenantId } = useSession().membership;
  const lang = getLang();
  const call = useResource(() => getCall(tenantId, callId), [tenantId, callId]);
  const loaded = useResource(() => getProposal(tenantId, callId, id), [tenantId, callId, id]);
  const form = useForm();
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [population, setPopulation] = useState('');
  const [activities, setActivities] = useState([{ title: '', description: '' }]);
  const [lines, setLines] = useState<Row[]>([{ label: '', amount: '' }]);
  const [requested, setRequested] = useState('');
  const [minimum, setMinimum] = useState('');
  const [duration, setDuration] = useState<1 | 2>(1);
  const [needIds, setNeedIds] = useState<string[]>([]);

  useEffect(() => {
    const p = loaded.data;
    if (!p) return;
    setProposal(p);
    const d = p.draft;
    setTitle(d.title ?? '');
    setSummary(d.summary ?? '');
    setPopulation(d.targetPopulation ?? '');
    setActivities(d.activities?.length ? d.activities.map((a) => ({ title: a.title, description: a.description })) : [{ title: '', description: '' }]);
    setLines(d.budgetLines?.length ? d.budgetLines.map((l) => ({ label: l.label, amount: centsToInput(l.amount, lang) })) : [{ label: '', amount: '' }]);
    setRequested(d.requested !== undefined ? centsToInput(d.requested, lang) : '');
    setMinimum(d.minimum !== undefined ? centsToInput(d.minimum, lang) : '');
    setDuration(d.durationYears ?? 1);
    setNeedIds(d.needIds ?? []);
  }, [loaded.data]);

  if (!proposal || !call.data) return <Loading error={loaded.error ?? call.error} />;
  const c = call.data;
  const p = proposal;

  function build(complete: boolean) {
    const errors: Record<string, string> = {};
    const budgetLines = lines
      .map((l, i) => ({ label: l.label, amount: readMoney(l.amount, `budgetLines.${i}.amount`, errors) }))
      .filter((l) => complete || l.label !== '' || l.amount !== undefined);
    const content = {
      title,
      summary,
      targetPopulation: population,
      activities: activities.filter((a) => complete || a.title !== '' || a.description !== ''),
      budgetLines,
      requested: readMoney(requested, 'requested', errors),
      minimum: readMoney(minimum, 'minimum', errors),
      durationYears: duration,
      needIds,
    };
    return { content, errors };
  }

  const linesTotal = lines.reduce((s, l) => {
    const r = readMoney(l.amount, '_', {});
    return s + (r !== undefined && !Number.isNaN(r) ? r : 0);
  }, 0);

  async function saveDraft() {
    const { content, errors } = build(false);
    if (Object.keys(errors).length) return form.setErrors(errors);
    const draft = Object.fromEntries(Object.entries(content).filter(([, v]) => v !== undefined && v !== ''));
    if (!form.check(proposalDraftSchema, draft)) return;
    if (!form.passes(checkAgainstCall(c, draft, 'draft.'))) return;
    const saved = await form.run(() => saveProposalDraft(tenantId, callId, id, { version: p.version, draft }), t('proposal.draftSaved'));
    if (saved) setProposal(saved);
  }

  async function submit() {
    const { content, errors } = build(true);
    if (Object.keys(errors).length) return form.setErrors(errors);
    if (!form.check(proposalContentSchema, content)) return;
    if (!form.passes(checkAgainstCall(c, content, 'content.'))) return;
    const saved = await form.run(
      () => submitProposal(tenantId, callId, id, { version: p.version, content }),
      t('proposal.submitted', { n: p.submittedVersions + 1 }),
    );
    if (saved) setProposal(saved);
  }

  async function withdraw() {
    if (!(await confirmAction({ title: t('confirm.withdraw.title'), body: t('confirm.withdraw.body'), confirm: t('proposal.withdraw'), danger: true }))) return;
    const saved = await form.run(() => withdrawProposal(tenantId, callId, id, { version: p.version }), t('proposal.withdrawn'));
    if (saved) setProposal(saved);
  }

  const withdrawn = p.status === 'withdrawn';
  return (
    <section>
      <p class="muted">
        <Link href={`/appels/${callId}`}>{c.title}</Link> · {t('call.closesAt')} {formatDateTime(c.closesAt, lang)} ({t('call.montrealTime')})
      </p>
      <h1>
        {p.content?.title || title || t('proposal.untitled')} <StatusBadge status={p.status} />
      </h1>
      {p.submittedVersions > 0 && (
        <p>
          {t('proposal.versionsSubmitted', { n: p.submittedVersions })} <Link href={`/appels/${callId}/projets/${id}`}>{t('proposal.viewSubmitted')}</Link>
        </p>
      )}
      {p.screening && p.status === 'submitted' && (
        <p class="alert alert-warning" data-testid="resubmit-warning">
          {t('proposal.resubmitWarning', { n: p.screening.proposalVersionNumber })}
        </p>
      )}
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <fieldset disabled={withdrawn}>
          <Field label={t('proposal.title')} error={form.errors.title}>
            {(a) => <input {...a} name="title" value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />}
          </Field>
          <Field label={t('proposal.summary')} error={form.errors.summary}>
            {(a) => <textarea {...a} name="summary" rows={4} value={summary} onInput={(e) => setSummary((e.target as HTMLTextAreaElement).value)} />}
          </Field>
          <Field label={t('proposal.targetPopulation')} error={form.errors.targetPopulation}>
            {(a) => (
              <textarea {...a} name="targetPopulation" rows={2} value={population} onInput={(e) => setPopulation((e.target as HTMLTextAreaElement).value)} />
            )}
          </Field>
          <fieldset>
            <legend>{t('proposal.activities')}</legend>
            {form.errors.activities && <p class="error">{form.errors.activities}</p>}
            {activities.map((a, i) => (
              <div class="row" key={i}>
                <Field label={t('proposal.activityTitle', { n: i + 1 })} error={form.errors[`activities.${i}.title`]}>
                  {(attrs) => (
                    <input
                      {...attrs}
                      name={`activity-${i}-title`}
                      value={a.title}
                      onInput={(e) => setActivities(activities.map((x, j) => (j === i ? { ...x, title: (e.target as HTMLInputElement).value } : x)))}
                    />
                  )}
                </Field>
                <Field label={t('proposal.activityDescription')} error={form.errors[`activities.${i}.description`]}>
                  {(attrs) => (
                    <input
                      {...attrs}
                      name={`activity-${i}-description`}
                      value={a.description}
                      onInput={(e) => setActivities(activities.map((x, j) => (j === i ? { ...x, description: (e.target as HTMLInputElement).value } : x)))}
                    />
                  )}
                </Field>
                {activities.length > 1 && (
                  <button type="button" class="link" onClick={() => setActivities(activities.filter((_, j) => j !== i))}>
                    {t('remove')}
                  </button>
                )}
              </div>
            ))}
            <button type="button" class="secondary" onClick={() => setActivities([...activities, { title: '', description: '' }])}>
              {t('proposal.addActivity')}
            </button>
          </fieldset>
          <fieldset>
            <legend>{t('proposal.budgetLines')}</legend>
            {form.errors.budgetLines && (
              <p class="error" data-testid="budget-lines-error">
                {form.errors.budgetLines}
              </p>
            )}
            {lines.map((l, i) => (
              <div class="row" key={i}>
                <Field label={t('proposal.lineLabel', { n: i + 1 })} error={form.errors[`budgetLines.${i}.label`]}>
                  {(a) => (
                    <input
                      {...a}
                      name={`line-${i}-label`}
                      value={l.label}
                      onInput={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, label: (e.target as HTMLInputElement).value } : x)))}
                    />
                  )}
                </Field>
                <Field label={t('proposal.lineAmount')} error={form.errors[`budgetLines.${i}.amount`]}>
                  {(a) => (
                    <MoneyInput
                      {...a}
                      name={`line-${i}-amount`}
                      value={l.amount}
                      onInput={(v) => setLines(lines.map((x, j) => (j === i ? { ...x, amount: v } : x)))}
                    />
                  )}
                </Field>
                {lines.length > 1 && (
                  <button type="button" class="link" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                    {t('remove')}
                  </button>
                )}
              </div>
            ))}
            <button type="button" class="secondary" onClick={() => setLines([...lines, { label: '', amount: '' }])}>
              {t('proposal.addLine')}
            </button>
            <p aria-live="polite">
              {t('proposal.linesTotal')} <strong>{formatMoney(linesTotal, lang)}</strong>
            </p>
          </fieldset>
          <div class="row">
            <Field label={t('proposal.requested')} error={form.errors.requested} hint={t('proposal.maxRequestHint', { max: formatMoney(c.maxRequest, lang) })}>
              {(a) => <MoneyInput {...a} name="requested" value={requested} onInput={setRequested} />}
            </Field>
            <Field label={t('proposal.minimum')} error={form.errors.minimum} hint={t('proposal.minimumHint')}>
              {(a) => <MoneyInput {...a} name="minimum" value={minimum} onInput={setMinimum} />}
            </Field>
            <Field label={t('proposal.duration')} error={form.errors.durationYears}>
              {(a) => (
                <select {...a} name="durationYears" value={duration} onChange={(e) => setDuration(Number((e.target as HTMLSelectElement).value) as 1 | 2)}>
                  {c.allowedDurations.map((d) => (
                    <option key={d} value={d}>
                      {d === 1 ? t('proposal.oneYear') : t('proposal.twoYears')}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>
        {c.needs.length > 0 && (
          <fieldset data-testid="proposal-needs">
            <legend>{t('proposal.needs')}</legend>
            {c.needs.map((n, i) => (
              <label key={n.id} class="check">
                <input
                  type="checkbox"
                  checked={needIds.includes(n.id)}
                  onChange={(e) => setNeedIds((e.target as HTMLInputElement).checked ? [...needIds, n.id] : needIds.filter((x) => x !== n.id))}
                />{' '}
                {n.statement}
                {form.errors[`needIds.${i}`] && <small class="error">{form.errors[`needIds.${i}`]}</small>}
              </label>
            ))}
          </fieldset>
        )}
        {!withdrawn && (
          <div class="actions">
            <button type="button" class="secondary" onClick={() => void saveDraft()} disabled={form.busy}>
              {t('proposal.saveDraft')}
            </button>
            <button type="submit" disabled={form.busy}>
              {p.submittedVersions > 0 ? t('proposal.resubmit') : t('proposal.submit')}
            </button>
            <button type="button" class="danger" onClick={() => void withdraw()} disabled={form.busy}>
              {t('proposal.withdraw')}
            </button>
          </div>
        )}
      </form>
      <p>
        <button type="button" class="link" onClick={() => navigate('/mes-projets')}>
          {t('nav.myProposals')}
        </button>
      </p>
    </section>
  );
}
