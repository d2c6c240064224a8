/**
 * The call's evaluation. Managers and coordinators: the grid, opening,
 * reopening and ending scoring, and the results (ranking with ties,
 * disagreement, heat map, progress, recusals for the minutes, exports).
 * Table members: the proposals assigned to them, with their state.
 */
import { useState } from 'preact/hooks';
import { formatDateTime, montrealLocalToInstant } from '../../../../shared/dates';
import type { AggregationRule } from '../../../../shared/scoring/aggregate';
import { InvalidStateError } from '../../../../shared/errors';
import { type GridStep, gridStepRefusal } from '../../../../shared/scoring/grid';
import { checkClosesLater } from '../../../../shared/window';
import { useSession } from '../../lib/session-context';
import { confirmAction } from '../../components/confirm';
import { Field, Link, Loading, Money, ProblemAlert, Table, useForm, useResource } from '../../components/ui';
import { download } from '../../lib/api';
import { getLang, loc, t } from '../../lib/i18n';
import { scoringOpeningBlock, scoringOpeningBlockText } from '../../../../shared/scoring/opening';
import { closeScoring, getCall, getGridSetup, getMine, getResults, openScoring, reopenGrid, resultsCsvUrl, resultsJsonUrl, type Call, type Grid } from './api';
import { GridEditor } from './grid-editor';
import { Term, TermNote } from '../../components/term';

export function ScoringPage({ callId }: { callId: string }) {
  const { membership, can } = useSession();
  const call = useResource(() => getCall(membership.tenantId, callId), [membership.tenantId, callId]);
  if (!call.data) return <Loading error={call.error} />;
  return (
    <section>
      <p class="muted">
        <Link href={`/appels/${callId}`}>{call.data.title}</Link>
      </p>
      <h1>{t('scoring.title')}</h1>
      {can('scoring:manage') ? <ManagerView call={call.data} /> : <EvaluatorView callId={callId} />}
    </section>
  );
}

function ManagerView({ call }: { call: Call }) {
  const { tenantId } = useSession().membership;
  const loaded = useResource(() => getGridSetup(tenantId, call.id), [tenantId, call.id]);
  if (!loaded.data) return <Loading error={loaded.error} />;
  const data = loaded.data;
  const grid = data.grid;
  return (
    <>
      {(!grid || grid.status === 'draft') && <GridEditor call={call} grid={grid} choices={data} onSaved={(g) => loaded.setData({ ...data, grid: g })} />}
      {grid && <GridControls call={call} grid={grid} awaitingScreening={data.awaitingScreening} onChange={(g) => loaded.setData({ ...data, grid: g })} />}
      {grid && grid.status !== 'draft' && <Results callId={call.id} grid={grid} />}
    </>
  );
}

