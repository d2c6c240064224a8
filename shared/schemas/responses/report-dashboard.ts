/** The funder's dashboard and an organization's program results (shared/report-dashboard.ts). */
import * as z from 'zod';
import type { Dashboard, ProgramResults } from '../../report-dashboard';
import type { IndicatorType } from '../../reports';
import { at, count } from './common';

const status = z.enum(['na', 'nc', 'missing', 'not-received', 'none']);
const perYear = z.array(count);

const indicatorHead = z.object({
  id: z.string(),
  label: z.string(),
  definition: z.string(),
  type: z.enum(['count', 'hours', 'amount', 'yes-no', 'choice', 'choices', 'text']) satisfies z.ZodType<IndicatorType>,
  target: z.number().nullable(),
});
const option = z.object({ id: z.string(), label: z.string() });
const yearTotal = z
  .object({ sum: z.number(), numbers: count, na: count, nc: count, footnote: z.boolean() })
  .meta({ id: 'DashboardYearTotal', description: 'Somme des nombres d’une année, N.A. et N.C. exclus ; `footnote` : au moins un N.C.' });

const numberTable = z.object({
  kind: z.literal('number'),
  indicator: indicatorHead,
  rows: z.array(z.object({ organizationId: z.string(), cells: z.array(z.union([z.number(), status])) })),
  totals: z.array(yearTotal),
});
const choicesTable = z.object({
  kind: z.literal('choices'),
  indicator: indicatorHead,
  options: z.array(option),
  rows: z.array(z.object({ organizationId: z.string(), cells: z.array(z.union([z.array(z.string()), status])) })),
  counts: z.array(perYear),
  answered: perYear,
});
const yesNoTable = z.object({
  kind: z.literal('yes-no'),
  indicator: indicatorHead,
  rows: z.array(z.object({ organizationId: z.string(), cells: z.array(z.union([z.boolean(), status])) })),
  yes: perYear,
  answered: perYear,
});
const textSummary = z.object({ kind: z.literal('text'), indicator: indicatorHead, answered: perYear });

const receiptCell = z.object({ expected: count, due: count, received: count, obstacles: count });

const templateRef = z.object({ id: z.string(), program: z.string(), title: z.string(), version: z.number().int().min(1) });

const dashboardBody = z.object({
  years: z.array(z.number().int()),
  organizations: z.array(z.object({ id: z.string(), name: z.string() })),
  reports: z.object({
    rows: z.array(z.object({ organizationId: z.string(), cells: z.array(receiptCell), received: count, obstacles: count })),
    expected: perYear,
    due: perYear,
    received: perYear,
    obstacles: perYear,
  }),
  indicators: z.array(z.discriminatedUnion('kind', [numberTable, choicesTable, yesNoTable, textSummary])),
}) satisfies z.ZodType<Dashboard>;

export const dashboardSchema = dashboardBody
  .extend({ template: templateRef, today: z.string(), generatedAt: at })
  .meta({ id: 'ReportDashboard', description: 'Le tableau de bord d’un programme : indicateur × organisme × exercice.' });

const programResultsBody = z.object({
  years: z.array(z.number().int()),
  organizationsReporting: perYear,
  contributed: z.array(z.boolean()),
  indicators: z.array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('number'), indicator: indicatorHead, totals: z.array(yearTotal) }),
      z.object({ kind: z.literal('choices'), indicator: indicatorHead, options: z.array(option), counts: z.array(perYear), answered: perYear }),
      z.object({ kind: z.literal('yes-no'), indicator: indicatorHead, yes: perYear, answered: perYear }),
      textSummary,
    ]),
  ),
}) satisfies z.ZodType<ProgramResults>;

export const programResultsSchema = z.object({ items: z.array(programResultsBody.extend({ template: templateRef.omit({ version: true }) })) }).meta({
  id: 'ProgramResults',
  description: 'Les résultats des programmes que les rapports de l’organisme ont alimentés, sans la ligne des autres organismes.',
});

/** The programs with a report template: each has a dashboard. */
export const dashboardListSchema = z.object({ items: z.array(templateRef.omit({ version: true })) }).meta({ id: 'ReportDashboards' });
