/**
 * Invitations found by the signed-in person's email (the token's claim), without the emailed link, against
 * DynamoDB Local: a person with no membership lists and accepts theirs; a member of one institution invited to
 * another sees it among their tasks and accepts it by id; another person's invitation is not found (404);
 * expired (422), accepted or cancelled (409) ones are refused and leave nothing changed; resend and cancel keep
 * the entries under the email right.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { getItem, putNew, queryAll } from '../../functions/lib/db';
import { newId } from '../../functions/lib/ids';
import { keys } from '../../functions/lib/keys';
import { readOutbox } from '../../functions/lib/notify';
import { sha256 } from '../../functions/identity/people-repository';
import { AlreadyExistsError } from '../../shared/errors';
import type { Role } from '../../shared/permissions';
import type { Task } from '../../shared/tasks';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
/** A second institution, with its own administrator. */
let b: string;
const MINE = '/api/me/invitations';
const email = (who = 'personne') => `${who}.${newId()}@exemple.org`;
const acceptPath = (tenantId: string, invitationId: string) => `${MINE}/${tenantId}/${invitationId}/accept`;

/** A membership in `tenantId`, with the institution's name (the harness names every institution "Test"). */
async function addAdmin(sub: string, tenantId: string, tenantName: string, roles: Role[] = ['administrator']) {
  await putNew(
    h.db,
    keys.membership(sub, tenantId),
    'Membership',
    { tenantId, tenantName, userId: sub, name: `Admin ${tenantName}`, email: `${sub}@test`, roles, organizationId: null },
    () => new AlreadyExistsError({ fr: '', en: '' }),
  );
}

const inviteIn = (tenantId: string, as: string, to: string, roles: Role[] = ['member']) =>
  h.json('POST', `/api/t/${tenantId}/invitations`, { as, body: { email: to, name: 'Personne invitée', roles }, expect: 201 });

/** The entries filed under an email (keys.invitationsForEmail), read straight from the table. */
const entriesFor = (to: string) => queryAll<{ tenantId: string; invitationId: string }>(h.db, { ...keys.invitationsForEmail(sha256(to)), consistent: true });

/** What a refusal must leave as it was: both institutions' people, invitations and records, the messages, the entries. */
async function stored(to: string) {
  const people = await Promise.all([h.tenantId, b].map((t) => h.json('GET', `/api/t/${t}/people`, { as: t === b ? 'adminB' : 'adminA', expect: 200 })));
  const logs = await Promise.all([h.tenantId, b].map((t) => h.json('GET', `/api/t/${t}/people/log?limit=200`, { as: t === b ? 'adminB' : 'adminA' })));
  // The outbox is shared by every file of the run: a refusal sends nothing to the address it concerns.
  return { people, logs, messages: (await readOutbox(h.db, 1000)).filter((m) => m.to === to).length, entries: await entriesFor(to) };
}

beforeEach(async () => {
  h = await createHarness();
  b = `${h.tenantId}-b`;
  await addAdmin('adminA', h.tenantId, 'CISSS A');
  await addAdmin('adminB', b, 'CISSS B');
});

describe('a person with no membership', () => {
  it('lists the invitations addressed to their email, in every institution, and accepts one by id: the app then opens it', async () => {
    const to = email('nouvelle');
    const inA = (await inviteIn(h.tenantId, 'adminA', to, ['member'])).invitation;
    const inB = (await inviteIn(b, 'adminB', to.toUpperCase(), ['coordinator'])).invitation;
    const sub = h.account(to);
    expect((await h.json('GET', '/api/me', { as: sub, expect: 200 })).memberships).toEqual([]);

    const listed = await h.json('GET', MINE, { as: sub, expect: 200 });
    expect(listed.items).toHaveLength(2);
    expect(listed.items).toContainEqual({
      tenantId: h.tenantId,
      invitationId: inA.id,
      tenantName: 'CISSS A',
      name: 'Personne invitée',
      roles: ['member'],
      organizationName: null,
      invitedBy: { userId: 'adminA', name: 'Admin CISSS A' },
      expiresAt: inA.expiresAt,
    });
    expect(listed.items.map((i: { tenantName: string }) => i.tenantName).sort()).toEqual(['CISSS A', 'CISSS B']);
    // Another person sees none of them.
    expect((await h.json('GET', MINE, { as: 'adminA', expect: 200 })).items).toEqual([]);

    const accepted = await h.json('POST', acceptPath(b, inB.id), { as: sub, expect: 200 });
    expect(accepted).toEqual({ tenantId: b, tenantName: 'CISSS B' });
    const me = await h.json('GET', '/api/me', { as: sub, expect: 200 });
    expect(me.memberships).toMatchObject([{ tenantId: b, roles: ['coordinator'], status: 'active', email: to }]);
    // The same transaction as through the link: the invitation accepted at its version, the event, the entry gone.
    const people = await h.json('GET', `/api/t/${b}/people`, { as: 'adminB', expect: 200 });
    expect(people.invitations).toEqual([]);
    const log = await h.json('GET', `/api/t/${b}/people/log`, { as: 'adminB', expect: 200 });
    expect(log.items[0]).toMatchObject({ kind: 'accepted', by: { userId: sub }, subject: { userId: sub, email: to }, invitationId: inB.id });
    expect(await getItem(h.db, keys.invitation(b, inB.id), true)).toMatchObject({ status: 'accepted', acceptedBy: sub, version: 2 });
    expect(await entriesFor(to)).toEqual([{ tenantId: h.tenantId, invitationId: inA.id }]);
    // The email may be invited to B again only as a member now (the claim was released): same role → already active.
    expect((await h.request('POST', `/api/t/${b}/invitations`, { as: 'adminB', body: { email: to, name: 'P', roles: ['coordinator'] } })).status).toBe(409);

    expect((await h.json('GET', MINE, { as: sub, expect: 200 })).items.map((i: { invitationId: string }) => i.invitationId)).toEqual([inA.id]);
  });

  it('answers an empty list to a person invited nowhere', async () => {
    expect(await h.json('GET', MINE, { as: 'personne-seule', expect: 200 })).toEqual({ items: [] });
  });
});

