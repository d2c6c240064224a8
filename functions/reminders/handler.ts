/**
 * The Lambda entry of the deadline reminders (and the yearly reports' reminders), run every hour by an
 * EventBridge Scheduler schedule (infra/lib/reminders-stack.ts): messages go to the notifications queue, as the
 * API's do.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import { createDynamoClient } from '../lib/db';
import { createQueueNotifier } from '../lib/notify';
import { runReminders } from './core';

const table = process.env.TABLE_NAME;
const queueUrl = process.env.NOTIFY_QUEUE_URL;
if (!table || !queueUrl) throw new Error('Missing configuration: TABLE_NAME, NOTIFY_QUEUE_URL');
const region = process.env.AWS_REGION || 'ca-central-1';
const logger = new Logger();
const notify = createQueueNotifier({ sqs: new SQSClient({ region }), queueUrl, appUrl: process.env.APP_URL || 'http://localhost:3000', logger });
const db = { client: createDynamoClient({ region }), table };

export const handler = middy()
  .use(injectLambdaContext(logger))
  .handler(async () => {
    const outcome = await runReminders({ db, notify, now: () => new Date(), logger });
    logger.info('reminders sent', outcome);
    return outcome;
  });
