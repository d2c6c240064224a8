/** Dependencies of a Lambda entry: read once at cold start, shared by every invocation. */
import type { Deps } from './app';
import { createRemoteVerifier } from './auth';
import { readConfig } from './config';
import { createDynamoClient } from './db';
import { newId } from './ids';

let deps: Deps | undefined;

export function lambdaDeps(): Deps {
  if (deps) return deps;
  const config = readConfig();
  deps = {
    db: { client: createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint }), table: config.tableName },
    verifyToken: createRemoteVerifier({ issuer: config.oidcIssuer, audience: config.oidcAudience, jwksUrl: config.oidcJwksUrl }),
    now: () => new Date(),
    newId: () => newId(),
    originSecret: config.originSecret,
  };
  return deps;
}
