/**
 * Deadline reminders against DynamoDB Local: three days before a call, a needs round, an approval vote or a
 * revision round closes, each person who still has to act gets one `deadline-soon` message, once however often
 * the job runs, unless they turned these messages off (they are optional).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { putNew } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import { listTenantIds, remindTenant } from '../../functions/reminders/core';
import { callRemindersDue } from '../../functions/proposals';
import { listMembersOfTenant } from '../../functions/identity';
import { AlreadyExistsError } from '../../shared/errors';
import type { StoredCall } from '../../shared/domain';
import { scoreAndClose, setupFitting } from '../support/allocation-setup';
import { createHarness, fixtures, setupCall, type Harness } from '../support/harness';

let h: Harness;
const remind = () => remindTenant(h.deps, h.tenantId);
/** The deadline reminders a person got that name `due` (each test closes things at an unusual minute: the outbox is shared by every file). */
const reminders = async (userId: string, due: string) => (await h.outbox(userId)).filter((m) => m.kind === 'deadline-soon' && m.body.includes(due));

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
});

describe('a needs round closing', () => {
  it('reminds each voter without a ballot once, three days ahead, unless she turned reminders off', async () => {
    await h.addMember('coord', ['coordinator']);
    for (const m of ['m1', 'm2', 'm3']) await h.addMember(m, ['member']);
    await h.json('PUT', '/api/t/{t}/me/notification-preferences', { as: 'm3', body: { version: null, optOut: ['deadline-soon'] }, expect: 200 });
    const s = await h.json('POST', '/api/t/{t}/studies', { as: 'coord', body: { title: 'Besoins', callId: null }, expect: 201 });
    for (const statement of ['Transport', 'Halte-garderie'])
      await h.json('POST', `/api/t/{t}/studies/${s.id}/needs`, {
        as: 'coord',
        body: { statement, category: 'other', sources: ['workers'], notes: '' },
        expect: 201,
      });
    const round = await h.json('POST', `/api/t/{t}/studies/${s.id}/rounds`, {
      as: 'coord',
      body: { title: 'Tour de décembre', method: 'approval', pointsBudget: null, approvalMax: 1, closesAt: '2026-11-30T21:41:00.000Z' },
      expect: 201,
    });
    await h.json('PUT', `/api/t/{t}/studies/${s.id}/rounds/${round.id}/ballot`, {
      as: 'm1',
      body: { version: null, approved: [round.needs[0].id] },
      expect: 200,
    });
    const due = '2026-11-30 16 h 41';

    // Seven days ahead, then four: nothing yet.
    expect(await remind()).toBe(0);
    h.clock.now = new Date('2026-11-26T21:00:00.000Z');
    await remind();
    expect(await reminders('m2', due)).toEqual([]);

    // Within three days: m2, who has not voted, is reminded; m1 voted; m3 turned reminders off.
    h.clock.now = new Date('2026-11-28T15:00:00.000Z');
    expect(await remind()).toBe(2);
    const [message] = await reminders('m2', due);
    expect(message).toMatchObject({ subject: 'Plus que 3 jours : Tour de décembre', lang: 'fr' });
    expect(message!.body).toContain(`http://app.test/besoins/${s.id}/tours/${round.id}`);
    expect(await reminders('m1', due)).toEqual([]);
    expect(await reminders('m3', due)).toEqual([]);
    expect(await reminders('coord', due)).toEqual([]);

    // Run again, and at once twice: nobody is reminded a second time.
    h.clock.now = new Date('2026-11-29T15:00:00.000Z');
    expect(await Promise.all([remind(), remind()])).toEqual([0, 0]);
    expect(await reminders('m2', due)).toHaveLength(1);

    // Once closed, nothing more.
    h.clock.now = new Date('2026-11-30T21:41:00.000Z');
    expect(await remind()).toBe(0);
  });
});

