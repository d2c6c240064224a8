/**
 * A call's history (audit trail) against DynamoDB Local: each state change
 * of a call writes exactly one event of its kind, with who made it and the
 * values before and after, in the same transaction as the change; a change
 * refused (stale version, closed window) writes none; a transaction that
 * fails leaves neither the change nor its event. Managers read any call's
 * history, a coordinator only a call of a table they coordinate (or one
 * without a table); members and organizations never. The CSV opens in
 * Excel in French.
 */
import {
  DynamoDBClient,
  GetItemCommand,
  InternalServerError,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, inject } from 'vitest';
import { getItem } from '../../functions/lib/db';
import { listCallEvents } from '../../functions/lib/call-history';
import { keys } from '../../functions/lib/keys';
import type { CallEvent } from '../../shared/call-history';
import type { StoredCall } from '../../shared/domain';
import { scoreAndClose, setupFitting, type FittingSetup } from '../support/allocation-setup';
import { createHarness, fixtures, setupCall, type Harness } from '../support/harness';

let h: Harness;

const history = (callId: string) => listCallEvents(h.db, h.tenantId, callId);
const ofKind = (events: CallEvent[], kind: CallEvent['kind']) => events.filter((e) => e.kind === kind);

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
});

describe('the call’s own changes', () => {
  it('publication, extension and invitations each write one event, with who and the values before and after', async () => {
    const { call, env, org } = await setupCall(h, { amountAvailable: 3_000_000 }); // 2 000 $ left on the envelope
    let events = await history(call.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'call-published',
      callId: call.id,
      by: 'manager',
      byName: 'manager',
      at: '2026-11-23T15:00:00.000Z',
      before: { status: 'draft' },
      after: { status: 'published', closesAt: '2027-01-15T22:00:00.000Z', amountAvailable: 3_000_000, access: 'open' },
    });

    const extended = await h.json('POST', `/api/t/{t}/calls/${call.id}/extension`, {
      as: 'manager',
      body: { version: call.version, closesAt: '2027-01-22T22:00:00.000Z', reason: 'Tempête' },
      expect: 200,
    });
    events = await history(call.id);
    expect(events.map((e) => e.kind)).toEqual(['call-published', 'call-extended']);
    expect(events[1]).toMatchObject({
      by: 'manager',
      before: { closesAt: '2027-01-15T22:00:00.000Z' },
      after: { closesAt: '2027-01-22T22:00:00.000Z', reason: 'Tempête' },
    });

    // A stale version is refused and writes nothing.
    const stale = await h.request('POST', `/api/t/{t}/calls/${call.id}/extension`, {
      as: 'manager',
      body: { version: call.version, closesAt: '2027-01-29T22:00:00.000Z', reason: 'Encore' },
    });
    expect(stale.status).toBe(409);
    expect(await history(call.id)).toHaveLength(2);

    // A call by invitation: inviting one more organization is one event naming it.
    const org2 = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('2222222222'), expect: 201 });
    const draft = await h.json('POST', '/api/t/{t}/calls', {
      as: 'manager',
      body: fixtures.call(env.id, { access: 'invited', invitedOrganizationIds: [org.id], amountAvailable: 100_000, maxRequest: 100_000 }),
      expect: 201,
    });
    const invited = await h.json('POST', `/api/t/{t}/calls/${draft.id}/invitations`, {
      as: 'manager',
      body: { version: draft.version, organizationIds: [org2.id] },
      expect: 200,
    });
    expect(await history(draft.id)).toEqual([
      expect.objectContaining({ kind: 'call-invitations-changed', before: { invited: 1 }, after: { invited: 2, added: 'Organisme 2222222222' } }),
    ]);
    expect(invited.version).toBe(draft.version + 1);
    expect(extended.version).toBe(call.version + 1);
  });

  it('a change refused by its window writes no event: extending a closed call', async () => {
    const { call } = await setupCall(h);
    h.clock.now = new Date('2027-01-16T12:00:00Z');
    const late = await h.request('POST', `/api/t/{t}/calls/${call.id}/extension`, {
      as: 'manager',
      body: { version: call.version, closesAt: '2027-01-29T22:00:00.000Z', reason: 'Trop tard' },
    });
    expect(late.status).toBe(409);
    expect((await history(call.id)).map((e) => e.kind)).toEqual(['call-published']);
  });
});

