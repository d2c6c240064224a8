/**
 * Seed 003's five organizations and what their yearly accountability reports said, fiscal years 2017 to
 * 2022 (the seed's "2017" is fiscal year 2017-2018, and so on): Table 3 (women accompanied: numbers, N.A.,
 * N.C.), Table 4 (the types of partner services contacted) and Table 2's obstacle report. The demo builds
 * its program from here, and tests/unit/report-dashboard.test.ts proves the dashboard reproduces Table 3
 * from it to the unit (totals 56, 122, 87, 101, 129, 210).
 *
 * Table 4 as the seed's text gives it lost its empty columns: a row like "Hébergement N.A. X X X X" over
 * five years does not say which four. The X's below keep each row's count of X's, its N.A.'s and N.C.'s,
 * and are placed in the years the row can cover so that no year has more than four types (the seed
 * reports "the three types, or four in a tie, most often used in a year"). Table 3 is the one reproduced
 * exactly; Table 4's per-year placement is a reading, not the seed's.
 *
 * The seed's N.A. (the project had not started) is an answer here: each organization files a report for
 * every year 2017–2022 and answers N.A. for the years before its start. So the dashboard's Table 2 counts
 * those reports as received where the seed wrote N.A.; CALACS Étoile du Nord's 2021 report (N.C., with an
 * obstacle report the same year: the seed's "1*") is a yearly report here too.
 */
import type { Answer, IndicatorValue, ObstacleReport, YearlyReport } from '../../shared/reports';
import { fiscalYearEnd, fiscalYearStart } from '../../shared/agreements';
import { reportDueDate } from '../../shared/reports';

export const SEED_003_YEARS = [2017, 2018, 2019, 2020, 2021, 2022] as const;

type Figure = number | 'NA' | 'NC';
type Services = string[] | 'NA' | 'NC';

export interface Seed003Organization {
  /** A stable identifier for the demo's organization. */
  key: string;
  name: string;
  /** The fiscal year the project started in (the years before: N.A.). */
  startedIn: number;
  /** Table 3: women accompanied, per fiscal year 2017…2022. */
  womenAccompanied: Figure[];
  /** Table 4: the types of partner services contacted (ids of PARTNER_SERVICE_OPTIONS), per fiscal year. */
  partnerServices: Services[];
  /** Table 2's "*": the fiscal years it filed an obstacle report in. */
  obstacleYears: number[];
}

const PSY = 'psychosocial';
const HEB = 'hebergement';
const JUR = 'aide-juridique';
const MED = 'aide-medicale';
const ALIM = 'aide-alimentaire';
const EMP = 'aide-emploi';
const SCOL = 'scolarisation';

export const SEED_003_ORGANIZATIONS: Seed003Organization[] = [
  {
    key: 'calacs-estrie',
    name: 'CALACS Estrie',
    startedIn: 2018,
    womenAccompanied: ['NA', 7, 20, 27, 15, 41],
    // Psychosocial ×5, Hébergement ×4, Aide alimentaire ×3, Aide médicale ×1, Aide à l’emploi ×1.
    partnerServices: ['NA', [PSY, HEB, ALIM], [PSY, HEB, ALIM], [PSY, HEB, MED], [PSY, HEB, ALIM], [PSY, EMP]],
    obstacleYears: [],
  },
  {
    key: 'calacs-etoile-du-nord',
    name: 'CALACS Étoile du Nord',
    startedIn: 2019,
    womenAccompanied: ['NA', 'NA', 'NC', 13, 'NC', 'NC'],
    // Psychosocial X X N.C. X, Hébergement N.C. X, Aide médicale X X N.C., Aide alimentaire X X N.C.: 2021 is N.C.
    partnerServices: ['NA', 'NA', [PSY, MED, ALIM], [PSY, MED, ALIM], 'NC', [PSY, HEB]],
    obstacleYears: [2021],
  },
  {
    key: 'calas-outaouais',
    name: 'CALAS Outaouais',
    startedIn: 2019,
    womenAccompanied: ['NA', 'NA', 11, 14, 27, 38],
    // Psychosocial ×4, Hébergement ×4, Aide juridique ×1, Scolarisation ×2.
    partnerServices: ['NA', 'NA', [PSY, HEB, JUR, SCOL], [PSY, HEB, SCOL], [PSY, HEB], [PSY, HEB]],
    obstacleYears: [],
  },
  {
    key: 'cles',
    name: 'CLES',
    startedIn: 2017,
    womenAccompanied: [12, 92, 32, 20, 60, 74],
    // Psychosocial ×4, Hébergement ×3, Aide juridique ×2, Aide médicale ×1, Aide alimentaire ×2, Aide à l’emploi ×2, Scolarisation ×1.
    partnerServices: [[PSY, HEB, JUR], [PSY, HEB, ALIM], [PSY, HEB, EMP], [PSY, JUR, MED], [ALIM, EMP], [SCOL]],
    obstacleYears: [],
  },
  {
    key: 'maison-de-marthe',
    name: 'Maison de Marthe',
    startedIn: 2017,
    womenAccompanied: [44, 23, 24, 27, 27, 57],
    // Psychosocial ×6, Hébergement ×6, Aide juridique ×2, Aide médicale ×3.
    partnerServices: [
      [PSY, HEB, JUR],
      [PSY, HEB, JUR],
      [PSY, HEB, MED],
      [PSY, HEB, MED],
      [PSY, HEB, MED],
      [PSY, HEB],
    ],
    obstacleYears: [],
  },
];

