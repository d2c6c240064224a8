/**
 * Faults DynamoDB Local cannot produce: throttling and service errors. The
 * client is mocked; the whole command sent is asserted, and nothing partial
 * is written because a submission is one transaction.
 */
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  UpdateItemCommand,
  TransactWriteItemsCommand,
  InternalServerError,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApiApp, type Deps } from '../../functions/lib/app';
import { ALL_ROUTES } from '../../functions/contexts';
import { createMembershipCache } from '../../functions/lib/auth';
import { CONFLICT_ATTEMPTS, transact, transactStats } from '../../functions/lib/db';
import { VersionConflictError } from '../../shared/errors';

const ddb = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: 'ca-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
const deps: Deps = {
  db: { client, table: 'tbl' },
  verifyToken: async (t) => ({ sub: t, email: undefined, name: undefined }),
  now: () => new Date('2026-11-23T15:00:00Z'),
  newId: () => 'new-id',
  membershipCache: createMembershipCache(),
};
const app = createApiApp(deps, ALL_ROUTES);
const membership = (roles: string[], organizationId: string | null = null) => ({
  Item: marshall({ pk: 'USER#u', sk: 'T#t1', tenantId: 't1', tenantName: 'T', userId: 'u', name: 'U', email: '', roles, organizationId }),
});

const content = {
  title: 't',
  summary: 's',
  targetPopulation: 'p',
  activities: [{ title: 'a', description: '' }],
  budgetLines: [{ label: 'x', amount: 100_000 }],
  requested: 100_000,
  minimum: 50_000,
  durationYears: 1,
};
const proposal = {
  id: 'prop-1',
  callId: 'call-1',
  organizationId: 'o1',
  organizationName: 'O',
  status: 'draft',
  draft: {},
  content: null,
  submittedVersions: 0,
  submittedAt: null,
  withdrawnAt: null,
  screening: null,
  version: 3,
  createdAt: '',
  createdBy: '',
  updatedAt: '',
  updatedBy: '',
};
const call = {
  id: 'call-1',
  envelopeId: 'env-1',
  title: 'C',
  description: '',
  amountAvailable: 1_000_000,
  maxRequest: 500_000,
  eligibilityCriteria: [],
  opensAt: '2026-11-01T00:00:00.000Z',
  closesAt: '2027-01-01T00:00:00.000Z',
  allowedDurations: [1],
  status: 'published',
  publishedAt: '',
  version: 2,
  createdAt: '',
  createdBy: '',
  updatedAt: '',
  updatedBy: '',
};

beforeEach(() => {
  ddb.reset();
  // Each test answers the membership read with its own roles.
  deps.membershipCache?.clear();
});

