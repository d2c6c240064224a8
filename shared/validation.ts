/**
 * Turns zod issues into field problems with French and English messages.
 * The API and the web app's forms use this same translation, so a person
 * reads the same sentence whether the browser or the server caught the error.
 */
import type { z } from 'zod';
import { type FieldProblem, type Localized, ValidationError } from './errors';
import { formatDateTime } from './dates';
import { formatMoney } from './money';
import { plural } from './plural';

/** Messages of the custom rules, keyed by the `code` their refinements set in `params`. */
const CUSTOM: Record<string, (p: Record<string, unknown>) => Localized> = {
  budget_lines_sum: (p) => ({
    fr: `Les lignes budgétaires totalisent ${formatMoney(Number(p.sum), 'fr')}, alors que le montant demandé est de ${formatMoney(Number(p.requested), 'fr')}.`,
    en: `The budget lines add up to ${formatMoney(Number(p.sum), 'en')}, but the requested amount is ${formatMoney(Number(p.requested), 'en')}.`,
  }),
  minimum_above_request: () => ({
    fr: 'Le montant minimal viable ne peut pas dépasser le montant demandé.',
    en: 'The minimum viable amount cannot exceed the requested amount.',
  }),
  closes_before_opens: () => ({
    fr: 'La date de fermeture doit être postérieure à la date d’ouverture.',
    en: 'The closing date must come after the opening date.',
  }),
  extension_not_later: (p) => ({
    fr: `La nouvelle date de fermeture doit être postérieure à l’actuelle (${formatDateTime(String(p.current), 'fr')}, heure de Montréal) : une prolongation ne raccourcit jamais l’appel.`,
    en: `The new closing date must come after the current one (${formatDateTime(String(p.current), 'en')}, Montreal time): an extension never shortens the call.`,
  }),
  max_request_above_available: () => ({
    fr: 'La demande maximale ne peut pas dépasser le montant disponible de l’appel.',
    en: 'The maximum request cannot exceed the amount available to the call.',
  }),
  deductions_exceed_budget: () => ({
    fr: 'Les déductions dépassent le budget du programme.',
    en: 'The deductions exceed the program budget.',
  }),
  neq_format: () => ({
    fr: 'Le NEQ doit compter exactement 10 chiffres.',
    en: 'The NEQ (Quebec enterprise number) must have exactly 10 digits.',
  }),
  duplicate_criterion: () => ({
    fr: 'Chaque critère ne peut être évalué qu’une seule fois.',
    en: 'Each criterion can be assessed only once.',
  }),
  reason_required: () => ({
    fr: 'Une justification est requise quand un critère n’est pas respecté.',
    en: 'A reason is required when a criterion is not met.',
  }),
  fractional_cent: () => ({
    fr: 'Le montant doit être un nombre entier de cents (pas de fraction de cent).',
    en: 'The amount must be a whole number of cents (no fraction of a cent).',
  }),
  required: () => ({ fr: 'Ce champ est obligatoire.', en: 'This field is required.' }),
  weights_sum: (p) => ({
    fr: `Les pondérations totalisent ${(Number(p.sum) / 100).toLocaleString('fr-CA')} % au lieu de 100 %.`,
    en: `The weights add up to ${(Number(p.sum) / 100).toLocaleString('en-CA')}% instead of 100%.`,
  }),
  level_above_scale: (p) => ({
    fr: `Un niveau ne peut pas dépasser le maximum de l’échelle (${String(p.scale)}).`,
    en: `A level cannot exceed the top of the scale (${String(p.scale)}).`,
  }),
  score_above_scale: (p) => ({
    fr: `La note doit être comprise entre 0 et ${String(p.scale)}.`,
    en: `The score must be between 0 and ${String(p.scale)}.`,
  }),
  unknown_criterion: (p) => ({
    fr: `Le critère « ${String(p.criterionId)} » ne fait pas partie de la grille.`,
    en: `Criterion “${String(p.criterionId)}” is not part of the grid.`,
  }),
  criterion_scored_from_needs: () => ({
    fr: 'Ce critère est noté d’après les besoins retenus que le projet déclare : il ne se note pas à la main.',
    en: 'This criterion is scored from the retained needs the proposal declares: it is not scored by hand.',
  }),
  sheet_incomplete: (p) => ({
    fr: `Notez tous les critères avant de soumettre (manque : ${String(p.missing)}).`,
    en: `Score every criterion before submitting (missing: ${String(p.missing)}).`,
  }),
  unknown_proposal: (p) => ({
    fr: `Le projet « ${String(p.proposalId)} » n’est pas soumis à ce vote.`,
    en: `Proposal “${String(p.proposalId)}” is not part of this vote.`,
  }),
  unknown_need: (p) => ({
    fr: `Le besoin « ${String(p.needId)} » ne fait pas partie de ce tour de priorisation.`,
    en: `Need “${String(p.needId)}” is not part of this prioritization round.`,
  }),
  need_not_in_call: (p) => ({
    fr: `Le besoin « ${String(p.needId)} » ne fait pas partie des besoins retenus par l’appel.`,
    en: `Need “${String(p.needId)}” is not one of the call’s retained needs.`,
  }),
  need_twice: (p) => ({
    fr: `Le besoin « ${String(p.needId)} » apparaît plus d’une fois dans le bulletin.`,
    en: `Need “${String(p.needId)}” appears more than once in the ballot.`,
  }),
  points_over_budget: (p) => ({
    fr: `Le bulletin distribue ${String(p.total)} points alors que chaque membre en a ${String(p.budget)}.`,
    en: `The ballot hands out ${String(p.total)} points, but each member has ${String(p.budget)}.`,
  }),
  too_many_approvals: (p) => ({
    fr: `Au plus ${String(p.max)} besoins peuvent être choisis; le bulletin en choisit ${String(p.count)}.`,
    en: `At most ${String(p.max)} needs may be picked; the ballot picks ${String(p.count)}.`,
  }),
  wrong_ballot_kind: (p) => ({
    fr: `Ce tour se vote par ${String(p.expectedFr)} : le bulletin doit contenir « ${String(p.field)} » et seulement ce champ.`,
    en: `This round is voted by ${String(p.expectedEn)}: the ballot must hold “${String(p.field)}” and only that field.`,
  }),
  method_needs_points: () => ({
    fr: 'Indiquez combien de points chaque membre distribue.',
    en: 'Say how many points each member hands out.',
  }),
  method_needs_max: () => ({
    fr: 'Indiquez combien de besoins chaque membre peut choisir.',
    en: 'Say how many needs each member may pick.',
  }),
  invited_on_open_call: () => ({
    fr: 'Un appel ouvert à tous les organismes n’invite personne : choisissez « Sur invitation seulement » ou retirez les organismes.',
    en: 'A call open to every organization invites no one: choose “By invitation only” or remove the organizations.',
  }),
  duplicate_value: () => ({
    fr: 'Chaque valeur ne peut figurer qu’une fois.',
    en: 'Each value may appear only once.',
  }),
  answer_empty: () => ({
    fr: 'Proposez au moins un besoin ou choisissez au moins un besoin de la liste.',
    en: 'Propose at least one need or pick at least one need from the list.',
  }),
  tie_break_required: (p) => ({
    fr: `Les besoins retenus coupent une égalité du résultat (${String(p.tied)}) : décrivez comment la table l’a départagée.`,
    en: `The retained needs cut through a tie of the result (${String(p.tied)}): describe how the table broke it.`,
  }),
  organization_required: () => ({
    fr: 'Choisissez l’organisme que la personne représente.',
    en: 'Choose the organization the person represents.',
  }),
  organization_not_allowed: () => ({
    fr: 'Seul le rôle « Organisme communautaire » se rattache à un organisme.',
    en: 'Only the “Community organization” role is tied to an organization.',
  }),
  calendar_date: () => ({
    fr: 'Date invalide : écrivez-la AAAA-MM-JJ (p. ex. 2026-04-01).',
    en: 'Invalid date: write it YYYY-MM-DD (e.g. 2026-04-01).',
  }),
  carry_over_year: () => ({
    fr: 'Le report doit provenir d’un exercice antérieur.',
    en: 'A carry-over must come from an earlier fiscal year.',
  }),
};

