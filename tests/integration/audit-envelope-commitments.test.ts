/**
 * An envelope's calls never promise more than it holds (issue 10, item 5).
 * The envelope keeps a committed total changed in the same transaction as
 * each call's amount, with the condition committed + amount <= available:
 * a shrink below what the calls commit is refused with both figures, two
 * calls created at once cannot both take the same remainder, and raising a
 * draft call's amount follows the same rule. A table from before keeps working.
 */
import { DeleteTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDynamoClient, toItem, type Db } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import { ensureTable } from '../../functions/local/table';
import { getEnvelopeById, updateEnvelopeFigures } from '../../functions/envelopes/repository';
import { backfillEnvelopeCommitments } from '../../functions/local/migrations';
import { formatMoney } from '../../shared/money';
import { createHarness, fixtures, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.addMember('manager', ['manager']);
  await h.addMember('coord', ['coordinator']);
  await h.addMember('member', ['member'], 'org-m');
  await h.addMember('orgrep', ['organization'], 'org-x');
});

/** 400 000 $ − 20 % = 320 000 $, 10 % of it: 32 000 $ available. */
const newEnvelope = () => h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 });
const newCall = (envelopeId: string, amount: number) =>
  h.request('POST', '/api/t/{t}/calls', {
    as: 'manager',
    body: fixtures.call(envelopeId, { amountAvailable: amount, maxRequest: Math.min(amount, 1_000_000) }),
  });
const envelope = (id: string) => h.json('GET', `/api/t/{t}/envelopes/${id}`, { as: 'manager', expect: 200 });
const share = (id: string, basisPoints: number, version: number, as = 'manager', lang = 'fr-CA') =>
  h.request('PUT', `/api/t/{t}/envelopes/${id}`, {
    as,
    body: { ...fixtures.envelope, communityShareBasisPoints: basisPoints, version },
    headers: { 'Accept-Language': lang },
  });

describe('shrinking an envelope', () => {
  it('is refused with 409 and both figures, in French and English, below what its calls commit; nothing changes', async () => {
    const env = await newEnvelope();
    expect(env).toMatchObject({ committed: 0, remaining: 3_200_000 });
    expect((await newCall(env.id, 2_000_000)).status).toBe(201);
    expect((await newCall(env.id, 1_000_000)).status).toBe(201);
    expect(await envelope(env.id)).toMatchObject({ committed: 3_000_000, remaining: 200_000, version: 1 });

    // 5 %: 16 000 $ available, but the calls commit 30 000 $.
    const res = await share(env.id, 500, 1);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await res.json();
    expect(problem).toMatchObject({ type: '/problems/invalid-state', available: 1_600_000, committed: 3_000_000 });
    expect(problem.messages.detail.fr).toContain(`deviendrait ${formatMoney(1_600_000, 'fr')}`);
    expect(problem.messages.detail.fr).toContain(`engagent déjà ${formatMoney(3_000_000, 'fr')}`);
    expect(problem.messages.detail.en).toContain(`would become ${formatMoney(1_600_000, 'en')}`);
    expect(problem.messages.detail.en).toContain(`already commit ${formatMoney(3_000_000, 'en')}`);
    expect(formatMoney(1_600_000, 'en')).toBe('$16,000.00');
    const english = await (await share(env.id, 500, 1, 'manager', 'en-CA')).json();
    expect(english.detail).toBe(problem.messages.detail.en);
    const after = await envelope(env.id);
    expect(after).toMatchObject({ communityShareBasisPoints: 1000, committed: 3_000_000, remaining: 200_000, version: 1 });
    expect(after.computation.available).toBe(3_200_000);
    // The next call sees what truly remains, never a negative remainder.
    const next = await newCall(env.id, 200_001);
    expect(next.status).toBe(422);
    expect(await next.json()).toMatchObject({ field: 'amountAvailable', remaining: 200_000 });
  });

  it('is accepted down to exactly what the calls commit, and growing recomputes what remains', async () => {
    const env = await newEnvelope();
    expect((await newCall(env.id, 2_400_000)).status).toBe(201);
    // 7,5 %: 24 000 $, exactly the commitment.
    const exact = await share(env.id, 750, 1);
    expect(exact.status).toBe(200);
    expect(await exact.json()).toMatchObject({ committed: 2_400_000, remaining: 0, version: 2, computation: { available: 2_400_000 } });
    expect((await newCall(env.id, 1)).status).toBe(422);
    const grown = await share(env.id, 2000, 2);
    expect(await grown.json()).toMatchObject({ committed: 2_400_000, remaining: 4_000_000, version: 3 });
  });

  it('still answers a stale edit with a version conflict, not a shrink refusal', async () => {
    const env = await newEnvelope();
    expect((await share(env.id, 1200, 1)).status).toBe(200);
    const stale = await share(env.id, 100, 1);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ type: '/problems/version-conflict', currentVersion: 2 });
  });

  it('is not open to a coordinator, a member, an organization, another tenant, or an unknown id', async () => {
    const env = await newEnvelope();
    for (const as of ['coord', 'member', 'orgrep']) expect((await share(env.id, 500, 1, as)).status).toBe(403);
    const other = await createHarness();
    await other.addMember('manager-b', ['manager']);
    const foreign = await other.request('PUT', `/api/t/{t}/envelopes/${env.id}`, { as: 'manager-b', body: { ...fixtures.envelope, version: 1 } });
    expect(foreign.status).toBe(404);
    expect((await share('env-unknown', 500, 1)).status).toBe(404);
    expect(await envelope(env.id)).toMatchObject({ version: 1, communityShareBasisPoints: 1000 });
    // A call on another tenant's envelope finds no envelope.
    await other.addMember('manager-b2', ['manager']);
    const call = await other.request('POST', '/api/t/{t}/calls', { as: 'manager-b2', body: fixtures.call(env.id) });
    expect(call.status).toBe(404);
    expect(await envelope(env.id)).toMatchObject({ committed: 0 });
  });
});