function GridControls({
  call,
  grid,
  awaitingScreening,
  onChange,
}: {
  call: Call;
  grid: Grid;
  awaitingScreening: { count: number; rescreen: number } | undefined;
  onChange: (g: Grid) => void;
}) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [closesAt, setClosesAt] = useState('');
  const [reason, setReason] = useState('');
  const lang = getLang();
  // The server's rule, on the call's phase by the server's clock: scoring opens once the call has closed.
  const blocked = scoringOpeningBlock(call, call.phase);
  async function act(action: GridStep, send: () => Promise<{ grid: Grid }>, closesAtInstant?: string) {
    // The API's rules, run before asking for confirmation: the step from the grid's status, a closing time to come.
    const refusal = gridStepRefusal(grid.status, action);
    if (refusal) return form.refuse(new InvalidStateError(refusal));
    if (closesAtInstant && !form.passes(checkClosesLater('closesAt', closesAtInstant, new Date()))) return;
    if (action === 'open' && !(await confirmAction({ title: t('confirm.lockGrid.title'), body: t('confirm.lockGrid.body'), confirm: t('scoring.open') })))
      return;
    if (
      action === 'close' &&
      !(await confirmAction({ title: t('confirm.endScoring.title'), body: t('confirm.endScoring.body'), confirm: t('scoring.close'), danger: true }))
    )
      return;
    const saved = await form.run(send);
    if (saved) onChange(saved.grid);
  }
  return (
    <div class="panel" data-testid="grid-controls">
      <ProblemAlert problem={form.problem} />
      {grid.status === 'draft' && awaitingScreening && awaitingScreening.count > 0 && (
        <p class="alert alert-warning" data-testid="awaiting-screening">
          {t('scoring.awaitingScreening', { n: awaitingScreening.count, r: awaitingScreening.rescreen })}
        </p>
      )}
      {grid.status === 'draft' && (
        <div class="row">
          <Field label={t('scoring.closesAt')} error={form.errors.closesAt}>
            {(a) => (
              <input
                {...a}
                type="datetime-local"
                value={closesAt}
                disabled={blocked !== null}
                onInput={(e) => setClosesAt((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          <button
            type="button"
            disabled={form.busy || blocked !== null}
            aria-describedby={blocked ? 'open-unavailable' : undefined}
            onClick={() => {
              const at = montrealLocalToInstant(closesAt)?.toISOString() ?? '';
              void act('open', () => openScoring(tenantId, grid.callId, { version: grid.version, closesAt: at }), at);
            }}
          >
            {t('scoring.open')}
          </button>
        </div>
      )}
      {grid.status === 'draft' && blocked && (
        <p id="open-unavailable" class="hint" data-testid="open-unavailable">
          {loc(scoringOpeningBlockText(blocked))}
        </p>
      )}
      {grid.status === 'open' && <p>{t('scoring.locked', { v: grid.gridVersion, date: formatDateTime(grid.closesAt!, lang) })}</p>}
      {grid.status === 'closed' && <p>{t('scoring.closedState')}</p>}
      {grid.status !== 'draft' && (
        <div class="row">
          <Field label={t('scoring.reopenReason')} error={form.errors.reason}>
            {(a) => <input {...a} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />}
          </Field>
          <button
            type="button"
            class="secondary"
            disabled={form.busy || !reason.trim()}
            onClick={() => void act('reopen', () => reopenGrid(tenantId, grid.callId, { version: grid.version, reason }))}
          >
            {t('scoring.reopen')}
          </button>
          {grid.status === 'open' && (
            <button
              type="button"
              class="secondary"
              disabled={form.busy}
              onClick={() => void act('close', () => closeScoring(tenantId, grid.callId, { version: grid.version }))}
            >
              {t('scoring.close')}
            </button>
          )}
        </div>
      )}
      {grid.reopenings.length > 0 && (
        <>
          <h3>{t('scoring.reopenings')}</h3>
          <ul>
            {grid.reopenings.map((r) => (
              <li key={r.at}>
                {formatDateTime(r.at, lang)} — {r.by} : {r.reason} (v{r.fromGridVersion})
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

const fmt = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : n.toLocaleString(getLang() === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 1 });

function Results({ callId, grid }: { callId: string; grid: Grid }) {
  const { tenantId } = useSession().membership;
  const [rule, setRule] = useState<AggregationRule>(grid.rule);
  const [normalize, setNormalize] = useState(grid.normalize);
  const results = useResource(() => getResults(tenantId, callId, { rule, normalize }), [tenantId, callId, rule, normalize]);
  const exports = useForm();
  if (!results.data) return <Loading error={results.error} />;
  const r = results.data;
  const lang = getLang();
  const byId = new Map(r.result.proposals.map((p) => [p.proposalId, p]));
  const proposal = (id: string) => r.proposals.find((p) => p.id === id)!;
  const recused = (e: string, p: string) => r.recusals.some((x) => x.userId === e && x.proposalId === p);
  const name = (id: string) => r.evaluators.find((e) => e.id === id)?.name ?? id;
  let position = 0;
  return (
    <div class="panel" data-testid="scoring-results">
      <h2>{t('scoring.results')}</h2>
      <div class="row">
        <Field label={t('scoring.rule')}>
          {(a) => (
            <select {...a} value={rule} onChange={(e) => setRule((e.target as HTMLSelectElement).value as AggregationRule)}>
              {(['mean', 'median', 'trimmed'] as const).map((x) => (
                <option key={x} value={x}>
                  {t(`scoring.rule.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label class="check">
          <input type="checkbox" checked={normalize} onChange={(e) => setNormalize((e.target as HTMLInputElement).checked)} /> {t('scoring.normalize')}
        </label>
      </div>
      <ProblemAlert problem={exports.problem} />
      <div class="row">
        <button
          type="button"
          class="secondary"
          onClick={() => void exports.run(() => download(resultsCsvUrl(tenantId, callId, { rule, normalize }).toString(), 'evaluation.csv'))}
        >
          {t('scoring.downloadCsv')}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => void exports.run(() => download(resultsJsonUrl(tenantId, callId, { rule, normalize }).toString(), 'evaluation.json'))}
        >
          {t('scoring.downloadJson')}
        </button>
      </div>
      <div class="scroll" tabIndex={0}>
        <table data-testid="ranking">
          <thead>
            <tr>
              <th scope="col">{t('scoring.rank')}</th>
              <th scope="col">{t('scoring.proposal')}</th>
              <th scope="col" class="num">
                {t('proposal.requested')}
              </th>
              <th scope="col" class="num">
                <Term id="aggregation">{t('scoring.aggregate')}</Term>
              </th>
              <th scope="col" class="num">
                <Term id="normalization">{t('scoring.aggregateNormalized')}</Term>
              </th>
              <th scope="col" class="num">
                {t('scoring.spread')}
              </th>
              <th scope="col">
                <Term id="disagreement">{t('scoring.disagreement')}</Term>
              </th>
            </tr>
          </thead>
          <tbody>
            {r.result.ranking.flatMap((tier) => {
              const rank = position + 1;
              position += tier.length;
              // Within a tie, proposals are listed by title: the ranking's tier order follows generated ids.
              const byTitle = [...tier].sort((a, b) => proposal(a).title.localeCompare(proposal(b).title, 'fr'));
              return byTitle.map((id) => {
                const p = byId.get(id)!;
                return (
                  <tr key={id} data-proposal={id}>
                    <td>
                      {rank}
                      {tier.length > 1 && <span class="badge"> {t('scoring.tie')}</span>}
                    </td>
                    <td>
                      {proposal(id).title} <small class="hint">{proposal(id).organizationName}</small>
                    </td>
                    <td class="num">
                      <Money cents={proposal(id).requested} />
                    </td>
                    <td class="num">{fmt(p.aggregate)}</td>
                    <td class="num">{fmt(p.aggregateNormalized)}</td>
                    <td class="num">{fmt(p.spread)}</td>
                    <td>{p.disagreement && <span class="badge badge-ineligible">{t('scoring.disagreementFlag')}</span>}</td>
                  </tr>
                );
              });
            })}
          </tbody>
        </table>
      </div>
      {r.result.unranked.length > 0 && <p class="hint">{t('scoring.unranked', { n: r.result.unranked.length })}</p>}
      {grid.mode === 'consensus' && (
        <>
          <h3>{t('scoring.mode.consensus')}</h3>
          <ul>
            {r.proposals.map((p) => (
              <li key={p.id}>
                <Link href={`/appels/${callId}/evaluation/${p.id}`}>{p.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {r.result.notNormalized.length > 0 && r.result.normalized && (
        <p class="hint">{t('scoring.notNormalized', { names: r.result.notNormalized.map(name).join(', ') })}</p>
      )}

      <h3>{t('scoring.heatmap')}</h3>
      <div class="scroll" tabIndex={0}>
        <table class="heatmap">
          <thead>
            <tr>
              <th scope="col">{t('scoring.proposal')}</th>
              {r.evaluators.map((e) => (
                <th key={e.id} scope="col">
                  {e.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {r.proposals.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.title}</th>
                {r.evaluators.map((e) => {
                  if (recused(e.id, p.id))
                    return (
                      <td key={e.id} class="recused">
                        {t('scoring.recusedCell')}
                      </td>
                    );
                  const v = (normalize ? byId.get(p.id)?.normalized : byId.get(p.id)?.raw)?.[e.id];
                  return (
                    <td
                      key={e.id}
                      class="num"
                      style={v === undefined ? undefined : { background: `hsl(${Math.round((Math.max(0, Math.min(100, v)) / 100) * 120)}, 60%, 85%)` }}
                    >
                      {fmt(v)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>{t('scoring.progress')}</h3>
      <ul>
        {r.progress.map((p) => (
          <li key={p.evaluatorId}>
            {t('scoring.progressLine', { name: name(p.evaluatorId), done: p.submitted, total: p.assigned })}{' '}
            <progress max={Math.max(1, p.assigned)} value={p.submitted} />
          </li>
        ))}
      </ul>
      <h3>
        <Term id="recusal">{t('scoring.minutes')}</Term>
      </h3>
      {r.recusals.length === 0 ? (
        <p>{t('scoring.noRecusal')}</p>
      ) : (
        <ul data-testid="recusals">
          {r.recusals.map((x) => (
            <li key={x.userId + x.proposalId}>
              {x.at.slice(0, 10)} — {x.userName} : {proposal(x.proposalId)?.title ?? x.proposalId} ({x.reason})
              {x.tieWithdrawnAt && ` — ${t('scoring.recusalKept', { date: formatDateTime(x.tieWithdrawnAt, lang) })}`}
            </li>
          ))}
        </ul>
      )}
      {r.tieChanges.length > 0 && (
        <>
          <h3>{t('scoring.tieChanges')}</h3>
          <ul data-testid="tie-changes">
            {r.tieChanges.map((x) => (
              <li key={`${x.at}-${x.userId}-${x.organizationId}`}>
                {t(x.change === 'declared' ? 'scoring.tieDeclared' : 'scoring.tieWithdrawn', {
                  date: formatDateTime(x.at, lang),
                  name: x.userName,
                  org: x.organizationName,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.refusedAttempts.length > 0 && (
        <>
          <h3>{t('scoring.attempts')}</h3>
          <ul>
            {r.refusedAttempts.map((a) => (
              <li key={a.id}>
                {formatDateTime(a.at, lang)} — {a.userName} : {proposal(a.proposalId)?.title ?? a.proposalId}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function EvaluatorView({ callId }: { callId: string }) {
  const { tenantId } = useSession().membership;
  const lang = getLang();
  const mine = useResource(() => getMine(tenantId, callId), [tenantId, callId]);
  if (mine.error?.status === 404) return <p>{t('scoring.noGrid')}</p>;
  if (!mine.data) return <Loading error={mine.error} />;
  const m = mine.data;
  return (
    <>
      {!m.acceptingScores && (
        <p role="status">
          {m.grid.status === 'closed' || (m.grid.status === 'open' && m.grid.closesAt !== null)
            ? t('scoring.ended', { at: formatDateTime(m.grid.closesAt ?? m.grid.updatedAt, lang) })
            : t('scoring.notOpen')}
        </p>
      )}
      <h2>{t('scoring.mine')}</h2>
      {m.proposals.length === 0 ? (
        <p>{t('scoring.noProposal')}</p>
      ) : (
        <Table label={t('scoring.mine')} data-testid="my-proposals-to-score">
          <thead>
            <tr>
              <th scope="col">{t('scoring.proposal')}</th>
              <th scope="col">{t('proposal.organization')}</th>
              <th scope="col">{t('proposal.status')}</th>
            </tr>
          </thead>
          <tbody>
            {m.proposals.map((p) => (
              <tr key={p.id} data-proposal={p.id}>
                <td>
                  <Link href={`/appels/${callId}/evaluation/${p.id}`}>{p.title}</Link>
                </td>
                <td>{p.organizationName}</td>
                <td>
                  <span class={`badge${p.recusal ? ' badge-withdrawn' : p.status === 'submitted' ? ' badge-eligible' : ''}`}>
                    {t(p.recusal ? 'scoring.status.recused' : `scoring.status.${p.status ?? 'none'}`)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {m.proposals.some((p) => p.recusal) && <TermNote id="recusal" />}
    </>
  );
}
