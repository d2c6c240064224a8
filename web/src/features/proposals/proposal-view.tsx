/**
 * A submitted proposal as screeners read it, with the eligibility screening
 * form; and as its organization reads it, with the outcome and the reasons.
 * Every submitted version can be opened.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { displayStatus } from '../../../../shared/domain';
import { formatDateTime } from '../../../../shared/dates';
import { checkScreening } from '../../../../shared/proposals';
import { screenProposalSchema } from '../../../../shared/schemas/screening';
import { useSession } from '../../lib/session-context';
import { Link, Loading, ProblemAlert, StatusBadge, Success, useForm, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import { ProposalContentView } from '../../components/proposal-content';
import { getCall, getProposal, listVersions, screenProposal, type Call, type Proposal } from './api';

/**
 * `revision` is what the organization answers to a revision round about this proposal; the app shell
 * composes it from the allocation feature, shown once the proposal is submitted and only to its owner.
 */
export function ProposalView({ callId, id, revision }: { callId: string; id: string; revision?: ComponentChildren }) {
  const { can, membership } = useSession();
  const { tenantId } = membership;
  const lang = getLang();
  const call = useResource(() => getCall(tenantId, callId), [tenantId, callId]);
  const proposal = useResource(() => getProposal(tenantId, callId, id), [tenantId, callId, id]);
  const versions = useResource(() => listVersions(tenantId, callId, id), [tenantId, callId, id]);
  const [shown, setShown] = useState<number | null>(null);
  if (!proposal.data || !call.data) return <Loading error={proposal.error ?? call.error} />;
  const p = proposal.data;
  const owner = membership.organizationId === p.organizationId;
  const version = shown !== null ? versions.data?.items.find((v) => v.number === shown) : undefined;
  const content = version?.content ?? p.content;

  return (
    <section>
      <p class="muted">
        <Link href={`/appels/${callId}`}>{call.data.title}</Link>
      </p>
      <h1>
        {content?.title ?? t('proposal.untitled')} <StatusBadge status={displayStatus(p)} />
      </h1>
      <p>
        {p.organizationName}
        {p.submittedAt && ` · ${t('proposal.lastSubmitted')} ${formatDateTime(p.submittedAt, lang)}`}
      </p>
      {owner && call.data.phase === 'open' && p.status !== 'withdrawn' && (
        <p>
          <Link class="button secondary" href={`/appels/${callId}/projets/${id}/modifier`}>
            {t('proposal.edit')}
          </Link>
        </p>
      )}
      {!owner && !can('submissions:read') && can('scoring:evaluate') && (
        <p>
          <Link href={`/appels/${callId}/evaluation/${id}`}>{t('proposal.backToSheet')}</Link>
        </p>
      )}
      {owner && p.status !== 'draft' && revision}
      {p.screening && <ScreeningOutcome proposal={p} />}
      {!p.screening && p.earlierScreening && p.status === 'submitted' && <SupersededScreening proposal={p} />}
      {versions.data && versions.data.items.length > 0 && (
        <nav aria-label={t('proposal.versions')} class="versions">
          <span>{t('proposal.versions')} :</span>
          {versions.data.items.map((v) => (
            <button
              type="button"
              class={`link${(shown ?? p.submittedVersions) === v.number ? ' current' : ''}`}
              aria-pressed={(shown ?? p.submittedVersions) === v.number}
              key={v.number}
              onClick={() => setShown(v.number)}
            >
              {t('proposal.versionN', { n: v.number })} ({formatDateTime(v.submittedAt, lang)})
            </button>
          ))}
        </nav>
      )}
      {content ? <ProposalContentView content={content} needs={call.data?.needs ?? []} /> : <p>{t('proposal.notSubmitted')}</p>}
      {can('proposal:screen') && p.status === 'submitted' && <ScreeningForm call={call.data} proposal={p} onSaved={(saved) => proposal.setData(saved)} />}
    </section>
  );
}

