import * as z from 'zod';
import type { Envelope } from '../../domain';
import { deduction } from '../envelope';
import { amount, audit } from './common';

const arithmeticLine = z.object({
  op: z.enum(['+', '-', '=', '×']),
  label: z.object({ fr: z.string(), en: z.string() }),
  cents: amount,
});

export const envelopeSchema = z
  .object({
    id: z.string(),
    program: z.string(),
    title: z.string(),
    fiscalYear: z.number().int(),
    programBudget: amount,
    deductions: z.array(deduction),
    communityShareBasisPoints: z.number().int(),
    carryOver: z.object({ cents: amount, fromFiscalYear: z.number().int(), note: z.string() }).nullable().optional(),
    ...audit,
    computation: z.object({
      deductionsTotal: amount,
      afterDeductions: amount,
      communityShare: amount,
      carryOver: amount,
      available: amount,
      lines: z.array(arithmeticLine),
    }),
    committed: amount.meta({ description: 'Ce que les appels de l’enveloppe promettent (somme de leur montant disponible), en cents.' }),
    remaining: amount.meta({ description: 'computation.available − committed, en cents.' }),
    ledgerCommitted: amount.optional().meta({ description: 'Ce que les ententes signées engagent, en cents.' }),
    ledgerPaid: amount.optional().meta({ description: 'Ce qui a été versé aux organismes, en cents.' }),
    ledgerRemaining: amount.optional().meta({ description: 'computation.available − ledgerCommitted, en cents.' }),
    carriedIn: z
      .object({ cents: amount, fromFiscalYear: z.number().int(), fromEnvelopeId: z.string(), reason: z.string(), at: z.string(), by: z.string() })
      .nullable()
      .optional(),
    carriedOut: z
      .object({ cents: amount, toFiscalYear: z.number().int(), toEnvelopeId: z.string(), reason: z.string(), at: z.string(), by: z.string() })
      .nullable()
      .optional(),
  })
  .meta({ id: 'Envelope' }) satisfies z.ZodType<Envelope>;
