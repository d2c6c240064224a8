/**
 * Envelopes: get by id, list a tenant's by fiscal year, create, change the
 * figures at a version, and the commitment item that every change of a
 * call's amount adds to its transaction.
 */
import { ConditionalCheckFailedException, UpdateItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Envelope } from '../../shared/domain';
import { computeEnvelope, ledgerShrinkRefusal, overcommitRefusal, shrinkRefusal } from '../../shared/envelope';
import { AlreadyExistsError, BusinessRuleError, InvalidStateError, NotFoundError, VersionConflictError, type AppError } from '../../shared/errors';
import { fromItem, getItem, putNew, queryPage, translateDbError, type Db } from '../lib/db';
import { keys } from '../lib/keys';

type StoredEnvelope = Omit<Envelope, 'computation'>;

/** What a manager sets: everything but the commitment, which only calls change, and the ledger, which only agreements and payments change. */
export type EnvelopeFiguresInput = Omit<StoredEnvelope, 'committed' | 'remaining' | LedgerField>;

/** Fields only the ledger's transactions write (functions/envelopes/ledger.ts): a figures update never sets them. */
const LEDGER_FIELDS = ['ledgerCommitted', 'ledgerPaid', 'ledgerRemaining', 'carriedIn', 'carriedOut'] as const;
type LedgerField = (typeof LEDGER_FIELDS)[number];

const ENTITY = 'Envelope';

function envelopeKeys(tenantId: string, e: Pick<StoredEnvelope, 'id' | 'fiscalYear'>) {
  return { ...keys.envelope(tenantId, e.id), ...keys.envelopeIndex(tenantId, e.id, e.fiscalYear) };
}

/** The arithmetic is derived on every read, never stored: one source of truth. */
function withComputation(e: StoredEnvelope): Envelope {
  return { ...e, computation: computeEnvelope(e) };
}

const notFound = () => new NotFoundError({ fr: 'L’enveloppe', en: 'The envelope' });

export async function getEnvelopeById(db: Db, tenantId: string, id: string): Promise<Envelope> {
  const found = await getItem<StoredEnvelope>(db, keys.envelope(tenantId, id));
  if (!found) throw notFound();
  return withComputation(found);
}

export async function listEnvelopesOfTenant(db: Db, tenantId: string, page: { cursor?: string | undefined; limit?: number | undefined }) {
  const result = await queryPage<StoredEnvelope>(db, {
    index: 'gsi1',
    partition: keys.envelopesOfTenant(tenantId),
    limit: page.limit ?? 50,
    cursor: page.cursor,
    forward: false,
  });
  return { items: result.items.map(withComputation), cursor: result.cursor };
}

/** A tenant's envelopes of one fiscal year (every program): a carry-over's destinations. */
export async function listEnvelopesOfYear(db: Db, tenantId: string, fiscalYear: number): Promise<Envelope[]> {
  const result = await queryPage<StoredEnvelope>(db, { index: 'gsi1', partition: keys.envelopesOfTenant(tenantId), prefix: `FY#${fiscalYear}#`, limit: 100 });
  return result.items.map(withComputation);
}

/** A new envelope commits nothing yet: all of its amount available remains. */
export async function createEnvelope(db: Db, tenantId: string, envelope: EnvelopeFiguresInput): Promise<Envelope> {
  const available = computeEnvelope(envelope).available;
  const stored: StoredEnvelope = { ...envelope, committed: 0, remaining: available, ledgerCommitted: 0, ledgerPaid: 0, ledgerRemaining: available };
  await putNew(
    db,
    envelopeKeys(tenantId, stored),
    ENTITY,
    stored,
    () => new AlreadyExistsError({ fr: 'Une enveloppe porte déjà cet identifiant.', en: 'An envelope already has this id.' }),
  );
  return withComputation(stored);
}

