/**
 * What the report routes accept (functions/reports/report-routes.ts): a yearly report's draft as typed,
 * its submission with the personal-information hits its writer confirmed, the manager's reopening and
 * acceptance, an obstacle report and the funder's answer. The rules across fields (an indicator of the
 * template version, N.A./N.C. where allowed, whole counts) are `answerProblems` (shared/reports.ts),
 * answered 422 by the routes naming each field: a number here is any finite number, so a negative or
 * fractional count is refused by that rule with its field named, not by a generic 400.
 */
import * as z from 'zod';
import { fiscalStartYear, id, optionalText, text, version } from './common';

/** An indicator's or a section's id, as the templates write them (`personnes-accompagnees`). */
const itemId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/);

const MAX_ITEMS = 200;
const boundedRecord = <T extends z.ZodType>(value: T) =>
  z.record(itemId, value).refine((r) => Object.keys(r).length <= MAX_ITEMS, { message: `At most ${MAX_ITEMS} items.` });

const indicatorValueSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('number'), value: z.number().finite().min(-1e12).max(1e12) }),
  z.strictObject({ kind: z.literal('yes-no'), value: z.boolean() }),
  z.strictObject({ kind: z.literal('choices'), value: z.array(z.string().max(100)).max(100) }),
  z.strictObject({ kind: z.literal('text'), value: optionalText(5000) }),
  z.strictObject({ kind: z.literal('na') }),
  z.strictObject({ kind: z.literal('nc') }),
]);

const answerSchema = z.strictObject({
  value: indicatorValueSchema,
  /** The year it was carried over from, as the report was read; the server keeps it only while the value is unchanged. */
  carriedFrom: fiscalStartYear.nullable().default(null),
});

const sectionSchema = z.strictObject({ text: optionalText(20_000), carriedFrom: fiscalStartYear.nullable().default(null) });

export const saveReportSchema = z.strictObject({
  version,
  answers: boundedRecord(answerSchema),
  sections: boundedRecord(sectionSchema),
});

/** A hit of the personal-information check its writer confirmed is not about a person served. */
const confirmedHitSchema = z.strictObject({ field: z.string().min(1).max(200), text: z.string().min(1).max(500) });
const confirmedHits = z.array(confirmedHitSchema).max(200).default([]);

export const submitReportSchema = z.strictObject({ version, confirmedHits });
export const reopenReportSchema = z.strictObject({ version, reason: text(2000) });
export const acceptReportSchema = z.strictObject({ version });

export const obstacleReportSchema = z.strictObject({
  agreementId: id,
  obstacle: text(5000),
  request: text(5000),
  confirmedHits,
});

export const funderAnswerSchema = z.strictObject({ version, text: text(5000) });

const REPORT_STATUSES = ['not-started', 'draft', 'submitted', 'reopened', 'accepted'] as const;

export const reportsQuery = z.strictObject({
  /** One program's reports; every program of the tenant's envelopes when absent. */
  program: text(120)
    .regex(/^[^#]+$/)
    .optional(),
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(REPORT_STATUSES).optional(),
});
