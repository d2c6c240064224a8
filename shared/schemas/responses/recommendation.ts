/** What the recommendation's routes answer (functions/recommendations). */
import * as z from 'zod';
import type { AdoptionBallot, AdoptionVote } from '../../adoption';
import type { LineRecusal, LineTally, Minutes, Recommendation, RecommendationLine } from '../../recommendation';
import { amount, at, audit, count } from './common';

const years = z.union([z.literal(1), z.literal(2)]);

/** A line of a recommendation (also the decision's basis: the adopted recommendation's lines). */
export const lineSchema = z
  .object({
    proposalId: z.string(),
    organizationId: z.string(),
    organizationName: z.string(),
    title: z.string(),
    requested: amount,
    minimum: amount,
    durationYears: years,
    amount,
    years,
    reason: z.string(),
    scenarioAmount: amount.nullable(),
    adjustmentReason: z.string().nullable(),
    supplement: z.object({ amount, reason: z.string() }).nullable(),
  })
  .meta({ id: 'RecommendationLine' }) satisfies z.ZodType<RecommendationLine>;

export const recommendationSchema = z
  .object({
    callId: z.string(),
    number: z.number().int().min(1),
    status: z.enum(['draft', 'voting', 'adopted', 'rejected']),
    basedOn: z.object({ scenarioId: z.string(), scenarioName: z.string(), method: z.string() }).nullable(),
    lines: z.array(lineSchema),
    total: amount,
    amountAvailable: amount,
    adoptionMode: z.enum(['vote', 'consensus']).nullable(),
    ...audit,
  })
  .meta({ id: 'Recommendation' }) satisfies z.ZodType<Recommendation>;

const rulesSchema = z.object({ quorum: z.number().nullable(), majority: z.enum(['simple', 'qualified']), secret: z.boolean() }).meta({ id: 'AdoptionRules' });

const recusalSchema = z
  .object({ proposalId: z.string(), userId: z.string(), name: z.string(), reason: z.enum(['represents', 'declared-tie']) })
  .meta({ id: 'LineRecusal' }) satisfies z.ZodType<LineRecusal>;

const tallySchema = z
  .object({
    proposalId: z.string(),
    electorate: count,
    quorum: count,
    for: count,
    against: count,
    abstain: count,
    recused: count,
    outcome: z.enum(['passed', 'failed-quorum', 'failed-majority', 'no-electorate']),
  })
  .meta({ id: 'LineTally' }) satisfies z.ZodType<LineTally>;

const choice = z.enum(['for', 'against', 'abstain']);

export const minutesSchema = z
  .object({
    callId: z.string(),
    number: z.number().int().min(1),
    mode: z.enum(['vote', 'consensus']),
    tableId: z.string(),
    tableName: z.string(),
    present: z.array(z.object({ userId: z.string(), name: z.string(), represents: z.string(), voting: z.boolean() })),
    recusals: z.array(recusalSchema),
    tallies: z.array(tallySchema).nullable(),
    openBallots: z.array(z.object({ userId: z.string(), name: z.string(), choices: z.record(z.string(), choice) })).nullable(),
    rules: rulesSchema.nullable(),
    dissent: z.string().nullable(),
    adopted: z.boolean(),
    recommendation: recommendationSchema,
    recordedAt: at,
    recordedBy: z.string(),
    recordedByName: z.string(),
  })
  .meta({ id: 'Minutes' }) satisfies z.ZodType<Minutes>;

export const adoptionVoteSchema = z
  .object({
    callId: z.string(),
    number: z.number().int().min(1),
    status: z.enum(['open', 'closed']),
    closesAt: at,
    closedAt: at.nullable(),
    tableId: z.string(),
    tableName: z.string(),
    electorate: z.array(z.object({ userId: z.string(), name: z.string(), represents: z.string() })),
    recusals: z.array(recusalSchema),
    rules: rulesSchema,
    ...audit,
  })
  .meta({ id: 'AdoptionVote' }) satisfies z.ZodType<AdoptionVote>;

export const adoptionBallotResponseSchema = z
  .object({ userId: z.string(), number: z.number().int().min(1), choices: z.record(z.string(), choice), submittedAt: at, version: z.number().int().min(1) })
  .meta({ id: 'AdoptionBallot' }) satisfies z.ZodType<AdoptionBallot>;

const minutesSummarySchema = z.object({ number: z.number().int(), mode: z.enum(['vote', 'consensus']), adopted: z.boolean(), recordedAt: at });

/** The recommendation page: the current version, the earlier ones, the vote as the caller may see it, the minutes. */
export const recommendationViewSchema = z
  .object({
    table: z.object({ id: z.string(), name: z.string() }),
    rules: rulesSchema,
    recommendation: recommendationSchema.nullable(),
    versions: z.array(recommendationSchema),
    vote: adoptionVoteSchema.nullable(),
    /** How many members have cast a ballot: never the tallies before the close. */
    ballotsCast: count.nullable(),
    acceptingBallots: z.boolean(),
    /** What the caller may do here. */
    canWrite: z.boolean(),
    canVote: z.boolean(),
    /** The caller's standing at the table, and the lines they are recused from (with why). */
    standing: z.enum(['voting', 'observer', 'outside']),
    myRecusals: z.array(recusalSchema),
    /** The table's members (for the consensus: who was present). */
    members: z.array(z.object({ userId: z.string(), name: z.string(), represents: z.string(), voting: z.boolean() })),
    minutes: z.array(minutesSummarySchema),
  })
  .meta({ id: 'RecommendationView' });

export const myAdoptionBallotSchema = z.object({ ballot: adoptionBallotResponseSchema.nullable() });
