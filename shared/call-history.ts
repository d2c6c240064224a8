/**
 * A call's history (piste d'audit): every state change of a call, from its
 * publication to the decision and its amendments, is one append-only event
 * written in the same DynamoDB transaction as the change itself
 * (functions/lib/call-history.ts), so there is never a change without its
 * event nor an event without its change. An event says who, when, what, and
 * the values before and after. Ballot contents never enter it.
 */

export const CALL_EVENT_KINDS = [
  'call-published',
  'call-extended',
  'call-invitations-changed',
  'proposal-screened',
  'grid-locked',
  'grid-reopened',
  'grid-closed',
  'scenario-computed',
  'revision-opened',
  'revision-closed',
  'pb-vote-opened',
  'pb-vote-closed',
  'recommendation-drafted',
  'recommendation-revised',
  'adoption-vote-opened',
  'adoption-vote-closed',
  'recommendation-adopted',
  'recommendation-rejected',
  'consensus-recorded',
  'decision-recorded',
  'decision-amended',
] as const;
export type CallEventKind = (typeof CALL_EVENT_KINDS)[number];

export interface CallEvent {
  id: string;
  callId: string;
  kind: CallEventKind;
  /** ISO instant of the change (the sort key starts with it). */
  at: string;
  /** Who made the change: their user id and name as the membership read it ('system' for a scheduled job). */
  by: string;
  byName: string;
  /** What the change was about, in words a person reads (e.g. the proposal's title), when the kind alone does not say it. */
  subject: string | null;
  /** The values the change replaced and those it wrote: small, flat summaries, never ballot contents nor personal details. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** What each kind of event reads as, in the history page and its CSV. */
export const CALL_EVENT_LABELS: Record<CallEventKind, { fr: string; en: string }> = {
  'call-published': { fr: 'Appel publié', en: 'Call published' },
  'call-extended': { fr: 'Date limite prolongée', en: 'Deadline extended' },
  'call-invitations-changed': { fr: 'Organismes invités modifiés', en: 'Invited organizations changed' },
  'proposal-screened': { fr: 'Projet examiné (admissibilité)', en: 'Proposal screened (eligibility)' },
  'grid-locked': { fr: 'Grille verrouillée, évaluation ouverte', en: 'Grid locked, scoring opened' },
  'grid-reopened': { fr: 'Évaluation rouverte', en: 'Scoring reopened' },
  'grid-closed': { fr: 'Évaluation terminée', en: 'Scoring ended' },
  'scenario-computed': { fr: 'Scénario calculé', en: 'Scenario computed' },
  'revision-opened': { fr: 'Ronde de révision lancée', en: 'Revision round started' },
  'revision-closed': { fr: 'Ronde de révision terminée', en: 'Revision round ended' },
  'pb-vote-opened': { fr: 'Vote d’approbation ouvert', en: 'Approval vote opened' },
  'pb-vote-closed': { fr: 'Vote d’approbation fermé', en: 'Approval vote closed' },
  'recommendation-drafted': { fr: 'Recommandation rédigée', en: 'Recommendation drafted' },
  'recommendation-revised': { fr: 'Recommandation révisée', en: 'Recommendation revised' },
  'adoption-vote-opened': { fr: 'Vote sur la recommandation ouvert', en: 'Vote on the recommendation opened' },
  'adoption-vote-closed': { fr: 'Vote sur la recommandation fermé', en: 'Vote on the recommendation closed' },
  'recommendation-adopted': { fr: 'Recommandation adoptée', en: 'Recommendation adopted' },
  'recommendation-rejected': { fr: 'Recommandation non adoptée', en: 'Recommendation not adopted' },
  'consensus-recorded': { fr: 'Consensus consigné', en: 'Consensus recorded' },
  'decision-recorded': { fr: 'Décision de l’établissement', en: 'Institution’s decision' },
  'decision-amended': { fr: 'Décision modifiée (amendement)', en: 'Decision amended' },
};
