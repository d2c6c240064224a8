/** The public results of decided calls (no account): shared/public-results.ts builds them. */
import * as z from 'zod';
import type { PublicCallResults, PublicResultsIndex } from '../../public-results';
import { amount, count } from './common';

const localized = z.object({ fr: z.string(), en: z.string() });
/** A date in Montreal, `2026-04-01`. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const years = z.union([z.literal(1), z.literal(2)]);

const fundedLine = z.object({
  organizationName: z.string(),
  title: z.string(),
  amount,
  years,
  perYear: z.array(amount),
  supplement: z.object({ amount, reason: z.string() }).nullable(),
});

/** Null names: a project not retained, never named in public. */
const name = z.string().nullable();

const voteLine = z.object({
  organizationName: name,
  title: name,
  electorate: count,
  quorum: count,
  for: count,
  against: count,
  abstain: count,
  recused: count,
  outcome: z.enum(['passed', 'failed-quorum', 'failed-majority', 'no-electorate']),
});

const adoption = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('vote'),
    members: count,
    majority: z.enum(['simple', 'qualified']),
    secret: z.boolean(),
    closedOn: day,
    lines: z.array(voteLine),
  }),
  z.object({ mode: z.literal('consensus'), present: count, dissentNoted: z.boolean(), reachedOn: day }),
  z.object({ mode: z.literal('administration') }),
]);

export const publicCallResultsSchema = z
  .object({
    tenantId: z.string(),
    callId: z.string(),
    institution: z.string(),
    envelope: z.object({ title: z.string(), program: z.string(), fiscalYear: z.number().int() }),
    call: z.object({ title: z.string(), amountAvailable: amount }),
    tendency: z.enum(['concertation', 'administration']),
    method: z.object({ code: z.enum(['greedy', 'proportional', 'equal', 'optimal']), label: localized, sentence: localized }).nullable(),
    basis: z.enum(['recommendation', 'scenario', 'manual']),
    decidedOn: day,
    total: amount,
    funded: z.array(fundedLine),
    notFunded: count,
    adoption,
    departures: z.array(z.object({ organizationName: name, title: name, recommended: amount, decided: amount, reason: z.string() })),
    amendments: z.array(
      z.object({
        number: count,
        on: day,
        reason: z.string(),
        changes: z.array(z.object({ organizationName: name, title: name, before: amount, after: amount })),
      }),
    ),
  })
  .meta({ id: 'PublicCallResults' }) satisfies z.ZodType<PublicCallResults>;

export const publicResultsIndexSchema = z
  .object({
    tenantId: z.string(),
    institution: z.string(),
    calls: z.array(
      z.object({
        callId: z.string(),
        title: z.string(),
        envelopeTitle: z.string(),
        fiscalYear: z.number().int(),
        decidedOn: day,
        total: amount,
        funded: count,
      }),
    ),
  })
  .meta({ id: 'PublicResultsIndex' }) satisfies z.ZodType<PublicResultsIndex>;
