/**
 * The demo's decided call: the CLSC 1 table's call of two years ago, walked
 * through the whole cycle, so that a newcomer sees at once what the end of
 * it looks like (seed 002: the table recommends, the CLSC decides). Its
 * envelope of that year (30 000 $ for the community), the call published
 * and closed, four proposals submitted and screened eligible, a
 * proportional reduction computed without scores, the coordinator's
 * recommendation drawn from it (one line lowered with its reason, a
 * transport supplement on another, as CLSC 2 gave), adopted by the secret
 * vote of the table's three voting members of then (each recused from
 * their own organization's line), the minutes, and the manager's decision
 * accepting it with one departure and its reason.
 *
 * Everything is written through the contexts' repositories with the
 * history events they take (publication, screening, scenario, draft, vote
 * opened and closed, adoption, decision), dated in that year; the tallies
 * and the decision's lines are computed by the shared rules
 * (shared/adoption.ts, shared/deciding.ts), never typed. Seeded once, also
 * into a demo kept from before it existed; an interrupted run is finished
 * by the next one (each step reads what is there first).
 */
import { draftLines, lineRecusals, recommendationTotal, tallyVote, type AdoptionBallot, type AdoptionVote } from '../../shared/adoption';
import type { Scenario } from '../../shared/allocation';
import type { CallEvent } from '../../shared/call-history';
import { montrealLocalToInstant } from '../../shared/dates';
import { decide, totalOf, type BaseLine } from '../../shared/deciding';
import { firstYearsTotal, type Decision } from '../../shared/decision';
import type { Proposal, StoredCall } from '../../shared/domain';
import { fitInstanceSchema } from '../../shared/fitting/instance';
import { fitProportional } from '../../shared/fitting/methods';
import { whatIf } from '../../shared/fitting/what-if';
import { DEFAULT_ADOPTION_RULES, type AdoptionChoice, type Minutes, type Recommendation } from '../../shared/recommendation';
import type { ProposalContent } from '../../shared/schemas/proposal';
import { callEvent, type CallEventInput } from '../lib/call-history';
import { getItem, type Db } from '../lib/db';
import { newId } from '../lib/ids';
import { keys } from '../lib/keys';
import { saveScenario } from '../allocation/repository';
import { createCall, replaceCall } from '../calls/repository';
import { getDecision, recordDecision } from '../decisions/repository';
import { createEnvelope } from '../envelopes/repository';
import { createProposal, getProposalById, listEligibleRows, replaceProposal, submitProposalVersion } from '../proposals/repository';
import {
  castBallot,
  createDraft,
  getAdoptionVote,
  getBallot,
  getRecommendation,
  listBallots,
  openVote,
  recordOutcome,
  replaceRecommendation,
} from '../recommendations/repository';

export const DEMO_DECIDED_CALL_ID = 'call-psjp-decide';
const SCENARIO_ID = 'scen-psjp-decide-proportionnel';
const TABLE = { id: 'table-psjp-clsc1', name: 'Table PSJP — CLSC 1' };

export interface DecidedCallInput {
  tenantId: string;
  fiscal: number;
  once: (step: () => Promise<unknown>) => Promise<void>;
  /** The demo's organizations, by id. */
  organizations: { id: string; legalName: string }[];
}

type Person = { userId: string; name: string };
const MANAGER: Person = { userId: 'demo-gestionnaire', name: 'Martine Gagnon' };
const COORDINATOR: Person = { userId: 'demo-coordination', name: 'Luc Tremblay' };

/**
 * The table's voting members two years ago: the same three as last year (demo-previous.ts; Le Grenier
 * solidaire and Répit-Parents joined the table since).
 */
const VOTERS = [
  { userId: 'demo-membre-cje', name: 'Nadia Roy', organizationId: 'org-cje' },
  { userId: 'demo-membre-cuisines', name: 'Julie Bergeron', organizationId: 'org-cuisines' },
  { userId: 'demo-membre-famille', name: 'Sophie Lavoie', organizationId: 'org-maison-famille' },
];

const lines = (...items: [string, number][]) => items.map(([label, dollars]) => ({ label, amount: dollars * 100 }));

