/**
 * The demo tenant, built from the CLSC 1 case of seed 002: a PSJP envelope
 * whose community share is 10 % of the budget left after administration fees
 * (32 000 $), five community organizations around a concertation table, a
 * call for projects with eligibility criteria that asks for projects
 * answering the needs the table retained (demo-needs.ts), and proposals
 * whose total exceeds the amount available — the field's normal case. The
 * previous year's call (demo-previous.ts) is screened and scored, ready for
 * budget fitting. Names of people and organizations are invented.
 */
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Membership, Organization, Proposal } from '../../shared/domain';
import { montrealLocalToInstant, instantToMontrealLocal } from '../../shared/dates';
import type { ProposalContent } from '../../shared/schemas/proposal';
import type { Role } from '../../shared/permissions';
import { getItem, putNew, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { createEnvelope } from '../envelopes/repository';
import { createCall, type StoredCall } from '../calls/repository';
import { createOrganization } from '../organizations/repository';
import { createProposal, submitProposalVersion } from '../proposals/repository';
import { AlreadyExistsError, AppError } from '../../shared/errors';
import type { DevAccount } from './dev-issuer';
import { DEMO_ROUND_ID, DEMO_STUDY_ID, seedDemoNeeds } from './demo-needs';
import { seedPreviousYear } from './demo-previous';
import { seedInvitedCall } from './demo-invited-call';
import { seedAdministrationCall } from './demo-administration';
import { seedDecidedCall } from './demo-decided';
import { seedDecidedAgreements } from './demo-agreements';
import { seedDemoReports, seedPilotProgramArchive } from './demo-reports';
import { DEMO_TABLE_ID, seedDemoTables } from './demo-tables';

/** The demo's call for projects, named by tests and the benchmark. */
const DEMO_CALL_ID = 'call-psjp';

export const DEMO_TENANT = { id: 'cisss-laurentides-demo', name: 'CISSS des Laurentides (démo)' };

type DemoAccount = DevAccount & { roles: Role[]; organizationId: string | null };

const ORGS: Omit<Organization, 'version' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'>[] = [
  {
    id: 'org-maison-famille',
    legalName: 'Maison de la famille des Basses-Laurentides',
    neq: '1140000011',
    mission: 'Soutenir les familles de jeunes enfants : entraide, halte-répit, ateliers parents-enfants.',
    contact: { name: 'Sophie Lavoie', email: 'sophie.lavoie@maisonfamille.example', phone: '450 555-0101' },
    region: '15-laurentides',
  },
  {
    id: 'org-cje',
    legalName: 'Carrefour jeunesse-emploi de la Rivière-du-Nord',
    neq: '1140000029',
    mission: 'Accompagner les jeunes adultes vers l’emploi, le retour aux études et un projet de vie.',
    contact: { name: 'Nadia Roy', email: 'nadia.roy@cje.example', phone: '450 555-0102' },
    region: '15-laurentides',
  },
  {
    id: 'org-cuisines',
    legalName: 'Cuisines collectives Le Bon Goût',
    neq: '1140000037',
    mission: 'Cuisiner ensemble pour mieux se nourrir, briser l’isolement et développer l’estime de soi.',
    contact: { name: 'Julie Bergeron', email: 'julie.bergeron@bongout.example', phone: '450 555-0103' },
    region: '15-laurentides',
  },
  {
    id: 'org-grenier',
    legalName: 'Le Grenier solidaire',
    neq: '1140000045',
    mission: 'Dépannage en meubles, vêtements et articles pour bébés, grâce aux dons d’entreprises et de commerces.',
    contact: { name: 'Isabelle Côté', email: 'isabelle.cote@grenier.example', phone: '450 555-0104' },
    region: '15-laurentides',
  },
  {
    id: 'org-repit',
    legalName: 'Répit-Parents des Laurentides',
    neq: '1140000052',
    mission: 'Offrir du répit-gardiennage et des ateliers de compétences parentales.',
    contact: { name: 'Annie Pelletier', email: 'annie.pelletier@repit.example', phone: '450 555-0105' },
    region: '15-laurentides',
  },
];

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    sub: 'demo-administration',
    name: 'Chantal Bélanger',
    email: 'chantal.belanger@cisss.example',
    roles: ['administrator'],
    organizationId: null,
    description: { fr: 'Administratrice de l’établissement — les personnes et les accès', en: 'Institution administrator — people and access' },
  },
  {
    sub: 'demo-gestionnaire',
    name: 'Martine Gagnon',
    email: 'martine.gagnon@cisss.example',
    roles: ['manager'],
    organizationId: null,
    description: { fr: 'Gestionnaire — cheffe de programme Enfance-famille', en: 'Manager — Child and family program head' },
  },
  {
    sub: 'demo-coordination',
    name: 'Luc Tremblay',
    email: 'luc.tremblay@cisss.example',
    roles: ['coordinator'],
    organizationId: null,
    description: { fr: 'Organisateur communautaire — coordonne la Table PSJP', en: 'Community organizer — coordinates the PSJP table' },
  },
  {
    sub: 'demo-membre-famille',
    name: 'Sophie Lavoie',
    email: 'sophie.lavoie@maisonfamille.example',
    roles: ['member'],
    organizationId: 'org-maison-famille',
    description: { fr: 'Membre de la table — Maison de la famille', en: 'Table member — Maison de la famille' },
  },
  {
    sub: 'demo-membre-cje',
    name: 'Nadia Roy',
    email: 'nadia.roy@cje.example',
    roles: ['member'],
    organizationId: 'org-cje',
    description: { fr: 'Membre de la table — Carrefour jeunesse-emploi', en: 'Table member — Carrefour jeunesse-emploi' },
  },
  {
    sub: 'demo-membre-cuisines',
    name: 'Julie Bergeron',
    email: 'julie.bergeron@bongout.example',
    roles: ['member'],
    organizationId: 'org-cuisines',
    description: { fr: 'Membre de la table — Cuisines collectives', en: 'Table member — Cuisines collectives' },
  },
  {
    sub: 'demo-organisme-grenier',
    name: 'Isabelle Côté',
    email: 'isabelle.cote@grenier.example',
    roles: ['organization'],
    organizationId: 'org-grenier',
    description: { fr: 'Organisme — Le Grenier solidaire', en: 'Organization — Le Grenier solidaire' },
  },
  {
    sub: 'demo-organisme-repit',
    name: 'Annie Pelletier',
    email: 'annie.pelletier@repit.example',
    roles: ['organization'],
    organizationId: 'org-repit',
    description: { fr: 'Organisme — Répit-Parents (projet en brouillon)', en: 'Organization — Répit-Parents (draft proposal)' },
  },
  // The table's two other voting members and its observer (demo-tables.ts); after the organizations' accounts, which author their proposals.
  {
    sub: 'demo-membre-grenier',
    name: 'Marc-André Gauthier',
    email: 'marc-andre.gauthier@grenier.example',
    roles: ['member'],
    organizationId: 'org-grenier',
    description: { fr: 'Membre de la table — Le Grenier solidaire', en: 'Table member — Le Grenier solidaire' },
  },
  {
    sub: 'demo-membre-repit',
    name: 'Chantal Ouellet',
    email: 'chantal.ouellet@repit.example',
    roles: ['member'],
    organizationId: 'org-repit',
    description: { fr: 'Membre de la table — Répit-Parents', en: 'Table member — Répit-Parents' },
  },
  {
    sub: 'demo-observatrice-clsc',
    name: 'Geneviève Dubé',
    email: 'genevieve.dube@cisss.example',
    roles: ['member'],
    organizationId: null,
    description: { fr: 'Observatrice à la table — intervenante du CLSC', en: 'Table observer — CLSC social worker' },
  },
];