describe('calls created at the same moment', () => {
  it('cannot together commit more than the envelope holds: exactly one of two succeeds, every time', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const env = await newEnvelope();
      // 20 000 $ + 20 000 $ > 32 000 $.
      const results = await Promise.all([newCall(env.id, 2_000_000), newCall(env.id, 2_000_000)]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 422]);
      const loser = await results.find((r) => r.status === 422)!.json();
      expect(loser).toMatchObject({ type: '/problems/rule-violated', field: 'amountAvailable', remaining: 1_200_000 });
      const calls = await h.json('GET', `/api/t/{t}/calls?envelopeId=${env.id}`, { as: 'manager', expect: 200 });
      expect(calls.items).toHaveLength(1);
      expect(await envelope(env.id)).toMatchObject({ committed: 2_000_000, remaining: 1_200_000 });
    }
  });

  it('that fit together all succeed, and the committed total is their sum', async () => {
    const env = await newEnvelope();
    const results = await Promise.all([1_000_000, 800_000, 700_000, 700_000].map((a) => newCall(env.id, a)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(await envelope(env.id)).toMatchObject({ committed: 3_200_000, remaining: 0 });
  });
});

describe('changing a draft call’s amount', () => {
  const edit = (call: Record<string, unknown>, amount: number) => {
    const { id, version, envelopeId, title, description, maxRequest, eligibilityCriteria, opensAt, closesAt, allowedDurations } = call as Record<string, any>;
    return h.request('PUT', `/api/t/{t}/calls/${id}`, {
      as: 'manager',
      body: {
        version,
        envelopeId,
        title,
        description,
        amountAvailable: amount,
        maxRequest: Math.min(maxRequest, amount),
        eligibilityCriteria,
        opensAt,
        closesAt,
        allowedDurations,
      },
    });
  };

  it('raises the commitment only within what remains, and lowers it when the amount goes down', async () => {
    const env = await newEnvelope();
    expect((await newCall(env.id, 2_000_000)).status).toBe(201);
    const b = await (await newCall(env.id, 1_000_000)).json();
    // 2 000 $ remain: B may go up to 12 000 $.
    const over = await edit(b, 1_200_001);
    expect(over.status).toBe(422);
    expect(await over.json()).toMatchObject({ field: 'amountAvailable', remaining: 1_200_000 });
    expect(await envelope(env.id)).toMatchObject({ committed: 3_000_000, remaining: 200_000 });
    const raised = await edit(b, 1_200_000);
    expect(raised.status).toBe(200);
    const saved = await raised.json();
    expect(saved).toMatchObject({ amountAvailable: 1_200_000, version: 2 });
    expect(await envelope(env.id)).toMatchObject({ committed: 3_200_000, remaining: 0 });
    const lowered = await edit(saved, 500_000);
    expect(lowered.status).toBe(200);
    expect(await envelope(env.id)).toMatchObject({ committed: 2_500_000, remaining: 700_000 });
    // An edit that keeps the amount leaves the commitment as it is.
    expect((await edit({ ...(await lowered.json()), title: 'Autre titre' }, 500_000)).status).toBe(200);
    expect(await envelope(env.id)).toMatchObject({ committed: 2_500_000 });
  });

  it('and a call created at the same moment cannot both take the remainder', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const env = await newEnvelope();
      const a = await (await newCall(env.id, 1_000_000)).json();
      expect((await newCall(env.id, 1_000_000)).status).toBe(201);
      // 12 000 $ remain: raising A by 10 000 $ and a new call of 10 000 $ do not both fit.
      const [raise, create] = await Promise.all([edit(a, 2_000_000), newCall(env.id, 1_000_000)]);
      // Exactly one of the two: the raise (200) and the create refused, or the create (201) and the raise refused.
      expect([
        [200, 422],
        [422, 201],
      ]).toContainEqual([raise.status, create.status]);
      const e = await envelope(env.id);
      expect(e).toMatchObject({ committed: 3_000_000, remaining: 200_000 });
      const calls = await h.json('GET', `/api/t/{t}/calls?envelopeId=${env.id}`, { as: 'manager', expect: 200 });
      expect(calls.items.reduce((s: number, c: { amountAvailable: number }) => s + c.amountAvailable, 0)).toBe(e.committed);
    }
  });

  it('a stale edit of the amount changes neither the call nor the envelope', async () => {
    const env = await newEnvelope();
    const a = await (await newCall(env.id, 1_000_000)).json();
    expect((await edit(a, 900_000)).status).toBe(200);
    const stale = await edit(a, 3_000_000);
    expect(stale.status).toBe(409);
    expect(await envelope(env.id)).toMatchObject({ committed: 900_000 });
  });
});

