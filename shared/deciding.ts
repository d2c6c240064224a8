/**
 * The rules of a decision's lines (shared/decision.ts), pure so the API and
 * the web app apply the same ones: from what the manager starts from (the
 * table's adopted recommendation, a scenario, or nothing) and the lines the
 * manager changes, the decision's lines, one per eligible proposal of the
 * call, or the problems that refuse them, each naming its line.
 *
 * An amount is 0 or between the proposal's minimum and its request; above
 * the request only as a supplement with its own reason; its years never more
 * than the proposal's; the total never above the call's amount available.
 */
import { splitPerYear, type DecisionLine } from './decision';
import type { Localized } from './errors';
import { formatMoney } from './money';

/** What a decision needs to know of an eligible proposal of the call. */
export interface DecidedProposal {
  id: string;
  organizationId: string;
  organizationName: string;
  title: string;
  requested: number;
  minimum: number;
  durationYears: 1 | 2;
}

/** A line the manager writes: an amount within the request, its years, a reason, and a supplement above the request. */
export interface LineInput {
  proposalId: string;
  /** The amount within the request: 0, or between the minimum and the request. */
  amount: number;
  years: 1 | 2;
  reason: string;
  supplement?: { amount: number; reason: string } | null | undefined;
}

/** A line of what the decision starts from (the recommendation's or the scenario's), its amount supplement included. */
export interface BaseLine {
  proposalId: string;
  amount: number;
  years: 1 | 2;
  reason: string;
  supplement: { amount: number; reason: string } | null;
}

export interface LineProblem {
  /** The line's proposal, or null for the whole decision (the total). */
  proposalId: string | null;
  code:
    | 'proposal-not-eligible'
    | 'duplicate-line'
    | 'reason-required'
    | 'below-minimum'
    | 'above-request'
    | 'supplement-reason-required'
    | 'supplement-without-funding'
    | 'years-above-duration'
    | 'over-amount-available'
    | 'nothing-changed';
  message: Localized;
}

/** The reason of a line not funded when nothing else says why. */
const NOT_RETAINED: Localized = { fr: 'Non retenu', en: 'Not retained' };

const name = (p: DecidedProposal) => ({ fr: `« ${p.title} » (${p.organizationName})`, en: `“${p.title}” (${p.organizationName})` });

/** The problems of one line against its proposal (its reason checked by the caller, which knows whether one is needed). */
function lineProblems(p: DecidedProposal, line: Pick<LineInput, 'amount' | 'years' | 'supplement'>): LineProblem[] {
  const n = name(p);
  const problems: LineProblem[] = [];
  const add = (code: LineProblem['code'], fr: string, en: string) =>
    problems.push({ proposalId: p.id, code, message: { fr: `${n.fr} : ${fr}`, en: `${n.en}: ${en}` } });
  if (line.amount > 0 && line.amount < p.minimum)
    add(
      'below-minimum',
      `le montant ${formatMoney(line.amount, 'fr')} est sous le minimum du projet (${formatMoney(p.minimum, 'fr')}) : 0 ou au moins le minimum.`,
      `the amount ${formatMoney(line.amount, 'en')} is below the proposal’s minimum (${formatMoney(p.minimum, 'en')}): 0 or at least the minimum.`,
    );
  if (line.amount > p.requested)
    add(
      'above-request',
      `le montant ${formatMoney(line.amount, 'fr')} dépasse la demande (${formatMoney(p.requested, 'fr')}) : ce qui dépasse est un supplément, avec son propre motif.`,
      `the amount ${formatMoney(line.amount, 'en')} is above the request (${formatMoney(p.requested, 'en')}): what is above is a supplement, with its own reason.`,
    );
  if (line.supplement && line.supplement.amount > 0) {
    if (line.amount === 0)
      add(
        'supplement-without-funding',
        'un supplément s’ajoute à un projet financé, pas à un projet non retenu.',
        'a supplement adds to a funded proposal, not to one not retained.',
      );
    if (line.supplement.reason.trim() === '')
      add(
        'supplement-reason-required',
        'un supplément au-delà de la demande doit avoir son propre motif.',
        'a supplement above the request needs its own reason.',
      );
  }
  if (line.amount > 0 && line.years > p.durationYears)
    add(
      'years-above-duration',
      `le projet dure ${p.durationYears} an : il ne peut pas être financé sur ${line.years} ans.`,
      `the proposal lasts ${p.durationYears} year: it cannot be funded over ${line.years} years.`,
    );
  return problems;
}

