/**
 * The three ways of voting in a round. The ranking editor works with the
 * keyboard (buttons on each row, or Alt + ↑/↓ on a focused row) as well as
 * by dragging rows; needs left out are tied last, as the method says.
 */
import { useState } from 'preact/hooks';
import { checkBallot } from '../../../../shared/prioritization';
import { ProblemAlert, Success, useForm } from '../../components/ui';
import { ApiProblem } from '../../lib/api';
import { t } from '../../lib/i18n';
import { castBallot, type Ballot, type RoundIds, type RoundView } from './api';

type RoundNeeds = RoundView['needs'];
interface Row {
  id: string;
  /** Tied with the row above it. */
  tied: boolean;
}

function toRows(ranking: string[][]): Row[] {
  return ranking.flatMap((tier) => tier.map((id, i) => ({ id, tied: i > 0 })));
}
function toTiers(rows: Row[]): string[][] {
  const tiers: string[][] = [];
  for (const [i, r] of rows.entries()) {
    if (i > 0 && r.tied) tiers[tiers.length - 1]!.push(r.id);
    else tiers.push([r.id]);
  }
  return tiers;
}

export function BallotForm({ ids, round, mine, onSaved }: { ids: RoundIds; round: RoundView; mine: Ballot | null; onSaved: (b: Ballot) => void }) {
  const form = useForm();
  const [ballot, setBallot] = useState(mine);
  const [rows, setRows] = useState<Row[]>(toRows(mine?.ranking ?? []));
  const [points, setPoints] = useState<Record<string, string>>(Object.fromEntries(Object.entries(mine?.points ?? {}).map(([k, v]) => [k, String(v)])));
  const [approved, setApproved] = useState<string[]>(mine?.approved ?? []);

  function body() {
    if (round.method === 'ranking') return { ranking: toTiers(rows) };
    if (round.method === 'points')
      return {
        points: Object.fromEntries(
          Object.entries(points)
            .filter(([, v]) => v.trim() !== '' && Number(v) > 0)
            .map(([k, v]) => [k, Math.floor(Number(v))]),
        ),
      };
    return { approved };
  }

  async function submit(e: Event) {
    e.preventDefault();
    const b = body();
    const problems = checkBallot(round, b);
    if (problems.length) {
      form.setProblem(
        new ApiProblem(
          400,
          '/problems/validation-failed',
          { fr: 'Le bulletin est invalide.', en: 'The ballot is invalid.' },
          problems[0]!.message,
          problems,
          {},
        ),
      );
      return;
    }
    const saved = await form.run(() => castBallot(ids, { version: ballot?.version ?? null, ...b }), t('round.saved'));
    if (saved) {
      setBallot(saved);
      onSaved(saved);
    }
  }

  const total = Object.values(points).reduce((s, v) => s + (Number(v) > 0 ? Math.floor(Number(v)) : 0), 0);
  return (
    <form onSubmit={submit} noValidate class="panel" data-testid="ballot">
      <h2>{t('round.vote')}</h2>
      <p class="hint">{t(`round.voteIntro.${round.method}`, { n: round.pointsBudget ?? round.approvalMax ?? 0 })}</p>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {round.method === 'ranking' && <RankingEditor needs={round.needs} rows={rows} setRows={setRows} />}
      {round.method === 'points' && (
        <>
          <p aria-live="polite" class={total > (round.pointsBudget ?? 0) ? 'error' : ''}>
            {t('round.pointsLeft', { n: (round.pointsBudget ?? 0) - total })}
          </p>
          <ul class="plain">
            {round.needs.map((n) => (
              <li key={n.id} class="row">
                <input
                  type="number"
                  min={0}
                  max={round.pointsBudget ?? undefined}
                  class="narrow"
                  aria-label={n.statement}
                  value={points[n.id] ?? ''}
                  onInput={(e) => setPoints({ ...points, [n.id]: (e.target as HTMLInputElement).value })}
                />
                <span>{n.statement}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {round.method === 'approval' && (
        <>
          <p aria-live="polite">{t('round.approvalsLeft', { n: (round.approvalMax ?? 0) - approved.length })}</p>
          {round.needs.map((n) => (
            <label key={n.id} class="check">
              <input
                type="checkbox"
                checked={approved.includes(n.id)}
                disabled={!approved.includes(n.id) && approved.length >= (round.approvalMax ?? 0)}
                onChange={(e) => setApproved((e.target as HTMLInputElement).checked ? [...approved, n.id] : approved.filter((x) => x !== n.id))}
              />{' '}
              {n.statement}
            </label>
          ))}
        </>
      )}
      <button type="submit" disabled={form.busy}>
        {t('round.submit')}
      </button>
    </form>
  );
}

function RankingEditor({ needs, rows, setRows }: { needs: RoundNeeds; rows: Row[]; setRows: (r: Row[]) => void }) {
  const [dragged, setDragged] = useState<number | null>(null);
  const statement = (id: string) => needs.find((n) => n.id === id)?.statement ?? id;
  const unranked = needs.filter((n) => !rows.some((r) => r.id === n.id));

  const move = (from: number, to: number) => {
    if (to < 0 || to >= rows.length || from === to) return;
    const next = [...rows];
    const [row] = next.splice(from, 1);
    next.splice(to, 0, row!);
    // The first row cannot be tied with a row above it.
    setRows(next.map((r, i) => (i === 0 ? { ...r, tied: false } : r)));
  };
  const focusRow = (i: number) => requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-rank-row="${i}"]`)?.focus());
  // Positions shared by tied rows: a tie shows one rank number.
  let rank = 0;
  const ranks = rows.map((r, i) => (i === 0 || !r.tied ? (rank = i + 1) : rank));

  return (
    <>
      <h3>{t('round.ranked')}</h3>
      <p class="hint">{t('round.dragHint')}</p>
      <ol class="ranking" data-testid="ranking">
        {rows.map((r, i) => (
          <li
            key={r.id}
            tabIndex={0}
            data-rank-row={i}
            data-need={r.id}
            draggable
            class={`${r.tied ? 'tied' : ''}${dragged === i ? ' dragging' : ''}`}
            aria-label={`${t('round.rank')} ${ranks[i]}${r.tied ? ` (${t('round.tied')})` : ''} : ${statement(r.id)}`}
            onDragStart={() => setDragged(i)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragged !== null) move(dragged, i);
              setDragged(null);
            }}
            onDragEnd={() => setDragged(null)}
            onKeyDown={(e) => {
              if (!e.altKey || e.target !== e.currentTarget) return;
              if (e.key === 'ArrowUp') {
                e.preventDefault();
                move(i, i - 1);
                focusRow(i - 1);
              } else if (e.key === 'ArrowDown') {
                e.preventDefault();
                move(i, i + 1);
                focusRow(i + 1);
              }
            }}
          >
            <span class="rank">{ranks[i]}</span>
            <span class="statement">{statement(r.id)}</span>
            <span class="tools">
              <button
                type="button"
                class="icon"
                onClick={() => move(i, i - 1)}
                disabled={i === 0}
                aria-label={`${t('round.up')} : ${statement(r.id)}`}
                title={t('round.up')}
              >
                ↑
              </button>
              <button
                type="button"
                class="icon"
                onClick={() => move(i, i + 1)}
                disabled={i === rows.length - 1}
                aria-label={`${t('round.down')} : ${statement(r.id)}`}
                title={t('round.down')}
              >
                ↓
              </button>
              {i > 0 && (
                <button
                  type="button"
                  class="icon"
                  aria-pressed={r.tied}
                  onClick={() => setRows(rows.map((x, j) => (j === i ? { ...x, tied: !x.tied } : x)))}
                  aria-label={`${t(r.tied ? 'round.untie' : 'round.tie')} : ${statement(r.id)}`}
                  title={t(r.tied ? 'round.untie' : 'round.tie')}
                >
                  =
                </button>
              )}
              <button
                type="button"
                class="icon"
                onClick={() => setRows(rows.filter((_, j) => j !== i).map((x, j) => (j === 0 ? { ...x, tied: false } : x)))}
                aria-label={`${t('round.removeRank')} : ${statement(r.id)}`}
                title={t('round.removeRank')}
              >
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      {unranked.length > 0 && (
        <>
          <h3>{t('round.unranked')}</h3>
          <ul class="plain">
            {unranked.map((n) => (
              <li key={n.id} class="row">
                <button
                  type="button"
                  class="secondary"
                  onClick={() => setRows([...rows, { id: n.id, tied: false }])}
                  aria-label={`${t('round.addRank')} : ${n.statement}`}
                >
                  {t('round.addRank')}
                </button>
                <span>{n.statement}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
