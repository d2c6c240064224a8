/**
 * The data layer's shared mechanics: one client, item (un)marshalling,
 * conditional creates, version-conditioned updates (or either, for an item
 * that may not exist yet), writes that hold only while a window is open,
 * cursor pagination, and the translation of DynamoDB failures into domain
 * errors. Repositories in
 * each context build on these and are named after their access patterns.
 */
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  type DynamoDBClientConfig,
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { AppError, type Localized, MalformedRequestError, NotFoundError, ServiceUnavailableError, VersionConflictError } from '../../shared/errors';
import type { Page } from '../../shared/domain';
import { STORAGE_ATTRIBUTES, type IndexName } from './table-schema';

export interface Db {
  client: DynamoDBClient;
  table: string;
}

export function createDynamoClient(opts: {
  region: string;
  endpoint?: string | undefined;
  /** Answers the SDK's HTTP requests in place of the network (the benchmark's canned responses). */
  requestHandler?: DynamoDBClientConfig['requestHandler'];
}): DynamoDBClient {
  const client = new DynamoDBClient({
    region: opts.region,
    ...(opts.endpoint ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    ...(opts.requestHandler ? { requestHandler: opts.requestHandler } : {}),
    maxAttempts: 3,
  });
  // The SDK's logger middleware walks every input and output through its sensitive-data filter
  // (schemaLogFilter) for a logger that, by default, prints nothing: about a sixth of a list request's CPU.
  // Nothing reads the SDK's own logs (translateDbError maps failures, the app's error handler logs the
  // unexpected ones), so the middleware goes.
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}

export interface Keys {
  pk: string;
  sk: string;
  gsi1pk?: string;
  gsi1sk?: string;
  gsi2pk?: string;
  gsi2sk?: string;
}

export function toItem(keys: Keys, entity: string, data: object): Record<string, AttributeValue> {
  return marshall({ ...data, ...keys, entity }, { removeUndefinedValues: true, convertEmptyValues: false });
}

/** Strips the storage attributes from an item, leaving the domain object. */
export function fromItem<T>(item: Record<string, AttributeValue>): T {
  return withoutStorage<T>(unmarshall(item));
}

/** The domain object of an already unmarshalled item. */
export function withoutStorage<T>(data: Record<string, unknown>): T {
  const copy = { ...data };
  for (const k of STORAGE_ATTRIBUTES) delete copy[k];
  return copy as T;
}

const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
]);

/**
 * Maps an SDK failure that is not a domain outcome: overload and outages
 * become 503. A `ValidationException` means a request DynamoDB refuses to
 * read (a key over its size limits, an empty key value): path identifiers are
 * checked before they reach a key (path-ids.ts), so this is a last line that
 * keeps whatever slips through a caller's 400, never a 500 with a stack.
 */
export function translateDbError(error: unknown): never {
  if (error instanceof AppError) throw error;
  if (error instanceof DynamoDBServiceException && error.name === 'ValidationException') {
    console.warn(JSON.stringify({ level: 'warn', message: 'DynamoDB refused a request as invalid', error: error.message }));
    throw new MalformedRequestError({
      fr: 'La requête contient une valeur que le stockage refuse (trop longue ou mal formée).',
      en: 'The request holds a value that storage refuses (too long or malformed).',
    });
  }
  if (error instanceof DynamoDBServiceException && (RETRYABLE.has(error.name) || error.$fault === 'server')) {
    throw new ServiceUnavailableError();
  }
  if (error instanceof Error && ['TimeoutError', 'ECONNREFUSED', 'ECONNRESET'].some((n) => error.name === n || error.message.includes(n))) {
    throw new ServiceUnavailableError();
  }
  throw error;
}

export async function getItem<T>(db: Db, key: Keys, consistent = false): Promise<T | null> {
  try {
    const out = await db.client.send(new GetItemCommand({ TableName: db.table, Key: marshall({ pk: key.pk, sk: key.sk }), ConsistentRead: consistent }));
    return out.Item ? fromItem<T>(out.Item) : null;
  } catch (e) {
    return translateDbError(e);
  }
}

