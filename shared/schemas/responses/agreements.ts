/** The agreements' life as the API answers it: templates, agreements with their terms, amendments, signatures. */
import * as z from 'zod';
import type { Agreement, AgreementTemplate, AgreementTerms, Amendment, Installment } from '../../agreements';
import { amount, at, audit } from './common';

const date = z.string();
const schedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single') }),
  z.object({ kind: z.literal('installments'), installments: z.array(z.object({ dueOn: date, cents: amount })) }),
  z.object({ kind: z.literal('periodic'), every: z.enum(['month', 'quarter']) }),
]);
const obligationKind = z.enum(['report', 'committee', 'priority-access', 'other']);
const obligation = z.object({
  id: z.string(),
  kind: obligationKind,
  label: z.string(),
  fiscalYear: z.number().int().nullable(),
  dueOn: date.nullable(),
  status: z.enum(['pending', 'met', 'not-met', 'waived']),
  note: z.string(),
});
const clause = z.object({ heading: z.string(), body: z.string() });
const year = z.object({ fiscalYear: z.number().int(), envelopeId: z.string().nullable(), cents: amount });
const signature = z.object({ userId: z.string(), name: z.string(), title: z.string(), at }).nullable();
const changeRequest = z.object({ at, by: z.string(), byName: z.string(), comment: z.string() });

const termsSchema = z
  .object({
    period: z.object({ start: date, end: date }),
    years: z.array(year),
    amount,
    schedule,
    obligations: z.array(obligation),
    clauses: z.array(clause),
  })
  .meta({ id: 'AgreementTerms' }) satisfies z.ZodType<AgreementTerms>;

const amendment = z
  .object({
    number: z.number().int(),
    reason: z.string(),
    status: z.enum(['draft', 'sent', 'changes-requested', 'signed-by-organization', 'signed', 'cancelled']),
    before: termsSchema,
    after: termsSchema,
    createdAt: at,
    createdBy: z.string(),
    signatures: z.object({ organization: signature, institution: signature }),
    changeRequests: z.array(changeRequest),
  })
  .meta({ id: 'AgreementAmendment' }) satisfies z.ZodType<Amendment>;

export const agreementSchema = z
  .object({
    ...audit,
    ...termsSchema.shape,
    id: z.string(),
    callId: z.string(),
    proposalId: z.string(),
    program: z.string(),
    institution: z.object({ name: z.string() }),
    organization: z.object({ id: z.string(), name: z.string(), neq: z.string() }),
    object: z.object({ title: z.string(), summary: z.string(), needs: z.array(z.string()) }),
    template: z.object({ id: z.string(), version: z.number().int() }).nullable(),
    clauseSources: z.array(clause).optional(),
    status: z.enum(['draft', 'sent', 'changes-requested', 'signed-by-organization', 'signed', 'declined']),
    signatures: z.object({ organization: signature, institution: signature }),
    changeRequests: z.array(changeRequest),
    declined: z.object({ at, by: z.string(), byName: z.string(), reason: z.string() }).nullable(),
    original: termsSchema.nullable(),
    amendments: z.array(amendment),
    renewalOf: z.string().nullable(),
    renewedBy: z.string().nullable(),
    toPay: z.record(z.string(), amount),
    toClaim: z.record(z.string(), amount),
    paid: amount,
  })
  .meta({ id: 'Agreement' }) satisfies z.ZodType<Agreement>;

export const agreementTemplateSchema = z
  .object({
    ...audit,
    id: z.string(),
    program: z.string(),
    title: z.string(),
    clauses: z.array(clause),
    obligations: z.array(z.object({ kind: obligationKind, label: z.string() })),
    schedule,
  })
  .meta({ id: 'AgreementTemplate' }) satisfies z.ZodType<AgreementTemplate>;

/** A program's templates, and the default one used when a program has none (not stored: id `default`). */
export const templatesViewSchema = z.object({ items: z.array(agreementTemplateSchema), fallback: agreementTemplateSchema });

/** A decision's funded line that has no agreement yet. */
const pendingLine = z.object({
  proposalId: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  title: z.string(),
  amount,
  years: z.union([z.literal(1), z.literal(2)]),
});

export const callAgreementsSchema = z.object({
  decided: z.boolean(),
  agreements: z.array(agreementSchema),
  withoutAgreement: z.array(pendingLine),
});

export const generatedSchema = z.object({ created: z.array(agreementSchema), skipped: z.array(z.object({ proposalId: z.string(), reason: z.string() })) });

const installment = z.object({ dueOn: date.nullable(), cents: amount, fiscalYear: z.number().int() }) satisfies z.ZodType<Installment>;

/** An organization's agreement as its home page shows it. */
export const myAgreementSchema = z.object({
  agreement: agreementSchema,
  installments: z.array(installment),
  pendingAmendment: amendment.nullable(),
});
