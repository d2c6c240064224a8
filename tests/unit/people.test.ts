/**
 * The people rules that need no table: who may grant which role, the invitation schemas, the accounts
 * directories (Cognito's `AdminCreateUser` and the local issuer's learned subjects), and the invitation message.
 */
import { describe, expect, it } from 'vitest';
import { createCognitoAccountDirectory, localSubOf, type CognitoAdminCreateUser } from '../../functions/lib/accounts';
import { renderNotification } from '../../shared/notifications';
import { GRANTABLE, grantableBy, permissionsOf, ROLES } from '../../shared/permissions';
import { inviteInput, rolesInput } from '../../shared/schemas/people';

describe('granting roles', () => {
  it('lets an administrator grant any role, a manager representatives and table members, a coordinator table members, the others none', () => {
    expect([...grantableBy(['administrator'])].sort()).toEqual([...ROLES].sort());
    expect([...grantableBy(['manager'])].sort()).toEqual(['member', 'organization']);
    expect([...grantableBy(['coordinator'])]).toEqual(['member']);
    expect(grantableBy(['member', 'organization']).size).toBe(0);
    expect([...grantableBy(['coordinator', 'manager'])].sort()).toEqual(['member', 'organization']);
  });

  it('never lets a role grant a role with a permission it lacks (except the administrator, who runs the people)', () => {
    for (const role of ROLES) {
      if (role === 'administrator') continue;
      const own = permissionsOf([role]);
      for (const granted of GRANTABLE[role]) {
        const extra = [...permissionsOf([granted], 'org-1')].filter(
          (p) => !own.has(p) && p !== 'organization:own' && p !== 'proposal:own' && p !== 'agreement:own' && p !== 'report:own',
        );
        // A table member votes and evaluates: powers a manager or coordinator hands out, not holds.
        expect(
          extra.filter((p) => !['round:vote', 'scoring:evaluate'].includes(p)),
          `${role} → ${granted}`,
        ).toEqual([]);
      }
    }
  });
});

describe('the invitation and roles schemas', () => {
  it('names an organization with the representative role, and only with it (a table member may keep theirs on a role change)', () => {
    expect(inviteInput.safeParse({ email: 'a@exemple.org', name: 'A', roles: ['organization'] }).success).toBe(false);
    expect(inviteInput.safeParse({ email: 'a@exemple.org', name: 'A', roles: ['member'], organizationId: 'org-1' }).success).toBe(false);
    const ok = inviteInput.parse({ email: 'a@exemple.org', name: ' A ', roles: ['member', 'member'] });
    expect(ok).toEqual({ email: 'a@exemple.org', name: 'A', roles: ['member'], organizationId: null, language: 'fr' });
    expect(rolesInput.safeParse({ roles: ['member'], organizationId: 'org-1', version: 1 }).success).toBe(true);
    expect(rolesInput.safeParse({ roles: ['manager'], organizationId: 'org-1', version: 1 }).success).toBe(false);
  });
});

describe('accounts', () => {
  it('gives an email one local subject, whatever its case', () => {
    expect(localSubOf('Marie@Exemple.org')).toBe(localSubOf(' marie@exemple.org'));
    expect(localSubOf('marie@exemple.org')).toMatch(/^local-[0-9a-f]{16}$/);
    expect(localSubOf('marie@exemple.org')).not.toBe(localSubOf('marie2@exemple.org'));
  });

  it('creates the Cognito account with the email verified and mailed, and takes an existing one as it is', async () => {
    const calls: Parameters<CognitoAdminCreateUser>[0][] = [];
    const created: CognitoAdminCreateUser = async (input) => {
      calls.push(input);
      return { User: { Attributes: [{ Name: 'sub', Value: 'uuid-1' }] } };
    };
    const directory = createCognitoAccountDirectory({ userPoolId: 'ca-central-1_X', adminCreateUser: created });
    expect(await directory.ensure('Marie@Exemple.org', 'Marie')).toEqual({ sub: 'uuid-1' });
    expect(calls[0]).toEqual({
      UserPoolId: 'ca-central-1_X',
      Username: 'marie@exemple.org',
      UserAttributes: [
        { Name: 'email', Value: 'marie@exemple.org' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Marie' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
    const exists = createCognitoAccountDirectory({
      userPoolId: 'p',
      adminCreateUser: async () => {
        throw Object.assign(new Error('exists'), { name: 'UsernameExistsException' });
      },
    });
    expect(await exists.ensure('a@exemple.org', 'A')).toEqual({ sub: null });
    const down = createCognitoAccountDirectory({
      userPoolId: 'p',
      adminCreateUser: async () => {
        throw Object.assign(new Error('slow'), { name: 'TooManyRequestsException' });
      },
    });
    await expect(down.ensure('a@exemple.org', 'A')).rejects.toThrow('slow');
  });
});

describe('the invitation message', () => {
  it('links the invitation’s own page and says how long the link is valid, in both languages', () => {
    const m = { kind: 'invitation' as const, tenantName: 'CISSS de Laval', inviterName: 'Line Gagnon', token: 'T'.repeat(43) };
    const fr = renderNotification(m, 'fr', 'Marie', 'https://enveloppe.example.org');
    expect(fr.link).toBe(`https://enveloppe.example.org/invitation/${'T'.repeat(43)}`);
    expect(fr.body).toContain('valable 7 jours');
    expect(renderNotification(m, 'en', 'Marie', 'https://enveloppe.example.org').body).toContain('valid for 7 days');
  });
});