describe('a table from before commitments were kept', () => {
  const db: Db = { client: createDynamoClient({ region: 'ca-central-1', endpoint: inject('dynamoEndpoint') }), table: `enveloppe-commitments-${Date.now()}` };
  afterAll(async () => {
    await db.client.send(new DeleteTableCommand({ TableName: db.table }));
  });

  it('gets each envelope’s committed total from its calls at startup, once', async () => {
    await ensureTable(db.client, db.table);
    const stamp = { version: 1, createdAt: '2026-11-01T15:00:00.000Z', createdBy: 'u', updatedAt: '2026-11-01T15:00:00.000Z', updatedBy: 'u' };
    // As the earlier version wrote it: no committed, no remaining.
    const oldEnvelope = {
      id: 'env-old',
      ...fixtures.envelope,
      deductions: [{ kind: 'percent' as const, label: 'Frais', basisPoints: 2000 }],
      carryOver: null,
      ...stamp,
    };
    await db.client.send(
      new PutItemCommand({
        TableName: db.table,
        Item: toItem({ ...keys.envelope('t1', 'env-old'), ...keys.envelopeIndex('t1', 'env-old', 2026) }, 'Envelope', oldEnvelope),
      }),
    );
    await db.client.send(
      new PutItemCommand({
        TableName: db.table,
        Item: toItem({ ...keys.envelope('t1', 'env-empty'), ...keys.envelopeIndex('t1', 'env-empty', 2026) }, 'Envelope', { ...oldEnvelope, id: 'env-empty' }),
      }),
    );
    for (const [id, amount] of [
      ['call-a', 2_000_000],
      ['call-b', 500_000],
    ] as const) {
      const call = { ...fixtures.call('env-old', { amountAvailable: amount }), id, status: 'draft', publishedAt: null, needsFrom: null, needs: [], ...stamp };
      await db.client.send(
        new PutItemCommand({ TableName: db.table, Item: toItem({ ...keys.call('t1', id), ...keys.callIndex('t1', id, 'env-old') }, 'Call', call) }),
      );
    }
    expect(await backfillEnvelopeCommitments(db)).toBe(2);
    expect(await getEnvelopeById(db, 't1', 'env-old')).toMatchObject({ committed: 2_500_000, remaining: 700_000, version: 1 });
    expect(await getEnvelopeById(db, 't1', 'env-empty')).toMatchObject({ committed: 0, remaining: 3_200_000 });
    expect(await backfillEnvelopeCommitments(db)).toBe(0);
    // From then on the old envelope is checked like a new one.
    await expect(updateEnvelopeFigures(db, 't1', { ...oldEnvelope, communityShareBasisPoints: 500 }, 1)).rejects.toMatchObject({
      status: 409,
      extra: { available: 1_600_000, committed: 2_500_000 },
    });
  });
});
