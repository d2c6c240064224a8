/**
 * The DynamoDB client the functions use: the SDK's logger middleware, which
 * walks every input and output for a logger that prints nothing, is gone.
 * The SDK answers from a canned HTTP response, so no DynamoDB runs.
 */
import { Readable } from 'node:stream';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { createDynamoClient } from '../../functions/lib/db';

const canned = {
  handle: async () => ({
    response: {
      statusCode: 200,
      reason: 'OK',
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: Readable.from([Buffer.from(JSON.stringify({ Item: { pk: { S: 'a' }, sk: { S: 'b' }, name: { S: 'Ada' } } }))]),
    },
  }),
};

/** Sends one GetItem with a logger whose info() records what the SDK would log. */
async function logged(client: DynamoDBClient) {
  const info = vi.fn();
  Object.assign(client.config, { logger: { trace() {}, debug() {}, info, warn() {}, error() {} } });
  await client.send(new GetItemCommand({ TableName: 'tbl', Key: { pk: { S: 'a' }, sk: { S: 'b' } } }));
  return info;
}

const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };

describe('createDynamoClient', () => {
  it('leaves out the SDK’s logger middleware, which a default client runs on every command', async () => {
    const plain = new DynamoDBClient({ region: 'ca-central-1', credentials, requestHandler: canned });
    expect(plain.middlewareStack.identify().join()).toContain('loggerMiddleware');
    expect(await logged(plain)).toHaveBeenCalledTimes(1);

    const ours = createDynamoClient({ region: 'ca-central-1', endpoint: 'http://localhost:1', requestHandler: canned });
    expect(ours.middlewareStack.identify().join()).not.toContain('loggerMiddleware');
    expect(await logged(ours)).not.toHaveBeenCalled();
  });

  it('still answers commands', async () => {
    const ours = createDynamoClient({ region: 'ca-central-1', endpoint: 'http://localhost:1', requestHandler: canned });
    const out = await ours.send(new GetItemCommand({ TableName: 'tbl', Key: { pk: { S: 'a' }, sk: { S: 'b' } } }));
    expect(out.Item?.name).toEqual({ S: 'Ada' });
  });
});
