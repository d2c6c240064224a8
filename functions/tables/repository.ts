/**
 * Concertation tables: one item per table (`T#<t>#TABLE#<id>` / `TABLE`), its
 * members inside it, versioned; the tenant's tables through gsi1 (`T#<t>#TABLES`).
 */
import type { ConcertationTable } from '../../shared/tables';
import { AlreadyExistsError, NotFoundError } from '../../shared/errors';
import { getItem, putNew, putVersioned, queryAll, type Db } from '../lib/db';
import { keys } from '../lib/keys';

const ENTITY = 'ConcertationTable';

const tableNotFound = () => new NotFoundError({ fr: 'La table de concertation', en: 'The concertation table' });

export async function getTableById(db: Db, tenantId: string, id: string, consistent = false): Promise<ConcertationTable> {
  const found = await getItem<ConcertationTable>(db, keys.table(tenantId, id), consistent);
  if (!found) throw tableNotFound();
  return found;
}

/** A tenant's tables, by name (a tenant has a handful). */
export async function listTablesOfTenant(db: Db, tenantId: string): Promise<ConcertationTable[]> {
  const all = await queryAll<ConcertationTable>(db, { index: 'gsi1', partition: keys.tablesOfTenant(tenantId) });
  return all.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id));
}

export async function createTable(db: Db, tenantId: string, table: ConcertationTable): Promise<ConcertationTable> {
  await putNew(
    db,
    keys.table(tenantId, table.id),
    ENTITY,
    table,
    () => new AlreadyExistsError({ fr: 'Cette table existe déjà.', en: 'This table already exists.' }),
  );
  return table;
}

/** Replaces the table at its version (members included): a stale edit is a version conflict (409). */
export async function replaceTable(db: Db, tenantId: string, next: ConcertationTable, expectedVersion: number): Promise<ConcertationTable> {
  return putVersioned(db, keys.table(tenantId, next.id), ENTITY, next, expectedVersion);
}
