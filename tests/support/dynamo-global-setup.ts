/** One DynamoDB Local (in memory) for the whole integration run, with the table created. */
import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../functions/local/dynamo-local';
import { ensureTable } from '../../functions/local/table';
import { createDynamoClient } from '../../functions/lib/db';

export const TEST_TABLE = 'enveloppe-test';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const local = await startDynamoLocal();
  const client = createDynamoClient({ region: 'ca-central-1', endpoint: local.endpoint });
  await ensureTable(client, TEST_TABLE);
  client.destroy();
  project.provide('dynamoEndpoint', local.endpoint);
  return async () => local.stop();
}
