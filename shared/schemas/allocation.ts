/** Bodies of the scenario and revision round routes. */
import * as z from 'zod';
import { cents, id, instant, text, version } from './common';
import { proposalContentSchema } from './proposal';

export const scenarioSchema = z.strictObject({
  name: text(200),
  method: z.enum(['greedy', 'proportional', 'equal', 'optimal']),
  objective: z.enum(['value', 'coverage']).default('value'),
  constraints: z
    .strictObject({
      coverNeeds: z.array(id).max(50).optional(),
      maxProposalsPerOrganization: z.number().int().min(1).max(100).optional(),
      maxAmountPerOrganization: cents.min(1).optional(),
      reserved: z.array(z.strictObject({ need: id, amount: cents.min(1) })).max(50).optional(),
    })
    .default({}),
});

export const startRevisionSchema = z.strictObject({ scenarioId: id, deadline: instant });
export const closeRevisionSchema = z.strictObject({ version });

export const revisionAnswerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accepted'), proposalId: id }),
  z.strictObject({ kind: z.literal('withdrawn'), proposalId: id, version }),
  z.strictObject({ kind: z.literal('revised'), proposalId: id, version, content: proposalContentSchema }),
]);

export type ScenarioRequest = z.infer<typeof scenarioSchema>;

export const openPbVoteSchema = z.strictObject({ closesAt: instant });
export const pbBallotSchema = z.strictObject({ version: version.nullable(), approved: z.array(id).max(200) });
export const pbResultsQuery = z.strictObject({
  rule: z.enum(['greedy', 'mes']).default('mes'),
  completion: z.enum(['none', 'add1', 'add1-greedy']).default('add1'),
  utility: z.enum(['cost', 'approval']).default('cost'),
});
export const pbImportSchema = z.strictObject({ version, fileName: z.string().max(200), text: z.string().min(1).max(2_000_000) });
