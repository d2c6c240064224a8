/**
 * The evaluation of proposals by the concertation table: a weighted grid,
 * evaluators, conflicts of interest and recusals, score sheets, results.
 */
import type { Audit } from '../domain';
import type { AggregationRule, ScoringResult } from './aggregate';
import type { Voter } from '../tables';

interface GridLevel {
  value: number;
  descriptor: string;
}

export interface GridCriterionDef {
  id: string;
  label: string;
  help: string;
  /** Basis points; the grid's weights add up to 10 000. */
  weightBp: number;
  /** Scores go from 0 to `scale`. */
  scale: number;
  levels: GridLevel[];
  /** Scored from the proposal's declared needs and their priority, not by evaluators. */
  linkedToNeeds: boolean;
}

export type ScoringStatus = 'draft' | 'open' | 'closed';

export interface ScoringGrid extends Audit {
  callId: string;
  /** Goes up each time the grid is reopened and changed; sheets keep the version they were scored on. */
  gridVersion: number;
  criteria: GridCriterionDef[];
  /** draft: the grid can change; open: scoring underway, grid locked; closed: scoring ended. */
  status: ScoringStatus;
  mode: 'individual' | 'consensus';
  /** Scoring ends at this instant (enforced by the server). */
  closesAt: string | null;
  /** null: every table member evaluates every eligible proposal; else the evaluators of each proposal. */
  assignments: Record<string, string[]> | null;
  rule: AggregationRule;
  normalize: boolean;
  disagreementThreshold: number;
  /** When scoring was last opened. */
  openedAt: string | null;
  /**
   * When scoring first opened on this call (kept through reopenings): from
   * then on, a tie withdrawn by a member no longer lifts their recusal on
   * this call. Grids opened before it existed read `openedAt` instead.
   */
  firstOpenedAt?: string | null;
  reopenings: { at: string; by: string; reason: string; fromGridVersion: number }[];
  /** Who evaluated when scoring closed (the call's table's voting members then): the results of a closed grid keep them. */
  evaluators?: Voter[];
}

export interface GridTemplate extends Audit {
  id: string;
  name: string;
  criteria: GridCriterionDef[];
}

/** The organizations a member represents or has ties with: automatic recusal from their proposals. */
export interface ConflictDeclaration {
  userId: string;
  /** The member's name when they last saved, for the minutes (absent on older declarations). */
  userName?: string;
  /** The ties in force now. */
  organizationIds: string[];
  /** When the member last saved their ties. */
  declaredAt: string;
  /**
   * Every tie declared or withdrawn, oldest first, with its date: kept for
   * the minutes, and what keeps a tie withdrawn after scoring opened on a
   * call from lifting the recusal on that call. Absent on declarations saved
   * before it existed (their ties read as declared at `declaredAt`).
   */
  history?: TieChange[];
  version: number;
}

export interface TieChange {
  organizationId: string;
  change: 'declared' | 'withdrawn';
  at: string;
}

export interface Recusal {
  proposalId: string;
  userId: string;
  userName: string;
  /** automatic: the member represents or declared ties with the applicant; declared: on this proposal. */
  kind: 'automatic' | 'declared';
  reason: string;
  at: string;
  /** The tie behind this recusal was withdrawn then, after scoring opened on the call: the recusal stays in force for the call. */
  tieWithdrawnAt?: string;
}

export interface ScoreSheet {
  proposalId: string;
  /** A member, or `consensus` for the table's agreed scores. */
  evaluatorId: string;
  evaluatorName: string;
  gridVersion: number;
  scores: Record<string, { value: number; comment: string }>;
  status: 'draft' | 'submitted';
  /** Consensus sheets: the members present when the table agreed. */
  present: string[];
  updatedAt: string;
  version: number;
}

export const CONSENSUS = 'consensus';

/** What the results read of an evaluator's sheets: values only, one short text per proposal (see encodeLedgerEntry). */
export interface Ledger {
  evaluatorId: string;
  evaluatorName: string;
  sheets: Record<string, string>;
}

export interface LedgerEntry {
  gv: number;
  st: 'draft' | 'submitted';
  v: Record<string, number>;
}

/**
 * A sheet's values as one text, `<grid version>|<d or s>|<criterion>=<value>,…`:
 * an evaluator's ledger holds a thousand of them, and one text per proposal
 * reads many times faster than nested maps.
 */
export function encodeLedgerEntry(e: LedgerEntry): string {
  return `${e.gv}|${e.st === 'submitted' ? 's' : 'd'}|${Object.entries(e.v)
    .map(([c, v]) => `${c}=${v}`)
    .join(',')}`;
}

export function decodeLedgerEntry(text: string): LedgerEntry {
  const [gv, st, values] = text.split('|');
  const v: Record<string, number> = {};
  if (values)
    for (const pair of values.split(',')) {
      const eq = pair.lastIndexOf('=');
      v[pair.slice(0, eq)] = Number(pair.slice(eq + 1));
    }
  return { gv: Number(gv), st: st === 's' ? 'submitted' : 'draft', v };
}

/**
 * The score of a criterion tied to the retained needs: the call lists its
 * needs by priority (first = highest); a proposal answering the need ranked
 * i (0-based) of n scores round(scale × (n − i) / n) from its best one, and 0
 * when it answers none.
 */
export function needsScore(callNeedIds: readonly string[], declared: readonly string[], scale: number): number {
  const n = callNeedIds.length;
  const best = Math.min(...declared.map((id) => callNeedIds.indexOf(id)).filter((i) => i >= 0));
  return Number.isFinite(best) && n > 0 ? Math.round((scale * (n - best)) / n) : 0;
}

export interface ScoringResults {
  grid: ScoringGrid;
  result: ScoringResult;
  proposals: { id: string; title: string; organizationName: string; requested: number }[];
  evaluators: { id: string; name: string }[];
  /** evaluator → proposals scored (submitted) / assigned, for progress. */
  progress: { evaluatorId: string; submitted: number; assigned: number }[];
  recusals: Recusal[];
}
