import * as z from 'zod';
import { optionalText, region, text, version } from './common';

/** Quebec enterprise number (numéro d'entreprise du Québec): exactly ten digits. */
const neq = z
  .string()
  .trim()
  .refine((v) => /^\d{10}$/.test(v), { params: { code: 'neq_format' } });

const organizationFields = {
  legalName: text(200),
  neq,
  mission: text(2000),
  contact: z.strictObject({
    name: text(120),
    email: z.email().max(254),
    phone: optionalText(40),
  }),
  region,
};

export const createOrganizationSchema = z.strictObject(organizationFields);
export const updateOrganizationSchema = z.strictObject({ ...organizationFields, version });

export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;