describe('screening, scoring, scenarios, the revision round and the approval vote', () => {
  let s: FittingSetup;
  beforeEach(async () => {
    s = await setupFitting(h);
  });

  it('each writes one event of its kind; the approval vote’s event holds counts, never a ballot', async () => {
    let events = await history(s.callId);
    const screened = ofKind(events, 'proposal-screened');
    expect(screened).toHaveLength(2);
    expect(screened[0]).toMatchObject({
      by: 'coord',
      subject: 'Halte-répit',
      before: { outcome: null },
      after: { outcome: 'eligible', proposalVersion: 1 },
    });

    // Scoring opened with a grid (locked), then ended.
    await scoreAndClose(h, s);
    events = await history(s.callId);
    expect(ofKind(events, 'grid-locked')).toEqual([
      expect.objectContaining({
        by: 'coord',
        before: { status: 'draft', gridVersion: 1 },
        after: { status: 'open', gridVersion: 1, closesAt: '2027-02-15T22:00:00.000Z', criteria: 1 },
      }),
    ]);
    expect(ofKind(events, 'grid-closed')).toEqual([
      expect.objectContaining({ before: { status: 'open', closesAt: '2027-02-15T22:00:00.000Z' }, after: expect.objectContaining({ status: 'closed' }) }),
    ]);

    const scenario = await h.json('POST', `${s.base}/scenarios`, { as: 'coord', body: { name: 'Vorace', method: 'greedy' }, expect: 201 });
    expect(ofKind(await history(s.callId), 'scenario-computed')).toEqual([
      expect.objectContaining({ subject: 'Vorace', before: null, after: { method: 'greedy', total: scenario.result.total, proposals: 2, funded: 2 } }),
    ]);

    await h.json('POST', `${s.base}/revision`, {
      as: 'coord',
      body: { scenarioId: scenario.id, deadline: '2027-02-01T22:00:00.000Z' },
      expect: 201,
    });
    await h.json('POST', `${s.base}/revision/answers`, { as: 'orgrep', body: { kind: 'accepted', proposalId: s.p1, answerVersion: null }, expect: 200 });
    const round = await h.json('GET', `${s.base}/revision`, { as: 'coord' });
    await h.json('POST', `${s.base}/revision/close`, { as: 'coord', body: { version: round.round.version }, expect: 200 });
    events = await history(s.callId);
    expect(ofKind(events, 'revision-opened')).toEqual([
      expect.objectContaining({ subject: 'Vorace', before: null, after: { status: 'open', deadline: '2027-02-01T22:00:00.000Z', proposals: 2 } }),
    ]);
    expect(ofKind(events, 'revision-closed')).toEqual([
      expect.objectContaining({
        before: { status: 'open', deadline: '2027-02-01T22:00:00.000Z' },
        after: { status: 'closed', accepted: 1, revised: 0, withdrawn: 0, noAnswer: 1 },
      }),
    ]);
    // The revision round's answer by the organization is not a state change of the call.
    expect(events.some((e) => e.by === 'orgrep')).toBe(false);

    await h.json('POST', `${s.base}/pb-vote`, { as: 'coord', body: { closesAt: '2027-02-10T22:00:00.000Z' }, expect: 201 });
    await h.json('PUT', `${s.base}/pb-vote/ballot`, { as: 'm1', body: { version: null, approved: [s.p1, s.p2] }, expect: 200 });
    const vote = await h.json('GET', `${s.base}/pb-vote`, { as: 'coord' });
    await h.json('POST', `${s.base}/pb-vote/close`, { as: 'coord', body: { version: vote.vote.version }, expect: 200 });
    events = await history(s.callId);
    expect(ofKind(events, 'pb-vote-opened')).toEqual([expect.objectContaining({ after: { status: 'open', closesAt: '2027-02-10T22:00:00.000Z' } })]);
    const closed = ofKind(events, 'pb-vote-closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]!.after).toMatchObject({ status: 'closed', ballots: 1, importedBallots: 0 });
    // No ballot's content, nor who cast one, is in the history.
    const text = JSON.stringify(events.filter((e) => e.kind.startsWith('pb-vote')));
    expect(text).not.toContain(s.p1);
    // The voter's id as a value (a random event id may hold the letters m1).
    expect(text).not.toContain('"m1"');

    // Oldest first, each change once.
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort());
    expect(events.map((e) => e.kind)).toEqual([
      'call-published',
      'proposal-screened',
      'proposal-screened',
      'grid-locked',
      'grid-closed',
      'scenario-computed',
      'revision-opened',
      'revision-closed',
      'pb-vote-opened',
      'pb-vote-closed',
    ]);
  });

  it('reopening the grid is one event; opening scoring refused (stale version) writes none', async () => {
    const criteria = [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 10, levels: [], linkedToNeeds: false }];
    const g = (
      await h.json('PUT', `${s.base}/grid`, {
        as: 'coord',
        body: { version: null, criteria, mode: 'individual', rule: 'mean', normalize: false, disagreementThreshold: 15, assignments: null },
        expect: 201,
      })
    ).grid;
    // Building the grid is not a state change of the call.
    expect(ofKind(await history(s.callId), 'grid-locked')).toHaveLength(0);
    const stale = await h.request('POST', `${s.base}/grid/open`, { as: 'coord', body: { version: g.version + 1, closesAt: '2027-02-15T22:00:00.000Z' } });
    expect(stale.status).toBe(409);
    expect(ofKind(await history(s.callId), 'grid-locked')).toHaveLength(0);
    const open = (await h.json('POST', `${s.base}/grid/open`, { as: 'coord', body: { version: g.version, closesAt: '2027-02-15T22:00:00.000Z' }, expect: 200 }))
      .grid;
    await h.json('POST', `${s.base}/grid/reopen`, { as: 'manager', body: { version: open.version, reason: 'Critère ambigu' }, expect: 200 });
    const reopened = ofKind(await history(s.callId), 'grid-reopened');
    expect(reopened).toEqual([
      expect.objectContaining({
        by: 'manager',
        before: { status: 'open', gridVersion: 1 },
        after: { status: 'draft', gridVersion: 2, reason: 'Critère ambigu' },
      }),
    ]);
  });

  it('a screening refused for its stale version writes no event', async () => {
    const p = await h.json('GET', `${s.base}/proposals/${s.p1}`, { as: 'coord' });
    const call = await h.json('GET', s.base, { as: 'coord' });
    const before = ofKind(await history(s.callId), 'proposal-screened').length;
    const res = await h.request('PUT', `${s.base}/proposals/${s.p1}/screening`, {
      as: 'coord',
      body: { version: p.version - 1, results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: false, reason: 'Non' })) },
    });
    expect(res.status).toBe(409);
    expect(ofKind(await history(s.callId), 'proposal-screened')).toHaveLength(before);
  });
});

