/**
 * The manager's decision on a call. Concertation: the table's adopted
 * recommendation line by line, accepted as it is or departed from (amount,
 * years, reason, supplement). Administration: a scenario to start from, or
 * amounts typed by hand. What is left of the amount available shows as the
 * lines change. Once decided: the lines with their departures and reasons,
 * the amendments with the original visible, and the "Amender" form.
 */
import { useState } from 'preact/hooks';
import { formatDateTime } from '../../../../shared/dates';
import { centsToInput, formatMoney, parseMoney } from '../../../../shared/money';
import { confirmAction } from '../../components/confirm';
import { MoneyInput } from '../../components/money-input';
import { Field, Link, Loading, Money, ProblemAlert, Success, Table, useForm, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import { amendDecision, getDecisionView, listScenarios, recordDecision, type Decision, type DecisionLine, type DecisionView, type Scenario } from './api';

type Proposal = DecisionView['proposals'][number];

/** A line as the form holds it: amounts as typed text. */
interface Draft {
  amount: string;
  years: 1 | 2;
  reason: string;
  supplement: string;
  supplementReason: string;
  /** Concertation: departs from the recommendation; administration: changed from the scenario (or typed by hand). */
  changed: boolean;
}

const cents = (text: string) => {
  const parsed = parseMoney(text);
  return parsed.ok ? parsed.cents : 0;
};
const typed = (c: number) => centsToInput(c, getLang());
const yearsLabel = (n: number) => (n === 2 ? t('dec.twoYears') : t('dec.oneYear'));

export function DecisionPage({ callId }: { callId: string }) {
  const { can, membership } = useSession();
  const { tenantId } = membership;
  const view = useResource(() => getDecisionView({ tenantId, callId }), [tenantId, callId]);
  if (!view.data) return <Loading error={view.error} />;
  const v = view.data;
  return (
    <section>
      <p class="muted no-print">
        <Link href={`/appels/${callId}`}>{t('back.call')}</Link>
      </p>
      <h1>{t('dec.title')}</h1>
      <p class="muted">{v.tendency === 'concertation' ? t('dec.concertation') : t('dec.administration')}</p>
      {v.decision ? (
        <DecidedView callId={callId} decision={v.decision} proposals={v.proposals} amountAvailable={v.amountAvailable} onAmended={view.reload} />
      ) : can('decision:write') ? (
        v.tendency === 'concertation' ? (
          v.basis ? (
            <DecideForm callId={callId} view={v} scenarios={null} onDecided={view.reload} />
          ) : (
            <p role="status">{t('dec.notAdopted')}</p>
          )
        ) : (
          <AdministrationStart callId={callId} view={v} onDecided={view.reload} />
        )
      ) : (
        <p role="status">{v.tendency === 'concertation' && !v.basis ? t('dec.notAdopted') : t('dec.noDecision')}</p>
      )}
    </section>
  );
}

function AdministrationStart({ callId, view, onDecided }: { callId: string; view: DecisionView; onDecided: () => void }) {
  const { tenantId } = useSession().membership;
  const scenarios = useResource(() => listScenarios({ tenantId, callId }), [tenantId, callId]);
  if (!scenarios.data) return <Loading error={scenarios.error} />;
  return <DecideForm callId={callId} view={view} scenarios={scenarios.data.items.filter((s) => !s.result.infeasible)} onDecided={onDecided} />;
}

/** What each proposal starts at: the recommendation's line, the scenario's amount, or nothing. */
function startingLines(
  view: DecisionView,
  scenario: Scenario | null,
): Map<string, { amount: number; years: 1 | 2; reason: string; supplement: { amount: number; reason: string } | null }> {
  // The table's own adjustment of a scenario's line is part of why it recommends that amount.
  if (view.basis)
    return new Map(
      view.basis.lines.map((l) => [
        l.proposalId,
        {
          amount: l.amount,
          years: l.years,
          reason: l.adjustmentReason ? `${l.reason} — ${t('dec.adjusted', { reason: l.adjustmentReason })}` : l.reason,
          supplement: l.supplement,
        },
      ]),
    );
  if (scenario) {
    const duration = new Map(view.proposals.map((p) => [p.id, p.durationYears]));
    return new Map(
      scenario.result.allocations.map((a) => [
        a.id,
        { amount: a.amount, years: duration.get(a.id) ?? 1, reason: getLang() === 'fr' ? a.reason.fr : a.reason.en, supplement: null },
      ]),
    );
  }
  return new Map();
}

function draftsFrom(view: DecisionView, scenario: Scenario | null): Record<string, Draft> {
  const start = startingLines(view, scenario);
  return Object.fromEntries(
    view.proposals.map((p) => {
      const s = start.get(p.id);
      return [
        p.id,
        {
          amount: typed(s?.amount ?? 0),
          years: s?.years ?? p.durationYears,
          reason: '',
          supplement: s?.supplement ? typed(s.supplement.amount) : '',
          supplementReason: s?.supplement?.reason ?? '',
          changed: false,
        },
      ];
    }),
  );
}

function DecideForm({ callId, view, scenarios, onDecided }: { callId: string; view: DecisionView; scenarios: Scenario[] | null; onDecided: () => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const concertation = view.basis !== null;
  const [scenarioId, setScenarioId] = useState<string>(scenarios?.[0]?.id ?? '');
  const scenario = scenarios?.find((s) => s.id === scenarioId) ?? null;
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => draftsFrom(view, scenario));
  const start = startingLines(view, scenario);
  const set = (id: string, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [id]: { ...d[id]!, ...patch } }));
  const manual = !concertation && !scenario;

  function pick(id: string) {
    setScenarioId(id);
    setDrafts(draftsFrom(view, scenarios?.find((s) => s.id === id) ?? null));
  }

  const totalOf = (id: string) => {
    const d = drafts[id]!;
    return cents(d.amount) + (d.supplement.trim() ? cents(d.supplement) : 0);
  };
  const total = view.proposals.reduce((s, p) => s + totalOf(p.id), 0);
  const left = view.amountAvailable - total;

  async function submit(e: Event) {
    e.preventDefault();
    const ok = await confirmAction({ title: t('dec.confirm.title'), body: t('dec.confirm.body'), confirm: t('dec.record') });
    if (!ok) return;
    const lines = view.proposals
      .filter((p) => manual || drafts[p.id]!.changed)
      .map((p) => {
        const d = drafts[p.id]!;
        const supplement = d.supplement.trim() && cents(d.supplement) > 0 ? { amount: cents(d.supplement), reason: d.supplementReason } : null;
        return { proposalId: p.id, amount: cents(d.amount), years: d.years, reason: d.reason, supplement };
      });
    const body = concertation
      ? { basis: 'recommendation' as const, departures: lines }
      : scenario
        ? { basis: 'scenario' as const, scenarioId: scenario.id, lines }
        : { basis: 'manual' as const, lines };
    const saved = await form.run(() => recordDecision({ tenantId, callId }, body), t('dec.recorded'));
    if (saved) onDecided();
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {view.basis && <p>{t('dec.recommendation', { number: view.basis.number, at: formatDateTime(view.basis.adoptedAt, getLang()) })}</p>}
      {scenarios && (
        <fieldset>
          <legend>{t('dec.start')}</legend>
          {scenarios.length === 0 && <p class="muted">{t('dec.noScenario')}</p>}
          {scenarios.map((s) => (
            <label key={s.id} class="check">
              <input type="radio" name="start" checked={scenarioId === s.id} onChange={() => pick(s.id)} /> {t('dec.startScenario', { name: s.name })}
            </label>
          ))}
          <label class="check">
            <input type="radio" name="start" checked={scenarioId === ''} onChange={() => pick('')} /> {t('dec.startManual')}
          </label>
        </fieldset>
      )}
      <ul class="cards decision-lines">
        {view.proposals.map((p) => (
          <LineCard
            key={p.id}
            proposal={p}
            draft={drafts[p.id]!}
            from={start.get(p.id) ?? null}
            concertation={concertation}
            manual={manual}
            onChange={(patch) => set(p.id, patch)}
            onReset={() => set(p.id, draftsFrom(view, scenario)[p.id]!)}
          />
        ))}
      </ul>
      <Remaining total={total} available={view.amountAvailable} left={left} />
      <div class="actions">
        <button type="submit" disabled={form.busy}>
          {concertation && !Object.values(drafts).some((d) => d.changed) ? t('dec.recordAsIs') : t('dec.record')}
        </button>
      </div>
    </form>
  );
}

