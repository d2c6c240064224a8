/**
 * The methods a table member meets on screen, each in one plain sentence, in
 * French and English, with the place in the help pages where it is worked
 * through by hand (`docs/*.md`, and their French versions in `docs/fr/`).
 * The web app shows these sentences beside the terms and links to
 * `helpHref(id)`; a unit test checks that every anchor exists in both
 * languages' pages, so a link never lands on nothing.
 */
import type { Localized } from './errors';

/** The help pages: one per family of methods, named after the docs file both languages share. */
export const HELP_TOPICS = {
  priorisation: { file: 'prioritization-methods.md', title: { fr: 'Prioriser les besoins', en: 'Prioritizing needs' } },
  evaluation: { file: 'scoring-methods.md', title: { fr: 'Évaluer les projets', en: 'Scoring proposals' } },
  repartition: { file: 'allocation-methods.md', title: { fr: 'Répartir l’enveloppe', en: 'Sharing out the envelope' } },
} as const satisfies Record<string, { file: string; title: Localized }>;

export type HelpTopic = keyof typeof HELP_TOPICS;

export interface MethodTerm {
  label: Localized;
  /** One sentence, for someone who has never heard of the method. */
  sentence: Localized;
  topic: HelpTopic;
  /** The id of an `<a id="…"></a>` line in the topic's page, the same in both languages. */
  anchor: string;
}

