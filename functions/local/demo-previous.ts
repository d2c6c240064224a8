/**
 * The demo's previous year, ready for budget fitting. The same CLSC 1 table
 * ran its call a year earlier; the four proposals were screened eligible
 * and scored by the three members, each recused from their own
 * organization's proposal, and scoring has ended. Their requests
 * (43 500 $) still exceed the 32 000 $ available: this is where seed 002's
 * table got stuck. A person can go straight to the scenarios, the revision
 * round or the members' approval vote, without scoring twelve sheets
 * first. Written through the same repositories as the API, with the dates
 * of that year.
 */
import type { Organization, Proposal } from '../../shared/domain';
import type { ProposalContent } from '../../shared/schemas/proposal';
import type { GridCriterionDef, ScoreSheet, ScoringGrid } from '../../shared/scoring/domain';
import { getItem, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { createEnvelope } from '../envelopes/repository';
import { createCall, type StoredCall } from '../calls/repository';
import { createProposal, replaceProposal, submitProposalVersion } from '../proposals/repository';
import { createGrid, replaceGrid, saveSheet } from '../scoring/repository';

const DEMO_PREVIOUS_CALL_ID = 'call-psjp-precedent';

type Stamp = { version: number; createdAt: string; createdBy: string; updatedAt: string; updatedBy: string };

export interface PreviousYearInput {
  tenantId: string;
  fiscal: number;
  now: Date;
  at17: (offsetDays: number) => string;
  call: StoredCall;
  organizations: Pick<Organization, 'id' | 'legalName'>[];
  proposals: { org: string; content: ProposalContent; author: string }[];
  once: (step: () => Promise<unknown>) => Promise<void>;
}

const LEVELS = [
  { value: 0, descriptor: 'Absent' },
  { value: 1, descriptor: 'Très faible' },
  { value: 2, descriptor: 'Faible' },
  { value: 3, descriptor: 'Satisfaisant' },
  { value: 4, descriptor: 'Très bien' },
  { value: 5, descriptor: 'Excellent' },
];

const CRITERIA: GridCriterionDef[] = [
  {
    id: 'crit-besoins',
    label: 'Réponse aux besoins prioritaires',
    help: 'Le projet répond-il aux besoins que la table a retenus, pour les jeunes parents du PSJP ?',
    weightBp: 4000,
    scale: 5,
    levels: LEVELS,
    linkedToNeeds: false,
  },
  {
    id: 'crit-faisabilite',
    label: 'Faisabilité et réalisme du budget',
    help: 'Les activités, l’échéancier et le budget sont-ils réalistes ?',
    weightBp: 3500,
    scale: 5,
    levels: LEVELS,
    linkedToNeeds: false,
  },
  {
    id: 'crit-complementarite',
    label: 'Complémentarité avec les services du CLSC',
    help: 'Accompagnement, socialisation, éducation — pas de volet clinique.',
    weightBp: 2500,
    scale: 5,
    levels: LEVELS,
    linkedToNeeds: false,
  },
];

const MEMBERS = [
  { sub: 'demo-membre-famille', name: 'Sophie Lavoie', org: 'org-maison-famille' },
  { sub: 'demo-membre-cje', name: 'Nadia Roy', org: 'org-cje' },
  { sub: 'demo-membre-cuisines', name: 'Julie Bergeron', org: 'org-cuisines' },
];

/**
 * Scores per organization's proposal and member, in the criteria's order (0 to 5). A member never
 * scores their own organization's proposal. Totals (100·Σ w·s / 5): famille 85 and 80, cje 73 and 75,
 * cuisines 72 and 65, grenier 60, 59 and 73: means 82,5, 74, 68,5 and 64.
 */
const SCORES: Record<string, Record<string, [number, number, number, string]>> = {
  'org-maison-famille': {
    'demo-membre-cje': [4, 4, 5, 'Rejoint les jeunes mères isolées ; la halte-répit est très demandée.'],
    'demo-membre-cuisines': [4, 4, 4, ''],
  },
  'org-cje': {
    'demo-membre-famille': [4, 3, 4, 'Le transport des participantes est bien prévu, mais le budget est serré.'],
    'demo-membre-cuisines': [4, 4, 3, ''],
  },
  'org-cuisines': {
    'demo-membre-famille': [3, 4, 4, ''],
    'demo-membre-cje': [3, 3, 4, 'Complémentaire au CLSC ; l’atelier d’estime de soi reste à préciser.'],
  },
  'org-grenier': {
    'demo-membre-famille': [3, 3, 3, ''],
    'demo-membre-cje': [2, 4, 3, 'Répond surtout aux besoins de base, moins à l’isolement.'],
    'demo-membre-cuisines': [4, 3, 4, 'Les dons d’entreprises complètent bien les cuisines collectives.'],
  },
};

/** Seeds the previous year unless its call is there. */
export async function seedPreviousYear(db: Db, input: PreviousYearInput): Promise<void> {
  const { tenantId: t, fiscal, at17, once } = input;
  if (await getItem(db, keys.call(t, DEMO_PREVIOUS_CALL_ID), true)) return;
  const stampAt = (iso: string, by: string): Stamp => ({ version: 1, createdAt: iso, createdBy: by, updatedAt: iso, updatedBy: by });
  const opens = at17(-420);
  const closes = at17(-385);
  const day = 86_400_000;
  const after = (iso: string, days: number) => new Date(Date.parse(iso) + days * day).toISOString();

  await once(() =>
    createEnvelope(db, t, {
      id: `env-psjp-${fiscal - 1}`,
      program: 'PSJP — Programme de soutien aux jeunes parents',
      title: `Volet communautaire PSJP ${fiscal - 1}-${fiscal}`,
      fiscalYear: fiscal - 1,
      // 460 000 $, less 20 %, 10 % for the community: 36 800 $ — 32 000 $ for its call, the rest for the
      // second year of the two-year agreement signed the year before (demo-agreements.ts), committed here.
      programBudget: 46_000_000,
      deductions: [{ kind: 'percent', label: 'Frais d’administration', basisPoints: 2000 }],
      communityShareBasisPoints: 1000,
      carryOver: null,
      ...stampAt(after(opens, -30), 'demo-gestionnaire'),
    }),
  );

  await once(() =>
    createCall(db, t, {
      ...input.call,
      id: DEMO_PREVIOUS_CALL_ID,
      envelopeId: `env-psjp-${fiscal - 1}`,
      title: `Appel de projets PSJP ${fiscal - 1}-${fiscal} — volet communautaire`,
      opensAt: opens,
      closesAt: closes,
      publishedAt: opens,
      needsFrom: null,
      ...stampAt(after(opens, -3), 'demo-gestionnaire'),
    }),
  );

  const grid: ScoringGrid = {
    callId: DEMO_PREVIOUS_CALL_ID,
    gridVersion: 1,
    criteria: CRITERIA,
    status: 'open',
    mode: 'individual',
    closesAt: after(closes, 21),
    assignments: null,
    rule: 'mean',
    normalize: false,
    disagreementThreshold: 15,
    openedAt: after(closes, 7),
    firstOpenedAt: after(closes, 7),
    reopenings: [],
    ...stampAt(after(closes, 7), 'demo-coordination'),
  };
  await once(() => createGrid(db, t, grid));

  for (const [i, { org, content, author }] of input.proposals.entries()) {
    const organization = input.organizations.find((o) => o.id === org)!;
    const submittedAt = after(closes, -7 + i);
    const base: Proposal = {
      id: `prec-${i + 1}-${org.slice(4)}`,
      callId: DEMO_PREVIOUS_CALL_ID,
      organizationId: org,
      organizationName: organization.legalName,
      status: 'draft',
      draft: content,
      content: null,
      submittedVersions: 0,
      submittedAt: null,
      withdrawnAt: null,
      screening: null,
      ...stampAt(after(submittedAt, -10), author),
    };
    await once(() => createProposal(db, t, base));
    const submitted: Proposal = { ...base, status: 'submitted', content, submittedVersions: 1, submittedAt, updatedAt: submittedAt };
    await once(() =>
      submitProposalVersion(db, t, submitted, { proposalId: base.id, number: 1, content, submittedAt, submittedBy: author }, 1, new Date(submittedAt)),
    );
    const screenedAt = after(closes, 4);
    const screening = {
      outcome: 'eligible' as const,
      results: input.call.eligibilityCriteria.map((k) => ({ criterionId: k.id, label: k.label, met: true, reason: '' })),
      proposalVersionNumber: 1,
      screenedAt,
      screenedBy: 'demo-coordination',
      screenedByName: 'Luc Tremblay',
    };
    await once(() => replaceProposal(db, t, { ...submitted, screening, version: 2, updatedAt: screenedAt, updatedBy: 'demo-coordination' }, 2));

    for (const [sub, [s1, s2, s3, comment]] of Object.entries(SCORES[org] ?? {})) {
      const member = MEMBERS.find((m) => m.sub === sub)!;
      if (member.org === org) continue; // recused: never scores their own organization's proposal
      const at = after(closes, 10 + i);
      const sheet: ScoreSheet = {
        proposalId: base.id,
        evaluatorId: sub,
        evaluatorName: member.name,
        gridVersion: 1,
        scores: { 'crit-besoins': { value: s1, comment }, 'crit-faisabilite': { value: s2, comment: '' }, 'crit-complementarite': { value: s3, comment: '' } },
        status: 'submitted',
        present: [],
        updatedAt: at,
        version: 1,
      };
      await once(() => saveSheet(db, t, DEMO_PREVIOUS_CALL_ID, grid, sheet, null, new Date(at)));
    }
  }

  // Scoring ended: the table can now compute scenarios. Last year the table had three voting members (Le Grenier
  // solidaire and Répit-Parents joined it since): the closed grid keeps them, so the table's change leaves these results.
  const ended = after(closes, 20);
  const evaluators = MEMBERS.map((m) => ({ userId: m.sub, name: m.name, organizationId: m.org, representsOrganizationId: m.org })).sort((a, b) =>
    a.userId.localeCompare(b.userId),
  );
  await once(() =>
    replaceGrid(
      db,
      t,
      { ...grid, status: 'closed', closesAt: ended, evaluators, version: grid.version + 1, updatedAt: ended, updatedBy: 'demo-coordination' },
      grid.version,
    ),
  );
}