/** Table 3's totals, as the seed prints them (N.C. left out). */
export const SEED_003_TABLE_3_TOTALS = [56, 122, 87, 101, 129, 210] as const;

const figure = (f: Figure): IndicatorValue => (f === 'NA' ? { kind: 'na' } : f === 'NC' ? { kind: 'nc' } : { kind: 'number', value: f });
const services = (s: Services): IndicatorValue => (s === 'NA' ? { kind: 'na' } : s === 'NC' ? { kind: 'nc' } : { kind: 'choices', value: s });
const typed = (value: IndicatorValue): Answer => ({ value, carriedFrom: null });

/**
 * The answers of one organization's report for one fiscal year, on the default template
 * (shared/reports.ts defaultReportTemplate): Table 3 and Table 4 as above; the counts the seed does not
 * give are N.C. (N.A. before the start), and the resources consulted a short text.
 */
function seed003Answers(org: Seed003Organization, fiscalYear: number): Record<string, Answer> {
  const i = fiscalYear - SEED_003_YEARS[0];
  const before = fiscalYear < org.startedIn;
  const unknown: IndicatorValue = before ? { kind: 'na' } : { kind: 'nc' };
  return {
    'personnes-accompagnees': typed(figure(org.womenAccompanied[i]!)),
    interventions: typed(unknown),
    'heures-benevolat': typed({ kind: 'nc' }),
    'services-partenaires': typed(services(org.partnerServices[i]!)),
    'ressources-consultees': typed({
      kind: 'text',
      value: before ? 'Le projet n’avait pas commencé.' : 'Organismes communautaires, réseau de la santé et des services sociaux de la région.',
    }),
  };
}

/**
 * The submitted yearly reports of seed 003 (one per organization and year, 2017–2022), for a program:
 * what the demo stores and the dashboard's unit test reads. `organizationId` maps a seed organization to
 * the demo's (its key by default).
 */
export function seed003Reports(opts: {
  program: string;
  agreementId?: (org: Seed003Organization) => string;
  organizationId?: (org: Seed003Organization) => string;
  newId: () => string;
  by: string;
  templateVersion?: number;
}): YearlyReport[] {
  const out: YearlyReport[] = [];
  for (const org of SEED_003_ORGANIZATIONS)
    for (const fy of SEED_003_YEARS) {
      const dueOn = reportDueDate(fy);
      const at = `${dueOn}T16:00:00.000Z`;
      out.push({
        kind: 'yearly',
        id: opts.newId(),
        agreementId: opts.agreementId?.(org) ?? `agr-${org.key}`,
        program: opts.program,
        organization: { id: opts.organizationId?.(org) ?? org.key, name: org.name },
        projectTitle: 'Projet pilote d’accompagnement vers la sortie de la prostitution',
        fiscalYear: fy,
        period: { start: fiscalYearStart(fy), end: fiscalYearEnd(fy) },
        dueOn,
        status: 'accepted',
        templateVersion: opts.templateVersion ?? 1,
        answers: seed003Answers(org, fy),
        sections: {},
        confirmedHits: [],
        submittedAt: at,
        submittedBy: opts.by,
        reopenings: [],
        acceptedAt: at,
        version: 3,
        createdAt: at,
        createdBy: opts.by,
        updatedAt: at,
        updatedBy: opts.by,
      });
    }
  return out;
}

/** Table 2's obstacle report ("1*"): CALACS Étoile du Nord, 2021, with what stood in the way. */
export function seed003ObstacleReports(opts: {
  program: string;
  agreementId?: (org: Seed003Organization) => string;
  organizationId?: (org: Seed003Organization) => string;
  newId: () => string;
  by: string;
  byName: string;
}): ObstacleReport[] {
  return SEED_003_ORGANIZATIONS.flatMap((org) =>
    org.obstacleYears.map((fy): ObstacleReport => {
      const at = `${fy + 1}-01-15T15:00:00.000Z`;
      return {
        kind: 'obstacle',
        id: opts.newId(),
        agreementId: opts.agreementId?.(org) ?? `agr-${org.key}`,
        program: opts.program,
        organization: { id: opts.organizationId?.(org) ?? org.key, name: org.name },
        projectTitle: 'Projet pilote d’accompagnement vers la sortie de la prostitution',
        fiscalYear: fy,
        filedAt: at,
        filedBy: opts.by,
        filedByName: opts.byName,
        obstacle: 'La ressource embauchée pour le projet a quitté ; les données de l’année n’ont pas pu être compilées.',
        request: 'Reporter la cible de l’année et nous aider à recruter une intervenante.',
        confirmedHits: [],
        answer: null,
        version: 1,
        createdAt: at,
        createdBy: opts.by,
        updatedAt: at,
        updatedBy: opts.by,
      };
    }),
  );
}
