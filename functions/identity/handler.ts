import { createCognitoAccountDirectory, type CognitoAdminCreateUser } from '../lib/accounts';
import { readConfig } from '../lib/config';
import { lambdaDeps, lambdaHandler } from '../lib/lambda-deps';
import { identityRoutes } from './app';

/**
 * Cognito's client comes from the Lambda runtime's AWS SDK (the bundle leaves `@aws-sdk/*` out), loaded when
 * the first invitation is sent: the other routes of the function never pay for it.
 */
const COGNITO_CLIENT = '@aws-sdk/client-cognito-identity-provider';
let cognito: Promise<CognitoAdminCreateUser> | undefined;
function adminCreateUser(region: string): CognitoAdminCreateUser {
  return async (input) => {
    cognito ??= import(/* @vite-ignore */ COGNITO_CLIENT).then((sdk: Record<string, any>) => {
      const client = new sdk.CognitoIdentityProviderClient({ region });
      return (i: Parameters<CognitoAdminCreateUser>[0]) => client.send(new sdk.AdminCreateUserCommand(i));
    });
    return (await cognito)(input);
  };
}

const config = readConfig();
const deps = lambdaDeps();

export const handler = lambdaHandler([identityRoutes], {
  ...deps,
  accounts: config.userPoolId ? createCognitoAccountDirectory({ userPoolId: config.userPoolId, adminCreateUser: adminCreateUser(config.region) }) : undefined,
});
