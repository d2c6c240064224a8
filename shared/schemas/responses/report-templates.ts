/** The report templates as the API answers them: a program's template (current or one version), the list per program, the versions. */
import * as z from 'zod';
import type { ReportTemplate } from '../../reports';
import { at, audit } from './common';

const indicatorType = z.enum(['count', 'hours', 'amount', 'yes-no', 'choice', 'choices', 'text']);
const sectionKind = z.enum(['highlights', 'changes', 'obstacles', 'means', 'practices', 'partnerships', 'case', 'other']);

const indicator = z
  .object({
    id: z.string(),
    label: z.string(),
    definition: z.string(),
    type: indicatorType,
    options: z.array(z.object({ id: z.string(), label: z.string() })),
    allowNA: z.boolean(),
    allowNC: z.boolean(),
    target: z.number().nullable(),
    carriedOver: z.boolean(),
  })
  .meta({ id: 'ReportIndicator' });

const section = z.object({ id: z.string(), kind: sectionKind, label: z.string(), help: z.string(), carriedOver: z.boolean() }).meta({ id: 'ReportSection' });

export const reportTemplateSchema = z
  .object({
    ...audit,
    id: z.string(),
    program: z.string(),
    title: z.string(),
    indicators: z.array(indicator),
    sections: z.array(section),
    due: z.object({ month: z.number().int(), day: z.number().int() }),
  })
  .meta({ id: 'ReportTemplate' }) satisfies z.ZodType<ReportTemplate & { id: string }>;

/** Each program of the tenant with its template: stored, or the default it would start from (`stored: false`, version 1, not saved). */
export const reportTemplatesViewSchema = z.object({
  items: z.array(reportTemplateSchema.extend({ stored: z.boolean() })),
});

/** A saved version: its number, when and by whom. */
const versionEntry = z.object({ number: z.number().int(), at, by: z.string(), byName: z.string() });

/** The current version and the list of all of them. */
export const reportTemplateDetailSchema = z.object({ template: reportTemplateSchema, versions: z.array(versionEntry) });
