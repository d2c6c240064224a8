/**
 * An envelope's dollars are counted once: what its calls promise (`committed`/`remaining`) and what agreements
 * funded from elsewhere commit there (a renewal, a multi-year agreement's later year) cannot both count on the
 * same money. An agreement's first year, promised by its own call, moves the ledger only; a year no call of the
 * envelope promised also takes from what the calls may promise, conditioned in the signature's transaction.
 * (Found walking the demo: a renewal signed into an envelope whose open call promised all of it.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../shared/agreements';
import { createEnvelope, putAgreementAs, type AgreementSpec } from '../support/agreements';
import { createHarness, fixtures, type Harness } from '../support/harness';

let h: Harness;
let org: { id: string; legalName: string };

beforeAll(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  await h.addMember('manager', ['manager']);
  org = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('2222222222'), expect: 201 });
  await h.addMember('orgrep', ['organization'], org.id);
});

/** 400 000 $ − 20 % = 320 000 $, 10 % of it: 32 000 $ available in the fixtures' envelope. */
const AVAILABLE = 3_200_000;

/** An envelope of `fy` whose call promises `promised` of its 32 000 $. */
async function envelopeWithCall(fy: number, promised: number) {
  const env = await createEnvelope(h, fy);
  await h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(env.id, { amountAvailable: promised }), expect: 201 });
  return env;
}

const envelope = (id: string) => h.json('GET', `/api/t/{t}/envelopes/${id}`, { as: 'manager', expect: 200 });

const spec = (envelopeId: string, fy: number, cents: number): AgreementSpec => ({
  organization: { id: org.id, name: org.legalName },
  period: { start: `${fy}-04-01`, end: `${fy + 1}-03-31` },
  years: [{ fiscalYear: fy, envelopeId, cents }],
  schedule: { kind: 'single' },
});

const signForInstitution = (a: Agreement) =>
  h.request('POST', `/api/t/{t}/agreements/${a.id}/signatures/institution`, { as: 'manager', body: { version: a.version, title: 'Gestionnaire' } });

describe('one envelope, its calls and the agreements it funds', () => {
  it('a renewal into an envelope whose call promised all of it is refused, naming what is left to promise; nothing moves', async () => {
    const env = await envelopeWithCall(2030, AVAILABLE);
    const renewal = await putAgreementAs(h, spec(env.id, 2030, 500_000), { renewalOf: 'earlier-agreement' });
    const res = await signForInstitution(renewal);
    expect(res.status).toBe(422);
    const problem = await res.json();
    expect(problem.detail.replace(/[\u00a0\u202f]/g, ' ')).toContain(
      'ses appels de projets en promettent déjà l’essentiel, il n’en reste que 0,00 $ à promettre',
    );
    expect(problem.messages.detail.en).toContain('only $0.00 is left to promise');
    expect(await envelope(env.id)).toMatchObject({ committed: AVAILABLE, remaining: 0, ledgerCommitted: 0, ledgerRemaining: AVAILABLE });
    const after = await h.json('GET', `/api/t/{t}/agreements/${renewal.id}`, { as: 'manager', expect: 200 });
    expect(after.status).toBe('signed-by-organization');
  });

  it('a renewal that fits what the calls leave is signed: it takes from the ledger and from what calls may promise', async () => {
    const env = await envelopeWithCall(2031, 2_000_000);
    const renewal = await putAgreementAs(h, spec(env.id, 2031, 500_000), { renewalOf: 'earlier-agreement' });
    expect((await signForInstitution(renewal)).status).toBe(200);
    expect(await envelope(env.id)).toMatchObject({
      committed: 2_500_000,
      remaining: AVAILABLE - 2_500_000,
      ledgerCommitted: 500_000,
      ledgerRemaining: AVAILABLE - 500_000,
    });
    // A new call can no longer promise the renewal's dollars: 12 000 $ − 5 000 $ = 7 000 $ are left.
    const refused = await h.request('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(env.id, { amountAvailable: 1_500_000 }) });
    expect(refused.status).toBe(422);
    expect((await refused.json()).remaining).toBe(700_000);
  });

  it('an agreement’s first year, promised by its own call, moves the ledger only; its second year, in the next envelope, the calls’ promise there too', async () => {
    const first = await envelopeWithCall(2032, AVAILABLE);
    const next = await envelopeWithCall(2033, 3_000_000);
    const twoYears = await putAgreementAs(h, spec(first.id, 2032, 0), {
      period: { start: '2032-04-01', end: '2034-03-31' },
      years: [
        { fiscalYear: 2032, envelopeId: first.id, cents: 400_000 },
        { fiscalYear: 2033, envelopeId: next.id, cents: 150_000 },
      ],
      amount: 550_000,
    });
    expect((await signForInstitution(twoYears)).status).toBe(200);
    expect(await envelope(first.id)).toMatchObject({ committed: AVAILABLE, remaining: 0, ledgerCommitted: 400_000 });
    expect(await envelope(next.id)).toMatchObject({ committed: 3_150_000, remaining: 50_000, ledgerCommitted: 150_000 });
  });
});
