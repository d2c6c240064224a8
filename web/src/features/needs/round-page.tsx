/**
 * A prioritization round: members vote while it is open; the coordinator
 * follows participation, brings in paper ballots (PrefLib), closes it, reads
 * the result (ties shown as ties, each method's figures, a chart) and
 * records the needs retained, referrals and any tie-break.
 */
import { useState } from 'preact/hooks';
import { formatDateTime } from '../../../../shared/dates';
import { tiesCut, topK } from '../../../../shared/prioritization';
import { useSession } from '../../lib/session-context';
import { confirmAction } from '../../components/confirm';
import { NotVoted } from '../../components/not-voted';
import { Field, Link, Loading, ProblemAlert, Success, Table, useForm, useResource } from '../../components/ui';
import { download } from '../../lib/api';
import { getLang, t } from '../../lib/i18n';
import { tn } from '../../lib/plural';
import { closeRound, getRound, importPrefLib, prefLibUrl, saveRetention, type RoundIds, type RoundView } from './api';
import { BallotForm } from './ballot';
import { Term, TermNote } from '../../components/term';

/** A closed round's result, as the round's answer carries it. */
type RoundResult = NonNullable<RoundView['result']>;

export function RoundPage({ studyId, id }: { studyId: string; id: string }) {
  const { membership, can } = useSession();
  const ids: RoundIds = { tenantId: membership.tenantId, studyId, roundId: id };
  const page = useResource(() => getRound(ids), [membership.tenantId, studyId, id]);
  if (!page.data) return <Loading error={page.error} />;
  const { round, myBallot, participants, notVoted } = page.data;
  const lang = getLang();
  return (
    <section>
      <p class="muted">
        <Link href={`/besoins/${studyId}`}>{t('needs.studies')}</Link>
      </p>
      <h1>{round.title}</h1>
      <p>
        {t(`needs.method.${round.method}`)} ·{' '}
        {round.acceptingBallots ? t('needs.roundOpen', { date: formatDateTime(round.closesAt, lang) }) : t('needs.roundClosed')}
      </p>
      <TermNote id={round.method === 'ranking' ? 'schulze' : round.method} />
      {myBallot && <p class="hint">{t('round.yourBallotSaved', { date: formatDateTime(myBallot.submittedAt, lang) })}</p>}
      {round.acceptingBallots &&
        (can('round:vote') ? <BallotForm ids={ids} round={round} mine={myBallot} onSaved={() => page.reload()} /> : <p>{t('round.notVoter')}</p>)}
      {can('needs:write') && round.status === 'open' && (
        <CoordinatorPanel ids={ids} round={round} participants={participants ?? 0} notVoted={notVoted} onChange={page.reload} />
      )}
      {round.result && <Results round={round} result={round.result} />}
      {can('needs:write') && round.result && <RetentionForm ids={ids} round={round} result={round.result} onSaved={page.reload} />}
      {!can('needs:write') && round.retention && <RetentionSummary round={round} />}
    </section>
  );
}

function CoordinatorPanel({
  ids,
  round,
  participants,
  notVoted,
  onChange,
}: {
  ids: RoundIds;
  round: RoundView;
  participants: number;
  notVoted: { userId: string; name: string }[] | null;
  onChange: () => void;
}) {
  const form = useForm();
  const [file, setFile] = useState<File | null>(null);
  async function close() {
    if (!(await confirmAction({ title: t('confirm.closeRound.title'), body: t('confirm.closeRound.body'), confirm: t('round.close') }))) return;
    const saved = await form.run(() => closeRound(ids, { version: round.version }));
    if (saved) onChange();
  }
  async function importFile(e: Event) {
    e.preventDefault();
    if (!file) return;
    const text = await file.text();
    const saved = await form.run(() => importPrefLib(ids, { version: round.version, fileName: file.name, text }), t('round.imported'));
    if (saved) onChange();
  }
  async function exportFile() {
    await form.run(() => download(prefLibUrl(ids).toString(), 'tour.toi'));
  }
  return (
    <div class="panel">
      <p data-testid="participation">{t('round.participation', { n: participants + (round.importedBallots ?? []).reduce((s, b) => s + b.count, 0) })}</p>
      {notVoted && <NotVoted people={notVoted} />}
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      <div class="row">
        <button type="button" onClick={() => void close()} disabled={form.busy}>
          {t('round.close')}
        </button>
        {round.method === 'ranking' && (
          <button type="button" class="secondary" onClick={() => void exportFile()} disabled={form.busy}>
            {t('round.export')}
          </button>
        )}
      </div>
      {round.method === 'ranking' && (
        <form onSubmit={importFile} class="row">
          <Field label={t('round.import')} hint={t('round.importHint')}>
            {(a) => <input {...a} type="file" accept=".soc,.soi,.toc,.toi" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />}
          </Field>
          <button type="submit" class="secondary" disabled={!file || form.busy}>
            {t('round.importDo')}
          </button>
        </form>
      )}
      {(round.importedFiles ?? []).length > 0 && (
        <p class="hint">
          {t('round.importedFiles')} : {round.importedFiles!.map((f) => `${f.fileName} (${f.voters})`).join(', ')}
        </p>
      )}
    </div>
  );
}

