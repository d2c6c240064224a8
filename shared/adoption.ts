/**
 * The rules of adopting a recommendation (../shared/METHODS.md §5), pure:
 * the quorum of a line, whether it passes, the tallies of a vote, the
 * checks of a recommendation's lines, and the table's rules in plain words.
 * The recommendations context (functions/recommendations) stores what these
 * compute; the web app shows the same words.
 */
import type { SubmissionRow } from './domain';
import type { Localized } from './errors';
import { formatMoney } from './money';
import type { AdoptionChoice, AdoptionRules, LineRecusal, LineTally, RecommendationLine } from './recommendation';

/** The table's vote on a recommendation version: who votes, who is recused from which line, by which rules, until when. */
export interface AdoptionVote {
  callId: string;
  /** The recommendation version voted on. */
  number: number;
  status: 'open' | 'closed';
  closesAt: string;
  closedAt: string | null;
  tableId: string;
  tableName: string;
  /** The table's voting members with an active membership when the vote opened. */
  electorate: { userId: string; name: string; represents: string }[];
  recusals: LineRecusal[];
  rules: AdoptionRules;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** One member's ballot on one vote: a choice per line (a line left out is no choice). Replaced until the close; the last counts. */
export interface AdoptionBallot {
  userId: string;
  number: number;
  choices: Record<string, AdoptionChoice>;
  submittedAt: string;
  version: number;
}

/** The least number of members who must cast anything on a line of electorate `e` (0 when nobody may vote). */
export function lineQuorum(e: number, rules: Pick<AdoptionRules, 'quorum'>): number {
  if (e <= 0) return 0;
  if (rules.quorum === null) return Math.floor(e / 2) + 1;
  // Rounded to a millionth first, so that q = 0.6667 of 3 members reads 2, not 3 (a float's dust).
  return Math.max(1, Math.ceil(Math.round(rules.quorum * e * 1e6) / 1e6));
}

/**
 * Whether a line with quorum passes: simple `for > against`; qualified `3·for ≥ 2·(for + against)`, as
 * METHODS.md §5 writes it. Taken to the letter, a line where everyone present abstains passes a qualified
 * majority (0 ≥ 0) and fails a simple one (0 > 0 is false): the minutes show the tallies that say so.
 */
export function passes(forCount: number, against: number, majority: AdoptionRules['majority']): boolean {
  if (majority === 'simple') return forCount > against;
  return 3 * forCount >= 2 * (forCount + against);
}

/** The tally of one line from the choices cast on it by its electorate (recused members and outsiders already left out). */
export function tallyLine(
  line: { proposalId: string; electorate: number; recused: number; choices: readonly AdoptionChoice[] },
  rules: AdoptionRules,
): LineTally {
  const count = (c: AdoptionChoice) => line.choices.filter((x) => x === c).length;
  const f = count('for');
  const a = count('against');
  const ab = count('abstain');
  const quorum = lineQuorum(line.electorate, rules);
  const base = { proposalId: line.proposalId, electorate: line.electorate, quorum, for: f, against: a, abstain: ab, recused: line.recused };
  if (line.electorate === 0) return { ...base, outcome: 'no-electorate' };
  if (f + a + ab < quorum) return { ...base, outcome: 'failed-quorum' };
  return { ...base, outcome: passes(f, a, rules.majority) ? 'passed' : 'failed-majority' };
}

/**
 * The tallies of a vote: per line, the electorate less those recused from it; only the ballots of that
 * electorate count (a recused member's choice on the line, or a stranger's ballot, counts for nothing).
 * Adopted when every line that can be voted passes; a line without electorate goes to the manager with
 * that fact stated, and blocks nothing.
 */
export function tallyVote(input: {
  lines: readonly { proposalId: string }[];
  electorate: readonly { userId: string }[];
  recusals: readonly { proposalId: string; userId: string }[];
  ballots: readonly { userId: string; choices: Record<string, AdoptionChoice> }[];
  rules: AdoptionRules;
}): { tallies: LineTally[]; adopted: boolean } {
  const voters = new Set(input.electorate.map((v) => v.userId));
  const ballots = input.ballots.filter((b) => voters.has(b.userId));
  const tallies = input.lines.map((line) => {
    const recused = new Set(input.recusals.filter((r) => r.proposalId === line.proposalId && voters.has(r.userId)).map((r) => r.userId));
    const choices = ballots.filter((b) => !recused.has(b.userId)).flatMap((b) => (b.choices[line.proposalId] ? [b.choices[line.proposalId]!] : []));
    return tallyLine({ proposalId: line.proposalId, electorate: voters.size - recused.size, recused: recused.size, choices }, input.rules);
  });
  return { tallies, adopted: tallies.every((t) => t.outcome === 'passed' || t.outcome === 'no-electorate') };
}

/** A member, as the recusal rule reads them: their membership's organization and the one they represent at the table. */
export interface AdoptionVoter {
  userId: string;
  name: string;
  organizationId: string | null;
  representsOrganizationId: string | null;
}

/**
 * Who is recused from which line: a member representing the proposal's organization (their membership's or
 * the one they represent at the table), else one with a tie (`tiedWith`: the scoring rule's recusals, declared
 * ties or a declared conflict on the proposal).
 */
export function lineRecusals(
  voters: readonly AdoptionVoter[],
  lines: readonly Pick<RecommendationLine, 'proposalId' | 'organizationId'>[],
  tiedWith: (userId: string, proposalId: string) => boolean,
): LineRecusal[] {
  const out: LineRecusal[] = [];
  for (const line of lines) {
    for (const v of voters) {
      if (v.organizationId === line.organizationId || (v.representsOrganizationId !== null && v.representsOrganizationId === line.organizationId))
        out.push({ proposalId: line.proposalId, userId: v.userId, name: v.name, reason: 'represents' });
      else if (tiedWith(v.userId, line.proposalId)) out.push({ proposalId: line.proposalId, userId: v.userId, name: v.name, reason: 'declared-tie' });
    }
  }
  return out;
}

/** What a line of the recommendation may be, as the coordinator sends it. */
export interface LineInput {
  proposalId: string;
  amount: number;
  years: 1 | 2;
  reason: string;
  adjustmentReason: string | null;
  supplement: { amount: number; reason: string } | null;
}

/** A proposal the recommendation may fund (eligible, submitted in the call), with what bounds its line. */
export interface LineBounds {
  id: string;
  organizationId: string;
  organizationName: string;
  title: string;
  requested: number;
  minimum: number;
  durationYears: 1 | 2;
}

export interface LineProblem {
  /** The line's proposal (null for the whole: the total). */
  proposalId: string | null;
  field: string;
  code:
    | 'unknown-proposal'
    | 'duplicate-line'
    | 'amount-out-of-range'
    | 'adjustment-reason-required'
    | 'supplement-reason-required'
    | 'too-many-years'
    | 'over-available';
  message: Localized;
}

const money = (cents: number) => formatMoney(cents, 'fr');
const moneyEn = (cents: number) => formatMoney(cents, 'en');

/** Σ (amount + supplement) of the lines. */
export function recommendationTotal(lines: readonly Pick<LineInput, 'amount' | 'supplement'>[]): number {
  return lines.reduce((s, l) => s + l.amount + (l.supplement?.amount ?? 0), 0);
}

/**
 * Every problem of a recommendation's lines, naming the line and the cause: a proposal not eligible in the
 * call or twice; an amount neither 0 nor between the minimum and the request; an amount changed from the
 * scenario's without its reason; a supplement without its reason; more years than the proposal asks; a
 * total above the amount available (by how much).
 */
export function checkLines(
  lines: readonly LineInput[],
  eligible: ReadonlyMap<string, LineBounds>,
  scenarioAmounts: ReadonlyMap<string, number | null>,
  amountAvailable: number,
): LineProblem[] {
  const problems: LineProblem[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    const p = eligible.get(line.proposalId);
    const at = (field: string) => `lines.${i}.${field}`;
    if (!p) {
      problems.push({
        proposalId: line.proposalId,
        field: at('proposalId'),
        code: 'unknown-proposal',
        message: {
          fr: `Ligne ${i + 1} : le projet « ${line.proposalId} » n’est pas un projet admissible déposé à cet appel.`,
          en: `Line ${i + 1}: the proposal “${line.proposalId}” is not an eligible proposal submitted to this call.`,
        },
      });
      return;
    }
    if (seen.has(p.id)) {
      problems.push({
        proposalId: p.id,
        field: at('proposalId'),
        code: 'duplicate-line',
        message: { fr: `« ${p.title} » a déjà une ligne.`, en: `“${p.title}” already has a line.` },
      });
      return;
    }
    seen.add(p.id);
    if (line.amount !== 0 && (line.amount < p.minimum || line.amount > p.requested))
      problems.push({
        proposalId: p.id,
        field: at('amount'),
        code: 'amount-out-of-range',
        message: {
          fr: `« ${p.title} » : le montant est 0 ou entre le minimum (${money(p.minimum)}) et la demande (${money(p.requested)}) ; au-delà, c’est un supplément avec sa raison.`,
          en: `“${p.title}”: the amount is 0 or between the minimum (${moneyEn(p.minimum)}) and the request (${moneyEn(p.requested)}); above, it is a supplement with its reason.`,
        },
      });
    const scenario = scenarioAmounts.get(p.id) ?? null;
    if (scenario !== null && line.amount !== scenario && !line.adjustmentReason?.trim())
      problems.push({
        proposalId: p.id,
        field: at('adjustmentReason'),
        code: 'adjustment-reason-required',
        message: {
          fr: `« ${p.title} » : le montant diffère de celui du scénario (${money(scenario)}) ; écrivez la raison de l’ajustement.`,
          en: `“${p.title}”: the amount differs from the scenario’s (${moneyEn(scenario)}); write the reason for the adjustment.`,
        },
      });
    if (line.supplement && line.supplement.amount > 0 && !line.supplement.reason.trim())
      problems.push({
        proposalId: p.id,
        field: at('supplement.reason'),
        code: 'supplement-reason-required',
        message: { fr: `« ${p.title} » : un supplément a besoin de sa propre raison.`, en: `“${p.title}”: a supplement needs its own reason.` },
      });
    if (line.years > p.durationYears)
      problems.push({
        proposalId: p.id,
        field: at('years'),
        code: 'too-many-years',
        message: {
          fr: `« ${p.title} » : le projet demande ${p.durationYears} an ; on ne peut pas financer ${line.years} ans.`,
          en: `“${p.title}”: the proposal asks for ${p.durationYears} year; ${line.years} years cannot be funded.`,
        },
      });
  });
  const total = recommendationTotal(lines);
  if (total > amountAvailable)
    problems.push({
      proposalId: null,
      field: 'lines',
      code: 'over-available',
      message: {
        fr: `Le total (${money(total)}) dépasse le montant disponible (${money(amountAvailable)}) de ${money(total - amountAvailable)}.`,
        en: `The total (${moneyEn(total)}) exceeds the amount available (${moneyEn(amountAvailable)}) by ${moneyEn(total - amountAvailable)}.`,
      },
    });
  return problems;
}

