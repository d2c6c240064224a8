/**
 * The problem body every error answers with (RFC 9457, shared/errors.ts), as
 * a schema: the OpenAPI document describes it, and the contract test checks
 * every problem the integration suite meets against it. Each type is
 * documented in docs/problems.md (a unit test keeps that table and this list
 * the same).
 */
import * as z from 'zod';

/** Every problem type, with the one status it answers with. */
export const PROBLEM_TYPES = {
  'validation-failed': 400,
  'malformed-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'version-conflict': 409,
  'already-exists': 409,
  'deadline-passed': 409,
  closed: 409,
  'invalid-state': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rule-violated': 422,
  'rate-limited': 429,
  'internal-error': 500,
  'service-unavailable': 503,
} as const;

const localizedSchema = z.object({ fr: z.string(), en: z.string() }).meta({ id: 'Localized', description: 'Un texte en français et en anglais.' });

const fieldProblemSchema = z
  .object({
    path: z.string().meta({ description: 'Le chemin du champ dans le corps envoyé, p. ex. `content.requested`.' }),
    code: z.string(),
    message: localizedSchema,
  })
  .meta({ id: 'FieldProblem' });

export const problemSchema = z
  .looseObject({
    type: z.enum(Object.keys(PROBLEM_TYPES).map((slug) => `/problems/${slug}`) as [string, ...string[]]),
    status: z.number().int(),
    title: z.string(),
    detail: z.string().optional(),
    messages: z.object({ title: localizedSchema, detail: localizedSchema.optional() }),
    errors: z.array(fieldProblemSchema).optional(),
    correlationId: z.string().optional(),
  })
  .meta({
    id: 'Problem',
    description:
      'application/problem+json (RFC 9457) : `title` et `detail` dans la langue négociée (français sauf si Accept-Language préfère l’anglais), ' +
      '`messages` dans les deux langues. Les types et leurs champs propres sont décrits dans docs/problems.md.',
  });
