/**
 * One way to fail. Every error the API can answer with is an `AppError`: a
 * status, a stable problem `type` and a title in French and English. The API's
 * single `onError` turns it into `application/problem+json` (RFC 9457); the
 * web app reads the same shape back, so messages are written once, here.
 */

export type Lang = 'fr' | 'en';

/** A text in both of the product's languages. French is always given first. */
export interface Localized {
  fr: string;
  en: string;
}

/** One field-level problem, named by its path in the submitted body. */
export interface FieldProblem {
  path: string;
  code: string;
  message: Localized;
}

/** Base URI of problem types; each type is documented in docs/problems.md. */
const PROBLEM_BASE = '/problems/';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: Localized,
    readonly detail?: Localized,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(title.en);
    this.name = new.target.name;
  }

  get type(): string {
    return PROBLEM_BASE + this.slug;
  }
}

export class ValidationError extends AppError {
  constructor(readonly errors: FieldProblem[]) {
    const first = errors[0];
    super(
      400,
      'validation-failed',
      { fr: 'Les données soumises sont invalides.', en: 'The submitted data is invalid.' },
      first
        ? {
            fr: `${first.path || 'corps'} : ${first.message.fr}`,
            en: `${first.path || 'body'}: ${first.message.en}`,
          }
        : undefined,
      { errors },
    );
  }
}

/** Refuses a request with every problem a rule found (the rules return them: the web app shows them before sending). */
export function throwIfProblems(problems: readonly FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationError([...problems]);
}

export class MalformedRequestError extends AppError {
  constructor(detail: Localized) {
    super(400, 'malformed-request', { fr: 'Requête mal formée.', en: 'Malformed request.' }, detail);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(
      413,
      'payload-too-large',
      { fr: 'Le contenu envoyé est trop volumineux.', en: 'The request body is too large.' },
      {
        fr: `La taille maximale est de ${Math.round(limitBytes / 1024)} Ko.`,
        en: `The maximum size is ${Math.round(limitBytes / 1024)} KB.`,
      },
    );
  }
}

export class UnauthenticatedError extends AppError {
  constructor(detail?: Localized) {
    super(401, 'unauthenticated', { fr: 'Authentification requise.', en: 'Authentication required.' }, detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail?: Localized) {
    super(403, 'forbidden', { fr: 'Vous n’avez pas la permission de faire cette action.', en: 'You are not allowed to do this.' }, detail);
  }
}

/** Also used for resources of another tenant: their existence is never revealed. */
export class NotFoundError extends AppError {
  constructor(what: Localized) {
    super(
      404,
      'not-found',
      { fr: 'Ressource introuvable.', en: 'Resource not found.' },
      {
        fr: `${what.fr} est introuvable.`,
        en: `${what.en} was not found.`,
      },
    );
  }
}

/** A stale edit: the caller's version is not the stored one. Carries what was found. */
export class VersionConflictError extends AppError {
  constructor(currentVersion: number | undefined, current?: unknown) {
    super(
      409,
      'version-conflict',
      {
        fr: 'Quelqu’un d’autre a modifié cet élément entre-temps.',
        en: 'Someone else changed this item in the meantime.',
      },
      {
        fr: `Votre version est périmée (version actuelle : ${currentVersion ?? 'inconnue'}). Rechargez pour voir les changements.`,
        en: `Your version is stale (current version: ${currentVersion ?? 'unknown'}). Reload to see the changes.`,
      },
      { currentVersion, current },
    );
  }
}

export class AlreadyExistsError extends AppError {
  constructor(detail: Localized, extra: Record<string, unknown> = {}) {
    super(409, 'already-exists', { fr: 'Cet élément existe déjà.', en: 'This item already exists.' }, detail, extra);
  }
}

/** A deadline enforced by the server: the call is closed (or not yet open). */
export class DeadlineError extends AppError {
  constructor(detail: Localized, extra: Record<string, unknown> = {}) {
    super(
      409,
      'deadline-passed',
      { fr: 'L’appel de projets n’accepte pas de dépôt en ce moment.', en: 'The call for projects is not accepting submissions now.' },
      detail,
      extra,
    );
  }
}

/** The action does not fit the item's current state (e.g. submitting a withdrawn proposal). */
export class InvalidStateError extends AppError {
  constructor(detail: Localized, extra: Record<string, unknown> = {}) {
    super(409, 'invalid-state', { fr: 'Action impossible dans l’état actuel.', en: 'Action not possible in the current state.' }, detail, extra);
  }
}

/** A business rule across several items (e.g. calls exceeding their envelope). */
export class BusinessRuleError extends AppError {
  constructor(detail: Localized, extra: Record<string, unknown> = {}) {
    super(422, 'rule-violated', { fr: 'Règle de gestion non respectée.', en: 'Business rule violated.' }, detail, extra);
  }
}

/** A prioritization round, a study or a consultation that no longer takes input. */
export class ClosedError extends AppError {
  constructor(detail: Localized, extra: Record<string, unknown> = {}) {
    super(409, 'closed', { fr: 'Ce n’est plus ouvert.', en: 'This is no longer open.' }, detail, extra);
  }
}

/** Too many requests in a short time (the public consultation). */
export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(
      429,
      'rate-limited',
      { fr: 'Trop de réponses en peu de temps.', en: 'Too many answers in a short time.' },
      {
        fr: `Beaucoup de personnes répondent en ce moment. Votre réponse n’a pas été enregistrée : réessayez dans ${retryAfterSeconds} secondes.`,
        en: `Many people are answering right now. Your answer was not saved: try again in ${retryAfterSeconds} seconds.`,
      },
      { retryAfter: retryAfterSeconds },
    );
  }
}

export class ServiceUnavailableError extends AppError {
  constructor() {
    super(
      503,
      'service-unavailable',
      { fr: 'Le service est momentanément surchargé.', en: 'The service is temporarily overloaded.' },
      {
        fr: 'Rien n’a été enregistré. Réessayez dans quelques secondes.',
        en: 'Nothing was saved. Try again in a few seconds.',
      },
    );
  }
}

/** The JSON body of a problem response, as the API sends it and the web app reads it. */
export interface ProblemBody {
  type: string;
  status: number;
  title: string;
  detail?: string;
  /** Both languages, whatever the negotiated one. */
  messages: { title: Localized; detail?: Localized };
  errors?: FieldProblem[];
  correlationId?: string;
  [extra: string]: unknown;
}

export function toProblemBody(error: AppError, lang: Lang, correlationId?: string): ProblemBody {
  return {
    ...error.extra,
    type: error.type,
    status: error.status,
    title: error.title[lang],
    ...(error.detail ? { detail: error.detail[lang] } : {}),
    messages: { title: error.title, ...(error.detail ? { detail: error.detail } : {}) },
    ...(correlationId ? { correlationId } : {}),
  };
}

/** Picks the response language from an Accept-Language header; French unless English is preferred. */
export function negotiateLang(acceptLanguage: string | undefined | null): Lang {
  if (!acceptLanguage) return 'fr';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((r) => r.tag.startsWith('fr') || r.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'fr';
}
