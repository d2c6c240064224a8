/** Who votes at a table, as the closed rounds, grids and votes keep it, and a study's or a call's table. */
import * as z from 'zod';
import type { Voter } from '../../tables';

/** Who voted at a table when a vote closed, kept on the closed round or vote. */
export const voterSchema = z
  .object({ userId: z.string(), name: z.string(), organizationId: z.string().nullable(), representsOrganizationId: z.string().nullable() })
  .meta({ id: 'Voter' }) satisfies z.ZodType<Voter>;

/** A table's id on a study or a call: null or absent (items stored before tables existed) is the whole tenant's members. */
export const tableIdField = z
  .string()
  .nullable()
  .optional()
  .meta({ description: 'La table de concertation ; null ou absent : tous les membres de l’établissement (éléments d’avant les tables).' });
