/** Settling a revision round, as a pure rule: each answer's outcome, and the accepted amounts as new content. */
import { describe, expect, it } from 'vitest';
import { effectiveAnswer, settleRevision, type RevisionAnswer, type SettlingProposal } from '../../shared/allocation';
import { ballotsVisible, pbVoteForViewer, roundForViewer } from '../../shared/ballot-secrecy';
import type { PbVote } from '../../shared/allocation';
import type { PrioritizationRound } from '../../shared/needs';

const content = (requested: number, minimum: number) => ({
  title: 'T',
  summary: 'S',
  targetPopulation: 'P',
  activities: [{ title: 'A', description: '' }],
  budgetLines: [
    { label: 'a', amount: requested - 100_000 },
    { label: 'b', amount: 100_000 },
  ],
  requested,
  minimum,
  durationYears: 1 as const,
  needIds: [],
});
const proposal = (id: string, requested: number, over: Partial<SettlingProposal> = {}): SettlingProposal => ({
  id,
  status: 'submitted',
  content: content(requested, 500_000),
  submittedVersions: 1,
  ...over,
});
const answer = (proposalId: string, kind: RevisionAnswer['kind'], over: Partial<RevisionAnswer> = {}): RevisionAnswer => ({
  proposalId,
  kind,
  requested: null,
  minimum: null,
  answeredAt: '2027-01-01T00:00:00.000Z',
  answeredBy: 'u',
  version: 1,
  ...over,
});

describe('settleRevision', () => {
  it('gives each proposal its outcome and writes accepted amounts as new content', () => {
    const { settled, accepted } = settleRevision(
      { suggestions: { a: 800_000, b: 600_000, c: 0, d: 900_000, e: 1_000_000 } },
      [answer('a', 'accepted'), answer('b', 'revised', { requested: 700_000, previousRequested: 900_000 }), answer('d', 'accepted'), answer('e', 'accepted')],
      [
        proposal('a', 1_000_000),
        proposal('b', 700_000, { submittedVersions: 2 }),
        proposal('c', 400_000),
        proposal('d', 1_000_000, { status: 'withdrawn' }),
        proposal('e', 1_000_000),
      ],
    );
    expect(settled).toEqual([
      { proposalId: 'a', outcome: 'accepted', suggested: 800_000, requestedBefore: 1_000_000, requestedAfter: 800_000, proposalVersion: 2 },
      { proposalId: 'b', outcome: 'revised', suggested: 600_000, requestedBefore: 900_000, requestedAfter: 700_000, proposalVersion: 2 },
      { proposalId: 'c', outcome: 'no-answer', suggested: 0, requestedBefore: 400_000, requestedAfter: 400_000, proposalVersion: 1 },
      { proposalId: 'd', outcome: 'withdrawn', suggested: 900_000, requestedBefore: 1_000_000, requestedAfter: null, proposalVersion: 1 },
      // Accepting the whole request changes nothing: no new version.
      { proposalId: 'e', outcome: 'accepted', suggested: 1_000_000, requestedBefore: 1_000_000, requestedAfter: 1_000_000, proposalVersion: 1 },
    ]);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ proposalId: 'a', number: 2, content: { requested: 800_000, minimum: 500_000 } });
    expect(accepted[0]!.content.budgetLines.reduce((s, l) => s + l.amount, 0)).toBe(800_000);
  });

  it('never keeps a minimum above the accepted amount', () => {
    const { accepted } = settleRevision({ suggestions: { a: 400_000 } }, [answer('a', 'accepted')], [proposal('a', 1_000_000)]);
    expect(accepted[0]!.content).toMatchObject({ requested: 400_000, minimum: 400_000 });
  });

  it('reads a withdrawn proposal as withdrawn whatever it answered', () => {
    expect(effectiveAnswer(answer('a', 'accepted'), { status: 'withdrawn' })).toBe('withdrawn');
    expect(effectiveAnswer(undefined, { status: 'submitted' })).toBe('no-answer');
  });
});

describe('ballot secrecy', () => {
  it('withholds imported ballots and results from members until the vote is closed', () => {
    const vote = { status: 'open', imported: [['a']], importedFiles: [{ fileName: 'x.pb', voters: 1, importedAt: '' }] } as unknown as PbVote;
    expect(pbVoteForViewer(vote, false)).toMatchObject({ imported: [], importedFiles: [] });
    expect(pbVoteForViewer(vote, true)).toBe(vote);
    expect(pbVoteForViewer({ ...vote, status: 'closed' }, false).imported).toEqual([['a']]);
    const round = { status: 'open', importedBallots: [{ count: 1, tiers: [] }], importedFiles: [], result: null } as unknown as PrioritizationRound;
    expect(roundForViewer(round, false)).not.toHaveProperty('importedBallots');
    expect(ballotsVisible({ status: 'closed' }, false)).toBe(true);
  });
});