describe('a member of one institution invited to another', () => {
  it('sees the invitation among their tasks in the first, due when it expires, and accepts it by id; then the task is gone', async () => {
    const to = email('membre');
    const inA = (await inviteIn(h.tenantId, 'adminA', to)).invitation;
    const sub = h.account(to);
    await h.json('POST', acceptPath(h.tenantId, inA.id), { as: sub, expect: 200 });
    const tasksIn = async (t: string): Promise<Task[]> => (await h.json('GET', `/api/t/${t}/me/tasks`, { as: sub, expect: 200 })).items;
    expect((await tasksIn(h.tenantId)).filter((t) => t.kind === 'invitation')).toEqual([]);

    const inB = (await inviteIn(b, 'adminB', to, ['coordinator'])).invitation;
    const invitations = (await tasksIn(h.tenantId)).filter((t) => t.kind === 'invitation');
    expect(invitations).toEqual([
      {
        kind: 'invitation',
        subject: null,
        title: 'CISSS B',
        dueAt: inB.expiresAt,
        count: 1,
        link: '/mes-invitations',
        callId: null,
        studyId: null,
        roundId: null,
        proposalId: null,
      },
    ]);
    // Another member of A has no such task.
    await addAdmin('autre', h.tenantId, 'CISSS A', ['member']);
    expect((await h.json('GET', `/api/t/${h.tenantId}/me/tasks`, { as: 'autre', expect: 200 })).items).toEqual([]);

    await h.json('POST', acceptPath(b, inB.id), { as: sub, expect: 200 });
    const me = await h.json('GET', '/api/me', { as: sub, expect: 200 });
    expect(me.memberships.map((m: { tenantId: string }) => m.tenantId).sort()).toEqual([h.tenantId, b].sort());
    expect((await tasksIn(h.tenantId)).filter((t) => t.kind === 'invitation')).toEqual([]);
    expect((await tasksIn(b)).filter((t) => t.kind === 'invitation')).toEqual([]);
    expect(await entriesFor(to)).toEqual([]);
  });

  it('does not make a task of an invitation to the institution the task list is for', async () => {
    // Invited before, the person became a member of B by another way: the invitation to B waits, but not as a task in B.
    const to = email('deja');
    const inB = (await inviteIn(b, 'adminB', to)).invitation;
    const sub = h.account(to);
    await addAdmin(sub, b, 'CISSS B', ['member']);
    expect((await h.json('GET', `/api/t/${b}/me/tasks`, { as: sub, expect: 200 })).items).toEqual([]);
    expect((await h.json('GET', MINE, { as: sub, expect: 200 })).items.map((i: { invitationId: string }) => i.invitationId)).toEqual([inB.id]);
  });
});

