/**
 * Path identifiers cannot address other items: a `%23` (`#`) in a path once
 * read an evaluator's private score sheet through the proposal route, and an
 * identifier of a few kilobytes gave a 500. Both now answer the usual 404
 * problem, before any read; DynamoDB's own refusal of a key is a 400, never a 500.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getItem } from '../../functions/lib/db';
import { MalformedRequestError } from '../../shared/errors';
import { createHarness, fixtures, setupCall, type Harness } from '../support/harness';

let h: Harness;
let callId: string;
let proposalId: string;

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  const { call, org } = await setupCall(h);
  callId = call.id;
  await h.addMember('m1', ['member']);
  await h.addMember('m2', ['member'], org.id);
  const base = `/api/t/{t}/calls/${callId}`;
  const d = await h.json('POST', `${base}/proposals`, { as: 'orgrep', body: { draft: {} }, expect: 201 });
  const s = await h.json('POST', `${base}/proposals/${d.id}/submit`, { as: 'orgrep', body: { version: 1, content: fixtures.content }, expect: 200 });
  proposalId = d.id;
  await h.json('PUT', `${base}/proposals/${proposalId}/screening`, {
    as: 'coord',
    body: { version: s.version, results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })) },
    expect: 200,
  });
  // Scoring happens once the call has closed.
  h.clock.now = new Date('2027-01-16T15:00:00Z');
  const criteria = [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 5, levels: [], linkedToNeeds: false }];
  const grid = (
    await h.json('PUT', `${base}/grid`, {
      as: 'coord',
      body: { version: null, criteria, mode: 'individual', rule: 'mean', normalize: false, disagreementThreshold: 15, assignments: null },
      expect: 201,
    })
  ).grid;
  const open = (await h.json('POST', `${base}/grid/open`, { as: 'coord', body: { version: grid.version, closesAt: '2027-02-15T22:00:00.000Z' }, expect: 200 }))
    .grid;
  await h.json('PUT', `${base}/scoring/proposals/${proposalId}/sheet`, {
    as: 'm1',
    body: { version: null, submit: true, scores: { [open.criteria[0].id]: { value: 4, comment: 'Commentaire confidentiel de m1' } } },
    expect: 200,
  });
});

describe('path identifiers', () => {
  it('refuses a key separator in a path id: the organization cannot read an evaluator’s sheet through the proposal route', async () => {
    const path = `/api/t/{t}/calls/${callId}%23SHEETS/proposals/${proposalId}%23USER%23m1`;
    for (const as of ['orgrep', 'coord', 'manager', 'm2']) {
      const res = await h.request('GET', path, { as });
      expect(res.status).toBe(404);
      expect(res.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
      const text = await res.text();
      expect(text).not.toContain('confidentiel');
      expect(JSON.parse(text)).toMatchObject({ type: '/problems/not-found', status: 404 });
    }
    // The same reads with clean ids still work.
    expect((await h.request('GET', `/api/t/{t}/calls/${callId}/proposals/${proposalId}`, { as: 'orgrep' })).status).toBe(200);
  });

  it('answers 404, not 500, to an id of 3 000 characters, on tenant routes and on the public consultation', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const long = 'a'.repeat(3000);
      for (const [path, as] of [
        [`/api/t/{t}/calls/${long}`, 'manager'],
        [`/api/t/{t}/calls/${callId}/proposals/${long}`, 'orgrep'],
        [`/api/t/{t}/envelopes/${long}`, 'manager'],
        [`/api/t/${long}/calls`, 'manager'],
        [`/api/public/consultations/${long}`, undefined],
        [`/api/public/consultations/abc%23LINK`, undefined],
        // Issue 13's routes: a forged recommendation number, proposal, table, tenant or call id reaches no key.
        [`/api/t/{t}/calls/${callId}/recommendation/minutes/1%23V%23000002`, 'manager'],
        [`/api/t/{t}/calls/${callId}/recommendation/minutes/0`, 'manager'],
        [`/api/t/{t}/calls/${callId}/recommendation/minutes/${'9'.repeat(40)}`, 'manager'],
        [`/api/t/{t}/calls/${callId}/decision/letters/${proposalId}%23USER%23m1`, 'orgrep'],
        [`/api/t/{t}/calls/${callId}/decision/letters/${long}`, 'manager'],
        [`/api/t/{t}/calls/${callId}%23HISTORY/history`, 'manager'],
        [`/api/public/results/${long}`, undefined],
        [`/api/public/results/{t}/calls/${callId}%23DECISION`, undefined],
        [`/api/public/results/{t}%23DECISIONS/calls/${callId}`, undefined],
      ] as const) {
        const res = await h.request('GET', path, as ? { as } : {});
        expect({ path: path.slice(0, 60), status: res.status }).toEqual({ path: path.slice(0, 60), status: 404 });
        expect((await res.json()).type).toBe('/problems/not-found');
      }
      const post = await h.request('POST', `/api/public/consultations/${'b'.repeat(3000)}/answers`, { body: { text: 'x' } });
      expect(post.status).toBe(404);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it('turns DynamoDB’s own refusal of a key into a 400 problem, as a last line', async () => {
    await expect(getItem(h.db, { pk: `T#${'x'.repeat(3000)}`, sk: 'CALL' })).rejects.toBeInstanceOf(MalformedRequestError);
  });
});