function ScreeningOutcome({ proposal }: { proposal: Proposal }) {
  const s = proposal.screening!;
  return (
    <div class={`alert ${s.outcome === 'eligible' ? 'alert-success' : 'alert-error'}`} data-testid="screening-outcome">
      <strong>{s.outcome === 'eligible' ? t('screening.eligible') : t('screening.ineligible')}</strong>
      <p class="muted">{t('screening.by', { name: s.screenedByName, date: formatDateTime(s.screenedAt, getLang()), n: s.proposalVersionNumber })}</p>
      <ul>
        {s.results.map((r) => (
          <li key={r.criterionId}>
            {r.met ? '✓' : '✗'} <strong>{r.label}</strong> — {r.met ? t('screening.met') : t('screening.notMet')}
            {r.reason && ` : ${r.reason}`}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The screening of an earlier version, kept in view: the version submitted since awaits screening. */
function SupersededScreening({ proposal }: { proposal: Proposal }) {
  const s = proposal.earlierScreening!;
  return (
    <div class="alert alert-warning" role="status" data-testid="screening-superseded">
      <strong>{t('screening.supersededTitle')}</strong>
      <p>
        {t('screening.superseded', {
          name: s.screenedByName,
          date: formatDateTime(s.screenedAt, getLang()),
          n: s.proposalVersionNumber,
          outcome: s.outcome === 'eligible' ? t('status.eligible') : t('status.ineligible'),
          current: proposal.submittedVersions,
        })}
      </p>
    </div>
  );
}

function ScreeningForm({ call, proposal, onSaved }: { call: Call; proposal: Proposal; onSaved: (p: Proposal) => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  // A new version starts from the earlier version's answers, to be checked.
  const from = proposal.screening ?? proposal.earlierScreening ?? null;
  const initial = Object.fromEntries(
    call.eligibilityCriteria.map((k) => {
      const r = from?.results.find((x) => x.criterionId === k.id);
      return [k.id, { met: r ? r.met : (null as boolean | null), reason: r?.reason ?? '' }];
    }),
  );
  const [answers, setAnswers] = useState(initial);

  async function submit(e: Event) {
    e.preventDefault();
    const results = call.eligibilityCriteria.map((k) => ({ criterionId: k.id, met: answers[k.id]!.met, reason: answers[k.id]!.reason }));
    const missing = call.eligibilityCriteria.findIndex((k) => answers[k.id]!.met === null);
    if (missing >= 0) {
      form.setErrors({ [`results.${missing}.met`]: t('screening.answerEach') });
      return;
    }
    const payload = { version: proposal.version, results };
    if (!form.check(screenProposalSchema, payload)) return;
    if (!form.passes(checkScreening(call.eligibilityCriteria, results))) return;
    const saved = await form.run(() => screenProposal(tenantId, call.id, proposal.id, payload), t('screening.saved'));
    if (saved) onSaved(saved);
  }

  return (
    <form onSubmit={submit} class="screening" noValidate>
      <h2>{t('screening.title')}</h2>
      {!proposal.screening && proposal.earlierScreening && (
        <p class="hint">{t('screening.prefilled', { n: proposal.earlierScreening.proposalVersionNumber, current: proposal.submittedVersions })}</p>
      )}
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {call.eligibilityCriteria.map((k, i) => (
        <fieldset key={k.id} data-criterion={k.id}>
          <legend>{k.label}</legend>
          {k.description && <p class="muted">{k.description}</p>}
          <label class="inline">
            <input
              type="radio"
              name={`met-${k.id}`}
              checked={answers[k.id]!.met === true}
              onChange={() => setAnswers({ ...answers, [k.id]: { ...answers[k.id]!, met: true } })}
            />{' '}
            {t('screening.met')}
          </label>
          <label class="inline">
            <input
              type="radio"
              name={`met-${k.id}`}
              checked={answers[k.id]!.met === false}
              onChange={() => setAnswers({ ...answers, [k.id]: { ...answers[k.id]!, met: false } })}
            />{' '}
            {t('screening.notMet')}
          </label>
          {form.errors[`results.${i}.met`] && <p class="error">{form.errors[`results.${i}.met`]}</p>}
          <label>
            {t('screening.reason')}
            <textarea
              rows={2}
              name={`reason-${k.id}`}
              value={answers[k.id]!.reason}
              aria-invalid={Boolean(form.errors[`results.${i}.reason`])}
              onInput={(e) => setAnswers({ ...answers, [k.id]: { ...answers[k.id]!, reason: (e.target as HTMLTextAreaElement).value } })}
            />
          </label>
          {form.errors[`results.${i}.reason`] && <p class="error">{form.errors[`results.${i}.reason`]}</p>}
        </fieldset>
      ))}
      <button type="submit" disabled={form.busy}>
        {t('screening.save')}
      </button>
    </form>
  );
}