const lines = (...items: [string, number][]) => items.map(([label, dollars]) => ({ label, amount: dollars * 100 }));

const PROPOSALS: { org: string; content: ProposalContent }[] = [
  {
    org: 'org-maison-famille',
    content: {
      title: 'Groupe d’entraide parents-enfants et halte-répit',
      summary: 'Un groupe d’entraide parents-enfants une fois par semaine pendant 26 semaines et une halte-répit trois demi-journées par semaine.',
      targetPopulation: 'Jeunes parents de moins de 25 ans suivis au PSJP et leurs enfants de 0 à 5 ans.',
      activities: [
        { title: 'Groupe d’entraide', description: '26 rencontres hebdomadaires animées.' },
        { title: 'Halte-répit', description: 'Trois demi-journées par semaine.' },
      ],
      budgetLines: lines(['Animation (salaires)', 9800], ['Éducatrice halte-répit', 3200], ['Matériel et collations', 500]),
      requested: 1_350_000,
      minimum: 900_000,
      durationYears: 1,
      needIds: ['need-isolement', 'need-repit'],
    },
  },
  {
    org: 'org-cje',
    content: {
      title: 'Deux groupes intensifs d’employabilité pour jeunes parents',
      summary: 'Deux groupes intensifs d’environ deux semaines pour bâtir un projet de vie : retour aux études ou retour au travail.',
      targetPopulation: 'Jeunes parents sans emploi ni diplôme, référés par les intervenantes PSJP.',
      activities: [{ title: 'Groupes intensifs', description: 'Deux cohortes de 8 participantes.' }],
      budgetLines: lines(['Conseillère en emploi', 8400], ['Transport des participantes', 1600], ['Gardiennage pendant les ateliers', 2000]),
      requested: 1_200_000,
      minimum: 660_000,
      durationYears: 1,
      needIds: ['need-projet-vie', 'need-transport', 'need-repit'],
    },
  },
  {
    org: 'org-cuisines',
    content: {
      title: 'Cuisine collective et atelier d’estime de soi',
      summary:
        'Une cuisine collective adaptée aux jeunes parents et un atelier d’estime et de connaissance de soi offert avec le centre d’éducation des adultes.',
      targetPopulation: 'Jeunes parents du territoire, en priorité les mères seules.',
      activities: [
        { title: 'Cuisine collective', description: 'Deux fois par mois.' },
        { title: 'Atelier d’estime de soi', description: 'En collaboration avec le centre d’éducation des adultes.' },
      ],
      budgetLines: lines(['Animation', 6200], ['Denrées', 2800], ['Local et équipement', 800]),
      requested: 980_000,
      minimum: 700_000,
      durationYears: 2,
      needIds: ['need-base', 'need-isolement'],
    },
  },
  {
    org: 'org-grenier',
    content: {
      title: 'Démarchage pour le dépannage des jeunes familles',
      summary: 'Démarcher les entreprises et les commerces pour obtenir meubles, vêtements, couches et lait pour les jeunes parents.',
      targetPopulation: 'Jeunes parents à faible revenu du territoire du CLSC.',
      activities: [{ title: 'Démarchage', description: 'Une agente de démarchage à temps partiel.' }],
      budgetLines: lines(['Agente de démarchage', 6900], ['Transport et entreposage', 1300]),
      requested: 820_000,
      minimum: 500_000,
      durationYears: 1,
      needIds: ['need-base'],
    },
  },
];

