import * as z from 'zod';
import { CALL_EVENT_KINDS, type CallEvent } from '../../call-history';
import { at } from './common';

/** A flat summary of values: small scalars only (statuses, dates, amounts, counts), never ballot contents. */
const values = z.record(z.string(), z.unknown()).nullable();

export const callEventSchema = z
  .object({
    id: z.string(),
    callId: z.string(),
    kind: z.enum(CALL_EVENT_KINDS),
    at,
    by: z.string(),
    byName: z.string(),
    subject: z.string().nullable(),
    before: values,
    after: values,
  })
  .meta({ id: 'CallEvent' }) satisfies z.ZodType<CallEvent>;
