/**
 * Concertation tables (issue 12): a tenant's tables, their coordinators and
 * members (organization or institution represented, voting or observing);
 * every route's guards (another tenant, another table's coordinator, the
 * route × role matrix), bad input refused with nothing stored, versioned
 * writes; and the voters of needs rounds, scoring and the approval vote
 * taken from the study's or call's table, with the list kept at close.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { putNew } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import { AlreadyExistsError } from '../../shared/errors';
import { createHarness, fixtures, type Harness } from '../support/harness';

let h: Harness;
const elsewhere = () => `${h.tenantId}-elsewhere`;
let orgA: { id: string; legalName: string };
let orgB: { id: string; legalName: string };
let foreignOrg: { id: string };

const neq = (() => {
  let n = 0;
  return () => `5${String(Date.now()).slice(-7)}${String(++n).padStart(2, '0')}`;
})();

async function deactivated(sub: string) {
  await putNew(
    h.db,
    keys.membership(sub, h.tenantId),
    'Membership',
    { tenantId: h.tenantId, tenantName: 'Test', userId: sub, name: sub, email: `${sub}@test`, roles: ['member'], organizationId: null, status: 'deactivated' },
    () => new AlreadyExistsError({ fr: '', en: '' }),
  );
}

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  await h.addMember('admin', ['administrator']);
  await h.addMember('manager', ['manager']);
  await h.addMember('coord', ['coordinator']);
  await h.addMember('coord2', ['coordinator']);
  orgA = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization(neq()), expect: 201 });
  orgB = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization(neq()), expect: 201 });
  await h.addMember('m1', ['member']);
  await h.addMember('m2', ['member'], orgB.id);
  await h.addMember('m3', ['member']);
  await h.addMember('obs', ['member']);
  await h.addMember('orgrep', ['organization'], orgA.id);
  await deactivated('gone');
  await h.addMember('foreign', ['member'], null, elsewhere());
  await h.addMember('manager', ['manager'], null, elsewhere());
  foreignOrg = await h.json('POST', `/api/t/${elsewhere()}/organizations`, { as: 'manager', body: fixtures.organization(neq()), expect: 201 });
});

const newTable = (as = 'manager', body: Record<string, unknown> = {}) =>
  h.request('POST', '/api/t/{t}/tables', { as, body: { name: 'Table PSJP — CLSC 1', description: 'Jeunes parents', coordinatorIds: ['coord'], ...body } });

async function table(body: Record<string, unknown> = {}) {
  const res = await newTable('manager', body);
  expect(res.status).toBe(201);
  return res.json();
}

const addMember = (tableId: string, as: string, body: Record<string, unknown>) => h.request('POST', `/api/t/{t}/tables/${tableId}/members`, { as, body });
const asOrg = (o: { id: string }) => ({ kind: 'organization', organizationId: o.id });
const clsc = { kind: 'institution', name: 'CLSC Thérèse-De Blainville' };

/** A table with m1 (voting, represents orgA), m2 (voting, represents orgB) and obs (observer, the CLSC). */
async function seatedTable() {
  let t = await table();
  for (const [userId, represents, voting] of [
    ['m1', asOrg(orgA), true],
    ['m2', asOrg(orgB), true],
    ['obs', clsc, false],
  ] as const) {
    const res = await addMember(t.id, 'coord', { version: t.version, userId, represents, voting });
    expect(res.status).toBe(200);
    t = await res.json();
  }
  return t;
}

