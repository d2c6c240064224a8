/**
 * Calls by invitation (issue 12) against DynamoDB Local: a call reserved to
 * invited organizations does not exist for the others (404 on every route that
 * reads it, absent from the list, no proposal started, saved or submitted);
 * staff read it whole; organizations are added while it is open, each change
 * recorded; the representatives who may answer it are told, in their language,
 * unless they turned the message off.
 */
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { putNew } from '../../functions/lib/db';
import { newId } from '../../functions/lib/ids';
import { keys } from '../../functions/lib/keys';
import { replaceProposalWhileOpen } from '../../functions/proposals/repository';
import { AlreadyExistsError, NotFoundError } from '../../shared/errors';
import type { Role } from '../../shared/permissions';
import { createHarness, fixtures, type Harness } from '../support/harness';

let h: Harness;
let envelopeId: string;
/** Organizations: A invited at creation, B added later, C never invited. */
const org: Record<'a' | 'b' | 'c', { id: string; legalName: string }> = {} as never;
/** Representatives, with ids unique to this run (the outbox is shared by every test file). */
const rep = { a: '', aEn: '', aOff: '', b: '', bOff: '', c: '', gone: '' };
let memberOfC: string;

async function addPerson(prefix: string, roles: Role[], organizationId: string | null, extra: Record<string, unknown> = {}) {
  const sub = `${prefix}-${newId()}`;
  await putNew(
    h.db,
    keys.membership(sub, h.tenantId),
    'Membership',
    { tenantId: h.tenantId, tenantName: 'Test', userId: sub, name: sub, email: `${sub}@test`, roles, organizationId, ...extra },
    () => new AlreadyExistsError({ fr: '', en: '' }),
  );
  return sub;
}

let neq = 3_300_000_000;
const newOrg = async () => h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization(String(neq++)), expect: 201 });

/** What a representative submits: within the test calls' maximum request. */
const content = { ...fixtures.content, budgetLines: [{ label: 'Salaires', amount: 90_000 }], requested: 90_000, minimum: 60_000 };
const callBody = (over: Record<string, unknown> = {}) => fixtures.call(envelopeId, { amountAvailable: 100_000, maxRequest: 100_000, ...over });
const draft = (over: Record<string, unknown> = {}) => h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: callBody(over), expect: 201 });
const publish = (call: { id: string; version: number }) =>
  h.json('POST', `/api/t/{t}/calls/${call.id}/publish`, { as: 'manager', body: { version: call.version }, expect: 200 });
const listIds = async (as: string) => (await h.json('GET', '/api/t/{t}/calls', { as, expect: 200 })).items.map((c: { id: string }) => c.id);
const sentAbout = async (userId: string, callId: string) => (await h.outbox(userId)).filter((m) => m.body.includes(`/appels/${callId}`));

beforeAll(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  await h.addMember('manager', ['manager']);
  await h.addMember('coord', ['coordinator']);
  await h.addMember('member', ['member']);
  await h.addMember('admin', ['administrator']);
  for (const k of ['a', 'b', 'c'] as const) org[k] = await newOrg();
  rep.a = await addPerson('rep-a', ['organization'], org.a.id);
  rep.aEn = await addPerson('rep-a-en', ['organization'], org.a.id, { language: 'en' });
  rep.aOff = await addPerson('rep-a-off', ['organization'], org.a.id);
  rep.b = await addPerson('rep-b', ['organization'], org.b.id);
  rep.bOff = await addPerson('rep-b-off', ['organization'], org.b.id);
  rep.c = await addPerson('rep-c', ['organization'], org.c.id);
  rep.gone = await addPerson('rep-a-gone', ['organization'], org.a.id, { status: 'deactivated' });
  // A table member who also represents C: reads every call, answers only those open to C.
  memberOfC = await addPerson('member-c', ['member'], org.c.id);
  for (const who of [rep.aOff, rep.bOff])
    await h.json('PUT', '/api/t/{t}/me/notification-preferences', { as: who, body: { version: null, optOut: ['call-published'] }, expect: 200 });
  envelopeId = (await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 })).id;
});

