/**
 * The identity provider's accounts, as far as the platform needs them: an
 * invited person must be able to sign in. In AWS, Cognito holds the accounts
 * (`AdminCreateUser`; the user pool mails the temporary password); locally and
 * in tests the development issuer *learns* them: a `LocalAccount` item whose
 * subject is derived from the email, listed on the issuer's sign-in page from
 * then on (functions/local/dev-issuer.ts reads them at each request).
 */
import { createHash } from 'node:crypto';
import { AlreadyExistsError } from '../../shared/errors';
import { putNew, queryAll, type Db } from './db';
import { keys } from './keys';

export interface AccountDirectory {
  /**
   * Makes sure an account exists for this email (an existing one is fine). Answers its subject when the
   * provider tells it, else null (Cognito tells it only for an account it creates).
   */
  ensure(email: string, name: string): Promise<{ sub: string | null }>;
}

/** An account the local issuer learned (local runtime and tests only). */
export interface LocalAccount {
  sub: string;
  email: string;
  name: string;
  createdAt: string;
}

/** The local subject of an email: the same email always signs in as the same person. */
export function localSubOf(email: string): string {
  return `local-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16)}`;
}

export function createLocalAccountDirectory(db: Db, now: () => Date): AccountDirectory {
  return {
    async ensure(email, name) {
      const sub = localSubOf(email);
      const account: LocalAccount = { sub, email: email.trim().toLowerCase(), name, createdAt: now().toISOString() };
      try {
        await putNew(db, keys.localAccount(sub), 'LocalAccount', account, () => new AlreadyExistsError({ fr: 'Ce compte', en: 'This account' }));
      } catch (e) {
        if (!(e instanceof AlreadyExistsError)) throw e;
      }
      return { sub };
    },
  };
}

/** Every learned account, oldest first (the issuer's sign-in page, the tests' tokens). */
export async function listLocalAccounts(db: Db): Promise<LocalAccount[]> {
  return queryAll<LocalAccount>(db, { partition: keys.localAccounts.partition, prefix: keys.localAccounts.prefix, consistent: true }, 1_000);
}

/** The one Cognito call needed, as the SDK's client sends it (injected: the Lambda wires the runtime's SDK). */
export type CognitoAdminCreateUser = (input: {
  UserPoolId: string;
  Username: string;
  UserAttributes: { Name: string; Value: string }[];
  DesiredDeliveryMediums: ['EMAIL'];
}) => Promise<{ User?: { Attributes?: { Name?: string; Value?: string }[] } }>;

/** AWS: `AdminCreateUser` in the user pool; an account that already exists (`UsernameExistsException`) is fine. */
export function createCognitoAccountDirectory(opts: { userPoolId: string; adminCreateUser: CognitoAdminCreateUser }): AccountDirectory {
  return {
    async ensure(email, name) {
      try {
        const out = await opts.adminCreateUser({
          UserPoolId: opts.userPoolId,
          Username: email.trim().toLowerCase(),
          UserAttributes: [
            { Name: 'email', Value: email.trim().toLowerCase() },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: name },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        });
        return { sub: out.User?.Attributes?.find((a) => a.Name === 'sub')?.Value ?? null };
      } catch (e) {
        if (e instanceof Error && e.name === 'UsernameExistsException') return { sub: null };
        throw e;
      }
    },
  };
}
