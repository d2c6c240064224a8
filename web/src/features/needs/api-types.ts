/** What the needs routes answer, as the screens read it. */
import type { Ballot, Need, NeedsStudy, PrioritizationRound } from '../../../../shared/needs';

export type RoundView = PrioritizationRound & { acceptingBallots: boolean };
export interface StudyView {
  study: Omit<NeedsStudy, 'consultation'> & { consultation: { token: string | null; open: boolean } | null };
  needs: Need[];
  rounds: RoundView[];
}
export interface RoundPage {
  round: RoundView;
  myBallot: Ballot | null;
  participants: number | null;
  /** For the coordinator: the table's members without a ballot yet. */
  notVoted: { userId: string; name: string }[] | null;
}
