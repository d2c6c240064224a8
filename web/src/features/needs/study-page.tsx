/**
 * A needs study: the needs recorded (with their sources), merging
 * duplicates, the public consultation and the moderation of its answers,
 * and the prioritization rounds.
 */
import { useState } from 'preact/hooks';
import { formatDateTime, montrealLocalToInstant } from '../../../../shared/dates';
import { CATEGORY_LABELS, NEED_CATEGORIES, NEED_SOURCES, SOURCE_LABELS, type NeedCategory, type NeedSource } from '../../../../shared/needs';
import { createNeedSchema, createRoundSchema } from '../../../../shared/schemas/needs';
import { checkClosesLater } from '../../../../shared/window';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session-context';
import { Field, Link, Loading, ProblemAlert, Success, Table, useForm, useResource } from '../../components/ui';
import { getLang, loc, t } from '../../lib/i18n';
import { TermNote } from '../../components/term';
import {
  addNeed,
  createRound,
  getStudy,
  listAnswers,
  mergeNeeds,
  moderateAnswer,
  setConsultation,
  updateStudy,
  type ConsultationAnswer,
  type Need,
  type RoundView,
  type StudyView,
} from './api';

export function StudyPage({ id }: { id: string }) {
  const { membership, can } = useSession();
  const tenantId = membership.tenantId;
  const view = useResource(() => getStudy(tenantId, id), [tenantId, id]);
  const status = useForm();
  if (!view.data) return <Loading error={view.error} />;
  const { study, needs, rounds } = view.data;
  const writer = can('needs:write');
  const open = study.status === 'open';
  const active = needs.filter((n) => n.status === 'active');

  async function setStatus(next: 'open' | 'closed') {
    const saved = await status.run(() => updateStudy(tenantId, id, { version: study.version, title: study.title, status: next }));
    if (saved) view.reload();
  }

  return (
    <section>
      <p class="muted">
        <Link href="/besoins">{t('needs.studies')}</Link>
      </p>
      <h1>
        {study.title} <span class={`badge badge-${open ? 'submitted' : 'withdrawn'}`}>{t(open ? 'needs.open' : 'needs.closed')}</span>
      </h1>
      <ProblemAlert problem={status.problem} />
      {writer && (
        <button type="button" class="secondary" onClick={() => void setStatus(open ? 'closed' : 'open')} disabled={status.busy}>
          {t(open ? 'needs.closeStudy' : 'needs.reopenStudy')}
        </button>
      )}

      <h2>{t('needs.list')}</h2>
      <NeedsTable needs={needs} />
      {writer && open && <AddNeed studyId={id} onAdded={view.reload} />}
      {writer && open && active.length > 1 && <MergeNeeds studyId={id} needs={active} onMerged={view.reload} />}
      {writer && <Consultation view={view.data} onChange={view.reload} />}
      {writer && study.consultation && <Answers studyId={id} open={open} onModerated={view.reload} />}

      <h2>{t('needs.rounds')}</h2>
      <RoundsList studyId={id} rounds={rounds} />
      {writer && active.length > 1 && <NewRound studyId={id} />}
    </section>
  );
}

