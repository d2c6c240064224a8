/**
 * Notifications against DynamoDB Local: the outbox the notifier writes locally and in tests, and
 * a person's notification preferences (their own only, versioned, validated).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../functions/lib/ids';
import { outboxRoutes } from '../../functions/local/outbox-page';
import type { NotificationMessage } from '../../shared/notifications';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
let ana: string;
let ben: string;
const PREFS = '/api/t/{t}/me/notification-preferences';

beforeAll(async () => {
  h = await createHarness();
  ana = await h.addMember(`ana-${newId()}`, ['coordinator']);
  ben = await h.addMember(`ben-${newId()}`, ['organization'], 'org-1');
});

const call: NotificationMessage = { kind: 'call-published', callId: 'c1', callTitle: 'Appel PSJP', closesAt: '2026-12-01T22:00:00Z' };
const revision: NotificationMessage = { kind: 'revision-asked', callId: 'c1', callTitle: 'Appel PSJP', proposalTitle: 'Halte', dueAt: '2026-12-01T22:00:00Z' };

describe('the outbox', () => {
  it('keeps each message in the person’s language, newest first', async () => {
    const who = `carl-${newId()}`;
    await h.deps.notify!({ userId: who, email: `${who}@test`, name: 'Carl', lang: 'en' }, call);
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    await h.deps.notify!({ userId: who, email: `${who}@test`, name: 'Carl', lang: 'fr' }, revision);
    const box = await h.outbox(who);
    expect(box.map((m) => m.kind)).toEqual(['revision-asked', 'call-published']);
    expect(box[1]).toMatchObject({ to: `${who}@test`, lang: 'en', subject: 'New call for projects: Appel PSJP' });
    expect(box[1]!.body).toContain('http://app.test/appels/c1');
    expect(box[0]!.subject).toBe('Révision demandée : Halte');
    expect(box[0]!.at > box[1]!.at).toBe(true);
  });

  it('drops the kinds a person turned off, never the essential ones', async () => {
    const who = `dora-${newId()}`;
    const r = { userId: who, email: `${who}@test`, name: 'Dora', lang: 'fr' as const, optOut: ['call-published'] };
    await h.deps.notify!(r, call);
    await h.deps.notify!(r, revision);
    expect((await h.outbox(who)).map((m) => m.kind)).toEqual(['revision-asked']);
  });

  it('is shown at /dev/outbox as a plain French-first page, escaped, without script', async () => {
    const who = `<b>flo-${newId()}`;
    await h.deps.notify!({ userId: who, email: `${who}@test`, name: 'Flo', lang: 'fr' }, { ...call, callTitle: '<script>x</script>' });
    // The outbox is shared by every file of the run: the page is read for this one address.
    const res = await outboxRoutes(h.db).request(`/dev/outbox?to=${encodeURIComponent(`${who}@test`)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="fr-CA">');
    expect(html).toContain('Boîte d’envoi locale');
    expect(html).not.toContain('<script');
    expect(html).toContain('Nouvel appel de projets : &#60;script&#62;x&#60;/script&#62;');
    expect(html).toContain(`&#60;b&#62;flo-`);
  });
});

describe('notification preferences', () => {
  it('starts with nothing turned off, and lists the essential kinds', async () => {
    const prefs = await h.json('GET', PREFS, { as: ana, expect: 200 });
    expect(prefs).toEqual({
      optOut: [],
      essential: [
        'invitation',
        'revision-asked',
        'outcome-decided',
        'claim-decided',
        'agreement-sent',
        'report-due',
        'report-reopened',
        'obstacle-reported',
        'obstacle-answered',
      ],
      version: null,
      updatedAt: null,
    });
  });

  it('saves the caller’s choice, versioned: a stale write gets 409 and changes nothing', async () => {
    const first = await h.json('PUT', PREFS, { as: ana, body: { version: null, optOut: ['call-published', 'deadline-soon'] }, expect: 200 });
    expect(first).toMatchObject({ optOut: ['call-published', 'deadline-soon'], version: 1 });
    const second = await h.json('PUT', PREFS, { as: ana, body: { version: 1, optOut: ['round-opened'] }, expect: 200 });
    expect(second.version).toBe(2);
    for (const stale of [null, 1]) {
      const res = await h.request('PUT', PREFS, { as: ana, body: { version: stale, optOut: [] } });
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await h.json('GET', PREFS, { as: ana, expect: 200 })).optOut).toEqual(['round-opened']);
  });

  it.each([
    ['an essential kind', { version: null, optOut: ['revision-asked'] }],
    ['the yearly report reminders (essential)', { version: null, optOut: ['report-due'] }],
    ['an unknown kind', { version: null, optOut: ['newsletter'] }],
    ['an unknown field', { version: null, optOut: [], userId: 'someone' }],
    ['no version', { optOut: [] }],
  ])('refuses %s with a problem, storing nothing', async (_, body) => {
    const res = await h.request('PUT', PREFS, { as: ben, body });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await h.json('GET', PREFS, { as: ben, expect: 200 })).version).toBeNull();
  });

  it('reaches only the caller’s own preferences: another person’s are out of reach', async () => {
    // Ben reads and writes his own, never Ana's, whatever he sends.
    const own = await h.json('GET', PREFS, { as: ben, expect: 200 });
    expect(own.version).toBeNull();
    await h.json('PUT', PREFS, { as: ben, body: { version: null, optOut: ['deadline-soon'] }, expect: 200 });
    expect((await h.json('GET', PREFS, { as: ana, expect: 200 })).optOut).toEqual(['round-opened']);
    // No address names another person; someone outside the tenant gets 404.
    expect((await h.request('GET', `/api/t/{t}/users/${ana}/notification-preferences`, { as: ben })).status).toBe(404);
    const stranger = `eve-${newId()}`;
    await h.addMember(stranger, ['manager'], null, `t-${newId()}`);
    expect((await h.request('GET', PREFS, { as: stranger })).status).toBe(404);
    expect((await h.request('PUT', PREFS, { as: stranger, body: { version: null, optOut: [] } })).status).toBe(404);
    expect((await h.request('GET', PREFS)).status).toBe(401);
  });
});
