/**
 * The pure rules behind issue 10's items 2 and 11: ties keep a dated
 * history and a tie withdrawn after scoring opened still recuses; scoring
 * opens only on a closed call; a new version puts a screened proposal back
 * to screening, visibly.
 */
import { describe, expect, it } from 'vitest';
import { displayStatus, submissionRow, supersedeScreening, type Proposal, type Screening } from '../../shared/domain';
import { scoringOpeningBlock, scoringOpeningBlockText } from '../../shared/scoring/opening';
import { declareTies, recusalsFor, tieHistory } from '../../shared/scoring/recusal';

const evaluators = [{ userId: 'u1', name: 'Ana', organizationId: null }];
const proposals = [{ id: 'p1', organizationId: 'o1', organizationName: 'Org 1' }];

describe('ties and recusals', () => {
  it('records one dated entry per tie declared or withdrawn, none for a tie kept', () => {
    const a = { ...declareTies(null, { userId: 'u1', userName: 'Ana', organizationIds: ['o1', 'o2', 'o1'] }, '2026-12-01T00:00:00.000Z'), version: 1 };
    expect(a.organizationIds).toEqual(['o1', 'o2']);
    const b = declareTies(a, { userId: 'u1', userName: 'Ana', organizationIds: ['o2', 'o3'] }, '2026-12-02T00:00:00.000Z');
    expect(b.history).toEqual([
      { organizationId: 'o1', change: 'declared', at: '2026-12-01T00:00:00.000Z' },
      { organizationId: 'o2', change: 'declared', at: '2026-12-01T00:00:00.000Z' },
      { organizationId: 'o3', change: 'declared', at: '2026-12-02T00:00:00.000Z' },
      { organizationId: 'o1', change: 'withdrawn', at: '2026-12-02T00:00:00.000Z' },
    ]);
  });

  it('reads a declaration saved before the history as its ties declared at its date', () => {
    expect(tieHistory({ organizationIds: ['o1'], declaredAt: '2026-01-01T00:00:00.000Z' })).toEqual([
      { organizationId: 'o1', change: 'declared', at: '2026-01-01T00:00:00.000Z' },
    ]);
  });

  it('keeps the recusal of a tie withdrawn at or after the first opening, and only then', () => {
    const declared = { ...declareTies(null, { userId: 'u1', userName: 'Ana', organizationIds: ['o1'] }, '2026-11-20T00:00:00.000Z'), version: 1 };
    const withdrawn = { ...declareTies(declared, { userId: 'u1', userName: 'Ana', organizationIds: [] }, '2026-12-02T00:00:00.000Z'), version: 2 };
    const run = (firstOpenedAt: string | null) =>
      recusalsFor({ evaluators, conflicts: [withdrawn], declared: [], proposals, openedAt: firstOpenedAt ?? '2026-12-10T00:00:00.000Z', firstOpenedAt });
    expect(run('2026-12-01T00:00:00.000Z')).toEqual([
      expect.objectContaining({ userId: 'u1', proposalId: 'p1', kind: 'automatic', tieWithdrawnAt: '2026-12-02T00:00:00.000Z' }),
    ]);
    expect(run('2026-12-02T00:00:00.000Z')).toHaveLength(1);
    expect(run('2026-12-03T00:00:00.000Z')).toEqual([]);
    expect(run(null)).toEqual([]);
  });
});

describe('opening scoring', () => {
  const call = { status: 'published', closesAt: '2027-01-15T22:00:00.000Z' };
  it('waits for the call to close and says until when', () => {
    expect(scoringOpeningBlock(call, 'open')).toEqual({ reason: 'call-not-closed', closesAt: call.closesAt });
    expect(scoringOpeningBlock(call, 'upcoming')).toEqual({ reason: 'call-not-closed', closesAt: call.closesAt });
    expect(scoringOpeningBlock({ ...call, status: 'draft' }, 'closed')).toEqual({ reason: 'call-unpublished' });
    expect(scoringOpeningBlock(call, 'closed')).toBeNull();
    expect(scoringOpeningBlockText({ reason: 'call-not-closed', closesAt: call.closesAt }).fr).toContain('le 2027-01-15 17 h 00 (heure de Montréal)');
  });
});

describe('a screening belongs to its version', () => {
  const screening: Screening = {
    outcome: 'eligible',
    results: [],
    proposalVersionNumber: 1,
    screenedAt: '2026-11-20T00:00:00.000Z',
    screenedBy: 'c',
    screenedByName: 'Coord',
  };
  const proposal = {
    id: 'p1',
    callId: 'c1',
    organizationId: 'o1',
    organizationName: 'Org',
    status: 'submitted',
    draft: {},
    submittedVersions: 1,
    submittedAt: '2026-11-19T00:00:00.000Z',
    withdrawnAt: null,
    content: {
      title: 'T',
      summary: 's',
      targetPopulation: 'p',
      activities: [{ title: 'a', description: '' }],
      budgetLines: [{ label: 'l', amount: 100 }],
      requested: 100,
      minimum: 100,
      durationYears: 1,
      needIds: [],
    },
    screening,
    version: 3,
    createdAt: '',
    createdBy: '',
    updatedAt: '',
    updatedBy: '',
  } satisfies Proposal;

  it('puts a new version back to screening, with the earlier screening kept and the row marked', () => {
    const next: Proposal = { ...proposal, submittedVersions: 2, ...supersedeScreening(proposal) };
    expect(next.screening).toBeNull();
    expect(next.earlierScreening).toEqual(screening);
    expect(displayStatus(next)).toBe('rescreen');
    const row = submissionRow(next)!;
    expect(row).toMatchObject({ screeningOutcome: null, rescreen: true });
    expect(displayStatus(row)).toBe('rescreen');
    // Screened again: the current outcome shows.
    const again: Proposal = { ...next, screening: { ...screening, proposalVersionNumber: 2 } };
    expect(displayStatus(again)).toBe('eligible');
    expect(submissionRow(again)).toMatchObject({ screeningOutcome: 'eligible', rescreen: false });
  });

  it('reads rows stored before the marker as not awaiting screening again', () => {
    expect(displayStatus({ status: 'submitted', screeningOutcome: null })).toBe('submitted');
  });
});
