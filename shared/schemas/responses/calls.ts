import * as z from 'zod';
import type { Call } from '../../domain';
import { NEED_CATEGORIES, type CallNeed } from '../../needs';
import { amount, at, audit } from './common';
import { tableIdField } from './voters';

export const callNeedSchema = z
  .object({ id: z.string(), statement: z.string(), category: z.enum(NEED_CATEGORIES) })
  .meta({ id: 'CallNeed' }) satisfies z.ZodType<CallNeed>;

const windowPhaseSchema = z.enum(['upcoming', 'open', 'closed']);

export const callSchema = z
  .object({
    id: z.string(),
    envelopeId: z.string(),
    title: z.string(),
    description: z.string(),
    amountAvailable: amount,
    maxRequest: amount,
    eligibilityCriteria: z.array(z.object({ id: z.string(), label: z.string(), description: z.string() })),
    opensAt: at,
    closesAt: at,
    allowedDurations: z.union([z.tuple([z.literal(1)]), z.tuple([z.literal(1), z.literal(2)])]),
    status: z.enum(['draft', 'published']),
    publishedAt: at.nullable(),
    needsFrom: z.object({ studyId: z.string(), roundId: z.string() }).nullable(),
    needs: z.array(callNeedSchema),
    extensions: z.array(z.object({ at, by: z.string(), from: at, to: at, reason: z.string() })),
    access: z.enum(['open', 'invited']).meta({ description: 'Ouvert à tous les organismes, ou sur invitation seulement.' }),
    invitedOrganizationIds: z.array(z.string()).meta({ description: 'Les organismes invités ; un organisme ne voit que le sien.' }),
    invitations: z
      .array(z.object({ at, by: z.string(), added: z.array(z.string()), removed: z.array(z.string()) }))
      .meta({ description: 'Chaque changement des organismes invités (qui, quand, lesquels) ; vide pour un organisme.' }),
    tableId: tableIdField,
    phase: windowPhaseSchema.meta({ description: 'Déduite des dates et de l’horloge du serveur à la lecture.' }),
    ...audit,
  })
  .meta({ id: 'Call' }) satisfies z.ZodType<Call>;
