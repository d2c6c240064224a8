/**
 * The members' approval vote: members tick the proposals they support until
 * the vote closes (those they are recused from are locked, with the reason);
 * managers and coordinators open it, follow who has not voted yet, bring in
 * paper ballots (.pb), close it, and read the selection a participatory
 * budgeting rule draws, with the Method of Equal Shares explained round by
 * round. Members read the result once the vote is closed.
 */
import { useState } from 'preact/hooks';
import { formatDateTime, montrealLocalToInstant } from '../../../../shared/dates';
import { formatMoney } from '../../../../shared/money';
import { checkClosesLater } from '../../../../shared/window';
import { useSession } from '../../lib/session-context';
import { confirmAction } from '../../components/confirm';
import { NotVoted } from '../../components/not-voted';
import { Field, Link, Loading, Money, ProblemAlert, Success, Table, useForm, useResource } from '../../components/ui';
import { download } from '../../lib/api';
import { getLang, t } from '../../lib/i18n';
import { tn } from '../../lib/plural';
import { Term, TermNote } from '../../components/term';
import { castApprovals, closeVote, getCall, getVote, getVoteResults, importVote, openVote, voteFileUrl, type Vote, type VoteView } from './api';

export function PbVotePage({ callId }: { callId: string }) {
  const { membership, can } = useSession();
  const tenantId = membership.tenantId;
  const call = useResource(() => getCall({ tenantId, callId }), [tenantId, callId]);
  const view = useResource(() => getVote({ tenantId, callId }), [tenantId, callId]);
  if (!call.data || !view.data) return <Loading error={call.error ?? view.error} />;
  const v = view.data;
  const lang = getLang();
  return (
    <section>
      <p class="muted">
        <Link href={`/appels/${callId}`}>{call.data.title}</Link>
      </p>
      <h1>{t('pbv.title')}</h1>
      <p>{t('pbv.intro')}</p>
      <TermNote id="mes" />
      {!v.vote ? (
        can('scoring:manage') ? (
          <OpenVote callId={callId} onOpened={view.reload} />
        ) : (
          <p>{t('pbv.none')}</p>
        )
      ) : (
        <p data-testid="pb-status">
          {v.vote.status === 'closed'
            ? t('pbv.closedOn', { date: formatDateTime(v.vote.closedAt ?? v.vote.closesAt, lang) })
            : v.acceptingBallots
              ? t('pbv.openUntil', { date: formatDateTime(v.vote.closesAt, lang) })
              : t('pbv.ended')}
          {v.ballots !== null && ` ${t('pbv.ballots', { n: v.ballots })}`}
        </p>
      )}
      {v.vote && v.acceptingBallots && can('round:vote') && <BallotForm callId={callId} view={v} />}
      {v.vote && can('scoring:manage') && <FollowVote callId={callId} view={v} onClosed={view.reload} />}
      {v.vote && !v.resultsVisible && (
        <p class="hint" data-testid="pb-results-hidden">
          {t('pbv.resultsHidden')}
        </p>
      )}
      {v.vote && v.resultsVisible && (
        <Results callId={callId} vote={v.vote} manage={can('scoring:manage')} onImported={view.reload} accepting={v.acceptingBallots} />
      )}
    </section>
  );
}

