/**
 * Configuration is read once, when a module loads, and fails fast: a Lambda
 * missing its table name should not start answering requests.
 */
export interface Config {
  tableName: string;
  /** Only set locally and in tests (DynamoDB Local). */
  dynamoEndpoint: string | undefined;
  region: string;
  oidcIssuer: string;
  oidcAudience: string;
  oidcJwksUrl: string;
  /** The secret CloudFront sends with each request it forwards (set by the CDK app in AWS). */
  originSecret: string | undefined;
  /** The SQS queue notifications go to (set by the CDK app); none are sent when absent. */
  notifyQueueUrl: string | undefined;
  /** The web app's address, for the links in notifications. */
  appUrl: string;
  /** The Cognito user pool invited people's accounts are created in (the identity function only). */
  userPoolId: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const missing = ['TABLE_NAME', 'OIDC_ISSUER', 'OIDC_AUDIENCE'].filter((k) => !env[k]);
  if (missing.length > 0) throw new Error(`Missing configuration: ${missing.join(', ')}`);
  const issuer = env.OIDC_ISSUER!.replace(/\/$/, '');
  return {
    tableName: env.TABLE_NAME!,
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION || 'ca-central-1',
    oidcIssuer: issuer,
    oidcAudience: env.OIDC_AUDIENCE!,
    oidcJwksUrl: env.OIDC_JWKS_URL || `${issuer}/.well-known/jwks.json`,
    originSecret: env.ORIGIN_VERIFY || undefined,
    notifyQueueUrl: env.NOTIFY_QUEUE_URL || undefined,
    appUrl: env.APP_URL || 'http://localhost:3000',
    userPoolId: env.USER_POOL_ID || undefined,
  };
}
