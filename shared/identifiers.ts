/**
 * The format of every identifier the platform generates or accepts. Kept
 * apart from the zod schemas (schemas/common.ts) so that code checking path
 * identifiers in every function (functions/lib/path-ids.ts) does not bundle zod.
 */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,63}$/;

/** A person's id: the identity provider's subject (a UUID in Cognito; `demo-…` locally, short names in tests). Never a `#`. */
export const USER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
