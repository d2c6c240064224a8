/**
 * A report template's editor: its title and due day, its indicators (name, code, definition — the lexicon —,
 * kind of answer in plain words, choices, N.A./N.C. allowed, carried over, target; added, removed, moved) and
 * its narrative sections; saved as a new version at the version read (someone else's save meanwhile: said
 * in plain words, what was typed kept). The version and its history are shown above.
 */
import { useState } from 'preact/hooks';
import { INDICATOR_TYPES, type IndicatorType, type SectionKind, TARGET_TYPES } from '../../../../shared/reports';
import { MoneyInput } from '../../components/money-input';
import { Field, Link, ProblemAlert, Success, useForm } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages';
import { useSession } from '../../lib/session-context';
import { type ReportTemplateDetail, saveReportTemplate } from './templates-api';
import {
  type Draft,
  draftOf,
  idFromLabel,
  type IndicatorDraft,
  inputOf,
  isChoice,
  newIndicator,
  newOption,
  newSection,
  type SectionDraft,
  day,
  TEMPLATES_PAGE,
} from './templates-draft';

const SECTION_KINDS: SectionKind[] = ['highlights', 'changes', 'obstacles', 'means', 'practices', 'partnerships', 'case', 'other'];
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** "30 juin" / "June 30". */
export function dueText(due: { month: number; day: number }): string {
  const date = new Date(Date.UTC(2001, due.month - 1, due.day));
  if (date.getUTCMonth() !== due.month - 1) return `${due.day}/${due.month}`;
  return new Intl.DateTimeFormat(getLang() === 'fr' ? 'fr-CA' : 'en-CA', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
}

const monthName = (m: number) =>
  new Intl.DateTimeFormat(getLang() === 'fr' ? 'fr-CA' : 'en-CA', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2001, m - 1, 1)));

/** Moves item `i` of a list by one place. */
function moved<T>(list: readonly T[], i: number, by: -1 | 1): T[] {
  const out = [...list];
  const [one] = out.splice(i, 1);
  out.splice(i + by, 0, one!);
  return out;
}

