/**
 * Nobody votes to the scoreboard. While a vote (a needs prioritization round,
 * the members' approval vote) is not closed, its ballots — cast in the app or
 * brought in from files — and any tally stay with those who run it; members
 * see them once the coordinator has closed it. One rule for both votes, used
 * by the API and the web app.
 */
import type { PbVote } from './allocation';
import type { PrioritizationRound } from './needs';

/** Whether a viewer may see a vote's ballots and tallies now. */
export function ballotsVisible(vote: { status: string }, runsTheVote: boolean): boolean {
  return runsTheVote || vote.status === 'closed';
}

/** A prioritization round as a viewer may see it: imported ballots, files and result withheld until it is closed. */
export function roundForViewer(round: PrioritizationRound, runsTheVote: boolean): PrioritizationRound {
  if (ballotsVisible(round, runsTheVote)) return round;
  const { importedBallots: _ballots, importedFiles: _files, ...rest } = round;
  return { ...rest, result: null };
}

/** The approval vote as a viewer may see it: imported ballots and files withheld until it is closed. */
export function pbVoteForViewer(vote: PbVote, runsTheVote: boolean): PbVote {
  if (ballotsVisible(vote, runsTheVote)) return vote;
  return { ...vote, imported: [], importedFiles: [] };
}

/**
 * Who of the table has not voted yet, by name, for those who run a vote (a
 * needs round or the approval vote): names only, never what anyone chose.
 */
export function whoHasNotVoted(table: readonly { userId: string; name: string }[], ballots: readonly { userId: string }[]): { userId: string; name: string }[] {
  const voted = new Set(ballots.map((b) => b.userId));
  return table
    .filter((m) => !voted.has(m.userId))
    .map((m) => ({ userId: m.userId, name: m.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
