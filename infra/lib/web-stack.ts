import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as EdgeFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import type { WebConfig } from '../../shared/domain';
import { PROJECT_ROOT } from './api-function';
import { API_SECURITY_HEADERS, ORIGIN_VERIFY_HEADER, WEB_SECURITY_HEADERS, webContentSecurityPolicy } from '../../functions/lib/security-headers';

export interface WebStackProps extends StackProps {
  /** e.g. https://abc.execute-api.ca-central-1.amazonaws.com */
  apiEndpoint: string;
  /** Served as /config.json: where the web app signs in. */
  config: WebConfig;
  /** Sent to the API with every request CloudFront forwards (a dynamic reference to the secret). */
  originSecret: string;
  /** Cognito's hosted domain (https://…): the web app exchanges its sign-in code there. */
  signInOrigin: string;
}

/**
 * Paths of the single-page app (no file extension) are answered with
 * index.html at the edge. Done per request rather than with the
 * distribution's error pages, which would also turn the API's 403 and 404
 * problems into 200s carrying the app.
 */
const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/** The single-page app: a private bucket behind CloudFront, which also routes /api/* to the HTTP API. */
export class WebStack extends Stack {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    const apiDomain = Fn.select(2, Fn.split('/', props.apiEndpoint));
    // The same headers as the local server (functions/lib/security-headers.ts), plus HSTS, which only HTTPS carries.
    const securityHeaders = (csp: string) => ({
      contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
    });
    const customHeaders = (headers: Readonly<Record<string, string>>, keep: string[]) => ({
      customHeaders: Object.entries(headers)
        .filter(([name]) => keep.includes(name))
        .map(([header, value]) => ({ header, value, override: true })),
    });
    const webHeaders = new ResponseHeadersPolicy(this, 'WebHeaders', {
      comment: 'Enveloppe web app: strict CSP, no framing, HSTS',
      securityHeadersBehavior: securityHeaders(webContentSecurityPolicy([props.signInOrigin])),
      customHeadersBehavior: customHeaders(WEB_SECURITY_HEADERS, ['Permissions-Policy', 'Cross-Origin-Opener-Policy']),
    });
    const apiHeaders = new ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'Enveloppe API: nothing runs, nothing is framed or cached, HSTS',
      securityHeadersBehavior: securityHeaders(API_SECURITY_HEADERS['Content-Security-Policy']!),
      customHeadersBehavior: customHeaders(API_SECURITY_HEADERS, [
        'Permissions-Policy',
        'Cross-Origin-Opener-Policy',
        'Cross-Origin-Resource-Policy',
        'Cache-Control',
      ]),
    });
    // The public results (functions/results/cache.ts) say how long they keep: the same headers as the API's,
    // but the origin's Cache-Control is passed on rather than replaced by no-store (problems still carry no-store).
    const publicResultsHeaders = new ResponseHeadersPolicy(this, 'PublicResultsHeaders', {
      comment: 'Enveloppe public results: nothing runs or is framed, HSTS, the origin Cache-Control',
      securityHeadersBehavior: securityHeaders(API_SECURITY_HEADERS['Content-Security-Policy']!),
      customHeadersBehavior: customHeaders(API_SECURITY_HEADERS, ['Permissions-Policy', 'Cross-Origin-Opener-Policy', 'Cross-Origin-Resource-Policy']),
    });
    // Cached by path alone: no header, cookie or query string is part of the key or reaches the origin, so no
    // token can make an answer personal. TTLs follow the origin's Cache-Control (max-age=300); an answer without
    // one (a problem: no-store) is not kept.
    const publicResultsCache = new CachePolicy(this, 'PublicResultsCache', {
      comment: 'Enveloppe public results: keyed on the path, honoring the origin Cache-Control',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.hours(1),
      headerBehavior: CacheHeaderBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const apiOrigin = new HttpOrigin(apiDomain, { customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originSecret } });
    this.distribution = new Distribution(this, 'Cdn', {
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: webHeaders,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new EdgeFunction(this, 'SpaPaths', { code: FunctionCode.fromInline(SPA_REWRITE), runtime: FunctionRuntime.JS_2_0 }),
          },
        ],
      },
      additionalBehaviors: {
        // First: CloudFront takes the first behavior whose pattern matches.
        '/api/public/results/*': {
          origin: apiOrigin,
          responseHeadersPolicy: publicResultsHeaders,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: publicResultsCache,
        },
        '/api/*': {
          origin: apiOrigin,
          responseHeadersPolicy: apiHeaders,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
    });
    const dist = join(PROJECT_ROOT, 'web', 'dist');
    // The built app (npm run build:web) and its configuration, written at deploy time with the stacks' values.
    const sources = [...(existsSync(dist) ? [Source.asset(dist)] : []), Source.jsonData('config.json', props.config)];
    new BucketDeployment(this, 'Deploy', { sources, destinationBucket: bucket, distribution: this.distribution });
    new CfnOutput(this, 'Url', { value: `https://${this.distribution.distributionDomainName}` });
  }
}
