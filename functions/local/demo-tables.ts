/**
 * The demo's concertation table (seed 002, CLSC 1): the Table PSJP, coordinated
 * by the CLSC's community organizer, with one voting member for each of the
 * five organizations and an observer from the CLSC itself. The demo's studies
 * and calls belong to it: its five voting members prioritize needs, score and
 * vote; the observer reads everything and votes on nothing.
 */
import type { ConcertationTable, TableMember, Voter } from '../../shared/tables';
import type { Db } from '../lib/db';
import { createTable } from '../tables/repository';

export const DEMO_TABLE_ID = 'table-psjp-clsc1';

type Stamp = { version: number; createdAt: string; createdBy: string; updatedAt: string; updatedBy: string };

/** The voting members, each representing one of the five demo organizations. */
const VOTING: { userId: string; name: string; organizationId: string; organizationName: string }[] = [
  {
    userId: 'demo-membre-famille',
    name: 'Sophie Lavoie',
    organizationId: 'org-maison-famille',
    organizationName: 'Maison de la famille des Basses-Laurentides',
  },
  { userId: 'demo-membre-cje', name: 'Nadia Roy', organizationId: 'org-cje', organizationName: 'Carrefour jeunesse-emploi de la Rivière-du-Nord' },
  { userId: 'demo-membre-cuisines', name: 'Julie Bergeron', organizationId: 'org-cuisines', organizationName: 'Cuisines collectives Le Bon Goût' },
  { userId: 'demo-membre-grenier', name: 'Marc-André Gauthier', organizationId: 'org-grenier', organizationName: 'Le Grenier solidaire' },
  { userId: 'demo-membre-repit', name: 'Chantal Ouellet', organizationId: 'org-repit', organizationName: 'Répit-Parents des Laurentides' },
];

/** The observer: an intervenante of the CLSC, who represents the institution. */
const OBSERVER = { userId: 'demo-observatrice-clsc', name: 'Geneviève Dubé', institution: 'CLSC Thérèse-De Blainville' };

/** Who votes at the demo table (the round closed in demo-needs.ts keeps this list). */
export const DEMO_TABLE_VOTERS: Voter[] = VOTING.map((m) => ({
  userId: m.userId,
  name: m.name,
  organizationId: m.organizationId,
  representsOrganizationId: m.organizationId,
})).sort((a, b) => a.userId.localeCompare(b.userId));

export async function seedDemoTables(db: Db, t: string, stamp: Stamp, once: (step: () => Promise<unknown>) => Promise<void>): Promise<void> {
  const by = { ...stamp, createdBy: 'demo-gestionnaire', updatedBy: 'demo-coordination' };
  const seat = (m: Omit<TableMember, 'addedAt' | 'addedBy'>): TableMember => ({ ...m, addedAt: stamp.createdAt, addedBy: 'demo-coordination' });
  const table: ConcertationTable = {
    id: DEMO_TABLE_ID,
    name: 'Table PSJP — CLSC 1',
    description: 'Table de concertation du Programme de soutien aux jeunes parents, territoire du CLSC 1.',
    coordinatorIds: ['demo-coordination'],
    members: [
      ...VOTING.map((m) =>
        seat({
          userId: m.userId,
          name: m.name,
          represents: { kind: 'organization', organizationId: m.organizationId, name: m.organizationName },
          voting: true,
        }),
      ),
      seat({ userId: OBSERVER.userId, name: OBSERVER.name, represents: { kind: 'institution', name: OBSERVER.institution }, voting: false }),
    ],
    ...by,
  };
  await once(() => createTable(db, t, table));
}