const fmt = (n: number) => n.toLocaleString(getLang() === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 1 });

function Results({ round, result }: { round: RoundView; result: RoundResult }) {
  const statement = (id: string) => round.needs.find((n) => n.id === id)?.statement ?? id;
  const primary = result.primary;
  // The chart and the score column: Borda beside Schulze, else the method's own score.
  const scores = result.borda?.scores ?? primary.scores ?? {};
  const scoreLabel = round.method === 'ranking' ? t('round.borda') : round.method === 'points' ? t('round.points') : t('round.approvals');
  const max = Math.max(1, ...Object.values(scores));
  let position = 0;
  return (
    <div class="panel" data-testid="result">
      <h2>{t('round.result')}</h2>
      <p>
        {result.eligibleVoters !== null
          ? t('round.participants', { ballots: tn('round.ballots', result.participants), members: tn('round.members', result.eligibleVoters) })
          : tn('round.ballots', result.participants)}
      </p>
      <Table>
        <caption class="sr-only">{t('round.result')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('round.rank')}</th>
            <th scope="col">{t('needs.statement')}</th>
            <th scope="col" class="num">
              {round.method === 'ranking' ? <Term id="borda">{scoreLabel}</Term> : scoreLabel}
            </th>
            {round.method === 'ranking' && (
              <th scope="col">
                {t('round.borda')} — {t('round.rank')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {primary.order.flatMap((tier) => {
            const rank = position + 1;
            position += tier.length;
            // Within a tie, needs are listed alphabetically: the result's tier order follows generated ids.
            const byStatement = [...tier].sort((a, b) => statement(a).localeCompare(statement(b), 'fr'));
            return byStatement.map((id) => (
              <tr key={id} data-need={id}>
                <td>
                  {rank}
                  {tier.length > 1 && <span class="badge"> {t('round.tied')}</span>}
                </td>
                <td>{statement(id)}</td>
                <td class="num">{fmt(scores[id] ?? 0)}</td>
                {round.method === 'ranking' && <td>{bordaRank(result, id)}</td>}
              </tr>
            ));
          })}
        </tbody>
      </Table>
      <h3>{t('round.chart')}</h3>
      <div class="bars" role="img" aria-label={`${t('round.chart')} : ${scoreLabel}`}>
        {primary.order.flat().map((id) => (
          <div key={id} class="bar-row">
            <span class="bar-label">{statement(id)}</span>
            <span class="bar" style={{ width: `${(100 * (scores[id] ?? 0)) / max}%` }} />
            <span class="bar-value">{fmt(scores[id] ?? 0)}</span>
          </div>
        ))}
      </div>
      {primary.pairwise && (
        <>
          <h3>
            <Term id="pairwise">{t('round.pairwise')}</Term>
          </h3>
          <div class="scroll" tabIndex={0}>
            <table class="matrix">
              <thead>
                <tr>
                  <th scope="col" />
                  {primary.alternatives.map((id, j) => (
                    <th key={id} scope="col" title={statement(id)}>
                      {j + 1}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {primary.alternatives.map((id, i) => (
                  <tr key={id}>
                    <th scope="row">
                      {i + 1}. {statement(id)}
                    </th>
                    {primary.pairwise![i]!.map((v, j) => (
                      <td key={j} class={i === j ? 'diag' : v > primary.pairwise![j]![i]! ? 'win' : ''}>
                        {i === j ? '—' : v}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function bordaRank(result: RoundResult, id: string): string {
  if (!result.borda) return '';
  let position = 0;
  for (const tier of result.borda.order) {
    if (tier.includes(id)) return `${position + 1}${tier.length > 1 ? ` (${t('round.tied')})` : ''}`;
    position += tier.length;
  }
  return '';
}

function RetentionForm({ ids, round, result, onSaved }: { ids: RoundIds; round: RoundView; result: RoundResult; onSaved: () => void }) {
  const form = useForm();
  const order = result.primary.order;
  const [retained, setRetained] = useState<string[]>(round.retention?.retainedNeedIds ?? []);
  const [k, setK] = useState(String(Math.min(3, round.needs.length)));
  const [referrals, setReferrals] = useState<Record<string, { body: string; note: string }>>(
    Object.fromEntries((round.retention?.referrals ?? []).map((r) => [r.needId, { body: r.body, note: r.note }])),
  );
  const [tieBreak, setTieBreak] = useState(round.retention?.tieBreak ?? '');
  const statement = (id: string) => round.needs.find((n) => n.id === id)?.statement ?? id;
  const cut = tiesCut(order, retained);

  function applyTopK() {
    const n = Math.max(0, Math.floor(Number(k)));
    const top = topK(order, n);
    // A cut through a tie: tick the whole tied tier is not the table's decision to make here; tick what fits and ask for the tie-break.
    setRetained(top ?? order.flat().slice(0, n));
  }

  async function save(e: Event) {
    e.preventDefault();
    const body = {
      version: round.version,
      retainedNeedIds: order.flat().filter((id) => retained.includes(id)),
      referrals: Object.entries(referrals)
        .filter(([id, r]) => !retained.includes(id) && r.body.trim())
        .map(([needId, r]) => ({ needId, body: r.body, note: r.note })),
      tieBreak,
    };
    const saved = await form.run(() => saveRetention(ids, body), t('round.retentionSaved'));
    if (saved) onSaved();
  }

  return (
    <form onSubmit={save} noValidate class="panel" data-testid="retention">
      <h2>{t('round.retention')}</h2>
      <p class="hint">{t('round.retentionIntro')}</p>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      <div class="row">
        <Field label={t('round.topK')}>
          {(a) => (
            <input {...a} type="number" min={1} max={round.needs.length} class="narrow" value={k} onInput={(e) => setK((e.target as HTMLInputElement).value)} />
          )}
        </Field>
        <button type="button" class="secondary" onClick={applyTopK}>
          {t('round.topKApply')}
        </button>
        <button type="button" class="secondary" onClick={() => setRetained(order.flat())}>
          {t('round.retainAll')}
        </button>
      </div>
      <ul class="plain">
        {order.flat().map((id) => (
          <li key={id}>
            <label class="check">
              <input
                type="checkbox"
                checked={retained.includes(id)}
                onChange={(e) => setRetained((e.target as HTMLInputElement).checked ? [...retained, id] : retained.filter((x) => x !== id))}
              />{' '}
              {statement(id)}
            </label>
            {!retained.includes(id) && (
              <div class="row indent">
                <input
                  aria-label={`${t('round.referTo')} : ${statement(id)}`}
                  placeholder={t('round.referTo')}
                  value={referrals[id]?.body ?? ''}
                  onInput={(e) => setReferrals({ ...referrals, [id]: { body: (e.target as HTMLInputElement).value, note: referrals[id]?.note ?? '' } })}
                />
                <input
                  aria-label={`${t('round.referNote')} : ${statement(id)}`}
                  placeholder={t('round.referNote')}
                  value={referrals[id]?.note ?? ''}
                  onInput={(e) => setReferrals({ ...referrals, [id]: { body: referrals[id]?.body ?? '', note: (e.target as HTMLInputElement).value } })}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
      {(cut.length > 0 || tieBreak) && (
        <Field label={t('round.tieBreak')} hint={t('round.tieBreakHint')} error={form.errors.tieBreak}>
          {(a) => <textarea {...a} rows={2} value={tieBreak} onInput={(e) => setTieBreak((e.target as HTMLTextAreaElement).value)} />}
        </Field>
      )}
      <button type="submit" disabled={form.busy}>
        {t('round.saveRetention')}
      </button>
    </form>
  );
}

function RetentionSummary({ round }: { round: RoundView }) {
  const statement = (id: string) => round.needs.find((n) => n.id === id)?.statement ?? id;
  const r = round.retention!;
  return (
    <div class="panel">
      <h2>{t('round.retention')}</h2>
      <ol>
        {r.retainedNeedIds.map((id) => (
          <li key={id}>{statement(id)}</li>
        ))}
      </ol>
      {r.referrals.map((ref) => (
        <p key={ref.needId}>
          {statement(ref.needId)} — {t('round.referred', { body: ref.body })}
          {ref.note && ` (${ref.note})`}
        </p>
      ))}
      {r.tieBreak && (
        <p>
          {t('round.tieBreak')} : {r.tieBreak}
        </p>
      )}
    </div>
  );
}
