import * as z from 'zod';
import { NEED_CATEGORIES, NEED_SOURCES, type Ballot, type ConsultationAnswer, type Need } from '../../needs';
import type { Ranking } from '../../ranking/methods';
import { at, audit, count, person } from './common';
import { callNeedSchema } from './calls';
import { tableIdField, voterSchema } from './voters';

const rankingSchema = z
  .object({
    order: z.array(z.array(z.string())),
    alternatives: z.array(z.string()),
    scores: z.record(z.string(), z.number()).optional(),
    pairwise: z.array(z.array(z.number())).optional(),
    strengths: z.array(z.array(z.number())).optional(),
    voters: z.number(),
  })
  .meta({ id: 'Ranking' }) satisfies z.ZodType<Ranking>;

const roundMethod = z.enum(['ranking', 'points', 'approval']);

export const studySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    callId: z.string().nullable(),
    status: z.enum(['open', 'closed']),
    consultation: z
      .object({
        token: z.string().nullable().meta({ description: 'Le jeton du lien public : null pour qui ne mène pas l’étude.' }),
        open: z.boolean(),
      })
      .nullable(),
    tableId: tableIdField,
    ...audit,
  })
  .meta({ id: 'NeedsStudy' });

export const needSchema = z
  .object({
    id: z.string(),
    studyId: z.string(),
    statement: z.string(),
    category: z.enum(NEED_CATEGORIES),
    sources: z.array(z.enum(NEED_SOURCES)),
    notes: z.string(),
    status: z.enum(['active', 'merged']),
    mergedInto: z.string().nullable(),
    ...audit,
  })
  .meta({ id: 'Need' }) satisfies z.ZodType<Need>;

/** A round as a viewer may see it (shared/ballot-secrecy.ts), and whether it takes ballots now. */
export const roundViewSchema = z
  .object({
    id: z.string(),
    studyId: z.string(),
    title: z.string(),
    method: roundMethod,
    pointsBudget: z.number().int().nullable(),
    approvalMax: z.number().int().nullable(),
    needs: z.array(callNeedSchema),
    status: z.enum(['open', 'closed']),
    closesAt: at,
    closedAt: at.nullable(),
    result: z
      .object({ method: roundMethod, primary: rankingSchema, borda: rankingSchema.nullable(), participants: count, eligibleVoters: count.nullable() })
      .nullable(),
    retention: z
      .object({
        retainedNeedIds: z.array(z.string()),
        referrals: z.array(z.object({ needId: z.string(), body: z.string(), note: z.string() })),
        tieBreak: z.string().nullable(),
        decidedAt: at,
        decidedBy: z.string(),
      })
      .nullable(),
    importedBallots: z.array(z.object({ count: count, tiers: z.array(z.array(z.string())) })).optional(),
    importedFiles: z.array(z.object({ fileName: z.string(), voters: count, importedAt: at, importedBy: z.string() })).optional(),
    tableId: tableIdField,
    voters: z.array(voterSchema).optional(),
    ...audit,
    acceptingBallots: z.boolean(),
  })
  .meta({ id: 'PrioritizationRound' });

export const ballotSchemaResponse = z
  .object({
    roundId: z.string(),
    userId: z.string(),
    voterName: z.string(),
    ranking: z.array(z.array(z.string())).nullable(),
    points: z.record(z.string(), z.number()).nullable(),
    approved: z.array(z.string()).nullable(),
    submittedAt: at,
    version: z.number().int(),
  })
  .meta({ id: 'Ballot' }) satisfies z.ZodType<Ballot>;

export const consultationAnswerResponse = z
  .object({
    id: z.string(),
    studyId: z.string(),
    proposedNeeds: z.array(z.string()),
    preferredNeedIds: z.array(z.string()),
    receivedAt: at,
    moderation: z.enum(['pending', 'accepted', 'dismissed']),
    needIds: z.array(z.string()),
    version: z.number().int(),
  })
  .meta({ id: 'ConsultationAnswer' }) satisfies z.ZodType<ConsultationAnswer>;

export const studyDetailSchema = z.object({ study: studySchema, needs: z.array(needSchema), rounds: z.array(roundViewSchema) });

export const roundDetailSchema = z.object({
  round: roundViewSchema,
  myBallot: ballotSchemaResponse.nullable(),
  participants: count.nullable(),
  notVoted: z.array(person).nullable(),
});

export const publicConsultationSchema = z.object({ title: z.string(), open: z.boolean(), needs: z.array(callNeedSchema) });

export const answerReceivedSchema = z.object({ received: z.literal(true) });
