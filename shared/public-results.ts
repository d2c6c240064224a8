/**
 * The public results of a decided call: what a Quebec public body publishes
 * of a funding decision, for anyone, without an account. Built here, purely,
 * from the call, its envelope, the decision and (concertation) the table's
 * adoption; the results context only reads those and serves this view.
 *
 * What is published: the institution, the envelope and the call's amount
 * available, the method, the funded proposals (organization, title, amount,
 * years, amount per year, a supplement with its reason), the number of
 * proposals not funded (never their names: an organization whose project was
 * not retained is not named in public), how the table adopted the
 * recommendation (tallies and recusals counted per line, or that a consensus
 * was reached, with how many members were present and whether a dissent was
 * noted), and the manager's departures and amendments with their reasons.
 *
 * What never is: a person. No member, manager or coordinator name, no user
 * id, no ballot, no dissent text (it may name people), no per-organization
 * reason of a line that was not funded. Every field below is chosen, never a
 * stored item passed through.
 */
import type { Call, Envelope } from './domain';
import type { Decision, DecisionLine } from './decision';
import type { Localized } from './errors';
import type { FitMethod } from './fitting/instance';
import { METHOD_TERMS } from './method-terms';
import type { Minutes, Recommendation, RecommendationLine } from './recommendation';
import { instantToMontrealLocal } from './dates';
import { toFrenchCsv, type Cell } from './csv';

interface PublicFundedLine {
  organizationName: string;
  title: string;
  /** The amount granted for the whole period, supplement included (cents). */
  amount: number;
  years: 1 | 2;
  perYear: number[];
  /** Part of `amount` above the request, with its reason; null when none. */
  supplement: { amount: number; reason: string } | null;
}

/**
 * A proposal is named (organization and title) only when it is funded by the
 * decision as it stands: a line about a project not retained keeps its figures
 * and says `null` where the names would be.
 */
interface PublicVoteLine {
  organizationName: string | null;
  title: string | null;
  electorate: number;
  quorum: number;
  for: number;
  against: number;
  abstain: number;
  /** How many members were recused from the line: a count, never who. */
  recused: number;
  outcome: 'passed' | 'failed-quorum' | 'failed-majority' | 'no-electorate';
}

type PublicAdoption =
  | {
      mode: 'vote';
      /** The voting members of the table (the electorate before recusals). */
      members: number;
      majority: 'simple' | 'qualified';
      secret: boolean;
      closedOn: string;
      lines: PublicVoteLine[];
    }
  | { mode: 'consensus'; present: number; dissentNoted: boolean; reachedOn: string }
  /** A call without a table: the manager decided without a table's vote. */
  | { mode: 'administration' };

interface PublicDeparture {
  /** Null when the departure left the project not funded (not named, see PublicVoteLine). */
  organizationName: string | null;
  title: string | null;
  /** The recommendation's amount, and the amount decided (cents). */
  recommended: number;
  decided: number;
  reason: string;
}

interface PublicAmendment {
  number: number;
  /** `2026-04-01` (Montreal). */
  on: string;
  reason: string;
  /** Names null when the project is not funded now (see PublicVoteLine). */
  changes: { organizationName: string | null; title: string | null; before: number; after: number }[];
}

export interface PublicCallResults {
  tenantId: string;
  callId: string;
  institution: string;
  envelope: { title: string; program: string; fiscalYear: number };
  call: { title: string; amountAvailable: number };
  tendency: 'concertation' | 'administration';
  /** The allocation method the recommendation or the decision started from; null when the amounts were typed by hand. */
  method: { code: FitMethod; label: Localized; sentence: Localized } | null;
  /** What the decision was based on. */
  basis: 'recommendation' | 'scenario' | 'manual';
  decidedOn: string;
  total: number;
  funded: PublicFundedLine[];
  /** Proposals decided and not funded: counted, never named. */
  notFunded: number;
  adoption: PublicAdoption;
  departures: PublicDeparture[];
  amendments: PublicAmendment[];
}

/** One decided call in the institution's list of published results. */
interface PublicResultsEntry {
  callId: string;
  title: string;
  envelopeTitle: string;
  fiscalYear: number;
  decidedOn: string;
  total: number;
  funded: number;
}

export interface PublicResultsIndex {
  tenantId: string;
  institution: string;
  calls: PublicResultsEntry[];
}

/** `2026-04-01`: the date in Montreal of an instant. */
export const montrealDate = (instant: string) => instantToMontrealLocal(instant).slice(0, 10);

type Named = { organizationName: string | null; title: string | null };