/** The line as the decision keeps it, its amount the whole grant (supplement included). */
function decisionLine(
  p: DecidedProposal,
  input: { amount: number; years: 1 | 2; reason: string; supplement: { amount: number; reason: string } | null },
  recommended: number | null,
  departure: { reason: string } | null,
): DecisionLine {
  const supplement = input.supplement && input.supplement.amount > 0 ? { amount: input.supplement.amount, reason: input.supplement.reason.trim() } : null;
  const amount = input.amount + (supplement?.amount ?? 0);
  const years = amount === 0 ? p.durationYears : input.years;
  return {
    proposalId: p.id,
    organizationId: p.organizationId,
    organizationName: p.organizationName,
    title: p.title,
    requested: p.requested,
    amount,
    years,
    perYear: splitPerYear(amount, years),
    supplement,
    reason: input.reason.trim() || (amount === 0 ? NOT_RETAINED.fr : ''),
    recommended,
    departure,
  };
}

const sameLine = (a: { amount: number; years: number; supplement: { amount: number } | null }, b: typeof a) =>
  a.amount === b.amount && (a.amount === 0 || a.years === b.years) && (a.supplement?.amount ?? 0) === (b.supplement?.amount ?? 0);

function totalProblem(lines: readonly DecisionLine[], amountAvailable: number): LineProblem[] {
  const total = lines.reduce((s, l) => s + l.amount, 0);
  if (total <= amountAvailable) return [];
  return [
    {
      proposalId: null,
      code: 'over-amount-available',
      message: {
        fr: `Le total (${formatMoney(total, 'fr')}) dépasse le montant disponible de l’appel (${formatMoney(amountAvailable, 'fr')}) de ${formatMoney(total - amountAvailable, 'fr')}.`,
        en: `The total (${formatMoney(total, 'en')}) is above the call’s amount available (${formatMoney(amountAvailable, 'en')}) by ${formatMoney(total - amountAvailable, 'en')}.`,
      },
    },
  ];
}

/** Lines naming a proposal that is not an eligible one of the call, or named twice. */
function unknownOrRepeated(inputs: readonly { proposalId: string }[], known: ReadonlyMap<string, unknown>): LineProblem[] {
  const seen = new Set<string>();
  const problems: LineProblem[] = [];
  for (const l of inputs) {
    if (!known.has(l.proposalId))
      problems.push({
        proposalId: l.proposalId,
        code: 'proposal-not-eligible',
        message: {
          fr: `Le projet ${l.proposalId} n’est pas un projet admissible de cet appel : il ne peut pas avoir de ligne dans la décision.`,
          en: `The proposal ${l.proposalId} is not an eligible proposal of this call: it cannot have a line in the decision.`,
        },
      });
    else if (seen.has(l.proposalId))
      problems.push({
        proposalId: l.proposalId,
        code: 'duplicate-line',
        message: { fr: `Le projet ${l.proposalId} a deux lignes : une seule par projet.`, en: `The proposal ${l.proposalId} has two lines: one per proposal.` },
      });
    seen.add(l.proposalId);
  }
  return problems;
}

function reasonRequired(p: DecidedProposal, what: Localized): LineProblem {
  const n = name(p);
  return { proposalId: p.id, code: 'reason-required', message: { fr: `${n.fr} : ${what.fr}`, en: `${n.en}: ${what.en}` } };
}

/**
 * The decision's lines, one per eligible proposal (in the order given), from
 * what it starts from (`base`: the recommendation's or the scenario's lines;
 * null when decided by hand) and the manager's lines: a departure from the
 * base needs a written reason; a proposal with no line of either is not funded.
 */
export function decide(
  eligible: readonly DecidedProposal[],
  base: ReadonlyMap<string, BaseLine> | null,
  inputs: readonly LineInput[],
  amountAvailable: number,
): { lines: DecisionLine[]; problems: LineProblem[] } {
  const byId = new Map(eligible.map((p) => [p.id, p]));
  const problems = unknownOrRepeated(inputs, byId);
  const given = new Map(inputs.map((l) => [l.proposalId, l]));
  const lines: DecisionLine[] = [];
  for (const p of eligible) {
    const from = base?.get(p.id) ?? null;
    const input = given.get(p.id);
    if (input) {
      problems.push(...lineProblems(p, input));
      const supplement = input.supplement ?? null;
      if (base && input.reason.trim() === '')
        problems.push(
          reasonRequired(p, {
            fr: 'un écart à la recommandation doit avoir un motif écrit.',
            en: 'a departure from the recommendation needs a written reason.',
          }),
        );
      const line = { amount: input.amount + (supplement?.amount ?? 0), years: input.years, supplement };
      const departs = base !== null && !(from && sameLine(line, from)) && !(!from && line.amount === 0);
      const reason = input.reason.trim() || (from?.reason ?? '') || (line.amount === 0 ? NOT_RETAINED.fr : 'Financé');
      lines.push(decisionLine(p, { ...input, reason, supplement }, base ? (from?.amount ?? 0) : null, departs ? { reason: input.reason.trim() } : null));
    } else if (from) {
      const within = from.amount - (from.supplement?.amount ?? 0);
      problems.push(...lineProblems(p, { amount: within, years: from.years, supplement: from.supplement }));
      lines.push(decisionLine(p, { amount: within, years: from.years, reason: from.reason, supplement: from.supplement }, from.amount, null));
    } else {
      lines.push(decisionLine(p, { amount: 0, years: p.durationYears, reason: NOT_RETAINED.fr, supplement: null }, base ? 0 : null, null));
    }
  }
  problems.push(...totalProblem(lines, amountAvailable));
  return { lines, problems };
}