/**
 * Changes an envelope's figures at `expectedVersion` in one conditional
 * update that leaves `committed` as stored (calls change it, not this form)
 * and recomputes `remaining` from it: the condition `committed <= :available`
 * refuses, at write time, an amount available below what the calls promise,
 * even if a call was created since the form was read.
 */
export async function updateEnvelopeFigures(
  db: Db,
  tenantId: string,
  envelope: EnvelopeFiguresInput & Partial<Pick<StoredEnvelope, LedgerField>>,
  expectedVersion: number,
): Promise<Envelope> {
  // The carry-overs the ledger recorded count in the amount available; they change the version, so the
  // version condition below guarantees the ones read with the form are still the stored ones.
  const available = computeEnvelope(envelope).available;
  const { id: _id, version: _version, ...fields } = envelope;
  const names: Record<string, string> = {
    '#committed': 'committed',
    '#remaining': 'remaining',
    '#version': 'version',
    '#lc': 'ledgerCommitted',
    '#lr': 'ledgerRemaining',
  };
  const values: Record<string, unknown> = { ':available': available, ':expected': expectedVersion, ':next': expectedVersion + 1, ':zero': 0 };
  const sets = Object.entries(fields)
    .filter(([k, v]) => v !== undefined && !(LEDGER_FIELDS as readonly string[]).includes(k))
    .map(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:f${i}`] = v;
      return `#f${i} = :f${i}`;
    });
  try {
    const out = await db.client.send(
      new UpdateItemCommand({
        TableName: db.table,
        Key: marshall(keys.envelope(tenantId, envelope.id)),
        UpdateExpression: `SET ${[...sets, '#version = :next', '#remaining = :available - #committed', '#lr = :available - if_not_exists(#lc, :zero)'].join(', ')}`,
        ConditionExpression: '#version = :expected AND #committed <= :available AND (attribute_not_exists(#lc) OR #lc <= :available)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: marshall(values, { removeUndefinedValues: true, convertEmptyValues: false }),
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return withComputation(fromItem<StoredEnvelope>(out.Attributes!));
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) {
      if (!e.Item) throw notFound();
      const found = withComputation(fromItem<StoredEnvelope>(e.Item));
      if (found.version !== expectedVersion) throw new VersionConflictError(found.version, found);
      const refusal = shrinkRefusal(available, found.committed);
      if (refusal) throw new InvalidStateError(refusal, { available, committed: found.committed });
      const signed = found.ledgerCommitted ?? 0;
      throw new InvalidStateError(ledgerShrinkRefusal(available, signed), { available, ledgerCommitted: signed });
    }
    return translateDbError(e);
  }
}

/**
 * The envelope's part of a transaction that changes a call's amount by
 * `delta` cents: `committed` and `remaining` move together, and a rise is
 * conditioned on `remaining >= delta`, i.e. committed + delta <= available.
 * Two calls created at once cannot both take the same remainder.
 */
export function commitOnEnvelope(db: Db, tenantId: string, envelopeId: string, delta: number): TransactWriteItem {
  return {
    Update: {
      TableName: db.table,
      Key: marshall(keys.envelope(tenantId, envelopeId)),
      UpdateExpression: 'SET #committed = #committed + :delta, #remaining = #remaining - :delta',
      ConditionExpression: delta > 0 ? '#remaining >= :delta' : 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#committed': 'committed', '#remaining': 'remaining' },
      ExpressionAttributeValues: marshall({ ':delta': delta }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * The refusal when `commitOnEnvelope`'s condition failed: the envelope is
 * not there (404) or holds less than the call's new amount; `remaining` in
 * the problem is what this call may take (its current amount included).
 */
export function commitmentRefusal(found: Record<string, unknown> | undefined, amount: number, previousAmount: number): AppError {
  if (!found) return notFound();
  const remaining = Number(found.remaining) + previousAmount;
  return new BusinessRuleError(overcommitRefusal(amount, remaining), { field: 'amountAvailable', remaining });
}
