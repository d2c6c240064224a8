import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { join } from 'node:path';

export const PROJECT_ROOT = join(__dirname, '..', '..');

/**
 * The defaults of every API function: Node 22 on ARM, ESM bundled and minified locally with esbuild,
 * logs kept a month in the function's own log group (a resource of the stack, not the deprecated
 * logRetention custom resource and its extra Lambda), X-Ray tracing on (Powertools' Tracer writes the
 * subsegments, functions/lib/lambda-deps.ts).
 *
 * Source maps: the bundle is minified, so a stack trace names nothing without its map. The build writes
 * `index.mjs.map` beside the bundle (mappings and names, not the sources) and the runtime reads it
 * (`--enable-source-maps`): the two go together, a flag without a map only costs (tests/infra checks both).
 */
export class ApiFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: NodejsFunctionProps & { entry: string }) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    super(scope, id, {
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      tracing: Tracing.ACTIVE,
      ...props,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      entry: join(PROJECT_ROOT, props.entry),
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: 'node22',
        mainFields: ['module', 'main'],
        // The Node 22 runtime provides AWS SDK v3.
        externalModules: ['@aws-sdk/*'],
        forceDockerBundling: false,
        // The X-Ray SDK and its helpers are CommonJS and require Node's modules: an ES module has no
        // `require` of its own, so the bundle gets one (without it the function fails at import).
        banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        ...props.bundling,
      },
    });
  }
}