/** Named lines by organization and title, then the lines not named. */
const byOrganization = (a: Named, b: Named) =>
  (a.organizationName === null ? 1 : 0) - (b.organizationName === null ? 1 : 0) ||
  (a.organizationName ?? '').localeCompare(b.organizationName ?? '', 'fr') ||
  (a.title ?? '').localeCompare(b.title ?? '', 'fr');

/** The names of a proposal if it is funded now, else nulls. */
function namesIf(funded: ReadonlySet<string>, line: { proposalId: string; organizationName: string; title: string } | undefined): Named {
  return line && funded.has(line.proposalId) ? { organizationName: line.organizationName, title: line.title } : { organizationName: null, title: null };
}

function methodOf(code: string | null | undefined): PublicCallResults['method'] {
  if (code !== 'greedy' && code !== 'proportional' && code !== 'equal' && code !== 'optimal') return null;
  const term = METHOD_TERMS[code];
  return { code, label: term.label, sentence: term.sentence };
}

function adoptionOf(decision: Decision, minutes: Minutes | null, funded: ReadonlySet<string>, rec: Recommendation | null): PublicAdoption {
  if (decision.tendency === 'administration' || !minutes) return { mode: 'administration' };
  if (minutes.mode === 'consensus') {
    return { mode: 'consensus', present: minutes.present.length, dissentNoted: Boolean(minutes.dissent?.trim()), reachedOn: montrealDate(minutes.recordedAt) };
  }
  const named = new Map<string, DecisionLine | RecommendationLine>([
    ...(rec ?? minutes.recommendation).lines.map((l) => [l.proposalId, l] as const),
    ...decision.lines.map((l) => [l.proposalId, l] as const),
  ]);
  const lines = (minutes.tallies ?? []).map((t): PublicVoteLine => {
    return {
      ...namesIf(funded, named.get(t.proposalId)),
      electorate: t.electorate,
      quorum: t.quorum,
      for: t.for,
      against: t.against,
      abstain: t.abstain,
      recused: t.recused,
      outcome: t.outcome,
    };
  });
  return {
    mode: 'vote',
    members: minutes.present.filter((p) => p.voting).length,
    majority: minutes.rules?.majority ?? 'simple',
    secret: minutes.rules?.secret ?? true,
    closedOn: montrealDate(minutes.recordedAt),
    lines: lines.sort(byOrganization),
  };
}

/**
 * The public view of a decided call. `adoption` is the table's adopted
 * recommendation and its minutes (concertation), null for a call without a table.
 */
export function publicCallResults(input: {
  tenantId: string;
  institution: string;
  call: Pick<Call, 'id' | 'title' | 'amountAvailable'>;
  envelope: Pick<Envelope, 'title' | 'program' | 'fiscalYear'>;
  decision: Decision;
  adoption: { recommendation: Recommendation; minutes: Minutes } | null;
  /** The method of the scenario a decision in the administration tendency started from, when it did. */
  scenarioMethod: string | null;
}): PublicCallResults {
  const { decision, adoption } = input;
  const fundedIds = new Set(decision.lines.filter((l) => l.amount > 0).map((l) => l.proposalId));
  const funded = decision.lines
    .filter((l) => l.amount > 0)
    .map(
      (l): PublicFundedLine => ({
        organizationName: l.organizationName,
        title: l.title,
        amount: l.amount,
        years: l.years,
        perYear: [...l.perYear],
        supplement: l.supplement ? { amount: l.supplement.amount, reason: l.supplement.reason } : null,
      }),
    )
    .sort(byOrganization);
  const basis = decision.basedOn.kind;
  const method = basis === 'recommendation' ? methodOf(adoption?.recommendation.basedOn?.method) : basis === 'scenario' ? methodOf(input.scenarioMethod) : null;
  return {
    tenantId: input.tenantId,
    callId: input.call.id,
    institution: input.institution,
    envelope: { title: input.envelope.title, program: input.envelope.program, fiscalYear: input.envelope.fiscalYear },
    call: { title: input.call.title, amountAvailable: input.call.amountAvailable },
    tendency: decision.tendency,
    method,
    basis,
    decidedOn: montrealDate(decision.decidedAt),
    total: funded.reduce((s, l) => s + l.amount, 0),
    funded,
    notFunded: decision.lines.filter((l) => l.amount === 0).length,
    adoption: adoptionOf(decision, adoption?.minutes ?? null, fundedIds, adoption?.recommendation ?? null),
    departures: decision.lines
      .filter((l) => l.departure)
      .map((l) => ({ ...namesIf(fundedIds, l), recommended: l.recommended ?? 0, decided: l.amount, reason: l.departure!.reason }))
      .sort(byOrganization),
    amendments: decision.amendments.map((a) => ({
      number: a.number,
      on: montrealDate(a.at),
      reason: a.reason,
      changes: a.changes.map((c) => ({ ...namesIf(fundedIds, c.after), before: c.before.amount, after: c.after.amount })),
    })),
  };
}

