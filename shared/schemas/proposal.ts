import * as z from 'zod';
import { cents, id, optionalText, text, version } from './common';

const budgetLine = z.strictObject({ label: text(200), amount: cents });
const activity = z.strictObject({ title: text(200), description: optionalText(2000) });

/**
 * A draft may be incomplete: each field given is checked, none is required,
 * and the amounts need not agree yet. `proposalContentSchema` is the bar for
 * submitting.
 */
export const proposalDraftSchema = z.strictObject({
  title: optionalText(200).optional(),
  summary: optionalText(5000).optional(),
  targetPopulation: optionalText(2000).optional(),
  activities: z.array(activity).max(30).optional(),
  budgetLines: z.array(budgetLine).max(50).optional(),
  requested: cents.optional(),
  minimum: cents.optional(),
  durationYears: z.union([z.literal(1), z.literal(2)]).optional(),
  needIds: z.array(id).max(50).optional(),
});

const contentFields = {
  title: text(200),
  summary: text(5000),
  targetPopulation: text(2000),
  activities: z.array(activity).min(1).max(30),
  budgetLines: z.array(budgetLine).min(1).max(50),
  requested: cents.min(1),
  minimum: cents.min(1),
  durationYears: z.union([z.literal(1), z.literal(2)]),
  /** The call's retained needs this proposal answers (none when the call lists none). */
  needIds: z.array(id).max(50).default([]),
};

type Content = { budgetLines: { amount: number }[]; requested: number; minimum: number };

function checkProposalAmounts(v: Content, ctx: z.RefinementCtx) {
  const sum = v.budgetLines.reduce((s, l) => s + l.amount, 0);
  if (sum !== v.requested) {
    ctx.addIssue({ code: 'custom', path: ['budgetLines'], params: { code: 'budget_lines_sum', sum, requested: v.requested } });
  }
  if (v.minimum > v.requested) {
    ctx.addIssue({ code: 'custom', path: ['minimum'], params: { code: 'minimum_above_request' } });
  }
}

export const proposalContentSchema = z.strictObject(contentFields).superRefine(checkProposalAmounts);

export const createProposalSchema = z.strictObject({ draft: proposalDraftSchema });
export const saveDraftSchema = z.strictObject({ version, draft: proposalDraftSchema });
/** Submitting (or resubmitting an edit before the deadline) carries complete content. */
export const submitProposalSchema = z.strictObject({ version, content: proposalContentSchema });
export const withdrawProposalSchema = z.strictObject({ version, reason: optionalText(1000).optional() });

export type ProposalDraft = z.infer<typeof proposalDraftSchema>;
export type ProposalContent = z.infer<typeof proposalContentSchema>;
