/**
 * One report's page. The organization fills its yearly report: each indicator with its definition beside
 * it, the input for its type, N.A. and N.C. as explicit choices where the template allows them (a blank
 * never means zero), last year's slow-changing answers marked « repris de 2025-2026 » until edited, the
 * year's story with a standing warning against naming the people served; saved as typed, resumable, then
 * submitted once complete and checked for personal information. The managers read it, reopen it with a
 * reason or accept it; an obstacle report is read, and answered by a manager.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { fiscalYearLabel } from '../../../../shared/agreements';
import { formatDateTime } from '../../../../shared/dates';
import { centsToInput, formatMoney, parseMoney } from '../../../../shared/money';
import type { FieldProblem } from '../../../../shared/errors';
import { PERSONAL_INFO_LABELS, unconfirmedHits, type FieldHit } from '../../../../shared/personal-info';
import { answerProblems, carriedFromLabel } from '../../../../shared/reports';
import { confirmAction } from '../../components/confirm';
import { MoneyInput } from '../../components/money-input';
import { Field, Link, Loading, ProblemAlert, Success, useForm, useResource } from '../../components/ui';
import { ApiProblem } from '../../lib/api';
import { getLang, loc, t } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import { acceptReport, answerObstacle, getReport, reopenReport, saveReport, submitReport, type Obstacle, type Template, type Yearly } from './api';
import { isLate, ObstacleCard, statusText } from './my-reports';
import './reports.css';

type Indicator = Template['indicators'][number];
type Answer = Yearly['answers'][string];
type Value = Answer['value'];
type Section = Yearly['sections'][string];

const EDITABLE: readonly Yearly['status'][] = ['not-started', 'draft', 'reopened'];

/** The page of `/rapports/:id` (and of the managers' reading). */
export function ReportPage({ id }: { id: string }) {
  const { membership, can } = useSession();
  const tenantId = membership.tenantId;
  const res = useResource(() => getReport({ tenantId, reportId: id }), [tenantId, id]);
  const [notice, setNotice] = useState<string | null>(null);
  // The status as the form's last save left it (a first save starts the draft).
  const [saved, setSaved] = useState<{ id: string; status: Yearly['status'] } | null>(null);
  if (!res.data) return <Loading error={res.error} />;
  const { report, template } = res.data;
  const back = can('report:read') ? <Link href="/rapports-recus">{t('rep.backReceived')}</Link> : <Link href="/rapports">{t('rep.back')}</Link>;
  const done = (text: string) => {
    setNotice(text);
    res.reload();
  };
  if (report.kind === 'obstacle')
    return (
      <>
        <p>{back}</p>
        <h1>{t('obs.kind')}</h1>
        <Success text={notice} />
        <ObstacleCard o={report}>
          {can('report:write') && report.answer === null && <AnswerForm o={report} onDone={() => done(t('obs.answerDone'))} />}
        </ObstacleCard>
      </>
    );
  const writes = can('report:own') && EDITABLE.includes(report.status);
  return (
    <>
      <p>{back}</p>
      <h1>{t('rep.yearly', { fy: fiscalYearLabel(report.fiscalYear) })}</h1>
      <ReportHeader r={writes && saved?.id === report.id ? { ...report, status: saved.status } : report} />
      <Success text={notice} />
      {writes ? (
        <ReportForm
          key={report.id}
          report={report}
          template={template!}
          onSaved={(status) => setSaved({ id: report.id, status })}
          onSubmitted={() => done(t('rep.submitted'))}
        />
      ) : (
        <>
          <ReportReading r={report} template={template!} />
          {can('report:write') && report.status === 'submitted' && <ManagerActions r={report} onDone={done} />}
        </>
      )}
    </>
  );
}

function ReportHeader({ r }: { r: Yearly }) {
  const lang = getLang();
  const last = r.reopenings.at(-1);
  return (
    <div class="report-head">
      <p>
        <strong>{r.organization.name}</strong> · {r.projectTitle}
      </p>
      <p>{t('rep.period', { start: r.period.start, end: r.period.end })}</p>
      <p>
        {t('rep.due', { date: r.dueOn })}
        {isLate(r) && <span class="badge badge-warning">{t('rep.late')}</span>}
      </p>
      <p>
        <span class={`badge report-status report-${r.status}`} data-testid="report-status">
          {statusText(r.status)}
        </span>{' '}
        {r.submittedAt && r.status !== 'reopened' && t('rep.submittedOn', { date: formatDateTime(r.submittedAt, lang) })}{' '}
        {r.acceptedAt && t('rep.acceptedOn', { date: formatDateTime(r.acceptedAt, lang) })}
      </p>
      {r.status === 'reopened' && last && (
        <div class="alert alert-warning" role="note" data-testid="reopen-reason">
          <p>{t('rep.reopenedBy', { name: last.byName, date: formatDateTime(last.at, lang) })}</p>
          <p class="prewrap">{last.reason}</p>
        </div>
      )}
    </div>
  );
}

