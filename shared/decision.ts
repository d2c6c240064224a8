/**
 * The institution's decision on a call: in the concertation tendency the
 * manager accepts the table's adopted recommendation or departs from it
 * line by line, each departure with its reason; in the administration
 * tendency (a call without a table) the manager decides directly from a
 * scenario or from amounts typed by hand. A decision is final: a later
 * change is an amendment with its reason, and the original stays visible.
 * Amounts are integer cents.
 *
 * The contract between the decisions context and those that read the
 * outcome (proposals, public results, agreements later): fields may be
 * added, none renamed or removed.
 */
import type { Audit } from './domain';

export interface DecisionLine {
  proposalId: string;
  organizationId: string;
  organizationName: string;
  title: string;
  requested: number;
  /** The amount granted for the whole period (supplement included); 0: not funded. */
  amount: number;
  /** The years funded (1 or 2), and the amount of each, in order; empty when not funded. */
  years: 1 | 2;
  perYear: number[];
  /** Part of `amount` above the request, with its own reason; null when none. */
  supplement: { amount: number; reason: string } | null;
  /** Why, in words the organization reads (funded or not). */
  reason: string;
  /** The recommendation's (or scenario's) amount; null when decided from amounts typed by hand. */
  recommended: number | null;
  /** The manager's departure from the recommendation on this line, with its reason; null when it follows it. */
  departure: { reason: string } | null;
}

interface DecisionAmendment {
  number: number;
  at: string;
  by: string;
  byName: string;
  reason: string;
  /** The lines the amendment changed, as they were and as they became. */
  changes: { proposalId: string; before: DecisionLine; after: DecisionLine }[];
}

export interface Decision extends Audit {
  callId: string;
  tendency: 'concertation' | 'administration';
  basedOn: { kind: 'recommendation'; number: number } | { kind: 'scenario'; scenarioId: string; scenarioName: string } | { kind: 'manual' };
  /** The lines as they stand now (after every amendment). */
  lines: DecisionLine[];
  /** The lines as first decided: never changed. */
  original: DecisionLine[];
  total: number;
  amendments: DecisionAmendment[];
  decidedAt: string;
  decidedBy: string;
  decidedByName: string;
}

/** The amount of each year of a `years`-year grant of `amount` cents: equal shares, the odd cents in the first year. */
export function splitPerYear(amount: number, years: 1 | 2): number[] {
  if (amount === 0) return [];
  if (years === 1) return [amount];
  const second = Math.floor(amount / 2);
  return [amount - second, second];
}

/**
 * What a decision takes from its call's envelope: each funded line's first year (a later year is paid from a later
 * year's envelope). The call promised its whole amount available; once decided, it keeps this much, and the rest
 * goes back to what the envelope may promise or carry over.
 */
export function firstYearsTotal(lines: readonly Pick<DecisionLine, 'perYear'>[]): number {
  return lines.reduce((s, l) => s + (l.perYear[0] ?? 0), 0);
}
