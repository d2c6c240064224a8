/**
 * bench/api — the list of a call's submissions (1,000 proposals, 50 per
 * page), the route people wait on most, against a bare Hono route doing the
 * same Query on the same table. Prints, asserting nothing:
 *
 * 1. Load from a second process (autocannon's CLI) at 1, 10 and 50
 *    connections, bare route and list route side by side in each round, and
 *    the ratio of their throughputs (target ≥ 0.9×). On 2 cores, 50
 *    connections measure queueing: read 1 and 10 first.
 * 2. DynamoDB requests per list call on a warm function (target 1).
 * 3. Node CPU per request in process, the SDK answering from canned HTTP
 *    responses (no DynamoDB): the list route as shipped, without its
 *    membership cache, and also with the SDK's logger middleware, beside the
 *    bare route (target ≤ 1 ms for the list route).
 * 4. Each Lambda bundle, built as infra/ builds it: its size and its import
 *    time in a fresh Node (a cold-start proxy; the runtime's AWS SDK included).
 *
 * BENCH_SECONDS (8) per load run, BENCH_ROUNDS (2) rounds, BENCH_CPU_REQUESTS (400) per CPU batch.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { serve } from '@hono/node-server';
import { build } from 'esbuild';
import { Hono } from 'hono';
import { ALL_ROUTES } from '../../functions/contexts';
import { createApiApp, type Deps } from '../../functions/lib/app';
import { createMembershipCache, createRemoteVerifier } from '../../functions/lib/auth';
import { createDynamoClient, type Db } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import { freePort, startDynamoLocal } from '../../functions/local/dynamo-local';
import { startLocal } from '../../functions/local/server';
import { DEV_AUDIENCE } from '../../functions/local/dev-issuer';
import { listSubmissionRows } from '../../functions/proposals/repository';
import { seedSubmittedProposals } from '../lib/seed-proposals';
import { CONTEXT_SPECS } from '../../infra/lib/contexts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CPU_REQUESTS = Number(process.env.BENCH_CPU_REQUESTS ?? 400);
const CONNECTIONS = [1, 10, 50];
const TENANT = 'cisss-laurentides-demo';
const CALL = 'call-psjp';
const LIST = `/api/t/${TENANT}/calls/${CALL}/proposals?limit=50`;

const dynamo = await startDynamoLocal();
const runtime = await startLocal({ dynamoEndpoint: dynamo.endpoint, seed: true });
const db = runtime.db;
const now = new Date();

// ---- 1,000 submitted proposals on the demo call ----
const seconds = await seedSubmittedProposals(db, TENANT, CALL, 1000, now);
console.log(`seeded 1,000 proposals in ${seconds.toFixed(1)} s (Node ${process.version})`);

const { idToken } = (await (
  await fetch(`${runtime.url}/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub: 'demo-gestionnaire' }),
  })
).json()) as { idToken: string };
const authorization = `Bearer ${idToken}`;

/** The baseline: a bare Hono route doing the list's Query (same repository function), on its own client. */
function bareApp(bareDb: Db) {
  return new Hono().get('/list', async (c) => c.json(await listSubmissionRows(bareDb, TENANT, CALL, { limit: 50 })));
}
const barePort = await freePort();
const bareServer = serve({
  fetch: bareApp({ client: createDynamoClient({ region: 'ca-central-1', endpoint: dynamo.endpoint }), table: db.table }).fetch,
  port: barePort,
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[], digits = 0) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length > 1 ? `${s[0]!.toFixed(digits)}–${s[s.length - 1]!.toFixed(digits)}` : s[0]!.toFixed(digits);
};

// ---- 2. DynamoDB requests per call, on a warm function ----
let sent = 0;
db.client.middlewareStack.add(
  (next) => async (args) => {
    sent++;
    return next(args);
  },
  { step: 'initialize', name: 'benchCountRequests' },
);
async function requestsPerCall(path: string, calls = 20): Promise<number> {
  await fetch(`${runtime.url}${path}`, { headers: { Authorization: authorization } }).then((r) => r.arrayBuffer());
  sent = 0;
  for (let i = 0; i < calls; i++) {
    const res = await fetch(`${runtime.url}${path}`, { headers: { Authorization: authorization } });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    await res.arrayBuffer();
  }
  return sent / calls;
}
const perList = await requestsPerCall(LIST);
const perProposal = await requestsPerCall(`/api/t/${TENANT}/calls/${CALL}/proposals/bench-0500`);

// ---- 1. load ----
interface Figures {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
}

