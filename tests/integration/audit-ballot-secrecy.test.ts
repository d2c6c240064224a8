/**
 * Issue 10, item 6: nothing of a vote's ballots, imported paper ballots or
 * tallies reaches a member while it is not closed — in a needs
 * prioritization round as in the members' approval vote. Those who run the
 * vote see them throughout; members once the coordinator has closed it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { setupFitting, type FittingSetup } from '../support/allocation-setup';

let h: Harness;

beforeEach(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
});

describe('a needs prioritization round', () => {
  let studyPath: string;
  let needIds: string[];

  beforeEach(async () => {
    await h.addMember('coord', ['coordinator']);
    await h.addMember('m1', ['member']);
    const study = await h.json('POST', '/api/t/{t}/studies', { as: 'coord', body: { title: 'Besoins', callId: null }, expect: 201 });
    studyPath = `/api/t/{t}/studies/${study.id}`;
    needIds = [];
    for (const statement of ['Transport', 'Halte-garderie', 'Lieux pour socialiser']) {
      needIds.push(
        (await h.json('POST', `${studyPath}/needs`, { as: 'coord', body: { statement, category: 'other', sources: ['workers'], notes: '' }, expect: 201 })).id,
      );
    }
  });

  it('keeps imported paper ballots from members while the round accepts ballots, and shows them once closed', async () => {
    const round = await h.json('POST', `${studyPath}/rounds`, {
      as: 'coord',
      body: { title: 'Tour 1', method: 'ranking', pointsBudget: null, approvalMax: null, closesAt: '2026-11-30T22:00:00.000Z' },
      expect: 201,
    });
    const imported = await h.json('POST', `${studyPath}/rounds/${round.id}/preflib`, {
      as: 'coord',
      body: { version: round.version, fileName: 'papier.soi', text: '# NUMBER ALTERNATIVES: 3\n4: 3,1\n' },
      expect: 200,
    });
    expect(imported.importedBallots).toHaveLength(1); // the coordinator sees them

    const member = await h.json('GET', `${studyPath}/rounds/${round.id}`, { as: 'm1', expect: 200 });
    expect(member.round.acceptingBallots).toBe(true);
    expect(member.round).not.toHaveProperty('importedBallots');
    expect(member.round).not.toHaveProperty('importedFiles');
    expect(member.round.result).toBeNull();
    const study = await h.json('GET', studyPath, { as: 'm1', expect: 200 });
    expect(study.rounds[0]).not.toHaveProperty('importedBallots');
    expect(study.rounds[0]).not.toHaveProperty('importedFiles');
    expect(JSON.stringify(study)).not.toContain('papier.soi');
    // Past its closing time but not yet closed by the coordinator: still withheld.
    h.clock.now = new Date('2026-12-01T12:00:00Z');
    const late = await h.json('GET', `${studyPath}/rounds/${round.id}`, { as: 'm1' });
    expect(late.round.acceptingBallots).toBe(false);
    expect(late.round).not.toHaveProperty('importedBallots');

    const coord = await h.json('GET', `${studyPath}/rounds/${round.id}`, { as: 'coord' });
    expect(coord.round.importedFiles[0]).toMatchObject({ fileName: 'papier.soi', voters: 4 });
    await h.json('POST', `${studyPath}/rounds/${round.id}/close`, { as: 'coord', body: { version: imported.version }, expect: 200 });
    const closed = await h.json('GET', `${studyPath}/rounds/${round.id}`, { as: 'm1' });
    expect(closed.round.importedFiles[0]).toMatchObject({ fileName: 'papier.soi' });
    expect(closed.round.result.primary.order[0]).toEqual([needIds[2]]);
  });
});

describe('the members’ approval vote', () => {
  let s: FittingSetup;

  beforeEach(async () => {
    s = await setupFitting(h);
  });

  it('keeps imported ballots, their files and the tally from members until the vote is closed', async () => {
    const vote = await h.json('POST', `${s.base}/pb-vote`, { as: 'coord', body: { closesAt: '2027-02-01T22:00:00.000Z' }, expect: 201 });
    const pb = `META\nkey;value\ndescription;papier\nnum_projects;1\nnum_votes;2\nbudget;32000\nvote_type;approval\nPROJECTS\nproject_id;cost\n${s.p1};15000\nVOTES\nvoter_id;vote\n1;${s.p1}\n2;${s.p1}\n`;
    const imported = await h.json('POST', `${s.base}/pb-vote/import`, {
      as: 'coord',
      body: { version: vote.version, fileName: 'papier.pb', text: pb },
      expect: 200,
    });
    expect(imported.imported).toEqual([[s.p1], [s.p1]]);
    await h.json('PUT', `${s.base}/pb-vote/ballot`, { as: 'm1', body: { version: null, approved: [s.p2] }, expect: 200 });

    const member = await h.json('GET', `${s.base}/pb-vote`, { as: 'm1', expect: 200 });
    expect(member.acceptingBallots).toBe(true);
    expect(member.vote.imported).toEqual([]);
    expect(member.vote.importedFiles).toEqual([]);
    expect(member.ballots).toBeNull();
    expect(member.resultsVisible).toBe(false);
    expect(JSON.stringify(member)).not.toContain('papier.pb');
    const tally = await h.request('GET', `${s.base}/pb-vote/results`, { as: 'm1' });
    expect(tally.status).toBe(409);
    expect((await tally.json()).detail).toContain('Les résultats du vote seront visibles quand la coordination l’aura fermé.');
    expect((await h.request('GET', `${s.base}/pb-vote/export.pb`, { as: 'm1' })).status).toBe(403);
    // An organization does not read the vote at all; another tenant's member finds nothing.
    expect((await h.request('GET', `${s.base}/pb-vote`, { as: 'orgrep' })).status).toBe(404);
    await h.addMember('outsider', ['coordinator'], null, `${h.tenantId}-elsewhere`);
    expect((await h.request('GET', `/api/t/${h.tenantId}-elsewhere/calls/${s.callId}/pb-vote/results`, { as: 'outsider' })).status).toBe(404);

    // The coordinator follows everything while the vote is open.
    const coord = await h.json('GET', `${s.base}/pb-vote`, { as: 'coord' });
    expect(coord.vote.importedFiles[0]).toMatchObject({ fileName: 'papier.pb', voters: 2 });
    expect(coord.ballots).toBe(3);
    expect((await h.request('GET', `${s.base}/pb-vote/results`, { as: 'coord' })).status).toBe(200);
  });
});
