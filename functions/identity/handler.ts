import { createCognitoAccountDirectory, type CognitoAdminCreateUser } from '../lib/accounts';
import { readConfig } from '../lib/config';
import { lambdaDeps, lambdaHandler } from '../lib/lambda-deps';
import { identityRoutes } from './app';

/**
 * Cognito's client comes from the Lambda runtime's AWS SDK (the bundle leaves `@aws-sdk/*` out), loaded when
 * the first invitation is sent: the other routes of the function never pay for it.
 */
const COGNITO_CLIENT = '@aws-sdk/client-cognito-identity-provider';
/** What is used of that package (its types are not installed with the project: the runtime brings it). */
interface CognitoSdk {
  CognitoIdentityProviderClient: new (config: { region: string }) => { send: (command: unknown) => ReturnType<CognitoAdminCreateUser> };
  AdminCreateUserCommand: new (input: Parameters<CognitoAdminCreateUser>[0]) => unknown;
}
let cognito: Promise<CognitoAdminCreateUser> | undefined;
function adminCreateUser(region: string): CognitoAdminCreateUser {
  return async (input) => {
    cognito ??= (import(COGNITO_CLIENT) as Promise<CognitoSdk>).then((sdk) => {
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
