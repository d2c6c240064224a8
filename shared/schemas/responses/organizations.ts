import * as z from 'zod';
import type { Organization } from '../../domain';
import { region } from '../common';
import { audit } from './common';

export const organizationSchema = z
  .object({
    id: z.string(),
    legalName: z.string(),
    neq: z.string(),
    mission: z.string(),
    contact: z.object({ name: z.string(), email: z.string(), phone: z.string() }),
    region,
    ...audit,
  })
  .meta({ id: 'Organization' }) satisfies z.ZodType<Organization>;
