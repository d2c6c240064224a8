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
      reserved: z
        .array(z.strictObject({ need: id, amount: cents.min(1) }))
        .max(50)
        .optional(),
    })
    .default({}),
});

export const startRevisionSchema = z.strictObject({ scenarioId: id, deadline: instant });
export const closeRevisionSchema = z.strictObject({ version });

/**
 * An organization's answer. `answerVersion` is the version of the answer it
 * replaces (null for a first answer): answers are changed like every other
 * item, at their version. `version` is the proposal's, for the answers that
 * change the proposal.
 */
const answerVersion = version.nullable();
export const revisionAnswerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accepted'), proposalId: id, answerVersion }),
  z.strictObject({ kind: z.literal('withdrawn'), proposalId: id, answerVersion, version }),
  z.strictObject({ kind: z.literal('revised'), proposalId: id, answerVersion, version, content: proposalContentSchema }),
]);

export type ScenarioRequest = z.infer<typeof scenarioSchema>;

export const openPbVoteSchema = z.strictObject({ closesAt: instant });
export const closePbVoteSchema = z.strictObject({ version });
export const pbBallotSchema = z.strictObject({ version: version.nullable(), approved: z.array(id).max(200) });
export const pbResultsQuery = z.strictObject({
  rule: z.enum(['greedy', 'mes']).default('mes'),
  completion: z.enum(['none', 'add1', 'add1-greedy']).default('add1'),
  utility: z.enum(['cost', 'approval']).default('cost'),
});
export const pbImportSchema = z.strictObject({ version, fileName: z.string().max(200), text: z.string().min(1).max(2_000_000) });