describe('setting up a call by invitation', () => {
  it('is open to everyone unless said, and an open call invites no one (400, nothing stored)', async () => {
    const open = await draft();
    expect(open).toMatchObject({ access: 'open', invitedOrganizationIds: [], invitations: [] });
    const before = await listIds('manager');
    const res = await h.request('POST', '/api/t/{t}/calls', { as: 'manager', body: callBody({ access: 'open', invitedOrganizationIds: [org.a.id] }) });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toMatchObject({ path: 'invitedOrganizationIds', code: 'invited_on_open_call' });
    const dup = await h.request('POST', '/api/t/{t}/calls', {
      as: 'manager',
      body: callBody({ access: 'invited', invitedOrganizationIds: [org.a.id, org.a.id] }),
    });
    expect(dup.status).toBe(400);
    expect((await listIds('manager')).sort()).toEqual(before.sort());
  });

  it('refuses an unknown organization or one of another tenant (404 naming it), nothing stored nor committed', async () => {
    const other = `${h.tenantId}-other`;
    await h.addMember('manager', ['manager'], null, other);
    const foreign = await h.json('POST', `/api/t/${other}/organizations`, { as: 'manager', body: fixtures.organization('3399999999'), expect: 201 });
    const envBefore = await h.json('GET', `/api/t/{t}/envelopes/${envelopeId}`, { as: 'manager', expect: 200 });
    const before = await listIds('manager');
    for (const bad of ['org-inconnu', foreign.id]) {
      const res = await h.request('POST', '/api/t/{t}/calls', {
        as: 'manager',
        body: callBody({ access: 'invited', invitedOrganizationIds: [org.a.id, bad] }),
      });
      expect(res.status).toBe(404);
      expect((await res.json()).detail).toContain(bad);
    }
    // A draft's list is checked the same way.
    const d = await draft({ access: 'invited', invitedOrganizationIds: [org.a.id] });
    const put = await h.request('PUT', `/api/t/{t}/calls/${d.id}`, {
      as: 'manager',
      body: { ...callBody({ access: 'invited', invitedOrganizationIds: [org.a.id, 'org-inconnu'] }), version: d.version },
    });
    expect(put.status).toBe(404);
    expect((await put.json()).detail).toContain('org-inconnu');
    const still = await h.json('GET', `/api/t/{t}/calls/${d.id}`, { as: 'manager', expect: 200 });
    expect(still).toMatchObject({ version: d.version, invitedOrganizationIds: [org.a.id] });
    expect((await listIds('manager')).sort()).toEqual([d.id, ...before].sort());
    const envAfter = await h.json('GET', `/api/t/{t}/envelopes/${envelopeId}`, { as: 'manager', expect: 200 });
    expect(envAfter.committed).toBe(envBefore.committed + 100_000);
  });

  it('edits a draft’s list, recording each change; publication needs at least one organization (422)', async () => {
    const d = await draft({ access: 'invited', invitedOrganizationIds: [org.a.id] });
    expect(d.invitations).toEqual([{ at: h.clock.now.toISOString(), by: 'manager', added: [org.a.id], removed: [] }]);
    const emptied = await h.json('PUT', `/api/t/{t}/calls/${d.id}`, {
      as: 'manager',
      body: { ...callBody({ access: 'invited', invitedOrganizationIds: [] }), version: d.version },
      expect: 200,
    });
    expect(emptied.invitations.at(-1)).toMatchObject({ added: [], removed: [org.a.id] });
    const res = await h.request('POST', `/api/t/{t}/calls/${d.id}/publish`, { as: 'manager', body: { version: emptied.version } });
    expect(res.status).toBe(422);
    const problem = await res.json();
    expect(problem.field).toBe('invitedOrganizationIds');
    expect(problem.detail).toContain('au moins un organisme');
    expect((await h.json('GET', `/api/t/{t}/calls/${d.id}`, { as: 'manager', expect: 200 })).status).toBe('draft');
  });
});