function Remaining({ total, available, left }: { total: number; available: number; left: number }) {
  return (
    <dl class={`facts summary${left < 0 ? ' over' : ''}`} data-testid="decision-left" aria-live="polite">
      <dt>{t('dec.total')}</dt>
      <dd>
        <Money cents={total} />
      </dd>
      <dt>{t('dec.available')}</dt>
      <dd>
        <Money cents={available} />
      </dd>
      <dt>{left < 0 ? t('dec.over') : t('dec.left')}</dt>
      <dd>
        <Money cents={Math.abs(left)} />
      </dd>
    </dl>
  );
}

function LineCard(props: {
  proposal: Proposal;
  draft: Draft;
  from: { amount: number; years: 1 | 2; reason: string; supplement: { amount: number; reason: string } | null } | null;
  concertation: boolean;
  manual: boolean;
  onChange: (patch: Partial<Draft>) => void;
  onReset: () => void;
}) {
  const { proposal: p, draft: d, from } = props;
  const editing = props.manual || d.changed;
  return (
    <li data-testid={`line-${p.id}`}>
      <strong>{p.title}</strong> · {p.organizationName}
      <div class="muted">
        {t('dec.requested', { amount: formatMoneyText(p.requested), minimum: formatMoneyText(p.minimum) })}
        {from && (
          <>
            {' · '}
            {t(props.concertation ? 'dec.recommended' : 'dec.fromScenario', { amount: formatMoneyText(from.amount + (from.supplement?.amount ?? 0)) })}
            {from.reason && ` — ${from.reason}`}
          </>
        )}
      </div>
      {!editing && (
        <p class="row">
          <span>{t('dec.acceptAsIs')}</span>
          <button type="button" class="secondary" onClick={() => props.onChange({ changed: true })}>
            {t(props.concertation ? 'dec.depart' : 'dec.changeLine')}
          </button>
        </p>
      )}
      {editing && (
        <div class="indent">
          <Field label={t('dec.amount')}>{(a) => <MoneyInput {...a} value={d.amount} onInput={(amount) => props.onChange({ amount })} />}</Field>
          {p.durationYears === 2 && (
            <Field label={t('dec.years')}>
              {(a) => (
                <select {...a} value={String(d.years)} onChange={(e) => props.onChange({ years: Number((e.target as HTMLSelectElement).value) as 1 | 2 })}>
                  <option value="1">{yearsLabel(1)}</option>
                  <option value="2">{yearsLabel(2)}</option>
                </select>
              )}
            </Field>
          )}
          <Field label={props.manual ? t('dec.reason') : t('dec.departureReason')}>
            {(a) => <textarea {...a} rows={2} value={d.reason} onInput={(e) => props.onChange({ reason: (e.target as HTMLTextAreaElement).value })} />}
          </Field>
          <Field label={t('dec.supplement')}>
            {(a) => <MoneyInput {...a} value={d.supplement} onInput={(supplement) => props.onChange({ supplement })} />}
          </Field>
          {d.supplement.trim() !== '' && (
            <Field label={t('dec.supplementReason')}>
              {(a) => <input {...a} value={d.supplementReason} onInput={(e) => props.onChange({ supplementReason: (e.target as HTMLInputElement).value })} />}
            </Field>
          )}
          {!props.manual && (
            <button type="button" class="link" onClick={props.onReset}>
              {t(props.concertation ? 'dec.undoDeparture' : 'dec.undoChange')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

const formatMoneyText = (c: number) => formatMoney(c, getLang());

/** The decision's lines: amounts, years, reasons, departures and supplements marked. */
export function DecisionLines({ lines, callId, letters = true }: { lines: DecisionLine[]; callId: string; letters?: boolean }) {
  return (
    <Table label={t('dec.title')}>
      <thead>
        <tr>
          <th scope="col">{t('dec.col.project')}</th>
          <th scope="col">{t('dec.col.amount')}</th>
          <th scope="col">{t('dec.col.perYear')}</th>
          <th scope="col">{t('dec.col.reason')}</th>
          {letters && (
            <th scope="col" class="no-print">
              {t('dec.letter')}
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.proposalId} data-testid={`decided-${l.proposalId}`}>
            <td>
              <strong>{l.title}</strong>
              <div class="muted">{l.organizationName}</div>
            </td>
            <td>{l.amount > 0 ? <Money cents={l.amount} /> : t('dec.notFunded')}</td>
            <td>{l.amount > 0 ? l.perYear.map((y) => formatMoneyText(y)).join(' · ') : '—'}</td>
            <td>
              {l.reason}
              {l.supplement && <div>{t('dec.supplementOf', { amount: formatMoneyText(l.supplement.amount), reason: l.supplement.reason })}</div>}
              {l.departure && (
                <div>
                  <span class="badge badge-warning">{t('dec.departure')}</span>{' '}
                  {l.recommended !== null && t('dec.planned', { amount: formatMoneyText(l.recommended) })}
                </div>
              )}
            </td>
            {letters && (
              <td class="no-print">
                <Link href={`/appels/${callId}/decision/lettres/${l.proposalId}`}>{t('dec.letter')}</Link>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** How the decision was reached, its date and its author. */
export function DecisionFacts({ decision }: { decision: Decision }) {
  const b = decision.basedOn;
  return (
    <p>
      {b.kind === 'recommendation'
        ? t('dec.basedOn.recommendation', { number: b.number })
        : b.kind === 'scenario'
          ? t('dec.basedOn.scenario', { name: b.scenarioName })
          : t('dec.basedOn.manual')}
      {' · '}
      {t('dec.decidedBy', { at: formatDateTime(decision.decidedAt, getLang()), name: decision.decidedByName })}
    </p>
  );
}

export function Amendments({ decision, callId }: { decision: Decision; callId: string }) {
  if (decision.amendments.length === 0) return null;
  const lang = getLang();
  return (
    <>
      <h2>{t('dec.amendments')}</h2>
      <ol data-testid="amendments">
        {decision.amendments.map((a) => (
          <li key={a.number}>
            {t('dec.amendment', { number: a.number, at: formatDateTime(a.at, lang), name: a.byName, reason: a.reason })}
            <ul>
              {a.changes.map((c) => (
                <li key={c.proposalId}>
                  {t('dec.change', {
                    title: c.before.title,
                    before: c.before.amount > 0 ? formatMoneyText(c.before.amount) : t('dec.notFunded'),
                    after: c.after.amount > 0 ? formatMoneyText(c.after.amount) : t('dec.notFunded'),
                  })}{' '}
                  — {c.after.reason}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <details>
        <summary>{t('dec.original')}</summary>
        <DecisionLines lines={decision.original} callId={callId} letters={false} />
      </details>
    </>
  );
}

function DecidedView(props: { callId: string; decision: Decision; proposals: Proposal[]; amountAvailable: number; onAmended: () => void }) {
  const { can } = useSession();
  const d = props.decision;
  return (
    <>
      <DecisionFacts decision={d} />
      <DecisionLines lines={d.lines} callId={props.callId} />
      <Remaining total={d.total} available={props.amountAvailable} left={props.amountAvailable - d.total} />
      <p class="no-print">
        <Link class="button secondary" href={`/appels/${props.callId}/decision/document`}>
          {t('dec.print')}
        </Link>
      </p>
      <Amendments decision={d} callId={props.callId} />
      {can('decision:write') && <AmendForm {...props} />}
    </>
  );
}

function AmendForm({ callId, decision, proposals, onAmended }: { callId: string; decision: Decision; proposals: Proposal[]; onAmended: () => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [open, setOpen] = useState(false);
  const [proposalId, setProposalId] = useState(decision.lines[0]?.proposalId ?? '');
  const line = decision.lines.find((l) => l.proposalId === proposalId);
  const durations = new Map(proposals.map((p) => [p.id, p.durationYears]));
  const within = (l: DecisionLine | undefined) => (l ? l.amount - (l.supplement?.amount ?? 0) : 0);
  const [draft, setDraft] = useState({ amount: typed(within(line)), years: line?.years ?? 1, reason: '', supplement: '', supplementReason: '', why: '' });

  function choose(id: string) {
    setProposalId(id);
    const l = decision.lines.find((x) => x.proposalId === id);
    setDraft({
      amount: typed(within(l)),
      years: l?.years ?? 1,
      reason: '',
      supplement: l?.supplement ? typed(l.supplement.amount) : '',
      supplementReason: l?.supplement?.reason ?? '',
      why: draft.why,
    });
  }

  async function submit(e: Event) {
    e.preventDefault();
    const supplement = draft.supplement.trim() && cents(draft.supplement) > 0 ? { amount: cents(draft.supplement), reason: draft.supplementReason } : null;
    const saved = await form.run(
      () =>
        amendDecision(
          { tenantId, callId },
          {
            version: decision.version,
            reason: draft.why,
            lines: [{ proposalId, amount: cents(draft.amount), years: draft.years, reason: draft.reason, supplement }],
          },
        ),
      t('dec.amended'),
    );
    if (saved) {
      setOpen(false);
      onAmended();
    }
  }

  if (!open)
    return (
      <p class="no-print">
        <button type="button" onClick={() => setOpen(true)}>
          {t('dec.amend')}
        </button>
      </p>
    );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate class="panel no-print" aria-label={t('dec.amend')}>
      <h2>{t('dec.amend')}</h2>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      <Field label={t('dec.amendReason')}>
        {(a) => <textarea {...a} rows={2} value={draft.why} onInput={(e) => setDraft({ ...draft, why: (e.target as HTMLTextAreaElement).value })} />}
      </Field>
      <Field label={t('dec.amendLine')}>
        {(a) => (
          <select {...a} value={proposalId} onChange={(e) => choose((e.target as HTMLSelectElement).value)}>
            {decision.lines.map((l) => (
              <option key={l.proposalId} value={l.proposalId}>
                {l.title} — {l.organizationName}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('dec.amount')}>{(a) => <MoneyInput {...a} value={draft.amount} onInput={(amount) => setDraft({ ...draft, amount })} />}</Field>
      {durations.get(proposalId) === 2 && (
        <Field label={t('dec.years')}>
          {(a) => (
            <select {...a} value={String(draft.years)} onChange={(e) => setDraft({ ...draft, years: Number((e.target as HTMLSelectElement).value) as 1 | 2 })}>
              <option value="1">{yearsLabel(1)}</option>
              <option value="2">{yearsLabel(2)}</option>
            </select>
          )}
        </Field>
      )}
      <Field label={t('dec.reason')}>
        {(a) => <textarea {...a} rows={2} value={draft.reason} onInput={(e) => setDraft({ ...draft, reason: (e.target as HTMLTextAreaElement).value })} />}
      </Field>
      <Field label={t('dec.supplement')}>
        {(a) => <MoneyInput {...a} value={draft.supplement} onInput={(supplement) => setDraft({ ...draft, supplement })} />}
      </Field>
      {draft.supplement.trim() !== '' && (
        <Field label={t('dec.supplementReason')}>
          {(a) => (
            <input {...a} value={draft.supplementReason} onInput={(e) => setDraft({ ...draft, supplementReason: (e.target as HTMLInputElement).value })} />
          )}
        </Field>
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {t('confirm.cancel')}
        </button>
        <button type="submit" disabled={form.busy}>
          {t('dec.amend')}
        </button>
      </div>
    </form>
  );
}
