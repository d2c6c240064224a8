/**
 * Managers and coordinators fit the requests into the call's amount:
 * compute scenarios, read each one (amounts, shares, reasons, constraints,
 * a chart, what if), compare two to four side by side, and run a revision
 * round from a scenario.
 */
import type { ComponentChild } from 'preact';
import { useState } from 'preact/hooks';
import { formatDateTime, montrealLocalToInstant } from '../../../../shared/dates';
import { formatMoney } from '../../../../shared/money';
import { constraintLabel, scenarioNames } from '../../../../shared/fitting/constraint-label';
import { scenarioSchema } from '../../../../shared/schemas/allocation';
import { checkClosesLater } from '../../../../shared/window';
import { useSession } from '../../lib/session-context';
import { MoneyInput, readMoney } from '../../components/money-input';
import { confirmAction } from '../../components/confirm';
import { Field, Link, Loading, Money, ProblemAlert, Success, Table, useForm, useResource } from '../../components/ui';
import { download } from '../../lib/api';
import { settledText } from './revision-panel';
import {
  closeRevision,
  computeScenario,
  getCall,
  getRevision,
  getScoringStatus,
  listScenarios,
  scenarioCsvUrl,
  startRevision,
  type Call,
  type RevisionAnswer,
  type Scenario,
} from './api';
import { getLang, loc, t } from '../../lib/i18n';
import { Term, TermNote } from '../../components/term';

export function AllocationPage({ callId }: { callId: string }) {
  const { tenantId } = useSession().membership;
  const call = useResource(() => getCall({ tenantId, callId }), [tenantId, callId]);
  const scenarios = useResource(() => listScenarios({ tenantId, callId }), [tenantId, callId]);
  const scoring = useResource(() => getScoringStatus({ tenantId, callId }), [tenantId, callId]);
  const [shown, setShown] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [comparing, setComparing] = useState(false);
  if (!call.data || !scenarios.data || !scoring.data) return <Loading error={call.error ?? scenarios.error ?? scoring.error} />;
  const list = scenarios.data.items;
  const current = list.find((s) => s.id === shown) ?? list[0] ?? null;
  return (
    <section>
      <p class="muted">
        <Link href={`/appels/${callId}`}>{call.data.title}</Link>
      </p>
      <h1>{t('alloc.title')}</h1>
      <p>{t('alloc.intro')}</p>
      <ScenarioForm
        call={call.data}
        scoring={scoring.data}
        onComputed={(s) => {
          scenarios.setData({ items: [s, ...list], cursor: null });
          setShown(s.id);
          setComparing(false);
        }}
      />
      <h2>{t('alloc.scenarios')}</h2>
      {list.length === 0 ? (
        <p>{t('alloc.none')}</p>
      ) : (
        <>
          <ul class="plain" data-testid="scenario-list">
            {list.map((s) => (
              <li key={s.id} class="row">
                <label class="check">
                  <input
                    type="checkbox"
                    checked={picked.includes(s.id)}
                    aria-label={`${t('alloc.pick')} : ${s.name}`}
                    onChange={(e) => setPicked((e.target as HTMLInputElement).checked ? [...picked, s.id].slice(-4) : picked.filter((x) => x !== s.id))}
                  />
                </label>
                <button
                  type="button"
                  class="link"
                  onClick={() => {
                    setShown(s.id);
                    setComparing(false);
                  }}
                  aria-current={current?.id === s.id && !comparing}
                >
                  {s.name}
                </button>
                <small class="hint">
                  {t(`alloc.method.${s.method}`)} · <Money cents={s.result.total} />
                  {s.unscored && ` · ${t('alloc.unscored')}`}
                </small>
              </li>
            ))}
          </ul>
          <button type="button" class="secondary" disabled={picked.length < 2} onClick={() => setComparing(true)}>
            {t('alloc.compare')}
          </button>
          {comparing ? <Compare scenarios={list.filter((s) => picked.includes(s.id))} /> : current && <ScenarioView scenario={current} call={call.data} />}
        </>
      )}
      <Revision callId={callId} scenarios={list} />
    </section>
  );
}

/** Methods that rank proposals by their score: they need scoring closed. */
const NEEDS_SCORES = new Set(['greedy', 'optimal']);

