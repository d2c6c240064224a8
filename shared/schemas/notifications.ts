/** The body of the notification preferences route: the non-essential kinds a person turns off. */
import * as z from 'zod';
import { OPTIONAL_KINDS } from '../notifications';
import { version } from './common';

/** `version` null the first time (nothing stored yet), else the version read: a stale one is refused (409). */
export const notificationPreferencesInput = z.strictObject({
  version: version.nullable(),
  optOut: z.array(z.enum(OPTIONAL_KINDS)).max(OPTIONAL_KINDS.length),
});
