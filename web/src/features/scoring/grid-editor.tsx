/** Managers and coordinators build the call's grid: weighted criteria, scales, level descriptors, help; or start from a template. */
import { useState } from 'preact/hooks';
import { BusinessRuleError, InvalidStateError } from '../../../../shared/errors';
import { checkGridAgainstCall, gridEditRefusal } from '../../../../shared/scoring/grid';
import { gridSchema } from '../../../../shared/schemas/scoring';
import { useSession } from '../../lib/session-context';
import { Field, ProblemAlert, Success, useForm, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import { TermNote } from '../../components/term';
import { getTemplates, saveGrid, saveTemplate as saveGridTemplate, type Call, type Grid, type GridSetup, type Template } from './api';

interface Row {
  id?: string;
  label: string;
  help: string;
  weight: string;
  scale: string;
  levels: string;
  linkedToNeeds: boolean;
}

const toRow = (c: Template['criteria'][number]): Row => ({
  id: c.id,
  label: c.label,
  help: c.help,
  weight: String(c.weightBp / 100),
  scale: String(c.scale),
  levels: c.levels.map((l) => `${l.value} = ${l.descriptor}`).join('\n'),
  linkedToNeeds: c.linkedToNeeds,
});
const emptyRow = (): Row => ({ label: '', help: '', weight: '', scale: '5', levels: '', linkedToNeeds: false });

function parseLevels(text: string) {
  return text
    .split('\n')
    .map((l) => /^\s*(\d+)\s*[=:–-]\s*(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ value: Number(m[1]), descriptor: m[2]!.trim() }));
}

/** Whom the grid's builders assign, and to what. */
type AssignmentChoices = Pick<GridSetup, 'evaluators' | 'proposals'>;

