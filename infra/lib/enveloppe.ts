import type { App, Environment } from 'aws-cdk-lib';
import { ApiStack } from './api-stack';
import { AuthStack } from './auth-stack';
import { DataStack } from './data-stack';
import { WebStack } from './web-stack';

/** The four stacks of one deployment, wired together. */
export function buildEnveloppe(app: App, opts: { env?: Environment; callbackUrls?: string[] } = {}) {
  const env = opts.env;
  const data = new DataStack(app, 'EnveloppeData', { env });
  const auth = new AuthStack(app, 'EnveloppeAuth', { env, callbackUrls: opts.callbackUrls ?? ['http://localhost:3000/'] });
  const api = new ApiStack(app, 'EnveloppeApi', { env, table: data.table, issuer: auth.issuer, audience: auth.client.userPoolClientId });
  const web = new WebStack(app, 'EnveloppeWeb', { env, apiEndpoint: api.api.apiEndpoint });
  return { data, auth, api, web };
}
