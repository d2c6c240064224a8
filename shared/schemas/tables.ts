/** Bodies of the concertation tables' routes. */
import * as z from 'zod';
import { USER_ID_PATTERN } from '../identifiers';
import { id, optionalText, text, version } from './common';

const userId = z.string().regex(USER_ID_PATTERN);

const coordinatorIds = z
  .array(userId)
  .max(20)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((v, i) => {
      if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], params: { code: 'duplicate_value' } });
      seen.add(v);
    });
  });

const tableFields = { name: text(200), description: optionalText(2000), coordinatorIds };

export const createTableSchema = z.strictObject(tableFields);
export const updateTableSchema = z.strictObject({ ...tableFields, version });

const representsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('organization'), organizationId: id }),
  z.strictObject({ kind: z.literal('institution'), name: text(200) }),
]);

export const addTableMemberSchema = z.strictObject({ version, userId, represents: representsSchema, voting: z.boolean() });
export const updateTableMemberSchema = z.strictObject({ version, represents: representsSchema, voting: z.boolean() });
/** A member's removal carries the table's version in the query (a DELETE has no body). */
export const removeTableMemberQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

export type RepresentsInput = z.infer<typeof representsSchema>;
