/**
 * The table's recommendation on a call: the coordinator drafts it from a scenario or from nothing, adjusts
 * each line (amount, years, reason, the reason of an adjustment, a supplement with its own reason) seeing
 * what is left of the amount available and the difference from the scenario, then chooses how the table
 * adopts it: a vote (closing date and time) or a consensus (members present, dissent). Members follow the
 * vote (how many voted, never how), read the minutes, and a failed vote leads to "Réviser la recommandation".
 */
import { useState } from 'preact/hooks';
import { describeRules, recommendationTotal } from '../../../../shared/adoption';
import { formatDateTime, montrealLocalToInstant } from '../../../../shared/dates';
import { centsToInput, formatMoney } from '../../../../shared/money';
import { checkClosesLater } from '../../../../shared/window';
import { confirmAction } from '../../components/confirm';
import { MoneyInput, readMoney } from '../../components/money-input';
import { Field, Link, Loading, Money, ProblemAlert, Success, useForm, useResource } from '../../components/ui';
import { getLang, loc, t } from '../../lib/i18n';
import { tn } from '../../lib/plural';
import { useSession } from '../../lib/session-context';
import {
  closeAdoptionVote,
  draftRecommendation,
  getCall,
  getRecommendation,
  listScenarios,
  openAdoptionVote,
  recordConsensus,
  reviseRecommendation,
  saveRecommendation,
  type Recommendation,
  type RecommendationLine,
  type RecommendationView,
} from './api';

const signed = (cents: number) => `${cents > 0 ? '+' : cents < 0 ? '−' : ''}${formatMoney(Math.abs(cents), getLang())}`;