export function demoAccountsForIssuer(): DevAccount[] {
  return DEMO_ACCOUNTS.map(({ sub, name, email, description }) => ({ sub, name, email, description }));
}

/** A step of a seed that an interrupted earlier run may already have written. */
async function once(step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (e) {
    if (e instanceof AppError && e.status === 409) return;
    throw e;
  }
}

/** Gives a tenant item stored before the tenants' index (gsi1 `TENANTS`) its index attributes; changes nothing else. */
async function indexTenant(db: Db, t: string): Promise<void> {
  const k = keys.tenant(t);
  const index = keys.tenantIndex(t);
  await db.client.send(
    new UpdateItemCommand({
      TableName: db.table,
      Key: marshall({ pk: k.pk, sk: k.sk }),
      UpdateExpression: 'SET gsi1pk = :p, gsi1sk = :s',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: marshall({ ':p': index.gsi1pk, ':s': index.gsi1sk }),
    }),
  );
}

/** The demo accounts' memberships, active at version 1; one that exists is left as it is. */
async function seedMemberships(db: Db, t: string): Promise<void> {
  for (const a of DEMO_ACCOUNTS) {
    const membership: Membership = {
      tenantId: t,
      tenantName: DEMO_TENANT.name,
      userId: a.sub,
      name: a.name,
      email: a.email,
      roles: a.roles,
      organizationId: a.organizationId,
      status: 'active',
      version: 1,
    };
    await once(() => putNew(db, keys.membership(a.sub, t), 'Membership', membership, () => new AlreadyExistsError({ fr: 'membre', en: 'member' })));
  }
}

