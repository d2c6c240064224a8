/** Texts of the proposal screens added with the audit of issue 10 (screening per version, evaluators reading). */
export const PROPOSALS_FR = {
  'status.rescreen': 'À analyser de nouveau',
  'screening.supersededTitle': 'Nouvelle version à analyser',
  'screening.superseded':
    'L’analyse de recevabilité de {name}, le {date}, portait sur la version {n} ({outcome}). La version {current}, déposée depuis, doit être analysée de nouveau : tant qu’elle ne l’est pas, le projet n’est pas évalué par la table.',
  'screening.prefilled': 'Les réponses de l’analyse de la version {n} sont reprises : vérifiez-les pour la version {current}.',
  'proposal.resubmitWarning':
    'Ce projet a déjà été analysé pour sa recevabilité (version {n}). Déposer une nouvelle version demande une nouvelle analyse : la personne qui analyse les projets le verra.',
  'proposal.scoredVersion': 'Projet évalué : version {n}',
  'proposal.backToSheet': 'Retour à la fiche d’évaluation',
} as const;

export const PROPOSALS_EN: Record<keyof typeof PROPOSALS_FR, string> = {
  'status.rescreen': 'To screen again',
  'screening.supersededTitle': 'New version to screen',
  'screening.superseded':
    'The eligibility screening by {name} on {date} covered version {n} ({outcome}). Version {current}, submitted since, must be screened again: until it is, the table does not score the proposal.',
  'screening.prefilled': 'The answers of the screening of version {n} are filled in: check them for version {current}.',
  'proposal.resubmitWarning':
    'This proposal has already been screened for eligibility (version {n}). Submitting a new version calls for a new screening: the person who screens proposals will see it.',
  'proposal.scoredVersion': 'Proposal scored: version {n}',
  'proposal.backToSheet': 'Back to the scoring sheet',
};
