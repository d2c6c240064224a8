import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { ApiFunction } from './api-function';
import { CONTEXT_SPECS } from './contexts';

export interface ApiStackProps extends StackProps {
  table: ITableV2;
  issuer: string;
  audience: string;
}

/** The HTTP API: one function per bounded context, each granted only the table actions it uses. */
/** Bundling hooks that copy files (paths from the project root) next to the function's bundle. */
/** Copies files (paths from the project root) into the function's asset at the same paths. */
function copyBeside(files: string[]) {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => files.map((f) => `mkdir -p "$(dirname "${outputDir}/${f}")" && cp "${inputDir}/${f}" "${outputDir}/${f}"`),
  };
}

export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions: Record<string, ApiFunction> = {};

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    this.api = new HttpApi(this, 'Api', {
      corsPreflight: { allowOrigins: ['*'], allowMethods: [CorsHttpMethod.ANY], allowHeaders: ['Authorization', 'Content-Type', 'Accept-Language'] },
      createDefaultStage: false,
    });
    // A ceiling for the whole API (the public consultation also has its own per-link limit in the table).
    new HttpStage(this, 'DefaultStage', { httpApi: this.api, stageName: '$default', autoDeploy: true, throttle: { rateLimit: 200, burstLimit: 400 } });
    for (const [name, spec] of Object.entries(CONTEXT_SPECS)) {
      const fn = new ApiFunction(this, `${name[0]!.toUpperCase()}${name.slice(1)}Function`, {
        entry: spec.entry,
        environment: { TABLE_NAME: props.table.tableName, OIDC_ISSUER: props.issuer, OIDC_AUDIENCE: props.audience, NODE_OPTIONS: '--enable-source-maps' },
        ...(spec.lazy ? { bundling: { externalModules: ['@aws-sdk/*', ...spec.lazy.modules], commandHooks: copyBeside(spec.lazy.files) } } : {}),
        // The solver needs memory and time that plain routes do not.
        ...(spec.lazy ? { memorySize: 1536, timeout: Duration.seconds(29) } : {}),
      });
      fn.addToRolePolicy(new PolicyStatement({ actions: spec.actions, resources: [props.table.tableArn, `${props.table.tableArn}/index/*`] }));
      const integration = new HttpLambdaIntegration(`${name}Integration`, fn);
      for (const path of spec.routes) this.api.addRoutes({ path, methods: [HttpMethod.ANY], integration });
      this.functions[name] = fn;
    }
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
  }
}
