/**
 * An API under test: the real route modules on the real table in DynamoDB
 * Local, tokens signed by the development issuer and verified by the same
 * jose code as in AWS, and a clock the test controls.
 */
import { createLocalJWKSet } from 'jose';
import { inject } from 'vitest';
import { createApiApp, type Deps } from '../../functions/lib/app';
import { createJwtVerifier } from '../../functions/lib/auth';
import { createDynamoClient, getItem, putNew, type Db } from '../../functions/lib/db';
import { newId } from '../../functions/lib/ids';
import { keys } from '../../functions/lib/keys';
import { createOutboxNotifier, readOutbox, type OutboxMessage } from '../../functions/lib/notify';
import { createLocalAccountDirectory, localSubOf, type LocalAccount } from '../../functions/lib/accounts';
import { ALL_ROUTES } from '../../functions/contexts';
import { createDevIssuer, type DevIssuer } from '../../functions/local/dev-issuer';
import { AlreadyExistsError } from '../../shared/errors';
import type { Role } from '../../shared/permissions';

import { TEST_TABLE } from './dynamo-global-setup';

export interface Harness {
  db: Db;
  deps: Deps;
  issuer: DevIssuer;
  clock: { now: Date };
  tenantId: string;
  request: (method: string, path: string, opts?: { as?: string; body?: unknown; headers?: Record<string, string> }) => Promise<Response>;
  json: <T = any>(method: string, path: string, opts?: { as?: string; body?: unknown; expect?: number }) => Promise<T>;
  addMember: (sub: string, roles: Role[], organizationId?: string | null, tenantId?: string) => Promise<string>;
  /** The messages sent to this person through the outbox (deps.notify), newest first. */
  outbox: (userId: string) => Promise<OutboxMessage[]>;
  /**
   * The subject of the account the development issuer learned for this email (an invitation creates it):
   * `h.json(…, { as: h.account(email) })` then signs in as that person, with that email and name.
   */
  account: (email: string) => string;
}

/**
 * Every response the integration suite receives is checked against the schema
 * its route declares for that status (functions/lib/contract.ts): a violation
 * answers 500 to the test that made the request, and is kept here so that
 * contract-setup.ts fails the file even when the test did not look at the status.
 */
export const contractViolations: string[] = [];

/** `table`: another table of the same DynamoDB Local (created by the test), for a test that needs one of its own. */
export async function createHarness(opts: { now?: Date; table?: string } = {}): Promise<Harness> {
  const endpoint = inject('dynamoEndpoint');
  const db: Db = { client: createDynamoClient({ region: 'ca-central-1', endpoint }), table: opts.table ?? TEST_TABLE };
  const issuer = await createDevIssuer('http://issuer.test');
  const clock = { now: opts.now ?? new Date('2026-11-23T15:00:00Z') };
  const deps: Deps = {
    db,
    verifyToken: createJwtVerifier({ issuer: issuer.issuer, audience: issuer.audience, keys: createLocalJWKSet(issuer.jwks) }),
    now: () => clock.now,
    newId: () => newId(),
    checkResponses: (violation) => contractViolations.push(violation),
  };
  deps.notify = createOutboxNotifier({ db, appUrl: 'http://app.test', now: deps.now, newId: deps.newId });
  deps.accounts = createLocalAccountDirectory(db, deps.now);
  const app = createApiApp(deps, ALL_ROUTES);
  const tenantId = `t-${newId()}`;
  const tokens = new Map<string, string>();
  /** A learned account signs in with its own email and name; any other subject as `<sub>@test`. */
  const accountOf = async (sub: string) => {
    const learned = sub.startsWith('local-') ? await getItem<LocalAccount>(db, keys.localAccount(sub), true) : null;
    return learned ? { sub, name: learned.name, email: learned.email } : { sub, name: sub, email: `${sub}@test` };
  };

  const h: Harness = {
    db,
    deps,
    issuer,
    clock,
    tenantId,
    async request(method, path, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.as) headers.Authorization = `Bearer ${tokens.get(o.as) ?? (await issuer.sign(await accountOf(o.as)))}`;
      let body: string | undefined;
      if (o.body !== undefined) {
        body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
        headers['Content-Type'] ??= 'application/json';
      }
      return app.request(path.replace('{t}', tenantId), { method, headers, body });
    },
    async json(method, path, o = {}) {
      const res = await h.request(method, path, o);
      const data = await res.json();
      if (o.expect !== undefined && res.status !== o.expect) {
        throw new Error(`${method} ${path}: expected ${o.expect}, got ${res.status}: ${JSON.stringify(data)}`);
      }
      return data;
    },
    async addMember(sub, roles, organizationId = null, t = tenantId) {
      await putNew(
        db,
        keys.membership(sub, t),
        'Membership',
        { tenantId: t, tenantName: 'Test', userId: sub, name: sub, email: `${sub}@test`, roles, organizationId },
        () => new AlreadyExistsError({ fr: '', en: '' }),
      );
      return sub;
    },
    async outbox(userId) {
      return (await readOutbox(db, 1000)).filter((m) => m.userId === userId);
    },
    account: localSubOf,
  };
  return h;
}

/** A call's worth of valid inputs, in cents and ISO instants. */
export const fixtures = {
  envelope: {
    program: 'PSJP',
    title: 'Volet communautaire 2026-2027',
    fiscalYear: 2026,
    programBudget: 40_000_000,
    deductions: [{ kind: 'percent', label: 'Frais d’administration', basisPoints: 2000 }],
    communityShareBasisPoints: 1000,
  },
  call: (envelopeId: string, over: Record<string, unknown> = {}) => ({
    envelopeId,
    title: 'Appel PSJP',
    description: 'Projets pour jeunes parents',
    amountAvailable: 3_200_000,
    maxRequest: 1_500_000,
    eligibilityCriteria: [
      { label: 'Rejoint la clientèle', description: '' },
      { label: 'Viable sans la subvention', description: '' },
    ],
    opensAt: '2026-11-01T12:00:00.000Z',
    closesAt: '2027-01-15T22:00:00.000Z',
    allowedDurations: [1, 2],
    ...over,
  }),
  organization: (neq: string) => ({
    legalName: `Organisme ${neq}`,
    neq,
    mission: 'Soutenir les jeunes familles',
    contact: { name: 'Contact', email: 'contact@example.org', phone: '' },
    region: '15-laurentides',
  }),
  content: {
    title: 'Halte-répit',
    summary: 'Trois demi-journées par semaine',
    targetPopulation: 'Jeunes parents',
    activities: [{ title: 'Halte', description: '' }],
    budgetLines: [
      { label: 'Salaires', amount: 900_000 },
      { label: 'Matériel', amount: 100_000 },
    ],
    requested: 1_000_000,
    minimum: 700_000,
    durationYears: 1,
  },
};

/** Sets up a tenant with a manager, a coordinator, an organization and its representative, an envelope and a published call. */
export async function setupCall(h: Harness, callOver: Record<string, unknown> = {}) {
  await h.addMember('manager', ['manager']);
  await h.addMember('coord', ['coordinator']);
  const org = await h.json('POST', '/api/t/{t}/organizations', {
    as: 'manager',
    body: fixtures.organization(String(1000000000 + Math.floor(Math.random() * 8999999999)).slice(0, 10)),
    expect: 201,
  });
  await h.addMember('orgrep', ['organization'], org.id);
  const env = await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 });
  const call = await h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(env.id, callOver), expect: 201 });
  const published = await h.json('POST', `/api/t/{t}/calls/${call.id}/publish`, { as: 'manager', body: { version: call.version }, expect: 200 });
  return { org, env, call: published };
}
