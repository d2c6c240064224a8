/**
 * Calls by invitation (issue 12): in the call form, the choice between a call
 * open to every organization of the territory and one reserved to the
 * organizations checked; on the call's page, who is invited (staff), the way
 * to invite one more while the call is open (managers), and, for an invited
 * organization, that it is invited.
 */
import { useState } from 'preact/hooks';
import { formatDateTime } from '../../../../shared/dates';
import { confirmAction } from '../../components/confirm';
import { Field, ProblemAlert, Success, useForm, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import { inviteOrganizations, listOrganizations, type Call } from './api';

export type Access = 'open' | 'invited';

/** The tenant's organizations, for those who may read them (staff); none for the others. */
function useOrganizations() {
  const { membership, can } = useSession();
  const { tenantId } = membership;
  return useResource(async () => (can('organization:read') ? listOrganizations(tenantId) : []), [tenantId]);
}

/** The form's part: open to all, or by invitation with the organizations checked. */
export function AccessField(props: {
  access: Access;
  onAccess: (a: Access) => void;
  invited: string[];
  onInvited: (ids: string[]) => void;
  error?: string | undefined;
}) {
  const orgs = useOrganizations();
  const toggle = (id: string, on: boolean) => props.onInvited(on ? [...props.invited, id] : props.invited.filter((o) => o !== id));
  return (
    <fieldset data-testid="call-access">
      <legend>{t('callAccess.legend')}</legend>
      <label class="inline">
        <input type="radio" name="call-access" checked={props.access === 'open'} onChange={() => props.onAccess('open')} /> {t('callAccess.open')}
      </label>
      <label class="inline">
        <input type="radio" name="call-access" checked={props.access === 'invited'} onChange={() => props.onAccess('invited')} /> {t('callAccess.invited')}
      </label>
      {props.access === 'invited' && (
        <fieldset class="invited-orgs">
          <legend>{t('callAccess.choose')}</legend>
          <small class="hint">{t('callAccess.chooseHint')}</small>
          {props.error && <p class="error">{props.error}</p>}
          {orgs.error && <ProblemAlert problem={orgs.error} />}
          {orgs.data?.length === 0 && <p>{t('callAccess.noOrganizations')}</p>}
          <ul class="plain">
            {(orgs.data ?? []).map((o) => (
              <li key={o.id}>
                <label class="inline">
                  <input type="checkbox" checked={props.invited.includes(o.id)} onChange={(e) => toggle(o.id, (e.target as HTMLInputElement).checked)} />{' '}
                  {o.legalName}
                </label>
              </li>
            ))}
          </ul>
          {orgs.data && orgs.data.length > 0 && props.invited.length === 0 && <p class="hint">{t('callAccess.noneChosen')}</p>}
        </fieldset>
      )}
    </fieldset>
  );
}

/**
 * The call's page: staff read the access and the invited organizations (and
 * the record of invitations); an invited organization reads that it is invited.
 */
export function CallAccessFacts({ call, onSaved }: { call: Call; onSaved: (c: Call) => void }) {
  const { can, membership } = useSession();
  const staff = can('organization:read');
  if (!staff) {
    return call.access === 'invited' && membership.organizationId && call.invitedOrganizationIds.includes(membership.organizationId) ? (
      <p class="alert alert-success" data-testid="you-are-invited">
        <span class="badge">{t('callAccess.badge')}</span> {t('callAccess.youAreInvited')}
      </p>
    ) : null;
  }
  return <StaffAccess call={call} onSaved={onSaved} />;
}

function StaffAccess({ call, onSaved }: { call: Call; onSaved: (c: Call) => void }) {
  const { can } = useSession();
  const orgs = useOrganizations();
  const lang = getLang();
  const nameOf = (id: string) => orgs.data?.find((o) => o.id === id)?.legalName ?? id;
  if (call.access === 'open') {
    return (
      <p data-testid="call-access-facts">
        <strong>{t('callAccess.label')} :</strong> {t('callAccess.openToAll')}
      </p>
    );
  }
  return (
    <section data-testid="call-access-facts">
      <h2>
        {t('callAccess.invitedList')} <span class="badge">{t('callAccess.badge')}</span>
      </h2>
      <ul data-testid="invited-organizations">
        {call.invitedOrganizationIds.map((id) => (
          <li key={id}>{nameOf(id)}</li>
        ))}
      </ul>
      {call.invitations.length > 0 && (
        <details>
          <summary>{t('callAccess.history')}</summary>
          <ul class="plain">
            {call.invitations.map((x) => (
              <li key={x.at + x.added.join()}>
                {x.added.length > 0 && t('callAccess.historyAdded', { at: formatDateTime(x.at, lang), by: x.by, names: x.added.map(nameOf).join(', ') })}
                {x.removed.length > 0 &&
                  ` ${t('callAccess.historyRemoved', { at: formatDateTime(x.at, lang), by: x.by, names: x.removed.map(nameOf).join(', ') })}`}
              </li>
            ))}
          </ul>
        </details>
      )}
      {can('call:write') && call.phase !== 'closed' && (
        <InviteMore call={call} candidates={(orgs.data ?? []).filter((o) => !call.invitedOrganizationIds.includes(o.id))} onSaved={onSaved} />
      )}
    </section>
  );
}

/** A manager adds an organization while the call is open, after confirming. */
function InviteMore({ call, candidates, onSaved }: { call: Call; candidates: { id: string; legalName: string }[]; onSaved: (c: Call) => void }) {
  const { tenantId } = useSession().membership;
  const form = useForm();
  const [chosen, setChosen] = useState('');
  async function invite(e: Event) {
    e.preventDefault();
    const org = candidates.find((o) => o.id === chosen);
    if (!org) {
      form.setErrors({ organizationIds: t('callAccess.inviteChoose') });
      return;
    }
    const ok = await confirmAction({
      title: t('callAccess.confirm.title'),
      body: t('callAccess.confirm.body', { name: org.legalName, call: call.title }),
      confirm: t('callAccess.inviteSubmit'),
    });
    if (!ok) return;
    const saved = await form.run(
      () => inviteOrganizations(tenantId, call.id, { version: call.version, organizationIds: [org.id] }),
      t('callAccess.invitedDone'),
    );
    if (saved) {
      setChosen('');
      onSaved(saved);
    }
  }
  return (
    <details class="panel" data-testid="invite-organization">
      <summary>{t('callAccess.invite')}</summary>
      <form onSubmit={(e) => void invite(e)} noValidate>
        <p class="hint">{t('callAccess.inviteHint')}</p>
        <ProblemAlert problem={form.problem} />
        <Success text={form.done} />
        {candidates.length === 0 ? (
          <p>{t('callAccess.inviteNone')}</p>
        ) : (
          <>
            <Field label={t('callAccess.inviteChoose')} error={form.errors.organizationIds}>
              {(a) => (
                <select {...a} value={chosen} onChange={(e) => setChosen((e.target as HTMLSelectElement).value)}>
                  <option value="">—</option>
                  {candidates.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.legalName}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit" class="secondary" disabled={form.busy}>
              {t('callAccess.inviteSubmit')}
            </button>
          </>
        )}
      </form>
    </details>
  );
}
