import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { ApiFunction } from './api-function';
import { CONTEXT_SPECS } from './contexts';

export interface ApiStackProps extends StackProps {
  table: ITableV2;
  issuer: string;
  audience: string;
  /** The web app's origin: the only one a browser may call the API from directly (CORS). */
  webOrigin?: string | undefined;
  /** Who is told when an alarm fires (an email subscription to the alarms' topic); nobody when absent. */
  alarmEmail?: string | undefined;
  /** The notifications queue (notifications-stack.ts): each function may only send to it. */
  notifyQueue?: IQueue | undefined;
  /** The web app's address, for the links in notifications. */
  appUrl?: string | undefined;
  /** The user pool invited people's accounts are created in (the functions whose spec names `userPool` actions). */
  userPool?: { userPoolId: string; userPoolArn: string } | undefined;
}

/** The alarms' thresholds, in one place (docs/operations.md says what to do when one fires). */
export const ALARMS = {
  /** Share of requests answered 5xx, in percent, over five minutes, in two of three periods. */
  serverErrorRatePercent: 1,
  /** The 99th percentile of the API's latency, in milliseconds, over five minutes, three periods running. */
  p99LatencyMs: 2500,
};

/** The HTTP API: one function per bounded context, each granted only the table actions it uses. */
/** Bundling hooks that copy files (paths from the project root) next to the function's bundle. */
/** Copies files (paths from the project root) into the function's asset at the same paths. */
function copyBeside(files: string[]) {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) =>
      files.map((f) => `mkdir -p "$(dirname "${outputDir}/${f}")" && cp "${inputDir}/${f}" "${outputDir}/${f}"`),
  };
}

export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions: Record<string, ApiFunction> = {};
  readonly originSecret: Secret;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    // The web app calls the API on its own origin, through CloudFront: no cross-origin call is needed.
    // A browser on the web app's own address (if it differs) is the only other origin allowed.
    this.api = new HttpApi(this, 'Api', {
      ...(props.webOrigin
        ? {
            corsPreflight: {
              allowOrigins: [props.webOrigin],
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
              allowHeaders: ['Authorization', 'Content-Type', 'Accept-Language', 'If-Match'],
            },
          }
        : {}),
      createDefaultStage: false,
    });
    // CloudFront adds this secret to each request it forwards; the functions refuse requests without it,
    // so the API is only reached through the CDN and its response headers (see docs/security.md).
    this.originSecret = new Secret(this, 'OriginVerify', {
      description: 'Header value CloudFront sends to the Enveloppe API',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    // A ceiling for the whole API (the public consultation also has its own per-link limit in the table).
    new HttpStage(this, 'DefaultStage', { httpApi: this.api, stageName: '$default', autoDeploy: true, throttle: { rateLimit: 200, burstLimit: 400 } });
    for (const [name, spec] of Object.entries(CONTEXT_SPECS)) {
      const fn = new ApiFunction(this, `${name[0]!.toUpperCase()}${name.slice(1)}Function`, {
        entry: spec.entry,
        environment: {
          TABLE_NAME: props.table.tableName,
          OIDC_ISSUER: props.issuer,
          OIDC_AUDIENCE: props.audience,
          // A dynamic reference resolved by CloudFormation at deploy: the value is not in the template.
          ORIGIN_VERIFY: this.originSecret.secretValue.unsafeUnwrap(),
          // Powertools: each context its own service in the logs and metrics, all under one namespace.
          POWERTOOLS_SERVICE_NAME: name,
          POWERTOOLS_METRICS_NAMESPACE: 'Enveloppe',
          ...(props.notifyQueue ? { NOTIFY_QUEUE_URL: props.notifyQueue.queueUrl } : {}),
          ...(props.appUrl ? { APP_URL: props.appUrl } : {}),
          ...(props.userPool && spec.userPool ? { USER_POOL_ID: props.userPool.userPoolId } : {}),
        },
        ...(spec.lazy || spec.files
          ? {
              bundling: {
                externalModules: ['@aws-sdk/*', ...(spec.lazy?.modules ?? [])],
                commandHooks: copyBeside([...(spec.lazy?.files ?? []), ...(spec.files ?? [])]),
              },
            }
          : {}),
        // The solver needs memory and time that plain routes do not.
        ...(spec.lazy ? { memorySize: 1536, timeout: Duration.seconds(29) } : {}),
      });
      fn.addToRolePolicy(new PolicyStatement({ actions: spec.actions, resources: [props.table.tableArn, `${props.table.tableArn}/index/*`] }));
      // Notifications: sending to the queue, nothing else of it (the queue's encryption is SQS-managed: no key to grant).
      if (props.notifyQueue) fn.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [props.notifyQueue.queueArn] }));
      // Creating an invited person's account in the user pool, nothing else of it.
      if (props.userPool && spec.userPool) fn.addToRolePolicy(new PolicyStatement({ actions: spec.userPool, resources: [props.userPool.userPoolArn] }));
      const integration = new HttpLambdaIntegration(`${name}Integration`, fn);
      for (const path of spec.routes) this.api.addRoutes({ path, methods: [HttpMethod.ANY], integration });
      this.functions[name] = fn;
    }
    this.alarmTopic = new Topic(this, 'Alarms', { displayName: 'Enveloppe API alarms' });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    const period = Duration.minutes(5);
    // The gateway's own figures, so a function that never answers (timeout, crash at import) still counts.
    const serverErrorRate = new MathExpression({
      label: '5xx rate (%)',
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { errors: this.api.metricServerError({ period, statistic: 'Sum' }), requests: this.api.metricCount({ period, statistic: 'Sum' }) },
      period,
    });
    const alarms = [
      new Alarm(this, 'ServerErrorRateAlarm', {
        alarmDescription: `More than ${ALARMS.serverErrorRatePercent} % of the API's requests answered 5xx (two of the last three 5-minute periods).`,
        metric: serverErrorRate,
        threshold: ALARMS.serverErrorRatePercent,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, 'LatencyP99Alarm', {
        alarmDescription: `The API's p99 latency over ${ALARMS.p99LatencyMs} ms for 15 minutes.`,
        metric: this.api.metricLatency({ period, statistic: 'p99' }),
        threshold: ALARMS.p99LatencyMs,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
    for (const alarm of alarms) {
      alarm.addAlarmAction(new SnsAction(this.alarmTopic));
      alarm.addOkAction(new SnsAction(this.alarmTopic));
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
  }
}