describe('a call closing', () => {
  it('reminds the representatives of each organization that has submitted nothing (a draft is nothing yet), not those that did', async () => {
    const { call } = await setupCall(h, { closesAt: '2027-01-15T21:43:00.000Z' });
    const base = `/api/t/{t}/calls/${call.id}`;
    const orgs = [];
    for (const [i, neq] of ['2234567891', '3234567891'].entries()) {
      const o = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization(neq), expect: 201 });
      await h.addMember(`orgrep${i + 2}`, ['organization'], o.id);
      orgs.push(o);
    }
    await h.addMember('m1', ['member']);
    h.clock.now = new Date('2027-01-12T12:00:00.000Z');
    const draft = await h.json('POST', `${base}/proposals`, { as: 'orgrep', body: { draft: {} }, expect: 201 });
    await h.json('POST', `${base}/proposals/${draft.id}/submit`, { as: 'orgrep', body: { version: 1, content: fixtures.content }, expect: 200 });
    await h.json('POST', `${base}/proposals`, { as: 'orgrep2', body: { draft: {} }, expect: 201 });
    const due = '2027-01-15 16 h 43';
    expect(await remind()).toBe(0);

    h.clock.now = new Date('2027-01-13T15:00:00.000Z');
    await remind();
    for (const who of ['orgrep2', 'orgrep3']) {
      const mine = await reminders(who, due);
      expect(mine.map((m) => m.subject)).toEqual(['Plus que 3 jours : Appel PSJP']);
      expect(mine[0]!.body).toContain(`http://app.test/appels/${call.id}`);
    }
    for (const who of ['orgrep', 'manager', 'coord', 'm1']) expect(await reminders(who, due)).toEqual([]);
    await remind();
    expect(await reminders('orgrep3', due)).toHaveLength(1);

    // A call reserved to invited organizations reminds only those invited.
    const members = await listMembersOfTenant(h.db, h.tenantId);
    const reserved = { ...call, closesAt: '2027-01-15T21:43:00.000Z', access: 'invited', invitedOrganizationIds: [orgs[1].id] } as StoredCall;
    const [only] = await callRemindersDue(h.deps, h.tenantId, [reserved], members);
    expect(only!.people.map((p) => p.userId)).toEqual(['orgrep3']);
  });
});

describe('an approval vote and a revision round closing', () => {
  it('reminds the members without a ballot and the organizations that have not answered', async () => {
    const s = await setupFitting(h);
    await scoreAndClose(h, s);
    const scenario = await h.json('POST', `${s.base}/scenarios`, { as: 'coord', body: { name: 'Scénario', method: 'proportional' }, expect: 201 });
    await h.json('POST', `${s.base}/revision`, { as: 'coord', body: { scenarioId: scenario.id, deadline: '2027-01-22T21:47:00.000Z' }, expect: 201 });
    await h.json('POST', `${s.base}/pb-vote`, { as: 'coord', body: { closesAt: '2027-01-22T21:49:00.000Z' }, expect: 201 });
    await h.json('POST', `${s.base}/revision/answers`, { as: 'orgrep', body: { kind: 'accepted', proposalId: s.p1, answerVersion: null }, expect: 200 });
    await h.json('PUT', `${s.base}/pb-vote/ballot`, { as: 'm1', body: { version: null, approved: [s.p2] }, expect: 200 });

    await remind();
    const revisionDue = '2027-01-22 16 h 47';
    const voteDue = '2027-01-22 16 h 49';
    const asked = await reminders('orgrep2', revisionDue);
    expect(asked.map((m) => m.subject)).toEqual(['Plus que 3 jours : Halte-répit']);
    expect(asked[0]!.body).toContain('La révision demandée pour « Halte-répit » se termine le 2027-01-22 16 h 47.');
    expect(await reminders('orgrep', revisionDue)).toEqual([]);
    for (const m of ['m2', 'm3']) {
      const [vote] = await reminders(m, voteDue);
      expect(vote!.body).toContain(`http://app.test/appels/${s.callId}/vote`);
      expect(vote!.body).toContain('Le vote des membres sur les projets de l’appel « Appel PSJP »');
    }
    expect(await reminders('m1', voteDue)).toEqual([]);
    expect(await remind()).toBe(0);
  });
});

describe('the tenants the job visits', () => {
  it('are listed from their index, without a Scan', async () => {
    await putNew(
      h.db,
      { ...keys.tenant(h.tenantId), ...keys.tenantIndex(h.tenantId) },
      'Tenant',
      { id: h.tenantId, name: 'Test', createdAt: h.clock.now.toISOString() },
      () => new AlreadyExistsError({ fr: '', en: '' }),
    );
    expect(await listTenantIds(h.db)).toContain(h.tenantId);
  });
});