/** The table's rules of adoption in plain words, as the table page and the minutes state them. */
export function describeRules(rules: AdoptionRules): { quorum: Localized; majority: Localized; secrecy: Localized } {
  const pct = rules.quorum === null ? null : Math.round(rules.quorum * 1000) / 10;
  return {
    quorum:
      pct === null
        ? { fr: 'Quorum : la majorité des membres votants non récusés', en: 'Quorum: a majority of the voting members not recused' }
        : {
            fr: `Quorum : au moins ${String(pct).replace('.', ',')} % des membres votants non récusés`,
            en: `Quorum: at least ${pct}% of the voting members not recused`,
          },
    majority:
      rules.majority === 'simple'
        ? { fr: 'Majorité simple (plus de pour que de contre)', en: 'Simple majority (more for than against)' }
        : { fr: 'Majorité des deux tiers', en: 'Two-thirds majority' },
    secrecy: rules.secret ? { fr: 'Vote secret', en: 'Secret ballot' } : { fr: 'Vote à découvert', en: 'Open ballot' },
  };
}

/**
 * The first draft's lines: every eligible proposal, by organization, at the scenario's amount and reason (0 and
 * no reason when the scenario leaves it out, or when drafted from nothing: `allocations` null).
 */
export function draftLines(
  rows: readonly Pick<SubmissionRow, 'id' | 'organizationId' | 'organizationName' | 'title' | 'requested' | 'minimum' | 'durationYears'>[],
  allocations: readonly { id: string; amount: number; reason: { fr: string } }[] | null,
): RecommendationLine[] {
  const byId = new Map((allocations ?? []).map((a) => [a.id, a]));
  return [...rows]
    .sort((a, b) => a.organizationName.localeCompare(b.organizationName, 'fr') || a.id.localeCompare(b.id))
    .map((r) => {
      const a = byId.get(r.id);
      return {
        proposalId: r.id,
        organizationId: r.organizationId,
        organizationName: r.organizationName,
        title: r.title,
        requested: r.requested,
        minimum: r.minimum,
        durationYears: r.durationYears,
        amount: a?.amount ?? 0,
        years: r.durationYears,
        reason: a?.reason.fr ?? '',
        scenarioAmount: allocations ? (a?.amount ?? 0) : null,
        adjustmentReason: null,
        supplement: null,
      };
    });
}
