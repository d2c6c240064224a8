/**
 * Yearly accountability reports (rapports de reddition de comptes, seed 003) and the program's report
 * templates: the shapes, and the pure rules every context and the web app share.
 *
 * - A program's template lists its indicators, each with its lexicon definition, and its narrative
 *   sections. Templates are versioned: a report keeps the version it was first written on.
 * - A value is a number, a yes/no, choices or a short text; or N.A. (not applicable: not started yet)
 *   or N.C. (not computable: data missing or imprecise), each only where the indicator allows it.
 *   Never a blank that means zero: an unanswered indicator is missing, and a report with missing
 *   answers is not submitted.
 * - Slow-changing items (partnerships, services contacted) are carried over from the previous year's
 *   report, marked with the year they come from, and stay editable.
 */
import type { Audit } from './domain';
import { fiscalYearLabel } from './agreements';

export type IndicatorType =
  /** A whole number of people, activities… (never negative, never fractional). */
  | 'count'
  /** Hours, to the quarter hour. */
  | 'hours'
  /** An amount in cents. */
  | 'amount'
  | 'yes-no'
  /** One choice from `options`. */
  | 'choice'
  /** Several choices from `options` (seed 003's types of partner services). */
  | 'choices'
  /** A short text. */
  | 'text';

export const INDICATOR_TYPES: readonly IndicatorType[] = ['count', 'hours', 'amount', 'yes-no', 'choice', 'choices', 'text'];

export interface IndicatorOption {
  id: string;
  label: string;
}

export interface Indicator {
  /** Stable across versions of the template: the dashboard follows an indicator over the years by it. */
  id: string;
  label: string;
  /** The lexicon's definition, shown beside the field: what counts and what does not. */
  definition: string;
  type: IndicatorType;
  /** For `choice` and `choices`. */
  options: IndicatorOption[];
  /** N.A. allowed: not applicable (the project has not started yet). */
  allowNA: boolean;
  /** N.C. allowed: not computable (data missing or imprecise). */
  allowNC: boolean;
  /** A target for the year, when the program sets one (counts, hours, amounts). */
  target: number | null;
  /** Carried over from last year's report ("repris de 2025-2026"), editable: partnerships, services contacted. */
  carriedOver: boolean;
}

export type SectionKind = 'highlights' | 'changes' | 'obstacles' | 'means' | 'practices' | 'partnerships' | 'case' | 'other';

interface ReportSection {
  id: string;
  kind: SectionKind;
  label: string;
  /** What to write there, in plain words. */
  help: string;
  /** Carried over from last year's report, editable (formal and informal partnerships). */
  carriedOver: boolean;
}

/** When a program's yearly reports are due: a month and day after the fiscal year ends (June 30 by default). */
export interface ReportDue {
  month: number;
  day: number;
}

const DEFAULT_REPORT_DUE: ReportDue = { month: 6, day: 30 };

export interface ReportTemplate extends Audit {
  /** One template per program: its id is the program's code. */
  program: string;
  title: string;
  indicators: Indicator[];
  sections: ReportSection[];
  due: ReportDue;
}

/** An answer to one indicator. */
export type IndicatorValue =
  | { kind: 'number'; value: number }
  | { kind: 'yes-no'; value: boolean }
  | { kind: 'choices'; value: string[] }
  | { kind: 'text'; value: string }
  | { kind: 'na' }
  | { kind: 'nc' };

export interface Answer {
  value: IndicatorValue;
  /** The fiscal year this answer was carried over from, until the writer changes it; null once typed. */
  carriedFrom: number | null;
}

export interface SectionText {
  text: string;
  carriedFrom: number | null;
}

export type ReportStatus =
  /** Due, nothing written yet. */
  | 'not-started'
  /** Being written (saved as typed). */
  | 'draft'
  /** Sent to the funder. */
  | 'submitted'
  /** Reopened by the manager, with a reason: the organization corrects it and submits again. */
  | 'reopened'
  /** Read and accepted by the manager: final. */
  | 'accepted';

/** A hit of the personal-information check that the writer confirmed is not about a person served. */
export interface ConfirmedHit {
  /** Where it was found: `sections.<id>` or `answers.<id>`. */
  field: string;
  /** The text found, as it was. */
  text: string;
}

interface Reopening {
  at: string;
  by: string;
  byName: string;
  reason: string;
}

/** The funder's answer to an obstacle report: what was done or decided. */
interface FunderAnswer {
  at: string;
  by: string;
  byName: string;
  text: string;
}