describe('tables: create, read, rename', () => {
  it('a manager creates a table with its coordinator; everyone with tables:read lists and reads it', async () => {
    const t = await table();
    expect(t).toMatchObject({ name: 'Table PSJP — CLSC 1', description: 'Jeunes parents', coordinatorIds: ['coord'], members: [], version: 1 });
    expect(t.coordinators).toEqual([{ userId: 'coord', name: 'coord' }]);
    for (const as of ['admin', 'manager', 'coord', 'coord2', 'm1']) {
      const list = await h.json('GET', '/api/t/{t}/tables', { as, expect: 200 });
      expect(list.items.map((x: { id: string }) => x.id)).toEqual([t.id]);
      expect((await h.json('GET', `/api/t/{t}/tables/${t.id}`, { as, expect: 200 })).name).toBe('Table PSJP — CLSC 1');
    }
  });

  it('renames at the table’s version: a stale edit is 409 and changes nothing', async () => {
    const t = await table();
    const renamed = await h.json('PUT', `/api/t/{t}/tables/${t.id}`, {
      as: 'admin',
      body: { version: 1, name: 'Table PSJP', description: '', coordinatorIds: ['coord', 'coord2'] },
      expect: 200,
    });
    expect(renamed).toMatchObject({ name: 'Table PSJP', coordinatorIds: ['coord', 'coord2'], version: 2 });
    const stale = await h.request('PUT', `/api/t/{t}/tables/${t.id}`, {
      as: 'manager',
      body: { version: 1, name: 'Autre', description: '', coordinatorIds: [] },
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).type).toBe('/problems/version-conflict');
    expect((await h.json('GET', `/api/t/{t}/tables/${t.id}`, { as: 'manager' })).name).toBe('Table PSJP');
  });

  it('refuses a coordinator without the coordinator role (422), an unknown or foreign one (404), a deactivated one (422): nothing stored', async () => {
    const noRole = await newTable('manager', { coordinatorIds: ['m1'] });
    expect(noRole.status).toBe(422);
    const p = await noRole.json();
    expect(p.field).toBe('coordinatorIds.0');
    expect(p.messages.detail.fr).toContain('m1 n’a pas le rôle d’organisateur·trice communautaire');
    expect((await newTable('manager', { coordinatorIds: ['nobody'] })).status).toBe(404);
    expect((await newTable('manager', { coordinatorIds: ['foreign'] })).status).toBe(404);
    expect((await newTable('manager', { coordinatorIds: ['gone'] })).status).toBe(422);
    expect((await newTable('manager', { name: '' })).status).toBe(400);
    expect((await newTable('manager', { coordinatorIds: ['coord', 'coord'] })).status).toBe(400);
    expect((await h.json('GET', '/api/t/{t}/tables', { as: 'manager' })).items).toEqual([]);
    const t = await table();
    const bad = await h.request('PUT', `/api/t/{t}/tables/${t.id}`, {
      as: 'manager',
      body: { version: 1, name: 'X', description: '', coordinatorIds: ['m2'] },
    });
    expect(bad.status).toBe(422);
    expect(await h.json('GET', `/api/t/{t}/tables/${t.id}`, { as: 'manager' })).toMatchObject({ name: 'Table PSJP — CLSC 1', version: 1 });
  });

  it('lists the tenant’s active people as candidates, with their roles; not the deactivated, not another tenant’s', async () => {
    const list = await h.json('GET', '/api/t/{t}/table-candidates', { as: 'coord', expect: 200 });
    const ids = list.items.map((p: { userId: string }) => p.userId);
    expect(ids).toEqual(expect.arrayContaining(['admin', 'coord', 'm1', 'm2', 'obs', 'orgrep']));
    expect(ids).not.toContain('gone');
    expect(ids).not.toContain('foreign');
    expect(list.items.find((p: { userId: string }) => p.userId === 'm2')).toEqual({ userId: 'm2', name: 'm2', roles: ['member'], organizationId: orgB.id });
  });

  it('another tenant’s people get 404 for the table; a forged id is 404', async () => {
    const t = await table();
    await h.addMember('coord', ['coordinator'], null, elsewhere());
    const res = await h.request('GET', `/api/t/${elsewhere()}/tables/${t.id}`, { as: 'manager' });
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).not.toContain('PSJP');
    expect(
      (await h.request('PUT', `/api/t/${elsewhere()}/tables/${t.id}`, { as: 'manager', body: { version: 1, name: 'X', description: '', coordinatorIds: [] } }))
        .status,
    ).toBe(404);
    expect((await addMember(t.id, 'coord', { version: 1, userId: 'm1', represents: clsc, voting: true })).status).toBe(200);
    expect(
      (
        await h.request('POST', `/api/t/${elsewhere()}/tables/${t.id}/members`, {
          as: 'manager',
          body: { version: 2, userId: 'foreign', represents: clsc, voting: true },
        })
      ).status,
    ).toBe(404);
    // Changing or removing a member through another tenant's address misses too; a forged member id is 404.
    expect(
      (await h.request('PUT', `/api/t/${elsewhere()}/tables/${t.id}/members/m1`, { as: 'manager', body: { version: 2, represents: clsc, voting: false } }))
        .status,
    ).toBe(404);
    expect((await h.request('DELETE', `/api/t/${elsewhere()}/tables/${t.id}/members/m1?version=2`, { as: 'manager' })).status).toBe(404);
    expect(
      (await h.request('PUT', `/api/t/{t}/tables/${t.id}/members/m1%23X`, { as: 'manager', body: { version: 2, represents: clsc, voting: false } })).status,
    ).toBe(404);
    expect((await h.request('GET', `/api/t/{t}/tables/${t.id}%23X`, { as: 'manager' })).status).toBe(404);
    expect((await h.request('GET', `/api/t/${elsewhere()}/tables`, { as: 'manager' })).status).toBe(200);
    expect((await h.json('GET', `/api/t/${elsewhere()}/tables`, { as: 'manager' })).items).toEqual([]);
    expect(await h.json('GET', `/api/t/{t}/tables/${t.id}`, { as: 'manager' })).toMatchObject({ version: 2 });
  });
});

