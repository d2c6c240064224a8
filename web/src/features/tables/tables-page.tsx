/** The tenant's concertation tables; managers and administrators create them and name their coordinators. */
import { useState } from 'preact/hooks';
import { createTableSchema } from '../../../../shared/schemas/tables';
import { Field, Link, Loading, ProblemAlert, useForm, useResource } from '../../components/ui';
import { t } from '../../lib/i18n';
import { tn } from '../../lib/plural';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session-context';
import { createTable, listCandidates, listTables, type Candidate } from './api';

export function TablesPage() {
  const { membership, can } = useSession();
  const tables = useResource(() => listTables(membership.tenantId), [membership.tenantId]);
  return (
    <section>
      <h1>{t('tables.title')}</h1>
      <p class="muted">{t('tables.intro')}</p>
      {!tables.data ? (
        <Loading error={tables.error} />
      ) : tables.data.items.length === 0 ? (
        <p>{t('tables.none')}</p>
      ) : (
        <ul class="cards">
          {tables.data.items.map((table) => {
            const voting = table.members.filter((m) => m.voting).length;
            return (
              <li key={table.id}>
                <h2>
                  <Link href={`/tables/${table.id}`}>{table.name}</Link>
                </h2>
                {table.description && <p>{table.description}</p>}
                <p class="muted">
                  {tn('tables.voters', voting)} · {tn('tables.observers', table.members.length - voting)}
                </p>
                <p class="muted">
                  {t('tables.coordination')} : {table.coordinators.map((c) => c.name).join(', ') || t('tables.noCoordination')}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {can('tables:write') && <NewTable />}
    </section>
  );
}

/** The coordinators to choose from: the tenant's active people holding the coordinator role. */
export function CoordinatorChoice(props: { people: Candidate[]; chosen: string[]; onChange: (ids: string[]) => void; error?: string | undefined }) {
  const coordinators = props.people.filter((p) => p.roles.includes('coordinator'));
  return (
    <fieldset class={props.error ? 'field-invalid' : undefined}>
      <legend>{t('tables.coordinators')}</legend>
      <small class="hint">{t('tables.coordinatorsHint')}</small>
      {coordinators.map((p) => (
        <label key={p.userId} class="row">
          <input
            type="checkbox"
            checked={props.chosen.includes(p.userId)}
            onChange={(e) =>
              props.onChange((e.target as HTMLInputElement).checked ? [...props.chosen, p.userId] : props.chosen.filter((id) => id !== p.userId))
            }
          />{' '}
          {p.name}
        </label>
      ))}
      {props.error && <small class="error">{props.error}</small>}
    </fieldset>
  );
}

function NewTable() {
  const { tenantId } = useSession().membership;
  const people = useResource(() => listCandidates(tenantId), [tenantId]);
  const form = useForm();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [coordinatorIds, setCoordinatorIds] = useState<string[]>([]);

  async function submit(e: Event) {
    e.preventDefault();
    const payload = { name, description, coordinatorIds };
    if (!form.check(createTableSchema, payload)) return;
    const created = await form.run(() => createTable(tenantId, payload));
    if (created) navigate(`/tables/${created.id}`);
  }

  return (
    <form onSubmit={submit} noValidate class="panel">
      <h2>{t('tables.new')}</h2>
      <ProblemAlert problem={form.problem} />
      <Field label={t('tables.name')} error={form.errors.name}>
        {(a) => <input {...a} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />}
      </Field>
      <Field label={t('tables.description')} hint={t('tables.descriptionHint')} error={form.errors.description}>
        {(a) => <textarea {...a} value={description} onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      {people.data && <CoordinatorChoice people={people.data.items} chosen={coordinatorIds} onChange={setCoordinatorIds} error={form.errors.coordinatorIds} />}
      <button type="submit" disabled={form.busy}>
        {t('tables.create')}
      </button>
    </form>
  );
}
