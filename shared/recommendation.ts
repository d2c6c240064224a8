/**
 * The table's recommendation (recommandation) on a call, its adoption by a
 * vote or a consensus, and the minutes (procès-verbal) that record it.
 * Amounts are integer cents for the proposal's whole period (`years`).
 * The rules of adoption are ../shared/METHODS.md §5 (shared/adoption.ts).
 *
 * This file is the contract between the recommendations context (which
 * writes these items) and the decisions context and public results (which
 * read them): fields may be added, none renamed or removed.
 */
import type { Audit } from './domain';

export interface RecommendationLine {
  proposalId: string;
  organizationId: string;
  organizationName: string;
  title: string;
  /** The proposal's request and minimum (its last submitted version), and the years it asks for. */
  requested: number;
  minimum: number;
  durationYears: 1 | 2;
  /** The amount recommended within the request: 0, or between `minimum` and `requested`. */
  amount: number;
  /** The years funded (never more than `durationYears`). */
  years: 1 | 2;
  /** Why this amount, in words (the scenario's reason, or the coordinator's). */
  reason: string;
  /** The amount of the scenario the draft started from; null when drafted from nothing or the proposal was not in it. */
  scenarioAmount: number | null;
  /** The coordinator's written reason for an amount changed by hand from the scenario's; null when unchanged. */
  adjustmentReason: string | null;
  /** An amount above the request (CLSC 2's transport supplement), with its own reason; null when none. */
  supplement: { amount: number; reason: string } | null;
}

export type RecommendationStatus = 'draft' | 'voting' | 'adopted' | 'rejected';

export interface Recommendation extends Audit {
  callId: string;
  /** The recommendation's version number: 1, then one more each time it is revised after a vote that failed. */
  number: number;
  status: RecommendationStatus;
  /** The scenario it was drafted from; null when drafted from nothing. */
  basedOn: { scenarioId: string; scenarioName: string; method: string } | null;
  lines: RecommendationLine[];
  /** Σ (amount + supplement): never above `amountAvailable`. */
  total: number;
  /** The call's amount available when the recommendation was last saved. */
  amountAvailable: number;
  /** How the table adopted it, once it did (or tried): null while a draft. */
  adoptionMode: 'vote' | 'consensus' | null;
}

export type AdoptionChoice = 'for' | 'against' | 'abstain';

/** The table's rules of adoption (METHODS.md §5): stored on the table, copied on the vote when it opens. */
export interface AdoptionRules {
  /** The quorum's fraction q of a line's electorate (`ceil(q·E)`); null: a strict majority, `floor(E/2) + 1`. */
  quorum: number | null;
  /** `simple`: for > against; `qualified`: 3·for ≥ 2·(for + against). */
  majority: 'simple' | 'qualified';
  /** A secret vote shows only the tallies, never who voted what. */
  secret: boolean;
}

export const DEFAULT_ADOPTION_RULES: AdoptionRules = { quorum: null, majority: 'simple', secret: true };

/** A member left out of a line's electorate, and why. */
export interface LineRecusal {
  proposalId: string;
  userId: string;
  name: string;
  reason: 'represents' | 'declared-tie';
}

export interface LineTally {
  proposalId: string;
  /** E: the line's electorate (voting members not recused from it). */
  electorate: number;
  /** The least number of members who must cast anything on the line. */
  quorum: number;
  for: number;
  against: number;
  abstain: number;
  /** Members recused from the line. */
  recused: number;
  outcome: 'passed' | 'failed-quorum' | 'failed-majority' | 'no-electorate';
}

/** Minutes (procès-verbal) of one adoption, by vote or consensus, of recommendation version `number`. */
export interface Minutes {
  callId: string;
  number: number;
  mode: 'vote' | 'consensus';
  tableId: string;
  tableName: string;
  /** The members present (consensus) or the electorate (vote): table members only. */
  present: { userId: string; name: string; represents: string; voting: boolean }[];
  recusals: LineRecusal[];
  /** Per line, for a vote; null for a consensus. */
  tallies: LineTally[] | null;
  /** For a vote: how the votes were cast, by name, only when the vote was open (not secret); null otherwise. */
  openBallots: { userId: string; name: string; choices: Record<string, AdoptionChoice> }[] | null;
  rules: AdoptionRules | null;
  /** For a consensus: the dissent noted in words, if any. */
  dissent: string | null;
  /** Every line passed (vote) or consensus reached. */
  adopted: boolean;
  /** The recommendation as it was voted or agreed. */
  recommendation: Recommendation;
  recordedAt: string;
  recordedBy: string;
  recordedByName: string;
}
