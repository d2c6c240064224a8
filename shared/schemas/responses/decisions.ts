import * as z from 'zod';
import type { Decision, DecisionLine } from '../../decision';
import type { DecisionLetter, ProposalOutcome } from '../../deciding';
import { lineSchema as recommendationLineSchema } from './recommendation';
import { amount, at, audit } from './common';

const years = z.union([z.literal(1), z.literal(2)]);
const supplement = z.object({ amount, reason: z.string() }).nullable();

const decisionLineSchema = z
  .object({
    proposalId: z.string(),
    organizationId: z.string(),
    organizationName: z.string(),
    title: z.string(),
    requested: amount,
    amount,
    years,
    perYear: z.array(amount),
    supplement,
    reason: z.string(),
    recommended: amount.nullable(),
    departure: z.object({ reason: z.string() }).nullable(),
  })
  .meta({ id: 'DecisionLine' }) satisfies z.ZodType<DecisionLine>;

export const decisionSchema = z
  .object({
    ...audit,
    callId: z.string(),
    tendency: z.enum(['concertation', 'administration']),
    basedOn: z.union([
      z.object({ kind: z.literal('recommendation'), number: z.number().int() }),
      z.object({ kind: z.literal('scenario'), scenarioId: z.string(), scenarioName: z.string() }),
      z.object({ kind: z.literal('manual') }),
    ]),
    lines: z.array(decisionLineSchema),
    original: z.array(decisionLineSchema),
    total: amount,
    amendments: z.array(
      z.object({
        number: z.number().int(),
        at,
        by: z.string(),
        byName: z.string(),
        reason: z.string(),
        changes: z.array(z.object({ proposalId: z.string(), before: decisionLineSchema, after: decisionLineSchema })),
      }),
    ),
    decidedAt: at,
    decidedBy: z.string(),
    decidedByName: z.string(),
  })
  .meta({ id: 'Decision' }) satisfies z.ZodType<Decision>;

/** The call's decision (null until recorded), what it would start from, and the call's figures the page needs. */
export const decisionViewSchema = z.object({
  decision: decisionSchema.nullable(),
  tendency: z.enum(['concertation', 'administration']),
  amountAvailable: amount,
  /** Concertation: the adopted recommendation (null until the table adopts one); administration: null. */
  basis: z
    .object({
      number: z.number().int(),
      adoptionMode: z.enum(['vote', 'consensus']).nullable(),
      adoptedAt: at,
      lines: z.array(recommendationLineSchema),
      total: amount,
    })
    .nullable(),
  /** The eligible proposals the decision gives a line to (their minimum and years bound the amounts). */
  proposals: z.array(
    z.object({
      id: z.string(),
      organizationId: z.string(),
      organizationName: z.string(),
      title: z.string(),
      requested: amount,
      minimum: amount,
      durationYears: years,
    }),
  ),
});

export const proposalOutcomeSchema = z
  .object({
    callId: z.string(),
    callTitle: z.string(),
    proposalId: z.string(),
    title: z.string(),
    funded: z.boolean(),
    amount,
    years,
    perYear: z.array(amount),
    supplement,
    reason: z.string(),
    decidedAt: at,
    amendedAt: at.nullable(),
  })
  .meta({ id: 'ProposalOutcome' }) satisfies z.ZodType<ProposalOutcome>;

export const decisionLetterSchema = proposalOutcomeSchema
  .extend({
    institution: z.string(),
    organizationId: z.string(),
    organizationName: z.string(),
    requested: amount,
    date: at,
    signatory: z.string(),
    amendments: z.array(z.object({ number: z.number().int(), at, reason: z.string(), before: amount, after: amount })),
  })
  .meta({ id: 'DecisionLetter' }) satisfies z.ZodType<DecisionLetter>;
