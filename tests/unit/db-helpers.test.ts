/**
 * The data layer's helpers for repeated patterns (functions/lib/db.ts): the
 * window check each "still open" write runs behind, with its refusal, and
 * create-or-versioned-update. The client is mocked; what is sent is asserted.
 */
import { DynamoDBClient, TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { newOrVersionedPut, transactInWindow, windowCheck, type WindowCondition } from '../../functions/lib/db';
import { ClosedError, NotFoundError, VersionConflictError } from '../../shared/errors';

const ddb = mockClient(DynamoDBClient);
const db = { client: new DynamoDBClient({ region: 'ca-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 }), table: 'tbl' };
const now = new Date('2026-11-23T15:00:00Z');
const key = { pk: 'T#t1', sk: 'ROUND#r' };
const closed = () => new ClosedError({ fr: 'fermé', en: 'closed' });

describe('windowCheck', () => {
  it('writes each window the repositories check', () => {
    const expression = (w: Omit<WindowCondition, 'key' | 'refusal'>) =>
      windowCheck(db, { key, refusal: closed, ...w }, now).ConditionCheck!.ConditionExpression;
    expect(expression({ status: 'open' })).toBe('#status = :open AND closesAt > :now');
    expect(expression({ status: 'open', closesAt: 'deadline' })).toBe('#status = :open AND deadline > :now');
    expect(expression({ status: 'published', opensAt: 'opensAt' })).toBe('#status = :published AND opensAt <= :now AND closesAt > :now');
    expect(expression({ status: 'published', phase: 'closed' })).toBe('#status = :published AND closesAt <= :now');
    const sheet = windowCheck(db, { key, status: 'open', and: { expression: 'gridVersion = :gv', values: { ':gv': 2 } }, refusal: closed }, now)
      .ConditionCheck!;
    expect(sheet.ConditionExpression).toBe('#status = :open AND closesAt > :now AND gridVersion = :gv');
    expect(sheet.ExpressionAttributeValues).toEqual(marshall({ ':open': 'open', ':now': now.toISOString(), ':gv': 2 }));
    expect(sheet.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
  });
});

describe('transactInWindow', () => {
  beforeEach(() => ddb.reset());
  const cancel = (reasons: { Code: string; Item?: Record<string, unknown> }[]) =>
    new TransactionCanceledException({
      message: 'cancelled',
      $metadata: {},
      CancellationReasons: reasons.map((r) => ({ Code: r.Code, ...(r.Item ? { Item: marshall(r.Item) } : {}) })),
    });
  const put = newOrVersionedPut(db, { pk: 'T#t1', sk: 'BALLOT#u' }, 'Ballot', { version: 1 }, null);
  const conflict = ([b]: { item: Record<string, unknown> | undefined }[]) => new VersionConflictError((b?.item as { version?: number })?.version, b?.item);

  it('runs the check first, then the items', async () => {
    ddb.on(TransactWriteItemsCommand).resolves({});
    await transactInWindow(db, { key, status: 'open', refusal: closed }, now, [put], conflict);
    const items = ddb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems!;
    expect(items.map((i) => Object.keys(i)[0])).toEqual(['ConditionCheck', 'Put']);
  });

  it('answers a refused window with its refusal, from the item found, or not found when it is gone', async () => {
    ddb
      .on(TransactWriteItemsCommand)
      .rejectsOnce(cancel([{ Code: 'ConditionalCheckFailed', Item: { pk: 'x', sk: 'y', status: 'closed' } }, { Code: 'None' }]))
      .rejectsOnce(cancel([{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }]));
    const seen: unknown[] = [];
    const refusal = (found: Record<string, unknown> | undefined) => {
      seen.push(found);
      return closed();
    };
    const window: WindowCondition = { key, status: 'open', refusal, missing: { fr: 'Le tour', en: 'The round' } };
    await expect(transactInWindow(db, window, now, [put], conflict)).rejects.toBeInstanceOf(ClosedError);
    expect(seen).toEqual([{ status: 'closed' }]);
    await expect(transactInWindow(db, window, now, [put], conflict)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('hands the other items’ reasons to onCancel when the window held', async () => {
    ddb.on(TransactWriteItemsCommand).rejectsOnce(cancel([{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Item: { pk: 'x', sk: 'y', version: 4 } }]));
    const error = await transactInWindow(db, { key, status: 'open', refusal: closed }, now, [put], conflict).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect((error as VersionConflictError).extra.currentVersion).toBe(4);
  });
});

describe('newOrVersionedPut', () => {
  it('creates at version 1 when no version is given, else replaces at the given one; both return the item found', () => {
    const created = newOrVersionedPut(db, key, 'Ballot', { version: 7 }, null).Put!;
    expect(created.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(created.Item!.version).toEqual({ N: '1' });
    expect(created.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
    const replaced = newOrVersionedPut(db, key, 'Ballot', { version: 7 }, 3).Put!;
    expect(replaced.ConditionExpression).toBe('version = :v');
    expect(replaced.Item!.version).toEqual({ N: '4' });
    expect(replaced.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
  });
});
