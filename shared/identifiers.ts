/**
 * The format of every identifier the platform generates or accepts. Kept
 * apart from the zod schemas (schemas/common.ts) so that code checking path
 * identifiers in every function (functions/lib/path-ids.ts) does not bundle zod.
 */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,63}$/;
