/**
 * Scenarios (a fitting of the call's eligible, scored proposals into its
 * amount available) and the revision round that asks organizations for
 * reduced amounts.
 */
import type { Audit } from './domain';
import type { FitInstance, FitMethod, FitObjective, FitResult } from './fitting/instance';

export interface ScenarioInput {
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
  createdAt: string;
  createdBy: string;
}

export type RevisionAnswerKind = 'accepted' | 'revised' | 'withdrawn';

export interface RevisionRound extends Audit {
  callId: string;
  scenarioId: string;
  scenarioName: string;
  deadline: string;
  status: 'open' | 'closed';
  /** Amount suggested per proposal (0: not funded in the scenario). */
  suggestions: Record<string, number>;
}

export interface RevisionAnswer {
  proposalId: string;
  kind: RevisionAnswerKind;
  /** For a revision: the new request and minimum. */
  requested: number | null;
  minimum: number | null;
  answeredAt: string;
  answeredBy: string;
}

/** The members' approval vote over a call's eligible proposals, turned into an allocation by a PB rule. */
export interface PbVote extends Audit {
  callId: string;
  status: 'open' | 'closed';
  closesAt: string;
  /** Ballots brought in from .pb files: the proposal ids each approves. */
  imported: string[][];
  importedFiles: { fileName: string; voters: number; importedAt: string }[];
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
