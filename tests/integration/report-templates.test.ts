/**
 * Report templates per program against DynamoDB Local: the list (each program of the tenant's envelopes
 * with its template, or the default not yet stored), the creation from the default (once), new versions
 * with the earlier ones still readable, a stale save refused with nothing stored, each validation problem
 * answered 422 naming its field with nothing stored, an indicator's type never changed across versions;
 * the route × role matrix, another tenant, forged ids and version numbers.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { getItem, queryAll } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import { templateIdOf } from '../../functions/reports/templates';
import { defaultReportTemplate, type Indicator, type ReportTemplate } from '../../shared/reports';
import { createHarness, fixtures, type Harness } from '../support/harness';

type Stored = ReportTemplate & { id: string };

let h: Harness;

async function problem(res: Response, status: number) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(res.headers.get('Content-Type')).toContain('application/problem+json');
  return body as { type: string; detail: string; errors?: { path: string; code: string }[]; currentVersion?: number; current?: Stored };
}

const base = '/api/t/{t}/report-templates';
const stored = async (id: string) => getItem<Stored>(h.db, keys.reportTemplate(h.tenantId, id), true);
const versionsStored = async (id: string) => queryAll<Stored>(h.db, { partition: keys.reportTemplateVersion(h.tenantId, id, 1).pk, prefix: 'V#' });

const bodyOf = (t: Stored, over: Partial<Stored> = {}) => ({
  version: t.version,
  title: t.title,
  indicators: t.indicators,
  sections: t.sections,
  due: t.due,
  ...over,
});

const newIndicator = (over: Partial<Indicator> = {}): Indicator => ({
  id: 'ateliers-offerts',
  label: 'Ateliers offerts',
  definition: 'Nombre d’ateliers de groupe tenus pendant l’exercice. Une séance annulée ne compte pas.',
  type: 'count',
  options: [],
  allowNA: false,
  allowNC: true,
  target: 40,
  carriedOver: false,
  ...over,
});

beforeEach(async () => {
  h = await createHarness();
  await h.addMember('manager', ['manager']);
  await h.addMember('manager2', ['manager']);
  await h.addMember('coord', ['coordinator']);
  await h.addMember('m1', ['member']);
  await h.addMember('admin', ['administrator']);
  const org = await h.json('POST', '/api/t/{t}/organizations', { as: 'manager', body: fixtures.organization('1144556677'), expect: 201 });
  await h.addMember('orgrep', ['organization'], org.id);
  await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: fixtures.envelope, expect: 201 });
  await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: { ...fixtures.envelope, fiscalYear: 2027, title: 'PSJP 2027' }, expect: 201 });
  await h.json('POST', '/api/t/{t}/envelopes', { as: 'manager', body: { ...fixtures.envelope, program: 'PSOC', title: 'PSOC 2026' }, expect: 201 });
});

async function createPsjp(): Promise<Stored> {
  return h.json('POST', base, { as: 'manager', body: { program: 'PSJP' }, expect: 201 });
}

describe('listing and creating', () => {
  it('lists each program of the envelopes once, with the default not yet stored', async () => {
    const list = await h.json('GET', base, { as: 'manager', expect: 200 });
    expect(list.items.map((x: { program: string }) => x.program)).toEqual(['PSJP', 'PSOC']);
    for (const item of list.items) {
      expect(item.stored).toBe(false);
      expect(item.id).toBe(templateIdOf(item.program));
      expect(item.indicators).toEqual(defaultReportTemplate(item.program).indicators);
      expect(item.due).toEqual({ month: 6, day: 30 });
    }
    expect(await stored(templateIdOf('PSJP'))).toBeNull();
  });

  it('creates a program’s template from the default once: version 1 current and kept; 409 the second time', async () => {
    const created = await createPsjp();
    expect(created).toMatchObject({ id: templateIdOf('PSJP'), program: 'PSJP', version: 1, createdBy: 'manager' });
    expect(created.indicators).toEqual(defaultReportTemplate('PSJP').indicators);
    expect((await versionsStored(created.id)).map((v) => v.version)).toEqual([1]);
    const again = await problem(await h.request('POST', base, { as: 'manager2', body: { program: 'PSJP' } }), 409);
    expect(again.type).toBe('/problems/already-exists');
    expect((await stored(created.id))?.createdBy).toBe('manager');
    const list = await h.json('GET', base, { as: 'manager', expect: 200 });
    expect(list.items.map((x: { program: string; stored: boolean }) => [x.program, x.stored])).toEqual([
      ['PSJP', true],
      ['PSOC', false],
    ]);
  });

  it('refuses a program none of the envelopes has (422), and bad input (400), nothing stored', async () => {
    const refused = await problem(await h.request('POST', base, { as: 'manager', body: { program: 'INCONNU' } }), 422);
    expect(refused.errors?.[0]?.path).toBe('program');
    expect(await stored(templateIdOf('INCONNU'))).toBeNull();
    await problem(await h.request('POST', base, { as: 'manager', body: { program: '' } }), 400);
    await problem(await h.request('POST', base, { as: 'manager', body: { program: 'PSJP', extra: 1 } }), 400);
    await problem(await h.request('POST', base, { as: 'manager', body: 'pas du json' }), 400);
    expect(await stored(templateIdOf('PSJP'))).toBeNull();
  });
});

describe('versions', () => {
  it('a change makes version 2; version 1 stays readable; the history names who saved each', async () => {
    const v1 = await createPsjp();
    h.clock.now = new Date('2026-11-30T15:00:00Z');
    const v2 = await h.json('PUT', `${base}/${v1.id}`, {
      as: 'manager2',
      body: bodyOf(v1, { title: 'Rapport annuel PSJP', indicators: [...v1.indicators, newIndicator()], due: { month: 7, day: 15 } }),
      expect: 200,
    });
    expect(v2).toMatchObject({ version: 2, title: 'Rapport annuel PSJP', due: { month: 7, day: 15 }, updatedBy: 'manager2', createdBy: 'manager' });
    expect(v2.indicators.at(-1)).toEqual(newIndicator());
    const one = await h.json('GET', `${base}/${v1.id}/versions/1`, { as: 'manager', expect: 200 });
    expect(one.indicators).toEqual(v1.indicators);
    expect(one.title).toBe(v1.title);
    const two = await h.json('GET', `${base}/${v1.id}/versions/2`, { as: 'manager', expect: 200 });
    expect(two).toEqual(v2);
    const detail = await h.json('GET', `${base}/${v1.id}`, { as: 'manager', expect: 200 });
    expect(detail.template).toEqual(v2);
    expect(detail.versions).toEqual([
      { number: 1, at: v1.updatedAt, by: 'manager', byName: 'manager' },
      { number: 2, at: '2026-11-30T15:00:00.000Z', by: 'manager2', byName: 'manager2' },
    ]);
    await problem(await h.request('GET', `${base}/${v1.id}/versions/3`, { as: 'manager' }), 404);
  });

  it('a stale save is 409 version-conflict with the current version, nothing stored', async () => {
    const v1 = await createPsjp();
    const v2 = await h.json('PUT', `${base}/${v1.id}`, { as: 'manager', body: bodyOf(v1, { title: 'Premier' }), expect: 200 });
    const stale = await problem(await h.request('PUT', `${base}/${v1.id}`, { as: 'manager2', body: bodyOf(v1, { title: 'Second' }) }), 409);
    expect(stale.type).toBe('/problems/version-conflict');
    expect(stale.currentVersion).toBe(2);
    expect(stale.current?.title).toBe('Premier');
    expect((await stored(v1.id))?.title).toBe('Premier');
    expect((await versionsStored(v1.id)).map((v) => v.version)).toEqual([1, 2]);
    expect(v2.version).toBe(2);
  });

  it('removing an indicator is allowed; changing a kept indicator’s type is refused, even after it was removed', async () => {
    const v1 = await createPsjp();
    const v2 = await h.json('PUT', `${base}/${v1.id}`, {
      as: 'manager',
      body: bodyOf(v1, { indicators: v1.indicators.filter((i) => i.id !== 'heures-benevolat') }),
      expect: 200,
    });
    expect(v2.indicators.map((i: Indicator) => i.id)).not.toContain('heures-benevolat');
    const changed = v2.indicators.map((i: Indicator) => (i.id === 'interventions' ? { ...i, type: 'hours' } : i));
    const refused = await problem(await h.request('PUT', `${base}/${v1.id}`, { as: 'manager', body: bodyOf(v2, { indicators: changed }) }), 422);
    expect(refused.errors).toEqual([expect.objectContaining({ path: 'indicators.1.type', code: 'type-changed' })]);
    expect(refused.detail).toContain('nouvel indicateur');
    // Back under its id with another type, two versions after it was removed: still the same indicator.
    const back = [...v2.indicators, { ...v1.indicators.find((i) => i.id === 'heures-benevolat')!, type: 'count' }];
    const again = await problem(await h.request('PUT', `${base}/${v1.id}`, { as: 'manager', body: bodyOf(v2, { indicators: back }) }), 422);
    expect(again.errors?.map((e) => e.code)).toEqual(['type-changed']);
    expect((await stored(v1.id))?.version).toBe(2);
    expect((await versionsStored(v1.id)).length).toBe(2);
  });

  it('each validation problem is 422 naming its field, nothing stored', async () => {
    const v1 = await createPsjp();
    const ind = (over: Partial<Indicator>) => bodyOf(v1, { indicators: [...v1.indicators, newIndicator(over)] });
    const n = v1.indicators.length;
    const cases: [unknown, string, string][] = [
      [ind({ id: 'Ateliers Offerts' }), `indicators.${n}.id`, 'id-format'],
      [ind({ id: 'interventions' }), `indicators.${n}.id`, 'duplicate-id'],
      [ind({ label: '  ' }), `indicators.${n}.label`, 'required'],
      [ind({ definition: '' }), `indicators.${n}.definition`, 'required'],
      [ind({ type: 'choice', options: [{ id: 'oui', label: 'Oui' }], target: null }), `indicators.${n}.options`, 'options-missing'],
      [
        ind({
          type: 'choices',
          options: [
            { id: 'a', label: 'A' },
            { id: 'a', label: 'B' },
          ],
          target: null,
        }),
        `indicators.${n}.options.1.id`,
        'duplicate-id',
      ],
      [ind({ options: [{ id: 'a', label: 'A' }] }), `indicators.${n}.options`, 'options-not-allowed'],
      [ind({ type: 'text', target: 5 }), `indicators.${n}.target`, 'target-not-allowed'],
      [ind({ target: -1 }), `indicators.${n}.target`, 'target-invalid'],
      [ind({ target: 2.5 }), `indicators.${n}.target`, 'target-invalid'],
      [bodyOf(v1, { sections: [...v1.sections, { ...v1.sections[0]! }] }), `sections.${v1.sections.length}.id`, 'duplicate-id'],
      [bodyOf(v1, { sections: [{ ...v1.sections[0]!, label: '' }] }), 'sections.0.label', 'required'],
      [bodyOf(v1, { due: { month: 2, day: 30 } }), 'due', 'due-invalid'],
      [bodyOf(v1, { due: { month: 4, day: 31 } }), 'due', 'due-invalid'],
      [bodyOf(v1, { title: ' ' }), 'title', 'required'],
      [bodyOf(v1, { indicators: [], sections: [] }), 'indicators', 'empty'],
    ];
    for (const [body, path, code] of cases) {
      const p = await problem(await h.request('PUT', `${base}/${v1.id}`, { as: 'manager', body }), 422);
      expect(p.type).toBe('/problems/rule-violated');
      expect(p.errors, `${path} ${code}`).toEqual([expect.objectContaining({ path, code })]);
    }
    // Shapes zod refuses: 400.
    for (const body of [
      { ...bodyOf(v1), version: 0 },
      ind({ type: 'percent' as never }),
      { ...bodyOf(v1), due: { month: 13, day: 1 } },
      { ...bodyOf(v1), extra: true },
      { ...bodyOf(v1), indicators: [{ ...newIndicator(), definition: 'x'.repeat(4001) }] },
    ])
      await problem(await h.request('PUT', `${base}/${v1.id}`, { as: 'manager', body }), 400);
    expect((await stored(v1.id))?.version).toBe(1);
    expect((await versionsStored(v1.id)).length).toBe(1);
  });

  it('hours take a target to the quarter hour, amounts in whole cents', async () => {
    const v1 = await createPsjp();
    const ok = await h.json('PUT', `${base}/${v1.id}`, {
      as: 'manager',
      body: bodyOf(v1, {
        indicators: [newIndicator({ id: 'heures-atelier', type: 'hours', target: 12.25 }), newIndicator({ id: 'dons-recus', type: 'amount', target: 150_000 })],
      }),
      expect: 200,
    });
    expect(ok.indicators.map((i: Indicator) => i.target)).toEqual([12.25, 150_000]);
    await problem(
      await h.request('PUT', `${base}/${v1.id}`, {
        as: 'manager',
        body: bodyOf(ok, { indicators: [newIndicator({ id: 'heures-atelier', type: 'hours', target: 12.1 })] }),
      }),
      422,
    );
  });
});

describe('guards', () => {
  it('route × role: members, coordinators, organizations and administrators (people, not money) are refused (403); another tenant finds nothing (404); forged ids and numbers are 404', async () => {
    const v1 = await createPsjp();
    const other = `t-other-${Date.now()}`;
    await h.addMember('stranger', ['manager'], null, other);
    const routes: [string, string, unknown][] = [
      ['GET', base, undefined],
      ['POST', base, { program: 'PSOC' }],
      ['GET', `${base}/${v1.id}`, undefined],
      ['GET', `${base}/${v1.id}/versions/1`, undefined],
      ['PUT', `${base}/${v1.id}`, bodyOf(v1, { title: 'Volé' })],
    ];
    for (const [method, path, body] of routes) {
      for (const as of ['m1', 'coord', 'orgrep', 'admin']) await problem(await h.request(method, path, { as, body }), 403);
      // Another tenant's manager, with this tenant's template id in the path: nothing there.
      if (path.includes(v1.id)) await problem(await h.request(method, path.replace('{t}', other), { as: 'stranger', body }), 404);
    }
    expect(await stored(templateIdOf('PSOC'))).toBeNull();
    expect((await stored(v1.id))?.version).toBe(1);
    // The other tenant's list has none of this tenant's programs.
    expect((await h.json('GET', base.replace('{t}', other), { as: 'stranger', expect: 200 })).items).toEqual([]);
    for (const forged of ['x%23TPL', 'A', 'a'.repeat(200), templateIdOf('PSOC')]) {
      await problem(await h.request('GET', `${base}/${forged}`, { as: 'manager' }), 404);
      await problem(await h.request('GET', `${base}/${forged}/versions/1`, { as: 'manager' }), 404);
      await problem(await h.request('PUT', `${base}/${forged}`, { as: 'manager', body: bodyOf(v1) }), 404);
    }
    for (const n of ['0', '01', '-1', '1.5', 'un', '10000']) await problem(await h.request('GET', `${base}/${v1.id}/versions/${n}`, { as: 'manager' }), 404);
    expect(await stored(templateIdOf('PSOC'))).toBeNull();
  });
});
