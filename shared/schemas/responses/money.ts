/** The money's answers: payments, claims, an agreement's payment statement, the envelope's ledger, an organization's payments. */
import * as z from 'zod';
import type { Claim, LedgerMovement, LedgerTotals, Payment } from '../../agreements';
import { amount, at, audit, count, page } from './common';

const period = z.object({ start: z.string(), end: z.string() });

export const paymentSchema = z
  .object({
    id: z.string(),
    agreementId: z.string(),
    envelopeId: z.string(),
    fiscalYear: z.number().int(),
    cents: amount,
    paidOn: z.string(),
    reference: z.string(),
    installment: z.number().int().nullable(),
    claimId: z.string().nullable(),
    at,
    by: z.string(),
    byName: z.string(),
  })
  .meta({ id: 'Payment' }) satisfies z.ZodType<Payment>;

export const claimSchema = z
  .object({
    id: z.string(),
    agreementId: z.string(),
    organizationId: z.string(),
    period,
    fiscalYear: z.number().int(),
    cents: amount,
    note: z.string(),
    status: z.enum(['submitted', 'approved', 'refused']),
    decision: z.object({ at, by: z.string(), byName: z.string(), reason: z.string(), paymentId: z.string().nullable() }).nullable(),
    organizationName: z.string().optional(),
    agreementTitle: z.string().optional(),
    previous: z
      .array(
        z.object({
          cents: amount,
          note: z.string(),
          submittedAt: at,
          submittedBy: z.string(),
          decision: z.object({ at, by: z.string(), byName: z.string(), reason: z.string() }),
        }),
      )
      .optional(),
    ...audit,
  })
  .meta({ id: 'Claim' }) satisfies z.ZodType<Claim>;

export const claimDecisionSchema = z.object({ claim: claimSchema, payment: paymentSchema.nullable() });

const installmentStatus = z.object({
  index: z.number().int(),
  dueOn: z.string().nullable(),
  cents: amount,
  fiscalYear: z.number().int(),
  paid: amount,
  remaining: amount,
});

const perYear = z.record(z.string(), amount);

/** Everything the payments page and the printable statement show. */
export const paymentStatementSchema = z
  .object({
    agreement: z.object({
      id: z.string(),
      status: z.string(),
      institution: z.object({ name: z.string() }),
      organization: z.object({ id: z.string(), name: z.string(), neq: z.string() }),
      title: z.string(),
      period,
      amount,
      years: z.array(z.object({ fiscalYear: z.number().int(), envelopeId: z.string().nullable(), cents: amount })),
      schedule: z.object({ kind: z.enum(['single', 'installments', 'periodic']), every: z.enum(['month', 'quarter']).nullable() }),
      signedAt: z.string().nullable(),
    }),
    installments: z.array(installmentStatus),
    payments: z.array(paymentSchema),
    claims: z.array(claimSchema),
    /** For periodic billing: the periods a claim may cover, each with its claim if any. */
    claimPeriods: z.array(
      z.object({
        period,
        fiscalYear: z.number().int(),
        claimId: z.string().nullable(),
        /** The period's claim's status: a period is open to a claim when it has none, or its claim was refused. */
        claimStatus: z.enum(['submitted', 'approved', 'refused']).nullable(),
      }),
    ),
    toPay: perYear,
    toClaim: perYear,
    totalPaid: amount,
    totalRemaining: amount,
  })
  .meta({ id: 'PaymentStatement' });

const ledgerTotalsSchema = z
  .object({ available: amount, committed: amount, paid: amount, remaining: amount, toPay: amount })
  .meta({ id: 'LedgerTotals' }) satisfies z.ZodType<LedgerTotals>;

const ledgerMovementSchema = z
  .object({
    id: z.string(),
    envelopeId: z.string(),
    fiscalYear: z.number().int(),
    kind: z.enum(['commitment', 'amendment', 'payment', 'carry-out', 'carry-in']),
    at,
    by: z.string(),
    byName: z.string(),
    agreementId: z.string().nullable(),
    organizationName: z.string().nullable(),
    committed: amount,
    paid: amount,
    available: amount,
    reference: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'LedgerMovement' }) satisfies z.ZodType<LedgerMovement>;

const carry = z.object({ cents: amount, fiscalYear: z.number().int(), envelopeId: z.string(), reason: z.string(), at: z.string() }).nullable();

const ledgerEnvelope = z.object({
  id: z.string(),
  title: z.string(),
  program: z.string(),
  fiscalYear: z.number().int(),
  version: z.number().int(),
  /** What remains to promise to calls (`remaining`): a carry-over may not take more than this either. */
  uncommittedToCalls: amount,
  carriedIn: carry,
  carriedOut: carry,
});

export const ledgerSchema = z
  .object({
    envelope: ledgerEnvelope,
    totals: ledgerTotalsSchema,
    movements: page(ledgerMovementSchema),
    /** The next fiscal year's envelopes of the same program: where a carry-over may go. */
    nextEnvelopes: z.array(z.object({ id: z.string(), title: z.string(), fiscalYear: z.number().int() })),
  })
  .meta({ id: 'Ledger' });

export const carryOverResultSchema = z.object({ from: ledgerTotalsSchema, to: ledgerTotalsSchema, movements: z.array(ledgerMovementSchema) });

export const myPaymentsSchema = z.object({
  items: z.array(
    z.object({
      agreementId: z.string(),
      title: z.string(),
      toPay: amount,
      paid: amount,
      next: z.object({ dueOn: z.string().nullable(), cents: amount, fiscalYear: z.number().int() }).nullable(),
      periodic: z.boolean(),
      claimsPending: count,
      /** The claims refused in the last 60 days (newest first), with their reason: the organization may submit them again. */
      claimsRefused: z.array(z.object({ claimId: z.string(), period, cents: amount, reason: z.string(), decidedAt: z.string() })),
    }),
  ),
});

export const claimPageSchema = page(claimSchema);
