/**
 * The demo's call by invitation (issue 12), in the manner of seed 002's CLSC 3,
 * which worked with the organizations it targeted: a small call for a
 * halte-garderie and respite, open now, that only Maison de la famille and
 * Cuisines collectives see and answer. Le Grenier solidaire and Répit-Parents
 * are not invited: for them it does not exist.
 *
 * The demo's main envelope is wholly promised to the PSJP call (32 000 $,
 * nothing remains, and a browser test relies on it), so this call has its own
 * small envelope of the same year (18 000 $), of which it commits 12 000 $. Written
 * through the same repositories as the API; seeded once, also into a demo kept
 * from before it existed.
 */
import type { StoredCall } from '../../shared/domain';
import { getItem, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { createEnvelope } from '../envelopes/repository';
import { createCall } from '../calls/repository';

const DEMO_INVITED_CALL_ID = 'call-halte-repit-invitation';
const ENVELOPE_ID = 'env-halte-repit';
const INVITED = ['org-maison-famille', 'org-cuisines'];

export interface InvitedCallInput {
  tenantId: string;
  fiscal: number;
  now: Date;
  at17: (offsetDays: number) => string;
  once: (step: () => Promise<unknown>) => Promise<void>;
}

export async function seedInvitedCall(db: Db, input: InvitedCallInput): Promise<void> {
  const { tenantId: t, fiscal, now, at17, once } = input;
  if (await getItem(db, keys.call(t, DEMO_INVITED_CALL_ID), true)) return;
  const day = 86_400_000;
  const createdAt = new Date(now.getTime() - 5 * day).toISOString();
  const publishedAt = new Date(now.getTime() - 3 * day).toISOString();
  const stamp = { version: 2, createdAt, createdBy: 'demo-gestionnaire', updatedAt: publishedAt, updatedBy: 'demo-gestionnaire' };

  await once(() =>
    createEnvelope(db, t, {
      id: ENVELOPE_ID,
      program: 'PSJP — Programme de soutien aux jeunes parents',
      title: `Volet halte-garderie et répit PSJP ${fiscal}-${fiscal + 1} (CLSC 3)`,
      fiscalYear: fiscal,
      // 225 000 $, less 20 % of administration, 10 % for the community: 18 000 $, 6 000 $ of it left for another call.
      programBudget: 22_500_000,
      deductions: [{ kind: 'percent', label: 'Frais d’administration', basisPoints: 2000 }],
      communityShareBasisPoints: 1000,
      carryOver: null,
      ...stamp,
      version: 1,
      updatedAt: createdAt,
    }),
  );

  const call: StoredCall = {
    id: DEMO_INVITED_CALL_ID,
    envelopeId: ENVELOPE_ID,
    title: 'Appel sur invitation — halte-garderie et répit',
    description:
      'Le CLSC invite les organismes qui offrent déjà une halte-garderie ou du répit aux jeunes parents du secteur à proposer un projet qui allonge les heures d’ouverture ou ajoute des places.',
    amountAvailable: 1_200_000,
    maxRequest: 600_000,
    eligibilityCriteria: [
      { id: 'crit-halte', label: 'Offre déjà une halte-garderie ou du répit', description: 'Le projet s’appuie sur un service existant de l’organisme.' },
      { id: 'crit-clientele', label: 'Rejoint la clientèle du PSJP', description: 'Jeunes parents de moins de 25 ans et leurs enfants de 0 à 5 ans.' },
    ],
    opensAt: at17(-3),
    closesAt: at17(30),
    allowedDurations: [1],
    status: 'published',
    publishedAt,
    needsFrom: null,
    needs: [],
    extensions: [],
    access: 'invited',
    invitedOrganizationIds: INVITED,
    invitations: [{ at: createdAt, by: 'Martine Gagnon', added: INVITED, removed: [] }],
    ...stamp,
  };
  await once(() => createCall(db, t, call));
}
