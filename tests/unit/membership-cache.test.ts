/**
 * The verified token's membership is read once per 30 s per user and tenant:
 * on a warm cache the submissions list is one DynamoDB request (its Query).
 * The client is mocked and counts every command sent.
 */
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ALL_ROUTES } from '../../functions/contexts';
import { createApiApp, type Deps } from '../../functions/lib/app';
import { createMembershipCache } from '../../functions/lib/auth';
import type { Membership } from '../../shared/domain';

const ddb = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: 'ca-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
let clock = 0;
const deps: Deps = {
  db: { client, table: 'tbl' },
  verifyToken: async (t) => ({ sub: t, email: undefined, name: undefined }),
  now: () => new Date('2026-11-23T15:00:00Z'),
  newId: () => 'new-id',
  membershipCache: createMembershipCache({ now: () => clock }),
};
const app = createApiApp(deps, ALL_ROUTES);

const membership = (userId: string, tenantId: string, roles: string[]): Membership =>
  ({ tenantId, tenantName: 'T', userId, name: 'U', email: '', roles, organizationId: null }) as Membership;
const row = (id: string) => ({ pk: `T#t1#CALL#call-1`, sk: `PROP#${id}`, row: { id, title: 'P', status: 'submitted' } });
const list = (as: string, tenant = 't1') => app.request(`/api/t/${tenant}/calls/call-1/proposals?limit=50`, { headers: { Authorization: `Bearer ${as}` } });
const sent = () => ddb.calls().length;

beforeEach(() => {
  ddb.reset();
  clock = 0;
  deps.membershipCache?.clear();
  ddb.on(GetItemCommand).callsFake((input) => {
    const { pk, sk } = input.Key as { pk: { S: string }; sk: { S: string } };
    const [, user] = /^USER#(.*)$/.exec(pk.S) ?? [];
    const tenant = sk.S.replace(/^T#/, '');
    if (user === 'manager' && (tenant === 't1' || tenant === 't2')) return { Item: marshall({ pk: pk.S, sk: sk.S, ...membership(user, tenant, ['manager']) }) };
    if (user === 'reader' && tenant === 't1') return { Item: marshall({ pk: pk.S, sk: sk.S, ...membership(user, tenant, ['coordinator']) }) };
    return {};
  });
  ddb.on(QueryCommand).resolves({ Items: [marshall(row('p1')), marshall(row('p2'))] });
});

describe('the membership cache', () => {
  it('makes the submissions list one DynamoDB request on a warm cache: the Query, without the membership or the call', async () => {
    expect((await list('manager')).status).toBe(200);
    expect(sent()).toBe(2);
    ddb.resetHistory();
    const res = await list('manager');
    expect(res.status).toBe(200);
    expect((await res.json()).items.map((r: { id: string }) => r.id)).toEqual(['p1', 'p2']);
    expect(ddb.calls().map((c) => c.args[0].constructor.name)).toEqual(['QueryCommand']);
  });

  it('keys memberships by tenant and user: another user or another tenant is read, not served from the first', async () => {
    await list('manager');
    ddb.resetHistory();
    expect((await list('reader')).status).toBe(200);
    expect(ddb.commandCalls(GetItemCommand)).toHaveLength(1);
    expect((await list('manager', 't2')).status).toBe(200);
    expect(ddb.commandCalls(GetItemCommand)).toHaveLength(2);
    // A user of t1 only is still unknown in t2.
    expect((await list('reader', 't2')).status).toBe(404);
  });

  it('forgets a membership after 30 s: a removed member loses access within that time', async () => {
    await list('reader');
    ddb.on(GetItemCommand).resolves({});
    clock = 29_999;
    expect((await list('reader')).status).toBe(200);
    clock = 30_000;
    expect((await list('reader')).status).toBe(404);
  });

  it('does not keep a refusal: a person added just after a 404 is let in at once', async () => {
    expect((await list('newcomer')).status).toBe(404);
    ddb.on(GetItemCommand).resolves({ Item: marshall({ pk: 'USER#newcomer', sk: 'T#t1', ...membership('newcomer', 't1', ['coordinator']) }) });
    expect((await list('newcomer')).status).toBe(200);
  });

  it('tells an unknown call from an empty list: an empty page reads the call, and answers 404 without it', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const res = await list('manager');
    expect(res.status).toBe(404);
    expect(ddb.commandCalls(GetItemCommand).map((c) => c.args[0].input.Key?.sk)).toContainEqual({ S: 'CALL' });
  });
});

describe('createMembershipCache', () => {
  it('holds at most its bound, dropping the oldest read', () => {
    const cache = createMembershipCache({ max: 2 });
    cache.set('a', 't', membership('a', 't', []));
    cache.set('b', 't', membership('b', 't', []));
    cache.set('c', 't', membership('c', 't', []));
    expect(cache.get('a', 't')).toBeUndefined();
    expect(cache.get('b', 't')?.userId).toBe('b');
    expect(cache.get('c', 't')?.userId).toBe('c');
  });
});
