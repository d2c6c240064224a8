/**
 * Envelope arithmetic (enveloppe budgétaire): from the program budget, take
 * the deductions (e.g. administration fees), reserve the community share,
 * add what a deferred year carried over. Each step is returned as a line so
 * people see how the amount available was reached, not only the result.
 */
import type { Localized } from './errors';
import { applyBasisPoints, formatBasisPoints, formatMoney } from './money';

export type Deduction = { label: string; kind: 'percent'; basisPoints: number } | { label: string; kind: 'amount'; cents: number };

export interface EnvelopeFigures {
  programBudget: number;
  deductions: Deduction[];
  /** Share of the budget after deductions reserved for community organizations, in basis points. */
  communityShareBasisPoints: number;
  carryOver?: { cents: number; fromFiscalYear: number } | null;
  /** What the ledger carried in from the previous year's envelope (recorded by a carry-over, not typed in the form). */
  carriedIn?: { cents: number; fromFiscalYear: number } | null;
  /** What the ledger carried out to the next year's envelope: no longer available here. */
  carriedOut?: { cents: number; toFiscalYear: number } | null;
}

interface ArithmeticLine {
  /** `+` adds to, `-` takes from the running amount; `=` states a subtotal. */
  op: '+' | '-' | '=' | '×';
  label: Localized;
  cents: number;
}

export interface EnvelopeComputation {
  deductionsTotal: number;
  afterDeductions: number;
  communityShare: number;
  carryOver: number;
  available: number;
  lines: ArithmeticLine[];
}

/** Percent deductions apply to the program budget; the community share to what remains. */
export function computeEnvelope(figures: EnvelopeFigures): EnvelopeComputation {
  const lines: ArithmeticLine[] = [{ op: '=', label: { fr: 'Budget du programme', en: 'Program budget' }, cents: figures.programBudget }];
  let deductionsTotal = 0;
  for (const d of figures.deductions) {
    const cents = d.kind === 'percent' ? applyBasisPoints(figures.programBudget, d.basisPoints) : d.cents;
    deductionsTotal += cents;
    const pct =
      d.kind === 'percent' ? { fr: ` (${formatBasisPoints(d.basisPoints, 'fr')})`, en: ` (${formatBasisPoints(d.basisPoints, 'en')})` } : { fr: '', en: '' };
    lines.push({ op: '-', label: { fr: d.label + pct.fr, en: d.label + pct.en }, cents });
  }
  const afterDeductions = figures.programBudget - deductionsTotal;
  lines.push({ op: '=', label: { fr: 'Budget après déductions', en: 'Budget after deductions' }, cents: afterDeductions });
  const communityShare = applyBasisPoints(afterDeductions, figures.communityShareBasisPoints);
  lines.push({
    op: '×',
    label: {
      fr: `Part réservée aux organismes communautaires (${formatBasisPoints(figures.communityShareBasisPoints, 'fr')})`,
      en: `Share reserved for community organizations (${formatBasisPoints(figures.communityShareBasisPoints, 'en')})`,
    },
    cents: communityShare,
  });
  const carryOver = figures.carryOver?.cents ?? 0;
  if (figures.carryOver && carryOver > 0) {
    const from = figures.carryOver.fromFiscalYear;
    lines.push({
      op: '+',
      label: { fr: `Report de l’exercice ${from}-${from + 1}`, en: `Carried over from fiscal year ${from}-${from + 1}` },
      cents: carryOver,
    });
  }
  let available = communityShare + carryOver;
  if (figures.carriedIn && figures.carriedIn.cents > 0) {
    const from = figures.carriedIn.fromFiscalYear;
    available += figures.carriedIn.cents;
    lines.push({
      op: '+',
      label: { fr: `Solde reporté de l’exercice ${from}-${from + 1}`, en: `Balance carried over from fiscal year ${from}-${from + 1}` },
      cents: figures.carriedIn.cents,
    });
  }
  if (figures.carriedOut && figures.carriedOut.cents > 0) {
    const to = figures.carriedOut.toFiscalYear;
    available -= figures.carriedOut.cents;
    lines.push({
      op: '-',
      label: { fr: `Solde reporté à l’exercice ${to}-${to + 1}`, en: `Balance carried over to fiscal year ${to}-${to + 1}` },
      cents: figures.carriedOut.cents,
    });
  }
  lines.push({ op: '=', label: { fr: 'Montant disponible', en: 'Amount available' }, cents: available });
  return { deductionsTotal, afterDeductions, communityShare, carryOver, available, lines };
}

/**
 * The calls of an envelope may not promise more than it holds: a new
 * amount `available` for the envelope is refused while its calls already
 * commit more. Returns the refusal, with both figures, or null.
 */
export function shrinkRefusal(available: number, committed: number): Localized | null {
  if (committed <= available) return null;
  return {
    fr: `Le montant disponible deviendrait ${formatMoney(available, 'fr')}, mais les appels de projets de cette enveloppe (et les ententes d’autres exercices qu’elle finance) en engagent déjà ${formatMoney(committed, 'fr')}. Réduisez d’abord le montant d’un appel en brouillon, ou gardez un montant disponible d’au moins ${formatMoney(committed, 'fr')}.`,
    en: `The amount available would become ${formatMoney(available, 'en')}, but this envelope's calls for projects (and the agreements of other years it funds) already commit ${formatMoney(committed, 'en')}. First reduce a draft call's amount, or keep at least ${formatMoney(committed, 'en')} available.`,
  };
}

/** A call (new, or raised) asking more than what remains in its envelope. */
export function overcommitRefusal(amount: number, remaining: number): Localized {
  return {
    fr: `Le montant de l’appel (${formatMoney(amount, 'fr')}) dépasse ce qui reste dans l’enveloppe (${formatMoney(remaining, 'fr')}).`,
    en: `The call's amount (${formatMoney(amount, 'en')}) exceeds what remains in the envelope (${formatMoney(remaining, 'en')}).`,
  };
}

/** A new amount `available` below what the envelope's signed agreements already commit. */
export function ledgerShrinkRefusal(available: number, committed: number): Localized {
  return {
    fr: `Le montant disponible deviendrait ${formatMoney(available, 'fr')}, mais les ententes signées de cette enveloppe en engagent déjà ${formatMoney(committed, 'fr')}. Gardez un montant disponible d’au moins ${formatMoney(committed, 'fr')}.`,
    en: `The amount available would become ${formatMoney(available, 'en')}, but this envelope's signed agreements already commit ${formatMoney(committed, 'en')}. Keep at least ${formatMoney(committed, 'en')} available.`,
  };
}
