/** Bodies of the scoring grid, conflicts, sheets and results routes. */
import * as z from 'zod';
import { id, instant, optionalText, text, version } from './common';

const level = z.strictObject({ value: z.number().int().min(0).max(100), descriptor: optionalText(300) });

export const gridCriterion = z.strictObject({
  id: id.optional(),
  label: text(200),
  help: optionalText(1000),
  weightBp: z.number().int().min(1).max(10_000),
  scale: z.number().int().min(1).max(100),
  levels: z.array(level).max(101),
  linkedToNeeds: z.boolean(),
});

function checkGrid(v: { criteria: z.infer<typeof gridCriterion>[] }, ctx: z.RefinementCtx) {
  const sum = v.criteria.reduce((s, c) => s + c.weightBp, 0);
  if (sum !== 10_000) ctx.addIssue({ code: 'custom', path: ['criteria'], params: { code: 'weights_sum', sum } });
  for (const [i, c] of v.criteria.entries()) {
    for (const [j, l] of c.levels.entries()) {
      if (l.value > c.scale)
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'levels', j, 'value'], params: { code: 'level_above_scale', scale: c.scale } });
    }
  }
}

export const gridSchema = z
  .strictObject({
    version: version.nullable(),
    criteria: z.array(gridCriterion).min(1).max(20),
    mode: z.enum(['individual', 'consensus']),
    rule: z.enum(['mean', 'median', 'trimmed']),
    normalize: z.boolean(),
    disagreementThreshold: z.number().min(0).max(100),
    /** null: every member evaluates every eligible proposal. */
    assignments: z.record(id, z.array(z.string().min(1).max(128)).max(100)).nullable(),
  })
  .superRefine(checkGrid);

export const openScoringSchema = z.strictObject({ version, closesAt: instant });
export const reopenGridSchema = z.strictObject({ version, reason: text(1000) });
export const closeScoringSchema = z.strictObject({ version });

export const templateSchema = z.strictObject({ name: text(200), criteria: z.array(gridCriterion).min(1).max(20) }).superRefine(checkGrid);

export const conflictsSchema = z.strictObject({ version: version.nullable(), organizationIds: z.array(id).max(50) });
export const declareRecusalSchema = z.strictObject({ reason: text(1000) });

export const sheetSchema = z.strictObject({
  version: version.nullable(),
  scores: z.record(id, z.strictObject({ value: z.number().int().min(0).max(100), comment: optionalText(2000) })),
  submit: z.boolean(),
});

export const consensusSchema = z.strictObject({
  version: version.nullable(),
  scores: z.record(id, z.strictObject({ value: z.number().int().min(0).max(100), comment: optionalText(2000) })),
  present: z.array(z.string().min(1).max(128)).min(1).max(100),
});

export const resultsQuery = z.strictObject({
  rule: z.enum(['mean', 'median', 'trimmed']).optional(),
  normalize: z.enum(['true', 'false']).optional(),
});
