/**
 * The demo's call in the administration tendency of seed 002 (CLSC 3 and 4):
 * no table scores or votes; the manager screens the proposals and decides
 * alone, here from an equal split (CLSC 3 divided its amount equally among
 * the organizations it retained). The call closed three weeks ago; its three
 * proposals (15 500 $ asked for 12 000 $ available) were screened eligible
 * by the manager, and nothing was scored: an equal split gives each 4 000 $.
 *
 * It has its own envelope of the year (12 000 $, wholly committed to it).
 * Written through the same repositories as the API; seeded once, also into
 * a demo kept from before it existed.
 */
import type { Proposal, StoredCall } from '../../shared/domain';
import type { ProposalContent } from '../../shared/schemas/proposal';
import { getItem, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { createEnvelope } from '../envelopes/repository';
import { createCall } from '../calls/repository';
import { createProposal, replaceProposal, submitProposalVersion } from '../proposals/repository';

const DEMO_ADMINISTRATION_CALL_ID = 'call-haltes-administration';
const ENVELOPE_ID = 'env-haltes-garderies';

export interface AdministrationCallInput {
  tenantId: string;
  fiscal: number;
  at17: (offsetDays: number) => string;
  once: (step: () => Promise<unknown>) => Promise<void>;
  /** The organizations answering, each with the account that submits for it. */
  organizations: { id: string; legalName: string; author: string }[];
}

const lines = (...items: [string, number][]) => items.map(([label, dollars]) => ({ label, amount: dollars * 100 }));

const CONTENTS: Record<string, ProposalContent> = {
  'org-maison-famille': {
    title: 'Halte-garderie du samedi matin',
    summary: 'Ouvrir la halte-garderie le samedi matin pour que les jeunes parents qui travaillent en semaine aient aussi du répit.',
    targetPopulation: 'Jeunes parents qui travaillent en semaine et leurs enfants de 0 à 5 ans.',
    activities: [{ title: 'Halte du samedi', description: '40 samedis matin dans l’année.' }],
    budgetLines: lines(['Éducatrice', 5200], ['Matériel et collations', 800]),
    requested: 600_000,
    minimum: 300_000,
    durationYears: 1,
    needIds: [],
  },
  'org-grenier': {
    title: 'Coin bébé au comptoir de dépannage',
    summary: 'Un coin surveillé pour les tout-petits pendant que les parents choisissent au comptoir de dépannage.',
    targetPopulation: 'Jeunes parents à faible revenu qui fréquentent le comptoir.',
    activities: [{ title: 'Coin bébé', description: 'Deux après-midi par semaine.' }],
    budgetLines: lines(['Surveillance', 4200], ['Aménagement', 800]),
    requested: 500_000,
    minimum: 350_000,
    durationYears: 1,
    needIds: [],
  },
  'org-repit': {
    title: 'Répit-gardiennage à domicile',
    summary: 'Des heures de répit-gardiennage à domicile pour les parents seuls, sur référence du CLSC.',
    targetPopulation: 'Parents seuls de jeunes enfants, référés par les intervenantes du CLSC.',
    activities: [{ title: 'Répit à domicile', description: 'Blocs de trois heures.' }],
    budgetLines: lines(['Gardiennes formées', 3900], ['Déplacements', 600]),
    requested: 450_000,
    minimum: 300_000,
    durationYears: 1,
    needIds: [],
  },
};

export async function seedAdministrationCall(db: Db, input: AdministrationCallInput): Promise<void> {
  const { tenantId: t, fiscal, at17, once } = input;
  if (await getItem(db, keys.call(t, DEMO_ADMINISTRATION_CALL_ID), true)) return;
  const day = 86_400_000;
  const after = (iso: string, days: number) => new Date(Date.parse(iso) + days * day).toISOString();
  const opens = at17(-60);
  const closes = at17(-21);
  const createdAt = after(opens, -5);
  const stamp = { version: 1, createdAt, createdBy: 'demo-gestionnaire', updatedAt: createdAt, updatedBy: 'demo-gestionnaire' };

  await once(() =>
    createEnvelope(db, t, {
      id: ENVELOPE_ID,
      program: 'Soutien aux haltes-garderies communautaires',
      title: `Haltes-garderies communautaires ${fiscal}-${fiscal + 1} (CLSC 3)`,
      fiscalYear: fiscal,
      // 150 000 $, less 20 % of administration, 10 % for the community: 12 000 $.
      programBudget: 15_000_000,
      deductions: [{ kind: 'percent', label: 'Frais d’administration', basisPoints: 2000 }],
      communityShareBasisPoints: 1000,
      carryOver: null,
      ...stamp,
    }),
  );

  const call: StoredCall = {
    id: DEMO_ADMINISTRATION_CALL_ID,
    envelopeId: ENVELOPE_ID,
    title: 'Haltes-garderies communautaires — décision de la gestionnaire',
    description:
      'Le CLSC soutient les organismes qui offrent du répit aux jeunes parents. Sans table de concertation : la gestionnaire examine les projets et répartit le montant.',
    amountAvailable: 1_200_000,
    maxRequest: 600_000,
    eligibilityCriteria: [
      { id: 'crit-repit', label: 'Offre du répit aux jeunes parents', description: 'Halte-garderie, gardiennage ou répit.' },
      { id: 'crit-territoire', label: 'Organisme communautaire du territoire', description: '' },
    ],
    opensAt: opens,
    closesAt: closes,
    allowedDurations: [1],
    status: 'published',
    publishedAt: opens,
    needsFrom: null,
    needs: [],
    extensions: [],
    tableId: null,
    ...stamp,
    version: 2,
    updatedAt: opens,
  };
  await once(() => createCall(db, t, call));

  for (const [i, org] of input.organizations.entries()) {
    const content = CONTENTS[org.id];
    if (!content) continue;
    const submittedAt = after(closes, -10 + i);
    const base: Proposal = {
      id: `adm-${i + 1}-${org.id.slice(4)}`,
      callId: DEMO_ADMINISTRATION_CALL_ID,
      organizationId: org.id,
      organizationName: org.legalName,
      status: 'draft',
      draft: content,
      content: null,
      submittedVersions: 0,
      submittedAt: null,
      withdrawnAt: null,
      screening: null,
      version: 1,
      createdAt: after(submittedAt, -5),
      createdBy: org.author,
      updatedAt: after(submittedAt, -5),
      updatedBy: org.author,
    };
    await once(() => createProposal(db, t, base));
    const submitted: Proposal = { ...base, status: 'submitted', content, submittedVersions: 1, submittedAt, updatedAt: submittedAt };
    await once(() =>
      submitProposalVersion(db, t, submitted, { proposalId: base.id, number: 1, content, submittedAt, submittedBy: org.author }, 1, new Date(submittedAt)),
    );
    const screenedAt = after(closes, 3);
    const screening = {
      outcome: 'eligible' as const,
      results: call.eligibilityCriteria.map((k) => ({ criterionId: k.id, label: k.label, met: true, reason: '' })),
      proposalVersionNumber: 1,
      screenedAt,
      screenedBy: 'demo-gestionnaire',
      screenedByName: 'Martine Gagnon',
    };
    await once(() => replaceProposal(db, t, { ...submitted, screening, version: 2, updatedAt: screenedAt, updatedBy: 'demo-gestionnaire' }, 2));
  }
}