/** Seeds the demo tenant unless it exists. Returns whether it wrote anything. */
export async function seedDemo(db: Db, now: Date): Promise<boolean> {
  const t = DEMO_TENANT.id;
  const fiscal = Number(instantToMontrealLocal(now).slice(5, 7)) >= 4 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const day = 86_400_000;
  const at17 = (offsetDays: number) =>
    montrealLocalToInstant(`${instantToMontrealLocal(new Date(now.getTime() + offsetDays * day)).slice(0, 10)}T17:00`)!.toISOString();
  const previousYear = (call: StoredCall) =>
    seedPreviousYear(db, {
      tenantId: t,
      fiscal,
      now,
      at17,
      call,
      organizations: ORGS,
      proposals: PROPOSALS.map((p) => ({ ...p, author: DEMO_ACCOUNTS.find((a) => a.organizationId === p.org)!.sub })),
      once,
    });
  const administrationCall = () =>
    seedAdministrationCall(db, {
      tenantId: t,
      fiscal,
      at17,
      once,
      organizations: ['org-maison-famille', 'org-grenier', 'org-repit'].map((id) => ({
        id,
        legalName: ORGS.find((o) => o.id === id)!.legalName,
        author: DEMO_ACCOUNTS.find((a) => a.organizationId === id && a.roles.includes('organization'))?.sub ?? 'demo-membre-famille',
      })),
    });
  // The CLSC 1 table's call of two years ago, decided: the whole cycle at once, and the public results.
  const decidedCall = async () => {
    await seedDecidedCall(db, { tenantId: t, fiscal, once, organizations: ORGS });
    // Its agreements, payments and renewals (issue 14), through the agreements' own routes.
    await seedDecidedAgreements(db, { tenantId: t, fiscal, now });
    // Their yearly reports and an obstacle (issue 15), through the reports' own routes.
    await seedDemoReports(db, { tenantId: t, fiscal, now });
    // Seed 003's pilot program and its reports 2017–2022, imported: the funder's dashboard reproduces its tables.
    await seedPilotProgramArchive(db, { tenantId: t, now, once });
  };
  if (await getItem(db, keys.tenant(t), true)) {
    // A demo kept from before the tenants' index gets its entry (the reminders visit the tenants listed there).
    await indexTenant(db, t);
    // A demo kept from before the administrator account gets its membership now (the others are there: left as they are).
    await seedMemberships(db, t);
    // A demo kept from before the previous year was added to it gets it now.
    const current = await getItem<StoredCall>(db, keys.call(t, DEMO_CALL_ID), true);
    if (current) await previousYear(current);
    await seedInvitedCall(db, { tenantId: t, fiscal, now, at17, once });
    await administrationCall();
    await decidedCall();
    return false;
  }
  const stamp = { version: 1, createdAt: now.toISOString(), createdBy: 'demo-seed', updatedAt: now.toISOString(), updatedBy: 'demo-seed' };

  await seedMemberships(db, t);
  for (const org of ORGS) await once(() => createOrganization(db, t, { ...org, ...stamp }));
  await seedDemoTables(db, t, stamp, once);

  await once(() =>
    createEnvelope(db, t, {
      id: 'env-psjp',
      program: 'PSJP — Programme de soutien aux jeunes parents',
      title: `Volet communautaire PSJP ${fiscal}-${fiscal + 1}`,
      fiscalYear: fiscal,
      programBudget: 40_000_000,
      deductions: [{ kind: 'percent', label: 'Frais d’administration', basisPoints: 2000 }],
      communityShareBasisPoints: 1000,
      carryOver: null,
      ...stamp,
    }),
  );

  const draftProposal = (id: string, org: (typeof ORGS)[number], author: string, draft: Proposal['draft']): Proposal => ({
    id,
    callId: DEMO_CALL_ID,
    organizationId: org.id,
    organizationName: org.legalName,
    status: 'draft',
    draft,
    content: null,
    submittedVersions: 0,
    submittedAt: null,
    withdrawnAt: null,
    screening: null,
    ...stamp,
    createdBy: author,
    updatedBy: author,
  });

  const call: StoredCall = {
    extensions: [],
    id: DEMO_CALL_ID,
    envelopeId: 'env-psjp',
    title: `Appel de projets PSJP ${fiscal}-${fiscal + 1} — volet communautaire`,
    description:
      'La Table PSJP invite les organismes communautaires du territoire à déposer des projets qui répondent aux besoins prioritaires des jeunes parents : briser l’isolement, répit, alimentation, employabilité et dépannage.',
    amountAvailable: 3_200_000,
    maxRequest: 1_500_000,
    eligibilityCriteria: [
      { id: 'crit-clientele', label: 'Rejoint la clientèle du PSJP', description: 'Jeunes parents de moins de 25 ans et leurs enfants de 0 à 5 ans.' },
      { id: 'crit-viable', label: 'Viable sans la subvention PSJP', description: 'Le projet ne dépend pas uniquement de ce financement pour exister.' },
      {
        id: 'crit-complementaire',
        label: 'Complémentaire aux services du CLSC',
        description: 'Accompagnement, socialisation, éducation — pas de volet clinique.',
      },
      { id: 'crit-territoire', label: 'Organisme communautaire autonome du territoire', description: '' },
    ],
    opensAt: at17(-14),
    closesAt: at17(45),
    allowedDurations: [1, 2],
    status: 'published',
    publishedAt: new Date(now.getTime() - 14 * day).toISOString(),
    needsFrom: { studyId: DEMO_STUDY_ID, roundId: DEMO_ROUND_ID },
    tableId: DEMO_TABLE_ID,
    needs: await seedDemoNeeds(db, t, DEMO_CALL_ID, stamp, once),
    ...stamp,
  };
  await once(() => createCall(db, t, call));

  for (const [i, { org, content }] of PROPOSALS.entries()) {
    const orgInfo = ORGS.find((o) => o.id === org)!;
    const account = DEMO_ACCOUNTS.find((a) => a.organizationId === org)!;
    const base = draftProposal(`prop-${i + 1}-${org.slice(4)}`, orgInfo, account.sub, content);
    await once(() => createProposal(db, t, base));
    const submitted: Proposal = { ...base, status: 'submitted', content, submittedVersions: 1, submittedAt: now.toISOString() };
    await once(() =>
      submitProposalVersion(db, t, submitted, { proposalId: base.id, number: 1, content, submittedAt: now.toISOString(), submittedBy: account.sub }, 1, now),
    );
  }
  // Répit-Parents has started a proposal but not submitted it yet.
  await once(() =>
    createProposal(
      db,
      t,
      draftProposal('prop-5-repit', ORGS[4]!, 'demo-organisme-repit', {
        title: 'Répit-gardiennage et ateliers « parenting »',
        summary: 'Du répit-gardiennage, un atelier de 9 semaines et un atelier mères-enfants.',
        requested: 1_100_000,
        durationYears: 1,
      }),
    ),
  );

  await previousYear(call);
  await seedInvitedCall(db, { tenantId: t, fiscal, now, at17, once });
  await administrationCall();
  await decidedCall();

  // Written last: its presence means the whole demo is there.
  await putNew(
    db,
    { ...keys.tenant(t), ...keys.tenantIndex(t) },
    'Tenant',
    { id: t, name: DEMO_TENANT.name, createdAt: now.toISOString() },
    () => new AlreadyExistsError({ fr: 'tenant', en: 'tenant' }),
  );
  return true;
}
