/**
 * A voting member's ballot on the recommendation: per line pour / contre / abstention, a "Pour sur toutes
 * les lignes" shortcut, the lines they are recused from locked with why; changeable until the close, whose
 * time is shown (`2026-12-08 17 h 00`). Once the vote is closed, its minutes tell the tallies.
 */
import { useState } from 'preact/hooks';
import type { AdoptionChoice } from '../../../../shared/recommendation';
import { formatDateTime } from '../../../../shared/dates';
import { Link, Loading, Money, ProblemAlert, Success, useForm, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import { tn } from '../../lib/plural';
import { useSession } from '../../lib/session-context';
import { castBallot, getMyBallot, getRecommendation } from './api';

const CHOICES: AdoptionChoice[] = ['for', 'against', 'abstain'];

export function BallotPage({ callId }: { callId: string }) {
  const { tenantId } = useSession().membership;
  const view = useResource(() => getRecommendation({ tenantId, callId }), [tenantId, callId]);
  const mine = useResource(() => getMyBallot({ tenantId, callId }), [tenantId, callId]);
  if (!view.data || !mine.data) return <Loading error={view.error ?? mine.error} />;
  const v = view.data;
  const back = (
    <p class="muted">
      <Link href={`/appels/${callId}/recommandation`}>{t('rec.title')}</Link>
    </p>
  );
  if (!v.vote || !v.recommendation)
    return (
      <section>
        {back}
        <h1>{t('ballot.title')}</h1>
        <p>{t('ballot.none')}</p>
      </section>
    );
  if (!v.acceptingBallots)
    return (
      <section>
        {back}
        <h1>{t('ballot.title')}</h1>
        <p data-testid="ballot-closed">{t('ballot.closed')}</p>
        {v.minutes.some((m) => m.number === v.vote!.number) && <Link href={`/appels/${callId}/recommandation/pv/${v.vote.number}`}>{t('rec.minutes')}</Link>}
      </section>
    );
  return (
    <section>
      {back}
      <h1>{t('ballot.title')}</h1>
      <p data-testid="ballot-closes">{t('ballot.closes', { date: formatDateTime(v.vote.closesAt, getLang()) })}</p>
      {v.canVote ? <BallotForm callId={callId} view={v} ballot={mine.data.ballot} /> : <p>{t('ballot.notVoter')}</p>}
    </section>
  );
}

type View = Awaited<ReturnType<typeof getRecommendation>>;
type Ballot = Awaited<ReturnType<typeof getMyBallot>>['ballot'];

function BallotForm({ callId, view, ballot }: { callId: string; view: View; ballot: Ballot }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const recused = new Map(view.myRecusals.map((r) => [r.proposalId, r.reason]));
  const lines = view.recommendation!.lines;
  const [choices, setChoices] = useState<Record<string, AdoptionChoice>>(() =>
    Object.fromEntries(Object.entries(ballot?.choices ?? {}).filter(([id]) => !recused.has(id))),
  );
  const [version, setVersion] = useState<number | null>(ballot?.version ?? null);
  const allFor = () => setChoices(Object.fromEntries(lines.filter((l) => !recused.has(l.proposalId)).map((l) => [l.proposalId, 'for' as const])));
  async function save(e: Event) {
    e.preventDefault();
    const saved = await form.run(() => castBallot({ tenantId, callId }, { version, choices }), t('ballot.saved'));
    if (saved) setVersion(saved.version);
  }
  return (
    <form onSubmit={save} noValidate data-testid="rec-ballot">
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      <p>
        <button type="button" class="secondary" onClick={allFor}>
          {t('ballot.allFor')}
        </button>
      </p>
      {lines.map((l) => {
        const reason = recused.get(l.proposalId);
        return (
          <fieldset key={l.proposalId} class={`panel${reason ? ' locked' : ''}`} data-proposal={l.proposalId} disabled={reason !== undefined}>
            <legend>
              {l.title} <small class="hint">{l.organizationName}</small>
            </legend>
            <p class="hint">
              <Money cents={l.amount + (l.supplement?.amount ?? 0)} /> · {tn('rec.yearCount', l.years)}
            </p>
            {reason ? (
              <p class="recused">{t('ballot.locked', { reason: t(`ballot.reason.${reason}`) })}</p>
            ) : (
              <div class="row">
                {CHOICES.map((c) => (
                  <label key={c} class="check">
                    <input
                      type="radio"
                      name={`choice-${l.proposalId}`}
                      value={c}
                      checked={choices[l.proposalId] === c}
                      onChange={() => setChoices({ ...choices, [l.proposalId]: c })}
                    />{' '}
                    {t(`ballot.${c}`)}
                  </label>
                ))}
              </div>
            )}
          </fieldset>
        );
      })}
      <button type="submit" disabled={form.busy}>
        {t('ballot.submit')}
      </button>
    </form>
  );
}
