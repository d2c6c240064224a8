import * as z from 'zod';
import type { ConcertationTable, TableMember } from '../../tables';
import { ROLES } from '../../permissions';
import { at, audit } from './common';

const representsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('organization'), organizationId: z.string(), name: z.string() }),
  z.object({ kind: z.literal('institution'), name: z.string() }),
]);

const tableMemberSchema = z
  .object({ userId: z.string(), name: z.string(), represents: representsSchema, voting: z.boolean(), addedAt: at, addedBy: z.string() })
  .meta({ id: 'TableMember' }) satisfies z.ZodType<TableMember>;

export const tableSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    coordinatorIds: z.array(z.string()),
    members: z.array(tableMemberSchema),
    adoptionRules: z
      .object({ quorum: z.number().nullable(), majority: z.enum(['simple', 'qualified']), secret: z.boolean() })
      .optional()
      .meta({ description: 'Comment la table adopte une recommandation (absent : quorum à la majorité, majorité simple, vote secret).' }),
    coordinators: z
      .array(z.object({ userId: z.string(), name: z.string() }))
      .meta({ description: 'La coordination, nommée (lue à la lecture : une personne qui n’est plus de l’établissement n’y figure plus).' }),
    ...audit,
  })
  .meta({ id: 'ConcertationTable' }) satisfies z.ZodType<ConcertationTable & { coordinators: { userId: string; name: string }[] }>;

/** A person of the tenant who may sit at a table (active), with the roles that decide how. */
export const tableCandidateSchema = z
  .object({ userId: z.string(), name: z.string(), roles: z.array(z.enum(ROLES)), organizationId: z.string().nullable() })
  .meta({ id: 'TableCandidate' });