export function GridEditor({ call, grid, choices, onSaved }: { call: Call; grid: Grid | null; choices: AssignmentChoices; onSaved: (g: Grid) => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const templates = useResource(() => getTemplates(tenantId), [tenantId]);
  const [rows, setRows] = useState<Row[]>(grid ? grid.criteria.map(toRow) : [emptyRow()]);
  const [mode, setMode] = useState(grid?.mode ?? 'individual');
  const [rule, setRule] = useState(grid?.rule ?? 'mean');
  const [normalize, setNormalize] = useState(grid?.normalize ?? false);
  const [threshold, setThreshold] = useState(String(grid?.disagreementThreshold ?? 15));
  const [templateName, setTemplateName] = useState('');
  // null: every member evaluates every eligible proposal.
  const [assignments, setAssignments] = useState<Record<string, string[]> | null>(grid?.assignments ?? null);
  const total = rows.reduce((s, r) => s + (Number(r.weight.replace(',', '.')) || 0), 0);

  function criteria() {
    return rows.map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      label: r.label,
      help: r.help,
      weightBp: Math.round((Number(r.weight.replace(',', '.')) || 0) * 100),
      scale: Number(r.scale),
      levels: parseLevels(r.levels),
      linkedToNeeds: r.linkedToNeeds,
    }));
  }

  async function save(e: Event) {
    e.preventDefault();
    const payload = {
      version: grid?.version ?? null,
      criteria: criteria(),
      mode,
      rule,
      normalize,
      disagreementThreshold: Number(threshold.replace(',', '.')),
      assignments,
    };
    if (!form.check(gridSchema, payload)) return;
    // The API's refusals, in its words: a needs-linked criterion on a call without needs, a grid no longer a draft.
    const [misfit] = checkGridAgainstCall(call, payload.criteria);
    if (misfit) return form.refuse(new BusinessRuleError(misfit.message, { field: misfit.path }));
    const locked = gridEditRefusal(grid, payload.version);
    if (locked) return form.refuse(new InvalidStateError(locked));
    const saved = await form.run(() => saveGrid(tenantId, call.id, payload), t('scoring.gridSaved'));
    if (saved) onSaved(saved.grid);
  }

  async function saveTemplate() {
    await form.run(() => saveGridTemplate(tenantId, { name: templateName, criteria: criteria().map(({ id: _id, ...c }) => c) }), t('scoring.templateSaved'));
    templates.reload();
  }

  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <form onSubmit={save} noValidate class="panel" data-testid="grid-editor">
      <h2>{t('scoring.grid')}</h2>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {(templates.data?.items.length ?? 0) > 0 && (
        <Field label={t('scoring.fromTemplate')}>
          {(a) => (
            <select
              {...a}
              value=""
              onChange={(e) =>
                setRows(
                  (templates.data!.items.find((x) => x.id === (e.target as HTMLSelectElement).value)?.criteria ?? []).map((c) => ({
                    ...toRow(c),
                    id: undefined,
                  })),
                )
              }
            >
              <option value="">—</option>
              {templates.data!.items.map((tpl) => (
                <option key={tpl.id} value={tpl.id}>
                  {tpl.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {rows.map((r, i) => (
        <fieldset key={i}>
          <legend>{t('scoring.criterion', { n: i + 1 })}</legend>
          <div class="row">
            <Field label={t('scoring.criterionLabel')} error={form.errors[`criteria.${i}.label`]}>
              {(a) => <input {...a} value={r.label} onInput={(e) => set(i, { label: (e.target as HTMLInputElement).value })} />}
            </Field>
            <Field label={t('scoring.weight')} error={form.errors[`criteria.${i}.weightBp`]}>
              {(a) => (
                <input {...a} class="narrow" inputMode="decimal" value={r.weight} onInput={(e) => set(i, { weight: (e.target as HTMLInputElement).value })} />
              )}
            </Field>
            <Field label={t('scoring.scale')} error={form.errors[`criteria.${i}.scale`]}>
              {(a) => (
                <input
                  {...a}
                  class="narrow"
                  type="number"
                  min={1}
                  max={100}
                  value={r.scale}
                  onInput={(e) => set(i, { scale: (e.target as HTMLInputElement).value })}
                />
              )}
            </Field>
          </div>
          <Field label={t('scoring.help')}>
            {(a) => <input {...a} value={r.help} onInput={(e) => set(i, { help: (e.target as HTMLInputElement).value })} />}
          </Field>
          <Field label={t('scoring.levels')} error={form.errors[`criteria.${i}.levels`]}>
            {(a) => <textarea {...a} rows={3} value={r.levels} onInput={(e) => set(i, { levels: (e.target as HTMLTextAreaElement).value })} />}
          </Field>
          {call.needs.length > 0 && (
            <label class="check">
              <input type="checkbox" checked={r.linkedToNeeds} onChange={(e) => set(i, { linkedToNeeds: (e.target as HTMLInputElement).checked })} />{' '}
              {t('scoring.linkedToNeeds')}
            </label>
          )}
          {rows.length > 1 && (
            <button type="button" class="link" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              {t('remove')}
            </button>
          )}
        </fieldset>
      ))}
      <p aria-live="polite" class={Math.abs(total - 100) > 1e-9 ? 'error' : ''} data-testid="weights-total">
        {t('scoring.weightsTotal', { n: total.toLocaleString(getLang() === 'fr' ? 'fr-CA' : 'en-CA') })}
      </p>
      {form.errors.criteria && <p class="error">{form.errors.criteria}</p>}
      <button type="button" class="secondary" onClick={() => setRows([...rows, emptyRow()])}>
        {t('scoring.addCriterion')}
      </button>
      <div class="row">
        <Field label={t('scoring.mode')}>
          {(a) => (
            <select {...a} value={mode} onChange={(e) => setMode((e.target as HTMLSelectElement).value as typeof mode)}>
              <option value="individual">{t('scoring.mode.individual')}</option>
              <option value="consensus">{t('scoring.mode.consensus')}</option>
            </select>
          )}
        </Field>
        <Field label={t('scoring.rule')}>
          {(a) => (
            <select {...a} value={rule} onChange={(e) => setRule((e.target as HTMLSelectElement).value as typeof rule)}>
              {(['mean', 'median', 'trimmed'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`scoring.rule.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('scoring.threshold')}>
          {(a) => <input {...a} class="narrow" inputMode="decimal" value={threshold} onInput={(e) => setThreshold((e.target as HTMLInputElement).value)} />}
        </Field>
      </div>
      <TermNote id="aggregation" />
      <TermNote id="disagreement" />
      <label class="check">
        <input type="checkbox" checked={normalize} onChange={(e) => setNormalize((e.target as HTMLInputElement).checked)} /> {t('scoring.normalize')}
      </label>
      <TermNote id="normalization" />
      <fieldset data-testid="assignments">
        <legend>{t('scoring.assign')}</legend>
        <label class="check">
          <input type="radio" name="assign" checked={assignments === null} onChange={() => setAssignments(null)} /> {t('scoring.assignAll')}
        </label>
        <label class="check">
          <input
            type="radio"
            name="assign"
            checked={assignments !== null}
            onChange={() =>
              setAssignments(
                Object.fromEntries(
                  choices.proposals.map((p) => [p.id, choices.evaluators.filter((e) => e.organizationId !== p.organizationId).map((e) => e.userId)]),
                ),
              )
            }
          />{' '}
          {t('scoring.assignSubset')}
        </label>
        {assignments !== null && (
          <div class="scroll" tabIndex={0}>
            <table class="assign">
              <thead>
                <tr>
                  <th scope="col">{t('scoring.proposal')}</th>
                  {choices.evaluators.map((e) => (
                    <th key={e.userId} scope="col">
                      {e.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {choices.proposals.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.title}</th>
                    {choices.evaluators.map((e) => {
                      const on = assignments[p.id]?.includes(e.userId) ?? false;
                      return (
                        <td key={e.userId}>
                          <input
                            type="checkbox"
                            aria-label={`${e.name} — ${p.title}`}
                            checked={on}
                            onChange={() =>
                              setAssignments({
                                ...assignments,
                                [p.id]: on ? (assignments[p.id] ?? []).filter((x) => x !== e.userId) : [...(assignments[p.id] ?? []), e.userId],
                              })
                            }
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </fieldset>
      <div class="row">
        <button type="submit" disabled={form.busy}>
          {t('scoring.saveGrid')}
        </button>
        <Field label={t('scoring.templateName')}>
          {(a) => <input {...a} value={templateName} onInput={(e) => setTemplateName((e.target as HTMLInputElement).value)} />}
        </Field>
        <button type="button" class="secondary" disabled={form.busy || !templateName.trim()} onClick={() => void saveTemplate()}>
          {t('scoring.saveTemplate')}
        </button>
      </div>
    </form>
  );
}