export function TemplateEditor({ detail, onReload }: { detail: ReportTemplateDetail; onReload: () => void }) {
  const { membership, me, can } = useSession();
  const form = useForm();
  const [current, setCurrent] = useState(detail.template);
  const [versions, setVersions] = useState(detail.versions);
  const [d, setDraft] = useState<Draft>(() => draftOf(detail.template));
  const set = (patch: Partial<Draft>) => setDraft({ ...d, ...patch });
  const err = (path: string) => form.errors[path];
  const writable = can('report:write');
  const conflict = form.problem?.status === 409 ? form.problem : null;
  const last = versions.at(-1);

  const save = async () => {
    // Every indicator of the version read keeps its type (the API checks every earlier version too).
    const read = inputOf(d, current.version, current.indicators);
    if ('problems' in read) return void form.passes(read.problems);
    const saved = await form.run(
      () => saveReportTemplate({ tenantId: membership.tenantId, templateId: current.id }, read.input),
      t('rtpl.saved', { version: current.version + 1 }),
    );
    if (!saved) return;
    setCurrent(saved);
    setVersions([...versions, { number: saved.version, at: saved.updatedAt, by: saved.updatedBy, byName: me.name }]);
    setDraft(draftOf(saved));
  };

  const setIndicator = (i: number, patch: Partial<IndicatorDraft>) => set({ indicators: d.indicators.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const setSection = (i: number, patch: Partial<SectionDraft>) => set({ sections: d.sections.map((x, j) => (j === i ? { ...x, ...patch } : x)) });

  return (
    <section>
      <p>
        <Link href={TEMPLATES_PAGE}>{t('rtpl.back')}</Link>
      </p>
      <h1>{current.title}</h1>
      <p class="muted" data-testid="template-version">
        {current.program} ·{' '}
        {last
          ? t('rtpl.versionBy', {
              version: current.version,
              date: day(current.updatedAt),
              name: last.number === current.version ? last.byName : current.updatedBy,
            })
          : t('rtpl.versionLine', { version: current.version, date: day(current.updatedAt) })}{' '}
        · <Link href={`${TEMPLATES_PAGE}/${encodeURIComponent(current.id)}/lexique`}>{t('rtpl.lexicon')}</Link>
      </p>
      <details class="rtpl-history" data-testid="template-history">
        <summary>{t('rtpl.history')}</summary>
        <ol>
          {[...versions].reverse().map((v) => (
            <li key={v.number}>
              {t('rtpl.versionBy', { version: v.number, date: day(v.at), name: v.byName })} ·{' '}
              <Link href={`${TEMPLATES_PAGE}/${encodeURIComponent(current.id)}/lexique?version=${v.number}`}>
                {t('rtpl.history.lexicon', { version: v.number })}
              </Link>
            </li>
          ))}
        </ol>
      </details>
      <form
        aria-label={t('rtpl.editor')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {conflict ? (
          <div class="alert alert-error" role="alert" data-testid="template-conflict">
            <p>{t('rtpl.conflict', { version: String(conflict.body.currentVersion ?? '') })}</p>
            <button type="button" class="secondary" onClick={onReload}>
              {t('rtpl.reload')}
            </button>
          </div>
        ) : (
          <ProblemAlert problem={form.problem} />
        )}
        <Success text={form.done} />
        <Field label={t('rtpl.field.title')} error={err('title')}>
          {(attrs) => <input {...attrs} value={d.title} maxLength={200} onInput={(e) => set({ title: (e.target as HTMLInputElement).value })} />}
        </Field>

        <fieldset data-testid="template-due">
          <legend>{t('rtpl.due')}</legend>
          <p class="muted">{t('rtpl.due.intro')}</p>
          <div class="row">
            <Field label={t('rtpl.due.day')} error={err('due')}>
              {(attrs) => (
                <input
                  {...attrs}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={31}
                  value={d.due.day}
                  onInput={(e) => set({ due: { ...d.due, day: Number((e.target as HTMLInputElement).value) || 0 } })}
                />
              )}
            </Field>
            <Field label={t('rtpl.due.month')}>
              {(attrs) => (
                <select {...attrs} value={d.due.month} onChange={(e) => set({ due: { ...d.due, month: Number((e.target as HTMLSelectElement).value) } })}>
                  {MONTHS.map((m) => (
                    <option key={m} value={m}>
                      {monthName(m)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <p data-testid="due-shown">{t('rtpl.due.shown', { date: dueText(d.due) })}</p>
        </fieldset>

        <fieldset data-testid="template-indicators">
          <legend>{t('rtpl.indicators')}</legend>
          <p class="muted">{t('rtpl.indicators.intro')}</p>
          {err('indicators') && <p class="error">{err('indicators')}</p>}
          {d.indicators.map((ind, i) => {
            const f = `indicators.${i}`;
            const name = ind.label.trim() || t('rtpl.indicator.new');
            return (
              <div class="agr-card rtpl-card" key={ind.key} data-testid="template-indicator">
                <h3>
                  {t('rtpl.indicator', { n: i + 1 })} · {name}
                </h3>
                <Field label={t('rtpl.indicator.label')} error={err(`${f}.label`)}>
                  {(attrs) => (
                    <input
                      {...attrs}
                      value={ind.label}
                      maxLength={200}
                      onInput={(e) => {
                        const label = (e.target as HTMLInputElement).value;
                        setIndicator(i, ind.idTouched ? { label } : { label, id: idFromLabel(label) });
                      }}
                    />
                  )}
                </Field>
                {ind.saved ? (
                  <p class="muted">{t('rtpl.indicator.id.fixed', { id: ind.id })}</p>
                ) : (
                  <Field label={t('rtpl.indicator.id')} hint={t('rtpl.indicator.id.hint')} error={err(`${f}.id`)}>
                    {(attrs) => (
                      <input
                        {...attrs}
                        value={ind.id}
                        maxLength={60}
                        autoComplete="off"
                        onInput={(e) => setIndicator(i, { id: (e.target as HTMLInputElement).value, idTouched: true })}
                      />
                    )}
                  </Field>
                )}
                <Field label={t('rtpl.indicator.definition')} hint={t('rtpl.indicator.definition.hint')} error={err(`${f}.definition`)}>
                  {(attrs) => (
                    <textarea
                      {...attrs}
                      rows={4}
                      maxLength={4000}
                      value={ind.definition}
                      onInput={(e) => setIndicator(i, { definition: (e.target as HTMLTextAreaElement).value })}
                    />
                  )}
                </Field>
                <Field label={t('rtpl.indicator.type')} {...(ind.saved ? { hint: t('rtpl.indicator.type.fixed') } : {})} error={err(`${f}.type`)}>
                  {(attrs) => (
                    <select
                      {...attrs}
                      value={ind.type}
                      disabled={ind.saved}
                      onChange={(e) => {
                        const type = (e.target as HTMLSelectElement).value as IndicatorType;
                        setIndicator(i, {
                          type,
                          options: isChoice(type) && ind.options.length === 0 ? [newOption(), newOption()] : ind.options,
                          targetText: TARGET_TYPES.includes(type) ? ind.targetText : '',
                        });
                      }}
                    >
                      {INDICATOR_TYPES.map((ty) => (
                        <option key={ty} value={ty}>
                          {t(`rtpl.type.${ty}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {isChoice(ind.type) && (
                  <fieldset data-testid="indicator-options">
                    <legend>{t('rtpl.options')}</legend>
                    {err(`${f}.options`) && <p class="error">{err(`${f}.options`)}</p>}
                    {ind.options.map((o, j) => (
                      <div class="row" key={o.key}>
                        <Field label={t('rtpl.option', { n: j + 1 })} error={err(`${f}.options.${j}.label`) ?? err(`${f}.options.${j}.id`)}>
                          {(attrs) => (
                            <input
                              {...attrs}
                              value={o.label}
                              maxLength={200}
                              onInput={(e) => {
                                const label = (e.target as HTMLInputElement).value;
                                setIndicator(i, {
                                  options: ind.options.map((z, k) => (k === j ? { ...z, label, id: z.saved ? z.id : idFromLabel(label) } : z)),
                                });
                              }}
                            />
                          )}
                        </Field>
                        <button type="button" class="link" onClick={() => setIndicator(i, { options: ind.options.filter((_, k) => k !== j) })}>
                          {t('rtpl.option.remove', { n: j + 1 })}
                        </button>
                      </div>
                    ))}
                    <button type="button" class="secondary" onClick={() => setIndicator(i, { options: [...ind.options, newOption()] })}>
                      {t('rtpl.option.add')}
                    </button>
                  </fieldset>
                )}
                <div class="rtpl-checks">
                  <label class="inline">
                    <input type="checkbox" checked={ind.allowNA} onChange={(e) => setIndicator(i, { allowNA: (e.target as HTMLInputElement).checked })} />
                    {t('rtpl.allowNA')}
                  </label>
                  <label class="inline">
                    <input type="checkbox" checked={ind.allowNC} onChange={(e) => setIndicator(i, { allowNC: (e.target as HTMLInputElement).checked })} />
                    {t('rtpl.allowNC')}
                  </label>
                  <label class="inline">
                    <input
                      type="checkbox"
                      checked={ind.carriedOver}
                      onChange={(e) => setIndicator(i, { carriedOver: (e.target as HTMLInputElement).checked })}
                    />
                    {t('rtpl.carriedOver')}
                  </label>
                </div>
                {TARGET_TYPES.includes(ind.type) && (
                  <Field label={t('rtpl.target')} hint={t(`rtpl.target.hint.${ind.type}` as MessageKey)} error={err(`${f}.target`)}>
                    {(attrs) =>
                      ind.type === 'amount' ? (
                        <MoneyInput {...attrs} value={ind.targetText} onInput={(targetText) => setIndicator(i, { targetText })} />
                      ) : (
                        <input
                          {...attrs}
                          inputMode="decimal"
                          autoComplete="off"
                          value={ind.targetText}
                          onInput={(e) => setIndicator(i, { targetText: (e.target as HTMLInputElement).value })}
                        />
                      )
                    }
                  </Field>
                )}
                <div class="tpl-actions">
                  <button type="button" class="link" disabled={i === 0} onClick={() => set({ indicators: moved(d.indicators, i, -1) })}>
                    {t('rtpl.up', { what: name })}
                  </button>
                  <button type="button" class="link" disabled={i === d.indicators.length - 1} onClick={() => set({ indicators: moved(d.indicators, i, 1) })}>
                    {t('rtpl.down', { what: name })}
                  </button>
                  <button type="button" class="link" onClick={() => set({ indicators: d.indicators.filter((_, j) => j !== i) })}>
                    {t('rtpl.remove', { what: name })}
                  </button>
                </div>
              </div>
            );
          })}
          <button type="button" class="secondary" onClick={() => set({ indicators: [...d.indicators, newIndicator()] })}>
            {t('rtpl.indicator.add')}
          </button>
        </fieldset>

        <fieldset data-testid="template-sections">
          <legend>{t('rtpl.sections')}</legend>
          <p class="muted">{t('rtpl.sections.intro')}</p>
          {d.sections.map((s, i) => {
            const f = `sections.${i}`;
            const name = s.label.trim() || t('rtpl.section.new');
            return (
              <div class="agr-card rtpl-card" key={s.key} data-testid="template-section">
                <h3>
                  {t('rtpl.section', { n: i + 1 })} · {name}
                </h3>
                <Field label={t('rtpl.section.label')} error={err(`${f}.label`) ?? err(`${f}.id`)}>
                  {(attrs) => (
                    <input
                      {...attrs}
                      value={s.label}
                      maxLength={200}
                      onInput={(e) => {
                        const label = (e.target as HTMLInputElement).value;
                        setSection(i, s.saved ? { label } : { label, id: idFromLabel(label) });
                      }}
                    />
                  )}
                </Field>
                <Field label={t('rtpl.section.help')} error={err(`${f}.help`)}>
                  {(attrs) => (
                    <textarea
                      {...attrs}
                      rows={2}
                      maxLength={1000}
                      value={s.help}
                      onInput={(e) => setSection(i, { help: (e.target as HTMLTextAreaElement).value })}
                    />
                  )}
                </Field>
                <Field label={t('rtpl.section.kind')}>
                  {(attrs) => (
                    <select {...attrs} value={s.kind} onChange={(e) => setSection(i, { kind: (e.target as HTMLSelectElement).value as SectionKind })}>
                      {SECTION_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {t(`rtpl.kind.${k}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <label class="inline">
                  <input type="checkbox" checked={s.carriedOver} onChange={(e) => setSection(i, { carriedOver: (e.target as HTMLInputElement).checked })} />
                  {t('rtpl.carriedOver')}
                </label>
                <div class="tpl-actions">
                  <button type="button" class="link" disabled={i === 0} onClick={() => set({ sections: moved(d.sections, i, -1) })}>
                    {t('rtpl.up', { what: name })}
                  </button>
                  <button type="button" class="link" disabled={i === d.sections.length - 1} onClick={() => set({ sections: moved(d.sections, i, 1) })}>
                    {t('rtpl.down', { what: name })}
                  </button>
                  <button type="button" class="link" onClick={() => set({ sections: d.sections.filter((_, j) => j !== i) })}>
                    {t('rtpl.remove', { what: name })}
                  </button>
                </div>
              </div>
            );
          })}
          <button type="button" class="secondary" onClick={() => set({ sections: [...d.sections, newSection()] })}>
            {t('rtpl.section.add')}
          </button>
        </fieldset>
        {writable && (
          <button type="submit" disabled={form.busy}>
            {t('rtpl.save')}
          </button>
        )}
      </form>
    </section>
  );
}
