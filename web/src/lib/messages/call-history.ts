/** Texts of a call's history (audit trail, issue 13): the link on the call's page and the history page. */
export const CALL_HISTORY_FR = {
  'history.link': 'Historique de l’appel',
  'history.title': 'Historique de l’appel',
  'history.intro':
    'Chaque changement d’état de l’appel, de sa publication à la décision, avec qui l’a fait, quand, et les valeurs avant et après. L’historique ne s’efface ni ne se modifie; le contenu des bulletins d’un vote secret n’y entre jamais.',
  'history.none': 'Aucun changement consigné pour le moment.',
  'history.by': 'par {name}',
  'history.before': 'Avant',
  'history.after': 'Après',
  'history.download': 'Télécharger l’historique (CSV, Excel)',
  'history.montreal': 'Heures de Montréal.',
};

export const CALL_HISTORY_EN: Record<keyof typeof CALL_HISTORY_FR, string> = {
  'history.link': 'Call history',
  'history.title': 'Call history',
  'history.intro':
    'Every change of the call’s state, from its publication to the decision, with who made it, when, and the values before and after. The history is never erased nor changed; what a secret vote’s ballots say never enters it.',
  'history.none': 'No change recorded yet.',
  'history.by': 'by {name}',
  'history.before': 'Before',
  'history.after': 'After',
  'history.download': 'Download the history (CSV, Excel)',
  'history.montreal': 'Montreal times.',
};