/**
 * An amendment's lines: each changed line needs its reason; lines not named stay as they are. The
 * changes are the lines that differ, before and after; an amendment that changes nothing is refused.
 */
export function amend(
  current: readonly DecisionLine[],
  known: ReadonlyMap<string, DecidedProposal>,
  inputs: readonly LineInput[],
  amountAvailable: number,
): { lines: DecisionLine[]; changes: { proposalId: string; before: DecisionLine; after: DecisionLine }[]; problems: LineProblem[] } {
  // The proposals as they stand (their minimum and years), for the decision's lines; a line whose proposal is gone keeps its own figures.
  const proposals = new Map<string, DecidedProposal>(
    current.map((l) => [
      l.proposalId,
      known.get(l.proposalId) ?? {
        id: l.proposalId,
        organizationId: l.organizationId,
        organizationName: l.organizationName,
        title: l.title,
        requested: l.requested,
        minimum: 0,
        durationYears: l.years,
      },
    ]),
  );
  const problems = unknownOrRepeated(inputs, proposals);
  const given = new Map(inputs.map((l) => [l.proposalId, l]));
  const changes: { proposalId: string; before: DecisionLine; after: DecisionLine }[] = [];
  const lines = current.map((before) => {
    const input = given.get(before.proposalId);
    if (!input) return before;
    const p = proposals.get(before.proposalId)!;
    problems.push(...lineProblems(p, input));
    if (input.reason.trim() === '')
      problems.push(reasonRequired(p, { fr: 'une ligne amendée doit avoir un motif écrit.', en: 'an amended line needs a written reason.' }));
    const after = decisionLine(p, { ...input, supplement: input.supplement ?? null }, before.recommended, null);
    const departs = before.recommended !== null && after.amount !== before.recommended;
    const line: DecisionLine = {
      ...after,
      years: after.amount === 0 ? before.years : after.years,
      departure: departs ? { reason: input.reason.trim() } : null,
    };
    line.perYear = splitPerYear(line.amount, line.years);
    if (sameLine(line, before) && line.reason === before.reason) return before;
    changes.push({ proposalId: before.proposalId, before, after: line });
    return line;
  });
  problems.push(...totalProblem(lines, amountAvailable));
  if (problems.length === 0 && changes.length === 0)
    problems.push({
      proposalId: null,
      code: 'nothing-changed',
      message: { fr: 'L’amendement ne change aucune ligne de la décision.', en: 'The amendment changes no line of the decision.' },
    });
  return { lines, changes, problems };
}

/** The sum of the lines' amounts. */
export const totalOf = (lines: readonly { amount: number }[]) => lines.reduce((s, l) => s + l.amount, 0);

/** What an organization reads of the decision on one of its proposals: its own line, never another's. */
export interface ProposalOutcome {
  callId: string;
  callTitle: string;
  proposalId: string;
  title: string;
  funded: boolean;
  /** For the whole period (supplement included), and each year's. */
  amount: number;
  years: 1 | 2;
  perYear: number[];
  supplement: { amount: number; reason: string } | null;
  reason: string;
  decidedAt: string;
  /** The last amendment that changed this line; null when none did. */
  amendedAt: string | null;
}

/** A decision letter's data: what the institution writes to the organization about one proposal. */
export interface DecisionLetter extends ProposalOutcome {
  institution: string;
  organizationId: string;
  organizationName: string;
  requested: number;
  /** The letter's date: the decision's, or the last amendment's that changed the line. */
  date: string;
  /** The deciding manager (the one who amended, for an amended line). */
  signatory: string;
  /** The amendments of this line, oldest first: what it was and why it changed. */
  amendments: { number: number; at: string; reason: string; before: number; after: number }[];
}

/** The organization's outcome of one line of a decision. */
export function outcomeOf(
  decision: { callId: string; decidedAt: string; amendments: readonly { at: string; changes: readonly { proposalId: string }[] }[] },
  callTitle: string,
  line: DecisionLine,
): ProposalOutcome {
  const amended = decision.amendments.filter((a) => a.changes.some((c) => c.proposalId === line.proposalId));
  return {
    callId: decision.callId,
    callTitle,
    proposalId: line.proposalId,
    title: line.title,
    funded: line.amount > 0,
    amount: line.amount,
    years: line.years,
    perYear: line.perYear,
    supplement: line.supplement,
    reason: line.reason,
    decidedAt: decision.decidedAt,
    amendedAt: amended.at(-1)?.at ?? null,
  };
}
