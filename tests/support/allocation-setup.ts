/**
 * A call ready for budget fitting, for the allocation tests: two
 * organizations, each with a representative, one eligible proposal each,
 * and table members; scoring closes on demand.
 */
import { fixtures, setupCall, type Harness } from './harness';

/** A moment after the call closed: scoring, scenarios, the revision round and the vote happen from here. */
const AFTER_CALL = '2027-01-20T15:00:00.000Z';

export interface FittingSetup {
  callId: string;
  base: string;
  org1: string;
  org2: string;
  p1: string;
  p2: string;
}

async function submittedProposal(h: Harness, base: string, as: string, requested: number, minimum: number, lines?: { label: string; amount: number }[]) {
  const content = { ...fixtures.content, requested, minimum, budgetLines: lines ?? [{ label: 'Salaires', amount: requested }] };
  const d = await h.json('POST', `${base}/proposals`, { as, body: { draft: {} }, expect: 201 });
  const s = await h.json('POST', `${base}/proposals/${d.id}/submit`, { as, body: { version: 1, content }, expect: 200 });
  const call = await h.json('GET', base, { as: 'coord' });
  await h.json('PUT', `${base}/proposals/${d.id}/screening`, {
    as: 'coord',
    body: { version: s.version, results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })) },
    expect: 200,
  });
  return d.id as string;
}

/** Submitted while the call is open (the clock then moves past its closing). Members m1 (no organization), m2 (represents org1) and m3 (represents org2); p1 by org1 (15 000 $), p2 by org2 (14 000 $). */
export async function setupFitting(h: Harness, opts: { p1Lines?: { label: string; amount: number }[]; amountAvailable?: number } = {}): Promise<FittingSetup> {
  const { call, org } = await setupCall(h, opts.amountAvailable ? { amountAvailable: opts.amountAvailable } : {}); // 32 000 $ available unless said
  const base = `/api/t/{t}/calls/${call.id}`;
  const org2 = await h.json('POST', '/api/t/{t}/organizations', {
    as: 'manager',
    body: fixtures.organization(`3${String(Date.now()).slice(-9)}`),
    expect: 201,
  });
  await h.addMember('orgrep2', ['organization'], org2.id);
  await h.addMember('m1', ['member']);
  await h.addMember('m2', ['member'], org.id);
  await h.addMember('m3', ['member'], org2.id);
  const p1 = await submittedProposal(h, base, 'orgrep', 1_500_000, 1_000_000, opts.p1Lines);
  const p2 = await submittedProposal(h, base, 'orgrep2', 1_400_000, 800_000);
  // The call has closed (2027-01-15 17 h 00) before the table scores and fits.
  h.clock.now = new Date(AFTER_CALL);
  return { callId: call.id, base, org1: org.id, org2: org2.id, p1, p2 };
}

/** A one-criterion grid, m1 scores p1 9 and p2 6, and scoring ends. */
export async function scoreAndClose(h: Harness, s: FittingSetup) {
  const criteria = [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 10, levels: [], linkedToNeeds: false }];
  const g = (
    await h.json('PUT', `${s.base}/grid`, {
      as: 'coord',
      body: { version: null, criteria, mode: 'individual', rule: 'mean', normalize: false, disagreementThreshold: 15, assignments: null },
      expect: 201,
    })
  ).grid;
  const open = (await h.json('POST', `${s.base}/grid/open`, { as: 'coord', body: { version: g.version, closesAt: '2027-02-15T22:00:00.000Z' }, expect: 200 }))
    .grid;
  const c = open.criteria[0].id;
  await h.json('PUT', `${s.base}/scoring/proposals/${s.p1}/sheet`, {
    as: 'm1',
    body: { version: null, submit: true, scores: { [c]: { value: 9, comment: '' } } },
    expect: 200,
  });
  await h.json('PUT', `${s.base}/scoring/proposals/${s.p2}/sheet`, {
    as: 'm1',
    body: { version: null, submit: true, scores: { [c]: { value: 6, comment: '' } } },
    expect: 200,
  });
  return (await h.json('POST', `${s.base}/grid/close`, { as: 'coord', body: { version: open.version }, expect: 200 })).grid;
}
