import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ApiFunction } from './api-function';

export interface NotificationsStackProps extends StackProps {
  /** The verified SES identity (an address of a verified domain, or a verified address) messages are sent from. */
  mailFrom: string;
}

/** The consumer's timeout; the queue hides a message six times as long while a batch is sent (AWS's advice). */
const CONSUMER_TIMEOUT_SECONDS = 30;

/**
 * Notifications in AWS: the API functions put each email on a queue (functions/lib/notify.ts); one small
 * function sends them through Amazon SES (functions/mail/), reporting the failed messages alone. A message
 * that still fails after five tries moves to the dead-letter queue, kept 14 days (docs/operations.md).
 */
export class NotificationsStack extends Stack {
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly consumer: ApiFunction;

  constructor(scope: Construct, id: string, props: NotificationsStackProps) {
    super(scope, id, props);
    this.deadLetters = new Queue(this, 'MailDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.queue = new Queue(this, 'MailQueue', {
      visibilityTimeout: Duration.seconds(CONSUMER_TIMEOUT_SECONDS * 6),
      retentionPeriod: Duration.days(4),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });
    this.consumer = new ApiFunction(this, 'MailFunction', {
      entry: 'functions/mail/handler.ts',
      memorySize: 256,
      timeout: Duration.seconds(CONSUMER_TIMEOUT_SECONDS),
      environment: { MAIL_FROM: props.mailFrom, POWERTOOLS_SERVICE_NAME: 'mail' },
    });
    this.consumer.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }));
    // Sending only, only from the configured identity (the address, or its domain if that is what SES verified).
    const domain = props.mailFrom.split('@')[1] ?? props.mailFrom;
    this.consumer.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          this.formatArn({ service: 'ses', resource: 'identity', resourceName: props.mailFrom }),
          this.formatArn({ service: 'ses', resource: 'identity', resourceName: domain }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': props.mailFrom } },
      }),
    );
  }
}
