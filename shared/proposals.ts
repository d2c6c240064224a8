/**
 * The rules of a proposal against its call, of a call's submissions summary
 * and of a screening, shared by the API (which enforces them) and the web app
 * (which runs them before sending, in the same words).
 */
import type { Call, EligibilityCriterion, ScreeningOutcome, SubmissionRow, SubmissionsSummary } from './domain';
import { displayStatus } from './domain';
import type { FieldProblem } from './errors';
import { formatMoney } from './money';
import type { ProposalDraft } from './schemas/proposal';

/**
 * Rules that depend on the call, checked on drafts (fields given) and on
 * submissions; `prefix` is where the content sits in the request body
 * (`draft.` or `content.`).
 */
export function checkAgainstCall(
  call: Pick<Call, 'maxRequest' | 'allowedDurations' | 'needs'>,
  content: Pick<ProposalDraft, 'requested' | 'durationYears' | 'needIds'>,
  prefix: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (content.requested !== undefined && content.requested > call.maxRequest) {
    problems.push({
      path: `${prefix}requested`,
      code: 'above_max_request',
      message: {
        fr: `Le montant demandé dépasse la demande maximale de l’appel (${formatMoney(call.maxRequest, 'fr')}).`,
        en: `The requested amount exceeds the call's maximum request (${formatMoney(call.maxRequest, 'en')}).`,
      },
    });
  }
  if (content.durationYears !== undefined && !(call.allowedDurations as number[]).includes(content.durationYears)) {
    problems.push({
      path: `${prefix}durationYears`,
      code: 'duration_not_allowed',
      message: { fr: 'Cet appel n’accepte que des projets d’un an.', en: 'This call only accepts one-year projects.' },
    });
  }
  const offered = new Set((call.needs ?? []).map((n) => n.id));
  for (const [i, needId] of (content.needIds ?? []).entries()) {
    if (!offered.has(needId)) {
      problems.push({
        path: `${prefix}needIds.${i}`,
        code: 'unknown_need',
        message: { fr: 'Ce besoin ne fait pas partie des besoins retenus par l’appel.', en: 'This need is not one of the call’s retained needs.' },
      });
    }
  }
  return problems;
}

/** A call's submissions against its amount: counts by status, the total requested (ineligible ones left out) and, per retained need, who answers it. */
export function summarize(call: Pick<Call, 'amountAvailable' | 'needs'>, rows: readonly SubmissionRow[]): SubmissionsSummary {
  const byStatus = { submitted: 0, eligible: 0, ineligible: 0, withdrawn: 0 };
  let totalRequested = 0;
  let submittedCount = 0;
  for (const r of rows) {
    const shown = displayStatus(r);
    // Awaiting screening again counts with the submissions to screen.
    byStatus[shown === 'rescreen' ? 'submitted' : (shown as keyof typeof byStatus)] += 1;
    if (r.status === 'submitted') {
      if (r.screeningOutcome !== 'ineligible') totalRequested += r.requested;
      submittedCount += 1;
    }
  }
  const byNeed = (call.needs ?? []).map((n) => {
    const answering = rows.filter((r) => r.status === 'submitted' && r.screeningOutcome !== 'ineligible' && (r.needIds ?? []).includes(n.id));
    return { needId: n.id, statement: n.statement, proposals: answering.length, requested: answering.reduce((s, r) => s + r.requested, 0) };
  });
  return {
    amountAvailable: call.amountAvailable,
    totalRequested,
    submittedCount,
    excess: Math.max(0, totalRequested - call.amountAvailable),
    byStatus,
    byNeed,
  };
}

/** A screening against its call's criteria: each result names one of them, and every criterion is assessed. */
export function checkScreening(criteria: readonly Pick<EligibilityCriterion, 'id' | 'label'>[], results: readonly { criterionId: string }[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [i, r] of results.entries()) {
    if (!criteria.some((k) => k.id === r.criterionId)) {
      problems.push({
        path: `results.${i}.criterionId`,
        code: 'unknown_criterion',
        message: { fr: 'Ce critère n’appartient pas à l’appel.', en: 'This criterion does not belong to the call.' },
      });
    }
  }
  const assessed = new Set(results.map((r) => r.criterionId));
  for (const k of criteria) {
    if (!assessed.has(k.id)) {
      problems.push({
        path: 'results',
        code: 'missing_criterion',
        message: { fr: `Le critère « ${k.label} » n’a pas été évalué.`, en: `The criterion “${k.label}” was not assessed.` },
      });
    }
  }
  return problems;
}

/** Eligible when every criterion is met; one criterion not met makes the proposal ineligible. */
export function screeningOutcome(results: readonly { met: boolean }[]): ScreeningOutcome {
  return results.every((r) => r.met) ? 'eligible' : 'ineligible';
}