function OpenVote({ callId, onOpened }: { callId: string; onOpened: () => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [closesAt, setClosesAt] = useState('');
  async function open(e: Event) {
    e.preventDefault();
    const at = montrealLocalToInstant(closesAt);
    if (!at) return form.setErrors({ closesAt: t('date.format') });
    if (!form.passes(checkClosesLater('closesAt', at.toISOString(), new Date()))) return;
    const done = await form.run(() => openVote({ tenantId, callId }, { closesAt: at.toISOString() }));
    if (done) onOpened();
  }
  return (
    <form onSubmit={open} noValidate class="panel row">
      <ProblemAlert problem={form.problem} />
      <Field label={t('pbv.closesAt')} error={form.errors.closesAt}>
        {(a) => <input {...a} type="datetime-local" value={closesAt} onInput={(e) => setClosesAt((e.target as HTMLInputElement).value)} />}
      </Field>
      <button type="submit" disabled={form.busy}>
        {t('pbv.open')}
      </button>
    </form>
  );
}

function BallotForm({ callId, view }: { callId: string; view: VoteView }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const locked = new Set(view.proposals.filter((p) => p.recusal).map((p) => p.id));
  // A proposal locked since the ballot was cast (ties declared meanwhile) is no longer approved.
  const [approved, setApproved] = useState<string[]>((view.myBallot?.approved ?? []).filter((id) => !locked.has(id)));
  const [version, setVersion] = useState<number | null>(view.myBallot?.version ?? null);
  async function save(e: Event) {
    e.preventDefault();
    const saved = await form.run(() => castApprovals({ tenantId, callId }, { version, approved }), t('pbv.saved'));
    if (saved) setVersion(saved.version);
  }
  return (
    <form onSubmit={save} noValidate class="panel" data-testid="pb-ballot">
      <h2>{t('pbv.mine')}</h2>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {view.proposals.map((p) => (
        <label key={p.id} class={`check${p.recusal ? ' locked' : ''}`} data-proposal={p.id}>
          <input
            type="checkbox"
            checked={!p.recusal && approved.includes(p.id)}
            disabled={p.recusal !== null}
            aria-describedby={p.recusal ? `recused-${p.id}` : undefined}
            onChange={(e) => setApproved((e.target as HTMLInputElement).checked ? [...approved, p.id] : approved.filter((x) => x !== p.id))}
          />{' '}
          {p.title}{' '}
          <small class="hint">
            {p.organizationName} · <Money cents={p.requested} />
          </small>
          {p.recusal && (
            <small class="recused" id={`recused-${p.id}`}>
              {t('pbv.locked', { reason: p.recusal.reason })}
            </small>
          )}
        </label>
      ))}
      <button type="submit" disabled={form.busy}>
        {t('pbv.submit')}
      </button>
    </form>
  );
}

/** For those who run the vote: who has not voted yet, refused approvals, and closing it (which publishes the result to members). */
function FollowVote({ callId, view, onClosed }: { callId: string; view: VoteView; onClosed: () => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const lang = getLang();
  const titles = new Map(view.proposals.map((p) => [p.id, p.title]));
  async function close() {
    if (!(await confirmAction({ title: t('pbv.confirmCloseTitle'), body: t('pbv.confirmClose'), confirm: t('pbv.close') }))) return;
    const done = await form.run(() => closeVote({ tenantId, callId }, { version: view.vote!.version }));
    if (done) onClosed();
  }
  return (
    <div class="panel" data-testid="pb-follow">
      <h2>{t('pbv.follow')}</h2>
      <ProblemAlert problem={form.problem} />
      {view.notVoted && <NotVoted people={view.notVoted} />}
      {view.refusedAttempts && view.refusedAttempts.length > 0 && (
        <>
          <h3>{t('pbv.refused')}</h3>
          <ul data-testid="pb-refused">
            {view.refusedAttempts.map((a) => (
              <li key={a.id}>{t('pbv.refusedOne', { name: a.userName, title: titles.get(a.proposalId) ?? a.proposalId, date: formatDateTime(a.at, lang) })}</li>
            ))}
          </ul>
        </>
      )}
      {view.vote!.status === 'open' && (
        <button type="button" onClick={() => void close()} disabled={form.busy}>
          {t('pbv.close')}
        </button>
      )}
    </div>
  );
}

function Results({ callId, vote, manage, accepting, onImported }: { callId: string; vote: Vote; manage: boolean; accepting: boolean; onImported: () => void }) {
  const { tenantId } = useSession().membership;
  const [rule, setRule] = useState<'mes' | 'greedy'>('mes');
  const [completion, setCompletion] = useState<'none' | 'add1' | 'add1-greedy'>('add1');
  // Reloaded when the vote changes (an import adds ballots).
  const result = useResource(() => getVoteResults({ tenantId, callId }, { rule, completion }), [tenantId, callId, rule, completion, vote.version]);
  const files = useForm();
  const [file, setFile] = useState<File | null>(null);
  const lang = getLang();
  async function importFile(e: Event) {
    e.preventDefault();
    if (!file) return;
    const text = await file.text();
    const done = await files.run(() => importVote({ tenantId, callId }, { version: vote.version, fileName: file.name, text }), t('pbv.imported'));
    if (done) onImported();
  }
  return (
    <div class="panel" data-testid="pb-results">
      <h2>{t('pbv.results')}</h2>
      <div class="row">
        <Field label={t('pbv.rule')}>
          {(a) => (
            <select {...a} value={rule} onChange={(e) => setRule((e.target as HTMLSelectElement).value as typeof rule)}>
              <option value="mes">{t('pbv.rule.mes')}</option>
              <option value="greedy">{t('pbv.rule.greedy')}</option>
            </select>
          )}
        </Field>
        {rule === 'mes' && (
          <Field label={t('pbv.completion')}>
            {(a) => (
              <select {...a} value={completion} onChange={(e) => setCompletion((e.target as HTMLSelectElement).value as typeof completion)}>
                {(['none', 'add1', 'add1-greedy'] as const).map((c) => (
                  <option key={c} value={c}>
                    {t(`pbv.completion.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      {rule === 'greedy' ? <TermNote id="pbGreedy" /> : completion !== 'none' && <TermNote id="add1" />}
      {!result.data ? (
        <Loading error={result.error} />
      ) : (
        <>
          <p>
            <strong>{t('pbv.selected', { total: formatMoney(result.data.total, lang), budget: formatMoney(result.data.budget, lang) })}</strong>
          </p>
          <Table label={t('pbv.results')}>
            <thead>
              <tr>
                <th scope="col">{t('alloc.proposal')}</th>
                <th scope="col" class="num">
                  {t('pbv.approvals')}
                </th>
                <th scope="col" class="num">
                  {t('alloc.requested')}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.data.selected.map((s) => (
                <tr key={s.id}>
                  <td>{s.title}</td>
                  <td class="num">{s.approvals}</td>
                  <td class="num">
                    <Money cents={s.cost} />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          {result.data.rounds.length > 0 && (
            <>
              <h3>
                {t('pbv.rounds')} <Term id="rho" />
              </h3>
              <ol data-testid="pb-rounds">
                {result.data.rounds.map((r) => (
                  <li key={r.id}>
                    {t('pbv.round', {
                      title: r.title,
                      rho: r.rho,
                      max: formatMoney(r.maxPayment, getLang()),
                      payers: tn('pbv.payers', r.payers),
                      exhausted: tn('pbv.exhausted', r.exhausted),
                    })}
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
      {manage && <ProblemAlert problem={files.problem} />}
      {manage && <Success text={files.done} />}
      {manage && (
        <div class="row">
          <button type="button" class="secondary" onClick={() => void files.run(() => download(voteFileUrl({ tenantId, callId }).toString(), 'vote.pb'))}>
            {t('pbv.export')}
          </button>
          {accepting && (
            <form onSubmit={importFile} class="row">
              <Field label={t('pbv.import')}>
                {(a) => <input {...a} type="file" accept=".pb" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />}
              </Field>
              <button type="submit" class="secondary" disabled={!file || files.busy}>
                {t('pbv.importDo')}
              </button>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
