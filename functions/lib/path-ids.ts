/**
 * Identifiers taken from a URL path are checked here, once, before any key
 * is built from them. Keys join identifiers with `#` (see keys.ts), so an
 * unchecked `%23` in a path could address another item of the same
 * partition (an evaluator's sheet read through the proposal route), and an
 * identifier of a few kilobytes would reach DynamoDB as an invalid key. Every
 * path parameter has a known name and format; anything else is answered as
 * the thing it names not existing (404), without a read.
 */
import { NotFoundError } from '../../shared/errors';
import { ID_PATTERN, USER_ID_PATTERN } from '../../shared/identifiers';

/** A tenant's identifier: lower-case words joined by hyphens (`cisss-laurentides-demo`). */
const TENANT_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;
/** A public consultation link's token: 18 random bytes in base64url, with room for longer ones. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The format of every path parameter the API declares. A route using a name
 * missing here fails its test (tests/unit/path-ids.test.ts walks every route),
 * so a new parameter gets its format on purpose.
 */
export const PATH_PARAM_FORMATS: Readonly<Record<string, RegExp>> = {
  tenantId: TENANT_PATTERN,
  token: TOKEN_PATTERN,
  envelopeId: ID_PATTERN,
  callId: ID_PATTERN,
  proposalId: ID_PATTERN,
  scenarioId: ID_PATTERN,
  organizationId: ID_PATTERN,
  studyId: ID_PATTERN,
  needId: ID_PATTERN,
  roundId: ID_PATTERN,
  answerId: ID_PATTERN,
  invitationId: ID_PATTERN,
  tableId: ID_PATTERN,
  agreementId: ID_PATTERN,
  claimId: ID_PATTERN,
  templateId: ID_PATTERN,
  obligationId: ID_PATTERN,
  reportId: ID_PATTERN,
  /** A recommendation's version number (its minutes): 1 to 9999. */
  number: /^[1-9][0-9]{0,3}$/,
  /** A person's subject at the identity provider: Cognito's UUID, a demo account (`demo-…`), a learned local account (`local-…`). */
  userId: USER_ID_PATTERN,
};

/** Whether one path parameter's value has its declared format (an unknown name never does). */
export function isValidPathParam(name: string, value: string): boolean {
  const format = PATH_PARAM_FORMATS[name];
  return format?.test(value) ?? false;
}

/** Throws the usual 404 problem when any of a route's path parameters is malformed. */
export function assertPathIds(params: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || !isValidPathParam(name, value)) {
      throw new NotFoundError({ fr: 'Cette ressource', en: 'This resource' });
    }
  }
}
