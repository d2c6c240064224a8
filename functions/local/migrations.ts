/**
 * One-off upgrades of a local table kept in .data/ by an earlier version of
 * the product, run at startup only: a Scan is acceptable here and nowhere on
 * a request path.
 */
import { PutItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Proposal } from '../../shared/domain';
import { fromItem, toItem, type Db } from '../lib/db';
import { stored } from '../proposals/repository';

/** Rewrites every proposal in its current storage shape (row and submissions index keys), once gsi2 exists. */
export async function backfillProposalRows(db: Db): Promise<number> {
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await db.client.send(
      new ScanCommand({ TableName: db.table, FilterExpression: 'entity = :e', ExpressionAttributeValues: marshall({ ':e': 'Proposal' }), ExclusiveStartKey: start }),
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
  return count;
}
