/**
 * Organizations: get by id, list a tenant's, create and replace. The NEQ is
 * unique within a tenant, guarded by a claim item written in the same
 * transaction as the organization.
 */
import type { Organization } from '../../shared/domain';
import { AlreadyExistsError, NotFoundError, VersionConflictError } from '../../shared/errors';
import { getItem, newPut, queryPage, transact, versionedPut, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

const ENTITY = 'Organization';

const neqTaken = (neq: string) =>
  new AlreadyExistsError({ fr: `Un organisme avec le NEQ ${neq} existe déjà.`, en: `An organization with NEQ ${neq} already exists.` }, { field: 'neq' });

export async function getOrganizationById(db: Db, tenantId: string, id: string): Promise<Organization> {
  const found = await getItem<Organization>(db, keys.organization(tenantId, id));
  if (!found) throw new NotFoundError({ fr: 'L’organisme', en: 'The organization' });
  return found;
}

export async function listOrganizationsOfTenant(db: Db, tenantId: string, page: { cursor?: string | undefined; limit?: number | undefined }) {
  return queryPage<Organization>(db, { index: 'gsi1', partition: keys.organizationsOfTenant(tenantId), limit: page.limit ?? 100, cursor: page.cursor });
}

export async function createOrganization(db: Db, tenantId: string, org: Organization): Promise<Organization> {
  await transact(
    db,
    [newPut(db, keys.organization(tenantId, org.id), ENTITY, org), newPut(db, keys.neqClaim(tenantId, org.neq), 'NeqClaim', { organizationId: org.id })],
    (reasons) =>
      reasons[1]?.code === 'ConditionalCheckFailed'
        ? neqTaken(org.neq)
        : new AlreadyExistsError({ fr: 'Cet organisme existe déjà.', en: 'This organization already exists.' }),
  );
  return org;
}

export async function replaceOrganization(
  db: Db,
  tenantId: string,
  previous: Organization,
  next: Organization,
  expectedVersion: number,
): Promise<Organization> {
  const items: TransactWriteItem[] = [versionedPut(db, keys.organization(tenantId, next.id), ENTITY, next, expectedVersion)];
  if (previous.neq !== next.neq) {
    const old = keys.neqClaim(tenantId, previous.neq);
    items.push({ Delete: { TableName: db.table, Key: marshall({ pk: old.pk, sk: old.sk }) } });
    items.push(newPut(db, keys.neqClaim(tenantId, next.neq), 'NeqClaim', { organizationId: next.id }));
  }
  await transact(db, items, (reasons) => {
    if (reasons[0]?.code === 'ConditionalCheckFailed') {
      const found = reasons[0].item as Organization | undefined;
      return new VersionConflictError(found?.version, found);
    }
    return neqTaken(next.neq);
  });
  return { ...next, version: expectedVersion + 1 };
}
