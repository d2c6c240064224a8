/**
 * Creates the single table on DynamoDB Local when missing, from the schema
 * the CDK data stack also reads (functions/lib/table-schema.ts). A table kept
 * from an earlier version of the product gets the indexes it lacks, and
 * `added` names them so the caller can backfill their attributes.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { INDEXES, type IndexName, type IndexSchema } from '../lib/table-schema';

function indexDefinition(index: IndexSchema): GlobalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: index.include ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.include } : { ProjectionType: 'ALL' },
  };
}

const attributes = (list: readonly IndexSchema[]) =>
  list.flatMap((i) => [
    { AttributeName: i.partitionKey, AttributeType: 'S' as const },
    { AttributeName: i.sortKey, AttributeType: 'S' as const },
  ]);

async function waitActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesReady = (Table?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesReady) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Table ${tableName} did not become active`);
}

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<{ result: 'created' | 'existing'; added: IndexName[] }> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }, ...attributes(INDEXES)],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: INDEXES.map(indexDefinition),
      }),
    );
    await waitActive(client, tableName);
    return { result: 'created', added: [] };
  } catch (e) {
    if (!(e instanceof ResourceInUseException)) throw e;
  }
  await waitActive(client, tableName);
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  const added: IndexName[] = [];
  for (const index of INDEXES.filter((i) => !present.has(i.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributes([index]),
        GlobalSecondaryIndexUpdates: [{ Create: indexDefinition(index) }],
      }),
    );
    await waitActive(client, tableName);
    added.push(index.name);
  }
  return { result: 'existing', added };
}
