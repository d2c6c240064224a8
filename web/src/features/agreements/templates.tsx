/**
 * The agreement templates (modèles d'entente) for the managers: each program's template or the default one
 * it falls back to (read-only, with its clauses); a program's template created from the default; its
 * clauses (heading, text; added, removed, moved up and down), default obligations and default schedule
 * edited beside the placeholders explained in plain words and a preview of one clause filled with example
 * values; saved at the version read (someone else's save meanwhile: said in plain words, what was typed
 * kept). The agreements generated afterwards start from the program's template (templateFor).
 */
import { useState } from 'preact/hooks';
import { fillPlaceholders, PLACEHOLDERS, type Placeholder } from '../../../../shared/agreements';
import { instantToMontrealLocal } from '../../../../shared/dates';
import { centsToInput, formatMoney, parseMoney } from '../../../../shared/money';
import { ScheduleFields } from './terms-editor';
import { Field, Link, Loading, ProblemAlert, Success, Table, type FieldErrors, useForm, useResource } from '../../components/ui';
import { colon, getLang, t } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session-context';
import { type AgreementTemplate, createTemplate, listEnvelopes, listTemplates, saveTemplate } from './api';
import './agreements.css';
import './templates.css';

const PAGE = '/modeles-d-entente';
const KINDS = ['report', 'committee', 'priority-access', 'other'] as const;
type Kind = (typeof KINDS)[number];
type ScheduleKind = 'single' | 'installments' | 'month' | 'quarter';

const day = (iso: string) => instantToMontrealLocal(iso).slice(0, 10);
const money = (c: number) => formatMoney(c, getLang());

/**
 * What fills the placeholders in the preview: an example organization's agreement. The clauses are
 * written in French (the agreement is a French document), so are these values.
 */
function exampleValues(kind: ScheduleKind): Record<Placeholder, string> {
  const ways: Record<ScheduleKind, string> = {
    single: 'un seul versement par exercice, le premier dès la signature des deux parties, les suivants le 1er avril de leur exercice',
    installments: 'deux versements : 12 500,00 $ le 2026-10-01 ; 12 500,00 $ le 2027-01-15',
    month: 'sur réclamation mensuelle des dépenses de l’organisme, jusqu’au montant de chaque exercice',
    quarter: 'sur réclamation trimestrielle des dépenses de l’organisme, jusqu’au montant de chaque exercice',
  };
  return {
    etablissement: 'CISSS des Laurentides',
    organisme: 'Carrefour des familles (exemple)',
    neq: '1145678901',
    projet: 'Ateliers parents-enfants du samedi',
    besoins: 'briser l’isolement des jeunes parents ; soutenir le développement des tout-petits',
    periode: 'du 2026-04-01 au 2027-03-31',
    montant: formatMoney(2_500_000, 'fr'),
    montants_par_exercice: `${formatMoney(2_500_000, 'fr')} pour l’exercice 2026-2027`,
    modalites_de_versement: ways[kind],
  };
}

let nextKey = 0;
const key = () => ++nextKey;

/** The template as typed: amounts as text until sent, a local key for each row. */
interface Draft {
  title: string;
  kind: ScheduleKind;
  installments: { key: number; dueOn: string; text: string }[];
  obligations: { key: number; kind: Kind; label: string }[];
  clauses: { key: number; heading: string; body: string }[];
}

function draftOf(tpl: AgreementTemplate): Draft {
  const s = tpl.schedule;
  return {
    title: tpl.title,
    kind: s.kind === 'periodic' ? s.every : s.kind,
    installments: s.kind === 'installments' ? s.installments.map((x) => ({ key: key(), dueOn: x.dueOn, text: centsToInput(x.cents, getLang()) })) : [],
    obligations: tpl.obligations.map((o) => ({ key: key(), ...o })),
    clauses: tpl.clauses.map((c) => ({ key: key(), ...c })),
  };
}

