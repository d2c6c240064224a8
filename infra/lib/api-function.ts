import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { join } from 'node:path';

export const PROJECT_ROOT = join(__dirname, '..', '..');

/**
 * The defaults of every API function: Node 22 on ARM, ESM bundled and minified locally with esbuild,
 * logs kept a month in the function's own log group (a resource of the stack, not the deprecated
 * logRetention custom resource and its extra Lambda).
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
      ...props,
      entry: join(PROJECT_ROOT, props.entry),
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: false,
        target: 'node22',
        mainFields: ['module', 'main'],
        // The Node 22 runtime provides AWS SDK v3.
        externalModules: ['@aws-sdk/*'],
        forceDockerBundling: false,
        ...props.bundling,
      },
    });
  }
}
