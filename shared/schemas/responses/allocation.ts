import * as z from 'zod';
import type { PbBallot, PbResult, PbVote, RevisionAnswer, RevisionRound, Scenario } from '../../allocation';
import type { FitResult } from '../../fitting/instance';
import { amount, at, audit, count, person } from './common';
import { refusedAttemptSchema } from './scoring';
import { voterSchema } from './voters';

const fitInstance = z.object({
  budget: amount,
  proposals: z.array(z.object({ id: z.string(), organization: z.string(), requested: amount, minimum: amount, score: z.number(), needs: z.array(z.string()) })),
  constraints: z.object({
    coverNeeds: z.array(z.string()).optional(),
    maxProposalsPerOrganization: z.number().int().optional(),
    maxAmountPerOrganization: amount.optional(),
    reserved: z.array(z.object({ need: z.string(), amount })).optional(),
  }),
});

const fitMethod = z.enum(['greedy', 'proportional', 'equal', 'optimal']);
const fitObjective = z.enum(['value', 'coverage']);

const fitResult = z.object({
  method: fitMethod,
  objectiveName: fitObjective,
  objective: z.number(),
  total: amount,
  optimal: z.boolean().nullable(),
  tieRuleUnfinished: z.literal(true).optional(),
  allocations: z.array(
    z.object({
      id: z.string(),
      amount,
      reason: z.object({
        code: z.enum([
          'full',
          'reduced',
          'reduced-to-cap',
          'minimum',
          'minimum-for-need',
          'no-room',
          'below-minimum',
          'minimum-above-cap',
          'organization-at-max',
          'not-chosen',
          'tie',
        ]),
        fr: z.string(),
        en: z.string(),
        ref: z.string().optional(),
      }),
    }),
  ),
  constraints: z.array(z.object({ name: z.string(), satisfied: z.boolean() })),
  infeasible: z.array(z.object({ code: z.string(), fr: z.string(), en: z.string() })).nullable(),
}) satisfies z.ZodType<FitResult>;

export const scenarioSchemaResponse = z
  .object({
    id: z.string(),
    callId: z.string(),
    name: z.string(),
    method: fitMethod,
    objective: fitObjective,
    instance: fitInstance,
    inputs: z.array(z.object({ id: z.string(), title: z.string(), organizationName: z.string(), proposalVersion: z.number().int() })),
    result: fitResult,
    whatIf: z.object({ proposalId: z.string(), extra: amount }).nullable(),
    unscored: z.boolean().optional(),
    createdAt: at,
    createdBy: z.string(),
  })
  .meta({ id: 'Scenario' }) satisfies z.ZodType<Scenario>;

const answerKind = z.enum(['accepted', 'revised', 'withdrawn']);

export const revisionAnswerSchemaResponse = z
  .object({
    proposalId: z.string(),
    kind: answerKind,
    requested: amount.nullable(),
    minimum: amount.nullable(),
    previousRequested: amount.nullable().optional(),
    answeredAt: at,
    answeredBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'RevisionAnswer' }) satisfies z.ZodType<RevisionAnswer>;

const settledProposal = z.object({
  proposalId: z.string(),
  outcome: z.enum(['accepted', 'revised', 'withdrawn', 'no-answer']),
  suggested: amount,
  requestedBefore: amount,
  requestedAfter: amount.nullable(),
  proposalVersion: z.number().int(),
});

export const revisionRoundSchema = z
  .object({
    callId: z.string(),
    scenarioId: z.string(),
    scenarioName: z.string(),
    deadline: at,
    status: z.enum(['open', 'closed']),
    suggestions: z.record(z.string(), amount),
    settlement: z
      .object({ settledAt: at, settledBy: z.string(), proposals: z.array(settledProposal) })
      .nullable()
      .optional(),
    ...audit,
  })
  .meta({ id: 'RevisionRound' }) satisfies z.ZodType<RevisionRound>;

export const revisionViewSchema = z.object({ round: revisionRoundSchema.nullable(), answers: z.array(revisionAnswerSchemaResponse) });

export const revisionRequestSchema = z.object({
  callId: z.string(),
  proposalId: z.string(),
  title: z.string(),
  proposalStatus: z.enum(['draft', 'submitted', 'withdrawn']),
  requested: amount,
  suggested: amount,
  deadline: at,
  roundStatus: z.enum(['open', 'closed']),
  acceptingAnswers: z.boolean(),
  answer: revisionAnswerSchemaResponse.nullable(),
  settled: settledProposal.nullable(),
});

export const pbVoteSchemaResponse = z
  .object({
    callId: z.string(),
    status: z.enum(['open', 'closed']),
    closesAt: at,
    closedAt: at.nullable().optional(),
    imported: z.array(z.array(z.string())),
    importedFiles: z.array(z.object({ fileName: z.string(), voters: count, importedAt: at })),
    voters: z.array(voterSchema).optional(),
    ...audit,
  })
  .meta({ id: 'PbVote' }) satisfies z.ZodType<PbVote>;

export const pbBallotSchemaResponse = z
  .object({ userId: z.string(), approved: z.array(z.string()), submittedAt: at, version: z.number().int() })
  .meta({ id: 'PbBallot' }) satisfies z.ZodType<PbBallot>;

export const pbVoteViewSchema = z.object({
  vote: pbVoteSchemaResponse.nullable(),
  acceptingBallots: z.boolean(),
  resultsVisible: z.boolean(),
  proposals: z.array(
    z.object({ id: z.string(), title: z.string(), organizationName: z.string(), requested: amount, recusal: z.object({ reason: z.string() }).nullable() }),
  ),
  myBallot: pbBallotSchemaResponse.nullable(),
  ballots: count.nullable(),
  notVoted: z.array(person).nullable(),
  refusedAttempts: z.array(refusedAttemptSchema).nullable(),
});

export const pbResultSchema = z
  .object({
    rule: z.enum(['greedy', 'mes']),
    completion: z.enum(['none', 'add1', 'add1-greedy']),
    utility: z.enum(['cost', 'approval']),
    voters: count,
    budget: amount,
    selected: z.array(z.object({ id: z.string(), title: z.string(), cost: amount, approvals: count })),
    total: amount,
    rounds: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        rho: z.string().meta({ description: 'ρ exact, en fraction `n/d`.' }),
        maxPayment: amount,
        payers: count,
        exhausted: count,
      }),
    ),
  })
  .meta({ id: 'PbResult' }) satisfies z.ZodType<PbResult>;
