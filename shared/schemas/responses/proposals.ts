import * as z from 'zod';
import type { Proposal, ProposalVersion, Screening, SubmissionRow, SubmissionsSummary } from '../../domain';
import { proposalContentSchema, proposalDraftSchema } from '../proposal';
import { amount, at, audit, count } from './common';

export const proposalContentResponse = proposalContentSchema.meta({ id: 'ProposalContent' });

const screeningSchema = z
  .object({
    outcome: z.enum(['eligible', 'ineligible']),
    results: z.array(z.object({ criterionId: z.string(), label: z.string(), met: z.boolean(), reason: z.string() })),
    proposalVersionNumber: z.number().int(),
    screenedAt: at,
    screenedBy: z.string(),
    screenedByName: z.string(),
  })
  .meta({ id: 'Screening' }) satisfies z.ZodType<Screening>;

export const proposalSchema = z
  .object({
    id: z.string(),
    callId: z.string(),
    organizationId: z.string(),
    organizationName: z.string(),
    status: z.enum(['draft', 'submitted', 'withdrawn']),
    draft: proposalDraftSchema.meta({ description: 'Le travail en cours, vu de l’organisme seulement (vide pour les autres).' }),
    content: proposalContentResponse.nullable(),
    submittedVersions: count,
    submittedAt: at.nullable(),
    withdrawnAt: at.nullable(),
    screening: screeningSchema.nullable(),
    earlierScreening: screeningSchema.nullable().optional(),
    ...audit,
  })
  .meta({ id: 'Proposal' }) satisfies z.ZodType<Proposal>;

export const proposalVersionSchema = z
  .object({ proposalId: z.string(), number: z.number().int().min(1), content: proposalContentResponse, submittedAt: at, submittedBy: z.string() })
  .meta({ id: 'ProposalVersion' }) satisfies z.ZodType<ProposalVersion>;

export const submissionRowSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    organizationName: z.string(),
    title: z.string(),
    requested: amount,
    minimum: amount,
    durationYears: z.union([z.literal(1), z.literal(2)]),
    status: z.enum(['submitted', 'withdrawn']),
    screeningOutcome: z.enum(['eligible', 'ineligible']).nullable(),
    rescreen: z.boolean().optional(),
    submittedAt: at,
    submittedVersions: z.number().int(),
    version: z.number().int(),
    needIds: z.array(z.string()),
  })
  .meta({ id: 'SubmissionRow' }) satisfies z.ZodType<SubmissionRow>;

export const submissionsSummarySchema = z
  .object({
    amountAvailable: amount,
    totalRequested: amount,
    submittedCount: count,
    excess: amount,
    byStatus: z.object({ submitted: count, eligible: count, ineligible: count, withdrawn: count }),
    byNeed: z.array(z.object({ needId: z.string(), statement: z.string(), proposals: count, requested: amount })),
  })
  .meta({ id: 'SubmissionsSummary' }) satisfies z.ZodType<SubmissionsSummary>;
