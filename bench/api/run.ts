/**
 * bench/api — load on the local server from a second process (autocannon's
 * CLI), 50 connections: the list-submissions and get-proposal routes of a
 * call holding 1,000 proposals, and a bare Hono route doing one GetItem on
 * the same table as the baseline. Then each Lambda bundle's size, built as
 * infra/ builds it. Prints figures; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { serve } from '@hono/node-server';
import { build } from 'esbuild';
import { Hono } from 'hono';
import { startLocal } from '../../functions/local/server';
import { freePort, startDynamoLocal } from '../../functions/local/dynamo-local';
import { createProposal, submitProposalVersion } from '../../functions/proposals/repository';
import { CONTEXT_SPECS } from '../../infra/lib/contexts';
import type { Proposal } from '../../shared/domain';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const TENANT = 'cisss-laurentides-demo';

const dynamo = await startDynamoLocal();
const runtime = await startLocal({ dynamoEndpoint: dynamo.endpoint, seed: true });
const db = runtime.db;
const now = new Date();

// 1,000 submitted proposals on the demo call.
const content = {
  title: 'Projet de banc d’essai',
  summary: 'Résumé '.repeat(40),
  targetPopulation: 'Jeunes parents',
  activities: [{ title: 'Activité', description: 'Description '.repeat(20) }],
  budgetLines: [
    { label: 'Salaires', amount: 800_000 },
    { label: 'Matériel', amount: 200_000 },
  ],
  requested: 1_000_000,
  minimum: 600_000,
  durationYears: 1 as const,
  needIds: [],
};
const stamp = { version: 1, createdAt: now.toISOString(), createdBy: 'bench', updatedAt: now.toISOString(), updatedBy: 'bench' };
const t0 = Date.now();
for (let batch = 0; batch < 1000; batch += 50) {
  await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      const id = `bench-${String(batch + i).padStart(4, '0')}`;
      const p: Proposal = {
        id,
        callId: 'call-psjp',
        organizationId: 'org-grenier',
        organizationName: 'Le Grenier solidaire',
        status: 'draft',
        draft: content,
        content: null,
        submittedVersions: 0,
        submittedAt: null,
        withdrawnAt: null,
        screening: null,
        ...stamp,
      };
      await createProposal(db, TENANT, p);
      await submitProposalVersion(
        db,
        TENANT,
        { ...p, status: 'submitted', content, submittedVersions: 1, submittedAt: now.toISOString() },
        { proposalId: id, number: 1, content, submittedAt: now.toISOString(), submittedBy: 'bench' },
        1,
        now,
      );
    }),
  );
}
console.log(`seeded 1,000 proposals in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const { idToken } = (await (
  await fetch(`${runtime.url}/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub: 'demo-gestionnaire' }),
  })
).json()) as { idToken: string };

// The baseline: a bare Hono route doing one GetItem on the same table.
const bare = new Hono().get('/item', async (c) => {
  const out = await db.client.send(new GetItemCommand({ TableName: db.table, Key: marshall({ pk: `T#${TENANT}#CALL#call-psjp`, sk: 'PROP#bench-0500' }) }));
  return c.json(out.Item ?? null);
});
const barePort = await freePort();
const bareServer = serve({ fetch: bare.fetch, port: barePort });

interface Figures {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  non2xx: number;
}

/** Runs autocannon in its own process; this process keeps serving meanwhile. */
async function load(url: string, withAuth: boolean): Promise<Figures> {
  const args = ['-c', '50', '-d', String(DURATION), '-j'];
  if (withAuth) args.push('-H', `authorization=Bearer ${idToken}`);
  const child = spawn(join('node_modules', '.bin', 'autocannon'), [...args, url], { stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  await new Promise((ok) => child.on('close', ok));
  const r = JSON.parse(stdout) as { latency: { p50: number; p99: number }; requests: { average: number }; errors: number; non2xx: number };
  return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, errors: r.errors, non2xx: r.non2xx };
}

const rows: [string, Figures][] = [
  ['bare GetItem (baseline)', await load(`http://localhost:${barePort}/item`, false)],
  ['list submissions (50 per page)', await load(`${runtime.url}/api/t/${TENANT}/calls/call-psjp/proposals?limit=50`, true)],
  ['get proposal', await load(`${runtime.url}/api/t/${TENANT}/calls/call-psjp/proposals/bench-0500`, true)],
];
const baseline = rows[0]![1].rps;
console.log(`\nload: 50 connections, ${DURATION} s each, autocannon in a second process`);
console.log('route'.padEnd(34), 'p50 ms'.padStart(7), 'p99 ms'.padStart(7), 'req/s'.padStart(8), 'ratio'.padStart(6), 'errors'.padStart(7));
for (const [name, f] of rows) {
  console.log(
    name.padEnd(34),
    String(f.p50).padStart(7),
    String(f.p99).padStart(7),
    f.rps.toFixed(0).padStart(8),
    (f.rps / baseline).toFixed(2).padStart(6),
    String(f.errors + f.non2xx).padStart(7),
  );
}

bareServer.close();
await runtime.close();
await dynamo.stop();

console.log('\nLambda bundles (esbuild, minified ESM, @aws-sdk/* provided by the runtime)');
const outdir = mkdtempSync(join(tmpdir(), 'enveloppe-bundles-'));
for (const [name, spec] of Object.entries(CONTEXT_SPECS)) {
  const outfile = join(outdir, `${name}.mjs`);
  await build({
    entryPoints: [spec.entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*', ...(spec.lazy?.modules ?? [])],
    outfile,
    logLevel: 'silent',
  });
  const beside = (spec.lazy?.files ?? []).reduce((sum, f) => sum + statSync(f).size, 0);
  console.log(
    `${name.padEnd(14)} ${(statSync(outfile).size / 1024).toFixed(1).padStart(7)} KB${beside ? `  (+ ${(beside / 1024).toFixed(0)} KB beside it, loaded on first use: ${spec.lazy!.modules.join(', ')})` : ''}`,
  );
}
process.exit(0);