describe('refusals, nothing changed', () => {
  it('does not find another person’s invitation (404), whoever asks, a member of the institution or not', async () => {
    const to = email('destinataire');
    const inB = (await inviteIn(b, 'adminB', to)).invitation;
    const other = email('autre');
    await inviteIn(h.tenantId, 'adminA', other);
    const before = await stored(to);
    for (const who of [h.account(other), 'adminB', 'adminA', 'intrus']) {
      const res = await h.request('POST', acceptPath(b, inB.id), { as: who });
      expect(res.status, who).toBe(404);
      expect((await res.json()).type).toBe('/problems/not-found');
    }
    expect(await stored(to)).toEqual(before);
    // The right person still can.
    await h.json('POST', acceptPath(b, inB.id), { as: h.account(to), expect: 200 });
  });

  it('refuses an unknown invitation, one named under another institution, and malformed ids (404); without a token 401', async () => {
    const to = email('mal');
    const inB = (await inviteIn(b, 'adminB', to)).invitation;
    const sub = h.account(to);
    const before = await stored(to);
    expect((await h.request('POST', acceptPath(b, newId()), { as: sub })).status).toBe(404);
    expect((await h.request('POST', acceptPath(h.tenantId, inB.id), { as: sub })).status).toBe(404);
    expect((await h.request('POST', acceptPath(`${b}-nope`, inB.id), { as: sub })).status).toBe(404);
    expect((await h.request('POST', acceptPath('X%23Y', inB.id), { as: sub })).status).toBe(404);
    expect((await h.request('POST', acceptPath(b, 'a%23b'), { as: sub })).status).toBe(404);
    expect((await h.request('POST', acceptPath(b, inB.id))).status).toBe(401);
    expect((await h.request('GET', MINE)).status).toBe(401);
    expect(await stored(to)).toEqual(before);
  });

  it('refuses an expired invitation (422) and no longer lists it; resent, it is listed again (once) and accepted', async () => {
    const to = email('tardive');
    const inB = (await inviteIn(b, 'adminB', to)).invitation;
    const sub = h.account(to);
    h.clock.now = new Date(h.clock.now.getTime() + 7 * 86_400_000 + 1000);
    expect((await h.json('GET', MINE, { as: sub, expect: 200 })).items).toEqual([]);
    const before = await stored(to);
    const late = await h.request('POST', acceptPath(b, inB.id), { as: sub });
    expect(late.status).toBe(422);
    expect((await late.json()).detail).toMatch(/expirée/);
    expect(await stored(to)).toEqual(before);

    const resent = await h.json('POST', `/api/t/${b}/invitations/${inB.id}/resend`, { as: 'adminB', body: { version: 1 }, expect: 200 });
    const listed = (await h.json('GET', MINE, { as: sub, expect: 200 })).items;
    expect(listed).toMatchObject([{ invitationId: inB.id, expiresAt: resent.expiresAt }]);
    expect(await entriesFor(to)).toEqual([{ tenantId: b, invitationId: inB.id }]);
    await h.json('POST', acceptPath(b, inB.id), { as: sub, expect: 200 });
    expect(await entriesFor(to)).toEqual([]);
  });

  it('refuses an invitation already accepted (409), through the link used meanwhile too', async () => {
    const to = email('deux-fois');
    const inB = (await inviteIn(b, 'adminB', to)).invitation;
    const sub = h.account(to);
    const message = (await readOutbox(h.db, 1000)).find((m) => m.to === to)!;
    const token = /\/invitation\/([A-Za-z0-9_-]{43})/.exec(message.body)![1];
    await h.json('POST', '/api/invitations/accept', { as: sub, body: { token }, expect: 200 });
    // Accepted through the link: the entry under the email went in the same transaction.
    expect(await entriesFor(to)).toEqual([]);
    expect((await h.json('GET', MINE, { as: sub, expect: 200 })).items).toEqual([]);
    const before = await stored(to);
    const again = await h.request('POST', acceptPath(b, inB.id), { as: sub });
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toMatch(/déjà été acceptée/);
    expect(await stored(to)).toEqual(before);
  });

  it('a cancelled invitation is no longer listed nor filed under the email, and is refused (409); a new one is', async () => {
    const to = email('annulee');
    const inB = (await inviteIn(b, 'adminB', to)).invitation;
    const sub = h.account(to);
    await h.json('POST', `/api/t/${b}/invitations/${inB.id}/cancel`, { as: 'adminB', body: { version: 1 }, expect: 200 });
    expect(await entriesFor(to)).toEqual([]);
    expect((await h.json('GET', MINE, { as: sub, expect: 200 })).items).toEqual([]);
    const before = await stored(to);
    const res = await h.request('POST', acceptPath(b, inB.id), { as: sub });
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toMatch(/annulée/);
    expect(await stored(to)).toEqual(before);

    const again = (await inviteIn(b, 'adminB', to)).invitation;
    expect((await h.json('GET', MINE, { as: sub, expect: 200 })).items.map((i: { invitationId: string }) => i.invitationId)).toEqual([again.id]);
  });
});

describe('route × role', () => {
  it('lets every signed-in person reach their own invitations, whatever their roles: refused by whose invitation it is, never by role', async () => {
    const to = email('matrice');
    const inB = (await inviteIn(b, 'adminB', to)).invitation;
    const roles: Role[] = ['administrator', 'manager', 'coordinator', 'member', 'organization'];
    for (const role of roles) {
      const sub = `r-${role}`;
      await addAdmin(sub, b, 'CISSS B', [role]);
      expect((await h.json('GET', MINE, { as: sub, expect: 200 })).items, role).toEqual([]);
      expect((await h.request('POST', acceptPath(b, inB.id), { as: sub })).status, role).toBe(404);
    }
    // A deactivated membership elsewhere does not keep a person from their own invitations.
    const sub = h.account(to);
    await putNew(
      h.db,
      keys.membership(sub, h.tenantId),
      'Membership',
      {
        tenantId: h.tenantId,
        tenantName: 'CISSS A',
        userId: sub,
        name: 'P',
        email: to,
        roles: ['member'],
        organizationId: null,
        status: 'deactivated',
        version: 2,
      },
      () => new AlreadyExistsError({ fr: '', en: '' }),
    );
    expect((await h.json('GET', MINE, { as: sub, expect: 200 })).items).toHaveLength(1);
    await h.json('POST', acceptPath(b, inB.id), { as: sub, expect: 200 });
  });
});
