/**
 * What an organization sees of a revision round on the call's page: the
 * amount suggested for its proposal, the deadline, and three answers:
 * accept, revise (a new request, minimum and budget lines), or withdraw.
 */
import { useState } from 'preact/hooks';
import type { RevisionAnswer, RevisionRound } from '../../../../shared/allocation';
import type { Proposal } from '../../../../shared/domain';
import { formatDateTime } from '../../../../shared/dates';
import { centsToInput, formatMoney } from '../../../../shared/money';
import { useSession } from '../../app/session';
import { MoneyInput, readMoney } from '../../components/money-input';
import { confirmAction } from '../../components/confirm';
import { Field, ProblemAlert, Success, useForm, useResource } from '../../components/ui';
import { get, post } from '../../lib/api';
import { getLang, t } from '../../lib/i18n';

export function RevisionPanel({ callId }: { callId: string }) {
  const { base } = useSession();
  const state = useResource(() => get<{ round: RevisionRound | null; answers: RevisionAnswer[] }>(`${base}/calls/${callId}/revision`), [base, callId]);
  if (!state.data?.round || state.data.round.status !== 'open') return null;
  const { round, answers } = state.data;
  return (
    <>
      {Object.entries(round.suggestions).map(([id, amount]) => (
        <OneProposal key={id} callId={callId} proposalId={id} amount={amount} round={round} answer={answers.find((a) => a.proposalId === id)} onAnswered={state.reload} />
      ))}
    </>
  );
}

function OneProposal({ callId, proposalId, amount, round, answer, onAnswered }: { callId: string; proposalId: string; amount: number; round: RevisionRound; answer: RevisionAnswer | undefined; onAnswered: () => void }) {
  const { base } = useSession();
  const lang = getLang();
  const proposal = useResource(() => get<Proposal>(`${base}/calls/${callId}/proposals/${proposalId}`), [base, callId, proposalId]);
  const form = useForm();
  const [revising, setRevising] = useState(false);
  const [requested, setRequested] = useState('');
  const [minimum, setMinimum] = useState('');
  const [lines, setLines] = useState<{ label: string; amount: string }[]>([]);
  if (!proposal.data?.content) return null;
  const p = proposal.data;
  const content = p.content!;
  const path = `${base}/calls/${callId}/revision/answers`;

  function startRevising() {
    setRequested(centsToInput(amount || content.minimum, lang));
    setMinimum(centsToInput(Math.min(content.minimum, amount || content.minimum), lang));
    setLines(content.budgetLines.map((l) => ({ label: l.label, amount: centsToInput(l.amount, lang) })));
    setRevising(true);
  }
  async function send(body: object, label: string) {
    const done = await form.run(() => post(path, body), t('rev.answered', { answer: label }));
    if (done) {
      setRevising(false);
      proposal.reload();
      onAnswered();
    }
  }
  async function revise(e: Event) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const next = {
      ...content,
      requested: readMoney(requested, 'requested', errors),
      minimum: readMoney(minimum, 'minimum', errors),
      budgetLines: lines.map((l, i) => ({ label: l.label, amount: readMoney(l.amount, `budgetLines.${i}.amount`, errors) })),
    };
    if (Object.keys(errors).length) return form.setErrors(errors);
    await send({ kind: 'revised', proposalId, version: p.version, content: next }, t('alloc.answer.revised', { requested: formatMoney(next.requested ?? 0, lang), minimum: formatMoney(next.minimum ?? 0, lang) }));
  }

  return (
    <div class="panel" data-testid="revision-request">
      <h2>{t('rev.title')}</h2>
      <p>{t(amount > 0 ? 'rev.intro' : 'rev.introNone', { title: content.title, requested: formatMoney(content.requested, lang), amount: formatMoney(amount, lang), date: formatDateTime(round.deadline, lang) })}</p>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {answer && <p class="hint">{answer.kind === 'revised' ? t('alloc.answer.revised', { requested: formatMoney(answer.requested!, lang), minimum: formatMoney(answer.minimum!, lang) }) : t(`alloc.answer.${answer.kind}`)}</p>}
      {p.status !== 'withdrawn' && !revising && (
        <div class="row">
          {amount > 0 && (
            <button type="button" onClick={() => void send({ kind: 'accepted', proposalId }, t('alloc.answer.accepted'))} disabled={form.busy}>
              {t('rev.accept')}
            </button>
          )}
          <button type="button" class="secondary" onClick={startRevising}>
            {t('rev.revise')}
          </button>
          <button type="button" class="danger" disabled={form.busy} onClick={() => void confirmAction({ title: t('confirm.withdraw.title'), body: t('confirm.withdraw.body'), confirm: t('rev.withdraw'), danger: true }).then((ok) => (ok ? send({ kind: 'withdrawn', proposalId, version: p.version }, t('alloc.answer.withdrawn')) : undefined))}>
            {t('rev.withdraw')}
          </button>
        </div>
      )}
      {revising && (
        <form onSubmit={revise} noValidate>
          <div class="row">
            <Field label={t('rev.newRequested')} error={form.errors.requested}>
              {(a) => <MoneyInput {...a} value={requested} onInput={setRequested} />}
            </Field>
            <Field label={t('rev.newMinimum')} error={form.errors.minimum}>
              {(a) => <MoneyInput {...a} value={minimum} onInput={setMinimum} />}
            </Field>
          </div>
          <fieldset>
            <legend>{t('rev.lines')}</legend>
            {form.errors.budgetLines && <p class="error">{form.errors.budgetLines}</p>}
            {lines.map((l, i) => (
              <div key={i} class="row">
                <Field label={t('proposal.lineLabel', { n: i + 1 })}>{(a) => <input {...a} value={l.label} onInput={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, label: (e.target as HTMLInputElement).value } : x)))} />}</Field>
                <Field label={t('proposal.lineAmount')} error={form.errors[`budgetLines.${i}.amount`]}>
                  {(a) => <MoneyInput {...a} value={l.amount} onInput={(v) => setLines(lines.map((x, j) => (j === i ? { ...x, amount: v } : x)))} />}
                </Field>
              </div>
            ))}
          </fieldset>
          <button type="submit" disabled={form.busy}>
            {t('rev.sendRevision')}
          </button>
        </form>
      )}
    </div>
  );
}
