/** The rules of a report's answers (answerProblems, shared/reports.ts): what the form flags and the API refuses. */
import { describe, expect, it } from 'vitest';
import { answerProblems, type Indicator } from '../../shared/reports';

const count = (over: Partial<Indicator> = {}): Indicator => ({
  id: 'ateliers',
  label: 'Ateliers',
  definition: 'Ateliers tenus pendant l’exercice.',
  type: 'count',
  options: [],
  allowNA: false,
  allowNC: false,
  target: null,
  carriedOver: false,
  ...over,
});
const missing = (ind: Indicator) => answerProblems([ind], {}, true).map((p) => p.message);

describe('answerProblems', () => {
  it('names, for a missing answer, only the blanks the indicator allows', () => {
    expect(missing(count({ allowNC: true }))).toEqual([
      { fr: '« Ateliers » n’a pas de réponse : inscrivez 0 ou N.C. selon le cas.', en: '“Ateliers” has no answer: enter 0 or N.C. as the case may be.' },
    ]);
    expect(missing(count({ allowNA: true }))[0]?.fr).toBe('« Ateliers » n’a pas de réponse : inscrivez 0 ou N.A. selon le cas.');
    expect(missing(count({ allowNA: true, allowNC: true }))[0]?.en).toBe('“Ateliers” has no answer: enter 0, N.A. or N.C. as the case may be.');
    expect(missing(count())[0]?.fr).toBe('« Ateliers » n’a pas de réponse.');
  });

  it('leaves a missing answer alone while the report is a draft, and refuses a negative count', () => {
    expect(answerProblems([count()], {}, false)).toEqual([]);
    const negative = answerProblems([count()], { ateliers: { value: { kind: 'number', value: -3 }, carriedFrom: null } }, false);
    expect(negative.map((p) => `${p.field} ${p.code}`)).toEqual(['answers.ateliers negative']);
  });
});