function CarriedBadge({ from }: { from: number | null | undefined }) {
  if (from === null || from === undefined) return null;
  return (
    <span class="badge badge-carried" title={t('rep.carried')} data-testid="carried">
      {carriedFromLabel(from, getLang())}
    </span>
  );
}

/** A number as the form shows it: `7,5` in French. */
const numberToInput = (n: number) => (getLang() === 'fr' ? String(n).replace('.', ',') : String(n));

/** What a number field holds: null when empty, NaN when it does not read as a number. */
function parseNumber(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (s === '') return null;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/**
 * The answers not to send, by field, with the message shown beside each: a number that does not read (its
 * answer is already left out) and what the API's own rule refuses (the same shared rule).
 */
function flagged(template: Template, answers: Record<string, Answer>, texts: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const ind of template.indicators) {
    const text = texts[ind.id]?.trim() ?? '';
    if (answers[ind.id] || text === '') continue;
    if (ind.type === 'amount' && !parseMoney(text).ok) out[`answers.${ind.id}`] = t('money.format');
    if ((ind.type === 'count' || ind.type === 'hours') && Number.isNaN(parseNumber(text)))
      out[`answers.${ind.id}`] = t(ind.type === 'hours' ? 'rep.notANumber.hours' : 'rep.notANumber');
  }
  for (const p of answerProblems(template.indicators, answers, false)) out[p.field] ??= loc(p.message);
  return out;
}

/** The free texts of a report, by field (as the API checks them for personal information). */
function textsOf(answers: Record<string, Answer>, sections: Record<string, Section>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, x] of Object.entries(sections)) out[`sections.${id}`] = x.text;
  for (const [id, a] of Object.entries(answers)) if (a.value.kind === 'text') out[`answers.${id}`] = a.value.value;
  return out;
}

/** Each field's personal-information hits, in one message shown beside it. */
function hitMessages(hits: FieldHit[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of hits) {
    const m = t('rep.hits.beside', { kind: loc(PERSONAL_INFO_LABELS[h.kind]), text: h.text });
    out[h.field] = out[h.field] ? `${out[h.field]} ${m}` : m;
  }
  return out;
}

const asProblems = (messages: Record<string, string>, code: string): FieldProblem[] =>
  Object.entries(messages).map(([path, m]) => ({ path, code, message: { fr: m, en: m } }));

function initialText(ind: Indicator, a: Answer | undefined): string {
  if (a?.value.kind !== 'number') return '';
  return ind.type === 'amount' ? centsToInput(a.value.value, getLang()) : numberToInput(a.value.value);
}

