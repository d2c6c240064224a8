/**
 * What reaches the logs and metrics. Requests carrying a token, a person's
 * name and email and a body go through the app (and through the Lambda
 * handler, with Powertools' Logger and Metrics writing to stdout as in AWS),
 * on the happy path, on refusals and on an unexpected error; the captured
 * output holds the entries an operator needs and none of those values.
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context as LambdaContext } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { LambdaEvent } from 'hono/aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALL_ROUTES } from '../../functions/contexts';
import { createApiApp, type Deps } from '../../functions/lib/app';
import { createMembershipCache } from '../../functions/lib/auth';
import { lambdaHandler } from '../../functions/lib/lambda-deps';
import { createLineLogger, powertoolsMetrics, type AppLogger } from '../../functions/lib/observability';

const SECRET = {
  token: 'tok-4f9a2c-personal-access-token',
  email: 'ada.lovelace@example.org',
  name: 'Ada Lovelace',
  body: 'Maison des familles de Saint-Colomban',
  phone: '450-555-0199',
};

const ddb = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: 'ca-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
const membership = {
  tenantId: 't1',
  tenantName: 'CISSS',
  userId: 'u-1',
  name: SECRET.name,
  email: SECRET.email,
  roles: ['manager'],
  organizationId: null,
};

function depsWith(logger: AppLogger | undefined, metrics?: Deps['metrics']): Deps {
  return {
    db: { client, table: 'tbl' },
    verifyToken: async (token) => {
      if (token !== SECRET.token) throw new Error(`bad token ${token}`);
      return { sub: 'u-1', email: SECRET.email, name: SECRET.name };
    },
    now: () => new Date('2026-11-23T15:00:00Z'),
    newId: () => 'new-id',
    logger,
    metrics,
    membershipCache: createMembershipCache(),
  };
}

const organization = {
  legalName: SECRET.body,
  neq: '1234567890',
  mission: `Soutenir les familles — ${SECRET.body}`,
  contact: { name: SECRET.name, email: SECRET.email, phone: SECRET.phone },
  region: '15-laurentides',
};

/** Every kind of answer, each request carrying the secrets in its token, body or both. */
async function driveRequests(request: (method: string, path: string, init: { headers: Record<string, string>; body?: string }) => Promise<number>) {
  const auth = { Authorization: `Bearer ${SECRET.token}` };
  const json = { ...auth, 'Content-Type': 'application/json' };
  const statuses: number[] = [];
  // Read: the answer holds the person's name and email (the membership), the log must not.
  statuses.push(await request('GET', '/api/me', { headers: auth }));
  // Created from a body holding a name, an email and a phone number.
  statuses.push(await request('POST', '/api/t/t1/organizations', { headers: json, body: JSON.stringify(organization) }));
  // Refused: invalid fields, malformed JSON, a bad token, a missing tenant.
  statuses.push(await request('POST', '/api/t/t1/organizations', { headers: json, body: JSON.stringify({ ...organization, neq: SECRET.email }) }));
  statuses.push(await request('POST', '/api/t/t1/organizations', { headers: json, body: `{"legalName": "${SECRET.body}", "contact": ` }));
  statuses.push(await request('GET', '/api/t/t1/organizations', { headers: { Authorization: `Bearer ${SECRET.token}x` } }));
  statuses.push(await request('GET', '/api/t/t9/organizations', { headers: auth }));
  // Unexpected: the store fails in a way nothing expects, while writing the body.
  ddb.on(TransactWriteItemsCommand).rejects(new TypeError('Cannot read properties of undefined'));
  ddb.on(PutItemCommand).rejects(new TypeError('Cannot read properties of undefined'));
  statuses.push(await request('POST', '/api/t/t1/organizations', { headers: json, body: JSON.stringify(organization) }));
  return statuses;
}

const EXPECTED_STATUSES = [200, 201, 400, 400, 401, 404, 500];

function expectNoSecret(output: string) {
  for (const [what, value] of Object.entries(SECRET)) expect(output, what).not.toContain(value);
  // The email's local part alone, in case something split it.
  expect(output).not.toContain('ada.lovelace');
}

/** Everything written to stdout and stderr during a test. */
let stdout: string[];
beforeEach(() => {
  ddb.reset();
  ddb.on(GetItemCommand).callsFake((input) => {
    const { pk, sk } = input.Key as { pk: { S: string }; sk: { S: string } };
    return pk.S === 'USER#u-1' && sk.S === 'T#t1' ? { Item: marshall({ pk: pk.S, sk: sk.S, ...membership }) } : {};
  });
  ddb.on(QueryCommand).resolves({ Items: [marshall({ pk: 'USER#u-1', sk: 'T#t1', ...membership })] });
  ddb.on(TransactWriteItemsCommand).resolves({});
  ddb.on(PutItemCommand).resolves({});
  stdout = [];
  // Powertools writes through a Console of its own on stdout and stderr (as in Lambda): capture both there.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
  }
});
afterEach(() => vi.restoreAllMocks());

