/** Bodies of the recommendation's routes (functions/recommendations) and of a table's rules of adoption. */
import * as z from 'zod';
import { USER_ID_PATTERN } from '../identifiers';
import { cents, id, instant, optionalText, version } from './common';

const reasonText = optionalText(2000);

const lineSchema = z.strictObject({
  proposalId: id,
  amount: cents,
  years: z.union([z.literal(1), z.literal(2)]),
  reason: reasonText,
  adjustmentReason: reasonText.nullable().default(null),
  supplement: z.strictObject({ amount: cents, reason: reasonText }).nullable().default(null),
});

export const draftRecommendationSchema = z.strictObject({ scenarioId: id.nullable() });
export const updateRecommendationSchema = z.strictObject({ version, lines: z.array(lineSchema).max(500) });
export const reviseRecommendationSchema = z.strictObject({ version });
export const openAdoptionVoteSchema = z.strictObject({ version, closesAt: instant });
export const closeAdoptionVoteSchema = z.strictObject({ version });
export const adoptionBallotSchema = z.strictObject({
  version: version.nullable(),
  choices: z.record(id, z.enum(['for', 'against', 'abstain'])),
});
export const consensusSchema = z.strictObject({
  version,
  present: z.array(z.string().regex(USER_ID_PATTERN)).min(1).max(200),
  dissent: optionalText(4000).nullable(),
});

const adoptionRulesSchema = z.strictObject({
  /** The quorum's fraction of a line's electorate; null: a strict majority. */
  quorum: z.number().gt(0).max(1).nullable(),
  majority: z.enum(['simple', 'qualified']),
  secret: z.boolean(),
});
export const updateAdoptionRulesSchema = z.strictObject({ version, rules: adoptionRulesSchema });
