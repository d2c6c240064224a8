/** The Lambda entry of the notifications queue's consumer (infra/lib/notifications-stack.ts). */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sendBatch } from './consumer';

const from = process.env.MAIL_FROM;
if (!from) throw new Error('Missing configuration: MAIL_FROM');
const logger = new Logger();
const ses = new SESv2Client({ region: process.env.AWS_REGION || 'ca-central-1' });

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .handler((event: SQSEvent) => sendBatch(event, { ses, from, logger }));
