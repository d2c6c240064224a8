/** The dashboard's requests: the fiscal years to show, and the program an organization asks about. */
import * as z from 'zod';
import { id } from './common';

const fiscalYearParam = z.coerce.number().int().min(2000).max(2100);

/** `from` and `to`: fiscal years (the calendar year of their April 1), both included; at most 30 years. */
export const dashboardQuery = z.strictObject({ from: fiscalYearParam.optional(), to: fiscalYearParam.optional() });

export const programResultsQuery = z.strictObject({ templateId: id.optional() });
