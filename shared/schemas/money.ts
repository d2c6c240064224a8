/** The money's requests: payments, claims (periodic billing), their decisions, the ledger's pages and carry-overs. */
import * as z from 'zod';
import { isCalendarDate } from '../agreements';
import { cents, id, pageQuery, text, version } from './common';

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
const calendarDate = z.string().refine(isCalendarDate, { params: { code: 'calendar_date' } });

const positive = cents.min(1);

export const recordPaymentSchema = z.strictObject({
  /** The installment paid: its index in the planned schedule (plannedInstallments). */
  installment: z.number().int().min(0).max(99),
  cents: positive,
  paidOn: calendarDate,
  reference: text(120),
});

export const submitClaimSchema = z.strictObject({
  period: z.strictObject({ start: calendarDate, end: calendarDate }),
  cents: positive,
  note: text(2000),
});

export const approveClaimSchema = z.strictObject({ version, paidOn: calendarDate, reference: text(120) });
export const refuseClaimSchema = z.strictObject({ version, reason: text(2000) });

export const pendingClaimsQuery = z.strictObject({ status: z.literal('submitted').optional(), ...pageQuery.shape });

export const carryOverSchema = z.strictObject({ toEnvelopeId: id, cents: positive, reason: text(2000) });

export const ledgerQuery = pageQuery;

export type RecordPaymentInput = z.infer<typeof recordPaymentSchema>;
export type SubmitClaimInput = z.infer<typeof submitClaimSchema>;
