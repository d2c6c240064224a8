/** Yearly reports and obstacle reports as the API answers them (functions/reports/report-routes.ts). */
import * as z from 'zod';
import type { ObstacleReport, ReportTemplate, YearlyReport } from '../../reports';
import { at, audit } from './common';

const date = z.string();

const indicatorValue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('number'), value: z.number() }),
  z.object({ kind: z.literal('yes-no'), value: z.boolean() }),
  z.object({ kind: z.literal('choices'), value: z.array(z.string()) }),
  z.object({ kind: z.literal('text'), value: z.string() }),
  z.object({ kind: z.literal('na') }),
  z.object({ kind: z.literal('nc') }),
]);
const answer = z.object({ value: indicatorValue, carriedFrom: z.number().int().nullable() });
const sectionText = z.object({ text: z.string(), carriedFrom: z.number().int().nullable() });
const confirmedHit = z.object({ field: z.string(), text: z.string() });

const reportBase = {
  ...audit,
  id: z.string(),
  agreementId: z.string(),
  program: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  projectTitle: z.string(),
  fiscalYear: z.number().int(),
};

const yearlyReportSchema = z
  .object({
    ...reportBase,
    kind: z.literal('yearly'),
    period: z.object({ start: date, end: date }),
    dueOn: date,
    status: z.enum(['not-started', 'draft', 'submitted', 'reopened', 'accepted']),
    templateVersion: z.number().int().nullable(),
    answers: z.record(z.string(), answer),
    sections: z.record(z.string(), sectionText),
    confirmedHits: z.array(confirmedHit),
    submittedAt: at.nullable(),
    submittedBy: z.string().nullable(),
    reopenings: z.array(z.object({ at, by: z.string(), byName: z.string(), reason: z.string() })),
    acceptedAt: at.nullable(),
  })
  .meta({ id: 'YearlyReport' }) satisfies z.ZodType<YearlyReport>;

export const obstacleReportSchema = z
  .object({
    ...reportBase,
    kind: z.literal('obstacle'),
    filedAt: at,
    filedBy: z.string(),
    filedByName: z.string(),
    obstacle: z.string(),
    request: z.string(),
    confirmedHits: z.array(confirmedHit),
    answer: z.object({ at, by: z.string(), byName: z.string(), text: z.string() }).nullable(),
  })
  .meta({ id: 'ObstacleReport' }) satisfies z.ZodType<ObstacleReport>;

export const reportSchema = z.discriminatedUnion('kind', [yearlyReportSchema, obstacleReportSchema]);

/** The template version a report is read with (its indicators with their definitions, its sections). */
const templateAsRead = z.object({
  ...audit,
  id: z.string(),
  program: z.string(),
  title: z.string(),
  due: z.object({ month: z.number().int(), day: z.number().int() }),
  indicators: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      definition: z.string(),
      type: z.enum(['count', 'hours', 'amount', 'yes-no', 'choice', 'choices', 'text']),
      options: z.array(z.object({ id: z.string(), label: z.string() })),
      allowNA: z.boolean(),
      allowNC: z.boolean(),
      target: z.number().nullable(),
      carriedOver: z.boolean(),
    }),
  ),
  sections: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['highlights', 'changes', 'obstacles', 'means', 'practices', 'partnerships', 'case', 'other']),
      label: z.string(),
      help: z.string(),
      carriedOver: z.boolean(),
    }),
  ),
}) satisfies z.ZodType<ReportTemplate & { id: string }>;

/** One report as its page reads it: a yearly one with its template (and, while being written, last year's slow-changing answers merged in). */
export const reportViewSchema = z.object({ report: reportSchema, template: templateAsRead.nullable() });

/** An organization's reports: its yearly reports (newest fiscal year first) and its obstacle reports with the funder's answers. */
export const myReportsSchema = z.object({ reports: z.array(yearlyReportSchema), obstacles: z.array(obstacleReportSchema) });

/** The managers' list: the programs, and the reports of the program(s) asked, the obstacle reports awaiting an answer first. */
export const programReportsSchema = z.object({
  programs: z.array(z.string()),
  reports: z.array(yearlyReportSchema),
  obstacles: z.array(obstacleReportSchema),
});