interface ReportBase extends Audit {
  id: string;
  agreementId: string;
  program: string;
  organization: { id: string; name: string };
  /** The agreement's project. */
  projectTitle: string;
  /** The fiscal year it covers (an obstacle report: the year it was filed in). */
  fiscalYear: number;
}

/** The yearly report of one agreement for one fiscal year (April 1 – March 31). */
export interface YearlyReport extends ReportBase {
  kind: 'yearly';
  period: { start: string; end: string };
  dueOn: string;
  status: ReportStatus;
  /** The template version it is written on: set at its first save, kept after (null while not started). */
  templateVersion: number | null;
  answers: Record<string, Answer>;
  sections: Record<string, SectionText>;
  confirmedHits: ConfirmedHit[];
  submittedAt: string | null;
  submittedBy: string | null;
  reopenings: Reopening[];
  acceptedAt: string | null;
}

/** An obstacle report (rapport d'obstacles): filed at any time, straight to the funder's attention. */
export interface ObstacleReport extends ReportBase {
  kind: 'obstacle';
  filedAt: string;
  filedBy: string;
  filedByName: string;
  /** What stands in the way of the project. */
  obstacle: string;
  /** What the organization did or asks for. */
  request: string;
  confirmedHits: ConfirmedHit[];
  answer: FunderAnswer | null;
}

export type Report = YearlyReport | ObstacleReport;

/** The due date of a program's yearly report on fiscal year `fy` (which ends on March 31 of `fy + 1`). */
export function reportDueDate(fy: number, due: ReportDue = DEFAULT_REPORT_DUE): string {
  const year = due.month >= 4 ? fy + 1 : fy + 2;
  return `${year}-${String(due.month).padStart(2, '0')}-${String(due.day).padStart(2, '0')}`;
}

/** "repris de 2025-2026" / "carried over from 2025-2026". */
export const carriedFromLabel = (fy: number, lang: 'fr' | 'en') =>
  lang === 'fr' ? `repris de ${fiscalYearLabel(fy)}` : `carried over from ${fiscalYearLabel(fy)}`;

/**
 * The carried-over answers and sections of a new report: the template's `carriedOver` items as the
 * previous report (of the same agreement or organization and program, the year before) left them,
 * each marked with that year. Items the previous report did not answer, or answered N.A./N.C., are not
 * carried: they are asked again.
 */
export function carriedOver(
  template: Pick<ReportTemplate, 'indicators' | 'sections'>,
  previous: Pick<YearlyReport, 'fiscalYear' | 'answers' | 'sections'> | null,
): { answers: Record<string, Answer>; sections: Record<string, SectionText> } {
  const answers: Record<string, Answer> = {};
  const sections: Record<string, SectionText> = {};
  if (!previous) return { answers, sections };
  for (const ind of template.indicators) {
    const before = previous.answers[ind.id];
    if (!ind.carriedOver || !before || before.value.kind === 'na' || before.value.kind === 'nc') continue;
    answers[ind.id] = { value: before.value, carriedFrom: before.carriedFrom ?? previous.fiscalYear };
  }
  for (const s of template.sections) {
    const before = previous.sections[s.id];
    if (!s.carriedOver || !before || before.text.trim() === '') continue;
    sections[s.id] = { text: before.text, carriedFrom: before.carriedFrom ?? previous.fiscalYear };
  }
  return { answers, sections };
}

/** One problem of a report's answers, naming its field (`answers.<indicatorId>`). */
export interface AnswerProblem {
  field: string;
  code:
    | 'unknown-indicator'
    | 'wrong-type'
    | 'negative'
    | 'fractional'
    | 'na-not-allowed'
    | 'nc-not-allowed'
    | 'unknown-choice'
    | 'too-many-choices'
    | 'missing';
  message: { fr: string; en: string };
}

const problem = (field: string, code: AnswerProblem['code'], fr: string, en: string): AnswerProblem => ({ field, code, message: { fr, en } });

/** The value kind each indicator type takes. */
const VALUE_KIND: Record<IndicatorType, IndicatorValue['kind']> = {
  count: 'number',
  hours: 'number',
  amount: 'number',
  'yes-no': 'yes-no',
  choice: 'choices',
  choices: 'choices',
  text: 'text',
};