/** Runs autocannon in its own process; this process keeps serving meanwhile. */
async function load(url: string, connections: number, withAuth: boolean): Promise<Figures> {
  const args = ['-c', String(connections), '-d', String(DURATION), '-j'];
  if (withAuth) args.push('-H', `authorization=${authorization}`);
  const child = spawn(join('node_modules', '.bin', 'autocannon'), [...args, url], { stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  await new Promise((ok) => child.on('close', ok));
  const r = JSON.parse(stdout) as { latency: { p50: number; p99: number }; requests: { average: number }; errors: number; non2xx: number };
  return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, errors: r.errors + r.non2xx };
}

const loadRows: { connections: number; bare: Figures[]; list: Figures[] }[] = [];
for (const connections of CONNECTIONS) {
  const row = { connections, bare: [] as Figures[], list: [] as Figures[] };
  for (let round = 0; round < ROUNDS; round++) {
    row.bare.push(await load(`http://localhost:${barePort}/list`, connections, false));
    row.list.push(await load(`${runtime.url}${LIST}`, connections, true));
  }
  loadRows.push(row);
}
bareServer.close();

// ---- 3. Node CPU per request, DynamoDB answered by canned HTTP responses ----
const raw = new DynamoDBClient({ region: 'ca-central-1', endpoint: dynamo.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const items = new Map<string, unknown>();
for (const k of [keys.membership('demo-gestionnaire', TENANT), keys.call(TENANT, CALL)]) {
  const out = await raw.send(new GetItemCommand({ TableName: db.table, Key: marshall({ pk: k.pk, sk: k.sk }) }));
  items.set(`${k.pk}|${k.sk}`, out.Item);
}
const page = await raw.send(
  new QueryCommand({
    TableName: db.table,
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: marshall({ ':pk': keys.submissionsOfCall(TENANT, CALL) }),
    Limit: 50,
  }),
);
raw.destroy();
// DynamoDB's JSON protocol carries attribute values in the SDK's own shape: the outputs are the wire bodies.
const queryBody = JSON.stringify({ Items: page.Items, Count: page.Count, ScannedCount: page.ScannedCount, LastEvaluatedKey: page.LastEvaluatedKey });
const canned = {
  handle: async (request: { headers: Record<string, string>; body?: unknown }) => {
    const target = request.headers['x-amz-target'] ?? '';
    let body = '{}';
    if (target.endsWith('.Query')) body = queryBody;
    else if (target.endsWith('.GetItem')) {
      const { Key } = JSON.parse(String(request.body)) as { Key: { pk: { S: string }; sk: { S: string } } };
      const item = items.get(`${Key.pk.S}|${Key.sk.S}`);
      body = JSON.stringify(item ? { Item: item } : {});
    }
    return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([Buffer.from(body)]) } };
  },
};
const cannedDb = (client: DynamoDBClient): Db => ({ client, table: db.table });
const ours = () => createDynamoClient({ region: 'ca-central-1', endpoint: 'http://canned.invalid', requestHandler: canned });
const sdkDefault = () =>
  new DynamoDBClient({
    region: 'ca-central-1',
    endpoint: 'http://canned.invalid',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    requestHandler: canned,
  });
const appDeps = (client: DynamoDBClient, cached: { tokens: boolean; memberships: boolean }): Deps => ({
  ...runtime.deps,
  db: cannedDb(client),
  // As the local server verifies: the issuer's JWKS over HTTP (fetched once), here without remembering tokens.
  ...(cached.tokens
    ? {}
    : { verifyToken: createRemoteVerifier({ issuer: runtime.url, audience: DEV_AUDIENCE, jwksUrl: `${runtime.url}/.well-known/jwks.json`, maxTokens: 0 }) }),
  membershipCache: createMembershipCache(cached.memberships ? {} : { ttlMs: 0 }),
});
const variants: [string, (path: string, init: RequestInit) => Response | Promise<Response>, string][] = [
  ['bare Hono route, same Query', bareApp(cannedDb(ours())).request, '/list'],
  ['list route (as shipped)', createApiApp(appDeps(ours(), { tokens: true, memberships: true }), ALL_ROUTES).request, LIST],
  ['list route, token verified each time', createApiApp(appDeps(ours(), { tokens: false, memberships: true }), ALL_ROUTES).request, LIST],
  ['  … and membership read each time', createApiApp(appDeps(ours(), { tokens: false, memberships: false }), ALL_ROUTES).request, LIST],
  ['  … and the SDK’s logger middleware', createApiApp(appDeps(sdkDefault(), { tokens: false, memberships: false }), ALL_ROUTES).request, LIST],
];
async function cpuPerRequest(request: (path: string, init: RequestInit) => Response | Promise<Response>, path: string, n: number): Promise<number> {
  const init = { headers: { Authorization: authorization } };
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const res = await request(path, init);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    await res.arrayBuffer();
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / n;
}
for (const [, request, path] of variants) await cpuPerRequest(request, path, 300); // warm-up
const cpu = variants.map(() => [] as number[]);
for (let round = 0; round < ROUNDS + 3; round++) {
  for (const [i, [, request, path]] of variants.entries()) cpu[i]!.push(await cpuPerRequest(request, path, CPU_REQUESTS));
}

await runtime.close();
await dynamo.stop();

// ---- 4. the Lambda bundles: size and import time ----
const IMPORTS = 5;
const outdir = mkdtempSync(join(tmpdir(), 'enveloppe-bundles-'));
// Only the runtime's AWS SDK beside the bundles, as in Lambda.
mkdirSync(join(outdir, 'node_modules'));
symlinkSync(resolve('node_modules', '@aws-sdk'), join(outdir, 'node_modules', '@aws-sdk'));
const importMs = (file: string, env: NodeJS.ProcessEnv) => {
  const ms: number[] = [];
  for (let i = 0; i < IMPORTS; i++) {
    const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
    ms.push(
      Number(execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], { cwd: outdir, env, encoding: 'utf8' }).trim()),
    );
  }
  return ms;
};
const lambdaEnv = { PATH: process.env.PATH, TABLE_NAME: 't', OIDC_ISSUER: 'https://issuer.example.org', OIDC_AUDIENCE: 'a', AWS_REGION: 'ca-central-1' };
const bundles: [string, number, number[], string][] = [];
const sdkAlone = importMs('@aws-sdk/client-dynamodb', lambdaEnv);
for (const [name, spec] of Object.entries(CONTEXT_SPECS)) {
  const outfile = join(outdir, `${name}.mjs`);
  // As infra/lib/api-function.ts bundles: minified ESM, external source map, a require for CommonJS dependencies.
  await build({
    entryPoints: [spec.entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    sourcemap: 'external',
    sourcesContent: false,
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    external: ['@aws-sdk/*', ...(spec.lazy?.modules ?? [])],
    outfile,
    logLevel: 'silent',
  });
  const beside = (spec.lazy?.files ?? []).reduce((sum, f) => sum + statSync(f).size, 0);
  const note = beside ? `(+ ${(beside / 1024).toFixed(0)} KB beside it, loaded on first use: ${spec.lazy!.modules.join(', ')})` : '';
  bundles.push([name, statSync(outfile).size, importMs(outfile, lambdaEnv), note]);
}

// ---- the figures ----
console.log(`\n1. load: autocannon in a second process, ${DURATION} s per run, ${ROUNDS} rounds (bare then list in each); ranges over rounds`);
console.log('conns  route'.padEnd(26), 'req/s'.padStart(11), 'p50 ms'.padStart(9), 'p99 ms'.padStart(9), 'errors'.padStart(7), '  list/bare (target ≥ 0.9)');
for (const { connections, bare, list } of loadRows) {
  const ratios = list.map((l, i) => l.rps / bare[i]!.rps);
  for (const [name, f] of [
    ['bare Query', bare],
    ['list route', list],
  ] as const) {
    console.log(
      `${String(connections).padStart(5)}  ${name}`.padEnd(26),
      range(f.map((x) => x.rps)).padStart(11),
      range(f.map((x) => x.p50)).padStart(9),
      range(f.map((x) => x.p99)).padStart(9),
      String(f.reduce((s, x) => s + x.errors, 0)).padStart(7),
      name === 'list route' ? `  ${range(ratios, 2)}×` : '',
    );
  }
}
console.log(`\n2. DynamoDB requests per call, warm function: list ${perList.toFixed(2)} (target 1), get proposal ${perProposal.toFixed(2)}`);
console.log(`\n3. Node CPU per request, in process, DynamoDB answered by canned HTTP responses (${CPU_REQUESTS} requests × ${ROUNDS + 3} batches)`);
console.log('route'.padEnd(40), 'median ms'.padStart(10), 'range ms'.padStart(12));
for (const [i, [name]] of variants.entries()) console.log(name.padEnd(40), median(cpu[i]!).toFixed(3).padStart(10), range(cpu[i]!, 3).padStart(12));
const overhead = cpu[1]!.map((x, i) => x - cpu[0]![i]!);
console.log(`(target: list route ≤ 1 ms; the list route's own cost over the bare route's: median ${median(overhead).toFixed(3)} ms, ${range(overhead, 3)})`);
console.log(`\n4. Lambda bundles as infra/ builds them; import time in a fresh node --enable-source-maps, ${IMPORTS} runs (min / median)`);
console.log(
  `${'@aws-sdk/client-dynamodb alone'.padEnd(30)} ${''.padStart(9)}  ${Math.min(...sdkAlone)
    .toFixed(0)
    .padStart(5)} / ${median(sdkAlone).toFixed(0)} ms`,
);
for (const [name, size, ms, note] of bundles) {
  console.log(
    `${name.padEnd(30)} ${`${(size / 1024).toFixed(1)} KB`.padStart(9)}  ${Math.min(...ms)
      .toFixed(0)
      .padStart(5)} / ${median(ms).toFixed(0)} ms  ${note}`,
  );
}
process.exit(0);
