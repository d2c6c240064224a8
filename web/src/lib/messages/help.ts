/** Texts of the help pages and of the explanations beside method names. */
export const HELP_FR = {
  'nav.help': 'Aide',
  'help.title': 'Aide : les méthodes, expliquées',
  'help.intro':
    'Chaque méthode que la plateforme applique, travaillée à la main sur un exemple. Les mêmes explications, en une phrase, sont offertes à côté des termes, là où ils paraissent.',
  'help.terms': 'Les termes',
  'help.contents': 'Sur cette page',
  'help.unknown': 'Cette page d’aide n’existe pas.',
  'term.what': 'Qu’est-ce que « {term} »?',
  'term.example': 'Voir l’exemple détaillé',
} as const;

export const HELP_EN: Record<keyof typeof HELP_FR, string> = {
  'nav.help': 'Help',
  'help.title': 'Help: the methods, explained',
  'help.intro':
    'Each method the platform applies, worked through by hand on an example. The same explanations, in one sentence, are offered beside the terms wherever they appear.',
  'help.terms': 'The terms',
  'help.contents': 'On this page',
  'help.unknown': 'This help page does not exist.',
  'term.what': 'What is “{term}”?',
  'term.example': 'See the worked example',
};