describe('a published call by invitation', () => {
  let call: { id: string; version: number };

  beforeAll(async () => {
    const d = await draft({ title: 'Appel sur invitation — halte-garderie et répit', access: 'invited', invitedOrganizationIds: [org.a.id] });
    call = await publish(d);
  });

  it('tells the invited organization’s representatives, in their language, unless turned off; no one else', async () => {
    const [fr] = await sentAbout(rep.a, call.id);
    expect(fr).toMatchObject({ kind: 'call-published', lang: 'fr', subject: 'Nouvel appel de projets : Appel sur invitation — halte-garderie et répit' });
    expect((await sentAbout(rep.aEn, call.id))[0]).toMatchObject({
      lang: 'en',
      subject: 'New call for projects: Appel sur invitation — halte-garderie et répit',
    });
    for (const none of [rep.aOff, rep.gone, rep.b, rep.bOff, rep.c, memberOfC]) expect(await sentAbout(none, call.id)).toEqual([]);
  });

  it('does not exist for an uninvited organization: 404 on every route, absent from the list', async () => {
    expect((await h.request('GET', `/api/t/{t}/calls/${call.id}`, { as: rep.c })).status).toBe(404);
    expect(await listIds(rep.c)).not.toContain(call.id);
    for (const path of ['summary', 'grid', 'revision', 'pb-vote']) {
      const res = await h.request('GET', `/api/t/{t}/calls/${call.id}/${path}`, { as: rep.c });
      expect(res.status, path).toBe(404);
    }
    const start = await h.request('POST', `/api/t/{t}/calls/${call.id}/proposals`, { as: rep.c, body: { draft: {} } });
    expect(start.status).toBe(404);
    expect(JSON.stringify(await start.json())).not.toContain('halte-garderie');
    expect((await h.json('GET', '/api/t/{t}/my/proposals', { as: rep.c, expect: 200 })).items).toEqual([]);
  });

  it('is read by the invited organization, which sees only itself on the list, and answers it', async () => {
    const seen = await h.json('GET', `/api/t/{t}/calls/${call.id}`, { as: rep.a, expect: 200 });
    expect(seen).toMatchObject({ access: 'invited', invitedOrganizationIds: [org.a.id], invitations: [] });
    expect(await listIds(rep.a)).toContain(call.id);
    const p = await h.json('POST', `/api/t/{t}/calls/${call.id}/proposals`, { as: rep.a, body: { draft: { title: 'Halte' } }, expect: 201 });
    const saved = await h.json('PUT', `/api/t/{t}/calls/${call.id}/proposals/${p.id}/draft`, {
      as: rep.a,
      body: { version: p.version, draft: { title: 'Halte-répit' } },
      expect: 200,
    });
    const sent = await h.json('POST', `/api/t/{t}/calls/${call.id}/proposals/${p.id}/submit`, {
      as: rep.a,
      body: { version: saved.version, content },
      expect: 200,
    });
    expect(sent.status).toBe('submitted');
  });

  it('is read whole by staff: managers, coordinators and table members', async () => {
    for (const who of ['manager', 'coord', 'member', memberOfC]) {
      const seen = await h.json('GET', `/api/t/{t}/calls/${call.id}`, { as: who, expect: 200 });
      expect(seen.invitedOrganizationIds, who).toEqual(expect.arrayContaining([org.a.id]));
      expect(seen.invitations.length, who).toBeGreaterThan(0);
      expect(await listIds(who)).toContain(call.id);
    }
    const summary = await h.json('GET', `/api/t/{t}/calls/${call.id}/summary`, { as: 'coord', expect: 200 });
    expect(summary.totalRequested).toBe(content.requested);
  });

  it('is not answered by a table member acting for an uninvited organization (404), though she reads it', async () => {
    const res = await h.request('POST', `/api/t/{t}/calls/${call.id}/proposals`, { as: memberOfC, body: { draft: {} } });
    expect(res.status).toBe(404);
    expect((await h.json('GET', '/api/t/{t}/my/proposals', { as: memberOfC, expect: 200 })).items).toEqual([]);
  });

  it('refuses, in the transaction itself, a draft saved for an organization the call does not invite', async () => {
    // What the routes check first, DynamoDB checks again at write time: a proposal of C on this call
    // (as if C had slipped in between the read and the write) is refused by the call's ConditionCheck.
    const now = h.clock.now;
    const forged = {
      id: `p-${newId()}`,
      callId: call.id,
      organizationId: org.c.id,
      organizationName: org.c.legalName,
      status: 'draft' as const,
      draft: {},
      content: null,
      submittedVersions: 0,
      submittedAt: null,
      withdrawnAt: null,
      screening: null,
      version: 1,
      createdAt: now.toISOString(),
      createdBy: rep.c,
      updatedAt: now.toISOString(),
      updatedBy: rep.c,
    };
    await putNew(
      h.db,
      { ...keys.proposal(h.tenantId, call.id, forged.id), ...keys.proposalIndex(h.tenantId, call.id, forged.id, org.c.id) },
      'Proposal',
      forged,
      () => new AlreadyExistsError({ fr: '', en: '' }),
    );
    await expect(replaceProposalWhileOpen(h.db, h.tenantId, { ...forged, draft: { title: 'Intrus' } }, 1, now)).rejects.toBeInstanceOf(NotFoundError);
    // And the route, for C's representative, answers 404 before that.
    const res = await h.request('PUT', `/api/t/{t}/calls/${call.id}/proposals/${forged.id}/draft`, {
      as: rep.c,
      body: { version: 1, draft: { title: 'Intrus' } },
    });
    expect(res.status).toBe(404);
    const submit = await h.request('POST', `/api/t/{t}/calls/${call.id}/proposals/${forged.id}/submit`, {
      as: rep.c,
      body: { version: 1, content },
    });
    expect(submit.status).toBe(404);
  });
});

