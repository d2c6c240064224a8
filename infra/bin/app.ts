import { App } from 'aws-cdk-lib';
import { buildEnveloppe } from '../lib/enveloppe';

const app = new App();
const callback = app.node.tryGetContext('callbackUrl') as string | undefined;
buildEnveloppe(app, {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'ca-central-1' },
  ...(callback ? { callbackUrls: [callback] } : {}),
});