type TemplateInput = Pick<AgreementTemplate, 'title' | 'clauses' | 'obligations' | 'schedule'>;

/** The template to send, or the fields the browser already finds wrong (an amount that does not read, no installment). */
function inputOf(d: Draft): { input: TemplateInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const installments = d.installments.map((x, i) => {
    const p = parseMoney(x.text);
    if (!p.ok || p.cents < 0) errors[`schedule.installments.${i}.cents`] = t('money.format');
    return { dueOn: x.dueOn, cents: p.ok ? p.cents : 0 };
  });
  if (d.kind === 'installments' && installments.length === 0) errors.schedule = t('tpl.installmentsMissing');
  if (d.kind === 'installments' && Object.keys(errors).length > 0) return { errors };
  const schedule: TemplateInput['schedule'] =
    d.kind === 'single' ? { kind: 'single' } : d.kind === 'installments' ? { kind: 'installments', installments } : { kind: 'periodic', every: d.kind };
  return {
    input: {
      title: d.title,
      schedule,
      obligations: d.obligations.map(({ kind, label }) => ({ kind, label })),
      clauses: d.clauses.map(({ heading, body }) => ({ heading, body })),
    },
  };
}

/** `/modeles-d-entente`: the list, the default template and the creation; `?modele=<id>`: one template's editor. */
export function TemplatesPage({ templateId }: { templateId: string | null }) {
  const { membership } = useSession();
  const { tenantId } = membership;
  const [n, setN] = useState(0);
  // Read again on each move between the list and an editor: the list shows the last saves.
  const data = useResource(() => Promise.all([listTemplates(tenantId), listEnvelopes(tenantId)]), [tenantId, n, templateId]);
  if (!data.data) return <Loading error={data.error} />;
  const [view, envelopes] = data.data;
  if (templateId) {
    const tpl = view.items.find((x) => x.id === templateId);
    if (!tpl)
      return (
        <section>
          <p>
            <Link href={PAGE}>{t('tpl.back')}</Link>
          </p>
          <h1>{t('tpl.title')}</h1>
          <p role="alert">{t('tpl.notFound')}</p>
        </section>
      );
    // A reload starts again from the stored version (once read): a new editor with nothing typed.
    return <TemplateEditor key={`${tpl.id}-${tpl.version}-${n}`} template={tpl} onReload={() => setN(n + 1)} />;
  }
  const programs = [...new Set([...envelopes.items.map((e) => e.program), ...view.items.map((x) => x.program)])].sort((a, b) => a.localeCompare(b, 'fr'));
  return (
    <section>
      <h1>{t('tpl.title')}</h1>
      <p>{t('tpl.intro')}</p>
      {programs.length === 0 ? (
        <p>{t('tpl.noPrograms')}</p>
      ) : (
        <Table label={t('tpl.title')} data-testid="templates">
          <thead>
            <tr>
              <th scope="col">{t('tpl.program')}</th>
              <th scope="col">{t('tpl.template')}</th>
              <th scope="col">{t('tpl.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {programs.map((program) => {
              const own = view.items.filter((x) => x.program === program).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
              return (
                <tr key={program} data-testid="template-row">
                  <th scope="row">{program}</th>
                  <td>
                    {own.length === 0 ? (
                      <span class="muted">{t('tpl.usesDefault')}</span>
                    ) : (
                      <ul class="plain">
                        {own.map((x) => (
                          <li key={x.id}>
                            <Link href={`${PAGE}?modele=${encodeURIComponent(x.id)}`}>{t('tpl.edit', { title: x.title })}</Link>
                          </li>
                        ))}
                      </ul>
                    )}
                    {own.length > 1 && <div class="muted">{t('tpl.latestUsed')}</div>}
                  </td>
                  <td>{own[0] ? day(own[0].updatedAt) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <CreateTemplate
        programs={programs}
        fallback={view.fallback}
        without={programs.filter((p) => !view.items.some((x) => x.program === p))}
        onCreated={(tpl) => data.setData([{ ...view, items: [...view.items, tpl] }, envelopes])}
      />
      <DefaultTemplate template={view.fallback} />
    </section>
  );
}

/** A program's template, created as a copy of the default one, then opened in its editor. */
function CreateTemplate(props: { programs: string[]; without: string[]; fallback: AgreementTemplate; onCreated: (tpl: AgreementTemplate) => void }) {
  const { membership, can } = useSession();
  const form = useForm();
  const [program, setProgram] = useState(props.without[0] ?? props.programs[0] ?? '');
  const [title, setTitle] = useState<string | null>(null);
  if (!can('agreement:write') || props.programs.length === 0) return null;
  const shownTitle = title ?? t('tpl.create.titleDefault', { program });
  const submit = async () => {
    const { clauses, obligations, schedule } = props.fallback;
    const created = await form.run(() => createTemplate(membership.tenantId, { program, title: shownTitle, clauses, obligations, schedule }));
    if (!created) return;
    props.onCreated(created);
    navigate(`${PAGE}?modele=${encodeURIComponent(created.id)}`);
  };
  return (
    <form
      class="panel"
      aria-label={t('tpl.create')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('tpl.create')}</h2>
      <p class="muted">{t('tpl.create.intro')}</p>
      <ProblemAlert problem={form.problem} />
      <Field label={t('tpl.create.program')} error={form.errors.program}>
        {(attrs) => (
          <select {...attrs} value={program} onChange={(e) => setProgram((e.target as HTMLSelectElement).value)}>
            {props.programs.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('tpl.create.title')} error={form.errors.title}>
        {(attrs) => <input {...attrs} value={shownTitle} maxLength={200} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />}
      </Field>
      <button type="submit" disabled={form.busy}>
        {t('tpl.create.submit')}
      </button>
    </form>
  );
}

function scheduleText(s: AgreementTemplate['schedule']): string {
  if (s.kind === 'single') return t('agr.schedule.single');
  if (s.kind === 'periodic') return t(s.every === 'month' ? 'agr.schedule.month' : 'agr.schedule.quarter');
  return `${t('agr.schedule.installments')}${colon()} ${s.installments.map((x) => `${x.dueOn} (${money(x.cents)})`).join(', ')}`;
}

/** The default template, read-only: what a program without a template of its own uses. */
function DefaultTemplate({ template }: { template: AgreementTemplate }) {
  return (
    <section class="panel tpl-default" aria-labelledby="tpl-default" data-testid="default-template">
      <h2 id="tpl-default">{t('tpl.default')}</h2>
      <p class="muted">{t('tpl.default.intro')}</p>
      <dl class="facts">
        <dt>{t('tpl.field.title')}</dt>
        <dd>{template.title}</dd>
        <dt>{t('tpl.schedule')}</dt>
        <dd>{scheduleText(template.schedule)}</dd>
        <dt>{t('tpl.obligations')}</dt>
        <dd>
          <ul>
            {template.obligations.map((o) => (
              <li key={o.label}>
                {o.label} <span class="muted">({t(`agr.kind.${o.kind}` as MessageKey)})</span>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <h3>{t('agr.clauses')}</h3>
      {template.clauses.map((c) => (
        <div key={c.heading} class="tpl-clause">
          <h4>{c.heading}</h4>
          <p class="prose">{c.body}</p>
        </div>
      ))}
    </section>
  );
}

/** The placeholders a clause may use, each with what replaces it. */
function Placeholders() {
  return (
    <section class="tpl-aside-part" aria-labelledby="tpl-placeholders" data-testid="placeholders">
      <h3 id="tpl-placeholders">{t('tpl.placeholders')}</h3>
      <p class="muted">{t('tpl.placeholders.intro')}</p>
      <dl class="tpl-placeholders">
        {PLACEHOLDERS.map((p) => (
          <div key={p}>
            <dt>
              <code>{`{{${p}}}`}</code>
            </dt>
            <dd>« {t(`tpl.ph.${p}` as MessageKey)} »</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** One clause with the example values in place of its placeholders. */
function Preview({ draft, index }: { draft: Draft; index: number }) {
  const clause = draft.clauses[index] ?? draft.clauses[0];
  const n = clause ? draft.clauses.indexOf(clause) + 1 : 0;
  const values = exampleValues(draft.kind);
  const heading = clause ? fillPlaceholders(clause.heading, values) : '';
  const body = clause ? fillPlaceholders(clause.body, values) : '';
  const unknown = /\{\{[^}]*\}\}/.test(heading + body);
  return (
    <section class="tpl-aside-part" aria-labelledby="tpl-preview" data-testid="clause-preview" aria-live="polite">
      <h3 id="tpl-preview">{clause ? t('tpl.preview', { n }) : t('tpl.preview.none')}</h3>
      {clause && (
        <div class="tpl-clause">
          <h4>{heading}</h4>
          <p class="prose">{body}</p>
          {unknown && <p class="error">{t('tpl.preview.unknown')}</p>}
        </div>
      )}
    </section>
  );
}

/** One template's editor: title, default schedule, default obligations, clauses; saved at the version read. */
function TemplateEditor({ template, onReload }: { template: AgreementTemplate; onReload: () => void }) {
  const { membership, can } = useSession();
  const form = useForm();
  const [current, setCurrent] = useState(template);
  const [d, setDraft] = useState(() => draftOf(template));
  const [previewed, setPreviewed] = useState(0);
  const set = (patch: Partial<Draft>) => setDraft({ ...d, ...patch });
  const err = (path: string) => form.errors[path];
  const writable = can('agreement:write');
  const conflict = form.problem?.status === 409;

  const save = async () => {
    const read = inputOf(d);
    if ('errors' in read) return form.setErrors(read.errors);
    const saved = await form.run(
      () => saveTemplate({ tenantId: membership.tenantId, templateId: current.id }, { version: current.version, program: current.program, ...read.input }),
      t('tpl.saved'),
    );
    if (saved) setCurrent(saved);
  };
  const move = (i: number, by: -1 | 1) => {
    const clauses = [...d.clauses];
    const [one] = clauses.splice(i, 1);
    clauses.splice(i + by, 0, one!);
    set({ clauses });
    setPreviewed(i + by);
  };

  return (
    <section>
      <p>
        <Link href={PAGE}>{t('tpl.back')}</Link>
      </p>
      <h1>{current.title}</h1>
      <p class="muted" data-testid="template-meta">
        {t('tpl.meta', { program: current.program, version: current.version, date: day(current.updatedAt) })}
      </p>
      <form
        aria-label={t('tpl.editor')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {conflict ? (
          <div class="alert alert-error" role="alert" data-testid="template-conflict">
            <p>{t('tpl.conflict')}</p>
            <button type="button" class="secondary" onClick={onReload}>
              {t('tpl.reload')}
            </button>
          </div>
        ) : (
          <ProblemAlert problem={form.problem} />
        )}
        <Success text={form.done} />
        <Field label={t('tpl.field.title')} error={err('title')}>
          {(attrs) => <input {...attrs} value={d.title} maxLength={200} onInput={(e) => set({ title: (e.target as HTMLInputElement).value })} />}
        </Field>

        <fieldset>
          <legend>{t('tpl.schedule')}</legend>
          <p class="muted">{t('tpl.schedule.intro')}</p>
          <ScheduleFields kind={d.kind} installments={d.installments} onChange={set} err={err} newDueOn="" />
        </fieldset>

        <fieldset data-testid="template-obligations">
          <legend>{t('tpl.obligations')}</legend>
          <p class="muted">{t('tpl.obligations.intro')}</p>
          {d.obligations.map((o, i) => {
            const setOne = (patch: Partial<Draft['obligations'][number]>) =>
              set({ obligations: d.obligations.map((z, j) => (j === i ? { ...z, ...patch } : z)) });
            return (
              <div class="agr-card" key={o.key} data-testid="template-obligation">
                <Field label={t('agr.obligation.label')} error={err(`obligations.${i}.label`)}>
                  {(attrs) => <input {...attrs} value={o.label} maxLength={300} onInput={(e) => setOne({ label: (e.target as HTMLInputElement).value })} />}
                </Field>
                <Field label={t('agr.obligation.kind')} error={err(`obligations.${i}.kind`)}>
                  {(attrs) => (
                    <select {...attrs} value={o.kind} onChange={(e) => setOne({ kind: (e.target as HTMLSelectElement).value as Kind })}>
                      {KINDS.map((k) => (
                        <option key={k} value={k}>
                          {t(`agr.kind.${k}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <button type="button" class="link" onClick={() => set({ obligations: d.obligations.filter((_, j) => j !== i) })}>
                  {t('agr.obligation.remove', { label: o.label || t('agr.obligation.new') })}
                </button>
              </div>
            );
          })}
          <button type="button" class="secondary" onClick={() => set({ obligations: [...d.obligations, { key: key(), kind: 'other', label: '' }] })}>
            {t('agr.obligation.add')}
          </button>
        </fieldset>

        <fieldset data-testid="template-clauses">
          <legend>{t('agr.clauses')}</legend>
          <p class="muted">{t('tpl.clauses.intro')}</p>
          {err('clauses') && <p class="error">{err('clauses')}</p>}
          <div class="tpl-layout">
            <div class="tpl-clauses">
              {d.clauses.map((c, i) => {
                const setOne = (patch: Partial<Draft['clauses'][number]>) => set({ clauses: d.clauses.map((z, j) => (j === i ? { ...z, ...patch } : z)) });
                return (
                  <div class="agr-card" key={c.key} data-testid="template-clause" onFocusCapture={() => setPreviewed(i)}>
                    <Field label={t('agr.clause.heading', { n: i + 1 })} error={err(`clauses.${i}.heading`)}>
                      {(attrs) => (
                        <input {...attrs} value={c.heading} maxLength={200} onInput={(e) => setOne({ heading: (e.target as HTMLInputElement).value })} />
                      )}
                    </Field>
                    <Field label={t('agr.clause.body', { n: i + 1 })} error={err(`clauses.${i}.body`)}>
                      {(attrs) => <textarea {...attrs} rows={5} value={c.body} onInput={(e) => setOne({ body: (e.target as HTMLTextAreaElement).value })} />}
                    </Field>
                    <div class="tpl-actions">
                      <button type="button" class="link" disabled={i === 0} onClick={() => move(i, -1)}>
                        {t('tpl.clause.up', { n: i + 1 })}
                      </button>
                      <button type="button" class="link" disabled={i === d.clauses.length - 1} onClick={() => move(i, 1)}>
                        {t('tpl.clause.down', { n: i + 1 })}
                      </button>
                      <button type="button" class="link" onClick={() => setPreviewed(i)}>
                        {t('tpl.clause.preview', { n: i + 1 })}
                      </button>
                      <button
                        type="button"
                        class="link"
                        onClick={() => {
                          set({ clauses: d.clauses.filter((_, j) => j !== i) });
                          setPreviewed(Math.max(0, Math.min(previewed, d.clauses.length - 2)));
                        }}
                      >
                        {t('agr.clause.remove', { n: i + 1 })}
                      </button>
                    </div>
                  </div>
                );
              })}
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  set({ clauses: [...d.clauses, { key: key(), heading: '', body: '' }] });
                  setPreviewed(d.clauses.length);
                }}
              >
                {t('agr.clause.add')}
              </button>
            </div>
            <aside class="tpl-aside">
              <Placeholders />
              <Preview draft={d} index={previewed} />
            </aside>
          </div>
        </fieldset>
        {writable && (
          <button type="submit" disabled={form.busy}>
            {t('tpl.save')}
          </button>
        )}
      </form>
    </section>
  );
}
