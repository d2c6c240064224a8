import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccountRecovery, Mfa, OAuthScope, UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';

export interface AuthStackProps extends StackProps {
  /** The web app's origin, e.g. https://d123.cloudfront.net; Cognito sends people back there. */
  webUrl: string;
  /** Prefix of the hosted sign-in pages' domain: <prefix>.auth.<region>.amazoncognito.com, unique in the region. */
  domainPrefix: string;
}

/**
 * The OpenID Connect provider. Accounts are created by an administrator
 * (no self sign-up); what each account may do is stored in DynamoDB, not here.
 */
export class AuthStack extends Stack {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly issuer: string;
  /** The hosted pages' base URL (…/oauth2/authorize, …/oauth2/token, …/logout). */
  readonly hostedUrl: string;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      // A changed email stays unverified, and out of the tokens, until its code is confirmed: the API trusts the
      // `email` claim to find and accept invitations (docs/security.md, "People and invitations").
      autoVerify: { email: true },
      keepOriginal: { email: true },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.client = this.userPool.addClient('Web', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.webUrl}/connexion/retour`],
        logoutUrls: [`${props.webUrl}/connexion`],
      },
      idTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
    });
    const domain = this.userPool.addDomain('Hosted', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    this.hostedUrl = domain.baseUrl();
    this.issuer = `https://cognito-idp.${this.region}.amazonaws.com/${this.userPool.userPoolId}`;
    new CfnOutput(this, 'Issuer', { value: this.issuer });
    new CfnOutput(this, 'ClientId', { value: this.client.userPoolClientId });
    new CfnOutput(this, 'SignInUrl', { value: this.hostedUrl });
  }
}
