import * as z from 'zod';
import type { ConflictDeclaration, GridTemplate, Recusal, ScoreSheet, ScoringGrid, ScoringResults } from '../../scoring/domain';
import type { TieChangeLine } from '../../scoring/recusal';
import { amount, at, audit, count, person } from './common';
import { proposalContentResponse, submissionRowSchema } from './proposals';
import { voterSchema } from './voters';

const criterionSchema = z.object({
  id: z.string(),
  label: z.string(),
  help: z.string(),
  weightBp: z.number().int(),
  scale: z.number().int(),
  levels: z.array(z.object({ value: z.number().int(), descriptor: z.string() })),
  linkedToNeeds: z.boolean(),
});

const aggregationRule = z.enum(['mean', 'median', 'trimmed']);

const gridSchemaResponse = z
  .object({
    callId: z.string(),
    gridVersion: z.number().int(),
    criteria: z.array(criterionSchema),
    status: z.enum(['draft', 'open', 'closed']),
    mode: z.enum(['individual', 'consensus']),
    closesAt: at.nullable(),
    assignments: z.record(z.string(), z.array(z.string())).nullable(),
    rule: aggregationRule,
    normalize: z.boolean(),
    disagreementThreshold: z.number(),
    openedAt: at.nullable(),
    firstOpenedAt: at.nullable().optional(),
    reopenings: z.array(z.object({ at, by: z.string(), reason: z.string(), fromGridVersion: z.number().int() })),
    evaluators: z.array(voterSchema).optional(),
    ...audit,
  })
  .meta({ id: 'ScoringGrid' }) satisfies z.ZodType<ScoringGrid>;

export const gridEnvelope = z.object({ grid: gridSchemaResponse });

/** What those who build the grid also read: the table's members and the eligible proposals, to assign them. */
export const gridViewSchema = z.object({
  grid: gridSchemaResponse.nullable(),
  awaitingScreening: z.object({ count, rescreen: count }).optional(),
  evaluators: z.array(person.extend({ organizationId: z.string().nullable() })).optional(),
  proposals: z.array(z.object({ id: z.string(), title: z.string(), organizationId: z.string(), organizationName: z.string() })).optional(),
});

export const gridTemplateSchema = z
  .object({ id: z.string(), name: z.string(), criteria: z.array(criterionSchema), ...audit })
  .meta({ id: 'GridTemplate' }) satisfies z.ZodType<GridTemplate>;

const conflictSchema = z
  .object({
    userId: z.string(),
    userName: z.string().optional(),
    organizationIds: z.array(z.string()),
    declaredAt: at,
    history: z.array(z.object({ organizationId: z.string(), change: z.enum(['declared', 'withdrawn']), at })).optional(),
    version: z.number().int(),
  })
  .meta({ id: 'ConflictDeclaration' }) satisfies z.ZodType<ConflictDeclaration>;

export const myConflictsSchema = z.object({ conflicts: conflictSchema.nullable(), representedOrganizationId: z.string().nullable() });

export const recusalSchema = z
  .object({
    proposalId: z.string(),
    userId: z.string(),
    userName: z.string(),
    kind: z.enum(['automatic', 'declared']),
    reason: z.string(),
    at,
    tieWithdrawnAt: at.optional(),
  })
  .meta({ id: 'Recusal' }) satisfies z.ZodType<Recusal>;

export const scoreSheetSchema = z
  .object({
    proposalId: z.string(),
    evaluatorId: z.string(),
    evaluatorName: z.string(),
    gridVersion: z.number().int(),
    scores: z.record(z.string(), z.object({ value: z.number(), comment: z.string() })),
    status: z.enum(['draft', 'submitted']),
    present: z.array(z.string()),
    updatedAt: at,
    version: z.number().int(),
  })
  .meta({ id: 'ScoreSheet' }) satisfies z.ZodType<ScoreSheet>;

export const myScoringSchema = z.object({
  grid: gridSchemaResponse,
  acceptingScores: z.boolean(),
  proposals: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      organizationName: z.string(),
      requested: amount,
      recusal: recusalSchema.nullable(),
      status: z.enum(['draft', 'submitted']).nullable(),
    }),
  ),
});

export const sheetViewSchema = z.object({
  grid: gridSchemaResponse,
  proposal: z
    .object({
      title: z.string(),
      organizationName: z.string(),
      requested: amount,
      versionNumber: z.number().int().nullable(),
      content: proposalContentResponse.nullable(),
      needs: z.array(z.object({ id: z.string(), statement: z.string() })),
    })
    .nullable(),
  recusal: recusalSchema.nullable(),
  sheet: scoreSheetSchema.nullable(),
  earlierSheet: scoreSheetSchema.nullable(),
});

export const consensusViewSchema = z.object({
  grid: gridSchemaResponse,
  proposal: submissionRowSchema.nullable(),
  sheet: scoreSheetSchema.nullable(),
  members: z.array(person.extend({ recused: z.boolean() })),
});

const nullableNumber = z.number().nullable();

export const scoringResultsSchema = z
  .object({
    grid: gridSchemaResponse,
    result: z.object({
      rule: aggregationRule,
      normalized: z.boolean(),
      proposals: z.array(
        z.object({
          proposalId: z.string(),
          raw: z.record(z.string(), z.number()),
          normalized: z.record(z.string(), z.number()),
          incomplete: z.array(z.string()),
          aggregate: nullableNumber,
          aggregateNormalized: nullableNumber,
          spread: nullableNumber,
          disagreement: z.boolean(),
        }),
      ),
      ranking: z.array(z.array(z.string())),
      unranked: z.array(z.string()),
      notNormalized: z.array(z.string()),
    }),
    proposals: z.array(z.object({ id: z.string(), title: z.string(), organizationName: z.string(), requested: amount })),
    evaluators: z.array(z.object({ id: z.string(), name: z.string() })),
    progress: z.array(z.object({ evaluatorId: z.string(), submitted: count, assigned: count })),
    recusals: z.array(recusalSchema),
  })
  .meta({ id: 'ScoringResults' }) satisfies z.ZodType<ScoringResults>;

const refusedAttempt = z.object({ id: z.string(), at, kind: z.literal('recused-attempt'), userId: z.string(), userName: z.string(), proposalId: z.string() });

export const refusedAttemptSchema = refusedAttempt.meta({ id: 'RefusedAttempt' });

const tieChangeLine = z.object({
  at,
  userId: z.string(),
  userName: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  change: z.enum(['declared', 'withdrawn']),
}) satisfies z.ZodType<TieChangeLine>;

/** The results with the minutes: refused attempts and ties declared or withdrawn with the applicants. */
export const scoringResultsViewSchema = scoringResultsSchema.extend({ refusedAttempts: z.array(refusedAttemptSchema), tieChanges: z.array(tieChangeLine) });
