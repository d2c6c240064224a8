/**
 * What an organization sees of a revision round, on the call's page and on
 * the proposal's: the amount suggested for its proposal, the deadline, and
 * three answers — accept, revise (a new request, minimum and budget lines
 * that add up to it), or withdraw — which it may change until the deadline;
 * once the round has ended, what was settled. Its home page and "Mes
 * projets" list the requests (MyRevisionRequests).
 */
import { useState } from 'preact/hooks';
import { budgetLinesTotal, scaleBudgetLines } from '../../../../shared/budget-lines';
import { formatDateTime } from '../../../../shared/dates';
import { centsToInput, formatMoney } from '../../../../shared/money';
import { proposalContentSchema } from '../../../../shared/schemas/proposal';
import { useSession } from '../../lib/session-context';
import { MoneyInput, readMoney } from '../../components/money-input';
import { confirmAction } from '../../components/confirm';
import { Field, Link, ProblemAlert, Success, useForm, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import {
  answerRevision,
  getProposal,
  type AnswerBody,
  getRevision,
  type RevisionAnswer,
  type RevisionRequest,
  type RevisionRound,
  type SettledProposal,
} from './api';

/** The round's requests for the organization's proposals of this call (or only `proposalId`'s). */
export function RevisionPanel({ callId, proposalId }: { callId: string; proposalId?: string }) {
  const { tenantId } = useSession().membership;
  const state = useResource(() => getRevision({ tenantId, callId }), [tenantId, callId]);
  if (!state.data?.round) return null;
  const { round, answers } = state.data;
  return (
    <>
      {Object.entries(round.suggestions)
        .filter(([id]) => proposalId === undefined || id === proposalId)
        .map(([id, amount]) => (
          <OneProposal
            key={id}
            callId={callId}
            proposalId={id}
            amount={amount}
            round={round}
            answer={answers.find((a) => a.proposalId === id)}
            settled={round.settlement?.proposals.find((s) => s.proposalId === id) ?? null}
            onAnswered={state.reload}
          />
        ))}
    </>
  );
}

/** How the round ended for one proposal, in plain words. */
export function settledText(s: SettledProposal): string {
  const lang = getLang();
  const vars = { before: formatMoney(s.requestedBefore, lang), after: formatMoney(s.requestedAfter ?? 0, lang), n: s.proposalVersion };
  return t(`rev.settled.${s.outcome}`, vars);
}

function answerText(a: RevisionAnswer): string {
  const lang = getLang();
  return a.kind === 'revised'
    ? t('alloc.answer.revised', { requested: formatMoney(a.requested!, lang), minimum: formatMoney(a.minimum!, lang) })
    : t(`alloc.answer.${a.kind}`);
}

interface Line {
  label: string;
  amount: string;
}

function OneProposal({
  callId,
  proposalId,
  amount,
  round,
  answer,
  settled,
  onAnswered,
}: {
  callId: string;
  proposalId: string;
  amount: number;
  round: RevisionRound;
  answer: RevisionAnswer | undefined;
  settled: SettledProposal | null;
  onAnswered: () => void;
}) {
  const { tenantId } = useSession().membership;
  const lang = getLang();
  const proposal = useResource(() => getProposal({ tenantId, callId, proposalId }), [tenantId, callId, proposalId]);
  const form = useForm();
  const [revising, setRevising] = useState(false);
  const [requested, setRequested] = useState('');
  const [minimum, setMinimum] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  // Lines follow the amount proposed until the organization edits one itself.
  const [linesEdited, setLinesEdited] = useState(false);
  if (!proposal.data?.content) return null;
  const p = proposal.data;
  const content = p.content!;
  const open = round.status === 'open' && Date.parse(round.deadline) > Date.now();

  const linesFor = (cents: number | undefined): Line[] =>
    cents === undefined || Number.isNaN(cents)
      ? lines
      : scaleBudgetLines(content.budgetLines, cents).map((l) => ({ label: l.label, amount: centsToInput(l.amount, lang) }));
  function startRevising() {
    const start = amount || content.minimum;
    setRequested(centsToInput(start, lang));
    setMinimum(centsToInput(Math.min(content.minimum, start), lang));
    setLines(scaleBudgetLines(content.budgetLines, start).map((l) => ({ label: l.label, amount: centsToInput(l.amount, lang) })));
    setLinesEdited(false);
    setRevising(true);
  }
  function proposeAmount(text: string) {
    setRequested(text);
    if (!linesEdited) setLines(linesFor(readMoney(text, 'requested', {})));
  }
  function editLine(i: number, change: Partial<Line>) {
    setLinesEdited(true);
    setLines(lines.map((x, j) => (j === i ? { ...x, ...change } : x)));
  }
  const linesTotal = budgetLinesTotal(
    lines.map((l) => {
      const cents = readMoney(l.amount, '_', {});
      return { amount: cents !== undefined && !Number.isNaN(cents) ? cents : 0 };
    }),
  );

  async function send(body: AnswerBody, label: string) {
    const done = await form.run(
      () => answerRevision({ tenantId, callId }, { ...body, answerVersion: answer?.version ?? null }),
      t('rev.answered', { answer: label }),
    );
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
    // The proposal editor's rule: complete content, lines adding up to the request, minimum not above it.
    if (!form.check(proposalContentSchema, next)) return;
    await send(
      { kind: 'revised', proposalId, version: p.version, content: next },
      t('alloc.answer.revised', { requested: formatMoney(next.requested ?? 0, lang), minimum: formatMoney(next.minimum ?? 0, lang) }),
    );
  }

  return (
    <div class="panel" data-testid="revision-request" data-proposal={proposalId}>
      <h2>{t('rev.title')}</h2>
      {settled ? (
        <p data-testid="revision-settled">
          {t('rev.ended', { title: content.title })} {settledText(settled)}
        </p>
      ) : (
        <p>
          {t(amount > 0 ? 'rev.intro' : 'rev.introNone', {
            title: content.title,
            requested: formatMoney(content.requested, lang),
            amount: formatMoney(amount, lang),
            date: formatDateTime(round.deadline, lang),
          })}
        </p>
      )}
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {answer && !settled && <p class="hint">{t('rev.yourAnswer', { answer: answerText(answer) })}</p>}
      {open && p.status !== 'withdrawn' && !revising && (
        <div class="row">
          {amount > 0 && answer?.kind !== 'accepted' && (
            <button type="button" onClick={() => void send({ kind: 'accepted', proposalId }, t('alloc.answer.accepted'))} disabled={form.busy}>
              {t('rev.accept')}
            </button>
          )}
          <button type="button" class="secondary" onClick={startRevising}>
            {t('rev.revise')}
          </button>
          <button
            type="button"
            class="danger"
            disabled={form.busy}
            onClick={() =>
              void confirmAction({ title: t('confirm.withdraw.title'), body: t('confirm.withdraw.body'), confirm: t('rev.withdraw'), danger: true }).then(
                (ok) => (ok ? send({ kind: 'withdrawn', proposalId, version: p.version }, t('alloc.answer.withdrawn')) : undefined),
              )
            }
          >
            {t('rev.withdraw')}
          </button>
        </div>
      )}
      {revising && (
        <form onSubmit={revise} noValidate>
          <div class="row">
            <Field label={t('rev.newRequested')} error={form.errors.requested}>
              {(a) => <MoneyInput {...a} value={requested} onInput={proposeAmount} />}
            </Field>
            <Field label={t('rev.newMinimum')} error={form.errors.minimum}>
              {(a) => <MoneyInput {...a} value={minimum} onInput={setMinimum} />}
            </Field>
          </div>
          <fieldset>
            <legend>{t('rev.lines')}</legend>
            <p class="hint">{t('rev.linesHint')}</p>
            {form.errors.budgetLines && (
              <p class="error" data-testid="budget-lines-error">
                {form.errors.budgetLines}
              </p>
            )}
            {lines.map((l, i) => (
              <div key={i} class="row">
                <Field label={t('proposal.lineLabel', { n: i + 1 })}>
                  {(a) => <input {...a} value={l.label} onInput={(e) => editLine(i, { label: (e.target as HTMLInputElement).value })} />}
                </Field>
                <Field label={t('proposal.lineAmount')} error={form.errors[`budgetLines.${i}.amount`]}>
                  {(a) => <MoneyInput {...a} value={l.amount} onInput={(v) => editLine(i, { amount: v })} />}
                </Field>
              </div>
            ))}
            <p aria-live="polite" data-testid="revision-lines-total">
              {t('proposal.linesTotal')} <strong>{formatMoney(linesTotal, lang)}</strong>
            </p>
          </fieldset>
          <div class="row">
            <button type="submit" disabled={form.busy}>
              {t('rev.sendRevision')}
            </button>
            <button type="button" class="link" onClick={() => setRevising(false)}>
              {t('rev.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** The requests still open, at the top of the organization's home page and of "Mes projets". */
export function MyRevisionRequests({ items }: { items: RevisionRequest[] }) {
  const lang = getLang();
  const open = items.filter((r) => r.acceptingAnswers && r.proposalStatus !== 'withdrawn');
  if (open.length === 0) return null;
  return (
    <div class="alert alert-warning" role="status" data-testid="my-revision-requests">
      <strong>{t('rev.requestsTitle')}</strong>
      <ul>
        {open.map((r) => (
          <li key={r.proposalId}>
            {t(r.suggested > 0 ? 'rev.requestOne' : 'rev.requestOneNone', {
              title: r.title,
              requested: formatMoney(r.requested, lang),
              amount: formatMoney(r.suggested, lang),
              date: formatDateTime(r.deadline, lang),
            })}{' '}
            {r.answer && <small class="hint">{t('rev.yourAnswer', { answer: answerText(r.answer) })} </small>}
            <Link href={`/appels/${r.callId}/projets/${r.proposalId}`}>{r.answer ? t('rev.changeAnswer') : t('rev.answer')}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
