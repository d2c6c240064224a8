/**
 * What the agreement routes accept (functions/agreements/lifecycle-routes.ts): templates, the draft's
 * terms, the steps of review and signature, amendments, obligations' follow-up, renewal. Amounts in
 * integer cents, dates `YYYY-MM-DD`. The terms' rules across fields (years adding up, installments
 * within the period…) are `termsProblems` (shared/agreements.ts), answered 422 by the routes.
 */
import * as z from 'zod';
import { cents, fiscalStartYear, id, optionalText, text, version } from './common';

const calendarDate = z.iso.date();

const periodSchema = z.strictObject({ start: calendarDate, end: calendarDate });

const scheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('single') }),
  z.strictObject({
    kind: z.literal('installments'),
    installments: z
      .array(z.strictObject({ dueOn: calendarDate, cents: cents.min(1) }))
      .min(1)
      .max(36),
  }),
  z.strictObject({ kind: z.literal('periodic'), every: z.enum(['month', 'quarter']) }),
]);

const obligationKind = z.enum(['report', 'committee', 'priority-access', 'other']);
const obligationStatus = z.enum(['pending', 'met', 'not-met', 'waived']);

const clauseSchema = z.strictObject({ heading: text(200), body: text(20_000) });

export const templateInputSchema = z.strictObject({
  program: text(120),
  title: text(200),
  clauses: z.array(clauseSchema).min(1).max(60),
  obligations: z.array(z.strictObject({ kind: obligationKind, label: text(300) })).max(30),
  schedule: scheduleSchema,
});
export const templateUpdateSchema = templateInputSchema.extend({ version });

export const generateAgreementsSchema = z.strictObject({
  templateId: id.optional(),
  /** Only these funded lines; all the call's funded lines without an agreement when absent. */
  proposalIds: z.array(id).min(1).max(500).optional(),
});

export const agreementsQuery = z.strictObject({
  callId: id.optional(),
  status: z.enum(['draft', 'sent', 'changes-requested', 'signed-by-organization', 'signed', 'declined']).optional(),
});

const yearSchema = z.strictObject({ fiscalYear: fiscalStartYear, envelopeId: id.nullable(), cents });

const obligationInput = z.strictObject({
  /** An existing obligation's id (kept); a new one gets its own. */
  id: id.optional(),
  kind: obligationKind,
  label: text(300),
  fiscalYear: fiscalStartYear.nullable(),
  dueOn: calendarDate.nullable(),
  status: obligationStatus.default('pending'),
  note: optionalText(2000).default(''),
});

const termsInput = {
  period: periodSchema,
  years: z.array(yearSchema).min(1).max(3),
  schedule: scheduleSchema,
  obligations: z.array(obligationInput).max(40),
  clauses: z.array(clauseSchema).max(60),
};

export const updateAgreementSchema = z.strictObject({
  version,
  ...termsInput,
  object: z.strictObject({ title: text(200), summary: optionalText(5000), needs: z.array(text(1000)).max(30) }),
});

export const versionOnly = z.strictObject({ version });
export const commentSchema = z.strictObject({ version, comment: text(4000) });
export const signSchema = z.strictObject({ version, title: text(200) });
export const declineSchema = z.strictObject({ version, reason: text(4000) });

export const amendmentSchema = z.strictObject({ version, reason: text(4000), terms: z.strictObject(termsInput) });

export const obligationFollowUpSchema = z.strictObject({ version, status: obligationStatus, note: optionalText(2000) });

export const renewalSchema = z.strictObject({
  envelopeId: id,
  years: z
    .array(z.strictObject({ fiscalYear: fiscalStartYear, cents }))
    .min(1)
    .max(3)
    .optional(),
  period: periodSchema.optional(),
});

export type TermsInput = z.infer<z.ZodObject<typeof termsInput>>;
