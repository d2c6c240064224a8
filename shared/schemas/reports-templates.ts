/**
 * What the report template routes accept (functions/reports/template-routes.ts). The shapes and bounds
 * only: the rules across fields (ids unique and stable, definitions required, choices for the choice
 * types, a target only where it means something, a real due day, a type never changed across versions)
 * are `templateProblems` (shared/reports.ts), answered 422 naming each field.
 */
import * as z from 'zod';
import { INDICATOR_TYPES, type IndicatorType, type SectionKind } from '../reports';
import { optionalText, text, version } from './common';

const SECTION_KINDS = ['highlights', 'changes', 'obstacles', 'means', 'practices', 'partnerships', 'case', 'other'] as const satisfies readonly SectionKind[];

const itemId = optionalText(60);

const indicatorSchema = z.strictObject({
  id: itemId,
  label: optionalText(200),
  definition: optionalText(4000),
  type: z.enum(INDICATOR_TYPES as [IndicatorType, ...IndicatorType[]]),
  options: z.array(z.strictObject({ id: itemId, label: optionalText(200) })).max(40),
  allowNA: z.boolean(),
  allowNC: z.boolean(),
  /** Counts and hours as such, amounts in cents. */
  target: z.number().min(-100_000_000_000).max(100_000_000_000).nullable(),
  carriedOver: z.boolean(),
});

const sectionSchema = z.strictObject({
  id: itemId,
  kind: z.enum(SECTION_KINDS),
  label: optionalText(200),
  help: optionalText(1000),
  carriedOver: z.boolean(),
});

export const createReportTemplateSchema = z.strictObject({ program: text(120) });

export const updateReportTemplateSchema = z.strictObject({
  version,
  title: optionalText(200),
  indicators: z.array(indicatorSchema).max(80),
  sections: z.array(sectionSchema).max(30),
  due: z.strictObject({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }),
});