describe('a transaction that fails', () => {
  let mock: ReturnType<typeof mockClient> | undefined;
  afterEach(() => {
    mock?.restore();
    mock = undefined;
  });

  it('leaves neither the change nor its event; the change and its event were sent in one TransactWriteItems', async () => {
    const { call } = await setupCall(h);
    // A second client to DynamoDB Local, untouched by the mock: the reads and writes the route makes before its
    // transaction go through it; the transaction fails as DynamoDB would on an outage.
    const real = new DynamoDBClient({
      region: 'ca-central-1',
      endpoint: inject('dynamoEndpoint'),
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    mock = mockClient(h.db.client);
    mock.on(GetItemCommand).callsFake((input) => real.send(new GetItemCommand(input)));
    mock.on(QueryCommand).callsFake((input) => real.send(new QueryCommand(input)));
    mock.on(PutItemCommand).callsFake((input) => real.send(new PutItemCommand(input)));
    mock.on(UpdateItemCommand).callsFake((input) => real.send(new UpdateItemCommand(input)));
    mock.on(TransactWriteItemsCommand).rejects(new InternalServerError({ message: 'boom', $metadata: {} }));

    const res = await h.request('POST', `/api/t/{t}/calls/${call.id}/extension`, {
      as: 'manager',
      body: { version: call.version, closesAt: '2027-01-22T22:00:00.000Z', reason: 'Tempête' },
    });
    expect(res.status).toBe(503);
    const sent = mock.commandCalls(TransactWriteItemsCommand);
    expect(sent).toHaveLength(1);
    const items = sent[0]!.args[0].input.TransactItems!;
    expect(items).toHaveLength(2);
    const written = items.map((i) => unmarshall(i.Put!.Item!));
    expect(written[0]).toMatchObject({ entity: 'Call', id: call.id, closesAt: '2027-01-22T22:00:00.000Z' });
    expect(written[1]).toMatchObject({ entity: 'CallEvent', kind: 'call-extended', after: { closesAt: '2027-01-22T22:00:00.000Z' } });
    mock.restore();
    mock = undefined;

    // Neither is stored.
    const stored = await getItem<StoredCall>(h.db, keys.call(h.tenantId, call.id), true);
    expect(stored).toMatchObject({ version: call.version, closesAt: '2027-01-15T22:00:00.000Z' });
    expect((await history(call.id)).map((e) => e.kind)).toEqual(['call-published']);
    real.destroy();
  });
});

describe('reading the history', () => {
  let callId: string;
  let tableCallId: string;
  let otherTableCallId: string;
  beforeEach(async () => {
    const { call, env, org } = await setupCall(h, { amountAvailable: 3_000_000 }); // 2 000 $ left on the envelope
    callId = call.id;
    await h.addMember('coord2', ['coordinator']);
    await h.addMember('m1', ['member']);
    await h.addMember('admin', ['administrator']);
    const table = await h.json('POST', '/api/t/{t}/tables', {
      as: 'manager',
      body: { name: 'Table 1', description: '', coordinatorIds: ['coord'] },
      expect: 201,
    });
    const other = await h.json('POST', '/api/t/{t}/tables', {
      as: 'manager',
      body: { name: 'Table 2', description: '', coordinatorIds: ['coord2'] },
      expect: 201,
    });
    const small = { amountAvailable: 100_000, maxRequest: 100_000 };
    tableCallId = (await h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(env.id, { ...small, tableId: table.id }), expect: 201 })).id;
    otherTableCallId = (await h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(env.id, { ...small, tableId: other.id }), expect: 201 }))
      .id;
    expect(org.id).toBeTruthy();
  });

  const read = (id: string, as: string) => h.request('GET', `/api/t/{t}/calls/${id}/history`, { as });
  const csv = (id: string, as: string, lang = 'fr-CA') => h.request('GET', `/api/t/{t}/calls/${id}/history.csv`, { as, headers: { 'Accept-Language': lang } });

  it('route × role: managers and coordinators read it, members, organizations and administrators do not', async () => {
    const matrix: [string, number][] = [
      ['manager', 200],
      ['coord', 200],
      ['m1', 403],
      ['orgrep', 403],
      ['admin', 403],
    ];
    for (const [as, status] of matrix) {
      expect([as, (await read(callId, as)).status]).toEqual([as, status]);
      expect([as, (await csv(callId, as)).status]).toEqual([as, status]);
    }
    const body = await h.json('GET', `/api/t/{t}/calls/${callId}/history`, { as: 'coord', expect: 200 });
    expect(body.items.map((e: CallEvent) => e.kind)).toEqual(['call-published']);
    expect(body.cursor).toBeNull();
  });

  it('a coordinator reads the history of a call of a table they coordinate, not of another table’s (403); a manager reads every call', async () => {
    expect((await read(tableCallId, 'coord')).status).toBe(200);
    expect((await read(otherTableCallId, 'coord')).status).toBe(403);
    expect((await csv(otherTableCallId, 'coord')).status).toBe(403);
    expect((await read(otherTableCallId, 'coord2')).status).toBe(200);
    expect((await read(tableCallId, 'coord2')).status).toBe(403);
    // A call without a table: any coordinator of the tenant.
    expect((await read(callId, 'coord2')).status).toBe(200);
    for (const id of [callId, tableCallId, otherTableCallId]) expect((await read(id, 'manager')).status).toBe(200);
  });

  it('another tenant’s call, or an unknown one, is not found (404)', async () => {
    await h.addMember('manager', ['manager'], null, 'other-tenant');
    const foreign = await h.request('GET', `/api/t/other-tenant/calls/${callId}/history`, { as: 'manager' });
    expect(foreign.status).toBe(404);
    expect((await h.request('GET', `/api/t/other-tenant/calls/${callId}/history.csv`, { as: 'manager' })).status).toBe(404);
    expect((await read('call-unknown', 'manager')).status).toBe(404);
  });

  it('downloads as CSV for Excel in French: BOM, semicolons, Montreal time, labels in the request’s language', async () => {
    await h.json('POST', `/api/t/{t}/calls/${callId}/extension`, {
      as: 'manager',
      body: { version: 2, closesAt: '2027-01-22T22:00:00.000Z', reason: '=HYPERLINK("x")' },
      expect: 200,
    });
    const res = await csv(callId, 'coord');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="historique-${callId}.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[0]).toBe('Date et heure (heure de Montréal);Événement;Par;Objet;Avant;Après');
    expect(lines[1]).toBe(
      '2026-11-23 10 h 00;Appel publié;manager;;statut : brouillon;"statut : publié ; ouverture : 2026-11-01 7 h 00 ; fermeture : 2027-01-15 17 h 00 ; montant disponible : 30\u00a0000,00\u00a0$ ; accès : ouvert"',
    );
    expect(lines[2]).toBe(
      '2026-11-23 10 h 00;Date limite prolongée;manager;;fermeture : 2027-01-15 17 h 00;"fermeture : 2027-01-22 17 h 00 ; raison : =HYPERLINK(""x"")"',
    );
    const english = (await (await csv(callId, 'manager', 'en-CA')).text()).split('\r\n');
    expect(english[0]).toBe('Date and time (Montreal time);Event;By;Subject;Before;After');
    expect(english[1]).toContain(';Call published;manager;;status: draft;"status: published; opens: 2026-11-01 7:00 a.m.');
  });
});