function ScenarioForm({ call, scoring, onComputed }: { call: Call; scoring: 'none' | 'draft' | 'open' | 'closed'; onComputed: (s: Scenario) => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const scored = scoring === 'closed';
  const [name, setName] = useState('');
  // Without final scores, only the splits that need none can run: the form starts on the equal split.
  const [method, setMethod] = useState<'greedy' | 'proportional' | 'equal' | 'optimal'>(scored ? 'optimal' : 'equal');
  const [objective, setObjective] = useState<'value' | 'coverage'>('value');
  const [cover, setCover] = useState<string[]>([]);
  const [maxN, setMaxN] = useState('');
  const [maxX, setMaxX] = useState('');
  const [reserved, setReserved] = useState<Record<string, string>>({});

  async function compute(e: Event) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const maxAmount = maxX.trim() ? readMoney(maxX, 'constraints.maxAmountPerOrganization', errors) : undefined;
    const reservedList = Object.entries(reserved)
      .filter(([, v]) => v.trim())
      .map(([need, v]) => ({ need, amount: readMoney(v, `constraints.reserved.${need}`, errors)! }));
    if (Object.keys(errors).length) return form.setErrors(errors);
    const payload = {
      name,
      method,
      objective,
      constraints: {
        ...(cover.length ? { coverNeeds: cover } : {}),
        ...(maxN.trim() ? { maxProposalsPerOrganization: Number(maxN) } : {}),
        ...(maxAmount !== undefined ? { maxAmountPerOrganization: maxAmount } : {}),
        ...(reservedList.length ? { reserved: reservedList } : {}),
      },
    };
    if (!form.check(scenarioSchema, payload)) return;
    const s = await form.run(() => computeScenario({ tenantId, callId: call.id }, payload));
    if (s) onComputed(s);
  }

  return (
    <form onSubmit={compute} noValidate class="panel" data-testid="scenario-form">
      <h2>{t('alloc.new')}</h2>
      {!scored && (
        <p class="hint" data-testid="scores-missing">
          {t(scoring === 'none' ? 'alloc.noScores.noGrid' : scoring === 'draft' ? 'alloc.noScores.notStarted' : 'alloc.noScores.underWay')}
        </p>
      )}
      <ProblemAlert problem={form.problem} />
      <div class="row">
        <Field label={t('alloc.name')} error={form.errors.name}>
          {(a) => <input {...a} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label={t('alloc.method')}>
          {(a) => (
            <select {...a} value={method} onChange={(e) => setMethod((e.target as HTMLSelectElement).value as typeof method)}>
              {(['optimal', 'greedy', 'proportional', 'equal'] as const).map((m) => {
                const blocked = !scored && NEEDS_SCORES.has(m);
                return (
                  <option key={m} value={m} disabled={blocked}>
                    {t(`alloc.method.${m}`)}
                    {blocked && ` ${t('alloc.needsScores')}`}
                  </option>
                );
              })}
            </select>
          )}
        </Field>
        {method === 'optimal' && (
          <Field label={t('alloc.objective')}>
            {(a) => (
              <select {...a} value={objective} onChange={(e) => setObjective((e.target as HTMLSelectElement).value as typeof objective)}>
                <option value="value">{t('alloc.objective.value')}</option>
                <option value="coverage">{t('alloc.objective.coverage')}</option>
              </select>
            )}
          </Field>
        )}
      </div>
      <TermNote id={method} />
      {call.needs.length > 0 && (
        <Table class="needs-constraints">
          <caption>{t('alloc.coverNeeds')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('needs.statement')}</th>
              <th scope="col">{t('alloc.cover')}</th>
              <th scope="col">{t('alloc.reservedAmount')}</th>
            </tr>
          </thead>
          <tbody>
            {call.needs.map((n) => (
              <tr key={n.id}>
                <th scope="row">{n.statement}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t('alloc.cover')} : ${n.statement}`}
                    checked={cover.includes(n.id)}
                    onChange={(e) => setCover((e.target as HTMLInputElement).checked ? [...cover, n.id] : cover.filter((x) => x !== n.id))}
                  />
                </td>
                <td>
                  <MoneyInput
                    aria-label={t('alloc.reserved', { need: n.statement })}
                    aria-invalid={Boolean(form.errors[`constraints.reserved.${n.id}`])}
                    value={reserved[n.id] ?? ''}
                    onInput={(v) => setReserved({ ...reserved, [n.id]: v })}
                  />
                  {form.errors[`constraints.reserved.${n.id}`] && <small class="error">{form.errors[`constraints.reserved.${n.id}`]}</small>}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <div class="row">
        <Field label={t('alloc.maxProposals')} error={form.errors['constraints.maxProposalsPerOrganization']}>
          {(a) => <input {...a} class="narrow" type="number" min={1} value={maxN} onInput={(e) => setMaxN((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label={t('alloc.maxAmount')} error={form.errors['constraints.maxAmountPerOrganization']}>
          {(a) => <MoneyInput {...a} value={maxX} onInput={setMaxX} />}
        </Field>
      </div>
      <button type="submit" disabled={form.busy}>
        {t('alloc.compute')}
      </button>
    </form>
  );
}

/** A share of the request: `66,7 %` in French (narrow no-break space), `66.7%` in English. */
const pct = (a: number, r: number) => {
  const n = (Math.round((1000 * a) / r) / 10).toLocaleString(getLang() === 'fr' ? 'fr-CA' : 'en-CA');
  return getLang() === 'fr' ? `${n}\u202f%` : `${n}%`;
};

/** Points of value per 1 000 $ requested (score ÷ request): what `optimal` spends money on, after the minimums. */
const density = (x: { score: number; requested: number }) =>
  ((x.score * 100_000) / x.requested).toLocaleString(getLang() === 'fr' ? 'fr-CA' : 'en-CA', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function ScenarioView({ scenario, call }: { scenario: Scenario; call: Call }) {
  const r = scenario.result;
  const info = new Map(scenario.inputs.map((i) => [i.id, i]));
  const p = new Map(scenario.instance.proposals.map((x) => [x.id, x]));
  const lang = getLang();
  const max = Math.max(1, ...scenario.instance.proposals.map((x) => x.requested));
  const rows = [...r.allocations].sort((a, b) => (p.get(b.id)?.score ?? 0) - (p.get(a.id)?.score ?? 0));
  return (
    <div class="panel" data-testid="scenario">
      <h2>{scenario.name}</h2>
      {scenario.unscored && (
        <p class="badge" data-testid="unscored">
          {t('alloc.unscored')}
        </p>
      )}
      <p>
        <Term id={scenario.method}>{t(`alloc.method.${scenario.method}`)}</Term>
        {scenario.method === 'optimal' && ` — ${t(`alloc.objective.${scenario.objective}`)} — ${t(r.optimal ? 'alloc.proven' : 'alloc.notProven')}`}
      </p>
      <p class="hint" data-testid="method-explained">
        {t(scenario.method === 'optimal' ? `alloc.explain.${scenario.objective}` : `alloc.explain.${scenario.method}`)}
      </p>
      {r.tieRuleUnfinished && (
        <p class="alert alert-warning" role="status" data-testid="tie-rule-unfinished">
          {t('alloc.tieRuleUnfinished')}
        </p>
      )}
      {r.infeasible ? (
        <div class="alert alert-error" role="alert" data-testid="infeasible">
          <strong>{t('alloc.infeasible')}</strong>
          <ul>
            {r.infeasible.map((c) => (
              <li key={c.code + c.fr}>{loc(c)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <p data-testid="scenario-total">
            <strong>{t('alloc.total', { total: formatMoney(r.total, lang), budget: formatMoney(scenario.instance.budget, lang) })}</strong> ·{' '}
            {t('alloc.objectiveValue', { v: r.objective.toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 2 }) })}
          </p>
          <div class="scroll" tabIndex={0}>
            <table class="dense">
              <thead>
                <tr>
                  <th scope="col">{t('alloc.proposal')}</th>
                  <th scope="col" class="num">
                    {t('alloc.score')}
                  </th>
                  <th scope="col" class="num">
                    {t('alloc.requested')}
                  </th>
                  <th scope="col" class="num">
                    {t('alloc.minimum')}
                  </th>
                  <th scope="col" class="num">
                    {t('alloc.recommended')}
                  </th>
                  <th scope="col" class="num">
                    {t('alloc.share')}
                  </th>
                  {scenario.method === 'optimal' && (
                    <th scope="col" class="num">
                      {t('alloc.density')}
                    </th>
                  )}
                  <th scope="col">{t('alloc.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id} data-proposal={a.id}>
                    <td>
                      {info.get(a.id)?.title} <small class="hint">{info.get(a.id)?.organizationName}</small>
                    </td>
                    <td class="num">{(p.get(a.id)?.score ?? 0).toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 1 })}</td>
                    <td class="num">
                      <Money cents={p.get(a.id)!.requested} />
                    </td>
                    <td class="num">
                      <Money cents={p.get(a.id)!.minimum} />
                    </td>
                    <td class="num">
                      <Money cents={a.amount} />
                    </td>
                    <td class="num">{pct(a.amount, p.get(a.id)!.requested)}</td>
                    {scenario.method === 'optimal' && <td class="num">{density(p.get(a.id)!)}</td>}
                    <td class="reason">{loc(a.reason)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {r.constraints.length > 0 && (
            <>
              <h3>{t('alloc.constraints')}</h3>
              <ul>
                {r.constraints.map((c) => (
                  <li key={c.name} data-constraint={c.name}>
                    {loc(constraintLabel(c.name, scenario.instance, scenarioNames(scenario, call.needs)))} —{' '}
                    <span class={`badge ${c.satisfied ? 'badge-eligible' : 'badge-ineligible'}`}>{t(c.satisfied ? 'alloc.satisfied' : 'alloc.violated')}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>{t('alloc.chart')}</h3>
          <div class="bars" role="img" aria-label={t('alloc.chart')}>
            {rows.map((a) => (
              <div key={a.id} class="bar-row pair">
                <span class="bar-label">{info.get(a.id)?.title}</span>
                <span class="bar-pair">
                  <span class="bar requested" style={{ width: `${(100 * p.get(a.id)!.requested) / max}%` }} />
                  <span class="bar" style={{ width: `${(100 * a.amount) / max}%` }} />
                </span>
                <span class="bar-value">{pct(a.amount, p.get(a.id)!.requested)}</span>
              </div>
            ))}
          </div>
          <DownloadScenario scenario={scenario} />
          {scenario.whatIf && (
            <p data-testid="what-if">
              {t('alloc.whatIf', {
                extra: formatMoney(scenario.whatIf.extra, lang),
                title: info.get(scenario.whatIf.proposalId)?.title ?? scenario.whatIf.proposalId,
              })}
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** The scenario as a CSV for Excel in French, for the institution's decision file. */
function DownloadScenario({ scenario }: { scenario: Scenario }) {
  const { tenantId } = useSession().membership;
  const file = useForm();
  return (
    <div>
      <ProblemAlert problem={file.problem} />
      <button
        type="button"
        class="secondary"
        disabled={file.busy}
        onClick={() => void file.run(() => download(scenarioCsvUrl({ tenantId, callId: scenario.callId, scenarioId: scenario.id }).toString(), 'scenario.csv'))}
      >
        {t('alloc.download')}
      </button>
    </div>
  );
}

function Compare({ scenarios }: { scenarios: Scenario[] }) {
  const lang = getLang();
  const inputs = scenarios.flatMap((s) => s.inputs);
  const title = (id: string) => inputs.find((i) => i.id === id)?.title ?? id;
  // Best score first, as in each scenario; a proposal's score is the same in every scenario of the call.
  const scoreOf = new Map(scenarios.flatMap((s) => s.instance.proposals.map((p) => [p.id, p.score] as const)));
  const ids = [...new Set(inputs.map((i) => i.id))].sort((a, b) => (scoreOf.get(b) ?? 0) - (scoreOf.get(a) ?? 0) || title(a).localeCompare(title(b), 'fr'));
  const cell = (s: Scenario, id: string) => {
    const p = s.instance.proposals.find((x) => x.id === id);
    if (!p) return <span class="muted">—</span>;
    const amount = s.result.allocations.find((a) => a.id === id)?.amount ?? 0;
    return (
      <>
        <Money cents={amount} /> <small class="hint">{pct(amount, p.requested)}</small>
      </>
    );
  };
  const footer: [string, (s: Scenario) => ComponentChild][] = [
    [t('alloc.compare.total'), (s) => <Money cents={s.result.total} />],
    [t('alloc.compare.value'), (s) => s.result.objective.toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 2 })],
    [t('alloc.compare.funded'), (s) => String(s.result.allocations.filter((a) => a.amount > 0).length)],
    [
      t('alloc.compare.violated'),
      (s) => {
        const violated = s.result.constraints.filter((c) => !c.satisfied).length;
        return s.result.constraints.length === 0 ? <span class="muted">—</span> : String(violated);
      },
    ],
  ];
  return (
    <div class="panel scroll" tabIndex={0} data-testid="compare">
      <table class="dense">
        <thead>
          <tr>
            <th scope="col">{t('alloc.proposal')}</th>
            <th scope="col" class="num">
              {t('alloc.score')}
            </th>
            {scenarios.map((s) => (
              <th key={s.id} scope="col" class="num">
                {s.name}
                <br />
                <small class="hint">{t(`alloc.method.${s.method}`)}</small>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <tr key={id} data-proposal={id}>
              <th scope="row">{title(id)}</th>
              <td class="num">{(scoreOf.get(id) ?? 0).toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 1 })}</td>
              {scenarios.map((s) => (
                <td key={s.id} class="num">
                  {cell(s, id)}
                </td>
              ))}
            </tr>
          ))}
          {footer.map(([label, value]) => (
            <tr key={label} class="subtotal">
              <th scope="row" colSpan={2}>
                {label}
              </th>
              {scenarios.map((s) => (
                <td key={s.id} class="num">
                  {value(s)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Revision({ callId, scenarios }: { callId: string; scenarios: Scenario[] }) {
  const { tenantId } = useSession().membership;
  const state = useResource(() => getRevision({ tenantId, callId }), [tenantId, callId]);
  const form = useForm();
  const [scenarioId, setScenarioId] = useState('');
  const [deadline, setDeadline] = useState('');
  if (!state.data) return <Loading error={state.error} />;
  const { round, answers } = state.data;
  const lang = getLang();
  const titles = new Map(scenarios.flatMap((s) => s.inputs).map((i) => [i.id, i.title]));

  async function start(e: Event) {
    e.preventDefault();
    const at = montrealLocalToInstant(deadline);
    if (!at) return form.setErrors({ deadline: t('date.format') });
    if (!form.passes(checkClosesLater('deadline', at.toISOString(), new Date()))) return;
    // The form shows only beside at least one scenario; untouched, its list stands on the first.
    const done = await form.run(() => startRevision({ tenantId, callId }, { scenarioId: scenarioId || scenarios[0]!.id, deadline: at.toISOString() }));
    if (done) state.reload();
  }
  async function close() {
    if (!(await confirmAction({ title: t('confirm.endRevision.title'), body: t('alloc.revisionConfirmClose'), confirm: t('alloc.revisionClose') }))) return;
    const done = await form.run(() => closeRevision({ tenantId, callId }, { version: round!.version }));
    if (done) state.reload();
  }
  const answerText = (a: RevisionAnswer | undefined) =>
    !a
      ? t(round?.status === 'closed' ? 'alloc.answer.noneClosed' : 'alloc.answer.none')
      : a.kind === 'revised'
        ? t('alloc.answer.revised', { requested: formatMoney(a.requested!, lang), minimum: formatMoney(a.minimum!, lang) })
        : t(`alloc.answer.${a.kind}`);

  return (
    <div class="panel" data-testid="revision">
      <h2>{t('alloc.revision')}</h2>
      <p class="hint">{t('alloc.revisionIntro')}</p>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {round && (
        <>
          <p>
            {round.status === 'open'
              ? t('alloc.revisionOpen', { name: round.scenarioName, date: formatDateTime(round.deadline, lang) })
              : t('alloc.revisionClosed', { name: round.scenarioName })}
          </p>
          <Table label={t('alloc.revision')} data-testid="revision-answers">
            <thead>
              <tr>
                <th scope="col">{t('alloc.proposal')}</th>
                <th scope="col" class="num">
                  {t('alloc.suggested')}
                </th>
                <th scope="col">{t('alloc.answer')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(round.suggestions).map(([id, amount]) => (
                <tr key={id}>
                  <td>{titles.get(id) ?? id}</td>
                  <td class="num">
                    <Money cents={amount} />
                  </td>
                  <td>{answerText(answers.find((a) => a.proposalId === id))}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          {round.status === 'open' && (
            <button type="button" class="secondary" onClick={() => void close()} disabled={form.busy}>
              {t('alloc.revisionClose')}
            </button>
          )}
          {round.settlement && (
            <div data-testid="revision-settlement">
              <h3>{t('alloc.settlement')}</h3>
              <p class="hint">{t('alloc.settledOn', { date: formatDateTime(round.settlement.settledAt, lang), name: round.settlement.settledBy })}</p>
              <div class="scroll" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('alloc.proposal')}</th>
                      <th scope="col">{t('alloc.outcome')}</th>
                      <th scope="col" class="num">
                        {t('alloc.requestNow')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {round.settlement.proposals.map((x) => (
                      <tr key={x.proposalId} data-proposal={x.proposalId}>
                        <td>{titles.get(x.proposalId) ?? x.proposalId}</td>
                        <td>{settledText(x)}</td>
                        <td class="num">{x.requestedAfter === null ? '—' : <Money cents={x.requestedAfter} />}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          )}
        </>
      )}
      {(!round || round.status === 'closed') && scenarios.length > 0 && (
        <form onSubmit={start} noValidate class="row">
          <Field label={t('alloc.revisionScenario')}>
            {(a) => (
              <select {...a} value={scenarioId} onChange={(e) => setScenarioId((e.target as HTMLSelectElement).value)}>
                {scenarios.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('alloc.revisionDeadline')} error={form.errors.deadline}>
            {(a) => <input {...a} type="datetime-local" value={deadline} onInput={(e) => setDeadline((e.target as HTMLInputElement).value)} />}
          </Field>
          <button type="submit" disabled={form.busy}>
            {t('alloc.revisionStart')}
          </button>
        </form>
      )}
    </div>
  );
}