describe('DynamoDB faults', () => {
  it('answers a throttled read with a 503 problem and Retry-After', async () => {
    ddb.on(GetItemCommand).resolves(membership(['manager']));
    ddb.on(QueryCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    const res = await app.request('/api/t/t1/envelopes', { headers: { Authorization: 'Bearer u' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    const body = await res.json();
    expect(body.type).toBe('/problems/service-unavailable');
    expect(body.messages.detail.fr).toContain('Rien n’a été enregistré');
  });

  it('writes a submission as one transaction: when it fails, nothing is written', async () => {
    ddb
      .on(GetItemCommand)
      .resolvesOnce(membership(['organization'], 'o1'))
      // The call scope's check that the call exists, then the route's own reads.
      .resolvesOnce({ Item: marshall(call) })
      .resolvesOnce({ Item: marshall(proposal) })
      .resolvesOnce({ Item: marshall(call) });
    ddb.on(TransactWriteItemsCommand).rejects(new InternalServerError({ message: 'boom', $metadata: {} }));
    const res = await app.request('/api/t/t1/calls/call-1/proposals/prop-1/submit', {
      method: 'POST',
      headers: { Authorization: 'Bearer u', 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: 3, content }),
    });
    expect(res.status).toBe(503);
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(0);
    const tx = ddb.commandCalls(TransactWriteItemsCommand);
    expect(tx).toHaveLength(1);
    const items = tx[0]!.args[0].input.TransactItems!;
    expect(items.map((i) => Object.keys(i)[0])).toEqual(['ConditionCheck', 'Put', 'Put']);
    // Open, and open to the submitting organization (a call by invitation must invite it; a call stored before invitations is open).
    expect(items[0]!.ConditionCheck!.ConditionExpression).toBe(
      '#status = :published AND opensAt <= :now AND closesAt > :now AND (attribute_not_exists(access) OR access <> :invitedAccess OR contains(invitedOrganizationIds, :organizationId))',
    );
    expect(items[1]!.Put!.ConditionExpression).toBe('version = :v');
    expect(items[2]!.Put!.ConditionExpression).toBe('attribute_not_exists(pk)');
  });

  it('turns a failed version condition on a single write into a 409 with what was found', async () => {
    ddb
      .on(GetItemCommand)
      .resolvesOnce(membership(['manager']))
      .resolvesOnce({
        Item: marshall({
          id: 'env-1',
          program: 'P',
          title: 'T',
          fiscalYear: 2026,
          programBudget: 100,
          deductions: [],
          communityShareBasisPoints: 1000,
          carryOver: null,
          version: 5,
          createdAt: '',
          createdBy: '',
          updatedAt: '',
          updatedBy: '',
        }),
      });
    ddb.on(UpdateItemCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'no',
        $metadata: {},
        Item: marshall({ id: 'env-1', programBudget: 100, deductions: [], communityShareBasisPoints: 1000, committed: 0, version: 6 }),
      }),
    );
    const res = await app.request('/api/t/t1/envelopes/env-1', {
      method: 'PUT',
      headers: { Authorization: 'Bearer u', 'Content-Type': 'application/json' },
      body: JSON.stringify({ program: 'P', title: 'T2', fiscalYear: 2026, programBudget: 100, deductions: [], communityShareBasisPoints: 1000, version: 5 }),
    });
    expect(res.status).toBe(409);
    expect((await res.json()).currentVersion).toBe(6);
  });

  it('never leaks an unexpected error: 500 with a correlation id and no internals', async () => {
    ddb.on(QueryCommand).rejects(new TypeError('secret internal detail'));
    const res = await app.request('/api/me', { headers: { Authorization: 'Bearer u', 'X-Correlation-Id': 'corr-42' } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(text)).toMatchObject({ type: '/problems/internal-error', correlationId: 'corr-42' });
  });
});

describe('transactions colliding on a shared item', () => {
  const conflict = () =>
    new TransactionCanceledException({ message: 'conflict', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] });

  it('are tried again when only a collision stopped them, and succeed, each retry counted', async () => {
    ddb.on(TransactWriteItemsCommand).rejectsOnce(conflict()).rejectsOnce(conflict()).resolves({});
    const before = { ...transactStats };
    const attempts: number[] = [];
    await transact(deps.db, [{ Put: { TableName: 'tbl', Item: marshall({ pk: 'a', sk: 'b' }) } }], () => new VersionConflictError(undefined), {
      onRetry: (n) => attempts.push(n),
    });
    expect(ddb.commandCalls(TransactWriteItemsCommand)).toHaveLength(3);
    expect(attempts).toEqual([1, 2]);
    // bench/ledger reads these counters: two attempts tried again, none given up.
    expect(transactStats.conflictRetries - before.conflictRetries).toBe(2);
    expect(transactStats.conflictFailures - before.conflictFailures).toBe(0);
  });

  it(`give up after ${CONFLICT_ATTEMPTS} collisions (enough for 50 writers on one item) with a 409, never a 500`, async () => {
    ddb.on(TransactWriteItemsCommand).rejects(conflict());
    const before = { ...transactStats };
    await expect(
      transact(deps.db, [{ Put: { TableName: 'tbl', Item: marshall({ pk: 'a', sk: 'b' }) } }], () => new VersionConflictError(undefined)),
    ).rejects.toMatchObject({ status: 409 });
    expect(ddb.commandCalls(TransactWriteItemsCommand)).toHaveLength(CONFLICT_ATTEMPTS);
    expect(transactStats.conflictRetries - before.conflictRetries).toBe(CONFLICT_ATTEMPTS - 1);
    expect(transactStats.conflictFailures - before.conflictFailures).toBe(1);
  }, 20_000);
});
