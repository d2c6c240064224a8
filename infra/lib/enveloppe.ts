import type { App, Environment } from 'aws-cdk-lib';
import { ApiStack } from './api-stack';
import { AuthStack } from './auth-stack';
import { DataStack } from './data-stack';
import { NotificationsStack } from './notifications-stack';
import { RemindersStack } from './reminders-stack';
import { WebStack } from './web-stack';

export interface EnveloppeOptions {
  env?: Environment;
  /** The web app's public origin (CloudFront's domain or your own); sign-in returns there. */
  webUrl?: string;
  /** Prefix of Cognito's hosted sign-in domain, unique in the region. */
  authDomainPrefix?: string;
  /** Who receives the API's alarms (an email address; it confirms the subscription once). */
  alarmEmail?: string;
  /** The verified SES identity notifications are sent from (`-c mailFrom=avis@example.org`). */
  mailFrom?: string;
}

/** The six stacks of one deployment, wired together. */
export function buildEnveloppe(app: App, opts: EnveloppeOptions = {}) {
  const env = opts.env;
  const data = new DataStack(app, 'EnveloppeData', { env });
  const auth = new AuthStack(app, 'EnveloppeAuth', {
    env,
    webUrl: (opts.webUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
    domainPrefix: opts.authDomainPrefix ?? 'enveloppe',
  });
  const webOrigin = opts.webUrl ? new URL(opts.webUrl).origin : undefined;
  const notifications = new NotificationsStack(app, 'EnveloppeNotifications', { env, mailFrom: opts.mailFrom ?? 'avis@enveloppe.example.org' });
  const api = new ApiStack(app, 'EnveloppeApi', {
    env,
    table: data.table,
    issuer: auth.issuer,
    audience: auth.client.userPoolClientId,
    webOrigin,
    alarmEmail: opts.alarmEmail,
    notifyQueue: notifications.queue,
    appUrl: opts.webUrl?.replace(/\/+$/, ''),
    userPool: auth.userPool,
  });
  const reminders = new RemindersStack(app, 'EnveloppeReminders', {
    env,
    table: data.table,
    notifyQueue: notifications.queue,
    appUrl: opts.webUrl?.replace(/\/+$/, ''),
  });
  const web = new WebStack(app, 'EnveloppeWeb', {
    env,
    apiEndpoint: api.api.apiEndpoint,
    originSecret: api.originSecret.secretValue.unsafeUnwrap(),
    signInOrigin: auth.hostedUrl,
    config: {
      auth: {
        authorizeUrl: `${auth.hostedUrl}/oauth2/authorize`,
        tokenUrl: `${auth.hostedUrl}/oauth2/token`,
        clientId: auth.client.userPoolClientId,
        scope: 'openid email profile',
        logoutUrl: `${auth.hostedUrl}/logout`,
      },
    },
  });
  return { data, auth, notifications, reminders, api, web };
}
