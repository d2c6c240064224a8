/** The rules of a report template being saved (templateProblems, shared/reports.ts), and the ids made from labels. */
import { describe, expect, it } from 'vitest';
import { defaultReportTemplate, type Indicator, isRealDueDay, reportItemIdOf, templateProblems } from '../../shared/reports';

const base = defaultReportTemplate('PSJP');
const count = (over: Partial<Indicator> = {}): Indicator => ({
  id: 'ateliers',
  label: 'Ateliers',
  definition: 'Ateliers tenus pendant l’exercice.',
  type: 'count',
  options: [],
  allowNA: false,
  allowNC: true,
  target: null,
  carriedOver: false,
  ...over,
});
const codes = (indicators: Indicator[], earlier: Indicator[] = []) => templateProblems({ ...base, indicators }, earlier).map((p) => `${p.field} ${p.code}`);

describe('templateProblems', () => {
  it('accepts the default template, and the same template again as its own earlier version', () => {
    expect(templateProblems(base)).toEqual([]);
    expect(templateProblems(base, base.indicators)).toEqual([]);
  });

  it('wants stable, unique ids: lower-case words joined by hyphens', () => {
    for (const id of ['Ateliers', 'ateliers offerts', 'ateliers--offerts', '-ateliers', 'ateliers-', 'atéliers', ''])
      expect(codes([count({ id })]), id).toEqual(['indicators.0.id id-format']);
    expect(codes([count({ id: 'ateliers-2026' }), count({ id: 'x' })])).toEqual([]);
    expect(codes([count(), count()])).toEqual(['indicators.1.id duplicate-id']);
  });

  it('requires a name and a definition (what the lexicon is for)', () => {
    expect(codes([count({ label: ' ', definition: '\n' })])).toEqual(['indicators.0.label required', 'indicators.0.definition required']);
  });

  it('gives the choice types at least two unique options, and the other types none', () => {
    expect(codes([count({ type: 'choice', options: [{ id: 'a', label: 'A' }] })])).toEqual(['indicators.0.options options-missing']);
    expect(
      codes([
        count({
          type: 'choices',
          options: [
            { id: 'a', label: 'A' },
            { id: 'a', label: 'B' },
            { id: 'C', label: '' },
          ],
        }),
      ]),
    ).toEqual(['indicators.0.options.1.id duplicate-id', 'indicators.0.options.2.id id-format', 'indicators.0.options.2.label required']);
    expect(codes([count({ type: 'yes-no', options: [{ id: 'a', label: 'A' }] })])).toEqual(['indicators.0.options options-not-allowed']);
  });

  it('takes a target only for counts, hours and amounts, never negative, whole (hours: to the quarter)', () => {
    expect(codes([count({ target: 0 }), count({ id: 'h', type: 'hours', target: 7.75 }), count({ id: 'm', type: 'amount', target: 1_000_00 })])).toEqual([]);
    expect(codes([count({ type: 'text', target: 1 })])).toEqual(['indicators.0.target target-not-allowed']);
    expect(codes([count({ type: 'yes-no', target: 0 })])).toEqual(['indicators.0.target target-not-allowed']);
    expect(codes([count({ target: -1 })])).toEqual(['indicators.0.target target-invalid']);
    expect(codes([count({ target: 1.5 })])).toEqual(['indicators.0.target target-invalid']);
    expect(codes([count({ type: 'hours', target: 1.3 })])).toEqual(['indicators.0.target target-invalid']);
    expect(codes([count({ type: 'amount', target: 10.5 })])).toEqual(['indicators.0.target target-invalid']);
  });

  it('refuses an earlier indicator’s type changing, names it, and says to create a new one; removal is fine', () => {
    const earlier = [count(), count({ id: 'gone', type: 'text' })];
    expect(codes([count({ type: 'hours' })], earlier)).toEqual(['indicators.0.type type-changed']);
    const [p] = templateProblems({ ...base, indicators: [count({ type: 'hours' })] }, earlier);
    expect(p?.message.fr).toContain('« Ateliers »');
    expect(p?.message.fr).toContain('Créez plutôt un nouvel indicateur');
    expect(p?.message.en).toContain('Create a new indicator instead');
    expect(codes([count()], earlier)).toEqual([]);
    expect(codes([count({ id: 'gone', type: 'count' })], earlier)).toEqual(['indicators.0.type type-changed']);
  });

  it('checks the sections’ ids and titles', () => {
    const s = base.sections[0]!;
    const problems = templateProblems({ ...base, sections: [s, { ...s }, { ...s, id: 'Faits', label: '' }] }).map((p) => `${p.field} ${p.code}`);
    expect(problems).toEqual(['sections.1.id duplicate-id', 'sections.2.id id-format', 'sections.2.label required']);
  });

  it('refuses an empty template, an empty title and a due day that is not a day of every year', () => {
    expect(templateProblems({ ...base, indicators: [], sections: [] }).map((p) => p.code)).toEqual(['empty']);
    expect(templateProblems({ ...base, title: '  ' }).map((p) => p.field)).toEqual(['title']);
    for (const due of [
      { month: 2, day: 30 },
      { month: 2, day: 29 },
      { month: 4, day: 31 },
      { month: 13, day: 1 },
      { month: 6, day: 0 },
    ])
      expect(isRealDueDay(due), JSON.stringify(due)).toBe(false);
    for (const due of [
      { month: 6, day: 30 },
      { month: 2, day: 28 },
      { month: 12, day: 31 },
      { month: 1, day: 31 },
    ])
      expect(isRealDueDay(due), JSON.stringify(due)).toBe(true);
    expect(templateProblems({ ...base, due: { month: 9, day: 31 } }).map((p) => `${p.field} ${p.code}`)).toEqual(['due due-invalid']);
  });
});

describe('reportItemIdOf', () => {
  it('makes a stable id from a French label', () => {
    expect(reportItemIdOf('Personnes accompagnées')).toBe('personnes-accompagnees');
    expect(reportItemIdOf('  Œuvres d’entraide (2026) ')).toBe('oeuvres-d-entraide-2026');
    expect(reportItemIdOf('!!!')).toBe('');
  });
});
