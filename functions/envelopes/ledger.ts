/**
 * The envelope's ledger: its totals live on the envelope item (ledgerCommitted,
 * ledgerPaid, ledgerRemaining) and change only through the pieces below, each
 * put by the caller INTO THE SAME TransactWriteItems as the signature,
 * amendment, payment or carry-over it records, with the movement that
 * explains it. A commitment is conditioned on `ledgerRemaining >= :cents`:
 * two signatures that together exceed the envelope cannot both pass, whatever
 * they read before. Reading the totals is one GetItem, whatever the number of
 * agreements.
 */
import { ConditionalCheckFailedException, UpdateItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { LedgerMovement } from '../../shared/agreements';
import type { Envelope } from '../../shared/domain';
import { newPut, translateDbError, type Db } from '../lib/db';
import { keys } from '../lib/keys';

/**
 * Gives an envelope stored before the ledger existed its totals (0 committed, 0 paid, all of its
 * amount available remaining), once: conditioned on the version read, so the amount is the one in
 * force. Call before building ledger pieces on an envelope whose `ledgerRemaining` is absent.
 */
export async function ensureLedger(db: Db, tenantId: string, envelope: Envelope): Promise<void> {
  if (envelope.ledgerRemaining !== undefined) return;
  try {
    await db.client.send(
      new UpdateItemCommand({
        TableName: db.table,
        Key: marshall(keys.envelope(tenantId, envelope.id)),
        UpdateExpression: 'SET #lc = :zero, #lp = :zero, #lr = :available',
        ConditionExpression: 'attribute_not_exists(#lr) AND #version = :version',
        ExpressionAttributeNames: { '#lc': 'ledgerCommitted', '#lp': 'ledgerPaid', '#lr': 'ledgerRemaining', '#version': 'version' },
        ExpressionAttributeValues: marshall({ ':zero': 0, ':available': envelope.computation.available, ':version': envelope.version }),
      }),
    );
  } catch (e) {
    // Another request gave it its ledger first, or the figures changed: either way the next
    // transaction's own conditions decide.
    if (e instanceof ConditionalCheckFailedException) return;
    translateDbError(e);
  }
}

/**
 * The envelope's part of committing `cents` (a signature; an amendment's rise) or releasing them
 * (negative: an amendment lowering a year). A rise is conditioned on what remains to commit (and, for
 * money no call of the envelope promised, on what remains to promise); the cancellation reason's item
 * (ALL_OLD) gives both for the refusal (`envelopeRefusal`, functions/agreements/money.ts).
 */
export function commitPiece(db: Db, tenantId: string, envelopeId: string, cents: number, promise = false): TransactWriteItem {
  // `promise`: the money was not promised to one of this envelope's calls (a renewal, a multi-year agreement's later
  // year): it also takes from what the calls may promise (`committed`/`remaining`), conditioned the same way, so a
  // call and an agreement from elsewhere can never both count on the same dollars.
  const sets = ['#lc = #lc + :cents', '#lr = #lr - :cents', ...(promise ? ['#committed = #committed + :cents', '#remaining = #remaining - :cents'] : [])];
  const rise = promise ? '#lr >= :cents AND #remaining >= :cents' : '#lr >= :cents';
  return {
    Update: {
      TableName: db.table,
      Key: marshall(keys.envelope(tenantId, envelopeId)),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: cents > 0 ? rise : 'attribute_exists(#lr)',
      ExpressionAttributeNames: {
        '#lc': 'ledgerCommitted',
        '#lr': 'ledgerRemaining',
        ...(promise ? { '#committed': 'committed', '#remaining': 'remaining' } : {}),
      },
      ExpressionAttributeValues: marshall({ ':cents': cents }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** The envelope's part of a payment of `cents` (the agreement's own condition keeps it within what was committed). */
export function paymentPiece(db: Db, tenantId: string, envelopeId: string, cents: number): TransactWriteItem {
  return {
    Update: {
      TableName: db.table,
      Key: marshall(keys.envelope(tenantId, envelopeId)),
      UpdateExpression: 'SET #lp = #lp + :cents',
      ConditionExpression: 'attribute_exists(#lp)',
      ExpressionAttributeNames: { '#lp': 'ledgerPaid' },
      ExpressionAttributeValues: marshall({ ':cents': cents }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * Carrying an envelope's unspent balance over to the next year's envelope (CLSC 1's deferred year),
 * both sides in one transaction: the amount leaves what remains here, to commit (ledger) and to
 * promise to calls, and joins the same two figures there. One carry-over out per envelope and one
 * in; both envelopes change version, so a figures form read before gets 409.
 */
export function carryOverPieces(
  db: Db,
  tenantId: string,
  from: Pick<Envelope, 'id' | 'fiscalYear'>,
  to: Pick<Envelope, 'id' | 'fiscalYear'>,
  cents: number,
  record: { reason: string; at: string; by: string },
): [TransactWriteItem, TransactWriteItem] {
  const names = { '#lr': 'ledgerRemaining', '#remaining': 'remaining', '#version': 'version' };
  return [
    {
      Update: {
        TableName: db.table,
        Key: marshall(keys.envelope(tenantId, from.id)),
        UpdateExpression: 'SET #lr = #lr - :cents, #remaining = #remaining - :cents, #out = :out, #version = #version + :one',
        ConditionExpression: '#lr >= :cents AND #remaining >= :cents AND (attribute_not_exists(#out) OR #out = :null)',
        ExpressionAttributeNames: { ...names, '#out': 'carriedOut' },
        ExpressionAttributeValues: marshall({
          ':cents': cents,
          ':one': 1,
          ':null': null,
          ':out': { cents, toFiscalYear: to.fiscalYear, toEnvelopeId: to.id, ...record },
        }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    {
      Update: {
        TableName: db.table,
        Key: marshall(keys.envelope(tenantId, to.id)),
        UpdateExpression: 'SET #lr = #lr + :cents, #remaining = #remaining + :cents, #in = :in, #version = #version + :one',
        ConditionExpression: 'attribute_exists(#lr) AND (attribute_not_exists(#in) OR #in = :null)',
        ExpressionAttributeNames: { ...names, '#in': 'carriedIn' },
        ExpressionAttributeValues: marshall({
          ':cents': cents,
          ':one': 1,
          ':null': null,
          ':in': { cents, fromFiscalYear: from.fiscalYear, fromEnvelopeId: from.id, ...record },
        }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
  ];
}

/** A movement of the ledger, put with the change it records. */
export function movementPut(db: Db, tenantId: string, m: LedgerMovement): TransactWriteItem {
  return newPut(db, keys.ledgerMovement(tenantId, m.envelopeId, m.at, m.id), 'LedgerMovement', m);
}
