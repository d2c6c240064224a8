/** An organization keeps its profile: legal name, NEQ, mission, contact, region. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { REGIONS, regionLabel } from '../../../../shared/schemas/common';
import { updateOrganizationSchema } from '../../../../shared/schemas/organization';
import { useSession } from '../../lib/session-context';
import { Field, Loading, ProblemAlert, Success, useForm, useResource } from '../../components/ui';
import { t } from '../../lib/i18n';
import { getMyOrganization, updateMyOrganization, type Organization } from './api';

/** `leave`: what the app puts below the profile for a representative who may leave the organization (the people feature's). */
export function MyOrganization({ leave }: { leave?: (organizationName: string) => ComponentChildren } = {}) {
  const { tenantId } = useSession().membership;
  const loaded = useResource(() => getMyOrganization(tenantId), [tenantId]);
  const form = useForm();
  const [org, setOrg] = useState<Organization | null>(null);
  useEffect(() => setOrg(loaded.data), [loaded.data]);
  if (!org) return <Loading error={loaded.error} />;

  const set = (patch: Partial<Organization>) => setOrg({ ...org, ...patch });
  const setContact = (patch: Partial<Organization['contact']>) => setOrg({ ...org, contact: { ...org.contact, ...patch } });

  async function submit(e: Event) {
    e.preventDefault();
    const payload = { legalName: org!.legalName, neq: org!.neq, mission: org!.mission, contact: org!.contact, region: org!.region, version: org!.version };
    if (!form.check(updateOrganizationSchema, payload)) return;
    const saved = await form.run(() => updateMyOrganization(tenantId, payload), t('org.saved'));
    if (saved) setOrg(saved);
  }

  const value = (e: Event) => (e.target as HTMLInputElement).value;
  return (
    <section>
      <h1>{t('org.title')}</h1>
      <form onSubmit={submit} noValidate>
        <ProblemAlert problem={form.problem} />
        <Success text={form.done} />
        <Field label={t('org.legalName')} error={form.errors.legalName}>
          {(a) => <input {...a} value={org.legalName} onInput={(e) => set({ legalName: value(e) })} />}
        </Field>
        <Field label={t('org.neq')} error={form.errors.neq} hint={t('org.neqHint')}>
          {(a) => <input {...a} name="neq" inputMode="numeric" value={org.neq} onInput={(e) => set({ neq: value(e) })} />}
        </Field>
        <Field label={t('org.mission')} error={form.errors.mission}>
          {(a) => <textarea {...a} rows={3} value={org.mission} onInput={(e) => set({ mission: value(e) })} />}
        </Field>
        <div class="row">
          <Field label={t('org.contactName')} error={form.errors['contact.name']}>
            {(a) => <input {...a} value={org.contact.name} onInput={(e) => setContact({ name: value(e) })} />}
          </Field>
          <Field label={t('org.contactEmail')} error={form.errors['contact.email']}>
            {(a) => <input {...a} type="email" value={org.contact.email} onInput={(e) => setContact({ email: value(e) })} />}
          </Field>
          <Field label={t('org.contactPhone')} error={form.errors['contact.phone']}>
            {(a) => <input {...a} type="tel" value={org.contact.phone} onInput={(e) => setContact({ phone: value(e) })} />}
          </Field>
        </div>
        <Field label={t('org.region')} error={form.errors.region}>
          {(a) => (
            <select {...a} value={org.region} onChange={(e) => set({ region: value(e) as Organization['region'] })}>
              {REGIONS.map((r) => (
                <option key={r} value={r}>
                  {regionLabel(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={form.busy}>
          {t('save')}
        </button>
      </form>
      {leave?.(org.legalName)}
    </section>
  );
}
