/**
 * The rules of a call's scoring grid, shared by the API (which enforces them)
 * and the web app (which runs them before sending, in the same words): what
 * the grid may hold for this call, its changes of state (draft → open →
 * closed, reopened to draft with a reason), and a score sheet against it.
 */
import type { Call } from '../domain';
import type { FieldProblem, Localized } from '../errors';
import { ruleProblem } from '../validation';
import type { GridCriterionDef, ScoringGrid, ScoringStatus } from './domain';

/** A needs-linked criterion scores the call's retained needs: a call that retains none cannot have one. */
export function checkGridAgainstCall(call: Pick<Call, 'needs'>, criteria: readonly Pick<GridCriterionDef, 'linkedToNeeds'>[]): FieldProblem[] {
  if (!criteria.some((k) => k.linkedToNeeds) || (call.needs ?? []).length > 0) return [];
  return [
    {
      path: 'criteria',
      code: 'needs_linked_without_needs',
      message: {
        fr: 'Cet appel ne retient aucun besoin : un critère lié aux besoins ne peut pas s’y appliquer.',
        en: 'This call retains no needs: a needs-linked criterion cannot apply.',
      },
    },
  ];
}

/**
 * Why the grid cannot be saved as sent, or null: the first save creates it
 * (no version), later ones give its version, and only a draft grid changes
 * (a grid in use is reopened first, with a reason).
 */
export function gridEditRefusal(current: Pick<ScoringGrid, 'status'> | null, version: number | null): Localized | null {
  if (!current) return version === null ? null : { fr: 'Cet appel n’a pas encore de grille.', en: 'This call has no grid yet.' };
  if (current.status !== 'draft') {
    return {
      fr: 'La grille est verrouillée depuis le début de l’évaluation : rouvrez-la en donnant la raison pour la modifier.',
      en: 'The grid has been locked since scoring started: reopen it, giving the reason, to change it.',
    };
  }
  if (version === null) return { fr: 'Cet appel a déjà une grille : indiquez sa version.', en: 'This call already has a grid: give its version.' };
  return null;
}

export type GridStep = 'open' | 'reopen' | 'close';

/** Why the grid cannot take this step from its status, or null. */
export function gridStepRefusal(status: ScoringStatus, step: GridStep): Localized | null {
  if (step === 'open' && status === 'open') return { fr: 'L’évaluation est déjà ouverte.', en: 'Scoring is already open.' };
  if (step === 'reopen' && status === 'draft') return { fr: 'La grille est déjà modifiable.', en: 'The grid can already be changed.' };
  if (step === 'close' && status !== 'open') return { fr: 'L’évaluation n’est pas ouverte.', en: 'Scoring is not open.' };
  return null;
}

/** Scoring opens until `closesAt`; the first opening is kept through reopenings (it dates recusals). */
export function openedGrid(grid: ScoringGrid, closesAt: string, now: Date): ScoringGrid {
  return {
    ...grid,
    status: 'open',
    closesAt: new Date(closesAt).toISOString(),
    openedAt: now.toISOString(),
    firstOpenedAt: grid.firstOpenedAt ?? grid.openedAt ?? now.toISOString(),
  };
}

/** Reopened with its reason: sheets already given keep the version they were scored on; the changed grid is a new version. */
export function reopenedGrid(grid: ScoringGrid, reopening: { at: string; by: string; reason: string }): ScoringGrid {
  return {
    ...grid,
    status: 'draft',
    gridVersion: grid.gridVersion + 1,
    reopenings: [...grid.reopenings, { ...reopening, fromGridVersion: grid.gridVersion }],
  };
}

/** Closed now: no score changes after. */
export function closedGrid(grid: ScoringGrid, now: Date): ScoringGrid {
  return { ...grid, status: 'closed', closesAt: now.toISOString() };
}

/** A sheet against the grid: known criteria, values within each scale, none on a needs-linked criterion; complete when submitted. */
export function checkSheet(grid: Pick<ScoringGrid, 'criteria'>, scores: Readonly<Record<string, { value: number }>>, submit: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const byId = new Map(grid.criteria.map((c) => [c.id, c]));
  for (const [criterionId, s] of Object.entries(scores)) {
    const c = byId.get(criterionId);
    if (!c) problems.push(ruleProblem(`scores.${criterionId}`, 'unknown_criterion', { criterionId }));
    else if (c.linkedToNeeds) problems.push(ruleProblem(`scores.${criterionId}`, 'criterion_scored_from_needs'));
    else if (s.value > c.scale) problems.push(ruleProblem(`scores.${criterionId}.value`, 'score_above_scale', { scale: c.scale }));
  }
  if (submit) {
    const missing = grid.criteria.filter((c) => !c.linkedToNeeds && scores[c.id] === undefined);
    if (missing.length > 0) problems.push(ruleProblem('scores', 'sheet_incomplete', { missing: missing.map((c) => c.label).join(', ') }));
  }
  return problems;
}
