/** The body of the notification preferences route: the non-essential kinds a person turns off. */
import * as z from 'zod';
import { ESSENTIAL_KINDS, OPTIONAL_KINDS } from '../notifications';
import { version } from './common';

/** `version` null the first time (nothing stored yet), else the version read: a stale one is refused (409). */
export const notificationPreferencesInput = z.strictObject({
  version: version.nullable(),
  optOut: z.array(z.enum(OPTIONAL_KINDS)).max(OPTIONAL_KINDS.length),
});

/** One email ready to go, as the API puts it on the queue and the mail consumer reads it back. */
export const outgoingEmailSchema = z.object({
  to: z.email(),
  userId: z.string().min(1),
  kind: z.enum([...ESSENTIAL_KINDS, ...OPTIONAL_KINDS]),
  lang: z.enum(['fr', 'en']),
  subject: z.string().min(1),
  body: z.string().min(1),
});