/** The four proposals (48 000 $ asked for 30 000 $), each with the account that submitted it. */
const PROPOSALS: { id: string; org: string; author: string; content: ProposalContent }[] = [
  {
    id: 'dec-1-maison-famille',
    org: 'org-maison-famille',
    author: 'demo-membre-famille',
    content: {
      title: 'Rencontres parents-enfants et halte du mercredi',
      summary: 'Des rencontres parents-enfants animées chaque semaine, avec une halte pour les tout-petits le mercredi.',
      targetPopulation: 'Jeunes parents de moins de 25 ans suivis au PSJP et leurs enfants de 0 à 5 ans.',
      activities: [
        { title: 'Rencontres parents-enfants', description: '24 rencontres hebdomadaires.' },
        { title: 'Halte du mercredi', description: 'Une demi-journée par semaine.' },
      ],
      budgetLines: lines(['Animation (salaires)', 8600], ['Éducatrice de la halte', 2900], ['Matériel et collations', 500]),
      requested: 1_200_000,
      minimum: 800_000,
      durationYears: 1,
      needIds: [],
    },
  },
  {
    id: 'dec-2-cje',
    org: 'org-cje',
    author: 'demo-membre-cje',
    content: {
      title: 'Cohorte d’employabilité pour jeunes mères',
      summary: 'Une cohorte de huit jeunes mères accompagnées vers un retour aux études ou au travail.',
      targetPopulation: 'Jeunes mères sans emploi ni diplôme, référées par les intervenantes PSJP.',
      activities: [{ title: 'Cohorte', description: 'Dix semaines d’ateliers et de suivi individuel.' }],
      budgetLines: lines(['Conseillère en emploi', 7400], ['Gardiennage pendant les ateliers', 2600]),
      requested: 1_000_000,
      minimum: 600_000,
      durationYears: 1,
      needIds: [],
    },
  },
  {
    id: 'dec-3-cuisines',
    org: 'org-cuisines',
    author: 'demo-membre-cuisines',
    content: {
      title: 'Ateliers de purées et repas pour bébés',
      summary: 'Des ateliers où les jeunes parents cuisinent ensemble les purées et les repas de leurs bébés, sur deux ans.',
      targetPopulation: 'Jeunes parents du territoire, en priorité les mères seules.',
      activities: [{ title: 'Ateliers', description: 'Deux fois par mois, pendant deux ans.' }],
      budgetLines: lines(['Animation', 5600], ['Denrées', 2800], ['Local et équipement', 600]),
      requested: 900_000,
      minimum: 550_000,
      durationYears: 2,
      needIds: [],
    },
  },
  {
    id: 'dec-4-repit',
    org: 'org-repit',
    author: 'demo-organisme-repit',
    content: {
      title: 'Gardiennage et ateliers de compétences parentales',
      summary: 'Des heures de gardiennage pour les parents seuls et un atelier de compétences parentales de huit semaines.',
      targetPopulation: 'Parents seuls de jeunes enfants, référés par les intervenantes du CLSC.',
      activities: [
        { title: 'Gardiennage', description: 'Blocs de trois heures, à domicile.' },
        { title: 'Atelier', description: 'Huit rencontres.' },
      ],
      budgetLines: lines(['Gardiennes formées', 6200], ['Animation de l’atelier', 2800]),
      requested: 900_000,
      minimum: 550_000,
      durationYears: 1,
      needIds: [],
    },
  },
];

/** The coordinator's changes to the scenario's lines: one amount lowered with its reason, one supplement. */
const ADJUSTED = {
  proposalId: 'dec-1-maison-famille',
  amount: 850_000,
  reason: 'La Ville paie déjà les collations et une partie de l’animation : la table ramène la ligne à 8 500 $.',
};
const SUPPLEMENT = {
  proposalId: 'dec-4-repit',
  amount: 50_000,
  reason: 'Supplément pour le transport des gardiennes vers les familles des secteurs ruraux (comme au CLSC 2).',
};

