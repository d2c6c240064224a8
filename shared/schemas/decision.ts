/**
 * Bodies of the decision routes. A reason may arrive empty: the rules
 * (shared/deciding.ts) then say which line needs one (422), rather than a
 * bare "required" that names no line.
 */
import * as z from 'zod';
import { cents, id, optionalText, version } from './common';

const reason = optionalText(2000).default('');

const decisionLineInput = z.strictObject({
  proposalId: id,
  /** The amount within the request, for the whole period: 0, or between the minimum and the request. */
  amount: cents,
  years: z.union([z.literal(1), z.literal(2)]),
  reason,
  /** An amount above the request, with its own reason. */
  supplement: z
    .strictObject({ amount: cents.min(1), reason })
    .nullable()
    .optional(),
});

const lines = z.array(decisionLineInput).max(500);

export const recordDecisionSchema = z.discriminatedUnion('basis', [
  /** Concertation: the table's adopted recommendation, and the lines the manager departs from (each with its reason). */
  z.strictObject({ basis: z.literal('recommendation'), departures: lines.default([]) }),
  /** Administration: a scenario of the call, and the lines the manager changes in it. */
  z.strictObject({ basis: z.literal('scenario'), scenarioId: id, lines: lines.default([]) }),
  /** Administration: amounts typed by hand; a proposal without a line is not funded. */
  z.strictObject({ basis: z.literal('manual'), lines }),
]);

export const amendDecisionSchema = z.strictObject({ version, reason, lines: lines.min(1) });
