import { createCognitoAccountDirectory, type CognitoAdminCreateUser } from '../lib/accounts';
import { readConfig } from '../lib/config';
import { lambdaDeps, lambdaHandler } from '../lib/lambda-deps';
import { identityRoutes } from './app';

/**
 * Cognito's client (the runtime's AWS SDK: the bundle leaves `@aws-sdk/*` out) is loaded when the first
 * invitation is sent: the other routes of the function never pay for it.
 */
let cognito: Promise<CognitoAdminCreateUser> | undefined;
function adminCreateUser(region: string): CognitoAdminCreateUser {
  return async (input) => {
    cognito ??= import('@aws-sdk/client-cognito-identity-provider').then(({ CognitoIdentityProviderClient, AdminCreateUserCommand }) => {
      const client = new CognitoIdentityProviderClient({ region });
      return (i: Parameters<CognitoAdminCreateUser>[0]) => client.send(new AdminCreateUserCommand(i));
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
