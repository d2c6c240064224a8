/**
 * "Personnes": the institution's people with their roles and status, the pending invitations, an invitation
 * form (only the roles the person may grant), role changes and deactivation for administrators, and the
 * record of changes. Filtered by organization (`?organisme=`), it lists that organization's representatives.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime } from '../../../../shared/dates';
import { grantableBy, ROLE_LABELS, ROLES, type Role } from '../../../../shared/permissions';
import { inviteInput, rolesInput } from '../../../../shared/schemas/people';
import { confirmAction } from '../../components/confirm';
import { Field, Loading, ProblemAlert, Success, Table, useForm, useResource } from '../../components/ui';
import { getLang, loc, t } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import { useSession } from '../../lib/session-context';
import {
  cancelInvitation,
  changeRoles,
  deactivate,
  invite,
  listOrganizations,
  listPeople,
  reactivate,
  readPeopleLog,
  resendInvitation,
  type Invitation,
  type PeopleEvent,
  type Person,
} from './api';

const rolesText = (roles: readonly Role[]) => (roles.length ? roles.map((r) => loc(ROLE_LABELS[r])).join(', ') : t('log.noRole'));

type Organizations = { id: string; legalName: string }[];

export function PeoplePage({ organizationId }: { organizationId: string | null }) {
  const { membership, can } = useSession();
  const tenantId = membership.tenantId;
  const people = useResource(() => listPeople(tenantId, organizationId), [tenantId, organizationId]);
  const orgs = useResource(() => listOrganizations(tenantId).then((p) => p.items as Organizations), [tenantId]);
  const [logTick, setLogTick] = useState(0);
  const changed = () => {
    people.reload();
    setLogTick((n) => n + 1);
  };
  const orgName = organizationId ? orgs.data?.find((o) => o.id === organizationId)?.legalName : undefined;

  return (
    <section>
      <h1>{orgName ? t('people.filterOf', { name: orgName }) : t('people.title')}</h1>
      <p>{t('people.intro')}</p>
      {orgs.data && orgs.data.length > 0 && (
        <Field label={t('people.filter')}>
          {(a) => (
            <select
              {...a}
              value={organizationId ?? ''}
              onChange={(e) => {
                const id = (e.target as HTMLSelectElement).value;
                navigate(id ? `/personnes?organisme=${encodeURIComponent(id)}` : '/personnes');
              }}
            >
              <option value="">{t('people.filterAll')}</option>
              {orgs.data!.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.legalName}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {!people.data ? (
        <Loading error={people.error} />
      ) : (
        <>
          <PeopleTable people={people.data.people} organizations={orgs.data ?? []} canManage={can('people:manage')} onChanged={changed} />
          <Invitations invitations={people.data.invitations} onChanged={changed} />
        </>
      )}
      {can('people:invite') && <InviteForm organizations={orgs.data ?? []} presetOrganization={organizationId} onInvited={changed} />}
      <PeopleLog key={logTick} />
    </section>
  );
}

function PeopleTable(props: { people: Person[]; organizations: Organizations; canManage: boolean; onChanged: () => void }) {
  const { membership } = useSession();
  const [editing, setEditing] = useState<Person | null>(null);
  const form = useForm();

  async function toggle(p: Person) {
    const off = p.status === 'active';
    const ok = await confirmAction({
      title: t(off ? 'people.deactivateTitle' : 'people.reactivateTitle', { name: p.name }),
      body: t(off ? 'people.deactivateBody' : 'people.reactivateBody', { name: p.name, roles: rolesText(p.roles) }),
      confirm: t(off ? 'people.deactivate' : 'people.reactivate'),
      danger: off,
    });
    if (!ok) return;
    const done = await form.run(
      () => (off ? deactivate : reactivate)(membership.tenantId, p.userId, p.version),
      t(off ? 'people.deactivated.done' : 'people.reactivated.done', { name: p.name }),
    );
    if (done) props.onChanged();
  }

  return (
    <>
      <h2>{t('people.list')}</h2>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {props.people.length === 0 ? (
        <p>{t('people.none')}</p>
      ) : (
        <Table label={t('people.list')} data-testid="people-table">
          <thead>
            <tr>
              <th scope="col">{t('people.name')}</th>
              <th scope="col">{t('people.roles')}</th>
              <th scope="col">{t('people.organization')}</th>
              <th scope="col">{t('people.status')}</th>
              {props.canManage && <th scope="col">{t('people.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {props.people.map((p) => (
              <tr key={p.userId}>
                <td>
                  {p.name}
                  <div class="muted">{p.email}</div>
                </td>
                <td>{rolesText(p.roles)}</td>
                <td>{p.organizationName ?? '—'}</td>
                <td>{p.status === 'active' ? t('people.active') : t('people.deactivated')}</td>
                {props.canManage && (
                  <td>
                    <div class="actions">
                      <button type="button" class="secondary" aria-label={t('people.editRoles', { name: p.name })} onClick={() => setEditing(p)}>
                        {t('people.editRolesShort')}
                      </button>
                      <button type="button" class={p.status === 'active' ? 'danger' : 'secondary'} onClick={() => void toggle(p)}>
                        {p.status === 'active' ? t('people.deactivate') : t('people.reactivate')}
                      </button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {editing && (
        <RolesForm
          key={editing.userId}
          person={editing}
          organizations={props.organizations}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            props.onChanged();
          }}
        />
      )}
    </>
  );
}

/** Checkboxes of the roles offered, and the organization when the representative's role is checked. */
function RolesFields(props: {
  offered: readonly Role[];
  roles: Role[];
  setRoles: (r: Role[]) => void;
  organizationId: string;
  setOrganizationId: (id: string) => void;
  organizations: Organizations;
  errors: Record<string, string>;
}) {
  return (
    <>
      <fieldset>
        <legend>{t('invite.roles')}</legend>
        <small class="hint">{t('invite.rolesHint')}</small>
        {props.offered.map((r) => (
          <label key={r} class="check">
            <input
              type="checkbox"
              checked={props.roles.includes(r)}
              onChange={(e) => {
                const on = (e.target as HTMLInputElement).checked;
                props.setRoles(on ? [...props.roles, r] : props.roles.filter((x) => x !== r));
              }}
            />{' '}
            {loc(ROLE_LABELS[r])}
          </label>
        ))}
        {props.errors.roles && <small class="error">{props.roles.length === 0 ? t('people.roleRequired') : props.errors.roles}</small>}
      </fieldset>
      {props.roles.includes('organization') && (
        <Field label={t('invite.organization')} error={props.errors.organizationId}>
          {(a) => (
            <select {...a} value={props.organizationId} onChange={(e) => props.setOrganizationId((e.target as HTMLSelectElement).value)}>
              <option value="">{t('invite.chooseOrganization')}</option>
              {props.organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.legalName}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </>
  );
}

function RolesForm(props: { person: Person; organizations: Organizations; onClose: () => void; onSaved: () => void }) {
  const { membership } = useSession();
  const [roles, setRoles] = useState<Role[]>(props.person.roles);
  const [organizationId, setOrganizationId] = useState(props.person.organizationId ?? '');
  const form = useForm();
  const heading = useRef<HTMLHeadingElement>(null);
  // The form opens below the list: bring it into view and move the focus there, so the click visibly does something.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, []);

  async function submit(e: Event) {
    e.preventDefault();
    // A table member keeps the organization they sit for; otherwise the organization goes with the representative's role.
    const keeps = roles.includes('organization') || (roles.includes('member') && organizationId === props.person.organizationId);
    const payload = { roles, organizationId: keeps && organizationId ? organizationId : null, version: props.person.version };
    if (!form.check(rolesInput, payload)) return;
    const ok = await confirmAction({
      title: t('people.editRoles', { name: props.person.name }),
      body: t('people.rolesConfirm', { name: props.person.name, from: rolesText(props.person.roles), to: rolesText(roles) }),
      confirm: t('save'),
    });
    if (!ok) return;
    const saved = await form.run(() => changeRoles(membership.tenantId, props.person.userId, payload));
    if (saved) props.onSaved();
  }

  return (
    <form onSubmit={submit} noValidate class="panel" data-testid="roles-form">
      <h3 ref={heading} tabIndex={-1}>
        {t('people.editRoles', { name: props.person.name })}
      </h3>
      <ProblemAlert problem={form.problem} />
      <RolesFields
        offered={ROLES}
        roles={roles}
        setRoles={setRoles}
        organizationId={organizationId}
        setOrganizationId={setOrganizationId}
        organizations={props.organizations}
        errors={form.errors}
      />
      <div class="actions">
        <button type="submit" disabled={form.busy}>
          {t('save')}
        </button>
        <button type="button" class="secondary" onClick={props.onClose}>
          {t('people.cancelEdit')}
        </button>
      </div>
    </form>
  );
}

function Invitations(props: { invitations: Invitation[]; onChanged: () => void }) {
  const { membership, can } = useSession();
  const form = useForm();
  const grantable = grantableBy(membership.roles);
  const mayHandle = (i: Invitation) => can('people:invite') && i.roles.every((r) => grantable.has(r));

  async function resend(i: Invitation) {
    const done = await form.run(() => resendInvitation(membership.tenantId, i.id, i.version), t('invitations.resent', { email: i.email }));
    if (done) props.onChanged();
  }
  async function cancel(i: Invitation) {
    const ok = await confirmAction({
      title: t('invitations.cancelTitle', { email: i.email }),
      body: t('invitations.cancelBody'),
      confirm: t('invitations.cancel'),
      keep: t('invitations.keep'),
      danger: true,
    });
    if (!ok) return;
    const done = await form.run(() => cancelInvitation(membership.tenantId, i.id, i.version), t('invitations.cancelled', { email: i.email }));
    if (done) props.onChanged();
  }

  return (
    <>
      <h2>{t('invitations.title')}</h2>
      <ProblemAlert problem={form.problem} />
      <Success text={form.done} />
      {props.invitations.length === 0 ? (
        <p>{t('invitations.none')}</p>
      ) : (
        <Table label={t('invitations.title')} data-testid="invitations-table">
          <thead>
            <tr>
              <th scope="col">{t('people.name')}</th>
              <th scope="col">{t('people.roles')}</th>
              <th scope="col">{t('invitations.expires')}</th>
              <th scope="col">{t('invitations.by')}</th>
              <th scope="col">{t('people.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.invitations.map((i) => (
              <tr key={i.id}>
                <td>
                  {i.name}
                  <div class="muted">{i.email}</div>
                </td>
                <td>
                  {rolesText(i.roles)}
                  {i.organizationName && <div class="muted">{i.organizationName}</div>}
                </td>
                <td class="when">{i.expired ? <strong>{t('invitations.expired')}</strong> : formatDateTime(i.expiresAt, getLang())}</td>
                <td>{i.invitedBy.name}</td>
                <td>
                  {mayHandle(i) && (
                    <div class="actions">
                      <button type="button" class="secondary" disabled={form.busy} onClick={() => void resend(i)}>
                        {t('invitations.resend')}
                      </button>
                      <button type="button" class="danger" disabled={form.busy} onClick={() => void cancel(i)}>
                        {t('invitations.cancel')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

function InviteForm(props: { organizations: Organizations; presetOrganization: string | null; onInvited: () => void }) {
  const { membership } = useSession();
  const offered = ROLES.filter((r) => grantableBy(membership.roles).has(r));
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [organizationId, setOrganizationId] = useState(props.presetOrganization ?? '');
  const [language, setLanguage] = useState<'fr' | 'en'>('fr');
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm();

  async function submit(e: Event) {
    e.preventDefault();
    setMessage(null);
    const payload = { email, name, roles, organizationId: roles.includes('organization') && organizationId ? organizationId : null, language };
    if (!form.check(inviteInput, payload)) return;
    const answer = await form.run(() => invite(membership.tenantId, payload));
    if (!answer) return;
    form.setProblem(null);
    setEmail('');
    setName('');
    setRoles([]);
    setMessage(answer.linked ? t('invite.linked', { name: answer.person.name }) : t('invite.sent', { email: answer.invitation.email }));
    props.onInvited();
  }
  const value = (e: Event) => (e.target as HTMLInputElement).value;

  return (
    <form onSubmit={submit} noValidate data-testid="invite-form">
      <h2>{t('invite.title')}</h2>
      <ProblemAlert problem={form.problem} />
      <Success text={message} />
      <div class="row">
        <Field label={t('invite.email')} error={form.errors.email}>
          {(a) => <input {...a} type="email" autocomplete="off" value={email} onInput={(e) => setEmail(value(e))} />}
        </Field>
        <Field label={t('invite.name')} error={form.errors.name}>
          {(a) => <input {...a} autocomplete="off" value={name} onInput={(e) => setName(value(e))} />}
        </Field>
      </div>
      <RolesFields
        offered={offered}
        roles={roles}
        setRoles={setRoles}
        organizationId={organizationId}
        setOrganizationId={setOrganizationId}
        organizations={props.organizations}
        errors={form.errors}
      />
      <Field label={t('invite.language')}>
        {(a) => (
          <select {...a} value={language} onChange={(e) => setLanguage(value(e) as 'fr' | 'en')}>
            <option value="fr">{t('invite.fr')}</option>
            <option value="en">{t('invite.en')}</option>
          </select>
        )}
      </Field>
      <button type="submit" disabled={form.busy}>
        {t('invite.send')}
      </button>
    </form>
  );
}

function eventText(e: PeopleEvent): string {
  const who = e.subject.userId ? e.subject.name : `${e.subject.name} (${e.subject.email})`;
  return t(`log.${e.kind}`, {
    by: e.by.name,
    who,
    from: e.from ? rolesText(e.from.roles) : '',
    to: e.to ? rolesText(e.to.roles) : '',
  });
}

function PeopleLog() {
  const { membership } = useSession();
  const [events, setEvents] = useState<PeopleEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const first = useResource(
    () =>
      readPeopleLog(membership.tenantId, null).then((p) => {
        setEvents(p.items);
        setCursor(p.cursor);
        return p;
      }),
    [membership.tenantId],
  );
  const form = useForm();
  async function more() {
    const page = await form.run(() => readPeopleLog(membership.tenantId, cursor));
    if (!page) return;
    setEvents((e) => [...e, ...page.items]);
    setCursor(page.cursor);
  }
  return (
    <section aria-labelledby="people-log">
      <h2 id="people-log">{t('log.title')}</h2>
      {!first.data ? (
        <Loading error={first.error} />
      ) : events.length === 0 ? (
        <p>{t('log.none')}</p>
      ) : (
        <ol class="log" data-testid="people-log">
          {events.map((e) => (
            <li key={e.id}>
              <time datetime={e.at}>{formatDateTime(e.at, getLang())}</time> — {eventText(e)}
            </li>
          ))}
        </ol>
      )}
      <ProblemAlert problem={form.problem} />
      {cursor && (
        <button type="button" class="secondary" disabled={form.busy} onClick={() => void more()}>
          {t('log.more')}
        </button>
      )}
    </section>
  );
}