describe('inviting more organizations', () => {
  let call: { id: string; version: number; closesAt: string };
  const invite = (organizationIds: string[], version: number, as = 'manager') =>
    h.request('POST', `/api/t/{t}/calls/${call.id}/invitations`, { as, body: { version, organizationIds } });

  beforeAll(async () => {
    call = await publish(await draft({ title: 'Appel répit', access: 'invited', invitedOrganizationIds: [org.a.id] }));
  });

  it('adds an organization while the call is open: recorded, told, and it may answer; the first one keeps its proposal', async () => {
    const p = await h.json('POST', `/api/t/{t}/calls/${call.id}/proposals`, { as: rep.a, body: { draft: {} }, expect: 201 });
    const res = await invite([org.b.id], call.version);
    expect(res.status).toBe(200);
    const saved = await res.json();
    expect(saved.version).toBe(call.version + 1);
    expect(saved.invitedOrganizationIds).toEqual([org.a.id, org.b.id]);
    expect(saved.invitations.at(-1)).toEqual({ at: h.clock.now.toISOString(), by: 'manager', added: [org.b.id], removed: [] });
    call = saved;
    // Only the organization added is told; the one who turned it off is not; A is not told twice.
    expect(await sentAbout(rep.b, call.id)).toHaveLength(1);
    expect(await sentAbout(rep.bOff, call.id)).toEqual([]);
    expect(await sentAbout(rep.a, call.id)).toHaveLength(1);
    expect(await sentAbout(rep.c, call.id)).toEqual([]);
    expect(await listIds(rep.b)).toContain(call.id);
    await h.json('POST', `/api/t/{t}/calls/${call.id}/proposals`, { as: rep.b, body: { draft: {} }, expect: 201 });
    // A published call's list only grows: A, invited before, still answers with its proposal.
    await h.json('POST', `/api/t/{t}/calls/${call.id}/proposals/${p.id}/submit`, {
      as: rep.a,
      body: { version: p.version, content },
      expect: 200,
    });
    // And nobody narrows it by editing the published call.
    const put = await h.request('PUT', `/api/t/{t}/calls/${call.id}`, {
      as: 'manager',
      body: { ...callBody({ title: 'Appel répit', access: 'invited', invitedOrganizationIds: [org.b.id] }), version: call.version },
    });
    expect(put.status).toBe(409);
  });

  it('refuses an organization already invited (409 naming it), an unknown one (404 naming it), a stale version: nothing stored', async () => {
    const dup = await invite([org.c.id, org.a.id], call.version);
    expect(dup.status).toBe(409);
    const problem = await dup.json();
    expect(problem.type).toContain('already-exists');
    expect(problem.detail).toContain(org.a.legalName);
    const unknown = await invite(['org-fantome'], call.version);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).detail).toContain('org-fantome');
    // Another tenant's organization, its id taken from there: as unknown here (404), and a forged call id misses.
    const other = `${h.tenantId}-elsewhere`;
    await h.addMember('manager', ['manager'], null, other);
    const foreign = await h.json('POST', `/api/t/${other}/organizations`, { as: 'manager', body: fixtures.organization('3388888888'), expect: 201 });
    const foreignInvite = await invite([foreign.id], call.version);
    expect(foreignInvite.status).toBe(404);
    expect((await foreignInvite.json()).detail).toContain(foreign.id);
    expect(
      (await h.request('POST', `/api/t/{t}/calls/${call.id}%23X/invitations`, { as: 'manager', body: { version: call.version, organizationIds: [org.c.id] } }))
        .status,
    ).toBe(404);
    const stale = await invite([org.c.id], call.version - 1);
    expect(stale.status).toBe(409);
    expect((await stale.json()).type).toContain('version-conflict');
    const dupInBody = await invite([org.c.id, org.c.id], call.version);
    expect(dupInBody.status).toBe(400);
    const now = await h.json('GET', `/api/t/{t}/calls/${call.id}`, { as: 'manager', expect: 200 });
    expect(now).toMatchObject({ version: call.version, invitedOrganizationIds: [org.a.id, org.b.id] });
    expect(await sentAbout(rep.c, call.id)).toEqual([]);
  });

  it('refuses inviting to a call open to everyone (409)', async () => {
    const open = await publish(await draft({ title: 'Appel ouvert' }));
    const res = await h.request('POST', `/api/t/{t}/calls/${open.id}/invitations`, {
      as: 'manager',
      body: { version: open.version, organizationIds: [org.c.id] },
    });
    expect(res.status).toBe(409);
    expect((await res.json()).type).toContain('invalid-state');
  });

  it('route × role: only call:write invites; an uninvited organization gets 404, another tenant’s manager 404', async () => {
    const expected: [string, number][] = [
      ['admin', 403],
      ['coord', 403],
      ['member', 403],
      [rep.a, 403],
      [rep.c, 404],
    ];
    for (const [who, status] of expected) expect((await invite([org.c.id], call.version, who)).status, who).toBe(status);
    const other = `${h.tenantId}-other`;
    await h.addMember('boss', ['manager'], null, other);
    const res = await h.request('POST', `/api/t/${other}/calls/${call.id}/invitations`, {
      as: 'boss',
      body: { version: call.version, organizationIds: [org.c.id] },
    });
    expect(res.status).toBe(404);
    expect((await h.json('GET', `/api/t/{t}/calls/${call.id}`, { as: 'manager', expect: 200 })).version).toBe(call.version);
  });

  it('refuses once the call has closed (409 naming the closing time), by the server’s clock', async () => {
    const saved = h.clock.now;
    h.clock.now = new Date(Date.parse(call.closesAt) + 1000);
    try {
      const res = await invite([org.c.id], call.version);
      expect(res.status).toBe(409);
      const problem = await res.json();
      expect(problem.type).toContain('invalid-state');
      expect(problem.closesAt).toBe(call.closesAt);
      expect(problem.detail).toContain('2027-01-15');
    } finally {
      h.clock.now = saved;
    }
    expect((await h.json('GET', `/api/t/{t}/calls/${call.id}`, { as: 'manager', expect: 200 })).invitedOrganizationIds).toEqual([org.a.id, org.b.id]);
  });

  it('on a draft, adds without telling anyone; they hear of it at publication', async () => {
    const d = await draft({ title: 'Appel brouillon', access: 'invited', invitedOrganizationIds: [org.a.id] });
    const res = await h.request('POST', `/api/t/{t}/calls/${d.id}/invitations`, { as: 'manager', body: { version: d.version, organizationIds: [org.c.id] } });
    expect(res.status).toBe(200);
    expect(await sentAbout(rep.c, d.id)).toEqual([]);
    await publish(await res.json());
    expect(await sentAbout(rep.c, d.id)).toHaveLength(1);
    expect(await sentAbout(rep.a, d.id)).toHaveLength(1);
    expect(await sentAbout(rep.b, d.id)).toEqual([]);
  });
});