/** The form of a yearly report its organization writes: saved as typed at the version held. */
function ReportForm({
  report,
  template,
  onSaved,
  onSubmitted,
}: {
  report: Yearly;
  template: Template;
  onSaved: (status: Yearly['status']) => void;
  onSubmitted: () => void;
}) {
  const { membership } = useSession();
  const param = { tenantId: membership.tenantId, reportId: report.id };
  const lang = getLang();
  const [answers, setAnswers] = useState<Record<string, Answer>>(report.answers);
  const [sections, setSections] = useState<Record<string, Section>>(report.sections);
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(template.indicators.map((i) => [i.id, initialText(i, report.answers[i.id])])),
  );
  // What the API (or the submit's check) said of a field, until the person edits it.
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saveState, setSaveState] = useState<'idle' | 'pending' | 'saving' | 'saved' | 'invalid' | 'conflict'>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  // The last save left out flagged answers.
  const [excluded, setExcluded] = useState(false);
  // A submit found personal information: from then on the hits are found again at each change.
  const [checked, setChecked] = useState(false);
  const [confirmed, setConfirmed] = useState(report.confirmedHits);
  // Only the person's own action (submitting) moves the focus to the problems; an autosave never does.
  const [focusProblem, setFocusProblem] = useState(false);
  const form = useForm();
  const latest = useRef({ answers, sections, texts, version: report.version });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<boolean>>(Promise.resolve(true));
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const fromSave = useRef(false);
  const showProblem = (e: ApiProblem, focus: boolean) => {
    fromSave.current = !focus;
    setFocusProblem(focus);
    form.setProblem(e);
    setErrors(Object.fromEntries(e.errors.map((p) => [p.path, loc(p.message)])));
  };

  /** Saves what is on screen, but the flagged answers, after what is already being saved; true when it is saved. */
  const save = () => {
    chain.current = chain.current.then(async () => {
      const { answers: a, sections: s, texts: x, version } = latest.current;
      const bad = flagged(template, a, x);
      setSaveState('saving');
      try {
        const sendable = Object.fromEntries(Object.entries(a).filter(([id]) => !bad[`answers.${id}`]));
        const saved = await saveReport(param, { version, answers: sendable, sections: s });
        latest.current.version = saved.version;
        setSavedAt(saved.updatedAt);
        setExcluded(Object.keys(bad).length > 0);
        setSaveState('saved');
        if (saved.kind === 'yearly') onSaved(saved.status);
        // An autosave's refusal is over once a save passes; what a submit found stays until its fields are corrected.
        if (fromSave.current) {
          fromSave.current = false;
          form.setProblem(null);
        }
        return true;
      } catch (e) {
        if (!(e instanceof ApiProblem)) throw e;
        setSaveState(e.status === 409 ? 'conflict' : 'invalid');
        showProblem(e, false);
        return false;
      }
    });
    return chain.current;
  };
  const schedule = () => {
    if (timer.current) clearTimeout(timer.current);
    setSaveState('pending');
    timer.current = setTimeout(() => {
      timer.current = null;
      void save();
    }, 700);
  };
  const forget = (path: string) => setErrors(({ [path]: _, ...rest }) => rest);
  const setAnswer = (id: string, value: Value | null) => {
    const next = { ...latest.current.answers };
    if (value === null) delete next[id];
    else next[id] = { value, carriedFrom: null };
    latest.current.answers = next;
    setAnswers(next);
    forget(`answers.${id}`);
    schedule();
  };
  const setSection = (id: string, text: string) => {
    const next = { ...latest.current.sections, [id]: { text, carriedFrom: null } };
    latest.current.sections = next;
    setSections(next);
    forget(`sections.${id}`);
    schedule();
  };
  const setNumber = (ind: Indicator, text: string) => {
    const next = { ...latest.current.texts, [ind.id]: text };
    latest.current.texts = next;
    setTexts(next);
    if (ind.type === 'amount') {
      const p = parseMoney(text);
      return setAnswer(ind.id, p.ok ? { kind: 'number', value: p.cents } : null);
    }
    const n = parseNumber(text);
    setAnswer(ind.id, n === null || Number.isNaN(n) ? null : { kind: 'number', value: n });
  };
  const setMode = (ind: Indicator, mode: 'value' | 'na' | 'nc') => {
    if (mode !== 'value') return setAnswer(ind.id, { kind: mode });
    const n = ind.type === 'amount' ? parseMoney(texts[ind.id] ?? '') : null;
    if (ind.type === 'count' || ind.type === 'hours') {
      const v = parseNumber(texts[ind.id] ?? '');
      return setAnswer(ind.id, v === null || Number.isNaN(v) ? null : { kind: 'number', value: v });
    }
    if (n?.ok) return setAnswer(ind.id, { kind: 'number', value: n.cents });
    return setAnswer(ind.id, null);
  };

  const submit = async (withConfirmed = confirmed) => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
      if (!(await save())) return;
    } else if (!(await chain.current)) return;
    // What the API would refuse (the same shared rule), shown without sending.
    const { answers: a, sections: s, texts: x } = latest.current;
    const missing = flagged(template, a, x);
    for (const p of answerProblems(template.indicators, a, true)) missing[p.field] ??= loc(p.message);
    if (Object.keys(missing).length > 0) {
      const title = { fr: t('rep.problemTitle'), en: t('rep.problemTitle') };
      return showProblem(new ApiProblem(422, '/problems/rule-violated', title, undefined, asProblems(missing, 'incomplete'), {}), true);
    }
    try {
      await submitReport(param, { version: latest.current.version, confirmedHits: withConfirmed });
      onSubmitted();
    } catch (e) {
      if (!(e instanceof ApiProblem)) throw e;
      if (e.status === 409 && e.type === '/problems/version-conflict') setSaveState('conflict');
      if (e.body.reason !== 'personal-information') return showProblem(e, true);
      // The hits are found again at each change: each field shows all of its own, beside it.
      setChecked(true);
      const found = hitMessages(unconfirmedHits(textsOf(a, s), withConfirmed));
      fromSave.current = false;
      setFocusProblem(true);
      form.setProblem(new ApiProblem(e.status, e.type, e.title, e.detail, asProblems(found, 'personal-information'), e.body));
    }
  };
  const bad = flagged(template, answers, texts);
  const hits = checked ? unconfirmedHits(textsOf(answers, sections), confirmed) : [];
  const besideHits = hitMessages(hits);
  const errorOf = (path: string) => bad[path] ?? besideHits[path] ?? errors[path];
  const fieldLabel = (field: string) => {
    const [kind, id] = field.split('.');
    const found = kind === 'answers' ? template.indicators.find((i) => i.id === id) : template.sections.find((s) => s.id === id);
    return found?.label ?? field;
  };
  const fieldId = (field: string) => (field.startsWith('answers.') ? `ans-${field.slice(8)}` : `sec-${field.slice(9)}`);

  return (
    <form
      class="report-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <ProblemAlert problem={form.problem} focus={focusProblem} title={t('rep.problemTitle')} />
      <p class="save-state" role="status" data-testid="save-state">
        {saveState === 'saving' && t('rep.saving')}
        {saveState === 'saved' && savedAt && t(excluded ? 'rep.savedExcept' : 'rep.savedAt', { time: formatDateTime(savedAt, lang).slice(11) })}
        {saveState === 'invalid' && t('rep.notSaved')}
      </p>
      {saveState === 'conflict' && (
        <div class="alert alert-error" role="alert">
          <p>{t('rep.conflict')}</p>
          <button type="button" class="secondary" onClick={() => location.reload()}>
            {t('rep.reload')}
          </button>
        </div>
      )}
      <h2>{t('rep.indicators')}</h2>
      {template.indicators.map((ind) => (
        <IndicatorField
          key={ind.id}
          ind={ind}
          answer={answers[ind.id]}
          text={texts[ind.id] ?? ''}
          error={errorOf(`answers.${ind.id}`)}
          onNumber={(v) => setNumber(ind, v)}
          onMode={(m) => setMode(ind, m)}
          onValue={(v) => setAnswer(ind.id, v)}
        />
      ))}
      <h2>{t('rep.sections')}</h2>
      <p class="privacy-warning" id="privacy-warning">
        {t('rep.privacy')}
      </p>
      {template.sections.map((s) => {
        const error = errorOf(`sections.${s.id}`);
        return (
          <div class={`field section-field${error ? ' field-invalid' : ''}`} key={s.id}>
            <label for={`sec-${s.id}`}>
              {s.label} <CarriedBadge from={sections[s.id]?.carriedFrom} />
            </label>
            <small class="hint" id={`sec-${s.id}-hint`}>
              {s.help}
            </small>
            <textarea
              id={`sec-${s.id}`}
              rows={4}
              value={sections[s.id]?.text ?? ''}
              aria-invalid={Boolean(error)}
              aria-describedby={`sec-${s.id}-hint privacy-warning${error ? ` sec-${s.id}-err` : ''}`}
              onInput={(e) => setSection(s.id, (e.target as HTMLTextAreaElement).value)}
            />
            {error && (
              <small class="error" id={`sec-${s.id}-err`}>
                {error}
              </small>
            )}
          </div>
        );
      })}
      {hits.length > 0 && (
        <section class="panel hits" aria-labelledby="hits-title" data-testid="hits">
          <h2 id="hits-title">{t('rep.hits.title')}</h2>
          <p>{t('rep.hits.intro')}</p>
          <ul>
            {hits.map((h) => (
              <li key={`${h.field}-${h.text}`}>
                <p>{t('rep.hits.in', { kind: loc(PERSONAL_INFO_LABELS[h.kind]), text: h.text, field: fieldLabel(h.field) })}</p>
                <div class="actions">
                  <button type="button" class="secondary" onClick={() => document.getElementById(fieldId(h.field))?.focus()}>
                    {t('rep.hits.fix')}
                  </button>
                  <button type="button" class="secondary" onClick={() => setConfirmed((c) => [...c, { field: h.field, text: h.text }])}>
                    {t('rep.hits.confirm')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {checked && hits.length === 0 && <p role="status">{t('rep.hits.done')}</p>}
      <div class="actions">
        <button type="submit" disabled={saveState === 'conflict'}>
          {t('rep.submit')}
        </button>
      </div>
    </form>
  );
}

/** One indicator: its name, its definition beside it, N.A./N.C. when allowed, the input of its type. */
function IndicatorField(props: {
  ind: Indicator;
  answer: Answer | undefined;
  text: string;
  error: string | undefined;
  onNumber: (text: string) => void;
  onMode: (mode: 'value' | 'na' | 'nc') => void;
  onValue: (v: Value | null) => void;
}) {
  const { ind, answer, error } = props;
  const id = `ans-${ind.id}`;
  const kind = answer?.value.kind;
  const mode = kind === 'na' || kind === 'nc' ? kind : 'value';
  const modes = (['value', ...(ind.allowNA ? ['na'] : []), ...(ind.allowNC ? ['nc'] : [])] as const).map((m) => m as 'value' | 'na' | 'nc');
  const describedBy = `${id}-def${error ? ` ${id}-err` : ''}`;
  const chosen = answer?.value.kind === 'choices' ? answer.value.value : [];
  const numeric = ind.type === 'count' || ind.type === 'hours' || ind.type === 'amount';
  return (
    <fieldset class={`indicator${error ? ' field-invalid' : ''}`} data-testid={`indicator-${ind.id}`}>
      <legend>
        {ind.label} <CarriedBadge from={answer?.carriedFrom} />
      </legend>
      <p class="definition" id={`${id}-def`}>
        {ind.definition}
        {ind.target !== null && <> {t('rep.target', { target: ind.type === 'amount' ? formatMoney(ind.target, getLang()) : ind.target })}</>}
      </p>
      {modes.length > 1 && (
        <div class="modes" role="radiogroup" aria-label={`${ind.label} — ${t('rep.mode')}`}>
          {modes.map((m) => (
            <label key={m} class="choice">
              <input type="radio" name={`mode-${ind.id}`} checked={mode === m} onChange={() => props.onMode(m)} />
              {t(`rep.mode.${m}`)}
            </label>
          ))}
        </div>
      )}
      {mode === 'value' && numeric && (
        <div class="field">
          <label for={id}>{ind.type === 'hours' ? t('rep.value.hours') : ind.type === 'amount' ? t('rep.value.amount') : t('rep.value.count')}</label>
          {ind.type === 'amount' ? (
            <MoneyInput id={id} value={props.text} onInput={props.onNumber} aria-invalid={Boolean(error)} aria-describedby={describedBy} />
          ) : (
            <input
              id={id}
              inputMode="decimal"
              autoComplete="off"
              class="number-input"
              value={props.text}
              aria-invalid={Boolean(error)}
              aria-describedby={describedBy}
              onInput={(e) => props.onNumber((e.target as HTMLInputElement).value)}
            />
          )}
        </div>
      )}
      {mode === 'value' && ind.type === 'yes-no' && (
        <div class="modes">
          {[true, false].map((v) => (
            <label key={String(v)} class="choice">
              <input
                type="radio"
                name={`yn-${ind.id}`}
                id={v ? id : undefined}
                checked={answer?.value.kind === 'yes-no' && answer.value.value === v}
                onChange={() => props.onValue({ kind: 'yes-no', value: v })}
              />
              {v ? t('rep.yes') : t('rep.no')}
            </label>
          ))}
        </div>
      )}
      {mode === 'value' && (ind.type === 'choice' || ind.type === 'choices') && (
        <div class="options">
          {ind.options.map((o, i) => (
            <label key={o.id} class="choice">
              <input
                type={ind.type === 'choice' ? 'radio' : 'checkbox'}
                name={`opt-${ind.id}`}
                id={i === 0 ? id : undefined}
                checked={chosen.includes(o.id)}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  const next = ind.type === 'choice' ? [o.id] : on ? [...chosen, o.id] : chosen.filter((c) => c !== o.id);
                  props.onValue({ kind: 'choices', value: ind.options.map((x) => x.id).filter((x) => next.includes(x)) });
                }}
              />
              {o.label}
            </label>
          ))}
        </div>
      )}
      {mode === 'value' && ind.type === 'text' && (
        <div class="field">
          <label for={id}>{t('rep.value.text')}</label>
          <textarea
            id={id}
            rows={3}
            value={answer?.value.kind === 'text' ? answer.value.value : ''}
            aria-invalid={Boolean(error)}
            aria-describedby={`${describedBy} privacy-warning`}
            onInput={(e) => {
              const v = (e.target as HTMLTextAreaElement).value;
              props.onValue(v === '' ? null : { kind: 'text', value: v });
            }}
          />
        </div>
      )}
      {error && (
        <small class="error" id={`${id}-err`}>
          {error}
        </small>
      )}
    </fieldset>
  );
}

/** A value as read: N.A. and N.C. spelled out, never a blank for zero. */
function valueText(ind: Indicator, a: Answer | undefined): string {
  const lang = getLang();
  if (!a) return t('rep.noAnswer');
  const v = a.value;
  switch (v.kind) {
    case 'na':
      return t('rep.mode.na');
    case 'nc':
      return t('rep.mode.nc');
    case 'number':
      return ind.type === 'amount' ? formatMoney(v.value, lang) : numberToInput(v.value);
    case 'yes-no':
      return v.value ? t('rep.yes') : t('rep.no');
    case 'choices':
      return v.value.map((c) => ind.options.find((o) => o.id === c)?.label ?? c).join(', ') || '—';
    case 'text':
      return v.value;
  }
}

/** A yearly report read (the managers; the organization once it is sent). */
function ReportReading({ r, template }: { r: Yearly; template: Template }) {
  return (
    <div class="report-reading">
      <h2>{t('rep.indicators')}</h2>
      <dl>
        {template.indicators.map((ind) => (
          <div key={ind.id} class="reading-item" data-testid={`reading-${ind.id}`}>
            <dt>
              {ind.label} <CarriedBadge from={r.answers[ind.id]?.carriedFrom} />
            </dt>
            <dd>
              <p class="definition">{ind.definition}</p>
              <p class="prewrap value">{valueText(ind, r.answers[ind.id])}</p>
            </dd>
          </div>
        ))}
      </dl>
      <h2>{t('rep.sections')}</h2>
      <dl>
        {template.sections.map((s) => (
          <div key={s.id} class="reading-item">
            <dt>
              {s.label} <CarriedBadge from={r.sections[s.id]?.carriedFrom} />
            </dt>
            <dd class="prewrap">{r.sections[s.id]?.text || '—'}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The manager's actions on a submitted report: reopen it with a reason, or accept it (final). */
function ManagerActions({ r, onDone }: { r: Yearly; onDone: (text: string) => void }) {
  const { membership } = useSession();
  const param = { tenantId: membership.tenantId, reportId: r.id };
  const form = useForm();
  const [reason, setReason] = useState('');
  const reopen = async () => {
    if (!reason.trim()) return form.setErrors({ reason: t('rep.reopen.missing') });
    if (await form.run(() => reopenReport(param, r.version, reason.trim()))) onDone(t('rep.reopened'));
  };
  const accept = async () => {
    const ok = await confirmAction({ title: t('rep.accept.title'), body: t('rep.accept.body'), confirm: t('rep.accept') });
    if (ok && (await form.run(() => acceptReport(param, r.version)))) onDone(t('rep.accepted'));
  };
  return (
    <section class="panel" aria-label={t('rep.reopen')}>
      <ProblemAlert problem={form.problem} />
      <Field label={t('rep.reopen.reason')} error={form.errors.reason}>
        {(a) => <textarea {...a} rows={3} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      <div class="actions">
        <button type="button" class="secondary" disabled={form.busy} onClick={() => void reopen()}>
          {t('rep.reopen')}
        </button>
        <button type="button" disabled={form.busy} onClick={() => void accept()}>
          {t('rep.accept')}
        </button>
      </div>
    </section>
  );
}

/** The manager's answer to an obstacle report (once). */
export function AnswerForm({ o, onDone }: { o: Obstacle; onDone: () => void }) {
  const { membership } = useSession();
  const form = useForm();
  const [text, setText] = useState('');
  const send = async () => {
    if (!text.trim()) return form.setErrors({ text: t('obs.answerMissing') });
    if (await form.run(() => answerObstacle({ tenantId: membership.tenantId, reportId: o.id }, o.version, text.trim()))) onDone();
  };
  return (
    <form
      class="answer-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <ProblemAlert problem={form.problem} />
      <Field label={t('obs.answerText')} error={form.errors.text}>
        {(a) => <textarea {...a} rows={3} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      <div class="actions">
        <button type="submit" disabled={form.busy}>
          {t('obs.answerSend')}
        </button>
      </div>
    </form>
  );
}
