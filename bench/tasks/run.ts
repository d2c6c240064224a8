/**
 * bench/tasks — "what waits for me" (GET /api/t/:tenantId/me/tasks), read by every home page and again at
 * each page change for the navigation's count. It gathers from several contexts, so its cost grows with
 * what is open in the tenant. Prints, asserting nothing, for three people of the demo (the manager, who
 * screens; a table member, who votes; an organization) on the demo as seeded, then with 1,000 more
 * submitted proposals on the open call:
 *
 * - DynamoDB requests per call (a warm local server, the membership cached);
 * - the time per call in process order, as median and the range over BENCH_ROUNDS rounds of BENCH_CALLS.
 *
 * DynamoDB Local is not DynamoDB: the times compare people and sizes side by side in one run, they are not
 * AWS latencies. BENCH_CALLS (20) per person and round, BENCH_ROUNDS (3).
 */
import { startDynamoLocal } from '../../functions/local/dynamo-local';
import { startLocal } from '../../functions/local/server';
import { seedSubmittedProposals } from '../lib/seed-proposals';

const CALLS = Number(process.env.BENCH_CALLS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TENANT = 'cisss-laurentides-demo';
const CALL = 'call-psjp';
const PEOPLE = ['demo-gestionnaire', 'demo-membre-famille', 'demo-organisme-repit'];
const TASKS = `/api/t/${TENANT}/me/tasks`;

const dynamo = await startDynamoLocal();
const runtime = await startLocal({ dynamoEndpoint: dynamo.endpoint, seed: true });
const db = runtime.db;

let sent = 0;
db.client.middlewareStack.add(
  (next) => async (args) => {
    sent++;
    return next(args);
  },
  { step: 'initialize', name: 'benchCountRequests' },
);

async function tokenOf(sub: string): Promise<string> {
  const res = await fetch(`${runtime.url}/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sub }) });
  return ((await res.json()) as { idToken: string }).idToken;
}
const tokens = Object.fromEntries(await Promise.all(PEOPLE.map(async (p) => [p, await tokenOf(p)] as const)));

async function measure(sub: string): Promise<{ requests: number; ms: number[]; tasks: number }> {
  const headers = { Authorization: `Bearer ${tokens[sub]}` };
  const first = await fetch(`${runtime.url}${TASKS}`, { headers });
  if (!first.ok) throw new Error(`${sub}: ${first.status} ${await first.text()}`);
  const tasks = ((await first.json()) as { items: unknown[] }).items.length;
  const ms: number[] = [];
  let requests = 0;
  for (let r = 0; r < ROUNDS; r++) {
    sent = 0;
    const t0 = performance.now();
    for (let i = 0; i < CALLS; i++) await (await fetch(`${runtime.url}${TASKS}`, { headers })).arrayBuffer();
    ms.push((performance.now() - t0) / CALLS);
    requests = sent / CALLS;
  }
  return { requests, ms, tasks };
}

const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[Math.floor(s.length / 2)]!.toFixed(1)} ms (${s[0]!.toFixed(1)}–${s[s.length - 1]!.toFixed(1)})`;
};

async function report(label: string) {
  console.log(`\n${label}`);
  console.log('person                 tasks  DynamoDB requests/call  time/call median (range over rounds)');
  for (const sub of PEOPLE) {
    const m = await measure(sub);
    console.log(`${sub.padEnd(22)} ${String(m.tasks).padStart(5)}  ${m.requests.toFixed(1).padStart(22)}  ${fmt(m.ms)}`);
  }
}

await report('demo as seeded (4 proposals on the open call)');

// 1,000 more submitted proposals on the open call: the manager's screening count reads the call's rows.
await seedSubmittedProposals(db, TENANT, CALL, 1000, new Date());
await report('with 1,000 more submitted proposals on the open call');

await runtime.close();
await dynamo.stop();
