/**
 * The people of an institution against DynamoDB Local: who may invite whom, invitations (hashed single-use
 * tokens that expire, one pending per email, resend, cancel), an existing member linked rather than
 * duplicated, acceptance by the signed-in person of the invited address only, role changes at their version,
 * the last administrator, deactivation (history kept), a representative leaving their organization, and the
 * record of every change. Every refusal leaves nothing stored.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../functions/lib/ids';
import { putNew } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import { AlreadyExistsError } from '../../shared/errors';
import { readOutbox } from '../../functions/lib/notify';
import { createHarness, fixtures, type Harness } from '../support/harness';

let h: Harness;
let org: { id: string; legalName: string };
const elsewhere = () => `${h.tenantId}-x`;
const PEOPLE = '/api/t/{t}/people';
const INVITE = '/api/t/{t}/invitations';
const neq = () => String(3_000_000_000 + Math.floor(Math.random() * 999_999_999));
/** Every address this file invites: a refusal must send none of them a message (other files write the same outbox). */
const emails = new Set<string>(['m2@exemple.org']);
const email = (who = 'personne') => {
  const address = `${who}.${newId()}@exemple.org`;
  emails.add(address);
  return address;
};

beforeEach(async () => {
  h = await createHarness();
  await h.addMember('admin', ['administrator']);
  await h.addMember('manager', ['manager']);
  await h.addMember('coord', ['coordinator']);
  await h.addMember('m1', ['member']);
  org = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization(neq()), expect: 201 });
  await h.addMember('rep', ['organization'], org.id);
});

/** A member whose address is a real one (the harness's are `<sub>@test`, which no form accepts), stored as before issue 12: no status, no version. */
async function addPerson(sub: string, roles: string[], address: string) {
  await putNew(
    h.db,
    keys.membership(sub, h.tenantId),
    'Membership',
    { tenantId: h.tenantId, tenantName: 'Test', userId: sub, name: `Personne ${sub}`, email: address, roles, organizationId: null },
    () => new AlreadyExistsError({ fr: '', en: '' }),
  );
}

/** The token of the newest invitation message sent to `to` (from the link in its body). */
async function tokenSentTo(to: string): Promise<string> {
  const message = (await readOutbox(h.db, 1000)).find((m) => m.to === to);
  const token = message ? /\/invitation\/([A-Za-z0-9_-]{43})/.exec(message.body)?.[1] : undefined;
  if (!token) throw new Error(`no invitation sent to ${to}`);
  return token;
}

/** Everything a refusal must leave as it was: the people, the invitations, the record, the messages. */
async function stored() {
  const people = await h.json('GET', PEOPLE, { as: 'admin', expect: 200 });
  const log = await h.json('GET', `${PEOPLE}/log?limit=200`, { as: 'admin', expect: 200 });
  const messages = (await readOutbox(h.db, 1000)).filter((m) => emails.has(m.to)).length;
  return { people, log: log.items.length, messages };
}

const invite = (as: string, body: Record<string, unknown>) => h.request('POST', INVITE, { as, body });

