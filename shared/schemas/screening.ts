import * as z from 'zod';
import { id, optionalText, version } from './common';

const criterionResult = z.strictObject({
  criterionId: id,
  met: z.boolean(),
  reason: optionalText(2000),
});

export const screenProposalSchema = z.strictObject({ version, results: z.array(criterionResult).min(1).max(30) }).superRefine((v, ctx) => {
  const seen = new Set<string>();
  v.results.forEach((r, i) => {
    if (seen.has(r.criterionId)) ctx.addIssue({ code: 'custom', path: ['results', i, 'criterionId'], params: { code: 'duplicate_criterion' } });
    seen.add(r.criterionId);
    if (!r.met && r.reason.length === 0) ctx.addIssue({ code: 'custom', path: ['results', i, 'reason'], params: { code: 'reason_required' } });
  });
});
