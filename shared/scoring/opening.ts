/**
 * When the table may start scoring a call. Scoring reads the proposals as
 * screened; while the call still takes submissions, an organization may
 * submit a new version, which the screening no longer covers. So scoring
 * opens only once the call has closed (a closed call never reopens: an
 * extension is refused after the deadline). The server enforces it with a
 * condition on the call item; the web app runs the same rule to explain why
 * the button is unavailable, in the same words.
 */
import { formatDateTime, type WindowPhase } from '../dates';
import type { Localized } from '../errors';

export type ScoringOpeningBlock = { reason: 'call-unpublished' } | { reason: 'call-not-closed'; closesAt: string };

/**
 * Why scoring cannot open on this call, or null when it can. `phase` is the
 * call's submission window by the server's clock (`windowPhase`, or the
 * `phase` the API sends with a call).
 */
export function scoringOpeningBlock(call: { status: string; closesAt: string }, phase: WindowPhase): ScoringOpeningBlock | null {
  if (call.status !== 'published') return { reason: 'call-unpublished' };
  if (phase !== 'closed') return { reason: 'call-not-closed', closesAt: call.closesAt };
  return null;
}

export function scoringOpeningBlockText(block: ScoringOpeningBlock): Localized {
  if (block.reason === 'call-unpublished') {
    return {
      fr: 'L’appel n’est pas encore publié : l’évaluation s’ouvre après la fermeture de l’appel.',
      en: 'The call is not published yet: scoring opens after the call has closed.',
    };
  }
  return {
    fr: `L’évaluation pourra s’ouvrir après la fermeture de l’appel, le ${formatDateTime(block.closesAt, 'fr')} (heure de Montréal) : d’ici là, les organismes peuvent encore déposer ou modifier leurs projets.`,
    en: `Scoring can open once the call has closed, on ${formatDateTime(block.closesAt, 'en')} (Montreal time): until then, organizations can still submit or change their proposals.`,
  };
}

/**
 * Whether a screening may change a proposal's eligibility. Once scoring has
 * started (the grid is open or closed), evaluators score the proposals as
 * screened: turning one eligible or ineligible then would add it to, or take
 * it out of, their lists without anyone seeing why. Such a change waits for
 * the grid to be reopened, which asks for a reason kept in the file and shows
 * to every evaluator. A first screening of a proposal not yet screened, or a
 * screening that keeps its outcome (reasons corrected), stays possible.
 */
export function screeningChangeRefusal(
  gridStatus: string | null,
  previousOutcome: 'eligible' | 'ineligible' | null,
  nextOutcome: 'eligible' | 'ineligible',
): Localized | null {
  if (gridStatus === null || gridStatus === 'draft') return null;
  if (previousOutcome === null || previousOutcome === nextOutcome) return null;
  return {
    fr: 'L’évaluation de cet appel a commencé : la recevabilité de ce projet ne change plus. Pour la changer, rouvrez la grille avec une raison, consignée au dossier et vue par les évaluateurs.',
    en: 'Scoring has started on this call: this proposal’s eligibility no longer changes. To change it, reopen the grid with a reason, kept in the file and seen by the evaluators.',
  };
}
