/** Envelopes: get by id, list a tenant's by fiscal year, create, replace at a version. */
import type { Envelope } from '../../shared/domain';
import { computeEnvelope } from '../../shared/envelope';
import { AlreadyExistsError, NotFoundError } from '../../shared/errors';
import { getItem, putNew, putVersioned, queryPage, type Db } from '../lib/db';
import { keys } from '../lib/keys';

type StoredEnvelope = Omit<Envelope, 'computation'>;

const ENTITY = 'Envelope';

function envelopeKeys(tenantId: string, e: StoredEnvelope) {
  return { ...keys.envelope(tenantId, e.id), ...keys.envelopeIndex(tenantId, e.id, e.fiscalYear) };
}

/** The arithmetic is derived on every read, never stored: one source of truth. */
function withComputation(e: StoredEnvelope): Envelope {
  return { ...e, computation: computeEnvelope(e) };
}

export async function getEnvelopeById(db: Db, tenantId: string, id: string): Promise<Envelope> {
  const found = await getItem<StoredEnvelope>(db, keys.envelope(tenantId, id));
  if (!found) throw new NotFoundError({ fr: 'L’enveloppe', en: 'The envelope' });
  return withComputation(found);
}

export async function listEnvelopesOfTenant(db: Db, tenantId: string, page: { cursor?: string | undefined; limit?: number | undefined }) {
  const result = await queryPage<StoredEnvelope>(db, {
    index: 'gsi1',
    partition: keys.envelopesOfTenant(tenantId),
    limit: page.limit ?? 50,
    cursor: page.cursor,
    forward: false,
  });
  return { items: result.items.map(withComputation), cursor: result.cursor };
}

export async function createEnvelope(db: Db, tenantId: string, envelope: StoredEnvelope): Promise<Envelope> {
  await putNew(db, envelopeKeys(tenantId, envelope), ENTITY, envelope, () =>
    new AlreadyExistsError({ fr: 'Une enveloppe porte déjà cet identifiant.', en: 'An envelope already has this id.' }),
  );
  return withComputation(envelope);
}

export async function replaceEnvelope(db: Db, tenantId: string, envelope: StoredEnvelope, expectedVersion: number): Promise<Envelope> {
  const saved = await putVersioned(db, envelopeKeys(tenantId, envelope), ENTITY, envelope, expectedVersion);
  return withComputation(saved);
}
