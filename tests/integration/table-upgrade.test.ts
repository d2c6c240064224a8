/**
 * A table kept in .data/ by an earlier version of the product has no gsi2:
 * starting the product adds the index and gives existing proposals their
 * submission rows, so nothing submitted before the upgrade disappears from lists.
 */
import { CreateTableCommand, DeleteTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDynamoClient, toItem, type Db } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import { ensureTable } from '../../functions/local/table';
import { backfillProposalRows } from '../../functions/local/migrations';
import { listSubmissionRows } from '../../functions/proposals/repository';
import type { Proposal } from '../../shared/domain';
import { fixtures } from '../support/harness';

const db: Db = { client: createDynamoClient({ region: 'ca-central-1', endpoint: inject('dynamoEndpoint') }), table: `enveloppe-upgrade-${Date.now()}` };

afterAll(async () => {
  await db.client.send(new DeleteTableCommand({ TableName: db.table }));
});

const stamp = { version: 3, createdAt: '2026-11-20T15:00:00.000Z', createdBy: 'u', updatedAt: '2026-11-20T15:00:00.000Z', updatedBy: 'u' };
const proposal = (id: string, status: Proposal['status']): Proposal => ({
  id,
  callId: 'call-1',
  organizationId: 'org-1',
  organizationName: 'Maison des jeunes',
  status,
  draft: {},
  content: status === 'draft' ? null : { ...fixtures.content, durationYears: 1, needIds: [] },
  submittedVersions: status === 'draft' ? 0 : 1,
  submittedAt: status === 'draft' ? null : '2026-11-20T15:00:00.000Z',
  withdrawnAt: null,
  screening: null,
  ...stamp,
});

describe('upgrading a table from before the submissions index', () => {
  it('adds gsi2 and backfills the rows of submitted proposals only', async () => {
    await db.client.send(
      new CreateTableCommand({
        TableName: db.table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((n) => ({ AttributeName: n, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    // Items as the earlier version wrote them: no row, no gsi2 keys.
    for (const p of [proposal('p-sub', 'submitted'), proposal('p-draft', 'draft')]) {
      await db.client.send(
        new PutItemCommand({
          TableName: db.table,
          Item: toItem({ ...keys.proposal('t1', 'call-1', p.id), ...keys.proposalIndex('t1', 'call-1', p.id, 'org-1') }, 'Proposal', p),
        }),
      );
    }

    const result = await ensureTable(db.client, db.table);
    expect(result).toEqual({ result: 'existing', added: ['gsi2'] });
    expect(await backfillProposalRows(db)).toBe(2);

    const rows = (await listSubmissionRows(db, 't1', 'call-1', {})).items;
    expect(rows).toEqual([expect.objectContaining({ id: 'p-sub', status: 'submitted', version: 3, requested: fixtures.content.requested })]);
    expect(await ensureTable(db.client, db.table)).toEqual({ result: 'existing', added: [] });
  });
});
