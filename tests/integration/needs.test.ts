/**
 * Needs study and prioritization against DynamoDB Local: needs recorded and
 * merged, rounds voted by members (one ballot each, deadline enforced by
 * the server), results, retention with explicit tie-breaks, PrefLib export
 * and import, and the public consultation (no account, rate-limited).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { queryAll } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import { CONSULTATION_PER_MINUTE } from '../../functions/needs/app';
import { createHarness, setupCall, type Harness } from '../support/harness';
import { canonical } from '../../shared/ranking/methods';

let h: Harness;
let studyId: string;
let needs: { id: string; version: number; statement: string }[];

const study = (suffix = '') => `/api/t/{t}/studies/${studyId}${suffix}`;
const need = (statement: string, category = 'transport', sources = ['workers']) =>
  h.json('POST', study('/needs'), { as: 'coord', body: { statement, category, sources, notes: '' }, expect: 201 });

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  const { call } = await setupCall(h);
  for (const m of ['m1', 'm2', 'm3']) await h.addMember(m, ['member']);
  const s = await h.json('POST', '/api/t/{t}/studies', { as: 'coord', body: { title: 'Besoins des jeunes parents', callId: call.id }, expect: 201 });
  studyId = s.id;
  needs = [];
  for (const [statement, category] of [
    ['Transport vers les activités', 'transport'],
    ['Lieux pour socialiser', 'socializing'],
    ['Halte-garderie', 'childcare'],
    ['Logement abordable', 'housing'],
  ] as const)
    needs.push(await need(statement, category));
});

async function openRound(body: Record<string, unknown> = {}) {
  return h.json('POST', study('/rounds'), {
    as: 'coord',
    body: { title: 'Tour 1', method: 'ranking', pointsBudget: null, approvalMax: null, closesAt: '2026-11-30T22:00:00.000Z', ...body },
    expect: 201,
  });
}
const ballot = (roundId: string, as: string, body: Record<string, unknown>) =>
  h.request('PUT', study(`/rounds/${roundId}/ballot`), { as, body: { version: null, ...body } });
const ids = (n: number[]) => n.map((i) => needs[i]!.id);

describe('needs', () => {
  it('merges duplicates: the merged need keeps every source; the absorbed one points to it and no longer changes', async () => {
    const dup = await need('Transport pour se rendre aux activités', 'transport', ['people', 'survey']);
    const merged = await h.json('POST', study('/merge'), {
      as: 'coord',
      body: { into: { id: needs[0]!.id, version: 1 }, from: [{ id: dup.id, version: 1 }] },
      expect: 200,
    });
    expect(merged.sources.sort()).toEqual(['people', 'survey', 'workers']);
    expect(merged.notes).toContain('Transport pour se rendre aux activités');
    const all = await h.json('GET', study(), { as: 'm1', expect: 200 });
    expect(all.needs.find((n: { id: string }) => n.id === dup.id)).toMatchObject({ status: 'merged', mergedInto: needs[0]!.id });
    const edit = await h.request('PUT', study(`/needs/${dup.id}`), {
      as: 'coord',
      body: { version: 2, statement: 'x', category: 'other', sources: ['people'], notes: '' },
    });
    expect(edit.status).toBe(409);
    // A stale merge (version already moved on) changes nothing.
    const stale = await h.request('POST', study('/merge'), {
      as: 'coord',
      body: { into: { id: needs[1]!.id, version: 1 }, from: [{ id: needs[2]!.id, version: 7 }] },
    });
    expect(stale.status).toBe(409);
    expect((await h.json('GET', study(), { as: 'coord' })).needs.find((n: { id: string }) => n.id === needs[1]!.id).version).toBe(1);
  });

  it('refuses needs once the study is closed, and members cannot write needs', async () => {
    expect((await h.request('POST', study('/needs'), { as: 'm1', body: { statement: 'x', category: 'other', sources: ['people'], notes: '' } })).status).toBe(
      403,
    );
    await h.json('PUT', study(), { as: 'coord', body: { version: 1, title: 'Besoins', status: 'closed' }, expect: 200 });
    const late = await h.request('POST', study('/needs'), { as: 'coord', body: { statement: 'Tard', category: 'other', sources: ['people'], notes: '' } });
    expect(late.status).toBe(409);
    expect((await late.json()).type).toBe('/problems/closed');
  });

  it('validates needs: category, at least one source, no source twice, unknown fields', async () => {
    const res = await h.request('POST', study('/needs'), {
      as: 'coord',
      body: { statement: '', category: 'weather', sources: ['people', 'people'], notes: '', extra: 1 },
    });
    expect(res.status).toBe(400);
    const paths = (await res.json()).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['statement', 'category', 'sources.1', 'extra']));
  });

  it('answers 404 for another tenant’s study', async () => {
    await h.addMember('stranger', ['coordinator'], null, 't-other-tenant');
    const res = await h.request('GET', `/api/t/t-other-tenant/studies/${studyId}`, { as: 'stranger' });
    expect(res.status).toBe(404);
  });
});

describe('prioritization rounds', () => {
  it('collects one ballot per member, changeable until the round closes, then shows Schulze with Borda beside it', async () => {
    const round = await openRound();
    expect(round.needs.map((n: { id: string }) => n.id)).toEqual(ids([0, 1, 2, 3]));
    const b1 = await (await ballot(round.id, 'm1', { ranking: [ids([2]), ids([0]), ids([1])] })).json();
    expect(b1.version).toBe(1);
    await ballot(round.id, 'm2', { ranking: [ids([0]), ids([2])] });
    // m1 changes their mind; a stale resend is refused.
    expect((await ballot(round.id, 'm1', { version: 1, ranking: [ids([0, 2]), ids([1])] })).status).toBe(200);
    expect((await ballot(round.id, 'm1', { version: 1, ranking: [ids([3])] })).status).toBe(409);
    expect((await ballot(round.id, 'm1', { ranking: [ids([3])] })).status).toBe(409);
    const view = await h.json('GET', study(`/rounds/${round.id}`), { as: 'm1', expect: 200 });
    expect(view.myBallot.ranking).toEqual([ids([0, 2]), ids([1])]);
    expect(view.round.result).toBeNull();

    const closed = await h.json('POST', study(`/rounds/${round.id}/close`), { as: 'coord', body: { version: round.version }, expect: 200 });
    // m1: {need0, need2} > need1 > need3 ; m2: need0 > need2 > {need1, need3}.
    expect(closed.result.primary.order).toEqual([ids([0]), ids([2]), ids([1]), ids([3])]);
    expect(closed.result.borda.scores).toEqual({ [needs[0]!.id]: 2.5 + 3, [needs[1]!.id]: 1 + 0.5, [needs[2]!.id]: 2.5 + 2, [needs[3]!.id]: 0 + 0.5 });
    expect(closed.result).toMatchObject({ participants: 2, eligibleVoters: 3 });
    expect((await ballot(round.id, 'm3', { ranking: [ids([3])] })).status).toBe(409);
  });

  it('takes ballots from table members only: not the coordinator, not an organization, not another tenant', async () => {
    const round = await openRound();
    expect((await ballot(round.id, 'coord', { ranking: [ids([0])] })).status).toBe(403);
    expect((await ballot(round.id, 'orgrep', { ranking: [ids([0])] })).status).toBe(403);
    await h.addMember('outsider', ['member'], null, 't-elsewhere');
    const other = await h.request('PUT', `/api/t/t-elsewhere/studies/${studyId}/rounds/${round.id}/ballot`, {
      as: 'outsider',
      body: { version: null, ranking: [ids([0])] },
    });
    expect(other.status).toBe(404);
    expect(await queryAll(h.db, keys.ballotsOfRound(h.tenantId, round.id))).toHaveLength(0);
  });

  it('refuses a ballot after the deadline with the closing time, even before the coordinator closes the round', async () => {
    const round = await openRound();
    h.clock.now = new Date('2026-11-30T22:00:00.000Z');
    const res = await ballot(round.id, 'm1', { ranking: [ids([0])] });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.type).toBe('/problems/closed');
    expect(body.detail).toContain('2026-11-30 17 h 00');
  });

  it('keeps exactly one ballot when a member sends four first ballots at once', async () => {
    const round = await openRound();
    const results = await Promise.all([0, 1, 2, 3].map((i) => ballot(round.id, 'm1', { ranking: [ids([i])] })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const stored = await queryAll(h.db, keys.ballotsOfRound(h.tenantId, round.id));
    expect(stored).toHaveLength(1);
  });

  it.each([
    ['an unknown need', { ranking: [['need-unknown']] }, 'ranking.0.0', 'unknown_need'],
    ['a need twice', { ranking: [['{0}'], ['{0}']] }, 'ranking.1.0', 'need_twice'],
    ['points in a ranking round', { points: { '{0}': 3 } }, 'ranking', 'wrong_ballot_kind'],
  ])('refuses a ballot naming %s, and stores nothing', async (_, body, path, code) => {
    const round = await openRound();
    const fill = JSON.parse(JSON.stringify(body).replaceAll('{0}', needs[0]!.id));
    const res = await ballot(round.id, 'm1', fill);
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([expect.objectContaining({ path, code })]);
    expect(await queryAll(h.db, keys.ballotsOfRound(h.tenantId, round.id))).toHaveLength(0);
  });

  it('refuses points over the budget and approvals over the maximum; tallies both', async () => {
    const points = await openRound({ method: 'points', pointsBudget: 10 });
    const over = await ballot(points.id, 'm1', { points: { [needs[0]!.id]: 6, [needs[1]!.id]: 5 } });
    expect(over.status).toBe(400);
    expect((await over.json()).errors[0]).toMatchObject({ path: 'points', code: 'points_over_budget' });
    await ballot(points.id, 'm1', { points: { [needs[0]!.id]: 6, [needs[1]!.id]: 4 } });
    await ballot(points.id, 'm2', { points: { [needs[1]!.id]: 10 } });
    const p = await h.json('POST', study(`/rounds/${points.id}/close`), { as: 'coord', body: { version: 1 }, expect: 200 });
    expect(p.result.primary.order[0]).toEqual(ids([1]));
    expect(p.result.primary.scores[needs[1]!.id]).toBe(14);

    const approval = await openRound({ method: 'approval', approvalMax: 2 });
    const tooMany = await ballot(approval.id, 'm1', { approved: ids([0, 1, 2]) });
    expect((await tooMany.json()).errors[0]).toMatchObject({ path: 'approved', code: 'too_many_approvals' });
    expect((await openRoundRaw({ method: 'approval', approvalMax: null })).status).toBe(400);
  });

  it('retains the top needs, requires an explicit tie-break when the cut splits a tie, and records referrals', async () => {
    const round = await openRound();
    await ballot(round.id, 'm1', { ranking: [ids([0]), ids([1]), ids([2])] });
    await ballot(round.id, 'm2', { ranking: [ids([0]), ids([2]), ids([1])] });
    const closed = await h.json('POST', study(`/rounds/${round.id}/close`), { as: 'coord', body: { version: 1 }, expect: 200 });
    expect(closed.result.primary.order).toEqual([ids([0]), canonical(ids([1, 2])), ids([3])]);
    const cut = await h.request('PUT', study(`/rounds/${round.id}/retention`), {
      as: 'coord',
      body: { version: 2, retainedNeedIds: ids([0, 1]), referrals: [], tieBreak: '' },
    });
    expect(cut.status).toBe(400);
    const problem = (await cut.json()).errors[0];
    expect(problem).toMatchObject({ path: 'tieBreak', code: 'tie_break_required' });
    expect(problem.message.fr).toContain('(Halte-garderie = Lieux pour socialiser)');
    const kept = await h.json('PUT', study(`/rounds/${round.id}/retention`), {
      as: 'coord',
      body: {
        version: 2,
        retainedNeedIds: ids([0, 1]),
        referrals: [{ needId: needs[3]!.id, body: 'Office municipal d’habitation', note: 'Hors mandat de la table' }],
        tieBreak: 'Vote à main levée de la table le 2026-12-01 : 5 contre 3.',
      },
      expect: 200,
    });
    expect(kept.retention).toMatchObject({
      retainedNeedIds: ids([0, 1]),
      tieBreak: 'Vote à main levée de la table le 2026-12-01 : 5 contre 3.',
      referrals: [{ body: 'Office municipal d’habitation' }],
    });
  });

  it('exports its ballots in PrefLib and imports paper ballots from a PrefLib file, with the line of any error', async () => {
    const round = await openRound();
    await ballot(round.id, 'm1', { ranking: [ids([1]), ids([0, 3])] });
    const exported = await h.request('GET', study(`/rounds/${round.id}/preflib`), { as: 'coord' });
    expect(exported.status).toBe(200);
    const text = await exported.text();
    expect(text).toContain('# DATA TYPE: toi');
    expect(text).toContain('# ALTERNATIVE NAME 2: Lieux pour socialiser');
    expect(text).toContain('1: 2,{1,4}');
    const bad = await h.request('POST', study(`/rounds/${round.id}/preflib`), {
      as: 'coord',
      body: { version: 1, fileName: 'papier.soi', text: '# NUMBER ALTERNATIVES: 4\n2: 3,{1,2}\n' },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toContain('ligne 2 : attendu un ordre strict');
    const imported = await h.json('POST', study(`/rounds/${round.id}/preflib`), {
      as: 'coord',
      body: { version: 1, fileName: 'papier.soi', text: '# NUMBER ALTERNATIVES: 4\n3: 3,1\n' },
      expect: 200,
    });
    expect(imported.importedFiles[0]).toMatchObject({ fileName: 'papier.soi', voters: 3 });
    const closed = await h.json('POST', study(`/rounds/${round.id}/close`), { as: 'coord', body: { version: imported.version }, expect: 200 });
    expect(closed.result.primary.order[0]).toEqual(ids([2]));
    expect(closed.result.participants).toBe(4);
  });
});

async function openRoundRaw(body: Record<string, unknown>) {
  return h.request('POST', study('/rounds'), {
    as: 'coord',
    body: { title: 'Tour', method: 'ranking', pointsBudget: null, approvalMax: null, closesAt: '2026-11-30T22:00:00.000Z', ...body },
  });
}

describe('public consultation', () => {
  async function openConsultation() {
    const s = await h.json('PUT', study('/consultation'), { as: 'coord', body: { version: 1, open: true }, expect: 200 });
    return s.consultation.token as string;
  }
  const answer = (token: string, body: unknown) => h.request('POST', `/api/public/consultations/${token}/answers`, { body });

  it('takes answers without an account, keeps no identity, and the coordinator moderates them into needs', async () => {
    const token = await openConsultation();
    const page = await h.json('GET', `/api/public/consultations/${token}`, { expect: 200 });
    expect(page).toMatchObject({ title: 'Besoins des jeunes parents', open: true });
    expect(page.needs).toHaveLength(4);
    const res = await answer(token, { proposedNeeds: ['Des ateliers de cuisine'], preferredNeedIds: ids([2]) });
    expect(res.status).toBe(201);
    const list = await h.json('GET', study('/answers'), { as: 'coord', expect: 200 });
    expect(list.items).toHaveLength(1);
    expect(Object.keys(list.items[0]).sort()).toEqual(['id', 'moderation', 'needIds', 'preferredNeedIds', 'proposedNeeds', 'receivedAt', 'studyId', 'version']);
    const a = list.items[0];
    const moderated = await h.json('PUT', study(`/answers/${a.id}`), {
      as: 'coord',
      body: { version: 1, decision: 'accepted', newNeeds: [{ statement: 'Ateliers de cuisine collective', category: 'food' }] },
      expect: 200,
    });
    expect(moderated.needIds).toHaveLength(1);
    const all = await h.json('GET', study(), { as: 'coord' });
    expect(all.needs.find((n: { id: string }) => n.id === moderated.needIds[0])).toMatchObject({
      statement: 'Ateliers de cuisine collective',
      sources: ['consultation'],
    });
    // Members do not see the link's token.
    expect((await h.json('GET', study(), { as: 'm1' })).study.consultation.token).toBeNull();
  });

  it('refuses oversized text, unknown needs, empty answers, and answers once closed', async () => {
    const token = await openConsultation();
    expect((await answer(token, { proposedNeeds: ['x'.repeat(501)], preferredNeedIds: [] })).status).toBe(400);
    expect((await answer(token, { proposedNeeds: [], preferredNeedIds: ['need-nope'] })).status).toBe(400);
    const empty = await answer(token, { proposedNeeds: [], preferredNeedIds: [] });
    expect((await empty.json()).errors[0].code).toBe('answer_empty');
    await h.json('PUT', study('/consultation'), { as: 'coord', body: { version: 2, open: false }, expect: 200 });
    const closed = await answer(token, { proposedNeeds: ['Tard'], preferredNeedIds: [] });
    expect(closed.status).toBe(409);
    expect((await closed.json()).detail).toContain('Cette consultation est terminée');
    expect((await h.request('GET', '/api/public/consultations/not-a-real-token')).status).toBe(404);
  });

  it(`is rate-limited to ${CONSULTATION_PER_MINUTE} answers a minute per link, with a clear message and nothing stored beyond`, async () => {
    const token = await openConsultation();
    for (let i = 0; i < CONSULTATION_PER_MINUTE; i++) expect((await answer(token, { proposedNeeds: [`Besoin ${i}`], preferredNeedIds: [] })).status).toBe(201);
    const limited = await answer(token, { proposedNeeds: ['Un de trop'], preferredNeedIds: [] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await limited.json()).detail).toContain('Votre réponse n’a pas été enregistrée');
    expect((await h.json('GET', study('/answers?limit=200'), { as: 'coord' })).items).toHaveLength(CONSULTATION_PER_MINUTE);
    h.clock.now = new Date('2026-11-23T15:01:00Z');
    expect((await answer(token, { proposedNeeds: ['Minute suivante'], preferredNeedIds: [] })).status).toBe(201);
  });
});

describe('retained needs on the call', () => {
  it('copies the retained needs into a call; proposals declare the needs they answer; the summary counts them per need', async () => {
    const round = await openRound();
    await ballot(round.id, 'm1', { ranking: [ids([2]), ids([0])] });
    await h.json('POST', study(`/rounds/${round.id}/close`), { as: 'coord', body: { version: 1 }, expect: 200 });
    const body = await callBody();
    const noRetention = await h.request('POST', '/api/t/{t}/calls', { as: 'manager', body: { ...body, needsFrom: { studyId, roundId: round.id } } });
    expect(noRetention.status).toBe(422);
    await h.json('PUT', study(`/rounds/${round.id}/retention`), {
      as: 'coord',
      body: { version: 2, retainedNeedIds: ids([2, 0]), referrals: [], tieBreak: '' },
      expect: 200,
    });
    const call = await h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: { ...body, needsFrom: { studyId, roundId: round.id } }, expect: 201 });
    expect(call.needs.map((n: { id: string }) => n.id)).toEqual(ids([2, 0]));
    await h.json('POST', `/api/t/{t}/calls/${call.id}/publish`, { as: 'manager', body: { version: 1 }, expect: 200 });

    const p = await h.json('POST', `/api/t/{t}/calls/${call.id}/proposals`, { as: 'orgrep', body: { draft: { needIds: ['need-nope'] } } });
    expect(p.errors[0]).toMatchObject({ path: 'draft.needIds.0', code: 'unknown_need' });
    const draft = await h.json('POST', `/api/t/{t}/calls/${call.id}/proposals`, { as: 'orgrep', body: { draft: {} }, expect: 201 });
    const { fixtures } = await import('../support/harness');
    await h.json('POST', `/api/t/{t}/calls/${call.id}/proposals/${draft.id}/submit`, {
      as: 'orgrep',
      body: { version: 1, content: { ...fixtures.content, needIds: ids([2]) } },
      expect: 200,
    });
    const summary = await h.json('GET', `/api/t/{t}/calls/${call.id}/summary`, { as: 'coord', expect: 200 });
    expect(summary.byNeed).toEqual([
      { needId: needs[2]!.id, statement: 'Halte-garderie', proposals: 1, requested: 1_000_000 },
      { needId: needs[0]!.id, statement: 'Transport vers les activités', proposals: 0, requested: 0 },
    ]);
  });
});

async function callBody() {
  const { fixtures } = await import('../support/harness');
  const env = await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: { ...fixtures.envelope, title: 'Deuxième enveloppe' }, expect: 201 });
  return fixtures.call(env.id);
}
