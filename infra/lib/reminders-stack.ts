import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ApiFunction } from './api-function';

export interface RemindersStackProps extends StackProps {
  table: ITableV2;
  /** The notifications queue (notifications-stack.ts): reminders go out through it, like the API's messages. */
  notifyQueue: IQueue;
  /** The web app's address, for the links in the messages. */
  appUrl?: string | undefined;
}

/** How often the reminders run: a thing closing in three days is reminded of within the hour. */
export const REMINDERS_EVERY = Duration.hours(1);

/**
 * Deadline reminders (functions/reminders/): an EventBridge Scheduler schedule runs the function every hour; it
 * reads the tenants' calls, rounds, votes and revision rounds and the yearly reports' open markers (a Query by due
 * date), writes one marker per reminder (so each goes once), and puts the messages on the notifications queue. It
 * may read the table, create items, and send to the queue. The schedule's own role may only invoke this function;
 * a failed invocation is tried twice more within the hour (the next run covers anything later: each reminder is
 * claimed by its marker, so a retry never sends twice).
 */
export class RemindersStack extends Stack {
  readonly fn: ApiFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: RemindersStackProps) {
    super(scope, id, props);
    this.fn = new ApiFunction(this, 'RemindersFunction', {
      entry: 'functions/reminders/handler.ts',
      memorySize: 512,
      timeout: Duration.minutes(5),
      environment: {
        TABLE_NAME: props.table.tableName,
        NOTIFY_QUEUE_URL: props.notifyQueue.queueUrl,
        POWERTOOLS_SERVICE_NAME: 'reminders',
        ...(props.appUrl ? { APP_URL: props.appUrl } : {}),
      },
    });
    // GetItem and Query to read; PutItem for the markers (conditional creates). No Scan: tenants come from their index.
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
        resources: [props.table.tableArn, `${props.table.tableArn}/index/*`],
      }),
    );
    this.fn.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [props.notifyQueue.queueArn] }));
    this.schedule = new Schedule(this, 'HourlyReminders', {
      description: 'Deadline reminders: calls, rounds, votes and revisions closing in three days; yearly reports due in 30 and 7 days, and overdue',
      schedule: ScheduleExpression.rate(REMINDERS_EVERY),
      target: new LambdaInvoke(this.fn, { retryAttempts: 2, maxEventAge: REMINDERS_EVERY }),
    });
  }
}