describe('a call open to everyone', () => {
  it('tells every organization representative of the tenant (opt-out and deactivated aside), and none of the staff', async () => {
    const call = await publish(await draft({ title: 'Appel ouvert à tous' }));
    for (const who of [rep.a, rep.aEn, rep.b, rep.c]) expect(await sentAbout(who, call.id), who).toHaveLength(1);
    for (const who of [rep.aOff, rep.bOff, rep.gone, 'manager', 'coord', 'member', memberOfC]) expect(await sentAbout(who, call.id), who).toEqual([]);
  });

  it('stored before invitations existed, is read as open and answered by anyone', async () => {
    const call = await publish(await draft({ title: 'Appel ancien' }));
    await h.db.client.send(
      new UpdateItemCommand({
        TableName: h.db.table,
        Key: marshall(keys.call(h.tenantId, call.id)),
        UpdateExpression: 'REMOVE #access, invitedOrganizationIds, invitations',
        ExpressionAttributeNames: { '#access': 'access' },
      }),
    );
    const seen = await h.json('GET', `/api/t/{t}/calls/${call.id}`, { as: rep.c, expect: 200 });
    expect(seen).toMatchObject({ access: 'open', invitedOrganizationIds: [], invitations: [] });
    const p = await h.json('POST', `/api/t/{t}/calls/${call.id}/proposals`, { as: rep.c, body: { draft: {} }, expect: 201 });
    await h.json('PUT', `/api/t/{t}/calls/${call.id}/proposals/${p.id}/draft`, { as: rep.c, body: { version: p.version, draft: { title: 'x' } }, expect: 200 });
  });
});