const dollars = (cents: number) => cents / 100;

/**
 * The public results as a CSV for Excel in French (shared/csv.ts): the call
 * in a few lines, one row per funded proposal, then, as on the page, the
 * table's adoption (tallies and recusals counted per line, or the consensus),
 * the manager's departures and the amendments with their reasons; amounts in
 * dollars, a project not funded never named. In
 * French only: the institution's language of publication, and one file per
 * address, so a shared cache keyed on the path serves it to everyone.
 */
export function publicResultsCsv(r: PublicCallResults): string {
  const rows: Cell[][] = [
    ['Établissement', r.institution],
    ['Enveloppe', r.envelope.title],
    ['Exercice', `${r.envelope.fiscalYear}-${r.envelope.fiscalYear + 1}`],
    ['Appel de projets', r.call.title],
    ['Montant disponible ($)', dollars(r.call.amountAvailable)],
    ['Méthode', r.method ? r.method.label.fr : 'Montants fixés à la main'],
    ['Date de la décision', r.decidedOn],
    [],
    ['Organisme', 'Projet', 'Montant accordé ($)', 'Années', 'Année 1 ($)', 'Année 2 ($)', 'Supplément ($)', 'Raison du supplément'],
  ];
  for (const l of r.funded) {
    rows.push([
      l.organizationName,
      l.title,
      dollars(l.amount),
      l.years,
      l.perYear[0] === undefined ? null : dollars(l.perYear[0]),
      l.perYear[1] === undefined ? null : dollars(l.perYear[1]),
      l.supplement ? dollars(l.supplement.amount) : null,
      l.supplement?.reason ?? null,
    ]);
  }
  rows.push([], ['Total accordé ($)', dollars(r.total)], ['Autres projets non retenus', r.notFunded]);
  rows.push([], ...adoptionRows(r.adoption));
  if (r.departures.length > 0) {
    rows.push([], ['Écarts de la gestionnaire'], ['Organisme', 'Projet', 'Recommandé ($)', 'Décidé ($)', 'Raison']);
    for (const d of r.departures) rows.push([d.organizationName, d.title, dollars(d.recommended), dollars(d.decided), d.reason]);
  }
  if (r.amendments.length > 0) {
    rows.push([], ['Amendements'], ['Amendement', 'Date', 'Raison', 'Organisme', 'Projet', 'Avant ($)', 'Après ($)']);
    for (const a of r.amendments)
      for (const c of a.changes) rows.push([a.number, a.on, a.reason, c.organizationName, c.title, dollars(c.before), dollars(c.after)]);
  }
  return toFrenchCsv(rows);
}

const OUTCOME_FR: Record<PublicVoteLine['outcome'], string> = {
  passed: 'Adoptée',
  'failed-quorum': 'Rejetée : quorum non atteint',
  'failed-majority': 'Rejetée : majorité non atteinte',
  'no-electorate': 'Aucun membre pouvant voter',
};

/** How the table adopted the recommendation, as the page says it: tallies and recusals counted per line, never a person. */
function adoptionRows(a: PublicAdoption): Cell[][] {
  if (a.mode === 'administration') return [['Adoption', 'Décision de la gestionnaire sans vote de table']];
  if (a.mode === 'consensus')
    return [
      ['Adoption', 'Consensus de la table'],
      ['Consensus atteint le', a.reachedOn],
      ['Membres présents', a.present],
      ['Dissidence notée', a.dissentNoted ? 'Oui' : 'Non'],
    ];
  return [
    ['Adoption', 'Vote de la table'],
    ['Vote clos le', a.closedOn],
    ['Membres votants', a.members],
    ['Majorité', a.majority === 'simple' ? 'Simple' : 'Deux tiers'],
    ['Scrutin', a.secret ? 'Secret' : 'À découvert'],
    ['Organisme', 'Projet', 'Électorat', 'Quorum', 'Pour', 'Contre', 'Abstention', 'Récusés', 'Résultat'],
    ...a.lines.map((l): Cell[] => [l.organizationName, l.title, l.electorate, l.quorum, l.for, l.against, l.abstain, l.recused, OUTCOME_FR[l.outcome]]),
  ];
}