describe('who may invite whom', () => {
  it('lets the administrator give any role, a manager organization representatives and table members, a coordinator table members only', async () => {
    expect((await invite('admin', { email: email(), name: 'Ada', roles: ['administrator', 'manager'] })).status).toBe(201);
    expect((await invite('manager', { email: email(), name: 'Rep', roles: ['organization'], organizationId: org.id })).status).toBe(201);
    expect((await invite('manager', { email: email(), name: 'Mem', roles: ['member'] })).status).toBe(201);
    expect((await invite('coord', { email: email(), name: 'Mem', roles: ['member'] })).status).toBe(201);

    const before = await stored();
    const managerAsks = await invite('manager', { email: email(), name: 'Gest', roles: ['manager'] });
    expect(managerAsks.status).toBe(403);
    expect((await managerAsks.json()).detail).toContain('Gestionnaire');
    const coordAsks = await invite('coord', { email: email(), name: 'Rep', roles: ['member', 'organization'], organizationId: org.id });
    expect(coordAsks.status).toBe(403);
    expect((await coordAsks.json()).detail).toContain('Organisme communautaire');
    expect((await invite('manager', { email: email(), name: 'Adm', roles: ['administrator'] })).status).toBe(403);
    expect((await invite('m1', { email: email(), name: 'X', roles: ['member'] })).status).toBe(403);
    expect((await invite('rep', { email: email(), name: 'X', roles: ['member'] })).status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('refuses a malformed email, a missing or misplaced organization, an empty role list: 400, nothing stored', async () => {
    const before = await stored();
    const bad = await invite('admin', { email: 'pas-un-courriel', name: 'X', roles: ['member'] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0]).toMatchObject({ path: 'email', code: 'invalid_email' });
    const noOrg = await invite('admin', { email: email(), name: 'X', roles: ['organization'] });
    expect(noOrg.status).toBe(400);
    expect((await noOrg.json()).errors[0]).toMatchObject({ path: 'organizationId', code: 'organization_required' });
    const misplaced = await invite('admin', { email: email(), name: 'X', roles: ['member'], organizationId: org.id });
    expect((await misplaced.json()).errors[0]).toMatchObject({ path: 'organizationId', code: 'organization_not_allowed' });
    expect((await invite('admin', { email: email(), name: 'X', roles: [] })).status).toBe(400);
    expect((await invite('admin', { email: email(), name: 'X', roles: ['boss'] })).status).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it('refuses an organization of another tenant (404 naming it), nothing stored', async () => {
    await h.addMember('manager', ['manager'], null, elsewhere());
    const foreign = await h.json('POST', `/api/t/${elsewhere()}/organizations`, { as: 'manager', body: fixtures.organization(neq()), expect: 201 });
    const before = await stored();
    const res = await invite('admin', { email: email(), name: 'X', roles: ['organization'], organizationId: foreign.id });
    expect(res.status).toBe(404);
    expect((await res.json()).detail).toContain(foreign.id);
    expect(await stored()).toEqual(before);
  });
});

describe('an email already known', () => {
  it('refuses an active member who already holds the roles (409), whatever the case of the address', async () => {
    await addPerson('m2', ['member'], 'm2@exemple.org');
    const before = await stored();
    const res = await invite('admin', { email: 'M2@Exemple.org', name: 'M2', roles: ['member'] });
    expect(res.status).toBe(409);
    expect((await res.json()).type).toBe('/problems/already-exists');
    expect(await stored()).toEqual(before);
  });

  it('links a member lacking some of the roles: the roles are added to the one membership, recorded, no invitation', async () => {
    await addPerson('m2', ['member'], 'm2@exemple.org');
    const res = await h.json('POST', INVITE, {
      as: 'admin',
      body: { email: 'm2@exemple.org', name: 'M2', roles: ['organization'], organizationId: org.id },
      expect: 200,
    });
    expect(res).toMatchObject({ linked: true, person: { userId: 'm2', roles: ['member', 'organization'], organizationId: org.id, version: 2 } });
    const people = await h.json('GET', PEOPLE, { as: 'admin', expect: 200 });
    expect(people.people.filter((p: { email: string }) => p.email === 'm2@exemple.org')).toHaveLength(1);
    expect(people.invitations).toEqual([]);
    const log = await h.json('GET', `${PEOPLE}/log`, { as: 'admin', expect: 200 });
    expect(log.items[0]).toMatchObject({
      kind: 'linked',
      by: { userId: 'admin' },
      subject: { userId: 'm2' },
      from: { roles: ['member'], organizationId: null },
      to: { roles: ['member', 'organization'], organizationId: org.id },
    });
    // m2 now acts for the organization.
    expect((await h.request('GET', '/api/t/{t}/my/organization', { as: 'm2' })).status).toBe(200);
  });

  it('tells to reactivate a deactivated member rather than invite them (409), nothing stored', async () => {
    await addPerson('m2', ['member'], 'm2@exemple.org');
    await h.json('POST', `${PEOPLE}/m2/deactivate`, { as: 'admin', body: { version: 1 }, expect: 200 });
    const before = await stored();
    const res = await invite('admin', { email: 'm2@exemple.org', name: 'M2', roles: ['coordinator'] });
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toMatch(/réactivez/);
    expect(await stored()).toEqual(before);
  });

  it('allows one pending invitation per email: a second is 409, nothing stored', async () => {
    const to = email('double');
    await h.json('POST', INVITE, { as: 'admin', body: { email: to, name: 'D', roles: ['member'] }, expect: 201 });
    const before = await stored();
    const again = await invite('manager', { email: to.toUpperCase(), name: 'D', roles: ['organization'], organizationId: org.id });
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toMatch(/renvoyez-la ou annulez-la/);
    expect(await stored()).toEqual(before);
  });
});

describe('an invitation, from the email to the membership', () => {
  it('sends a link whose token only is the key (stored hashed), shows the invitation before sign-in, and makes a membership on acceptance', async () => {
    const to = email('nouvelle');
    const { invitation } = await h.json('POST', INVITE, {
      as: 'coord',
      body: { email: to, name: 'Nadine Nouvelle', roles: ['member'], language: 'en' },
      expect: 201,
    });
    expect(invitation).toMatchObject({ email: to, status: 'pending', expired: false, invitedBy: { userId: 'coord', name: 'coord' }, roles: ['member'] });
    expect(invitation.expiresAt).toBe(new Date(h.clock.now.getTime() + 7 * 86_400_000).toISOString());

    const message = (await readOutbox(h.db, 1000)).find((m) => m.to === to)!;
    expect(message).toMatchObject({ kind: 'invitation', lang: 'en', subject: 'Invitation to join Test in Enveloppe' });
    const token = await tokenSentTo(to);
    expect(message.body).toContain(`http://app.test/invitation/${token}`);
    // Only the token's SHA-256 is stored.
    expect(JSON.stringify(await h.json('GET', PEOPLE, { as: 'admin' }))).not.toContain(token);

    const shown = await h.json('GET', `/api/public/invitations/${token}`, { expect: 200 });
    expect(shown).toMatchObject({ tenantName: 'Test', inviterName: 'coord', status: 'pending', expired: false, roles: [{ role: 'member' }] });
    expect(shown.emailMasked).toBe(`n•••@exemple.org`);
    expect(JSON.stringify(shown)).not.toContain(to);

    // The account was learned: the person signs in with it, a member of nothing yet.
    const sub = h.account(to);
    expect((await h.json('GET', '/api/me', { as: sub, expect: 200 })).memberships).toEqual([]);
    const accepted = await h.json('POST', '/api/invitations/accept', { as: sub, body: { token }, expect: 200 });
    expect(accepted).toEqual({ tenantId: h.tenantId, tenantName: 'Test' });
    const me = await h.json('GET', '/api/me', { as: sub, expect: 200 });
    expect(me.memberships).toMatchObject([{ tenantId: h.tenantId, roles: ['member'], status: 'active' }]);
    expect(me.memberships[0].permissions).toContain('round:vote');

    const people = await h.json('GET', PEOPLE, { as: 'admin', expect: 200 });
    expect(people.invitations).toEqual([]);
    expect(people.people.find((p: { userId: string }) => p.userId === sub)).toMatchObject({ email: to, status: 'active', version: 1, language: 'en' });
    const log = await h.json('GET', `${PEOPLE}/log`, { as: 'admin', expect: 200 });
    expect(log.items.slice(0, 2).map((e: { kind: string }) => e.kind)).toEqual(['accepted', 'invited']);
    expect(log.items[0]).toMatchObject({ by: { userId: sub }, subject: { userId: sub, email: to }, invitationId: invitation.id });

    // Used once: a second use is 409, and the shown status says accepted.
    const reuse = await h.request('POST', '/api/invitations/accept', { as: sub, body: { token } });
    expect(reuse.status).toBe(409);
    expect((await reuse.json()).detail).toMatch(/déjà été acceptée/);
    expect((await h.json('GET', `/api/public/invitations/${token}`, { expect: 200 })).status).toBe('accepted');
    // The email is a member now: inviting it again for the same role is "already active".
    expect((await invite('admin', { email: to, name: 'N', roles: ['member'] })).status).toBe(409);
  });

  it('refuses an unknown or malformed token (404) and a malformed body (400)', async () => {
    expect((await h.request('GET', `/api/public/invitations/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await h.request('GET', '/api/public/invitations/x%23y')).status).toBe(404);
    expect((await h.request('POST', '/api/invitations/accept', { as: 'm1', body: { token: 'A'.repeat(43) } })).status).toBe(404);
    expect((await h.request('POST', '/api/invitations/accept', { as: 'm1', body: { token: 'court' } })).status).toBe(400);
    expect((await h.request('POST', '/api/invitations/accept', { body: { token: 'A'.repeat(43) } })).status).toBe(401);
  });

  it('refuses an expired invitation (422 "ask for a new one"); a resend gives a new link, and the old one no longer works', async () => {
    const to = email('tardive');
    const { invitation } = await h.json('POST', INVITE, { as: 'admin', body: { email: to, name: 'T', roles: ['member'] }, expect: 201 });
    const old = await tokenSentTo(to);
    h.clock.now = new Date(h.clock.now.getTime() + 7 * 86_400_000 + 1000);
    expect((await h.json('GET', `/api/public/invitations/${old}`, { expect: 200 })).expired).toBe(true);
    const before = await stored();
    const late = await h.request('POST', '/api/invitations/accept', { as: h.account(to), body: { token: old } });
    expect(late.status).toBe(422);
    expect((await late.json()).detail).toMatch(/expirée : demandez-en une nouvelle/);
    expect(await stored()).toEqual(before);
    expect(before.people.invitations[0]).toMatchObject({ id: invitation.id, expired: true });

    const resent = await h.json('POST', `${INVITE}/${invitation.id}/resend`, { as: 'admin', body: { version: 1 }, expect: 200 });
    expect(resent).toMatchObject({ version: 2, expired: false, resentAt: h.clock.now.toISOString() });
    const fresh = await tokenSentTo(to);
    expect(fresh).not.toBe(old);
    expect((await h.request('GET', `/api/public/invitations/${old}`)).status).toBe(404);
    expect((await h.request('POST', '/api/invitations/accept', { as: h.account(to), body: { token: old } })).status).toBe(404);
    await h.json('POST', '/api/invitations/accept', { as: h.account(to), body: { token: fresh }, expect: 200 });
    const kinds = (await h.json('GET', `${PEOPLE}/log`, { as: 'admin' })).items.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['accepted', 'resent', 'invited']);
  });

  it('refuses a signed-in person whose email is not the invited one (403 explaining), nothing stored', async () => {
    const to = email('destinataire');
    await h.json('POST', INVITE, { as: 'admin', body: { email: to, name: 'D', roles: ['member'] }, expect: 201 });
    const token = await tokenSentTo(to);
    const before = await stored();
    const res = await h.request('POST', '/api/invitations/accept', { as: 'intrus', body: { token } });
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toMatch(/adressée à d•••@exemple\.org/);
    expect(await stored()).toEqual(before);
    expect((await h.request('GET', '/api/t/{t}/organizations', { as: 'intrus' })).status).toBe(404);
  });

  it('cancels a pending invitation: its link stops working, the email may be invited again; only someone who may grant its roles', async () => {
    const to = email('annulee');
    const { invitation } = await h.json('POST', INVITE, {
      as: 'manager',
      body: { email: to, name: 'A', roles: ['organization'], organizationId: org.id },
      expect: 201,
    });
    const token = await tokenSentTo(to);
    const before = await stored();
    expect((await h.request('POST', `${INVITE}/${invitation.id}/cancel`, { as: 'coord', body: { version: 1 } })).status).toBe(403);
    expect((await h.request('POST', `${INVITE}/${invitation.id}/resend`, { as: 'coord', body: { version: 1 } })).status).toBe(403);
    expect((await h.request('POST', `${INVITE}/${invitation.id}/cancel`, { as: 'admin', body: { version: 9 } })).status).toBe(409);
    expect(await stored()).toEqual(before);

    const cancelled = await h.json('POST', `${INVITE}/${invitation.id}/cancel`, { as: 'manager', body: { version: 1 }, expect: 200 });
    expect(cancelled).toMatchObject({ status: 'cancelled', version: 2 });
    expect((await h.request('POST', `${INVITE}/${invitation.id}/cancel`, { as: 'manager', body: { version: 2 } })).status).toBe(409);
    expect((await h.request('POST', `${INVITE}/${invitation.id}/resend`, { as: 'manager', body: { version: 2 } })).status).toBe(409);
    expect((await h.request('POST', '/api/invitations/accept', { as: h.account(to), body: { token } })).status).toBe(404);
    expect((await h.json('GET', PEOPLE, { as: 'admin' })).invitations).toEqual([]);
    expect((await h.json('GET', `${PEOPLE}/log`, { as: 'admin' })).items[0]).toMatchObject({
      kind: 'cancelled',
      by: { userId: 'manager' },
      invitationId: invitation.id,
    });
    await h.json('POST', INVITE, { as: 'manager', body: { email: to, name: 'A', roles: ['member'] }, expect: 201 });
  });

  it('an accepted invitation of someone already a member adds the roles to their membership', async () => {
    // The invited address signs in as a learned account that became a member by another way meanwhile.
    const to = email('double-compte');
    await h.json('POST', INVITE, { as: 'admin', body: { email: to, name: 'Dc', roles: ['coordinator'] }, expect: 201 });
    const token = await tokenSentTo(to);
    const sub = h.account(to);
    await h.addMember(sub, ['member']);
    await h.json('POST', '/api/invitations/accept', { as: sub, body: { token }, expect: 200 });
    const me = (await h.json('GET', PEOPLE, { as: 'admin' })).people.filter((p: { userId: string }) => p.userId === sub);
    expect(me).toMatchObject([{ roles: ['member', 'coordinator'], version: 2 }]);
  });
});

describe('roles and status', () => {
  it('changes roles at their version; two administrators at once: one wins, the other gets 409', async () => {
    await h.addMember('admin2', ['administrator']);
    const [a, b] = await Promise.all([
      h.request('PUT', `${PEOPLE}/m1/roles`, { as: 'admin', body: { roles: ['coordinator'], organizationId: null, version: 1 } }),
      h.request('PUT', `${PEOPLE}/m1/roles`, { as: 'admin2', body: { roles: ['manager'], organizationId: null, version: 1 } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = (a.status === 409 ? a : b).clone();
    expect((await loser.json()).type).toBe('/problems/version-conflict');
    const m1 = (await h.json('GET', PEOPLE, { as: 'admin' })).people.find((p: { userId: string }) => p.userId === 'm1');
    expect(m1.version).toBe(2);
    expect((await h.json('GET', `${PEOPLE}/log`, { as: 'admin' })).items.filter((e: { kind: string }) => e.kind === 'roles-changed')).toHaveLength(1);
  });

  it('records roles changed from → to, and refuses an unknown person (404), a stale version (409), bad roles (400)', async () => {
    const saved = await h.json('PUT', `${PEOPLE}/rep/roles`, {
      as: 'admin',
      body: { roles: ['organization', 'member'], organizationId: org.id, version: 1 },
      expect: 200,
    });
    expect(saved).toMatchObject({ roles: ['organization', 'member'], organizationName: org.legalName, version: 2 });
    expect((await h.json('GET', `${PEOPLE}/log`, { as: 'admin' })).items[0]).toMatchObject({
      kind: 'roles-changed',
      from: { roles: ['organization'], organizationId: org.id },
      to: { roles: ['organization', 'member'], organizationId: org.id },
    });
    const before = await stored();
    expect((await h.request('PUT', `${PEOPLE}/inconnu/roles`, { as: 'admin', body: { roles: ['member'], organizationId: null, version: 1 } })).status).toBe(
      404,
    );
    expect((await h.request('PUT', `${PEOPLE}/rep/roles`, { as: 'admin', body: { roles: ['member'], organizationId: null, version: 1 } })).status).toBe(409);
    expect((await h.request('PUT', `${PEOPLE}/rep/roles`, { as: 'admin', body: { roles: [], organizationId: null, version: 2 } })).status).toBe(400);
    expect((await h.request('PUT', `${PEOPLE}/rep/roles`, { as: 'admin', body: { roles: ['organization'], organizationId: null, version: 2 } })).status).toBe(
      400,
    );
    expect((await h.request('PUT', `${PEOPLE}/rep%23x/roles`, { as: 'admin', body: { roles: ['member'], organizationId: null, version: 1 } })).status).toBe(
      404,
    );
    expect(await stored()).toEqual(before);
  });

  it('never lets the last active administrator remove their role or be deactivated (422 naming the rule), nothing stored', async () => {
    const before = await stored();
    const drop = await h.request('PUT', `${PEOPLE}/admin/roles`, { as: 'admin', body: { roles: ['manager'], organizationId: null, version: 1 } });
    expect(drop.status).toBe(422);
    const problem = await drop.json();
    expect(problem).toMatchObject({ type: '/problems/rule-violated', rule: 'last-administrator' });
    expect(problem.detail).toMatch(/au moins un·e administrateur·trice actif·ve/);
    expect((await h.request('POST', `${PEOPLE}/admin/deactivate`, { as: 'admin', body: { version: 1 } })).status).toBe(422);
    expect(await stored()).toEqual(before);
    // With another administrator, it is allowed.
    await h.addMember('admin2', ['administrator']);
    await h.json('PUT', `${PEOPLE}/admin/roles`, { as: 'admin', body: { roles: ['manager', 'administrator'], organizationId: null, version: 1 }, expect: 200 });
    await h.json('POST', `${PEOPLE}/admin/deactivate`, { as: 'admin2', body: { version: 2 }, expect: 200 });
    // admin2 is now the last one.
    expect((await h.request('POST', `${PEOPLE}/admin2/deactivate`, { as: 'admin2', body: { version: 1 } })).status).toBe(422);
  });

  it('lets only one of the last two administrators step down when both do at once', async () => {
    await h.addMember('admin2', ['administrator']);
    const results = await Promise.all([
      h.request('PUT', `${PEOPLE}/admin/roles`, { as: 'admin', body: { roles: ['manager'], organizationId: null, version: 1 } }),
      h.request('PUT', `${PEOPLE}/admin2/roles`, { as: 'admin2', body: { roles: ['manager'], organizationId: null, version: 1 } }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([409, 422]).toContain(statuses[1]);
    const people = (await h.json('GET', PEOPLE, { as: 'manager' })).people;
    const admins = people.filter((p: { roles: string[]; status: string }) => p.roles.includes('administrator') && p.status === 'active');
    expect(admins).toHaveLength(1);
  });

  it('a deactivated person gets 403 and keeps their history; reactivated, they act again', async () => {
    await h.addMember('manager2', ['manager']);
    const env = await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager2', body: fixtures.envelope, expect: 201 });
    expect((await h.request('GET', '/api/t/{t}/envelopes', { as: 'manager2' })).status).toBe(200);
    const off = await h.json('POST', `${PEOPLE}/manager2/deactivate`, { as: 'admin', body: { version: 1 }, expect: 200 });
    expect(off).toMatchObject({ status: 'deactivated', version: 2, roles: ['manager'] });
    const refused = await h.request('GET', '/api/t/{t}/envelopes', { as: 'manager2' });
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toMatch(/désactivé/);
    // The envelope they made is still theirs; they are still listed, deactivated.
    expect((await h.json('GET', `/api/t/{t}/envelopes/${env.id}`, { as: 'manager', expect: 200 })).createdBy).toBe('manager2');
    expect((await h.json('GET', PEOPLE, { as: 'admin' })).people.find((p: { userId: string }) => p.userId === 'manager2').status).toBe('deactivated');
    expect((await h.json('GET', '/api/me', { as: 'manager2' })).memberships).toMatchObject([{ status: 'deactivated', permissions: [] }]);
    expect((await h.request('POST', `${PEOPLE}/manager2/deactivate`, { as: 'admin', body: { version: 2 } })).status).toBe(409);
    await h.json('POST', `${PEOPLE}/manager2/reactivate`, { as: 'admin', body: { version: 2 }, expect: 200 });
    expect((await h.request('GET', '/api/t/{t}/envelopes', { as: 'manager2' })).status).toBe(200);
    const kinds = (await h.json('GET', `${PEOPLE}/log`, { as: 'admin' })).items.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(0, 2)).toEqual(['reactivated', 'deactivated']);
  });
});

describe('a representative leaves their organization', () => {
  it('removes the role and the organization; left with no role, the membership is deactivated', async () => {
    const left = await h.json('POST', '/api/t/{t}/me/leave-organization', { as: 'rep', expect: 200 });
    expect(left).toMatchObject({ roles: [], organizationId: null, status: 'deactivated' });
    expect((await h.request('GET', '/api/t/{t}/my/organization', { as: 'rep' })).status).toBe(403);
    expect((await h.json('GET', `${PEOPLE}/log`, { as: 'admin' })).items[0]).toMatchObject({
      kind: 'left-organization',
      by: { userId: 'rep' },
      from: { roles: ['organization'], organizationId: org.id },
      to: { roles: [], organizationId: null },
    });
  });

  it('keeps the other roles active, and refuses someone who represents nothing (409)', async () => {
    await h.addMember('both', ['member', 'organization'], org.id);
    const left = await h.json('POST', '/api/t/{t}/me/leave-organization', { as: 'both', expect: 200 });
    expect(left).toMatchObject({ roles: ['member'], organizationId: null, status: 'active' });
    expect((await h.request('GET', '/api/t/{t}/my/organization', { as: 'both' })).status).toBe(403);
    const before = await stored();
    expect((await h.request('POST', '/api/t/{t}/me/leave-organization', { as: 'm1' })).status).toBe(409);
    expect(await stored()).toEqual(before);
  });
});

describe('the list and the record', () => {
  it('lists people with roles, organization and status, and an organization’s representatives; another tenant’s organization is 404', async () => {
    const all = await h.json('GET', PEOPLE, { as: 'coord', expect: 200 });
    expect(all.people.map((p: { userId: string }) => p.userId).sort()).toEqual(['admin', 'coord', 'm1', 'manager', 'rep']);
    expect(all.people.find((p: { userId: string }) => p.userId === 'rep')).toMatchObject({
      roles: ['organization'],
      organizationId: org.id,
      organizationName: org.legalName,
      status: 'active',
      version: 1,
    });
    await h.json('POST', INVITE, {
      as: 'manager',
      body: { email: email('rep2'), name: 'Rep 2', roles: ['organization'], organizationId: org.id },
      expect: 201,
    });
    await h.json('POST', INVITE, { as: 'manager', body: { email: email('autre'), name: 'Autre', roles: ['member'] }, expect: 201 });
    const ofOrg = await h.json('GET', `${PEOPLE}?organizationId=${org.id}`, { as: 'manager', expect: 200 });
    expect(ofOrg.people.map((p: { userId: string }) => p.userId)).toEqual(['rep']);
    expect(ofOrg.invitations.map((i: { name: string }) => i.name)).toEqual(['Rep 2']);
    expect(ofOrg.invitations[0]).toMatchObject({ organizationName: org.legalName, invitedBy: { userId: 'manager', name: 'manager' } });
    await h.addMember('manager', ['manager'], null, elsewhere());
    const foreign = await h.json('POST', `/api/t/${elsewhere()}/organizations`, { as: 'manager', body: fixtures.organization(neq()), expect: 201 });
    expect((await h.request('GET', `${PEOPLE}?organizationId=${foreign.id}`, { as: 'manager' })).status).toBe(404);
  });

  it('pages the record newest first', async () => {
    for (const n of [1, 2, 3]) {
      h.clock.now = new Date(h.clock.now.getTime() + 1000);
      await h.json('POST', INVITE, { as: 'admin', body: { email: email(`p${n}`), name: `P${n}`, roles: ['member'] }, expect: 201 });
    }
    const first = await h.json('GET', `${PEOPLE}/log?limit=2`, { as: 'manager', expect: 200 });
    expect(first.items.map((e: { subject: { name: string } }) => e.subject.name)).toEqual(['P3', 'P2']);
    const next = await h.json('GET', `${PEOPLE}/log?limit=2&cursor=${first.cursor}`, { as: 'manager', expect: 200 });
    expect(next.items.map((e: { subject: { name: string } }) => e.subject.name)).toEqual(['P1']);
    expect(next.items[0]).toMatchObject({ kind: 'invited', by: { userId: 'admin', name: 'admin' }, to: { roles: ['member'] } });
  });
});

describe('another tenant', () => {
  it('never sees nor touches this tenant’s people: 404 by the membership check, and by its own tenant’s keys', async () => {
    await h.addMember('admin', ['administrator'], null, elsewhere());
    await h.addMember('boss', ['administrator']);
    const { invitation } = await h.json('POST', INVITE, { as: 'admin', body: { email: email(), name: 'I', roles: ['member'] }, expect: 201 });
    const before = await stored();
    // 'boss' is an administrator here, not there; 'admin' of elsewhere is 'admin' here too, so use another name.
    await h.addMember('outsider', ['administrator'], null, elsewhere());
    for (const [method, path, body] of [
      ['GET', PEOPLE, undefined],
      ['GET', `${PEOPLE}/log`, undefined],
      ['PUT', `${PEOPLE}/m1/roles`, { roles: ['manager'], organizationId: null, version: 1 }],
      ['POST', `${PEOPLE}/m1/deactivate`, { version: 1 }],
      ['POST', INVITE, { email: email(), name: 'X', roles: ['member'] }],
      ['POST', `${INVITE}/${invitation.id}/cancel`, { version: 1 }],
    ] as const) {
      const res = await h.request(method, path, { as: 'outsider', body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    // Through its own tenant's address, this tenant's ids only miss.
    const there = `/api/t/${elsewhere()}`;
    expect(
      (await h.request('PUT', `${there}/people/m1/roles`, { as: 'outsider', body: { roles: ['manager'], organizationId: null, version: 1 } })).status,
    ).toBe(404);
    expect((await h.request('POST', `${there}/people/m1/deactivate`, { as: 'outsider', body: { version: 1 } })).status).toBe(404);
    expect((await h.request('POST', `${there}/people/m1/reactivate`, { as: 'outsider', body: { version: 1 } })).status).toBe(404);
    expect((await h.request('POST', `${PEOPLE}/m1/reactivate`, { as: 'outsider', body: { version: 1 } })).status).toBe(404);
    // Forged ids in the path, by this tenant's own administrator: 404, before any key is built.
    expect((await h.request('POST', `${INVITE}/${invitation.id}%23X/resend`, { as: 'boss', body: { version: 1 } })).status).toBe(404);
    expect((await h.request('POST', `${INVITE}/${invitation.id}%23X/cancel`, { as: 'boss', body: { version: 1 } })).status).toBe(404);
    expect((await h.request('POST', `${PEOPLE}/m1%23X/reactivate`, { as: 'boss', body: { version: 1 } })).status).toBe(404);
    expect((await h.request('POST', `${there}/invitations/${invitation.id}/resend`, { as: 'outsider', body: { version: 1 } })).status).toBe(404);
    expect((await h.request('POST', `${there}/invitations/${invitation.id}/cancel`, { as: 'outsider', body: { version: 1 } })).status).toBe(404);
    const theirs = await h.json('GET', `${there}/people`, { as: 'outsider', expect: 200 });
    expect(theirs.people.map((p: { userId: string }) => p.userId).sort()).toEqual(['admin', 'outsider']);
    expect(theirs.invitations).toEqual([]);
    expect(await stored()).toEqual(before);
  });
});

describe('route × role', () => {
  const roles = { admin: 'administrator', manager: 'manager', coord: 'coordinator', m1: 'member', rep: 'organization' } as const;
  const allowed = (who: (keyof typeof roles)[]) => new Set<string>(who);

  it('answers 403 to the roles a route does not name, and lets the others through', async () => {
    const { invitation } = await h.json('POST', INVITE, { as: 'admin', body: { email: email(), name: 'I', roles: ['member'] }, expect: 201 });
    const cases: { method: string; path: string; body?: unknown; who: Set<string> }[] = [
      { method: 'GET', path: PEOPLE, who: allowed(['admin', 'manager', 'coord']) },
      { method: 'GET', path: `${PEOPLE}/log`, who: allowed(['admin', 'manager', 'coord']) },
      { method: 'POST', path: INVITE, body: { email: 'x', name: 'X', roles: ['member'] }, who: allowed(['admin', 'manager', 'coord']) },
      { method: 'POST', path: `${INVITE}/${invitation.id}/resend`, body: { version: 99 }, who: allowed(['admin', 'manager', 'coord']) },
      { method: 'POST', path: `${INVITE}/${invitation.id}/cancel`, body: { version: 99 }, who: allowed(['admin', 'manager', 'coord']) },
      { method: 'PUT', path: `${PEOPLE}/m1/roles`, body: { roles: ['member'], organizationId: null, version: 99 }, who: allowed(['admin']) },
      { method: 'POST', path: `${PEOPLE}/m1/deactivate`, body: { version: 99 }, who: allowed(['admin']) },
      { method: 'POST', path: `${PEOPLE}/m1/reactivate`, body: { version: 99 }, who: allowed(['admin']) },
    ];
    for (const c of cases) {
      for (const who of Object.keys(roles)) {
        const res = await h.request(c.method, c.path, { as: who, body: c.body });
        if (c.who.has(who)) expect(res.status, `${c.method} ${c.path} as ${who}`).not.toBe(403);
        else expect(res.status, `${c.method} ${c.path} as ${who}`).toBe(403);
      }
    }
    // The caller's own routes: every member of the tenant reaches them (refused by their state, not their role).
    for (const who of Object.keys(roles)) {
      const res = await h.request('POST', '/api/t/{t}/me/leave-organization', { as: who });
      expect(res.status, who).toBe(who === 'rep' ? 200 : 409);
    }
    // Without a token, nothing but the public invitation page.
    expect((await h.request('GET', PEOPLE)).status).toBe(401);
    expect((await h.request('POST', INVITE, { body: { email: email(), name: 'X', roles: ['member'] } })).status).toBe(401);
  });
});