function describeLimit(origin: unknown, limit: unknown, big: boolean): Localized {
  const n = Number(limit);
  if (origin === 'string') {
    return big
      ? { fr: `Au plus ${n} caractères.`, en: `At most ${n} characters.` }
      : n <= 1
        ? { fr: 'Ce champ est obligatoire.', en: 'This field is required.' }
        : { fr: `Au moins ${n} caractères.`, en: `At least ${n} characters.` };
  }
  if (origin === 'array' || origin === 'set') {
    return big
      ? { fr: `Au plus ${n} éléments.`, en: `At most ${n} items.` }
      : { fr: `Au moins ${n} ${plural('fr', n, 'élément', 'éléments')}.`, en: `At least ${n} ${plural('en', n, 'item', 'items')}.` };
  }
  return big
    ? { fr: `La valeur doit être d’au plus ${n}.`, en: `The value must be at most ${n}.` }
    : n === 0
      ? { fr: 'La valeur ne peut pas être négative.', en: 'The value cannot be negative.' }
      : { fr: `La valeur doit être d’au moins ${n}.`, en: `The value must be at least ${n}.` };
}

const TYPE_NAMES: Record<string, Localized> = {
  string: { fr: 'un texte', en: 'a text' },
  number: { fr: 'un nombre', en: 'a number' },
  int: { fr: 'un nombre entier', en: 'a whole number' },
  boolean: { fr: 'vrai ou faux', en: 'true or false' },
  array: { fr: 'une liste', en: 'a list' },
  object: { fr: 'un objet', en: 'an object' },
};