/** What may stand for a missing number: 0, then N.A. and N.C. where the indicator allows them. */
const allowedBlanks = (ind: Indicator): string[] => ['0', ...(ind.allowNA ? ['N.A.'] : []), ...(ind.allowNC ? ['N.C.'] : [])];
/** `0, N.A. ou N.C.`, `0 ou N.C.` */
const orList = (items: string[], or: string): string => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${or} ${items.at(-1)}`);

/**
 * What is wrong with these answers for this template version. `complete`: also every indicator
 * unanswered (a submission); a draft may leave some out.
 */
export function answerProblems(indicators: readonly Indicator[], answers: Record<string, Answer>, complete: boolean): AnswerProblem[] {
  const out: AnswerProblem[] = [];
  const byId = new Map(indicators.map((i) => [i.id, i]));
  for (const [id, a] of Object.entries(answers)) {
    const field = `answers.${id}`;
    const ind = byId.get(id);
    if (!ind) {
      out.push(
        problem(field, 'unknown-indicator', `L’indicateur ${id} n’est pas dans ce modèle de rapport.`, `Indicator ${id} is not in this report template.`),
      );
      continue;
    }
    const v = a.value;
    if (v.kind === 'na') {
      if (!ind.allowNA)
        out.push(
          problem(
            field,
            'na-not-allowed',
            `« ${ind.label} » : N.A. n’est pas permis pour cet indicateur.`,
            `“${ind.label}”: N.A. is not allowed for this indicator.`,
          ),
        );
      continue;
    }
    if (v.kind === 'nc') {
      if (!ind.allowNC)
        out.push(
          problem(
            field,
            'nc-not-allowed',
            `« ${ind.label} » : N.C. n’est pas permis pour cet indicateur.`,
            `“${ind.label}”: N.C. is not allowed for this indicator.`,
          ),
        );
      continue;
    }
    if (v.kind !== VALUE_KIND[ind.type]) {
      out.push(problem(field, 'wrong-type', `« ${ind.label} » attend une autre sorte de réponse.`, `“${ind.label}” expects another kind of answer.`));
      continue;
    }
    if (v.kind === 'number') {
      if (v.value < 0) out.push(problem(field, 'negative', `« ${ind.label} » ne peut pas être négatif.`, `“${ind.label}” cannot be negative.`));
      else if (ind.type === 'hours' ? !Number.isInteger(v.value * 4) : !Number.isInteger(v.value))
        out.push(
          problem(
            field,
            'fractional',
            ind.type === 'hours' ? `« ${ind.label} » se compte au quart d’heure près.` : `« ${ind.label} » est un nombre entier.`,
            ind.type === 'hours' ? `“${ind.label}” is counted to the quarter hour.` : `“${ind.label}” is a whole number.`,
          ),
        );
    }
    if (v.kind === 'choices') {
      const known = new Set(ind.options.map((o) => o.id));
      const unknown = v.value.filter((c) => !known.has(c));
      if (unknown.length > 0)
        out.push(
          problem(
            field,
            'unknown-choice',
            `« ${ind.label} » : choix inconnu (${unknown.join(', ')}).`,
            `“${ind.label}”: unknown choice (${unknown.join(', ')}).`,
          ),
        );
      else if (ind.type === 'choice' && v.value.length > 1)
        out.push(problem(field, 'too-many-choices', `« ${ind.label} » : un seul choix.`, `“${ind.label}”: one choice only.`));
    }
  }
  if (complete)
    for (const ind of indicators)
      if (!answers[ind.id])
        out.push(
          problem(
            `answers.${ind.id}`,
            'missing',
            `« ${ind.label} » n’a pas de réponse${ind.allowNA || ind.allowNC ? ` : inscrivez ${orList(allowedBlanks(ind), 'ou')} selon le cas` : ''}.`,
            `“${ind.label}” has no answer${ind.allowNA || ind.allowNC ? `: enter ${orList(allowedBlanks(ind), 'or')} as the case may be` : ''}.`,
          ),
        );
  return out;
}

/** The slow-changing choice list of seed 003's Table 4: the types of services of the partners contacted. */
export const PARTNER_SERVICE_OPTIONS: IndicatorOption[] = [
  { id: 'psychosocial', label: 'Psychosocial' },
  { id: 'hebergement', label: 'Hébergement' },
  { id: 'aide-juridique', label: 'Aide juridique' },
  { id: 'aide-medicale', label: 'Aide médicale' },
  { id: 'aide-alimentaire', label: 'Aide alimentaire' },
  { id: 'aide-emploi', label: 'Aide à l’emploi' },
  { id: 'scolarisation', label: 'Scolarisation' },
];

/**
 * The template a program starts from (seed 003: what the organizations asked of their reports): a few
 * counts with their definitions, the partner services as a carried-over list, and the narrative sections
 * — highlights, what changed, obstacles, means, promising practices, partnerships (carried over), a case.
 * Stored as the program's version 1 the first time it is needed; the manager changes it from there.
 */
export function defaultReportTemplate(program: string): Pick<ReportTemplate, 'program' | 'title' | 'indicators' | 'sections' | 'due'> {
  return {
    program,
    title: `Rapport annuel — ${program}`,
    due: DEFAULT_REPORT_DUE,
    indicators: [
      {
        id: 'personnes-accompagnees',
        label: 'Personnes accompagnées',
        definition:
          'Nombre de personnes différentes qui ont reçu au moins un accompagnement du projet pendant l’exercice (1er avril au 31 mars). Une personne accompagnée plusieurs fois compte une seule fois. N.A. : le projet n’avait pas commencé ; N.C. : les données manquent ou sont imprécises.',
        type: 'count',
        options: [],
        allowNA: true,
        allowNC: true,
        target: null,
        carriedOver: false,
      },
      {
        id: 'interventions',
        label: 'Interventions réalisées',
        definition:
          'Nombre total de rencontres, appels ou accompagnements faits auprès des personnes pendant l’exercice. Chaque intervention compte, même auprès de la même personne.',
        type: 'count',
        options: [],
        allowNA: true,
        allowNC: true,
        target: null,
        carriedOver: false,
      },
      {
        id: 'heures-benevolat',
        label: 'Heures de bénévolat',
        definition: 'Heures données par des bénévoles au projet pendant l’exercice, au quart d’heure près.',
        type: 'hours',
        options: [],
        allowNA: false,
        allowNC: true,
        target: null,
        carriedOver: false,
      },
      {
        id: 'services-partenaires',
        label: 'Types de services des organismes ou institutions contactés',
        definition:
          'Les sortes de services des partenaires avec qui l’organisme a communiqué pendant l’exercice pour répondre aux besoins des personnes. Cochez chaque sorte utilisée au moins une fois.',
        type: 'choices',
        options: PARTNER_SERVICE_OPTIONS,
        allowNA: true,
        allowNC: true,
        target: null,
        carriedOver: true,
      },
      {
        id: 'ressources-consultees',
        label: 'Ressources et organismes consultés',
        definition: 'Les noms des organismes et des ressources consultés pendant l’exercice (pas les personnes accompagnées).',
        type: 'text',
        options: [],
        allowNA: false,
        allowNC: false,
        target: null,
        carriedOver: true,
      },
    ],
    sections: [
      {
        id: 'faits-saillants',
        kind: 'highlights',
        label: 'Faits saillants de l’année',
        help: 'Les deux ou trois choses importantes de l’année, et vos actions prioritaires.',
        carriedOver: false,
      },
      {
        id: 'changements',
        kind: 'changes',
        label: 'Ce qui a changé',
        help: 'Ce qui a changé dans le projet ou dans votre milieu depuis l’an dernier.',
        carriedOver: false,
      },
      {
        id: 'obstacles',
        kind: 'obstacles',
        label: 'Obstacles rencontrés',
        help: 'Ce qui a freiné le projet, et ce que vous attendez du bailleur de fonds, s’il y a lieu.',
        carriedOver: false,
      },
      {
        id: 'moyens',
        kind: 'means',
        label: 'Moyens mis en œuvre',
        help: 'Les moyens et les activités utilisés pour atteindre les objectifs.',
        carriedOver: false,
      },
      {
        id: 'pratiques',
        kind: 'practices',
        label: 'Pratiques prometteuses et effets perçus',
        help: 'Ce qui fonctionne bien, et les effets que vous observez chez les personnes.',
        carriedOver: false,
      },
      {
        id: 'partenariats',
        kind: 'partnerships',
        label: 'Partenariats formels et informels',
        help: 'Vos partenaires et la nature de chaque lien ; repris de l’an dernier, à mettre à jour.',
        carriedOver: true,
      },
      {
        id: 'cas',
        kind: 'case',
        label: 'Présentation d’un cas',
        help: 'Un parcours typique, sans nom, sans date de naissance ni détail qui permettrait de reconnaître la personne.',
        carriedOver: false,
      },
    ],
  };
}

/** The stable format of an indicator's, a section's or an option's id: lower-case words joined by hyphens (`personnes-accompagnees`). */
const REPORT_ITEM_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The indicator types a target applies to (a yearly quantity). */
export const TARGET_TYPES: readonly IndicatorType[] = ['count', 'hours', 'amount'];

/** One problem of a template being saved, naming its field (`indicators.2.definition`, `due`…). */
export interface TemplateProblem {
  field: string;
  code:
    | 'required'
    | 'id-format'
    | 'duplicate-id'
    | 'options-missing'
    | 'options-not-allowed'
    | 'target-not-allowed'
    | 'target-invalid'
    | 'type-changed'
    | 'due-invalid'
    | 'empty';
  message: { fr: string; en: string };
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether a month/day is a real day of every year (February 29 is refused: it would skip three years in four). */
export function isRealDueDay(due: ReportDue): boolean {
  if (!Number.isInteger(due.month) || !Number.isInteger(due.day) || due.month < 1 || due.month > 12 || due.day < 1) return false;
  return due.day <= (due.month === 2 ? 28 : (DAYS_IN_MONTH[due.month - 1] ?? 0));
}

/**
 * What is wrong with a template about to be saved. `earlier`: the indicators of the template's stored
 * versions (an id kept across versions is the same indicator for the dashboard: its type cannot change).
 */
export function templateProblems(
  next: Pick<ReportTemplate, 'title' | 'indicators' | 'sections' | 'due'>,
  earlier: readonly Pick<Indicator, 'id' | 'type' | 'label'>[] = [],
): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const add = (field: string, code: TemplateProblem['code'], fr: string, en: string) => out.push({ field, code, message: { fr, en } });
  if (next.title.trim() === '') add('title', 'required', 'Le titre du modèle est obligatoire.', 'The template’s title is required.');
  if (next.indicators.length === 0 && next.sections.length === 0)
    add('indicators', 'empty', 'Un modèle a au moins un indicateur ou une section.', 'A template has at least one indicator or section.');
  const typeBefore = new Map<string, Pick<Indicator, 'type' | 'label'>>();
  for (const e of earlier) if (!typeBefore.has(e.id)) typeBefore.set(e.id, e);
  const seen = new Set<string>();
  next.indicators.forEach((ind, i) => {
    const f = `indicators.${i}`;
    const name = ind.label.trim() || ind.id || String(i + 1);
    if (!REPORT_ITEM_ID.test(ind.id))
      add(
        `${f}.id`,
        'id-format',
        `Indicateur « ${name} » : le code s’écrit en minuscules sans accents, les mots reliés par des traits d’union (p. ex. personnes-accompagnees).`,
        `Indicator “${name}”: the code is written in lower case without accents, words joined by hyphens (e.g. people-served).`,
      );
    else if (seen.has(ind.id))
      add(`${f}.id`, 'duplicate-id', `Le code « ${ind.id} » sert déjà à un autre indicateur.`, `The code “${ind.id}” is already used by another indicator.`);
    seen.add(ind.id);
    if (ind.label.trim() === '') add(`${f}.label`, 'required', `Indicateur ${i + 1} : le nom est obligatoire.`, `Indicator ${i + 1}: the name is required.`);
    if (ind.definition.trim() === '')
      add(
        `${f}.definition`,
        'required',
        `Indicateur « ${name} » : la définition est obligatoire (c’est elle qui dit ce qui compte et ce qui ne compte pas).`,
        `Indicator “${name}”: the definition is required (it says what counts and what does not).`,
      );
    const before = typeBefore.get(ind.id);
    if (before && before.type !== ind.type)
      add(
        `${f}.type`,
        'type-changed',
        `Indicateur « ${name} » : son type ne peut pas changer d’une version à l’autre, car le tableau de bord suit l’indicateur d’année en année. Créez plutôt un nouvel indicateur.`,
        `Indicator “${name}”: its type cannot change from one version to the next, since the dashboard follows the indicator over the years. Create a new indicator instead.`,
      );
    const isChoice = ind.type === 'choice' || ind.type === 'choices';
    if (isChoice) {
      if (ind.options.length < 2)
        add(`${f}.options`, 'options-missing', `Indicateur « ${name} » : donnez au moins deux choix.`, `Indicator “${name}”: give at least two choices.`);
      const optionIds = new Set<string>();
      ind.options.forEach((o, j) => {
        const of = `${f}.options.${j}`;
        if (!REPORT_ITEM_ID.test(o.id))
          add(
            `${of}.id`,
            'id-format',
            `Indicateur « ${name} », choix ${j + 1} : le code s’écrit en minuscules sans accents, les mots reliés par des traits d’union.`,
            `Indicator “${name}”, choice ${j + 1}: the code is written in lower case without accents, words joined by hyphens.`,
          );
        else if (optionIds.has(o.id))
          add(
            `${of}.id`,
            'duplicate-id',
            `Indicateur « ${name} » : le choix « ${o.id} » est en double.`,
            `Indicator “${name}”: the choice “${o.id}” is there twice.`,
          );
        optionIds.add(o.id);
        if (o.label.trim() === '')
          add(
            `${of}.label`,
            'required',
            `Indicateur « ${name} », choix ${j + 1} : le libellé est obligatoire.`,
            `Indicator “${name}”, choice ${j + 1}: the label is required.`,
          );
      });
    } else if (ind.options.length > 0)
      add(
        `${f}.options`,
        'options-not-allowed',
        `Indicateur « ${name} » : seuls « Un choix » et « Plusieurs choix » ont une liste de choix.`,
        `Indicator “${name}”: only “One choice” and “Several choices” have a list of choices.`,
      );
    if (ind.target !== null) {
      if (!TARGET_TYPES.includes(ind.type))
        add(
          `${f}.target`,
          'target-not-allowed',
          `Indicateur « ${name} » : une cible s’applique seulement à un nombre, des heures ou un montant.`,
          `Indicator “${name}”: a target applies only to a count, hours or an amount.`,
        );
      else if (!Number.isFinite(ind.target) || ind.target < 0 || (ind.type === 'hours' ? !Number.isInteger(ind.target * 4) : !Number.isInteger(ind.target)))
        add(
          `${f}.target`,
          'target-invalid',
          ind.type === 'hours'
            ? `Indicateur « ${name} » : la cible est un nombre d’heures positif, au quart d’heure près.`
            : `Indicateur « ${name} » : la cible est un nombre entier positif.`,
          ind.type === 'hours'
            ? `Indicator “${name}”: the target is a positive number of hours, to the quarter hour.`
            : `Indicator “${name}”: the target is a positive whole number.`,
        );
    }
  });
  const sectionIds = new Set<string>();
  next.sections.forEach((s, i) => {
    const f = `sections.${i}`;
    const name = s.label.trim() || s.id || String(i + 1);
    if (!REPORT_ITEM_ID.test(s.id))
      add(
        `${f}.id`,
        'id-format',
        `Section « ${name} » : le code s’écrit en minuscules sans accents, les mots reliés par des traits d’union.`,
        `Section “${name}”: the code is written in lower case without accents, words joined by hyphens.`,
      );
    else if (sectionIds.has(s.id))
      add(`${f}.id`, 'duplicate-id', `Le code « ${s.id} » sert déjà à une autre section.`, `The code “${s.id}” is already used by another section.`);
    sectionIds.add(s.id);
    if (s.label.trim() === '') add(`${f}.label`, 'required', `Section ${i + 1} : le titre est obligatoire.`, `Section ${i + 1}: the title is required.`);
  });
  if (!isRealDueDay(next.due))
    add(
      'due',
      'due-invalid',
      `La date de remise (${next.due.day}/${next.due.month}) n’existe pas chaque année : choisissez un vrai jour, p. ex. le 30 juin.`,
      `The due date (${next.due.month}/${next.due.day}) is not a day of every year: choose a real day, e.g. June 30.`,
    );
  return out;
}

/** An id for a new indicator or section from its label: `Personnes accompagnées` → `personnes-accompagnees`. */
export function reportItemIdOf(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

/** Which reminder a yearly report due on `dueOn` gets on `today` (both `YYYY-MM-DD`, Quebec dates). */
export type ReportReminderStage = 30 | 7 | 'overdue';

/** Whole days from `today` to `dueOn` (negative once passed), both `YYYY-MM-DD`. */
export function daysUntil(dueOn: string, today: string): number {
  return Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Reports due within this many days (or overdue) are reminded of and listed among the organization's tasks. */
export const REPORT_REMINDER_DAYS = 30;

/**
 * The reminder stage of an open report: 30 (from 30 down to 8 days left), 7 (from 7 days left to the due date
 * itself, which is still on time), 'overdue' (the due date passed); null when more than 30 days remain.
 */
export function reportReminderStage(dueOn: string, today: string): ReportReminderStage | null {
  const left = daysUntil(dueOn, today);
  if (left < 0) return 'overdue';
  if (left <= 7) return 7;
  if (left <= REPORT_REMINDER_DAYS) return 30;
  return null;
}

/** `today` plus `days` days, as `YYYY-MM-DD`. */
export function addDays(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
