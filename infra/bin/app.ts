import { App } from 'aws-cdk-lib';
import { buildEnveloppe } from '../lib/enveloppe';

const app = new App();
const webUrl = app.node.tryGetContext('webUrl') as string | undefined;
const authDomainPrefix = app.node.tryGetContext('authDomainPrefix') as string | undefined;
const alarmEmail = app.node.tryGetContext('alarmEmail') as string | undefined;
const mailFrom = app.node.tryGetContext('mailFrom') as string | undefined;
buildEnveloppe(app, {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'ca-central-1' },
  ...(webUrl ? { webUrl } : {}),
  ...(authDomainPrefix ? { authDomainPrefix } : {}),
  ...(alarmEmail ? { alarmEmail } : {}),
  ...(mailFrom ? { mailFrom } : {}),
});
