/**
 * One-off upgrades of a local table kept in .data/ by an earlier version of
 * the product, run at startup only: a Scan is acceptable here and nowhere on
 * a request path.
 */
import { ConditionalCheckFailedException, PutItemCommand, ScanCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Envelope, Proposal } from '../../shared/domain';
import { computeEnvelope } from '../../shared/envelope';
import { fromItem, getItem, toItem, type Db } from '../lib/db';
import { keys } from '../lib/keys';

const ENVELOPE_COMMITMENTS_DONE = keys.migration('ENVELOPE-COMMITMENTS');
import { listCallsOfTenant } from '../calls/repository';
import { stored } from '../proposals/repository';

/** Rewrites every proposal in its current storage shape (row and submissions index keys), once gsi2 exists. */
export async function backfillProposalRows(db: Db): Promise<number> {
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await db.client.send(
      new ScanCommand({
        TableName: db.table,
        FilterExpression: 'entity = :e',
        ExpressionAttributeValues: marshall({ ':e': 'Proposal' }),
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      const tenantId = /^T#([^#]+)#/.exec(String(item.pk?.S))?.[1];
      if (!tenantId) continue;
      const s = stored(tenantId, fromItem<Proposal>(item));
      await db.client.send(new PutItemCommand({ TableName: db.table, Item: toItem(s.keys, 'Proposal', s.data) }));
      count += 1;
    }
    start = out.LastEvaluatedKey;
  } while (start);
  await db.client.send(
    new PutItemCommand({ TableName: db.table, Item: toItem(ENVELOPE_COMMITMENTS_DONE, 'Migration', { doneAt: new Date().toISOString(), envelopes: count }) }),
  );
  return count;
}

/**
 * Gives each envelope written before commitments were kept its `committed`
 * (the sum of its calls' amounts) and `remaining`, so calls and envelope
 * changes on an old table are checked like on a new one. Only envelopes
 * without `committed` are touched, each once (conditional update); a marker
 * item then spares every later start the Scan. Returns how many were given
 * their figures.
 */
export async function backfillEnvelopeCommitments(db: Db): Promise<number> {
  // Done once per table: the marker spares every later start a Scan of the whole table.
  if (await getItem(db, ENVELOPE_COMMITMENTS_DONE, true)) return 0;
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await db.client.send(
      new ScanCommand({
        TableName: db.table,
        FilterExpression: 'entity = :e AND attribute_not_exists(committed)',
        ExpressionAttributeValues: marshall({ ':e': 'Envelope' }),
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      const tenantId = /^T#([^#]+)#/.exec(String(item.pk?.S))?.[1];
      if (!tenantId) continue;
      const envelope = fromItem<Omit<Envelope, 'computation' | 'committed' | 'remaining'>>(item);
      const committed = (await listCallsOfTenant(db, tenantId, envelope.id)).reduce((sum, c) => sum + c.amountAvailable, 0);
      try {
        await db.client.send(
          new UpdateItemCommand({
            TableName: db.table,
            Key: { pk: item.pk!, sk: item.sk! },
            UpdateExpression: 'SET committed = :committed, remaining = :remaining',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(committed)',
            ExpressionAttributeValues: marshall({ ':committed': committed, ':remaining': computeEnvelope(envelope).available - committed }),
          }),
        );
        count += 1;
      } catch (e) {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      }
    }
    start = out.LastEvaluatedKey;
  } while (start);
  await db.client.send(
    new PutItemCommand({ TableName: db.table, Item: toItem(ENVELOPE_COMMITMENTS_DONE, 'Migration', { doneAt: new Date().toISOString(), envelopes: count }) }),
  );
  return count;
}