/** Each member's secret ballot; a member's own organization's line is left out (recused). */
const BALLOTS: Record<string, Record<string, AdoptionChoice>> = {
  'demo-membre-famille': { 'dec-2-cje': 'for', 'dec-3-cuisines': 'for', 'dec-4-repit': 'for' },
  'demo-membre-cje': { 'dec-1-maison-famille': 'for', 'dec-3-cuisines': 'abstain', 'dec-4-repit': 'for' },
  'demo-membre-cuisines': { 'dec-1-maison-famille': 'for', 'dec-2-cje': 'for', 'dec-4-repit': 'against' },
};

/** The manager's one departure from the adopted recommendation. */
const DEPARTURE = {
  proposalId: 'dec-2-cje',
  amount: 700_000,
  reason: 'Services Québec paie déjà le gardiennage d’une partie de la cohorte : l’établissement accorde 7 000 $ ; le reste revient à l’enveloppe.',
};

/** Seeds the decided call unless its decision is there (the last thing written). */
export async function seedDecidedCall(db: Db, input: DecidedCallInput): Promise<void> {
  const { tenantId: t, fiscal, once } = input;
  const C = DEMO_DECIDED_CALL_ID;
  if (await getDecision(db, t, C, true)) return;
  const y = fiscal - 2;
  /** An instant of that year, from Montreal's wall clock (`MM-DDTHH:MM`, the year from `month`: April to December is `y`). */
  const at = (monthDayTime: string) => montrealLocalToInstant(`${Number(monthDayTime.slice(0, 2)) >= 4 ? y : y + 1}-${monthDayTime}`)!.toISOString();
  const stampAt = (iso: string, by: Person) => ({ version: 1, createdAt: iso, createdBy: by.userId, updatedAt: iso, updatedBy: by.userId });
  const eventAt = (iso: string, by: Person, e: CallEventInput): CallEvent =>
    callEvent({ now: () => new Date(iso), newId: () => newId(Date.parse(iso)) }, by, C, e);
  const orgName = (id: string) => input.organizations.find((o) => o.id === id)!.legalName;

  // The envelope of that year: 375 000 $, less 20 % of administration, 10 % for the community: 30 000 $.
  const envelopeId = `env-psjp-${y}`;
  await once(() =>
    createEnvelope(db, t, {
      id: envelopeId,
      program: 'PSJP — Programme de soutien aux jeunes parents',
      title: `Volet communautaire PSJP ${y}-${y + 1}`,
      fiscalYear: y,
      programBudget: 37_500_000,
      deductions: [{ kind: 'percent', label: 'Frais d’administration', basisPoints: 2000 }],
      communityShareBasisPoints: 1000,
      carryOver: null,
      ...stampAt(at('08-20T09:00'), MANAGER),
    }),
  );

  // The call, drafted, then published (its history starts there); it closed in October of that year.
  const opens = at('09-03T09:00');
  const closes = at('10-15T17:00');
  const draft: StoredCall = {
    id: C,
    envelopeId,
    title: `Appel à projets PSJP ${y}-${y + 1} — volet communautaire`,
    description:
      'La Table PSJP invite les organismes communautaires du territoire à déposer des projets pour les jeunes parents : briser l’isolement, répit, alimentation, employabilité.',
    amountAvailable: 3_000_000,
    maxRequest: 1_500_000,
    eligibilityCriteria: [
      { id: 'crit-clientele', label: 'Rejoint la clientèle du PSJP', description: 'Jeunes parents de moins de 25 ans et leurs enfants de 0 à 5 ans.' },
      {
        id: 'crit-complementaire',
        label: 'Complémentaire aux services du CLSC',
        description: 'Accompagnement, socialisation, éducation — pas de volet clinique.',
      },
      { id: 'crit-territoire', label: 'Organisme communautaire autonome du territoire', description: '' },
    ],
    opensAt: opens,
    closesAt: closes,
    allowedDurations: [1, 2],
    status: 'draft',
    publishedAt: null,
    needsFrom: null,
    needs: [],
    extensions: [],
    tableId: TABLE.id,
    ...stampAt(at('08-28T10:00'), MANAGER),
  };
  // Created only when missing: creating it again would be refused by its envelope, all committed to it, before its id.
  if (!(await getItem<StoredCall>(db, keys.call(t, C), true))) await once(() => createCall(db, t, draft));
  const stored = await getItem<StoredCall>(db, keys.call(t, C), true);
  if (stored?.status === 'draft') {
    const published: StoredCall = { ...stored, status: 'published', publishedAt: opens, updatedAt: opens, updatedBy: MANAGER.userId };
    const event = eventAt(opens, MANAGER, {
      kind: 'call-published',
      before: { status: 'draft' },
      after: { status: 'published', opensAt: opens, closesAt: closes, amountAvailable: published.amountAvailable, access: 'open' },
    });
    await once(() => replaceCall(db, t, published, stored.version, event));
  }

  // Four proposals, submitted before the close, screened eligible by the coordinator a few days after it.
  for (const [i, p] of PROPOSALS.entries()) {
    const submittedAt = at(`10-${String(6 + 2 * i).padStart(2, '0')}T14:00`);
    const base: Proposal = {
      id: p.id,
      callId: C,
      organizationId: p.org,
      organizationName: orgName(p.org),
      status: 'draft',
      draft: p.content,
      content: null,
      submittedVersions: 0,
      submittedAt: null,
      withdrawnAt: null,
      screening: null,
      ...stampAt(at(`09-${String(15 + i).padStart(2, '0')}T10:00`), { userId: p.author, name: '' }),
    };
    await once(() => createProposal(db, t, base));
    const submitted: Proposal = { ...base, status: 'submitted', content: p.content, submittedVersions: 1, submittedAt, updatedAt: submittedAt };
    await once(() =>
      submitProposalVersion(
        db,
        t,
        submitted,
        { proposalId: p.id, number: 1, content: p.content, submittedAt, submittedBy: p.author },
        1,
        new Date(submittedAt),
      ),
    );
    const current = await getProposalById(db, t, C, p.id);
    if (current.screening) continue;
    const screenedAt = at(`10-${String(20 + i).padStart(2, '0')}T10:00`);
    const screening = {
      outcome: 'eligible' as const,
      results: draft.eligibilityCriteria.map((k) => ({ criterionId: k.id, label: k.label, met: true, reason: '' })),
      proposalVersionNumber: 1,
      screenedAt,
      screenedBy: COORDINATOR.userId,
      screenedByName: COORDINATOR.name,
    };
    const event = eventAt(screenedAt, COORDINATOR, {
      kind: 'proposal-screened',
      subject: p.content.title,
      before: { outcome: null },
      after: { outcome: 'eligible', proposalVersion: 1 },
    });
    await once(() => replaceProposal(db, t, { ...current, screening, updatedAt: screenedAt, updatedBy: COORDINATOR.userId }, current.version, event));
  }

  // Nothing was scored: a proportional reduction, computed on the eligible proposals as the allocation context does without scores.
  const rows = (await listEligibleRows(db, t, C)).sort((a, b) => a.title.localeCompare(b.title, 'fr'));
  const computedAt = at('11-05T14:00');
  if (!(await getItem<Scenario>(db, keys.scenario(t, C, SCENARIO_ID), true))) {
    const instance = fitInstanceSchema.parse({
      budget: draft.amountAvailable,
      proposals: rows.map((r) => ({ id: r.id, organization: r.organizationId, requested: r.requested, minimum: r.minimum, score: 0, needs: r.needIds })),
      constraints: {},
    });
    const result = fitProportional(instance);
    const scenario: Scenario = {
      id: SCENARIO_ID,
      callId: C,
      name: 'Réduction proportionnelle',
      method: 'proportional',
      objective: 'value',
      instance,
      inputs: rows.map((r) => ({ id: r.id, title: r.title, organizationName: r.organizationName, proposalVersion: r.submittedVersions })),
      result,
      whatIf: whatIf(instance, result, fitProportional, { exact: false }),
      unscored: true,
      createdAt: computedAt,
      createdBy: COORDINATOR.name,
    };
    const event = eventAt(computedAt, COORDINATOR, {
      kind: 'scenario-computed',
      subject: scenario.name,
      after: {
        method: 'proportional',
        total: result.total,
        proposals: instance.proposals.length,
        funded: result.allocations.filter((a) => a.amount > 0).length,
        unscored: true,
      },
    });
    await once(() => saveScenario(db, t, scenario, event));
  }
  const scenario = (await getItem<Scenario>(db, keys.scenario(t, C, SCENARIO_ID), true))!;

  // The coordinator's recommendation, drafted from the scenario (as the recommendations context drafts it).
  if (!(await getRecommendation(db, t, C, true))) {
    const recLines = draftLines(rows, scenario.result.allocations);
    const draftedAt = at('11-05T14:30');
    const rec: Recommendation = {
      callId: C,
      number: 1,
      status: 'draft',
      basedOn: { scenarioId: scenario.id, scenarioName: scenario.name, method: scenario.method },
      lines: recLines,
      total: recommendationTotal(recLines),
      amountAvailable: draft.amountAvailable,
      adoptionMode: null,
      ...stampAt(draftedAt, COORDINATOR),
    };
    const event = eventAt(draftedAt, COORDINATOR, {
      kind: 'recommendation-drafted',
      subject: scenario.name,
      after: { number: 1, lines: recLines.length, total: rec.total },
    });
    await once(() => createDraft(db, t, rec, event));
  }

  // Adjusted at the table's meeting (an edit of the draft: no event, as the route writes none).
  let rec = (await getRecommendation(db, t, C, true))!;
  if (rec.status === 'draft' && rec.version === 1) {
    const adjustedAt = at('11-12T10:00');
    const adjusted = rec.lines.map((l) => {
      if (l.proposalId === ADJUSTED.proposalId) return { ...l, amount: ADJUSTED.amount, adjustmentReason: ADJUSTED.reason };
      if (l.proposalId === SUPPLEMENT.proposalId) return { ...l, supplement: { amount: SUPPLEMENT.amount, reason: SUPPLEMENT.reason } };
      return l;
    });
    rec = await replaceRecommendation(
      db,
      t,
      { ...rec, lines: adjusted, total: recommendationTotal(adjusted), updatedAt: adjustedAt, updatedBy: COORDINATOR.userId },
      rec.version,
      null,
    );
  }

  // The table's vote: its voting members of then, each recused from their own organization's line; secret, by default rules.
  const votedAt = at('11-12T10:30');
  if (rec.status === 'draft') {
    const recusals = lineRecusals(
      VOTERS.map((v) => ({ ...v, representsOrganizationId: v.organizationId })),
      rec.lines,
      () => false,
    );
    const vote: AdoptionVote = {
      callId: C,
      number: rec.number,
      status: 'open',
      closesAt: at('11-19T17:00'),
      closedAt: null,
      tableId: TABLE.id,
      tableName: TABLE.name,
      electorate: VOTERS.map((v) => ({ userId: v.userId, name: v.name, represents: orgName(v.organizationId) })),
      recusals,
      rules: DEFAULT_ADOPTION_RULES,
      ...stampAt(votedAt, COORDINATOR),
    };
    const event = eventAt(votedAt, COORDINATOR, {
      kind: 'adoption-vote-opened',
      subject: TABLE.name,
      after: { number: rec.number, closesAt: vote.closesAt, electorate: vote.electorate.length, recusals: recusals.length, secret: true },
    });
    rec = await openVote(
      db,
      t,
      { ...rec, status: 'voting', adoptionMode: 'vote', updatedAt: votedAt, updatedBy: COORDINATOR.userId },
      rec.version,
      vote,
      event,
    );
  }
  const vote = (await getAdoptionVote(db, t, C))!;
  if (vote.status === 'open') {
    for (const [i, v] of VOTERS.entries()) {
      if (await getBallot(db, t, C, vote.number, v.userId)) continue;
      const castAt = at(`11-${String(13 + i).padStart(2, '0')}T19:00`);
      const ballot: AdoptionBallot = { userId: v.userId, number: vote.number, choices: BALLOTS[v.userId]!, submittedAt: castAt, version: 1 };
      await castBallot(db, t, vote, ballot, null, new Date(castAt));
    }
  }

  // The close, after its time: the tallies by the shared rules, the minutes, the recommendation adopted.
  if (rec.status === 'voting' && vote.status === 'open') {
    const closedAt = at('11-19T17:30');
    const ballots = await listBallots(db, t, C, vote.number);
    const { tallies, adopted } = tallyVote({ lines: rec.lines, electorate: vote.electorate, recusals: vote.recusals, ballots, rules: vote.rules });
    const by = { updatedAt: closedAt, updatedBy: COORDINATOR.userId };
    const outcome: Recommendation = { ...rec, status: adopted ? 'adopted' : 'rejected', ...by };
    const minutes: Minutes = {
      callId: C,
      number: rec.number,
      mode: 'vote',
      tableId: vote.tableId,
      tableName: vote.tableName,
      present: vote.electorate.map((e) => ({ userId: e.userId, name: e.name, represents: e.represents, voting: true })),
      recusals: vote.recusals,
      tallies,
      openBallots: null,
      rules: vote.rules,
      dissent: null,
      adopted,
      recommendation: { ...outcome, version: rec.version + 1 },
      recordedAt: closedAt,
      recordedBy: COORDINATOR.userId,
      recordedByName: COORDINATOR.name,
    };
    const passed = tallies.filter((x) => x.outcome === 'passed').length;
    const events = [
      eventAt(closedAt, COORDINATOR, {
        kind: 'adoption-vote-closed',
        before: { number: vote.number, status: 'open' },
        after: { number: vote.number, status: 'closed', ballots: ballots.length, linesPassed: passed, linesFailed: tallies.length - passed },
      }),
      eventAt(closedAt, COORDINATOR, {
        kind: adopted ? 'recommendation-adopted' : 'recommendation-rejected',
        before: { number: rec.number, status: 'voting' },
        after: { number: rec.number, status: outcome.status, mode: 'vote', total: rec.total },
      }),
    ];
    const read = new Map(ballots.map((b) => [b.userId, b.version]));
    await recordOutcome(db, t, {
      vote: { next: { ...vote, status: 'closed', closedAt, ...by }, expectedVersion: vote.version },
      rec: { next: outcome, expectedVersion: rec.version },
      minutes,
      events,
      ballotsRead: vote.electorate.map((e) => ({ userId: e.userId, version: read.get(e.userId) ?? null })),
    });
    rec = { ...outcome, version: rec.version + 1 };
  }
  if (rec.status !== 'adopted') throw new Error(`The demo's decided call: the recommendation was not adopted (${rec.status}).`);

  // The manager accepts the recommendation, with one departure and its reason (shared/deciding.ts's rules).
  const decidedAt = at('12-03T11:00');
  const base = new Map<string, BaseLine>(
    rec.lines.map((l) => [
      l.proposalId,
      { proposalId: l.proposalId, amount: l.amount + (l.supplement?.amount ?? 0), years: l.years, reason: l.reason, supplement: l.supplement },
    ]),
  );
  const eligible = rows.map((r) => ({
    id: r.id,
    organizationId: r.organizationId,
    organizationName: r.organizationName,
    title: r.title,
    requested: r.requested,
    minimum: r.minimum,
    durationYears: r.durationYears,
  }));
  const departed = rec.lines.find((l) => l.proposalId === DEPARTURE.proposalId)!;
  const { lines: decided, problems } = decide(
    eligible,
    base,
    [{ proposalId: DEPARTURE.proposalId, amount: DEPARTURE.amount, years: departed.years, reason: DEPARTURE.reason, supplement: null }],
    draft.amountAvailable,
  );
  if (problems.length) throw new Error(`The demo's decided call: ${problems.map((p) => p.message.en).join(' ')}`);
  const decision: Decision = {
    callId: C,
    tendency: 'concertation',
    basedOn: { kind: 'recommendation', number: rec.number },
    lines: decided,
    original: decided,
    total: totalOf(decided),
    amendments: [],
    decidedAt,
    decidedBy: MANAGER.userId,
    decidedByName: MANAGER.name,
    ...stampAt(decidedAt, MANAGER),
  };
  const event = eventAt(decidedAt, MANAGER, {
    kind: 'decision-recorded',
    subject: draft.title,
    after: {
      basis: 'recommendation',
      total: decision.total,
      funded: decided.filter((l) => l.amount > 0).length,
      notFunded: decided.filter((l) => l.amount === 0).length,
      departures: decided.filter((l) => l.departure).length,
    },
  });
  await once(() => recordDecision(db, t, decision, event, { envelopeId, delta: firstYearsTotal(decision.lines) - draft.amountAvailable }));
}
