/**
 * Issue 10, item 7: revision answers are versioned like every other write
 * (a stale answer is a 409 that changes nothing), and a withdrawn proposal
 * never answers again: the record never says "accepted" while the proposal
 * is withdrawn.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, fixtures, type Harness } from '../support/harness';
import { scoreAndClose, setupFitting, type FittingSetup } from '../support/allocation-setup';

let h: Harness;
/** Another tenant, unique to the test (the table is shared by every test file). */
const elsewhere = () => `${h.tenantId}-elsewhere`;
let s: FittingSetup;
const answer = (as: string, body: Record<string, unknown>) => h.request('POST', `${s.base}/revision/answers`, { as, body });
const revisionAs = (as: string) => h.json('GET', `${s.base}/revision`, { as, expect: 200 });

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  s = await setupFitting(h);
  await scoreAndClose(h, s);
  const scenario = await h.json('POST', `${s.base}/scenarios`, { as: 'coord', body: { name: 'Proportionnel', method: 'proportional' }, expect: 201 });
  await h.json('POST', `${s.base}/revision`, { as: 'coord', body: { scenarioId: scenario.id, deadline: '2027-02-01T22:00:00.000Z' }, expect: 201 });
});

describe('revision answers', () => {
  it('are versioned: a first answer over an existing one, or a stale version, is a 409 that changes nothing', async () => {
    const first = await answer('orgrep', { kind: 'accepted', proposalId: s.p1, answerVersion: null });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ kind: 'accepted', version: 1 });
    const p = await h.json('GET', `${s.base}/proposals/${s.p1}`, { as: 'orgrep' });
    const revised = { ...fixtures.content, requested: 1_200_000, minimum: 900_000, budgetLines: [{ label: 'Salaires', amount: 1_200_000 }] };

    // Another tab still thinks there is no answer.
    const blind = await answer('orgrep', { kind: 'revised', proposalId: s.p1, answerVersion: null, version: p.version, content: revised });
    expect(blind.status).toBe(409);
    expect(await blind.json()).toMatchObject({ type: '/problems/version-conflict', currentVersion: 1 });
    const stale = await answer('orgrep', { kind: 'accepted', proposalId: s.p1, answerVersion: 7 });
    expect(stale.status).toBe(409);
    // Nothing changed: neither the answer nor the proposal.
    expect((await revisionAs('coord')).answers).toEqual([expect.objectContaining({ proposalId: s.p1, kind: 'accepted', version: 1 })]);
    expect((await h.json('GET', `${s.base}/proposals/${s.p1}`, { as: 'orgrep' })).submittedVersions).toBe(1);

    // At its version, the answer changes.
    const changed = await answer('orgrep', { kind: 'revised', proposalId: s.p1, answerVersion: 1, version: p.version, content: revised });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ kind: 'revised', version: 2, requested: 1_200_000, previousRequested: 1_500_000 });
  });

  it('never come back once the proposal is withdrawn: the record cannot say accepted', async () => {
    const p = await h.json('GET', `${s.base}/proposals/${s.p2}`, { as: 'orgrep2' });
    await h.json('POST', `${s.base}/revision/answers`, {
      as: 'orgrep2',
      body: { kind: 'withdrawn', proposalId: s.p2, answerVersion: null, version: p.version },
      expect: 200,
    });
    const accept = await answer('orgrep2', { kind: 'accepted', proposalId: s.p2, answerVersion: 1 });
    expect(accept.status).toBe(409);
    expect(await accept.json()).toMatchObject({
      type: '/problems/invalid-state',
      detail: 'Ce projet a été retiré : il ne peut plus répondre à la ronde de révision.',
    });
    const after = await h.json('GET', `${s.base}/proposals/${s.p2}`, { as: 'orgrep2' });
    const revise = await answer('orgrep2', {
      kind: 'revised',
      proposalId: s.p2,
      answerVersion: 1,
      version: after.version,
      content: { ...fixtures.content, requested: 1_000_000, minimum: 800_000, budgetLines: [{ label: 'Salaires', amount: 1_000_000 }] },
    });
    expect(revise.status).toBe(409);
    expect((await revisionAs('coord')).answers).toEqual([expect.objectContaining({ proposalId: s.p2, kind: 'withdrawn' })]);
    expect((await revisionAs('orgrep2')).answers).toEqual([expect.objectContaining({ proposalId: s.p2, kind: 'withdrawn' })]);
  });

  it('read as withdrawn when the proposal was withdrawn on its own page after accepting', async () => {
    await h.json('POST', `${s.base}/revision/answers`, { as: 'orgrep', body: { kind: 'accepted', proposalId: s.p1, answerVersion: null }, expect: 200 });
    const p = await h.json('GET', `${s.base}/proposals/${s.p1}`, { as: 'orgrep' });
    await h.json('POST', `${s.base}/proposals/${s.p1}/withdraw`, { as: 'orgrep', body: { version: p.version }, expect: 200 });
    expect((await revisionAs('coord')).answers).toEqual([expect.objectContaining({ proposalId: s.p1, kind: 'withdrawn' })]);
    const mine = await h.json('GET', '/api/t/{t}/my/revision-requests', { as: 'orgrep', expect: 200 });
    expect(mine.items[0].answer).toMatchObject({ kind: 'withdrawn' });
    // Ending the round settles it as withdrawn, never as accepted.
    const round = (await revisionAs('coord')).round;
    const closed = await h.json('POST', `${s.base}/revision/close`, { as: 'coord', body: { version: round.version }, expect: 200 });
    expect(closed.settlement.proposals.find((x: { proposalId: string }) => x.proposalId === s.p1)).toMatchObject({
      outcome: 'withdrawn',
      requestedAfter: null,
    });
  });

  it('belong to their round: a later round starts with no answer, and takes first answers again', async () => {
    await h.json('POST', `${s.base}/revision/answers`, { as: 'orgrep', body: { kind: 'accepted', proposalId: s.p1, answerVersion: null }, expect: 200 });
    const first = (await revisionAs('coord')).round;
    h.clock.now = new Date('2027-02-02T12:00:00Z');
    await h.json('POST', `${s.base}/revision/close`, { as: 'coord', body: { version: first.version }, expect: 200 });
    const scenario = await h.json('POST', `${s.base}/scenarios`, { as: 'coord', body: { name: 'Glouton', method: 'greedy' }, expect: 201 });
    await h.json('POST', `${s.base}/revision`, { as: 'coord', body: { scenarioId: scenario.id, deadline: '2027-02-20T22:00:00.000Z' }, expect: 201 });
    expect((await revisionAs('coord')).answers).toEqual([]);
    const again = await answer('orgrep', { kind: 'accepted', proposalId: s.p1, answerVersion: null });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ version: 1, answeredAt: '2027-02-02T12:00:00.000Z' });
    expect((await answer('orgrep', { kind: 'accepted', proposalId: s.p1, answerVersion: null })).status).toBe(409);
  });

  it('keep others out: another organization, another tenant, an unknown round', async () => {
    expect((await answer('orgrep2', { kind: 'accepted', proposalId: s.p1, answerVersion: null })).status).toBe(404);
    expect((await answer('m1', { kind: 'accepted', proposalId: s.p1, answerVersion: null })).status).toBe(403);
    await h.addMember('outsider', ['organization'], 'org-elsewhere', elsewhere());
    expect(
      (
        await h.request('POST', `/api/t/${elsewhere()}/calls/${s.callId}/revision/answers`, {
          as: 'outsider',
          body: { kind: 'accepted', proposalId: s.p1, answerVersion: null },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await h.request('POST', '/api/t/{t}/calls/call-ghost/revision/answers', {
          as: 'orgrep',
          body: { kind: 'accepted', proposalId: s.p1, answerVersion: null },
        })
      ).status,
    ).toBe(404);
    // answerVersion is required.
    const missing = await answer('orgrep', { kind: 'accepted', proposalId: s.p1 });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors[0].path).toBe('answerVersion');
  });
});
