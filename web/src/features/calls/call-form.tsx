/**
 * A manager creates a call for projects on an envelope, dates typed in Montreal time, and edits it while it
 * is a draft (once published, only its deadline moves, by an extension with a reason).
 */
import { useState } from 'preact/hooks';
import { instantToMontrealLocal, montrealLocalToInstant } from '../../../../shared/dates';
import { centsToInput } from '../../../../shared/money';
import { createCallSchema, updateCallSchema } from '../../../../shared/schemas/call';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session-context';
import { MoneyInput, readMoney } from '../../components/money-input';
import { Field, Link, Loading, ProblemAlert, useForm, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import { AccessField, type Access } from './call-access';
import { createCall, getCall, getStudy, listStudies, listTables, updateCall, type Call } from './api';
import { TableSelect } from '../../components/table-select';

/** Closed rounds whose retained needs a call can take, from every study the person can read. */
function useRetainedRounds(): { value: string; label: string }[] {
  const { membership, can } = useSession();
  const { tenantId } = membership;
  const rounds = useResource(async () => {
    if (!can('needs:read')) return [];
    const studies = await listStudies(tenantId);
    const views = await Promise.all(studies.items.map((s) => getStudy(tenantId, s.id)));
    return views.flatMap((v) =>
      v.rounds
        .filter((r) => r.retention)
        .map((r) => ({ value: `${v.study.id}/${r.id}`, label: `${v.study.title} — ${r.title} (${r.retention!.retainedNeedIds.length})` })),
    );
  }, [tenantId]);
  return rounds.data ?? [];
}

/** The draft call at `/appels/:id/modifier`, loaded and handed to the form. */
export function CallEditor({ id }: { id: string }) {
  const { tenantId } = useSession().membership;
  const call = useResource(() => getCall(tenantId, id), [tenantId, id]);
  if (!call.data) return <Loading error={call.error} />;
  if (call.data.status !== 'draft') {
    return (
      <section>
        <h1>{call.data.title}</h1>
        <p role="alert">{t('call.notEditable')}</p>
        <Link href={`/appels/${id}`}>{t('call.back')}</Link>
      </section>
    );
  }
  return <CallForm envelopeId={call.data.envelopeId} call={call.data} />;
}

export function CallForm({ envelopeId, call }: { envelopeId: string; call?: Call }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const lang = getLang();
  const [title, setTitle] = useState(call?.title ?? '');
  const [description, setDescription] = useState(call?.description ?? '');
  const [amount, setAmount] = useState(call ? centsToInput(call.amountAvailable, lang) : '');
  const [maxRequest, setMaxRequest] = useState(call ? centsToInput(call.maxRequest, lang) : '');
  const [criteria, setCriteria] = useState<{ id?: string; label: string; description: string }[]>(
    call ? call.eligibilityCriteria.map((k) => ({ id: k.id, label: k.label, description: k.description })) : [{ label: '', description: '' }],
  );
  const [opensAt, setOpensAt] = useState(call ? instantToMontrealLocal(call.opensAt) : '');
  const [closesAt, setClosesAt] = useState(call ? instantToMontrealLocal(call.closesAt) : '');
  const [twoYears, setTwoYears] = useState(call ? call.allowedDurations.length === 2 : false);
  const [needsFrom, setNeedsFrom] = useState(call?.needsFrom ? `${call.needsFrom.studyId}/${call.needsFrom.roundId}` : '');
  const retained = useRetainedRounds();
  const [access, setAccess] = useState<Access>(call?.access ?? 'open');
  const [invited, setInvited] = useState<string[]>(call?.invitedOrganizationIds ?? []);
  const [tableId, setTableId] = useState(call?.tableId ?? '');
  const tables = useResource(() => listTables(tenantId), [tenantId]);

  async function submit(e: Event) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const opens = montrealLocalToInstant(opensAt);
    const closes = montrealLocalToInstant(closesAt);
    if (!opens) errors.opensAt = t('date.format');
    if (!closes) errors.closesAt = t('date.format');
    const payload = {
      envelopeId,
      title,
      description,
      amountAvailable: readMoney(amount, 'amountAvailable', errors),
      maxRequest: readMoney(maxRequest, 'maxRequest', errors),
      eligibilityCriteria: criteria,
      opensAt: opens?.toISOString(),
      closesAt: closes?.toISOString(),
      allowedDurations: twoYears ? [1, 2] : [1],
      needsFrom: needsFrom ? { studyId: needsFrom.split('/')[0]!, roundId: needsFrom.split('/')[1]! } : null,
      access,
      invitedOrganizationIds: access === 'invited' ? invited : [],
      tableId: tableId || null,
    };
    if (Object.keys(errors).length) {
      form.setErrors(errors);
      return;
    }
    if (call) {
      const update = { ...payload, version: call.version };
      if (!form.check(updateCallSchema, update)) return;
      const saved = await form.run(() => updateCall(tenantId, call.id, update));
      if (saved) navigate(`/appels/${saved.id}`);
      return;
    }
    if (!form.check(createCallSchema, payload)) return;
    const created = await form.run(() => createCall(tenantId, payload));
    if (created) navigate(`/appels/${created.id}`);
  }

  return (
    <section>
      <p class="muted">
        {call ? <Link href={`/appels/${call.id}`}>{call.title}</Link> : <Link href={`/enveloppes/${envelopeId}`}>{t('call.backToEnvelope')}</Link>}
      </p>
      <h1>{call ? t('call.edit') : t('calls.new')}</h1>
      <form onSubmit={submit} noValidate>
        <ProblemAlert problem={form.problem} />
        <Field label={t('call.title')} error={form.errors.title}>
          {(a) => <input {...a} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field label={t('call.description')} error={form.errors.description}>
          {(a) => <textarea {...a} rows={4} value={description} onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />}
        </Field>
        <div class="row">
          <Field label={t('call.amountAvailable')} error={form.errors.amountAvailable}>
            {(a) => <MoneyInput {...a} value={amount} onInput={setAmount} />}
          </Field>
          <Field label={t('call.maxRequest')} error={form.errors.maxRequest}>
            {(a) => <MoneyInput {...a} value={maxRequest} onInput={setMaxRequest} />}
          </Field>
        </div>
        <div class="row">
          <Field label={t('call.opensAt')} error={form.errors.opensAt} hint={t('call.montrealTime')}>
            {(a) => <input {...a} type="datetime-local" value={opensAt} onInput={(e) => setOpensAt((e.target as HTMLInputElement).value)} />}
          </Field>
          <Field label={t('call.closesAt')} error={form.errors.closesAt} hint={t('call.montrealTime')}>
            {(a) => <input {...a} type="datetime-local" value={closesAt} onInput={(e) => setClosesAt((e.target as HTMLInputElement).value)} />}
          </Field>
        </div>
        <label class="inline">
          <input type="checkbox" checked={twoYears} onChange={(e) => setTwoYears((e.target as HTMLInputElement).checked)} /> {t('call.twoYears')}
        </label>
        <Field label={t('call.needsFrom')} hint={t('call.needsHint')} error={form.errors.needsFrom}>
          {(a) => (
            <select {...a} value={needsFrom} onChange={(e) => setNeedsFrom((e.target as HTMLSelectElement).value)}>
              <option value="">{t('call.needsNone')}</option>
              {retained.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <AccessField access={access} onAccess={setAccess} invited={invited} onInvited={setInvited} error={form.errors.invitedOrganizationIds} />
        <TableSelect tables={tables.data?.items ?? []} value={tableId} onChange={setTableId} error={form.errors.tableId} />
        <fieldset>
          <legend>{t('call.criteria')}</legend>
          {form.errors.eligibilityCriteria && <p class="error">{form.errors.eligibilityCriteria}</p>}
          {criteria.map((c, i) => (
            <div class="row" key={i}>
              <Field label={t('call.criterionLabel', { n: i + 1 })} error={form.errors[`eligibilityCriteria.${i}.label`]}>
                {(a) => (
                  <input
                    {...a}
                    value={c.label}
                    onInput={(e) => setCriteria(criteria.map((x, j) => (j === i ? { ...x, label: (e.target as HTMLInputElement).value } : x)))}
                  />
                )}
              </Field>
              <Field label={t('call.criterionDescription')} error={form.errors[`eligibilityCriteria.${i}.description`]}>
                {(a) => (
                  <input
                    {...a}
                    value={c.description}
                    onInput={(e) => setCriteria(criteria.map((x, j) => (j === i ? { ...x, description: (e.target as HTMLInputElement).value } : x)))}
                  />
                )}
              </Field>
              {criteria.length > 1 && (
                <button type="button" class="link" onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}>
                  {t('remove')}
                </button>
              )}
            </div>
          ))}
          <button type="button" class="secondary" onClick={() => setCriteria([...criteria, { label: '', description: '' }])}>
            {t('call.addCriterion')}
          </button>
        </fieldset>
        <button type="submit" disabled={form.busy}>
          {call ? t('call.saveDraft') : t('call.create')}
        </button>
      </form>
    </section>
  );
}
