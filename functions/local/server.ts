/**
 * The local runtime: DynamoDB Local, the API (every context's routes in one
 * Hono app on Node), the development OIDC issuer and the built web app, on
 * one address. Used by `npm start`, the end-to-end tests and the benchmark.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApiApp, type Deps } from '../lib/app';
import { createRemoteVerifier } from '../lib/auth';
import { createDynamoClient, type Db } from '../lib/db';
import { newId } from '../lib/ids';
import { createLineLogger } from '../lib/observability';
import { ALL_ROUTES } from '../contexts';
import { apiReferenceRoutes } from './api-reference';
import { createDevIssuer, devIssuerRoutes, DEV_AUDIENCE } from './dev-issuer';
import { demoAccountsForIssuer, seedDemo } from './demo';
import { startDynamoLocal, freePort, type DynamoLocal } from './dynamo-local';
import { ensureTable } from './table';
import { createOutboxNotifier } from '../lib/notify';
import { createLocalAccountDirectory, listLocalAccounts } from '../lib/accounts';
import { outboxRoutes } from './outbox-page';
import { startReminderTimer } from '../reminders/core';
import { backfillEnvelopeCommitments, backfillProposalRows } from './migrations';
import { DEV_ISSUER_CSP, WEB_SECURITY_HEADERS, webContentSecurityPolicy } from '../lib/security-headers';

export interface LocalOptions {
  port?: number;
  /** Folder for DynamoDB Local's files and the issuer's key; in memory when absent. */
  dataDir?: string;
  /** An already running DynamoDB endpoint (otherwise DynamoDB Local is started). */
  dynamoEndpoint?: string;
  tableName?: string;
  seed?: boolean;
  /** Folder of the built web app; not served when absent. */
  webDist?: string;
  now?: () => Date;
  /**
   * The least level written, one readable line per entry: `info` logs every request (`npm start`);
   * the default `warn` keeps the tests' and the benchmark's output to the unexpected.
   */
  logLevel?: 'info' | 'warn' | 'error';
}

export interface LocalRuntime {
  url: string;
  db: Db;
  deps: Deps;
  seeded: boolean;
  close: () => Promise<void>;
}

export async function startLocal(opts: LocalOptions = {}): Promise<LocalRuntime> {
  const port = opts.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  let dynamo: DynamoLocal | undefined;
  const endpoint = opts.dynamoEndpoint ?? (dynamo = await startDynamoLocal({ path: opts.dataDir ? join(opts.dataDir, 'dynamodb') : undefined })).endpoint;
  const db: Db = { client: createDynamoClient({ region: 'ca-central-1', endpoint }), table: opts.tableName ?? 'enveloppe-local' };
  const table = await ensureTable(db.client, db.table);
  // A table kept in .data/ from before the submissions index: give its proposals their rows.
  if (table.added.includes('gsi2')) await backfillProposalRows(db);
  // Envelopes from before commitments were kept (the demo's too): their calls' total, once.
  await backfillEnvelopeCommitments(db);
  const now = opts.now ?? (() => new Date());
  const seeded = opts.seed === false ? false : await seedDemo(db, now());

  const issuer = await createDevIssuer(url, opts.dataDir ? join(opts.dataDir, 'dev-issuer-key.json') : undefined);
  const logger = createLineLogger({ level: opts.logLevel ?? 'warn' });
  const deps: Deps = {
    db,
    // Locally, messages land in the outbox, shown at /dev/outbox.
    notify: createOutboxNotifier({ db, appUrl: url, now, newId: () => newId(), logger }),
    // Same verification as in AWS: the issuer's JWKS fetched over HTTP.
    verifyToken: createRemoteVerifier({ issuer: url, audience: DEV_AUDIENCE, jwksUrl: `${url}/.well-known/jwks.json` }),
    now,
    newId: () => newId(),
    logger,
    // Locally, an invited person's account is learned by the development issuer (listed on its sign-in page).
    accounts: createLocalAccountDirectory(db, now),
  };
  // Locally, the API also serves its interactive reference at /api/docs.
  const app = createApiApp(deps, [...ALL_ROUTES, apiReferenceRoutes]);
  // The web app's files and the issuer's page get the same headers as behind CloudFront (the API sets its own).
  const webCsp = webContentSecurityPolicy();
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/api/')) return;
    for (const [name, value] of Object.entries(WEB_SECURITY_HEADERS)) c.res.headers.set(name, value);
    c.res.headers.set('Content-Security-Policy', c.req.path.startsWith('/dev/') ? DEV_ISSUER_CSP : webCsp);
  });
  // The demo accounts, then the accounts learned from invitations, read at each request.
  app.route(
    '/',
    devIssuerRoutes(issuer, async () => [
      ...demoAccountsForIssuer(),
      ...(await listLocalAccounts(db)).map((a) => ({
        sub: a.sub,
        name: a.name,
        email: a.email,
        description: { fr: `Compte invité — ${a.email}`, en: `Invited account — ${a.email}` },
      })),
    ]),
  );
  app.route('/', outboxRoutes(db));
  const webDist = opts.webDist ? resolve(opts.webDist) : undefined;
  if (webDist && existsSync(webDist)) {
    app.use('/assets/*', serveStatic({ root: webDist }));
    // Every other GET outside the API is a page of the single-page app.
    const spa = serveStatic({ root: webDist, path: 'index.html' });
    app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : spa(c, next)));
  }

  const server: ServerType = await new Promise((ok) => {
    const s = serve({ fetch: app.fetch, port, hostname: '0.0.0.0' }, () => ok(s));
  });
  // Deadline reminders, as the hourly schedule sends them in AWS: now, then every 15 minutes (the timer does not hold the process).
  const reminders = startReminderTimer(deps);
  return {
    url,
    db,
    deps,
    seeded,
    close: async () => {
      await reminders.stop();
      await new Promise<void>((ok) => server.close(() => ok()));
      db.client.destroy();
      await dynamo?.stop();
    },
  };
}