/** One zod issue in both languages. */
function describeIssue(issue: z.core.$ZodIssue): { code: string; message: Localized } {
  const i = issue as z.core.$ZodIssue & Record<string, unknown>;
  switch (issue.code) {
    case 'custom': {
      const params = (i.params ?? {}) as Record<string, unknown>;
      const code = typeof params.code === 'string' ? params.code : 'custom';
      const make = CUSTOM[code];
      return { code, message: make ? make(params) : { fr: 'Valeur invalide.', en: 'Invalid value.' } };
    }
    case 'invalid_type': {
      if (i.input === undefined) return { code: 'required', message: CUSTOM.required!({}) };
      const expected = TYPE_NAMES[String(i.expected)] ?? { fr: String(i.expected), en: String(i.expected) };
      if (i.expected === 'int') return { code: 'fractional_cent', message: CUSTOM.fractional_cent!({}) };
      return { code: 'invalid_type', message: { fr: `Doit être ${expected.fr}.`, en: `Must be ${expected.en}.` } };
    }
    case 'too_small':
      return { code: 'too_small', message: describeLimit(i.origin, i.minimum, false) };
    case 'too_big':
      return { code: 'too_big', message: describeLimit(i.origin, i.maximum, true) };
    case 'invalid_format': {
      if (i.format === 'email') return { code: 'invalid_email', message: { fr: 'Adresse courriel invalide.', en: 'Invalid email address.' } };
      if (i.format === 'datetime')
        return { code: 'invalid_datetime', message: { fr: 'Date et heure invalides (ISO 8601 attendu).', en: 'Invalid date-time (ISO 8601 expected).' } };
      return { code: 'invalid_format', message: { fr: 'Format invalide.', en: 'Invalid format.' } };
    }
    case 'unrecognized_keys': {
      const names = i.keys as string[];
      const keys = names.join(', ');
      return {
        code: 'unknown_field',
        message: {
          fr: `${plural('fr', names.length, 'Champ inconnu', 'Champs inconnus')} : ${keys}.`,
          en: `${plural('en', names.length, 'Unknown field', 'Unknown fields')}: ${keys}.`,
        },
      };
    }
    case 'invalid_value': {
      const values = ((i.values as unknown[]) ?? []).map(String).join(', ');
      return { code: 'invalid_value', message: { fr: `Valeur attendue parmi : ${values}.`, en: `Expected one of: ${values}.` } };
    }
    case 'not_multiple_of':
      if (Number(i.divisor) === 1) return { code: 'fractional_cent', message: CUSTOM.fractional_cent!({}) };
      return { code: 'not_multiple_of', message: { fr: `Doit être un multiple de ${String(i.divisor)}.`, en: `Must be a multiple of ${String(i.divisor)}.` } };
    default:
      return { code: issue.code, message: { fr: 'Valeur invalide.', en: 'Invalid value.' } };
  }
}

export function toFieldProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const { code, message } = describeIssue(issue);
    // Unknown keys are reported at the object holding them; name the key itself.
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys: string[] }).keys;
      return { path: [path, keys[0]].filter(Boolean).join('.'), code, message };
    }
    return { path, code, message };
  });
}

/** A field problem for one of the custom rules above, found outside a zod schema (e.g. against stored data). */
export function ruleProblem(path: string, code: keyof typeof CUSTOM & string, params: Record<string, unknown> = {}): FieldProblem {
  const make = CUSTOM[code];
  return { path, code, message: make ? make(params) : { fr: 'Valeur invalide.', en: 'Invalid value.' } };
}

/** Validates or throws a `ValidationError` carrying every field problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) throw new ValidationError(toFieldProblems(result.error.issues));
  return result.data;
}
