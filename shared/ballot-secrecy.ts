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