export const METHOD_TERMS = {
  schulze: {
    label: { fr: 'Schulze', en: 'Schulze' },
    sentence: {
      fr: 'Méthode de classement qui compare les besoins deux à deux sur tous les bulletins : un besoin passe devant un autre s’il le bat, directement ou par une chaîne de victoires plus solide, et les égalités restent des égalités.',
      en: 'A ranking method that compares the needs two by two over all the ballots: a need comes before another if it beats it, directly or through a stronger chain of wins, and ties stay ties.',
    },
    topic: 'priorisation',
    anchor: 'schulze',
  },
  borda: {
    label: { fr: 'Borda', en: 'Borda' },
    sentence: {
      fr: 'Chaque bulletin donne des points selon le rang (sur m besoins, le premier reçoit m − 1 points, le suivant un de moins, et ainsi de suite) ; affiché à côté de Schulze pour comparer.',
      en: 'Each ballot gives points by rank (out of m needs, the first gets m − 1 points, the next one less, and so on); shown beside Schulze for comparison.',
    },
    topic: 'priorisation',
    anchor: 'borda',
  },
  copeland: {
    label: { fr: 'Copeland', en: 'Copeland' },
    sentence: {
      fr: 'Chaque besoin reçoit un point par duel gagné contre un autre besoin et un demi-point par duel à égalité.',
      en: 'Each need gets one point per head-to-head contest it wins against another need, and half a point per tied contest.',
    },
    topic: 'priorisation',
    anchor: 'copeland',
  },
  pairwise: {
    label: { fr: 'Matrice des préférences', en: 'Preference matrix' },
    sentence: {
      fr: 'Chaque case donne le nombre de membres qui placent le besoin de la ligne avant celui de la colonne ; Schulze part de ces duels.',
      en: 'Each cell gives how many members put the row’s need before the column’s; Schulze starts from these head-to-head counts.',
    },
    topic: 'priorisation',
    anchor: 'pairwise',
  },
  points: {
    label: { fr: 'Points à distribuer', en: 'Points to hand out' },
    sentence: {
      fr: 'Chaque membre répartit un nombre fixe de points entre les besoins, et les besoins sont classés selon le total des points reçus.',
      en: 'Each member hands out a fixed number of points among the needs, and the needs are ordered by the points they received in total.',
    },
    topic: 'priorisation',
    anchor: 'points',
  },
  approval: {
    label: { fr: 'Approbation', en: 'Approval' },
    sentence: {
      fr: 'Chaque membre coche jusqu’à k besoins qu’il juge prioritaires, et les besoins sont classés selon le nombre de membres qui les ont cochés.',
      en: 'Each member ticks up to k needs they consider a priority, and the needs are ordered by how many members ticked them.',
    },
    topic: 'priorisation',
    anchor: 'approval',
  },
  aggregation: {
    label: { fr: 'Règle d’agrégation', en: 'Aggregation rule' },
    sentence: {
      fr: 'La note d’un projet combine les totaux de ses évaluateurs : leur moyenne, leur médiane, ou leur moyenne tronquée (sans le plus haut ni le plus bas, à partir de 5 évaluateurs).',
      en: 'A proposal’s score combines its evaluators’ totals: their mean, their median, or their trimmed mean (without the highest and the lowest, from 5 evaluators on).',
    },
    topic: 'evaluation',
    anchor: 'aggregation',
  },
  normalization: {
    label: { fr: 'Normalisation', en: 'Normalization' },
    sentence: {
      fr: 'Corrige l’écart entre évaluateurs sévères et indulgents : les totaux de chacun sont ramenés à la moyenne et à la dispersion de toutes les notes de l’appel (score z), et les notes brutes restent affichées à côté.',
      en: 'Corrects the gap between severe and lenient evaluators: each one’s totals are brought to the mean and spread of all the call’s scores (a z-score), and the raw scores stay shown beside them.',
    },
    topic: 'evaluation',
    anchor: 'normalization',
  },
  disagreement: {
    label: { fr: 'Seuil de désaccord', en: 'Disagreement threshold' },
    sentence: {
      fr: 'Quand l’écart-type des totaux des évaluateurs sur un projet dépasse ce seuil (15 points par défaut), le projet est marqué « À discuter » pour que la table en parle.',
      en: 'When the standard deviation of the evaluators’ totals on a proposal exceeds this threshold (15 points by default), the proposal is flagged “To discuss” for the table to talk it over.',
    },
    topic: 'evaluation',
    anchor: 'disagreement',
  },
  recusal: {
    label: { fr: 'Récusation', en: 'Recusal' },
    sentence: {
      fr: 'Un membre lié à l’organisme qui dépose un projet ne l’évalue pas et ne voit pas les notes des autres ; ses notes éventuelles sont retirées de tous les calculs.',
      en: 'A member tied to the organization that submits a proposal does not score it and does not see the others’ scores; any score they gave is removed from every figure.',
    },
    topic: 'evaluation',
    anchor: 'recusal',
  },
  greedy: {
    label: { fr: 'Glouton', en: 'Greedy' },
    sentence: {
      fr: 'Finance les projets en entier, de la meilleure note à la moins bonne, tant que leur demande tient dans ce qui reste de l’enveloppe.',
      en: 'Funds proposals in full, from the best score to the lowest, as long as their request fits in what is left of the envelope.',
    },
    topic: 'repartition',
    anchor: 'greedy',
  },
  proportional: {
    label: { fr: 'Réduction proportionnelle', en: 'Proportional reduction' },
    sentence: {
      fr: 'Chaque projet reçoit la même proportion de sa demande, la plus grande qui tienne dans l’enveloppe, sans descendre sous son montant minimal viable.',
      en: 'Each proposal gets the same share of its request, the largest that fits in the envelope, without going below its minimum viable amount.',
    },
    topic: 'repartition',
    anchor: 'proportional',
  },
  equal: {
    label: { fr: 'Partage égal', en: 'Equal split' },
    sentence: {
      fr: 'Chaque projet reçoit le même montant, sans dépasser sa demande ni descendre sous son montant minimal viable.',
      en: 'Each proposal gets the same amount, never more than its request nor less than its minimum viable amount.',
    },
    topic: 'repartition',
    anchor: 'equal',
  },
  optimal: {
    label: { fr: 'Optimale (prouvée)', en: 'Optimal (proven)' },
    sentence: {
      fr: 'Un solveur cherche, parmi toutes les répartitions qui respectent les minimums et les contraintes, celle qui donne la plus grande valeur (note × part financée), et prouve qu’aucune ne fait mieux.',
      en: 'A solver searches, among all the allocations that respect the minimums and the constraints, the one with the greatest value (score × share funded), and proves that none does better.',
    },
    topic: 'repartition',
    anchor: 'optimal',
  },
  mes: {
    label: { fr: 'Méthode des parts égales (MES)', en: 'Method of Equal Shares (MES)' },
    sentence: {
      fr: 'L’enveloppe est divisée en parts égales entre les membres, et un projet est retenu quand les membres qui l’approuvent peuvent le payer ensemble avec leur part, celui qui coûte le moins à chacun d’abord.',
      en: 'The envelope is divided into equal shares among the members, and a proposal is selected when the members who approve it can pay for it together out of their shares, the one that costs each of them least first.',
    },
    topic: 'repartition',
    anchor: 'mes',
  },
  rho: {
    label: { fr: 'ρ (rho)', en: 'ρ (rho)' },
    sentence: {
      fr: 'Ce que paie au plus chacun des membres qui appuient un projet, rapporté au coût du projet (7,50 $ chacun pour un projet de 30 $ donne ρ = 1/4) ; à chaque tour, le projet au ρ le plus bas est retenu.',
      en: 'The most that each member supporting a proposal pays, over the proposal’s cost (7.50 $ each for a 30 $ proposal gives ρ = 1/4); at each round, the proposal with the lowest ρ is selected.',
    },
    topic: 'repartition',
    anchor: 'rho',
  },
  add1: {
    label: { fr: 'Complétion add1', en: 'add1 completion' },
    sentence: {
      fr: 'Si la méthode des parts égales laisse de l’argent inutilisé, la part de chaque membre est relevée de 1 $ et le calcul refait, tant que la sélection tient dans l’enveloppe.',
      en: 'If the Method of Equal Shares leaves money unused, each member’s share is raised by 1 $ and the count run again, as long as the selection fits in the envelope.',
    },
    topic: 'repartition',
    anchor: 'add1',
  },
  pbGreedy: {
    label: { fr: 'Glouton (par nombre d’approbations)', en: 'Greedy (by number of approvals)' },
    sentence: {
      fr: 'Retient les projets du plus approuvé au moins approuvé, en sautant ceux qui ne tiennent plus dans ce qui reste de l’enveloppe.',
      en: 'Selects proposals from the most approved to the least, skipping those that no longer fit in what is left of the envelope.',
    },
    topic: 'repartition',
    anchor: 'pb-greedy',
  },
} as const satisfies Record<string, MethodTerm>;

export type TermId = keyof typeof METHOD_TERMS;

/** The in-app address of a term's worked example: `/aide/<topic>#<anchor>`. */
export function helpHref(id: TermId): string {
  const term: MethodTerm = METHOD_TERMS[id];
  return `/aide/${term.topic}#${term.anchor}`;
}