export function RecommendationPage({ callId }: { callId: string }) {
  const { membership } = useSession();
  const tenantId = membership.tenantId;
  const call = useResource(() => getCall({ tenantId, callId }), [tenantId, callId]);
  const view = useResource(() => getRecommendation({ tenantId, callId }), [tenantId, callId]);
  if (!call.data || !view.data) return <Loading error={call.error ?? view.error} />;
  const v = view.data;
  const rec = v.recommendation;
  const rules = describeRules(v.rules);
  return (
    <section class="recommendation">
      <p class="muted">
        <Link href={`/appels/${callId}`}>{call.data.title}</Link>
      </p>
      <h1>{t('rec.title')}</h1>
      <p>{t('rec.intro')}</p>
      <p class="hint" data-testid="rec-rules">
        {v.table.name} · {loc(rules.quorum)} · {loc(rules.majority)} · {loc(rules.secrecy)}
      </p>
      {!rec ? (
        v.canWrite ? (
          <DraftForm callId={callId} onDone={view.reload} />
        ) : (
          <p>{t('rec.none')}</p>
        )
      ) : (
        <>
          <h2>
            {t('rec.version', { n: rec.number })}{' '}
            <span class={`badge${rec.status === 'adopted' ? ' badge-open' : ''}`} data-testid="rec-status">
              {t(`rec.status.${rec.status}`)}
            </span>
          </h2>
          <p class="hint">{rec.basedOn ? t('rec.basedOn', { name: rec.basedOn.scenarioName }) : t('rec.basedOnNothing')}</p>
          {rec.status === 'draft' && v.canWrite ? <LinesEditor callId={callId} rec={rec} onSaved={view.reload} /> : <LinesView rec={rec} />}
          {rec.status === 'draft' && v.canWrite && <Adoption callId={callId} view={v} rec={rec} onDone={view.reload} />}
          {rec.status === 'voting' && <VoteFollow callId={callId} view={v} onClosed={view.reload} />}
          {rec.status === 'rejected' && v.canWrite && <Revise callId={callId} rec={rec} onDone={view.reload} />}
        </>
      )}
      {v.minutes.length > 0 && (
        <>
          <h2>{t('rec.minutes')}</h2>
          <ul data-testid="rec-minutes">
            {v.minutes.map((m) => (
              <li key={m.number}>
                <Link href={`/appels/${callId}/recommandation/pv/${m.number}`}>
                  {t('rec.minutesOf', {
                    n: m.number,
                    mode: t(m.mode === 'vote' ? 'rec.mode.vote' : 'rec.mode.consensus').toLowerCase(),
                    outcome: t(m.adopted ? 'rec.adopted' : 'rec.notAdopted'),
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function DraftForm({ callId, onDone }: { callId: string; onDone: () => void }) {
  const { membership, can } = useSession();
  const tenantId = membership.tenantId;
  const scenarios = useResource(
    () => (can('scoring:manage') ? listScenarios({ tenantId, callId }) : Promise.resolve({ items: [], cursor: null })),
    [tenantId, callId],
  );
  const form = useForm();
  const [scenarioId, setScenarioId] = useState('');
  // Until the scenarios arrive, the list would offer only "from nothing": the form waits for them.
  if (!scenarios.data) return <Loading error={scenarios.error} />;
  const choices = scenarios.data.items;
  async function draft(e: Event) {
    e.preventDefault();
    if (await form.run(() => draftRecommendation({ tenantId, callId }, { scenarioId: scenarioId || null }))) onDone();
  }
  return (
    <form class="panel" onSubmit={draft} noValidate data-testid="rec-draft">
      <ProblemAlert problem={form.problem} />
      <Field label={t('rec.draftFrom')}>
        {(a) => (
          <select {...a} value={scenarioId} onChange={(e) => setScenarioId((e.target as HTMLSelectElement).value)}>
            <option value="">{t('rec.fromNothing')}</option>
            {choices.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} · {formatMoney(s.result.total, getLang())}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={form.busy}>
        {t('rec.draft')}
      </button>
    </form>
  );
}

function LinesView({ rec }: { rec: Recommendation }) {
  return (
    <>
      <ul class="rec-lines" data-testid="rec-lines">
        {rec.lines.map((l) => (
          <li key={l.proposalId} class="rec-line" data-proposal={l.proposalId}>
            <strong>{l.title}</strong> <small class="hint">{l.organizationName}</small>
            <div>
              <Money cents={l.amount + (l.supplement?.amount ?? 0)} /> · {tn('rec.yearCount', l.years)}
              {l.supplement && (
                <small class="supplement">
                  {' '}
                  — {t('rec.supplementShown', { amount: formatMoney(l.supplement.amount, getLang()), reason: l.supplement.reason })}
                </small>
              )}
            </div>
            {l.reason && <p class="hint">{l.reason}</p>}
            {l.adjustmentReason && (
              <p class="hint">
                {t('rec.adjustmentReason')} : {l.adjustmentReason}
              </p>
            )}
          </li>
        ))}
      </ul>
      <p>
        {t('rec.total')} : <Money cents={rec.total} /> / <Money cents={rec.amountAvailable} />
      </p>
    </>
  );
}

interface LineDraft {
  amount: string;
  years: 1 | 2;
  reason: string;
  adjustmentReason: string;
  supplement: string;
  supplementReason: string;
}

const toDraft = (l: RecommendationLine): LineDraft => ({
  amount: centsToInput(l.amount, getLang()),
  years: l.years,
  reason: l.reason,
  adjustmentReason: l.adjustmentReason ?? '',
  supplement: l.supplement ? centsToInput(l.supplement.amount, getLang()) : '',
  supplementReason: l.supplement?.reason ?? '',
});

function LinesEditor({ callId, rec, onSaved }: { callId: string; rec: Recommendation; onSaved: () => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [drafts, setDrafts] = useState<Record<string, LineDraft>>(() => Object.fromEntries(rec.lines.map((l) => [l.proposalId, toDraft(l)])));
  const set = (id: string, patch: Partial<LineDraft>) => setDrafts((d) => ({ ...d, [id]: { ...d[id]!, ...patch } }));
  const cents = (text: string) => {
    const errors: Record<string, string> = {};
    const c = readMoney(text, 'x', errors);
    return c === undefined || Number.isNaN(c) ? 0 : c;
  };
  const lines = rec.lines.map((l) => {
    const d = drafts[l.proposalId]!;
    const supplement = cents(d.supplement);
    return {
      proposalId: l.proposalId,
      amount: cents(d.amount),
      years: d.years,
      reason: d.reason,
      adjustmentReason: d.adjustmentReason.trim() ? d.adjustmentReason : null,
      supplement: supplement > 0 ? { amount: supplement, reason: d.supplementReason } : null,
    };
  });
  const total = recommendationTotal(lines);
  const left = rec.amountAvailable - total;
  const fromScenario = rec.lines.some((l) => l.scenarioAmount !== null);
  const scenarioTotal = rec.lines.reduce((s, l) => s + (l.scenarioAmount ?? 0), 0);
  async function save(e: Event) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    rec.lines.forEach((l, i) => {
      const d = drafts[l.proposalId]!;
      readMoney(d.amount, `lines.${i}.amount`, errors);
      readMoney(d.supplement, `lines.${i}.supplement`, errors);
    });
    if (Object.keys(errors).length) return form.setErrors(errors);
    if (await form.run(() => saveRecommendation({ tenantId, callId }, { version: rec.version, lines }), t('rec.saved'))) onSaved();
  }

  return (
    <form onSubmit={save} noValidate data-testid="rec-editor">
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {rec.lines.map((l, i) => {
        const d = drafts[l.proposalId]!;
        const amount = lines[i]!.amount;
        return (
          <fieldset key={l.proposalId} class="panel rec-line" data-proposal={l.proposalId}>
            <legend>
              {l.title} <small class="hint">{l.organizationName}</small>
            </legend>
            <p class="hint">
              {t('rec.requested')} : <Money cents={l.requested} /> (min. <Money cents={l.minimum} />) · {tn('rec.yearCount', l.durationYears)}
            </p>
            <div class="row">
              <Field label={t('rec.amount')} error={form.errors[`lines.${i}.amount`]}>
                {(a) => <MoneyInput {...a} value={d.amount} onInput={(v) => set(l.proposalId, { amount: v })} />}
              </Field>
              <Field label={t('rec.years')} error={form.errors[`lines.${i}.years`]}>
                {(a) => (
                  <select {...a} value={String(d.years)} onChange={(e) => set(l.proposalId, { years: (e.target as HTMLSelectElement).value === '2' ? 2 : 1 })}>
                    <option value="1">1</option>
                    {l.durationYears === 2 && <option value="2">2</option>}
                  </select>
                )}
              </Field>
            </div>
            {l.scenarioAmount !== null && (
              <p class="hint" data-testid="rec-diff">
                {t('rec.scenarioDiff', { diff: signed(amount - l.scenarioAmount) })}
              </p>
            )}
            <Field label={t('rec.reason')} error={form.errors[`lines.${i}.reason`]}>
              {(a) => <textarea {...a} rows={2} value={d.reason} onInput={(e) => set(l.proposalId, { reason: (e.target as HTMLTextAreaElement).value })} />}
            </Field>
            {l.scenarioAmount !== null && amount !== l.scenarioAmount && (
              <Field label={t('rec.adjustmentReason')} error={form.errors[`lines.${i}.adjustmentReason`]}>
                {(a) => (
                  <textarea
                    {...a}
                    rows={2}
                    value={d.adjustmentReason}
                    onInput={(e) => set(l.proposalId, { adjustmentReason: (e.target as HTMLTextAreaElement).value })}
                  />
                )}
              </Field>
            )}
            <div class="row">
              <Field label={t('rec.supplement')} error={form.errors[`lines.${i}.supplement`]}>
                {(a) => <MoneyInput {...a} value={d.supplement} onInput={(v) => set(l.proposalId, { supplement: v })} />}
              </Field>
              {lines[i]!.supplement && (
                <Field label={t('rec.supplementReason')} error={form.errors[`lines.${i}.supplement.reason`]}>
                  {(a) => (
                    <input {...a} value={d.supplementReason} onInput={(e) => set(l.proposalId, { supplementReason: (e.target as HTMLInputElement).value })} />
                  )}
                </Field>
              )}
            </div>
          </fieldset>
        );
      })}
      <div class="panel rec-totals" data-testid="rec-totals">
        <p>
          {t('rec.total')} : <Money cents={total} />
        </p>
        <p>
          {t('rec.available')} : <Money cents={rec.amountAvailable} />
        </p>
        <p class={left < 0 ? 'error' : ''} data-testid="rec-left">
          {left < 0 ? t('rec.over') : t('rec.left')} : <Money cents={Math.abs(left)} />
        </p>
        {fromScenario && <p class="hint">{t('rec.totalDiff', { diff: signed(total - scenarioTotal) })}</p>}
        {/* The API names the line of each problem: beside its field above; the total's here. */}
        {form.errors.lines && <p class="error">{form.errors.lines}</p>}
      </div>
      <button type="submit" disabled={form.busy}>
        {t('rec.save')}
      </button>
    </form>
  );
}

function Adoption({ callId, view, rec, onDone }: { callId: string; view: RecommendationView; rec: Recommendation; onDone: () => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [mode, setMode] = useState<'vote' | 'consensus'>('vote');
  const [closesAt, setClosesAt] = useState('');
  const [present, setPresent] = useState<string[]>([]);
  const [dissent, setDissent] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    if (mode === 'vote') {
      const at = montrealLocalToInstant(closesAt);
      if (!at) return form.setErrors({ closesAt: t('date.format') });
      if (!form.passes(checkClosesLater('closesAt', at.toISOString(), new Date()))) return;
      if (await form.run(() => openAdoptionVote({ tenantId, callId }, { version: rec.version, closesAt: at.toISOString() }))) onDone();
    } else if (await form.run(() => recordConsensus({ tenantId, callId }, { version: rec.version, present, dissent: dissent.trim() || null }))) onDone();
  }
  return (
    <form class="panel" onSubmit={submit} noValidate data-testid="rec-adoption">
      <h2>{t('rec.adoption')}</h2>
      <ProblemAlert problem={form.problem} />
      <fieldset>
        <legend class="sr-only">{t('rec.adoption')}</legend>
        {(['vote', 'consensus'] as const).map((m) => (
          <label key={m} class="check">
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {t(`rec.mode.${m}`)}
          </label>
        ))}
      </fieldset>
      {mode === 'vote' ? (
        <Field label={t('rec.closesAt')} error={form.errors.closesAt} hint={t('call.montrealTime')}>
          {(a) => <input {...a} type="datetime-local" value={closesAt} onInput={(e) => setClosesAt((e.target as HTMLInputElement).value)} />}
        </Field>
      ) : (
        <>
          <fieldset data-testid="rec-present">
            <legend>{t('rec.present')}</legend>
            {view.members.map((m) => (
              <label key={m.userId} class="check">
                <input
                  type="checkbox"
                  value={m.userId}
                  checked={present.includes(m.userId)}
                  onChange={(e) => setPresent((e.target as HTMLInputElement).checked ? [...present, m.userId] : present.filter((x) => x !== m.userId))}
                />{' '}
                {m.name} <small class="hint">{m.represents}</small>
              </label>
            ))}
          </fieldset>
          <Field label={t('rec.dissent')} error={form.errors.dissent}>
            {(a) => <textarea {...a} rows={3} value={dissent} onInput={(e) => setDissent((e.target as HTMLTextAreaElement).value)} />}
          </Field>
        </>
      )}
      <button type="submit" disabled={form.busy}>
        {mode === 'vote' ? t('rec.openVote') : t('rec.recordConsensus')}
      </button>
    </form>
  );
}

function VoteFollow({ callId, view, onClosed }: { callId: string; view: RecommendationView; onClosed: () => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const vote = view.vote;
  if (!vote) return null;
  async function close() {
    if (!(await confirmAction({ title: t('rec.confirmCloseTitle'), body: t('rec.confirmClose'), confirm: t('rec.closeVote') }))) return;
    if (await form.run(() => closeAdoptionVote({ tenantId, callId }, { version: vote!.version }))) onClosed();
  }
  return (
    <div class="panel" data-testid="rec-vote">
      <ProblemAlert problem={form.problem} />
      <p>{view.acceptingBallots ? t('rec.voteOpen', { date: formatDateTime(vote.closesAt, getLang()) }) : t('rec.voteEnded')}</p>
      {view.ballotsCast !== null && <p data-testid="rec-ballots">{tn('rec.ballots', view.ballotsCast, { e: vote.electorate.length })}</p>}
      <p class="hint">{t('rec.tallyHidden')}</p>
      <p class="row">
        {view.canVote && view.acceptingBallots && (
          <Link class="button" href={`/appels/${callId}/recommandation/vote`}>
            {t('rec.goVote')}
          </Link>
        )}
        {view.canWrite && (
          <button type="button" class="secondary" disabled={form.busy} onClick={() => void close()}>
            {t('rec.closeVote')}
          </button>
        )}
      </p>
    </div>
  );
}

function Revise({ callId, rec, onDone }: { callId: string; rec: Recommendation; onDone: () => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  async function revise() {
    if (await form.run(() => reviseRecommendation({ tenantId, callId }, { version: rec.version }))) onDone();
  }
  return (
    <div class="panel" data-testid="rec-revise">
      <ProblemAlert problem={form.problem} />
      <p>{t('rec.rejectedHint')}</p>
      <button type="button" disabled={form.busy} onClick={() => void revise()}>
        {t('rec.revise')}
      </button>
    </div>
  );
}
