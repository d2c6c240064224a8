/** The agreement's terms as the draft builds them: placeholders filled, the schedule in words, starting obligations, the decision's total. */
import { describe, expect, it } from 'vitest';
import { defaultTemplate } from '../../functions/agreements/templates';
import { startingObligations, totalProblem } from '../../functions/agreements/terms';
import { reportDueDate } from '../../shared/reports';
import { fillClauses, handEditedClauses, placeholderValues, refillClauses, scheduleInWords } from '../../shared/agreements';
import { formatMoney } from '../../shared/money';

const data = {
  institution: 'CISSS des Laurentides',
  organization: { name: 'Maison de la famille', neq: '1234567890' },
  object: { title: 'Halte-répit', needs: ['Répit des jeunes parents', 'Isolement'] },
  terms: {
    period: { start: '2002-10-01', end: '2004-03-31' },
    years: [
      { fiscalYear: 2002, envelopeId: 'e-2002', cents: 500_000 },
      { fiscalYear: 2003, envelopeId: null, cents: 1_000_000 },
    ],
    amount: 1_500_000,
    schedule: {
      kind: 'installments' as const,
      installments: [
        { dueOn: '2002-10-15', cents: 500_000 },
        { dueOn: '2003-04-15', cents: 1_000_000 },
      ],
    },
  },
};

describe('agreement terms', () => {
  it('fills every placeholder of the default template, leaving none', () => {
    const clauses = fillClauses(defaultTemplate('PSJP').clauses, data);
    const text = clauses.map((c) => `${c.heading}\n${c.body}`).join('\n');
    expect(text).not.toMatch(/\{\{/);
    expect(text).toContain('Maison de la famille, NEQ 1234567890');
    expect(text).toContain('du 2002-10-01 au 2004-03-31');
    expect(text).toContain(`${formatMoney(500_000, 'fr')} pour l’exercice 2002-2003 et ${formatMoney(1_000_000, 'fr')} pour l’exercice 2003-2004`);
    expect(text).toContain('Répit des jeunes parents ; Isolement');
    expect(text).toContain('sous-traitant');
    expect(placeholderValues({ ...data, object: { title: 'x', needs: [] } }).besoins).toBe('ceux que décrit le projet');
  });

  it('clause 2 lists the needs the project answers, and without any says nothing of them (no placeholder sentence)', () => {
    const objet = (needs: string[]) => fillClauses(defaultTemplate('PSJP').clauses, { ...data, object: { title: 'Halte-répit', needs } })[1]!.body;
    expect(objet(['Répit des jeunes parents', 'Isolement'])).toBe(
      'L’établissement soutient financièrement le projet « Halte-répit » que l’organisme a proposé et qu’il réalise. Le projet répond aux besoins suivants : Répit des jeunes parents ; Isolement.',
    );
    expect(objet([])).toBe('L’établissement soutient financièrement le projet « Halte-répit » que l’organisme a proposé et qu’il réalise.');
    // A clause made of the needs alone keeps its text rather than become empty.
    expect(fillClauses([{ heading: 'Besoins', body: '{{besoins}}' }], { ...data, object: { title: 'x', needs: [] } })[0]!.body).toBe(
      'ceux que décrit le projet',
    );
  });

  it('fills again, with the new terms, the clauses not changed by hand; keeps the ones changed by hand', () => {
    const sources = defaultTemplate('PSJP').clauses;
    const single = { ...data, terms: { ...data.terms, schedule: { kind: 'single' as const } } };
    const monthly = { ...data, terms: { ...data.terms, schedule: { kind: 'periodic' as const, every: 'month' as const } } };
    const filled = fillClauses(sources, single);
    expect(filled[3]!.body).toContain('un seul versement par exercice');
    const mine = { heading: filled[2]!.heading, body: 'Durée écrite à la main.' };
    const clauses = [filled[0]!, filled[1]!, mine, filled[3]!];
    const next = refillClauses(clauses, sources, single, monthly);
    expect(next[3]!.body).toContain('sur réclamation mensuelle');
    expect(next[3]!.body).not.toContain('un seul versement');
    expect(next[2]).toEqual(mine);
    expect(next.slice(0, 2)).toEqual(clauses.slice(0, 2));
    expect(handEditedClauses(next, sources, monthly)).toEqual([2]);
    expect(handEditedClauses(clauses, sources, single)).toEqual([2]);
  });

  it('says the schedule in words', () => {
    expect(scheduleInWords({ kind: 'single' })).toContain('dès la signature');
    expect(scheduleInWords(data.terms.schedule)).toBe(
      `2 versements : ${formatMoney(500_000, 'fr')} le 2002-10-15 ; ${formatMoney(1_000_000, 'fr')} le 2003-04-15`,
    );
    expect(scheduleInWords({ kind: 'periodic', every: 'month' })).toContain('mensuelle');
    expect(scheduleInWords({ kind: 'periodic', every: 'quarter' })).toContain('trimestrielle');
  });

  it('starts with the template’s obligations and one report per fiscal year, due on the program’s date', () => {
    let n = 0;
    const list = startingObligations(
      defaultTemplate('PSJP'),
      data.terms.period,
      () => `o-${++n}`,
      (fy) => reportDueDate(fy),
    );
    expect(list.map((o) => [o.kind, o.fiscalYear, o.dueOn])).toEqual([
      ['committee', null, null],
      ['priority-access', null, null],
      ['report', 2002, '2003-06-30'],
      ['report', 2003, '2004-06-30'],
    ]);
    expect(new Set(list.map((o) => o.id)).size).toBe(4);
    // A program whose reports are due September 30; one due in January falls in the calendar year after.
    const autumn = startingObligations(
      { obligations: [] },
      data.terms.period,
      () => `o-${++n}`,
      (fy) => reportDueDate(fy, { month: 9, day: 30 }),
    );
    expect(autumn.map((o) => o.dueOn)).toEqual(['2003-09-30', '2004-09-30']);
    const winter = startingObligations(
      { obligations: [] },
      data.terms.period,
      () => `o-${++n}`,
      (fy) => reportDueDate(fy, { month: 1, day: 31 }),
    );
    expect(winter.map((o) => o.dueOn)).toEqual(['2004-01-31', '2005-01-31']);
  });

  it('keeps the decision’s total', () => {
    expect(totalProblem(1_500_000, 1_500_000)).toBeNull();
    expect(totalProblem(1_600_000, 1_500_000)?.message.fr).toContain(formatMoney(1_500_000, 'fr'));
  });
});