/** Conditional create: fails with `onExists` rather than overwriting an item. */
export async function putNew(db: Db, keys: Keys, entity: string, data: object, onExists: () => AppError): Promise<void> {
  try {
    await db.client.send(
      new PutItemCommand({
        TableName: db.table,
        Item: toItem(keys, entity, data),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) throw onExists();
    translateDbError(e);
  }
}

/**
 * Replaces an item only if its stored version is `expectedVersion`; the new
 * item carries `expectedVersion + 1`. A stale edit gets a VersionConflictError
 * carrying the version and item found.
 */
export async function putVersioned<T extends { version: number }>(db: Db, keys: Keys, entity: string, data: T, expectedVersion: number): Promise<T> {
  try {
    await db.client.send(new PutItemCommand(versionedPut(db, keys, entity, data, expectedVersion).Put!));
    return { ...data, version: expectedVersion + 1 };
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) {
      const found = e.Item ? fromItem<T>(e.Item) : undefined;
      throw new VersionConflictError(found?.version, found);
    }
    return translateDbError(e);
  }
}

/** The item `Put` of a transaction replacing a versioned item. */
export function versionedPut(db: Db, keys: Keys, entity: string, data: { version: number }, expectedVersion: number): TransactWriteItem {
  return {
    Put: {
      TableName: db.table,
      Item: toItem(keys, entity, { ...data, version: expectedVersion + 1 }),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: marshall({ ':v': expectedVersion }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

export function newPut(db: Db, keys: Keys, entity: string, data: object): TransactWriteItem {
  return { Put: { TableName: db.table, Item: toItem(keys, entity, data), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/**
 * The `Put` of a transaction writing a versioned item that may not exist yet:
 * created at version 1 when `expectedVersion` is null (and refused if it
 * exists), else replaced at that version. Either way a refused write returns
 * the item found, for the conflict to carry.
 */
export function newOrVersionedPut(db: Db, keys: Keys, entity: string, data: { version: number }, expectedVersion: number | null): TransactWriteItem {
  if (expectedVersion !== null) return versionedPut(db, keys, entity, data, expectedVersion);
  return { Put: { ...newPut(db, keys, entity, { ...data, version: 1 }).Put!, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } };
}

/** Creates a versioned item at version 1 when `expectedVersion` is null, else replaces it at that version; a collision is a version conflict. */
export async function putNewOrVersioned<T extends { version: number }>(
  db: Db,
  keys: Keys,
  entity: string,
  data: T,
  expectedVersion: number | null,
): Promise<T> {
  if (expectedVersion !== null) return putVersioned(db, keys, entity, data, expectedVersion);
  const first = { ...data, version: 1 };
  await putNew(db, keys, entity, first, () => new VersionConflictError(undefined));
  return first;
}

/**
 * A write that holds only while an item's window allows it, checked by
 * DynamoDB at write time (the deadline is the server's, to the millisecond):
 * a round, a grid, a vote or a revision round still open, a call taking
 * submissions, or a call closed (scoring opens only then).
 */
export interface WindowCondition {
  /** The item whose window is checked. */
  key: Keys;
  /** The status it must have: `open`, `published`. */
  status: string;
  /** `open` (the default): now is before its closing attribute, and not before its opening one when named; `closed`: at or after its closing attribute. */
  phase?: 'open' | 'closed';
  /** The closing attribute's name (`closesAt` unless said); attribute names go into the expression as they are (none is a reserved word). */
  closesAt?: string;
  /** The opening attribute's name, for a window that also has a start. */
  opensAt?: string;
  /** One more condition on the same item, e.g. the grid version a sheet is written for. */
  and?: { expression: string; values: Record<string, unknown> };
  /** The refusal when the condition fails, from the item found (when there is one). */
  refusal: (found: Record<string, unknown> | undefined) => AppError;
  /** What is said not found when the item is gone; without it, `refusal` answers for that case too. */
  missing?: Localized;
}

/** The ConditionCheck of a window, returning the item found when it fails. */
export function windowCheck(db: Db, window: WindowCondition, now: Date): TransactWriteItem {
  const closes = window.closesAt ?? 'closesAt';
  const parts = [`#status = :${window.status}`];
  if (window.phase === 'closed') parts.push(`${closes} <= :now`);
  else {
    if (window.opensAt) parts.push(`${window.opensAt} <= :now`);
    parts.push(`${closes} > :now`);
  }
  if (window.and) parts.push(window.and.expression);
  return {
    ConditionCheck: {
      TableName: db.table,
      Key: marshall({ pk: window.key.pk, sk: window.key.sk }),
      ConditionExpression: parts.join(' AND '),
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: marshall({ [`:${window.status}`]: window.status, ':now': now.toISOString(), ...window.and?.values }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * Runs `items` in one transaction behind the window's check: when the window
 * refuses, its refusal (or "not found" when the item is gone); when another
 * item's condition fails, `onCancel` receives those items' reasons, in order.
 */
export async function transactInWindow(
  db: Db,
  window: WindowCondition,
  now: Date,
  items: TransactWriteItem[],
  onCancel: (reasons: { code: string | undefined; item: Record<string, unknown> | undefined }[]) => AppError,
): Promise<void> {
  await transact(db, [windowCheck(db, window, now), ...items], ([check, ...rest]) => {
    if (check?.code !== 'ConditionalCheckFailed') return onCancel(rest);
    if (!check.item && window.missing) return new NotFoundError(window.missing);
    return window.refusal(check.item);
  });
}

/**
 * Attempts of a transaction that only collided with another one in flight (no condition failed). Many
 * writers on one item (50 payments at once on one envelope's ledger totals, bench/ledger) collide often:
 * each round lets at least one through, and the jittered exponential pauses below spread the others, so
 * this many attempts lets 50 concurrent writers through without a spurious 409.
 */
export const CONFLICT_ATTEMPTS = 25;
/** The first pause after a collision, doubled at each attempt up to the cap (milliseconds); each pause is drawn at random below it (full jitter). */
const BACKOFF_BASE_MS = 8;
const BACKOFF_CAP_MS = 400;

/** The pause before attempt `attempt + 1`: full jitter under an exponential ceiling. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
}

/**
 * What `transact` counted since the process started (read by bench/ledger; nothing else depends on it):
 * the attempts tried again after a TransactionConflict, and the transactions given up after all attempts.
 */
export const transactStats = { conflictRetries: 0, conflictFailures: 0 };

/**
 * Runs a transaction; when a condition fails, `onCancel` receives, per item,
 * the cancellation code and the item found (if asked for), and returns the
 * domain error to throw. A transaction that only collided with another one
 * in flight on a shared item (e.g. many evaluators' writes all checking the
 * same grid, many payments on one envelope) is tried again after a random
 * pause, each retry counted (`transactionRetries`, and `opts.onRetry`).
 */
export async function transact(
  db: Db,
  items: TransactWriteItem[],
  onCancel: (reasons: { code: string | undefined; item: Record<string, unknown> | undefined }[]) => AppError,
  opts: { onRetry?: (attempt: number) => void } = {},
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return;
    } catch (e) {
      if (e instanceof TransactionCanceledException) {
        const reasons = (e.CancellationReasons ?? []).map((r) => ({
          code: r.Code,
          item: r.Item ? fromItem<Record<string, unknown>>(r.Item) : undefined,
        }));
        if (reasons.some((r) => r.code === 'ConditionalCheckFailed')) throw onCancel(reasons);
        if (reasons.some((r) => r.code === 'TransactionConflict')) {
          if (attempt < CONFLICT_ATTEMPTS) {
            transactStats.conflictRetries++;
            opts.onRetry?.(attempt);
            await new Promise((ok) => setTimeout(ok, backoffMs(attempt)));
            continue;
          }
          transactStats.conflictFailures++;
          throw new VersionConflictError(undefined);
        }
        if (reasons.some((r) => r.code === 'ThrottlingError' || r.code === 'ProvisionedThroughputExceeded')) throw new ServiceUnavailableError();
      }
      translateDbError(e);
    }
  }
}

function encodeCursor(key: Record<string, AttributeValue>): string {
  return Buffer.from(JSON.stringify(unmarshall(key))).toString('base64url');
}

/** A cursor is only accepted for the partition it came from: it cannot reach another tenant. */
function decodeCursor(cursor: string, index: IndexName | undefined, partition: string): Record<string, AttributeValue> {
  const invalid = () => new MalformedRequestError({ fr: 'Le curseur de pagination est invalide.', en: 'The pagination cursor is invalid.' });
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof payload !== 'object' || payload === null) throw invalid();
  const p = payload as Record<string, unknown>;
  const names = index ? ['pk', 'sk', `${index}pk`, `${index}sk`] : ['pk', 'sk'];
  if (Object.keys(p).length !== names.length || !names.every((n) => typeof p[n] === 'string')) throw invalid();
  if (p[index ? `${index}pk` : 'pk'] !== partition) throw invalid();
  return marshall(p);
}

export interface QueryPageOptions {
  index?: IndexName;
  partition: string;
  /** Sort-key prefix (begins_with). */
  prefix?: string;
  limit: number;
  cursor?: string | undefined;
  forward?: boolean;
  consistent?: boolean;
  /** Keep the storage attributes (to read a projected `row`). */
  raw?: boolean;
}

/** One page of an item collection, newest or oldest first, with an opaque cursor. */
export async function queryPage<T>(db: Db, opts: QueryPageOptions): Promise<Page<T>> {
  const pkName = opts.index ? `${opts.index}pk` : 'pk';
  const skName = opts.index ? `${opts.index}sk` : 'sk';
  const values: Record<string, string> = { ':pk': opts.partition };
  let condition = `${pkName} = :pk`;
  if (opts.prefix) {
    condition += ` AND begins_with(${skName}, :prefix)`;
    values[':prefix'] = opts.prefix;
  }
  try {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: opts.index,
        KeyConditionExpression: condition,
        ExpressionAttributeValues: marshall(values),
        Limit: opts.limit,
        ScanIndexForward: opts.forward ?? true,
        ConsistentRead: opts.index ? false : (opts.consistent ?? false),
        ExclusiveStartKey: opts.cursor ? decodeCursor(opts.cursor, opts.index, opts.partition) : undefined,
      }),
    );
    return {
      items: (out.Items ?? []).map((i) => (opts.raw ? (unmarshall(i) as T) : fromItem<T>(i))),
      cursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : null,
    };
  } catch (e) {
    return translateDbError(e);
  }
}

/** Every item of a collection, page by page; only for bounded collections. */
export async function queryAll<T>(db: Db, opts: Omit<QueryPageOptions, 'limit' | 'cursor'>, max = 10_000): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage<T>(db, { ...opts, limit: 500, cursor });
    all.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor && all.length < max);
  return all;
}
