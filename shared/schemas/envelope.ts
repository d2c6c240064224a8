import * as z from 'zod';
import { basisPoints, cents, fiscalStartYear, optionalText, text, version } from './common';

export const deduction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('percent'), label: text(120), basisPoints }),
  z.strictObject({ kind: z.literal('amount'), label: text(120), cents }),
]);

const envelopeFields = {
  program: text(120),
  title: text(200),
  fiscalYear: fiscalStartYear,
  programBudget: cents.min(1),
  deductions: z.array(deduction).max(20),
  communityShareBasisPoints: basisPoints,
  carryOver: z
    .strictObject({ cents: cents.min(1), fromFiscalYear: fiscalStartYear, note: optionalText(500) })
    .nullable()
    .optional(),
};

type EnvelopeShape = { programBudget: number; fiscalYear: number; deductions: z.infer<typeof deduction>[]; carryOver?: { fromFiscalYear: number } | null };

function checkEnvelope(value: EnvelopeShape, ctx: z.RefinementCtx) {
  const fixed = value.deductions.reduce((s, d) => s + (d.kind === 'amount' ? d.cents : 0), 0);
  const pct = value.deductions.reduce((s, d) => s + (d.kind === 'percent' ? d.basisPoints : 0), 0);
  if (fixed + (value.programBudget * pct) / 10000 > value.programBudget) {
    ctx.addIssue({ code: 'custom', path: ['deductions'], params: { code: 'deductions_exceed_budget' } });
  }
  if (value.carryOver && value.carryOver.fromFiscalYear >= value.fiscalYear) {
    ctx.addIssue({ code: 'custom', path: ['carryOver', 'fromFiscalYear'], params: { code: 'carry_over_year' } });
  }
}

export const createEnvelopeSchema = z.strictObject(envelopeFields).superRefine(checkEnvelope);
export const updateEnvelopeSchema = z.strictObject({ ...envelopeFields, version }).superRefine(checkEnvelope);

export type CreateEnvelopeInput = z.infer<typeof createEnvelopeSchema>;