describe('tables: members', () => {
  it('the table’s coordinator adds members (organization or institution), switches voting and observer, removes them', async () => {
    let t = await table();
    t = await h.json('POST', `/api/t/{t}/tables/${t.id}/members`, {
      as: 'coord',
      body: { version: 1, userId: 'm1', represents: asOrg(orgA), voting: false },
      expect: 200,
    });
    expect(t.members).toEqual([
      {
        userId: 'm1',
        name: 'm1',
        represents: { kind: 'organization', organizationId: orgA.id, name: orgA.legalName },
        voting: false,
        addedAt: '2026-11-23T15:00:00.000Z',
        addedBy: 'coord',
      },
    ]);
    t = await h.json('PUT', `/api/t/{t}/tables/${t.id}/members/m1`, { as: 'coord', body: { version: t.version, represents: clsc, voting: true }, expect: 200 });
    expect(t.members[0]).toMatchObject({ voting: true, represents: clsc });
    expect(t.version).toBe(3);
    t = await h.json('DELETE', `/api/t/{t}/tables/${t.id}/members/m1?version=3`, { as: 'coord', expect: 200 });
    expect(t).toMatchObject({ members: [], version: 4 });
    // A member no longer (or never) seated: 404.
    expect((await h.request('PUT', `/api/t/{t}/tables/${t.id}/members/m1`, { as: 'coord', body: { version: 4, represents: clsc, voting: true } })).status).toBe(
      404,
    );
    expect((await h.request('DELETE', `/api/t/{t}/tables/${t.id}/members/m1?version=4`, { as: 'coord' })).status).toBe(404);
  });

  it('a coordinator of another table is refused (403); a manager or administrator may manage any table’s members', async () => {
    const t = await table();
    await table({ name: 'Table des aînés', coordinatorIds: ['coord2'] });
    const refused = await addMember(t.id, 'coord2', { version: 1, userId: 'm1', represents: clsc, voting: true });
    expect(refused.status).toBe(403);
    expect((await refused.json()).messages.detail.fr).toContain('Seule la coordination de la table « Table PSJP — CLSC 1 » gère ses membres.');
    expect((await addMember(t.id, 'admin', { version: 1, userId: 'm1', represents: clsc, voting: true })).status).toBe(200);
    expect((await addMember(t.id, 'manager', { version: 2, userId: 'm2', represents: clsc, voting: true })).status).toBe(200);
    expect(
      (await h.request('PUT', `/api/t/{t}/tables/${t.id}/members/m1`, { as: 'coord2', body: { version: 3, represents: clsc, voting: false } })).status,
    ).toBe(403);
    expect((await h.request('DELETE', `/api/t/{t}/tables/${t.id}/members/m1?version=3`, { as: 'coord2' })).status).toBe(403);
    expect(
      (await h.json('GET', `/api/t/{t}/tables/${t.id}`, { as: 'coord' })).members.map((m: { userId: string; voting: boolean }) => [m.userId, m.voting]),
    ).toEqual([
      ['m1', true],
      ['m2', true],
    ]);
  });

  it('refuses bad members with a problem naming the cause, and stores nothing', async () => {
    const t = await table();
    await addMember(t.id, 'coord', { version: 1, userId: 'm1', represents: clsc, voting: true });
    const cases: [Record<string, unknown>, number, string][] = [
      [{ userId: 'nobody', represents: clsc, voting: true }, 404, 'La personne « nobody » est introuvable.'],
      [{ userId: 'foreign', represents: clsc, voting: true }, 404, 'La personne « foreign » est introuvable.'],
      [{ userId: 'gone', represents: clsc, voting: true }, 422, 'gone est désactivé·e'],
      [{ userId: 'm2', represents: asOrg(foreignOrg), voting: true }, 404, 'L’organisme est introuvable.'],
      [{ userId: 'm1', represents: clsc, voting: false }, 409, 'm1 est déjà membre de cette table.'],
      [{ userId: 'orgrep', represents: asOrg(orgA), voting: true }, 422, 'orgrep n’a pas le rôle « Membre de la table »'],
      [{ userId: 'm2', represents: { kind: 'institution', name: '' }, voting: true }, 400, 'represents.name'],
    ];
    for (const [body, status, text] of cases) {
      const res = await addMember(t.id, 'coord', { version: 2, ...body });
      expect({ body, status: res.status }).toEqual({ body, status });
      expect((await res.json()).messages.detail.fr).toContain(text);
    }
    expect(await h.json('GET', `/api/t/{t}/tables/${t.id}`, { as: 'coord' })).toMatchObject({
      version: 2,
      members: [expect.objectContaining({ userId: 'm1' })],
    });
    // An organization's representative may sit as an observer.
    expect((await addMember(t.id, 'coord', { version: 2, userId: 'orgrep', represents: asOrg(orgA), voting: false })).status).toBe(200);
  });

  it('two edits made at the same version: one is stored, the other is 409 and changes nothing', async () => {
    const t = await table();
    const [a, b] = await Promise.all([
      addMember(t.id, 'coord', { version: 1, userId: 'm1', represents: clsc, voting: true }),
      addMember(t.id, 'manager', { version: 1, userId: 'm2', represents: asOrg(orgB), voting: true }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const now = await h.json('GET', `/api/t/{t}/tables/${t.id}`, { as: 'coord' });
    expect(now.version).toBe(2);
    expect(now.members).toHaveLength(1);
    expect((await h.request('DELETE', `/api/t/{t}/tables/${t.id}/members/${now.members[0].userId}?version=1`, { as: 'coord' })).status).toBe(409);
  });

  it('route × role: who may call each route', async () => {
    const t = await table();
    const roles = ['admin', 'manager', 'coord', 'coord2', 'm1', 'orgrep'];
    // coord2 coordinates no table here: holding tables:members is not enough, the table must be theirs.
    const expected: Record<string, Record<string, number>> = {
      'GET /tables': { admin: 200, manager: 200, coord: 200, coord2: 200, m1: 200, orgrep: 403 },
      'GET /table-candidates': { admin: 200, manager: 200, coord: 200, coord2: 200, m1: 403, orgrep: 403 },
      'GET /tables/:id': { admin: 200, manager: 200, coord: 200, coord2: 200, m1: 200, orgrep: 403 },
      'POST /tables': { admin: 201, manager: 201, coord: 403, coord2: 403, m1: 403, orgrep: 403 },
      'PUT /tables/:id': { admin: 200, manager: 200, coord: 403, coord2: 403, m1: 403, orgrep: 403 },
      'POST /members': { admin: 200, manager: 200, coord: 200, coord2: 403, m1: 403, orgrep: 403 },
      'PUT /members/:u': { admin: 200, manager: 200, coord: 200, coord2: 403, m1: 403, orgrep: 403 },
      'DELETE /members/:u': { admin: 200, manager: 200, coord: 200, coord2: 403, m1: 403, orgrep: 403 },
    };
    const seen: Record<string, Record<string, number>> = {};
    for (const as of roles) {
      const current = async () => (await h.json('GET', `/api/t/{t}/tables/${t.id}`, { as: 'manager' })).version as number;
      const record = (route: string, status: number) => {
        seen[route] ??= {};
        seen[route]![as] = status;
      };
      record('GET /tables', (await h.request('GET', '/api/t/{t}/tables', { as })).status);
      record('GET /table-candidates', (await h.request('GET', '/api/t/{t}/table-candidates', { as })).status);
      record('GET /tables/:id', (await h.request('GET', `/api/t/{t}/tables/${t.id}`, { as })).status);
      record('POST /tables', (await newTable(as, { name: `Table ${as}` })).status);
      record(
        'PUT /tables/:id',
        (
          await h.request('PUT', `/api/t/{t}/tables/${t.id}`, {
            as,
            body: { version: await current(), name: `Table ${as}`, description: '', coordinatorIds: ['coord'] },
          })
        ).status,
      );
      record('POST /members', (await addMember(t.id, as, { version: await current(), userId: 'm3', represents: clsc, voting: false })).status);
      // Whoever could not add m3 still meets it seated for the next two routes.
      if (!(await h.json('GET', `/api/t/{t}/tables/${t.id}`, { as: 'manager' })).members.length)
        await addMember(t.id, 'manager', { version: await current(), userId: 'm3', represents: clsc, voting: false });
      record(
        'PUT /members/:u',
        (await h.request('PUT', `/api/t/{t}/tables/${t.id}/members/m3`, { as, body: { version: await current(), represents: clsc, voting: true } })).status,
      );
      record('DELETE /members/:u', (await h.request('DELETE', `/api/t/{t}/tables/${t.id}/members/m3?version=${await current()}`, { as })).status);
      const left = await h.json('GET', `/api/t/{t}/tables/${t.id}`, { as: 'manager' });
      if (left.members.length) await h.request('DELETE', `/api/t/{t}/tables/${t.id}/members/m3?version=${left.version}`, { as: 'manager' });
    }
    expect(seen).toEqual(expected);
  });
});

describe('needs rounds count the study’s table', () => {
  async function studyWithRound(tableId: string | null) {
    const study = await h.json('POST', '/api/t/{t}/studies', { as: 'coord', body: { title: 'Besoins', callId: null, tableId }, expect: 201 });
    expect(study.tableId).toBe(tableId);
    const path = `/api/t/{t}/studies/${study.id}`;
    const needs: { id: string }[] = [];
    for (const statement of ['Transport', 'Halte-garderie'])
      needs.push(await h.json('POST', `${path}/needs`, { as: 'coord', body: { statement, category: 'other', sources: ['workers'], notes: '' }, expect: 201 }));
    const round = await h.json('POST', `${path}/rounds`, {
      as: 'coord',
      body: { title: 'Tour 1', method: 'ranking', pointsBudget: null, approvalMax: null, closesAt: '2026-11-30T22:00:00.000Z' },
      expect: 201,
    });
    const vote = (as: string) =>
      h.request('PUT', `${path}/rounds/${round.id}/ballot`, { as, body: { version: null, ranking: [[needs[0]!.id], [needs[1]!.id]] } });
    return { path, round, vote };
  }

  it('only the table’s voting members vote; an observer and a member of another table are refused with the reason', async () => {
    const t = await seatedTable();
    const other = await table({ name: 'Table des aînés', coordinatorIds: ['coord2'] });
    await addMember(other.id, 'coord2', { version: 1, userId: 'm3', represents: clsc, voting: true });
    const { path, round, vote } = await studyWithRound(t.id);
    expect(round.tableId).toBe(t.id);
    expect((await vote('m1')).status).toBe(200);
    const observer = await vote('obs');
    expect(observer.status).toBe(403);
    expect((await observer.json()).messages.detail.fr).toBe(
      'Vous siégez comme observateur·trice à la table « Table PSJP — CLSC 1 » : vous pouvez tout lire, mais pas voter.',
    );
    const outsider = await vote('m3');
    expect(outsider.status).toBe(403);
    expect((await outsider.json()).messages.detail.fr).toContain('Vous n’êtes pas membre votant de la table « Table PSJP — CLSC 1 »');
    // The observer reads the round.
    expect((await h.json('GET', `${path}/rounds/${round.id}`, { as: 'obs', expect: 200 })).myBallot).toBeNull();
    // Who has not voted: the table's voting members only.
    const followed = await h.json('GET', `${path}/rounds/${round.id}`, { as: 'coord', expect: 200 });
    expect(followed.notVoted).toEqual([{ userId: 'm2', name: 'm2' }]);
  });

  it('keeps the voters at close: a later change of the table rewrites neither the quorum nor who had not voted', async () => {
    const t = await seatedTable();
    const { path, round, vote } = await studyWithRound(t.id);
    expect((await vote('m1')).status).toBe(200);
    const closed = await h.json('POST', `${path}/rounds/${round.id}/close`, { as: 'coord', body: { version: round.version }, expect: 200 });
    expect(closed.result).toMatchObject({ participants: 1, eligibleVoters: 2 });
    expect(closed.voters.map((v: { userId: string }) => v.userId)).toEqual(['m1', 'm2']);
    // The table changes: m2 leaves, m3 joins as a voting member.
    let now = await h.json('DELETE', `/api/t/{t}/tables/${t.id}/members/m2?version=${t.version}`, { as: 'coord', expect: 200 });
    now = await h.json('POST', `/api/t/{t}/tables/${t.id}/members`, {
      as: 'coord',
      body: { version: now.version, userId: 'm3', represents: clsc, voting: true },
      expect: 200,
    });
    const after = await h.json('GET', `${path}/rounds/${round.id}`, { as: 'coord', expect: 200 });
    expect(after.notVoted).toEqual([{ userId: 'm2', name: 'm2' }]);
    expect(after.round.result).toMatchObject({ participants: 1, eligibleVoters: 2 });
    // A new round of the same study counts the table as it is now.
    const second = await h.json('POST', `${path}/rounds`, {
      as: 'coord',
      body: { title: 'Tour 2', method: 'approval', pointsBudget: null, approvalMax: 1, closesAt: '2026-11-30T22:00:00.000Z' },
      expect: 201,
    });
    expect((await h.json('GET', `${path}/rounds/${second.id}`, { as: 'coord' })).notVoted.map((p: { userId: string }) => p.userId)).toEqual(['m1', 'm3']);
  });

  it('a study without a table keeps today’s rule: every active member of the tenant votes', async () => {
    await seatedTable();
    const { path, round, vote } = await studyWithRound(null);
    for (const as of ['m1', 'm3', 'obs']) expect((await vote(as)).status).toBe(200);
    const followed = await h.json('GET', `${path}/rounds/${round.id}`, { as: 'coord' });
    // gone is deactivated: not counted.
    expect(followed.notVoted.map((p: { userId: string }) => p.userId)).toEqual(['m2']);
  });

  it('a study or a call naming a table of another tenant, or none, is 404 and nothing is stored', async () => {
    await h.addMember('coord', ['coordinator'], null, elsewhere());
    const foreignTable = await h.json('POST', `/api/t/${elsewhere()}/tables`, {
      as: 'manager',
      body: { name: 'Ailleurs', description: '', coordinatorIds: ['coord'] },
      expect: 201,
    });
    for (const tableId of [foreignTable.id, 'no-such-table']) {
      expect((await h.request('POST', '/api/t/{t}/studies', { as: 'coord', body: { title: 'X', callId: null, tableId } })).status).toBe(404);
    }
    expect((await h.json('GET', '/api/t/{t}/studies', { as: 'coord' })).items).toEqual([]);
    const env = await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 });
    expect((await h.request('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(env.id, { tableId: foreignTable.id }) })).status).toBe(404);
    expect((await h.json('GET', '/api/t/{t}/calls', { as: 'manager' })).items).toEqual([]);
    // A study's table can be named later, at its version.
    const t = await table();
    const study = await h.json('POST', '/api/t/{t}/studies', { as: 'coord', body: { title: 'X', callId: null }, expect: 201 });
    expect(study.tableId).toBeNull();
    const moved = await h.json('PUT', `/api/t/{t}/studies/${study.id}`, {
      as: 'coord',
      body: { version: 1, title: 'X', status: 'open', tableId: t.id },
      expect: 200,
    });
    expect(moved.tableId).toBe(t.id);
    const kept = await h.json('PUT', `/api/t/{t}/studies/${study.id}`, { as: 'coord', body: { version: 2, title: 'Y', status: 'open' }, expect: 200 });
    expect(kept.tableId).toBe(t.id);
  });
});

describe('scoring and the approval vote count the call’s table', () => {
  const AFTER_CALL = '2027-01-20T15:00:00.000Z';
  let base: string;
  let p1: string;
  let p2: string;
  let t: { id: string; version: number };

  async function submitted(as: string) {
    const d = await h.json('POST', `${base}/proposals`, { as, body: { draft: {} }, expect: 201 });
    const s = await h.json('POST', `${base}/proposals/${d.id}/submit`, { as, body: { version: 1, content: fixtures.content }, expect: 200 });
    const call = await h.json('GET', base, { as: 'coord' });
    await h.json('PUT', `${base}/proposals/${d.id}/screening`, {
      as: 'coord',
      body: { version: s.version, results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })) },
      expect: 200,
    });
    return d.id as string;
  }

  beforeEach(async () => {
    // m1 holds no organization of her own but represents orgA at the table: she is recused from orgA's proposal.
    t = await seatedTable();
    await h.addMember('orgrepb', ['organization'], orgB.id);
    const env = await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 });
    const draft = await h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(env.id, { tableId: t.id }), expect: 201 });
    expect(draft.tableId).toBe(t.id);
    await h.json('POST', `/api/t/{t}/calls/${draft.id}/publish`, { as: 'manager', body: { version: draft.version }, expect: 200 });
    base = `/api/t/{t}/calls/${draft.id}`;
    p1 = await submitted('orgrep');
    p2 = await submitted('orgrepb');
    h.clock.now = new Date(AFTER_CALL);
  });

  it('evaluators are the table’s voting members; recusal follows the organization represented at the table; observers and outsiders cannot score', async () => {
    const criteria = [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 10, levels: [], linkedToNeeds: false }];
    const g = (
      await h.json('PUT', `${base}/grid`, {
        as: 'coord',
        body: { version: null, criteria, mode: 'individual', rule: 'mean', normalize: false, disagreementThreshold: 15, assignments: null },
        expect: 201,
      })
    ).grid;
    const setup = await h.json('GET', `${base}/grid`, { as: 'coord' });
    expect(setup.evaluators.map((e: { userId: string }) => e.userId)).toEqual(['m1', 'm2']);
    const open = (await h.json('POST', `${base}/grid/open`, { as: 'coord', body: { version: g.version, closesAt: '2027-02-15T22:00:00.000Z' }, expect: 200 }))
      .grid;
    const c = open.criteria[0].id;
    const sheet = (as: string, p: string) =>
      h.request('PUT', `${base}/scoring/proposals/${p}/sheet`, { as, body: { version: null, submit: true, scores: { [c]: { value: 7, comment: '' } } } });
    expect((await sheet('m1', p2)).status).toBe(200);
    const recused = await sheet('m1', p1);
    expect(recused.status).toBe(403);
    expect((await recused.json()).messages.detail.fr).toContain('Vous êtes récusé·e pour ce projet');
    // m2 belongs to orgB by her membership: recused from p2 as before.
    expect((await sheet('m2', p2)).status).toBe(403);
    expect((await sheet('m2', p1)).status).toBe(200);
    const observer = await sheet('obs', p2);
    expect(observer.status).toBe(403);
    expect((await observer.json()).messages.detail.fr).toContain(
      'observateur·trice à la table « Table PSJP — CLSC 1 » : vous pouvez tout lire, mais pas évaluer les projets.',
    );
    expect((await sheet('m3', p2)).status).toBe(403);
    const results = await h.json('GET', `${base}/scoring/results`, { as: 'coord', expect: 200 });
    expect(results.evaluators.map((e: { id: string }) => e.id)).toEqual(['m1', 'm2']);
    expect(results.recusals.map((r: { userId: string; proposalId: string; reason: string }) => [r.userId, r.proposalId])).toEqual(
      expect.arrayContaining([
        ['m1', p1],
        ['m2', p2],
      ]),
    );
    // Closing keeps the evaluators: m2 leaving the table afterwards does not rewrite the results.
    const closed = (await h.json('POST', `${base}/grid/close`, { as: 'coord', body: { version: open.version }, expect: 200 })).grid;
    expect(closed.evaluators.map((e: { userId: string }) => e.userId)).toEqual(['m1', 'm2']);
    const current = await h.json('GET', `/api/t/{t}/tables/${t.id}`, { as: 'coord' });
    await h.json('DELETE', `/api/t/{t}/tables/${t.id}/members/m2?version=${current.version}`, { as: 'coord', expect: 200 });
    const later = await h.json('GET', `${base}/scoring/results`, { as: 'coord', expect: 200 });
    expect(later.evaluators.map((e: { id: string }) => e.id)).toEqual(['m1', 'm2']);
  });

  it('the approval vote: voting members only, recusal by the organization represented, voters kept at close', async () => {
    const opened = await h.json('POST', `${base}/pb-vote`, { as: 'coord', body: { closesAt: '2027-02-01T22:00:00.000Z' }, expect: 201 });
    const ballot = (as: string, approved: string[]) => h.request('PUT', `${base}/pb-vote/ballot`, { as, body: { version: null, approved } });
    const recused = await ballot('m1', [p1]);
    expect(recused.status).toBe(403);
    expect((await recused.json()).messages.detail.fr).toContain(`(Représente ${orgA.legalName})`);
    // Her ballot screen locks that proposal, with the reason.
    const mine = await h.json('GET', `${base}/pb-vote`, { as: 'm1', expect: 200 });
    expect(mine.proposals.find((p: { id: string }) => p.id === p1).recusal).toEqual({ reason: `Représente ${orgA.legalName}` });
    expect((await ballot('m1', [p2])).status).toBe(200);
    const observer = await ballot('obs', [p2]);
    expect(observer.status).toBe(403);
    expect((await observer.json()).messages.detail.fr).toContain('observateur·trice');
    expect((await ballot('m3', [p2])).status).toBe(403);
    const followed = await h.json('GET', `${base}/pb-vote`, { as: 'coord' });
    expect(followed.notVoted).toEqual([{ userId: 'm2', name: 'm2' }]);
    const closed = await h.json('POST', `${base}/pb-vote/close`, { as: 'coord', body: { version: opened.version }, expect: 200 });
    expect(closed.voters.map((v: { userId: string }) => v.userId)).toEqual(['m1', 'm2']);
    // m2 leaves and m3 joins: the closed vote still says m2 had not voted, and m3 was not a voter.
    let now = await h.json('GET', `/api/t/{t}/tables/${t.id}`, { as: 'coord' });
    now = await h.json('DELETE', `/api/t/{t}/tables/${t.id}/members/m2?version=${now.version}`, { as: 'coord', expect: 200 });
    await h.json('POST', `/api/t/{t}/tables/${t.id}/members`, {
      as: 'coord',
      body: { version: now.version, userId: 'm3', represents: clsc, voting: true },
      expect: 200,
    });
    const after = await h.json('GET', `${base}/pb-vote`, { as: 'coord' });
    expect(after.notVoted).toEqual([{ userId: 'm2', name: 'm2' }]);
    const results = await h.json('GET', `${base}/pb-vote/results?rule=greedy`, { as: 'coord', expect: 200 });
    expect(results.voters).toBe(1);
  });
});