function NeedsTable({ needs }: { needs: Need[] }) {
  if (needs.length === 0) return <p>{t('needs.none')}</p>;
  const byId = new Map(needs.map((n) => [n.id, n]));
  return (
    <Table label={t('needs.list')} data-testid="needs-table">
      <thead>
        <tr>
          <th scope="col">{t('needs.statement')}</th>
          <th scope="col">{t('needs.category')}</th>
          <th scope="col">{t('needs.sources')}</th>
        </tr>
      </thead>
      <tbody>
        {needs.map((n) => (
          <tr key={n.id} class={n.status === 'merged' ? 'muted' : ''}>
            <td>
              {n.statement}
              {n.status === 'merged' && <small class="hint"> — {t('needs.mergedInto', { statement: byId.get(n.mergedInto ?? '')?.statement ?? '' })}</small>}
              {n.notes && n.status === 'active' && <small class="hint pre">{n.notes}</small>}
            </td>
            <td>{loc(CATEGORY_LABELS[n.category])}</td>
            <td>{n.sources.map((s) => loc(SOURCE_LABELS[s])).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function AddNeed({ studyId, onAdded }: { studyId: string; onAdded: () => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [statement, setStatement] = useState('');
  const [category, setCategory] = useState<NeedCategory>('other');
  const [sources, setSources] = useState<NeedSource[]>([]);
  const [notes, setNotes] = useState('');

  async function submit(e: Event) {
    e.preventDefault();
    const payload = { statement, category, sources, notes };
    if (!form.check(createNeedSchema, payload)) return;
    const saved = await form.run(() => addNeed(tenantId, studyId, payload), t('needs.added'));
    if (saved) {
      setStatement('');
      setNotes('');
      setSources([]);
      onAdded();
    }
  }

  return (
    <form onSubmit={submit} noValidate class="panel">
      <h3>{t('needs.add')}</h3>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      <Field label={t('needs.statement')} error={form.errors.statement}>
        {(a) => <input {...a} value={statement} onInput={(e) => setStatement((e.target as HTMLInputElement).value)} />}
      </Field>
      <Field label={t('needs.category')} error={form.errors.category}>
        {(a) => (
          <select {...a} value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value as NeedCategory)}>
            {NEED_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {loc(CATEGORY_LABELS[c])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset class={form.errors.sources ? 'field-invalid' : ''}>
        <legend>{t('needs.sources')}</legend>
        {NEED_SOURCES.filter((s) => s !== 'consultation').map((s) => (
          <label key={s} class="check">
            <input
              type="checkbox"
              checked={sources.includes(s)}
              onChange={(e) => setSources((e.target as HTMLInputElement).checked ? [...sources, s] : sources.filter((x) => x !== s))}
            />{' '}
            {loc(SOURCE_LABELS[s])}
          </label>
        ))}
        {form.errors.sources && <small class="error">{form.errors.sources}</small>}
      </fieldset>
      <Field label={t('needs.notes')} error={form.errors.notes}>
        {(a) => <textarea {...a} rows={2} value={notes} onInput={(e) => setNotes((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      <button type="submit" disabled={form.busy}>
        {t('needs.add')}
      </button>
    </form>
  );
}

function MergeNeeds({ studyId, needs, onMerged }: { studyId: string; needs: Need[]; onMerged: () => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [into, setInto] = useState(needs[0]!.id);
  const [from, setFrom] = useState<string[]>([]);
  const version = (id: string) => needs.find((n) => n.id === id)!.version;

  async function merge(e: Event) {
    e.preventDefault();
    const others = from.filter((f) => f !== into);
    if (others.length === 0) return;
    const saved = await form.run(
      () => mergeNeeds(tenantId, studyId, { into: { id: into, version: version(into) }, from: others.map((id) => ({ id, version: version(id) })) }),
      t('needs.merged'),
    );
    if (saved) {
      setFrom([]);
      onMerged();
    }
  }

  return (
    <form onSubmit={merge} class="panel" data-testid="merge">
      <h3>{t('needs.merge')}</h3>
      <p class="hint">{t('needs.mergeHint')}</p>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      <fieldset>
        <legend>{t('needs.mergeSelect')}</legend>
        {needs
          .filter((n) => n.id !== into)
          .map((n) => (
            <label key={n.id} class="check">
              <input
                type="checkbox"
                checked={from.includes(n.id)}
                onChange={(e) => setFrom((e.target as HTMLInputElement).checked ? [...from, n.id] : from.filter((x) => x !== n.id))}
              />{' '}
              {n.statement}
            </label>
          ))}
      </fieldset>
      <Field label={t('needs.mergeInto')}>
        {(a) => (
          <select {...a} value={into} onChange={(e) => setInto((e.target as HTMLSelectElement).value)}>
            {needs.map((n) => (
              <option key={n.id} value={n.id}>
                {n.statement}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={form.busy || from.filter((f) => f !== into).length === 0}>
        {t('needs.mergeDo')}
      </button>
    </form>
  );
}

function Consultation({ view, onChange }: { view: StudyView; onChange: () => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const c = view.study.consultation;
  const link = c?.token ? `${location.origin}/consultation/${c.token}` : null;
  async function toggle(open: boolean) {
    const saved = await form.run(() => setConsultation(tenantId, view.study.id, { version: view.study.version, open }));
    if (saved) onChange();
  }
  return (
    <div class="panel">
      <h3>{t('needs.consultation')}</h3>
      <p class="hint">{t('needs.consultationIntro')}</p>
      <ProblemAlert problem={form.problem} />
      <p>{t(c?.open ? 'needs.consultationIsOpen' : 'needs.consultationIsClosed')}</p>
      {link && (
        <p>
          {t('needs.consultationLink')} :{' '}
          <a href={link} data-testid="consultation-link">
            {link}
          </a>
        </p>
      )}
      {view.study.status === 'open' && (
        <button type="button" class="secondary" onClick={() => void toggle(!c?.open)} disabled={form.busy}>
          {t(c?.open ? 'needs.consultationClose' : 'needs.consultationOpen')}
        </button>
      )}
    </div>
  );
}

function Answers({ studyId, open, onModerated }: { studyId: string; open: boolean; onModerated: () => void }) {
  const { tenantId } = useSession().membership;
  const answers = useResource(() => listAnswers(tenantId, studyId), [tenantId, studyId]);
  if (!answers.data) return <Loading error={answers.error} />;
  return (
    <div class="panel">
      <h3>{t('needs.answers')}</h3>
      {answers.data.items.length === 0 ? (
        <p>{t('needs.noAnswer')}</p>
      ) : (
        <ul class="answers">
          {answers.data.items.map((a) => (
            <AnswerItem
              key={a.id}
              studyId={studyId}
              answer={a}
              canRecord={open}
              onDone={() => {
                answers.reload();
                onModerated();
              }}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function AnswerItem({ studyId, answer, canRecord, onDone }: { studyId: string; answer: ConsultationAnswer; canRecord: boolean; onDone: () => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [drafts, setDrafts] = useState(answer.proposedNeeds.map((p) => ({ statement: p, category: 'other' as NeedCategory, keep: true })));
  async function moderate(decision: 'accepted' | 'dismissed') {
    const newNeeds =
      decision === 'accepted' ? drafts.filter((d) => d.keep && d.statement.trim()).map(({ statement, category }) => ({ statement, category })) : [];
    const saved = await form.run(() => moderateAnswer(tenantId, studyId, answer.id, { version: answer.version, decision, newNeeds }));
    if (saved) onDone();
  }
  return (
    <li>
      <p>
        <span class="badge">{t(`needs.moderation.${answer.moderation}`)}</span> <small class="hint">{formatDateTime(answer.receivedAt, getLang())}</small>
      </p>
      <ProblemAlert problem={form.problem} />
      {answer.moderation === 'pending' && canRecord ? (
        <>
          {drafts.map((d, i) => (
            <div key={i} class="row">
              <label class="check">
                <input
                  type="checkbox"
                  checked={d.keep}
                  onChange={(e) => setDrafts(drafts.map((x, j) => (j === i ? { ...x, keep: (e.target as HTMLInputElement).checked } : x)))}
                  aria-label={t('needs.answerAccept')}
                />
              </label>
              <input
                value={d.statement}
                aria-label={t('needs.statement')}
                onInput={(e) => setDrafts(drafts.map((x, j) => (j === i ? { ...x, statement: (e.target as HTMLInputElement).value } : x)))}
              />
              <select
                value={d.category}
                aria-label={t('needs.category')}
                onChange={(e) => setDrafts(drafts.map((x, j) => (j === i ? { ...x, category: (e.target as HTMLSelectElement).value as NeedCategory } : x)))}
              >
                {NEED_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {loc(CATEGORY_LABELS[c])}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <div class="row">
            <button type="button" onClick={() => void moderate('accepted')} disabled={form.busy}>
              {t('needs.answerAccept')}
            </button>
            <button type="button" class="secondary" onClick={() => void moderate('dismissed')} disabled={form.busy}>
              {t('needs.answerDismiss')}
            </button>
          </div>
        </>
      ) : (
        answer.proposedNeeds.length > 0 && (
          <p>
            {t('needs.answerProposed')} : {answer.proposedNeeds.join(' · ')}
          </p>
        )
      )}
      {answer.preferredNeedIds.length > 0 && (
        <p class="hint">
          {t('needs.answerPreferred')} : {answer.preferredNeedIds.length}
        </p>
      )}
    </li>
  );
}

function RoundsList({ studyId, rounds }: { studyId: string; rounds: RoundView[] }) {
  if (rounds.length === 0) return <p>{t('needs.noRound')}</p>;
  return (
    <ul class="cards">
      {rounds.map((r) => (
        <li key={r.id}>
          <Link href={`/besoins/${studyId}/tours/${r.id}`}>{r.title}</Link> · {t(`needs.method.${r.method}`)} ·{' '}
          {r.acceptingBallots ? t('needs.roundOpen', { date: formatDateTime(r.closesAt, getLang()) }) : t('needs.roundClosed')}
        </li>
      ))}
    </ul>
  );
}

function NewRound({ studyId }: { studyId: string }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [title, setTitle] = useState('');
  const [method, setMethod] = useState<'ranking' | 'points' | 'approval'>('ranking');
  const [pointsBudget, setPointsBudget] = useState('10');
  const [approvalMax, setApprovalMax] = useState('3');
  const [closesAt, setClosesAt] = useState('');

  async function submit(e: Event) {
    e.preventDefault();
    const closes = montrealLocalToInstant(closesAt);
    if (!closes) return form.setErrors({ closesAt: t('date.format') });
    const payload = {
      title,
      method,
      pointsBudget: method === 'points' ? Number(pointsBudget) : null,
      approvalMax: method === 'approval' ? Number(approvalMax) : null,
      closesAt: closes.toISOString(),
    };
    if (!form.check(createRoundSchema, payload)) return;
    if (!form.passes(checkClosesLater('closesAt', payload.closesAt, new Date()))) return;
    const created = await form.run(() => createRound(tenantId, studyId, payload));
    if (created) navigate(`/besoins/${studyId}/tours/${created.id}`);
  }

  return (
    <form onSubmit={submit} noValidate class="panel">
      <h3>{t('needs.newRound')}</h3>
      <ProblemAlert problem={form.problem} />
      <Field label={t('needs.roundTitle')} error={form.errors.title}>
        {(a) => <input {...a} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />}
      </Field>
      <Field label={t('needs.method')} error={form.errors.method}>
        {(a) => (
          <select {...a} value={method} onChange={(e) => setMethod((e.target as HTMLSelectElement).value as typeof method)}>
            {(['ranking', 'points', 'approval'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`needs.method.${m}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TermNote id={method === 'ranking' ? 'schulze' : method} />
      {method === 'points' && (
        <Field label={t('needs.pointsBudget')} error={form.errors.pointsBudget}>
          {(a) => <input {...a} type="number" min={1} value={pointsBudget} onInput={(e) => setPointsBudget((e.target as HTMLInputElement).value)} />}
        </Field>
      )}
      {method === 'approval' && (
        <Field label={t('needs.approvalMax')} error={form.errors.approvalMax}>
          {(a) => <input {...a} type="number" min={1} value={approvalMax} onInput={(e) => setApprovalMax((e.target as HTMLInputElement).value)} />}
        </Field>
      )}
      <Field label={t('needs.roundClosesAt')} error={form.errors.closesAt}>
        {(a) => <input {...a} type="datetime-local" value={closesAt} onInput={(e) => setClosesAt((e.target as HTMLInputElement).value)} />}
      </Field>
      <button type="submit" disabled={form.busy}>
        {t('needs.openRound')}
      </button>
    </form>
  );
}
