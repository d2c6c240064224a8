/**
 * Reads under a call that does not exist in the caller's tenant (never
 * created, or another tenant's) answer 404 like the call itself; some
 * answered 200 with empty data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../functions/lib/ids';
import { createHarness, setupCall, type Harness } from '../support/harness';

let h: Harness;
let other: Harness;
let otherCallId: string;
let ownCallId: string;

const READS = ['grid', 'revision', 'pb-vote', 'pb-vote/results', 'scenarios', 'scoring/mine', 'scoring/results', 'proposals', 'summary'];

beforeAll(async () => {
  h = await createHarness();
  ownCallId = (await setupCall(h)).call.id;
  await h.addMember('m1', ['member']);
  other = await createHarness();
  otherCallId = (await setupCall(other)).call.id;
});

describe('a call that is not there', () => {
  it('answers 404 to every read beneath it, for the coordinator, the manager and a member', async () => {
    for (const callId of [newId(), otherCallId]) {
      for (const read of READS) {
        for (const as of ['coord', 'manager', 'm1']) {
          const res = await h.request('GET', `/api/t/{t}/calls/${callId}/${read}`, { as });
          expect({ read, as, status: res.status }).toEqual({ read, as, status: 404 });
          expect((await res.json()).type).toBe('/problems/not-found');
        }
      }
    }
  });

  it('answers writes beneath it with 404 too, before looking at the body', async () => {
    const res = await h.request('POST', `/api/t/{t}/calls/${newId()}/scenarios`, { as: 'coord', body: { method: 'greedy' } });
    expect(res.status).toBe(404);
  });

  it('still answers the reads of a call that exists', async () => {
    for (const read of ['grid', 'revision', 'pb-vote', 'scenarios']) {
      const res = await h.request('GET', `/api/t/{t}/calls/${ownCallId}/${read}`, { as: 'coord' });
      expect({ read, status: res.status }).not.toEqual({ read, status: 404 });
      expect(res.status).toBeLessThan(500);
    }
  });
});
