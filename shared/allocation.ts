/**
 * Scenarios (a fitting of the call's eligible, scored proposals into its
 * amount available) and the revision round that asks organizations for
 * reduced amounts.
 */
import { scaleBudgetLines } from './budget-lines';
import type { Audit, ProposalStatus } from './domain';
import type { FitInstance, FitMethod, FitObjective, FitResult } from './fitting/instance';
import type { ProposalContent } from './schemas/proposal';
import type { Voter } from './tables';

interface ScenarioInput {
  id: string;
  title: string;
  organizationName: string;
  /** The proposal's submitted version the scenario used. */
  proposalVersion: number;
}

export interface Scenario {
  id: string;
  callId: string;
  name: string;
  method: FitMethod;
  objective: FitObjective;
  /** The instance as computed: budget, proposals (amounts, scores, needs), constraints. */
  instance: FitInstance;
  /** What each proposal of the instance is, as people read it. */
  inputs: ScenarioInput[];
  result: FitResult;
  /** The next proposal that would be funded, and how much more money that takes. */
  whatIf: { proposalId: string; extra: number } | null;
  /**
   * Computed without scores (every score 0): an equal split or a proportional reduction on a call with no
   * grid, or whose scoring is not closed (METHODS.md §3's tie rules then order by the smaller request, then the id).
   * Absent on scenarios computed on final scores.
   */
  unscored?: boolean;
  createdAt: string;
  createdBy: string;
}

type RevisionAnswerKind = 'accepted' | 'revised' | 'withdrawn';

export interface RevisionRound extends Audit {
  callId: string;
  scenarioId: string;
  scenarioName: string;
  deadline: string;
  status: 'open' | 'closed';
  /** Amount suggested per proposal (0: not funded in the scenario). */
  suggestions: Record<string, number>;
  /** What ending the round settled, proposal by proposal; null while it is open (and on rounds ended before settling existed). */
  settlement?: RevisionSettlement | null;
}

export interface RevisionAnswer {
  proposalId: string;
  kind: RevisionAnswerKind;
  /** For a revision: the new request and minimum. */
  requested: number | null;
  minimum: number | null;
  /** The request when the organization answered. */
  previousRequested?: number | null;
  answeredAt: string;
  answeredBy: string;
  /** An answer can be changed while the round is open, at its version (stale: 409). */
  version: number;
}

/** How a proposal came out of the round: its answer, or `no-answer` when the deadline passed without one. */
export type SettledOutcome = RevisionAnswerKind | 'no-answer';

export interface SettledProposal {
  proposalId: string;
  outcome: SettledOutcome;
  suggested: number;
  /** The request before the round's answer, and after settling (null: withdrawn). */
  requestedBefore: number;
  requestedAfter: number | null;
  /** The submitted version the proposal has after settling. */
  proposalVersion: number;
}

interface RevisionSettlement {
  settledAt: string;
  settledBy: string;
  proposals: SettledProposal[];
}

/** What settling needs to know of a proposal. */
export interface SettlingProposal {
  id: string;
  status: ProposalStatus;
  content: ProposalContent | null;
  submittedVersions: number;
}

/**
 * The answer as it stands against the proposal: a proposal withdrawn since
 * (on its own page) counts as withdrawn whatever it answered before, so no
 * record says "accepted" for a withdrawn proposal.
 */
export function effectiveAnswer(answer: RevisionAnswer | undefined, proposal: Pick<SettlingProposal, 'status'> | undefined): SettledOutcome {
  if (proposal?.status === 'withdrawn') return 'withdrawn';
  return answer?.kind ?? 'no-answer';
}

/**
 * Ending a revision round settles every proposal it asked: an accepted
 * suggestion becomes the proposal's request, as a new submitted version (its
 * budget lines rescaled to the amount, its minimum never above it); a
 * revision was already the new version; a withdrawal stays; no answer
 * leaves the request unchanged and is recorded as such.
 */
export function settleRevision(
  round: Pick<RevisionRound, 'suggestions'>,
  answers: readonly RevisionAnswer[],
  proposals: readonly SettlingProposal[],
): { settled: SettledProposal[]; accepted: { proposalId: string; number: number; content: ProposalContent }[] } {
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const answerOf = new Map(answers.map((a) => [a.proposalId, a]));
  const settled: SettledProposal[] = [];
  const accepted: { proposalId: string; number: number; content: ProposalContent }[] = [];
  for (const [proposalId, suggested] of Object.entries(round.suggestions)) {
    const p = byId.get(proposalId);
    const answer = answerOf.get(proposalId);
    const outcome = effectiveAnswer(answer, p);
    const current = p?.content?.requested ?? 0;
    const versions = p?.submittedVersions ?? 0;
    if (outcome === 'accepted' && p?.content && suggested > 0 && suggested !== current) {
      const content: ProposalContent = {
        ...p.content,
        requested: suggested,
        minimum: Math.min(p.content.minimum, suggested),
        budgetLines: scaleBudgetLines(p.content.budgetLines, suggested),
      };
      accepted.push({ proposalId, number: versions + 1, content });
      settled.push({ proposalId, outcome, suggested, requestedBefore: current, requestedAfter: suggested, proposalVersion: versions + 1 });
    } else if (outcome === 'revised') {
      settled.push({
        proposalId,
        outcome,
        suggested,
        requestedBefore: answer?.previousRequested ?? current,
        requestedAfter: current,
        proposalVersion: versions,
      });
    } else {
      settled.push({
        proposalId,
        outcome,
        suggested,
        requestedBefore: current,
        requestedAfter: outcome === 'withdrawn' ? null : current,
        proposalVersion: versions,
      });
    }
  }
  return { settled, accepted };
}

/** The members' approval vote over a call's eligible proposals, turned into an allocation by a PB rule. */
export interface PbVote extends Audit {
  callId: string;
  /** closed: the coordinator ended it; only then do members see its results. */
  status: 'open' | 'closed';
  closesAt: string;
  closedAt?: string | null;
  /** Ballots brought in from .pb files: the proposal ids each approves. */
  imported: string[][];
  importedFiles: { fileName: string; voters: number; importedAt: string }[];
  /** Who could vote when the vote closed (the call's table's voting members then): later changes of the table do not rewrite it. */
  voters?: Voter[];
}

export interface PbBallot {
  userId: string;
  approved: string[];
  submittedAt: string;
  version: number;
}

export interface PbResult {
  rule: 'greedy' | 'mes';
  completion: 'none' | 'add1' | 'add1-greedy';
  utility: 'cost' | 'approval';
  voters: number;
  budget: number;
  selected: { id: string; title: string; cost: number; approvals: number }[];
  total: number;
  /** MES: round by round, who paid for what. */
  /**
   * MES round by round: ρ exactly (a fraction), and what it means in money: the most a supporter pays,
   * ρ × cost with cost utility or ρ with approval utility, rounded to the cent for reading.
   */
  rounds: { id: string; title: string; rho: string; maxPayment: number; payers: number; exhausted: number }[];
}
