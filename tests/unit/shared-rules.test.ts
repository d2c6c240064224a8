/**
 * The rules the API and the web app both run (shared/window, shared/proposals,
 * shared/scoring/grid): by properties where one holds, else on examples with
 * the API's own words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowPhase } from '../../shared/dates';
import type { SubmissionRow } from '../../shared/domain';
import { formatMoney } from '../../shared/money';
import { checkAgainstCall, checkScreening, screeningOutcome, summarize } from '../../shared/proposals';
import type { ScoringGrid } from '../../shared/scoring/domain';
import { checkGridAgainstCall, checkSheet, closedGrid, gridEditRefusal, gridStepRefusal, openedGrid, reopenedGrid } from '../../shared/scoring/grid';
import { checkClosesLater, isAccepting } from '../../shared/window';

// Instants between 2020 and 2040, in milliseconds.
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) });

describe('isAccepting', () => {
  it('is closed at the exact closing instant and open one millisecond before', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const window = { status: 'open', closesAt: new Date(t).toISOString() };
        expect(isAccepting(window, new Date(t))).toBe(false);
        expect(isAccepting(window, new Date(t - 1))).toBe(true);
      }),
    );
  });

  it('agrees with a call window’s phase (closing instant exclusive) whenever the status is open', () => {
    fc.assert(
      fc.property(instant, instant, (closes, now) => {
        const closesAt = new Date(closes).toISOString();
        const open = windowPhase('2000-01-01T00:00:00.000Z', closesAt, new Date(now)) === 'open';
        expect(isAccepting({ status: 'open', closesAt }, new Date(now))).toBe(open);
      }),
    );
  });

  it('never accepts when the status is not open, or no closing instant is set', () => {
    fc.assert(
      fc.property(fc.constantFrom('draft', 'closed', 'published'), instant, instant, (status, closes, now) => {
        expect(isAccepting({ status, closesAt: new Date(closes).toISOString() }, new Date(now))).toBe(false);
        expect(isAccepting({ status: 'open', closesAt: null }, new Date(now))).toBe(false);
      }),
    );
  });
});

describe('checkClosesLater', () => {
  it('refuses a closing instant at or before now, at the given path, and takes any later one', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 10 ** 9 }), (now, gap) => {
        const at = (ms: number) => new Date(ms).toISOString();
        expect(checkClosesLater('deadline', at(now - gap), new Date(now))).toEqual([
          {
            path: 'deadline',
            code: 'closes_before_opens',
            message: { fr: 'La date de fermeture doit être postérieure à la date d’ouverture.', en: 'The closing date must come after the opening date.' },
          },
        ]);
        expect(checkClosesLater('deadline', at(now + gap + 1), new Date(now))).toEqual([]);
      }),
    );
  });
});

const call = {
  maxRequest: 2_000_000,
  allowedDurations: [1] as [1],
  amountAvailable: 5_000_000,
  needs: [
    { id: 'n1', statement: 'Transport le soir' },
    { id: 'n2', statement: 'Halte-garderie' },
  ],
} as const;
const callOf = { ...call, needs: [...call.needs] } as unknown as Parameters<typeof checkAgainstCall>[0] & Parameters<typeof summarize>[0];

describe('checkAgainstCall', () => {
  it('names each problem at its path in the body, in both languages', () => {
    const problems = checkAgainstCall(callOf, { requested: 2_000_001, durationYears: 2, needIds: ['n1', 'nx'] }, 'content.');
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['content.requested', 'above_max_request'],
      ['content.durationYears', 'duration_not_allowed'],
      ['content.needIds.1', 'unknown_need'],
    ]);
    expect(problems[0]!.message.fr).toBe(`Le montant demandé dépasse la demande maximale de l’appel (${formatMoney(2_000_000, 'fr')}).`);
    expect(problems[0]!.message.en).toBe("The requested amount exceeds the call's maximum request ($20,000.00).");
  });

  it('finds nothing in a draft that gives none of the fields it checks', () => {
    expect(checkAgainstCall(callOf, {}, 'draft.')).toEqual([]);
  });

  it('accepts any request up to the maximum, an allowed duration and offered needs; refuses any request above', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.subarray(['n1', 'n2']), fc.integer({ min: 1, max: 10 ** 7 }), (requested, needIds, over) => {
        expect(checkAgainstCall(callOf, { requested, durationYears: 1, needIds }, 'draft.')).toEqual([]);
        expect(checkAgainstCall(callOf, { requested: 2_000_000 + over }, 'draft.').map((p) => p.code)).toEqual(['above_max_request']);
      }),
    );
  });
});

const row = (over: Partial<SubmissionRow>): SubmissionRow => ({
  id: 'p',
  organizationId: 'o',
  organizationName: 'O',
  title: 'T',
  requested: 100,
  minimum: 50,
  durationYears: 1,
  status: 'submitted',
  screeningOutcome: null,
  submittedAt: '2026-01-01T00:00:00.000Z',
  submittedVersions: 1,
  version: 1,
  needIds: [],
  ...over,
});

describe('summarize', () => {
  const arbRow = fc
    .record({
      requested: fc.integer({ min: 0, max: 10 ** 7 }),
      status: fc.constantFrom('submitted' as const, 'withdrawn' as const),
      screeningOutcome: fc.constantFrom(null, 'eligible' as const, 'ineligible' as const),
      rescreen: fc.boolean(),
      needIds: fc.subarray(['n1', 'n2']),
    })
    .map((r) => row(r));

  it('counts every row once, leaves ineligible and withdrawn requests out of the total, and the excess is what exceeds the amount', () => {
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 40 }), (rows) => {
        const s = summarize(callOf, rows);
        expect(Object.values(s.byStatus).reduce((a, b) => a + b, 0)).toBe(rows.length);
        const counted = rows.filter((r) => r.status === 'submitted' && r.screeningOutcome !== 'ineligible');
        expect(s.totalRequested).toBe(counted.reduce((a, r) => a + r.requested, 0));
        expect(s.submittedCount).toBe(rows.filter((r) => r.status === 'submitted').length);
        expect(s.excess).toBe(Math.max(0, s.totalRequested - call.amountAvailable));
        for (const need of s.byNeed) expect(need.proposals).toBe(counted.filter((r) => r.needIds.includes(need.needId)).length);
      }),
    );
  });

  it('counts a submission awaiting screening again with those to screen', () => {
    const s = summarize(callOf, [row({ rescreen: true }), row({ screeningOutcome: 'eligible' }), row({ status: 'withdrawn' })]);
    expect(s.byStatus).toEqual({ submitted: 1, eligible: 1, ineligible: 0, withdrawn: 1 });
  });
});

describe('screening', () => {
  const criteria = [
    { id: 'k1', label: 'Organisme à but non lucratif' },
    { id: 'k2', label: 'Territoire du CLSC' },
  ];

  it('refuses an unknown criterion at its index and names each criterion not assessed', () => {
    const problems = checkScreening(criteria, [{ criterionId: 'k1' }, { criterionId: 'kx' }]);
    expect(problems).toEqual([
      {
        path: 'results.1.criterionId',
        code: 'unknown_criterion',
        message: { fr: 'Ce critère n’appartient pas à l’appel.', en: 'This criterion does not belong to the call.' },
      },
      {
        path: 'results',
        code: 'missing_criterion',
        message: { fr: 'Le critère « Territoire du CLSC » n’a pas été évalué.', en: 'The criterion “Territoire du CLSC” was not assessed.' },
      },
    ]);
  });

  it('finds nothing when each criterion is assessed, and is eligible exactly when every one is met', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (a, b) => {
        const results = [
          { criterionId: 'k2', met: b },
          { criterionId: 'k1', met: a },
        ];
        expect(checkScreening(criteria, results)).toEqual([]);
        expect(screeningOutcome(results)).toBe(a && b ? 'eligible' : 'ineligible');
      }),
    );
  });
});

const grid: ScoringGrid = {
  callId: 'c',
  gridVersion: 2,
  criteria: [
    { id: 'a', label: 'Pertinence', help: '', weightBp: 6000, scale: 5, levels: [], linkedToNeeds: false },
    { id: 'b', label: 'Faisabilité', help: '', weightBp: 3000, scale: 10, levels: [], linkedToNeeds: false },
    { id: 'n', label: 'Besoins', help: '', weightBp: 1000, scale: 5, levels: [], linkedToNeeds: true },
  ],
  status: 'draft',
  mode: 'individual',
  closesAt: null,
  assignments: null,
  rule: 'mean',
  normalize: false,
  disagreementThreshold: 15,
  openedAt: '2026-01-01T00:00:00.000Z',
  reopenings: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'u',
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'u',
  version: 3,
};

describe('checkSheet', () => {
  it('refuses an unknown criterion, a needs-linked one, a value above its scale, and an incomplete submission', () => {
    const problems = checkSheet(grid, { x: { value: 1 }, n: { value: 1 }, a: { value: 6 } }, true);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['scores.x', 'unknown_criterion'],
      ['scores.n', 'criterion_scored_from_needs'],
      ['scores.a.value', 'score_above_scale'],
      ['scores', 'sheet_incomplete'],
    ]);
    expect(problems[3]!.message.fr).toBe('Notez tous les critères avant de soumettre (manque : Faisabilité).');
  });

  it('takes any values within the scales; a draft may leave criteria out', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 10 }), (a, b) => {
        expect(checkSheet(grid, { a: { value: a }, b: { value: b } }, true)).toEqual([]);
        expect(checkSheet(grid, { b: { value: b } }, false)).toEqual([]);
      }),
    );
  });
});

describe('the grid’s changes of state', () => {
  it('refuses a needs-linked criterion on a call that retains no needs, at the criteria', () => {
    expect(checkGridAgainstCall({ needs: [] }, grid.criteria).map((p) => [p.path, p.code])).toEqual([['criteria', 'needs_linked_without_needs']]);
    expect(checkGridAgainstCall({ needs: [] }, [{ linkedToNeeds: false }])).toEqual([]);
    expect(checkGridAgainstCall(callOf, grid.criteria)).toEqual([]);
  });

  it('creates without a version, changes a draft at its version, and refuses the rest in the API’s words', () => {
    expect(gridEditRefusal(null, null)).toBeNull();
    expect(gridEditRefusal(null, 1)?.fr).toBe('Cet appel n’a pas encore de grille.');
    expect(gridEditRefusal({ status: 'draft' }, 3)).toBeNull();
    expect(gridEditRefusal({ status: 'draft' }, null)?.fr).toBe('Cet appel a déjà une grille : indiquez sa version.');
    for (const status of ['open', 'closed'] as const) expect(gridEditRefusal({ status }, 3)?.en).toMatch(/^The grid has been locked since scoring started/);
  });

  it('opens from draft or closed, reopens what is not a draft, closes only what is open', () => {
    const allowed = { open: ['draft', 'closed'], reopen: ['open', 'closed'], close: ['open'] } as const;
    for (const step of ['open', 'reopen', 'close'] as const) {
      for (const status of ['draft', 'open', 'closed'] as const) {
        expect(gridStepRefusal(status, step) === null, `${step} from ${status}`).toBe((allowed[step] as readonly string[]).includes(status));
      }
    }
  });

  it('keeps the first opening through reopenings, and a reopening makes a new grid version with its reason', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const opened = openedGrid(grid, '2026-03-15T12:00:00-04:00', now);
    expect(opened).toMatchObject({ status: 'open', closesAt: '2026-03-15T16:00:00.000Z', openedAt: now.toISOString(), firstOpenedAt: grid.openedAt });
    const reopened = reopenedGrid(opened, { at: '2026-03-02T00:00:00.000Z', by: 'Coord', reason: 'Critère ajouté' });
    expect(reopened).toMatchObject({ status: 'draft', gridVersion: 3 });
    expect(reopened.reopenings).toEqual([{ at: '2026-03-02T00:00:00.000Z', by: 'Coord', reason: 'Critère ajouté', fromGridVersion: 2 }]);
    expect(openedGrid(reopened, '2026-04-01T00:00:00Z', new Date('2026-03-03T00:00:00Z')).firstOpenedAt).toBe(grid.openedAt);
    expect(closedGrid(opened, now)).toMatchObject({ status: 'closed', closesAt: now.toISOString() });
  });
});