describe('the logs hold no body, token, email or name', () => {
  it('with Powertools’ JSON logger: one entry per request with correlation id, tenant, route pattern, status and duration', async () => {
    const app = createApiApp(depsWith(new Logger({ serviceName: 'test' })), ALL_ROUTES);
    const statuses = await driveRequests(async (method, path, init) => {
      const res = await app.request(path, { method, ...init });
      const text = await res.text();
      // The values do flow through the app: the membership's email is in /api/me's answer.
      if (path === '/api/me') expect(text).toContain(SECRET.email);
      return res.status;
    });
    expect(statuses).toEqual(EXPECTED_STATUSES);
    const output = stdout.join('');
    const entries = output
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const requests = entries.filter((e) => e.message === 'request');
    expect(requests.map((e) => e.status)).toEqual(EXPECTED_STATUSES);
    expect(requests[1]).toMatchObject({ level: 'INFO', service: 'test', method: 'POST', route: '/api/t/:tenantId/organizations', tenant: 't1' });
    expect(requests[1].correlationId).toBe('new-id');
    expect(typeof requests[1].durationMs).toBe('number');
    expect(requests[2].problem).toBe('validation-failed');
    const unexpected = entries.find((e) => e.message === 'unexpected error');
    expect(unexpected).toMatchObject({ level: 'ERROR', route: '/api/t/:tenantId/organizations', error: { name: 'TypeError' } });
    expectNoSecret(output);
  });

  it('with the local line logger', async () => {
    const lines: string[] = [];
    const app = createApiApp(depsWith(createLineLogger({ write: (l) => lines.push(l) })), ALL_ROUTES);
    expect(await driveRequests(async (method, path, init) => (await app.request(path, { method, ...init })).status)).toEqual(EXPECTED_STATUSES);
    expect(lines.filter((l) => l.includes(' INFO '))).toHaveLength(EXPECTED_STATUSES.length);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}POST \/api\/t\/:tenantId\/organizations 201 [\d.]+ ms correlationId=new-id tenant=t1$/);
    expect(lines.some((l) => l.startsWith(`${l.slice(0, 12)} ERROR unexpected error`) && l.includes('TypeError'))).toBe(true);
    expectNoSecret(lines.join('\n'));
  });

  it('through the Lambda handler, with the invocation’s context and the metrics flushed per invocation', async () => {
    const tools = {
      logger: new Logger({ serviceName: 'proposals' }),
      metrics: new Metrics({ namespace: 'Enveloppe', serviceName: 'proposals' }),
      tracer: new Tracer(),
    };
    const handler = lambdaHandler(ALL_ROUTES, depsWith(tools.logger, powertoolsMetrics(tools.metrics)), tools);
    const context = {
      functionName: 'proposals',
      functionVersion: '1',
      invokedFunctionArn: 'arn:aws:lambda:ca-central-1:123456789012:function:proposals',
      memoryLimitInMB: '512',
      awsRequestId: 'req-1',
      logGroupName: 'g',
      logStreamName: 's',
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => 1000,
      done() {},
      fail() {},
      succeed() {},
    } as LambdaContext;
    const statuses = await driveRequests(async (method, path, init) => {
      const event = {
        version: '2.0',
        routeKey: '$default',
        rawPath: path,
        rawQueryString: '',
        cookies: [],
        headers: Object.fromEntries(Object.entries(init.headers).map(([k, v]) => [k.toLowerCase(), v])),
        requestContext: {
          accountId: '123456789012',
          apiId: 'api',
          domainName: 'api.example.org',
          domainPrefix: 'api',
          http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
          requestId: 'r',
          routeKey: '$default',
          stage: '$default',
          time: '23/Nov/2026:15:00:00 +0000',
          timeEpoch: 0,
        },
        body: init.body,
        isBase64Encoded: false,
      } as unknown as LambdaEvent;
      return (await handler(event, context)).statusCode;
    });
    expect(statuses).toEqual(EXPECTED_STATUSES);
    const entries = stdout
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const requests = entries.filter((e) => e.message === 'request');
    expect(requests).toHaveLength(EXPECTED_STATUSES.length);
    expect(requests[0]).toMatchObject({ function_request_id: 'req-1', function_name: 'proposals', route: '/api/me', status: 200 });
    expect(entries.find((e) => e.message === 'unexpected error')).toMatchObject({ level: 'ERROR', function_request_id: 'req-1' });
    // Embedded metric format: requests and latency with every invocation, problems by type on their own.
    const emf = entries.filter((e) => e._aws);
    const names = emf.flatMap((e) => e._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name));
    expect(names.filter((n) => n === 'requests')).toHaveLength(EXPECTED_STATUSES.length);
    expect(names).toContain('latency');
    expect(emf.filter((e) => e.problem).map((e) => e.problem)).toEqual([
      'validation-failed',
      'malformed-request',
      'unauthenticated',
      'not-found',
      'internal-error',
    ]);
    expect(emf.find((e) => e.serverErrors)).toBeDefined();
    expectNoSecret(stdout.join(''));
  });
});
