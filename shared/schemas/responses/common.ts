/**
 * Building blocks of the response schemas: what goes over the wire, dates as
 * ISO strings and amounts as integer cents. Each response schema is checked
 * against its domain type at compile time (`satisfies z.ZodType<…>`), so a
 * field added to a type and not to its schema fails the type check.
 */
import * as z from 'zod';

/** An instant as the API writes it (`Date.toISOString()`). */
export const at = z.iso
  .datetime({ offset: true })
  .meta({ id: 'Instant', description: 'Un instant ISO 8601 avec son décalage, p. ex. `2026-12-01T22:00:00.000Z`.' });

/** An amount in integer cents. */
export const amount = z.number().int();

export const count = z.number().int().min(0);

export const audit = {
  version: z.number().int().min(1),
  createdAt: at,
  createdBy: z.string(),
  updatedAt: at,
  updatedBy: z.string(),
};

/** A list, and the cursor of the next page (null: the last page). */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor: z.string().nullable() });

/** Someone named in a list (who has not voted yet, a table member). */
export const person = z.object({ userId: z.string(), name: z.string() });
