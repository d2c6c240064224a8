/**
 * bench/scoring — time to aggregate 1,000 proposals × 30 evaluators × 8
 * criteria (240,000 scores) with each rule, raw and normalized; then the
 * same data in DynamoDB Local and the time for the results route to answer.
 * Prints figures; asserts nothing. Targets: under 200 ms per rule, under 1 s
 * for the route.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoLocal } from '../../functions/local/dynamo-local';
import { startLocal } from '../../functions/local/server';
import { putNew, toItem } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import { stored } from '../../functions/proposals/repository';
import type { Proposal } from '../../shared/domain';
import { AlreadyExistsError } from '../../shared/errors';
import { scoreResults, type AggregationRule, type GridCriterion, type Score } from '../../shared/scoring/aggregate';
import { encodeLedgerEntry, type Ledger, type LedgerEntry, type ScoringGrid } from '../../shared/scoring/domain';

const PROPOSALS = 1000;
const EVALUATORS = 30;
const RUNS = 5;

const grid: GridCriterion[] = Array.from({ length: 8 }, (_, i) => ({ id: `c${i + 1}`, weightBp: 1250, scale: i % 2 ? 10 : 5 }));
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const proposalIds = Array.from({ length: PROPOSALS }, (_, i) => `p${i}`);
const scores: Score[] = [];
for (let e = 0; e < EVALUATORS; e++) {
  const leniency = random() * 0.3; // some evaluators score higher than others
  for (const p of proposalIds)
    for (const c of grid)
      scores.push({ evaluatorId: `e${e}`, proposalId: p, criterionId: c.id, value: Math.min(c.scale, Math.round(c.scale * (random() * 0.7 + leniency))) });
}

console.log(
  `${PROPOSALS} proposals × ${EVALUATORS} evaluators × ${grid.length} criteria = ${scores.length.toLocaleString('en')} scores, ${RUNS} runs each (Node ${process.version})`,
);
for (const rule of ['mean', 'median', 'trimmed'] as AggregationRule[]) {
  for (const normalize of [false, true]) {
    scoreResults({ grid, scores, proposalIds, rule, normalize }); // warm-up
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      scoreResults({ grid, scores, proposalIds, rule, normalize });
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    console.log(
      `${rule.padEnd(8)} ${normalize ? 'normalized' : 'raw       '}  median ${ms[Math.floor(RUNS / 2)]!.toFixed(0).padStart(4)} ms   worst ${ms[RUNS - 1]!.toFixed(0).padStart(4)} ms`,
    );
  }
}

// ---- the results route on the same data in DynamoDB Local ----
const TENANT = 'bench-scoring';
const CALL = 'call-bench';
const dynamo = await startDynamoLocal();
const runtime = await startLocal({ dynamoEndpoint: dynamo.endpoint, seed: false });
const db = runtime.db;
const at = new Date().toISOString();
const stamp = { version: 1, createdAt: at, createdBy: 'bench', updatedAt: at, updatedBy: 'bench' };
const t0 = Date.now();
const member = (userId: string, roles: string[]) =>
  putNew(
    db,
    keys.membership(userId, TENANT),
    'Membership',
    { tenantId: TENANT, tenantName: 'Bench', userId, name: userId, email: `${userId}@bench`, roles, organizationId: null },
    () => new AlreadyExistsError({ fr: '', en: '' }),
  );
// The development issuer signs tokens for the demo accounts: the demo coordinator is this tenant's coordinator too.
await member('demo-coordination', ['coordinator']);
for (let e = 0; e < EVALUATORS; e++) await member(`e${e}`, ['member']);
const call = {
  id: CALL,
  envelopeId: 'env',
  title: 'Bench',
  description: '',
  amountAvailable: 100_000_000,
  maxRequest: 1_000_000,
  eligibilityCriteria: [],
  opensAt: at,
  closesAt: at,
  allowedDurations: [1],
  status: 'published',
  publishedAt: at,
  needsFrom: null,
  needs: [],
  ...stamp,
};
await db.client.send(new PutItemCommand({ TableName: db.table, Item: toItem(keys.call(TENANT, CALL), 'Call', call) }));
const content = {
  title: 'Projet',
  summary: 's',
  targetPopulation: 'p',
  activities: [{ title: 'a', description: '' }],
  budgetLines: [{ label: 'l', amount: 500_000 }],
  requested: 500_000,
  minimum: 300_000,
  durationYears: 1 as const,
  needIds: [],
};
for (let i = 0; i < PROPOSALS; i += 50) {
  await Promise.all(
    proposalIds.slice(i, i + 50).map((id) => {
      const p: Proposal = {
        id,
        callId: CALL,
        organizationId: 'org',
        organizationName: 'Organisme',
        status: 'submitted',
        draft: {},
        content,
        submittedVersions: 1,
        submittedAt: at,
        withdrawnAt: null,
        screening: { outcome: 'eligible', results: [], proposalVersionNumber: 1, screenedAt: at, screenedBy: 'coord', screenedByName: 'coord' },
        ...stamp,
      };
      const s = stored(TENANT, p);
      return db.client.send(new PutItemCommand({ TableName: db.table, Item: toItem(s.keys, 'Proposal', s.data) }));
    }),
  );
}
const storedGrid: ScoringGrid = {
  callId: CALL,
  gridVersion: 1,
  criteria: grid.map((c) => ({ ...c, label: c.id, help: '', levels: [], linkedToNeeds: false })),
  status: 'open',
  mode: 'individual',
  closesAt: at,
  openedAt: at,
  assignments: null,
  rule: 'mean',
  normalize: true,
  disagreementThreshold: 15,
  reopenings: [],
  ...stamp,
};
await db.client.send(new PutItemCommand({ TableName: db.table, Item: toItem(keys.grid(TENANT, CALL), 'ScoringGrid', storedGrid) }));
for (let e = 0; e < EVALUATORS; e++) {
  const entries: Record<string, LedgerEntry> = {};
  for (const s of scores) if (s.evaluatorId === `e${e}`) (entries[s.proposalId] ??= { gv: 1, v: {}, st: 'submitted' }).v[s.criterionId] = s.value;
  const ledger: Ledger = {
    evaluatorId: `e${e}`,
    evaluatorName: `e${e}`,
    sheets: Object.fromEntries(Object.entries(entries).map(([p, entry]) => [p, encodeLedgerEntry(entry)])),
  };
  await db.client.send(new PutItemCommand({ TableName: db.table, Item: toItem(keys.ledger(TENANT, CALL, `e${e}`), 'Ledger', ledger) }));
}
console.log(`\nseeded DynamoDB Local (1,000 proposals, ${EVALUATORS} ledgers) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const { idToken } = (await (
  await fetch(`${runtime.url}/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub: 'demo-coordination' }),
  })
)
  .json()
  .catch(() => ({}))) as { idToken: string };
const route = async (query: string) => {
  const res = await fetch(`${runtime.url}/api/t/${TENANT}/calls/${CALL}/scoring/results${query}`, { headers: { Authorization: `Bearer ${idToken}` } });
  if (!res.ok) throw new Error(`results route: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ result: { ranking: string[][] } }>;
};
for (const query of ['?rule=mean&normalize=false', '?rule=trimmed&normalize=true']) {
  await route(query);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await route(query);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(
    `results route ${query.padEnd(28)} median ${ms[Math.floor(RUNS / 2)]!.toFixed(0).padStart(5)} ms   worst ${ms[RUNS - 1]!.toFixed(0).padStart(5)} ms`,
  );
}
await runtime.close();
await dynamo.stop();
process.exit(0);
