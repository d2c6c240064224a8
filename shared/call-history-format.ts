/**
 * A call's history as people read it (the history page and its CSV): an
 * event's label, and its before/after values in words, in French or
 * English: dates in Montreal time (`2026-04-01 17 h 00`), amounts in
 * dollars (`12 345,67 $`), statuses and methods named, counts as numbers.
 * A key or a value this file does not know is shown as it is stored, so an
 * event written by another context still reads.
 */
import { CALL_EVENT_LABELS, type CallEvent, type CallEventKind } from './call-history';
import { formatDateTime } from './dates';
import type { Lang, Localized } from './errors';
import { formatMoney } from './money';

const FIELD_LABELS: Record<string, Localized> = {
  status: { fr: 'statut', en: 'status' },
  opensAt: { fr: 'ouverture', en: 'opens' },
  closesAt: { fr: 'fermeture', en: 'closes' },
  deadline: { fr: 'échéance', en: 'deadline' },
  amountAvailable: { fr: 'montant disponible', en: 'amount available' },
  access: { fr: 'accès', en: 'access' },
  reason: { fr: 'raison', en: 'reason' },
  invited: { fr: 'organismes invités', en: 'invited organizations' },
  added: { fr: 'ajoutés', en: 'added' },
  removed: { fr: 'retirés', en: 'removed' },
  outcome: { fr: 'résultat', en: 'outcome' },
  proposalVersion: { fr: 'version du projet', en: 'proposal version' },
  gridVersion: { fr: 'version de la grille', en: 'grid version' },
  criteria: { fr: 'critères', en: 'criteria' },
  evaluators: { fr: 'évaluateurs', en: 'evaluators' },
  method: { fr: 'méthode', en: 'method' },
  total: { fr: 'total', en: 'total' },
  proposals: { fr: 'projets', en: 'proposals' },
  funded: { fr: 'financés', en: 'funded' },
  unscored: { fr: 'sans notes', en: 'without scores' },
  accepted: { fr: 'acceptés', en: 'accepted' },
  revised: { fr: 'révisés', en: 'revised' },
  withdrawn: { fr: 'retirés', en: 'withdrawn' },
  noAnswer: { fr: 'sans réponse', en: 'no answer' },
  voters: { fr: 'votants', en: 'voters' },
  ballots: { fr: 'bulletins', en: 'ballots' },
  importedBallots: { fr: 'bulletins importés', en: 'imported ballots' },
};

const FIELD_ORDER = Object.keys(FIELD_LABELS);

const VALUE_LABELS: Record<string, Localized> = {
  draft: { fr: 'brouillon', en: 'draft' },
  published: { fr: 'publié', en: 'published' },
  open: { fr: 'ouvert', en: 'open' },
  closed: { fr: 'fermé', en: 'closed' },
  invited: { fr: 'sur invitation', en: 'by invitation' },
  eligible: { fr: 'admissible', en: 'eligible' },
  ineligible: { fr: 'non admissible', en: 'ineligible' },
  greedy: { fr: 'vorace', en: 'greedy' },
  proportional: { fr: 'réduction proportionnelle', en: 'proportional reduction' },
  equal: { fr: 'partage égal', en: 'equal split' },
  optimal: { fr: 'optimale', en: 'optimal' },
};

/** Values in cents, shown as money. */
const MONEY_FIELDS = new Set(['amountAvailable', 'total', 'amount', 'supplement']);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

export function callEventLabel(kind: CallEventKind, lang: Lang): string {
  return CALL_EVENT_LABELS[kind]?.[lang] ?? kind;
}

function valueText(key: string, value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return lang === 'fr' ? 'aucun' : 'none';
  if (typeof value === 'boolean') return value ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no';
  if (typeof value === 'number') return MONEY_FIELDS.has(key) ? formatMoney(value, lang) : value.toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA');
  if (typeof value === 'string') {
    if (INSTANT.test(value)) return formatDateTime(value, lang);
    return VALUE_LABELS[value]?.[lang] ?? value;
  }
  return JSON.stringify(value);
}

/** One side of a change (`before` or `after`) in words: `statut : ouvert ; fermeture : 2026-04-01 17 h 00`. Empty when there is none. */
export function callEventValues(values: Record<string, unknown> | null, lang: Lang): string {
  if (!values) return '';
  const sep = lang === 'fr' ? ' : ' : ': ';
  // A stored map keeps no order: the known fields in this file's order, then the others by name.
  const rank = (k: string) => (k in FIELD_LABELS ? FIELD_ORDER.indexOf(k) : FIELD_ORDER.length);
  return Object.entries(values)
    .filter(([, v]) => v !== '' && v !== undefined)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([k, v]) => `${FIELD_LABELS[k]?.[lang] ?? k}${sep}${valueText(k, v, lang)}`)
    .join(lang === 'fr' ? ' ; ' : '; ');
}

/** The history's CSV rows: a header, then one row per event, oldest first. */
export function callHistoryRows(events: readonly CallEvent[], lang: Lang): string[][] {
  const fr = lang === 'fr';
  const header = fr
    ? ['Date et heure (heure de Montréal)', 'Événement', 'Par', 'Objet', 'Avant', 'Après']
    : ['Date and time (Montreal time)', 'Event', 'By', 'Subject', 'Before', 'After'];
  return [
    header,
    ...events.map((e) => [
      formatDateTime(e.at, lang),
      callEventLabel(e.kind, lang),
      e.byName,
      e.subject ?? '',
      callEventValues(e.before, lang),
      callEventValues(e.after, lang),
    ]),
  ];
}
