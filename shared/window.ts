/**
 * "Still open?": a prioritization round, a scoring grid, an approval vote and
 * a revision round take input while their status is `open` and until their
 * closing instant, exclusive (at the closing second it is closed, as a call's
 * window in `windowPhase`). The API checks it before writing (DynamoDB checks
 * it again at write time) and says it to the web app as `accepting…` flags.
 */
import type { FieldProblem } from './errors';
import { ruleProblem } from './validation';

interface Window {
  status: string;
  /** The closing instant (ISO 8601); null while none is set (a grid not yet opened). */
  closesAt: string | null;
}

/** Whether the window takes input at `now`: open, and `now` strictly before its closing instant. */
export function isAccepting(window: Window, now: Date): boolean {
  return window.status === 'open' && window.closesAt !== null && Date.parse(window.closesAt) > now.getTime();
}

/** A closing instant set when something opens must be in the future; the problem is reported at `path`. */
export function checkClosesLater(path: string, closesAt: string, now: Date): FieldProblem[] {
  return Date.parse(closesAt) <= now.getTime() ? [ruleProblem(path, 'closes_before_opens')] : [];
}
