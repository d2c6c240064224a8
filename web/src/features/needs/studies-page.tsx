/** The tenant's needs studies; coordinators and managers open new ones, for a call or for the table. */
import { useState } from 'preact/hooks';
import { createStudySchema } from '../../../../shared/schemas/needs';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session-context';
import { Field, Link, Loading, ProblemAlert, useForm, useResource } from '../../components/ui';
import { t } from '../../lib/i18n';
import { TableSelect } from '../../components/table-select';
import { createStudy, listCalls, listStudies, listTables } from './api';

export function StudiesPage() {
  const { membership, can } = useSession();
  const studies = useResource(() => listStudies(membership.tenantId), [membership.tenantId]);
  return (
    <section>
      <h1>{t('needs.studies')}</h1>
      <p class="muted">{t('needs.studiesIntro')}</p>
      {!studies.data ? (
        <Loading error={studies.error} />
      ) : studies.data.items.length === 0 ? (
        <p>{t('needs.noStudy')}</p>
      ) : (
        <ul class="cards">
          {studies.data.items.map((s) => (
            <li key={s.id}>
              <Link href={`/besoins/${s.id}`}>{s.title}</Link>{' '}
              <span class={`badge badge-${s.status === 'open' ? 'submitted' : 'withdrawn'}`}>{t(s.status === 'open' ? 'needs.open' : 'needs.closed')}</span>
            </li>
          ))}
        </ul>
      )}
      {can('needs:write') && <NewStudy />}
    </section>
  );
}

function NewStudy() {
  const { tenantId } = useSession().membership;
  const calls = useResource(() => listCalls(tenantId), [tenantId]);
  const form = useForm();
  const [title, setTitle] = useState('');
  const [callId, setCallId] = useState('');
  const [tableId, setTableId] = useState('');
  const tables = useResource(() => listTables(tenantId), [tenantId]);

  async function submit(e: Event) {
    e.preventDefault();
    const payload = { title, callId: callId || null, tableId: tableId || null };
    if (!form.check(createStudySchema, payload)) return;
    const created = await form.run(() => createStudy(tenantId, payload));
    if (created) navigate(`/besoins/${created.id}`);
  }

  return (
    <form onSubmit={submit} noValidate class="panel">
      <h2>{t('needs.newStudy')}</h2>
      <ProblemAlert problem={form.problem} />
      <Field label={t('needs.studyTitle')} error={form.errors.title}>
        {(a) => <input {...a} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />}
      </Field>
      <Field label={t('needs.forCall')} error={form.errors.callId}>
        {(a) => (
          <select {...a} value={callId} onChange={(e) => setCallId((e.target as HTMLSelectElement).value)}>
            <option value="">{t('needs.noCall')}</option>
            {calls.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TableSelect tables={tables.data?.items ?? []} value={tableId} onChange={setTableId} error={form.errors.tableId} />
      <button type="submit" disabled={form.busy}>
        {t('needs.create')}
      </button>
    </form>
  );
}
