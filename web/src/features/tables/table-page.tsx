/**
 * A concertation table: its coordinators and members (what each represents, voting or observing). The
 * table's coordinator, a manager or an administrator adds and removes members and switches them between
 * voting and observing; managers and administrators rename the table and name its coordinators.
 */
import { useEffect, useState } from 'preact/hooks';
import { describeRules } from '../../../../shared/adoption';
import { DEFAULT_ADOPTION_RULES, type AdoptionRules } from '../../../../shared/recommendation';
import { updateTableSchema } from '../../../../shared/schemas/tables';
import { confirmAction } from '../../components/confirm';
import { Field, Loading, ProblemAlert, Success, Table, useForm, useResource } from '../../components/ui';
import { loc, t } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import {
  addMember,
  getTable,
  listCandidates,
  listOrganizations,
  removeMember,
  updateAdoptionRules,
  updateMember,
  updateTable,
  type ConcertationTable,
  type TableMember,
} from './api';
import { CoordinatorChoice } from './tables-page';

const representsLabel = (m: TableMember) => (m.represents.kind === 'organization' ? m.represents.name : t('tables.institution', { name: m.represents.name }));

export function TablePage({ id }: { id: string }) {
  const { membership, me, can } = useSession();
  const table = useResource(() => getTable(membership.tenantId, id), [membership.tenantId, id]);
  const actions = useForm();
  if (!table.data) return <Loading error={table.error} />;
  const current = table.data;
  // Members are managed by the table's own coordinators, or by whoever holds tables:write.
  const manages = can('tables:write') || (can('tables:members') && current.coordinatorIds.includes(me.userId));
  const saved = (next: ConcertationTable | undefined) => next && table.setData(next);

  async function toggle(m: TableMember) {
    saved(
      await actions.run(
        () =>
          updateMember(membership.tenantId, current.id, m.userId, {
            version: current.version,
            voting: !m.voting,
            represents: m.represents.kind === 'organization' ? { kind: 'organization', organizationId: m.represents.organizationId } : m.represents,
          }),
        t(m.voting ? 'tables.nowObserver' : 'tables.nowVoting', { name: m.name }),
      ),
    );
  }

  async function remove(m: TableMember) {
    const ok = await confirmAction({
      title: t('tables.removeTitle', { name: m.name }),
      body: t('tables.removeBody', { name: m.name }),
      confirm: t('tables.remove'),
      danger: true,
    });
    if (ok) saved(await actions.run(() => removeMember(membership.tenantId, current.id, m.userId, current.version), t('tables.removed', { name: m.name })));
  }

  return (
    <section>
      <h1>{current.name}</h1>
      {current.description && <p>{current.description}</p>}
      <h2>{t('tables.coordination')}</h2>
      <p>{current.coordinators.map((c) => c.name).join(', ') || t('tables.noCoordination')}</p>
      <h2>{t('tables.members')}</h2>
      <ProblemAlert problem={actions.problem} />
      <Success text={actions.done} />
      {current.members.length === 0 ? (
        <p>{t('tables.noMembers')}</p>
      ) : (
        <Table label={t('tables.members')}>
          <thead>
            <tr>
              <th scope="col">{t('tables.member')}</th>
              <th scope="col">{t('tables.represents')}</th>
              <th scope="col">{t('tables.standing')}</th>
              {manages && <th scope="col">{t('tables.remove')}</th>}
            </tr>
          </thead>
          <tbody>
            {current.members.map((m) => (
              <tr key={m.userId} data-member={m.userId}>
                <td>{m.name}</td>
                <td>{representsLabel(m)}</td>
                <td>
                  <span class={`badge${m.voting ? ' badge-open' : ''}`}>{t(m.voting ? 'tables.voting' : 'tables.observer')}</span>
                  {manages && (
                    <>
                      {' '}
                      <button type="button" class="link" disabled={actions.busy} onClick={() => toggle(m)}>
                        {t(m.voting ? 'tables.makeObserver' : 'tables.makeVoting')}
                      </button>
                    </>
                  )}
                </td>
                {manages && (
                  <td>
                    <button type="button" class="link" disabled={actions.busy} onClick={() => remove(m)} aria-label={`${t('tables.remove')} ${m.name}`}>
                      {t('tables.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <RulesPanel table={current} manages={manages} onSaved={(next) => table.setData(next)} />
      {manages && <AddMember table={current} onSaved={(next) => table.setData(next)} />}
      {can('tables:write') && <EditTable table={current} onSaved={(next) => table.setData(next)} />}
    </section>
  );
}

function AddMember({ table, onSaved }: { table: ConcertationTable; onSaved: (t: ConcertationTable) => void }) {
  const { tenantId } = useSession().membership;
  const people = useResource(() => listCandidates(tenantId), [tenantId]);
  const orgs = useResource(() => listOrganizations(tenantId), [tenantId]);
  const form = useForm();
  const [userId, setUserId] = useState('');
  const [kind, setKind] = useState<'organization' | 'institution'>('organization');
  const [organizationId, setOrganizationId] = useState('');
  const [institution, setInstitution] = useState('');
  const [voting, setVoting] = useState(true);
  // The version this form's own addition produced: once the table changes again, its message is out of date.
  const [addedAt, setAddedAt] = useState<number | null>(null);
  const seated = new Set(table.members.map((m) => m.userId));
  const available = (people.data?.items ?? []).filter((p) => !seated.has(p.userId));
  // A person's own organization is the likely one they represent.
  useEffect(() => {
    const p = available.find((x) => x.userId === userId);
    if (p?.organizationId) {
      setKind('organization');
      setOrganizationId(p.organizationId);
    }
  }, [userId]);

  async function submit(e: Event) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!userId) errors.userId = t('tables.required');
    if (kind === 'organization' && !organizationId) errors['represents.organizationId'] = t('tables.required');
    if (kind === 'institution' && !institution.trim()) errors['represents.name'] = t('tables.required');
    if (Object.keys(errors).length) return form.setErrors(errors);
    const represents = kind === 'organization' ? { kind, organizationId } : { kind, name: institution };
    const person = available.find((p) => p.userId === userId);
    const next = await form.run(
      () => addMember(tenantId, table.id, { version: table.version, userId, represents, voting }),
      t('tables.added', { name: person?.name ?? userId }),
    );
    if (next) {
      setAddedAt(next.version);
      onSaved(next);
      setUserId('');
      setInstitution('');
    }
  }

  return (
    <form onSubmit={submit} noValidate class="panel">
      <h2>{t('tables.addMember')}</h2>
      <ProblemAlert problem={form.problem} />
      <Success text={table.version === addedAt ? form.done : null} />
      <Field label={t('tables.person')} error={form.errors.userId}>
        {(a) => (
          <select {...a} value={userId} onChange={(e) => setUserId((e.target as HTMLSelectElement).value)}>
            <option value="">{t('tables.choosePerson')}</option>
            {available.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset>
        <legend>{t('tables.representsKind')}</legend>
        {(['organization', 'institution'] as const).map((k) => (
          <label key={k} class="row">
            <input type="radio" name="represents-kind" checked={kind === k} onChange={() => setKind(k)} />{' '}
            {t(k === 'organization' ? 'tables.kindOrganization' : 'tables.kindInstitution')}
          </label>
        ))}
      </fieldset>
      {kind === 'organization' ? (
        <Field label={t('tables.organization')} error={form.errors['represents.organizationId']}>
          {(a) => (
            <select {...a} value={organizationId} onChange={(e) => setOrganizationId((e.target as HTMLSelectElement).value)}>
              <option value="">{t('tables.chooseOrganization')}</option>
              {orgs.data?.items.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.legalName}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <Field label={t('tables.institutionName')} hint={t('tables.institutionHint')} error={form.errors['represents.name']}>
          {(a) => <input {...a} value={institution} onInput={(e) => setInstitution((e.target as HTMLInputElement).value)} />}
        </Field>
      )}
      <fieldset>
        <legend>{t('tables.votingChoice')}</legend>
        <small class="hint">{t('tables.votingHint')}</small>
        {[true, false].map((v) => (
          <label key={String(v)} class="row">
            <input type="radio" name="voting" checked={voting === v} onChange={() => setVoting(v)} /> {t(v ? 'tables.voting' : 'tables.observer')}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={form.busy}>
        {t('tables.add')}
      </button>
    </form>
  );
}

function EditTable({ table, onSaved }: { table: ConcertationTable; onSaved: (t: ConcertationTable) => void }) {
  const { tenantId } = useSession().membership;
  const people = useResource(() => listCandidates(tenantId), [tenantId]);
  const form = useForm();
  const [name, setName] = useState(table.name);
  const [description, setDescription] = useState(table.description);
  const [coordinatorIds, setCoordinatorIds] = useState<string[]>(table.coordinatorIds);

  async function submit(e: Event) {
    e.preventDefault();
    const payload = { version: table.version, name, description, coordinatorIds };
    if (!form.check(updateTableSchema, payload)) return;
    const next = await form.run(() => updateTable(tenantId, table.id, payload), t('tables.saved'));
    if (next) onSaved(next);
  }

  return (
    <form onSubmit={submit} noValidate class="panel">
      <h2>{t('tables.edit')}</h2>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      <Field label={t('tables.name')} error={form.errors.name}>
        {(a) => <input {...a} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />}
      </Field>
      <Field label={t('tables.description')} hint={t('tables.descriptionHint')} error={form.errors.description}>
        {(a) => <textarea {...a} value={description} onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />}
      </Field>
      {people.data && <CoordinatorChoice people={people.data.items} chosen={coordinatorIds} onChange={setCoordinatorIds} error={form.errors.coordinatorIds} />}
      <button type="submit" disabled={form.busy}>
        {t('save')}
      </button>
    </form>
  );
}

/** How the table adopts a recommendation, in plain words; whoever manages the table changes it. */
function RulesPanel({ table, manages, onSaved }: { table: ConcertationTable; manages: boolean; onSaved: (t: ConcertationTable) => void }) {
  const { tenantId } = useSession().membership;
  const current: AdoptionRules = table.adoptionRules ?? DEFAULT_ADOPTION_RULES;
  const words = describeRules(current);
  const form = useForm();
  const [fraction, setFraction] = useState(current.quorum === null ? '' : String(Math.round(current.quorum * 100)));
  const [byFraction, setByFraction] = useState(current.quorum !== null);
  const [majority, setMajority] = useState(current.majority);
  const [secret, setSecret] = useState(current.secret);
  async function save(e: Event) {
    e.preventDefault();
    const pct = Number(fraction.replace(',', '.'));
    if (byFraction && !(pct > 0 && pct <= 100)) return form.setErrors({ 'rules.quorum': t('tables.rules.quorumFraction') });
    const rules = { quorum: byFraction ? pct / 100 : null, majority, secret };
    const saved = await form.run(() => updateAdoptionRules(tenantId, table.id, { version: table.version, rules }), t('tables.rules.saved'));
    if (saved) onSaved(saved);
  }
  return (
    <div class="panel" data-testid="table-rules">
      <h2>{t('tables.rules')}</h2>
      <ul>
        <li>{loc(words.quorum)}</li>
        <li>{loc(words.majority)}</li>
        <li>{loc(words.secrecy)}</li>
      </ul>
      {manages && (
        <form onSubmit={save} noValidate>
          <ProblemAlert problem={form.problem} />
          <Success text={form.done} />
          <fieldset>
            <legend>{t('tables.rules.quorum')}</legend>
            <label class="check">
              <input type="radio" name="quorum" checked={!byFraction} onChange={() => setByFraction(false)} /> {t('tables.rules.quorumMajority')}
            </label>
            <label class="check">
              <input type="radio" name="quorum" checked={byFraction} onChange={() => setByFraction(true)} /> {t('tables.rules.quorumFraction')}
            </label>
            {byFraction && (
              <Field label={t('tables.rules.quorumFraction')} error={form.errors['rules.quorum']}>
                {(a) => <input {...a} inputMode="decimal" value={fraction} onInput={(e) => setFraction((e.target as HTMLInputElement).value)} />}
              </Field>
            )}
          </fieldset>
          <fieldset>
            <legend>{t('tables.rules.majority')}</legend>
            {(['simple', 'qualified'] as const).map((m) => (
              <label key={m} class="check">
                <input type="radio" name="majority" checked={majority === m} onChange={() => setMajority(m)} /> {t(`tables.rules.${m}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('tables.rules.secrecy')}</legend>
            <label class="check">
              <input type="radio" name="secret" checked={secret} onChange={() => setSecret(true)} /> {t('tables.rules.secret')}
            </label>
            <label class="check">
              <input type="radio" name="secret" checked={!secret} onChange={() => setSecret(false)} /> {t('tables.rules.open')}
            </label>
          </fieldset>
          <button type="submit" disabled={form.busy}>
            {t('tables.rules.save')}
          </button>
        </form>
      )}
    </div>
  );
}
