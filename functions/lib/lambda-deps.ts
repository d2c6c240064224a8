/**
 * A Lambda entry: its dependencies read once at cold start and shared by
 * every invocation, and the handler around the API app. Powertools gives the
 * function its structured JSON logs (with the invocation's request id), its
 * metrics in CloudWatch's embedded format, flushed at the end of each
 * invocation, and its X-Ray trace (the handler's subsegment, each DynamoDB
 * call as a subsegment of it). The service name and metrics namespace come
 * from the function's environment (POWERTOOLS_SERVICE_NAME,
 * POWERTOOLS_METRICS_NAMESPACE, set by infra/lib/api-stack.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context as LambdaContext } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { createApiApp, type Deps, type RouteModule } from './app';
import { createRemoteVerifier } from './auth';
import { readConfig } from './config';
import { createDynamoClient } from './db';
import { newId } from './ids';
import { createQueueNotifier } from './notify';
import { SQSClient } from '@aws-sdk/client-sqs';
import { powertoolsMetrics } from './observability';

interface Powertools {
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

let tools: Powertools | undefined;
let deps: Deps | undefined;

function powertools(): Powertools {
  tools ??= { logger: new Logger(), metrics: new Metrics(), tracer: new Tracer() };
  return tools;
}

/** The dependencies of this function, made once per cold start (an entry may add its own to them). */
export function lambdaDeps(): Deps {
  if (deps) return deps;
  const config = readConfig();
  const { logger, metrics, tracer } = powertools();
  const notify = config.notifyQueueUrl
    ? createQueueNotifier({
        sqs: tracer.captureAWSv3Client(new SQSClient({ region: config.region })),
        queueUrl: config.notifyQueueUrl,
        appUrl: config.appUrl,
        logger,
      })
    : undefined;
  deps = {
    notify,
    db: {
      client: tracer.captureAWSv3Client(createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint })),
      table: config.tableName,
    },
    verifyToken: createRemoteVerifier({ issuer: config.oidcIssuer, audience: config.oidcAudience, jwksUrl: config.oidcJwksUrl }),
    now: () => new Date(),
    newId: () => newId(),
    originSecret: config.originSecret,
    logger,
    metrics: powertoolsMetrics(metrics),
  };
  return deps;
}

type Handler = (event: LambdaEvent, context: LambdaContext) => Promise<Awaited<ReturnType<ReturnType<typeof handle>>>>;

/**
 * The Lambda handler of an API app made of `modules`. The event is never
 * logged nor traced (it holds the token and the body): only the answer's
 * status and correlation id reach the trace, as annotations.
 */
export function lambdaHandler(modules: RouteModule[], d: Deps = lambdaDeps(), t: Powertools = powertools()): Handler {
  const answer = handle(createApiApp(d, modules));
  const { logger, metrics, tracer } = t;
  return async (event, context) => {
    logger.addContext(context);
    metrics.captureColdStartMetric(context.functionName);
    // Powertools' manual instrumentation: a subsegment for the handler under Lambda's own segment.
    const segment = tracer.getSegment();
    const subsegment = segment?.addNewSubsegment(`## ${process.env._HANDLER ?? 'handler'}`);
    if (subsegment) tracer.setSegment(subsegment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      const result = await answer(event, context);
      tracer.putAnnotation('status', result.statusCode);
      const correlationId = result.headers?.['x-correlation-id'];
      if (typeof correlationId === 'string') tracer.putAnnotation('correlationId', correlationId);
      return result;
    } catch (err) {
      tracer.addErrorAsMetadata(err as Error);
      throw err;
    } finally {
      subsegment?.close();
      if (segment) tracer.setSegment(segment);
      metrics.publishStoredMetrics();
    }
  };
}
