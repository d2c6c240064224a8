/**
 * The demo's yearly reports (issue 15), on the decided call's agreements (demo-agreements.ts): the
 * institution's signature made one report due per fiscal year of each agreement. The 2024-2025 reports
 * were written by each organization in June and accepted by the CLSC in July (which marks each
 * agreement's report obligation met); the two-year workshops' 2025-2026 report is not handed in yet —
 * Julie Bergeron finds it late on her home page, with last year's partner services and partnerships
 * carried over (« repris de 2024-2025 »). The halte-répit reported an obstacle last month that waits for
 * the manager's answer.
 *
 * Everything goes through the reports context's own routes, in process, as the demo's people, on a clock
 * set to the day of each step (as demo-agreements.ts does). Resumable: each step looks at the report's
 * status first.
 */
import type { Organization } from '../../shared/domain';
import { AlreadyExistsError } from '../../shared/errors';
import type { Answer, ObstacleReport, SectionText, YearlyReport } from '../../shared/reports';
import { montrealLocalToInstant } from '../../shared/dates';
import { createApiApp } from '../lib/app';
import { transact, type Db } from '../lib/db';
import { newId } from '../lib/ids';
import { createOrganization } from '../organizations/repository';
import { reportsRoutes } from '../reports/app';
import { reportPut } from '../reports/repository';
import { FROM_DEFAULT, programTemplate } from '../reports/templates';
import { SEED_003_ORGANIZATIONS, seed003ObstacleReports, seed003Reports, type Seed003Organization } from './seed-003-data';

const MANAGER = 'demo-gestionnaire';

interface MyReports {
  reports: YearlyReport[];
  obstacles: ObstacleReport[];
}
/** Who writes each organization's reports. */
const WRITERS: Record<string, string> = {
  'org-maison-famille': 'demo-membre-famille',
  'org-cje': 'demo-membre-cje',
  'org-cuisines': 'demo-membre-cuisines',
  'org-repit': 'demo-organisme-repit',
};

const n = (value: number): Answer => ({ value: { kind: 'number', value }, carriedFrom: null });
const text = (value: string): Answer => ({ value: { kind: 'text', value }, carriedFrom: null });
const choices = (...value: string[]): Answer => ({ value: { kind: 'choices', value }, carriedFrom: null });
const section = (t: string): SectionText => ({ text: t, carriedFrom: null });

/** What each organization's 2024-2025 report said (aggregates only: no person served is named). */
const FIRST_YEAR: Record<string, { answers: Record<string, Answer>; sections: Record<string, SectionText> }> = {
  'org-maison-famille': {
    answers: {
      'personnes-accompagnees': n(64),
      interventions: n(418),
      'heures-benevolat': n(520.5),
      'services-partenaires': choices('psychosocial', 'aide-alimentaire', 'hebergement'),
      'ressources-consultees': text('CLSC de Saint-Jérôme, Moisson Laurentides, Maison d’hébergement Le Préfixe'),
    },
    sections: {
      'faits-saillants': section('La halte-garderie a ouvert un deuxième avant-midi par semaine ; les pères sont venus plus nombreux aux ateliers.'),
      obstacles: section('Le local est trop petit les jours de forte affluence.'),
      partenariats: section(
        'CLSC de Saint-Jérôme (entente formelle de référence) ; Moisson Laurentides (dons alimentaires) ; bibliothèque municipale (informel).',
      ),
      cas: section('Une jeune mère arrivée isolée en septembre participe maintenant aux ateliers et anime la cuisine du jeudi.'),
    },
  },
  'org-cje': {
    answers: {
      'personnes-accompagnees': n(37),
      interventions: n(296),
      'heures-benevolat': { value: { kind: 'nc' }, carriedFrom: null },
      'services-partenaires': choices('aide-emploi', 'scolarisation', 'psychosocial'),
      'ressources-consultees': text('Services Québec, Centre de services scolaire de la Rivière-du-Nord, Cégep de Saint-Jérôme'),
    },
    sections: {
      'faits-saillants': section('Vingt-deux jeunes parents ont commencé un emploi ou un retour aux études.'),
      partenariats: section('Services Québec (entente) ; centre de services scolaire (informel).'),
    },
  },
  'org-cuisines': {
    answers: {
      'personnes-accompagnees': n(38),
      interventions: n(212),
      'heures-benevolat': n(310.5),
      'services-partenaires': choices('aide-alimentaire', 'psychosocial'),
      'ressources-consultees': text('Moisson Laurentides, CLSC, Maison de la famille'),
    },
    sections: {
      'faits-saillants': section('Deux nouveaux groupes de cuisine.'),
      partenariats: section('Moisson Laurentides (entente formelle) ; Maison de la famille (informel).'),
    },
  },
  'org-repit': {
    answers: {
      'personnes-accompagnees': n(29),
      interventions: n(164),
      'heures-benevolat': n(96.25),
      'services-partenaires': choices('psychosocial'),
      'ressources-consultees': text('CLSC, Maison de la famille'),
    },
    sections: {
      'faits-saillants': section('La halte-répit a accueilli les enfants trois jours par semaine toute l’année.'),
      partenariats: section('CLSC (références) ; Maison de la famille (prêt de local le samedi).'),
    },
  },
};

export async function seedDemoReports(db: Db, input: { tenantId: string; fiscal: number; now: Date }): Promise<void> {
  const t = input.tenantId;
  const y = input.fiscal - 2;
  let clock = input.now;
  const app = createApiApp(
    { db, verifyToken: async (sub) => ({ sub, email: undefined, name: undefined }), now: () => clock, newId: () => newId(clock.getTime()) },
    [reportsRoutes],
  );
  const on = (local: string) => {
    clock = montrealLocalToInstant(local)!;
  };
  const api = async <T>(as: string, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await app.request(`/api/t/${t}${path}`, {
      method,
      headers: { Authorization: `Bearer ${as}`, 'Content-Type': 'application/json', 'Accept-Language': 'fr' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`demo: ${method} ${path} as ${as} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  for (const [org, writer] of Object.entries(WRITERS)) {
    const mine = await api<MyReports>(writer, 'GET', '/my/reports');
    const first = mine.reports.find((r) => r.fiscalYear === y && r.organization.id === org);
    if (!first) continue;
    let report = first;
    const content = FIRST_YEAR[org]!;
    // Written in the first days of June, handed in before June 30.
    if (report.status === 'not-started' || report.status === 'draft') {
      on(`${y + 1}-06-0${3 + Object.keys(WRITERS).indexOf(org)}T14:00`);
      report = (await api<{ report: YearlyReport }>(writer, 'GET', `/reports/${report.id}`)).report;
      report = await api<YearlyReport>(writer, 'PUT', `/reports/${report.id}`, { version: report.version, ...content });
      on(`${y + 1}-06-1${Object.keys(WRITERS).indexOf(org)}T10:00`);
      report = await api<YearlyReport>(writer, 'POST', `/reports/${report.id}/submit`, { version: report.version, confirmedHits: [] });
    }
    if (report.status === 'submitted') {
      on(`${y + 1}-07-03T10:00`);
      await api(MANAGER, 'POST', `/reports/${report.id}/accept`, { version: report.version });
    }
  }

  // The halte-répit's obstacle, last month, waiting for the manager's answer.
  const repit = await api<MyReports>(WRITERS['org-repit']!, 'GET', '/my/reports');
  const agreementId = repit.reports[0]?.agreementId;
  if (agreementId && repit.obstacles.length === 0) {
    clock = new Date(input.now.getTime() - 20 * 86_400_000);
    await api(WRITERS['org-repit']!, 'POST', '/obstacle-reports', {
      agreementId,
      obstacle: 'Deux de nos quatre bénévoles de la halte ont quitté cet automne : nous ne pouvons plus ouvrir le samedi.',
      request: 'Pouvons-nous utiliser une partie du montant pour rémunérer une éducatrice le samedi jusqu’au printemps ?',
      confirmedHits: [],
    });
  }
}

/** The pilot program of seed 003, whose reports 2017–2022 the demo holds (the dashboard reproduces Table 3). */
export const SEED_003_PROGRAM = 'Projet pilote — sortie de la prostitution';

const REGION: Record<string, Organization['region']> = {
  'calacs-estrie': '05-estrie',
  'calacs-etoile-du-nord': '08-abitibi-temiscamingue',
  'calas-outaouais': '07-outaouais',
  cles: '06-montreal',
  'maison-de-marthe': '06-montreal',
};

const orgId = (o: Seed003Organization) => `org-s003-${o.key}`;

/**
 * Seed 003's five organizations and their yearly reports 2017–2022, imported into the pilot program as the
 * archive of a funder that joined the platform after the fact: the reports as received and accepted (the
 * counts of Tables 3 and 4, N.A. before each organization started, N.C. where the data were missing), and
 * CALACS Étoile du Nord's obstacle report of 2021 with the funder's answer. They predate the platform, so
 * no agreement of the platform stands behind them (their `agreementId` names the archive's file). Written
 * once: the program's template (the default, version 1) is what the reports were read with.
 */
export async function seedPilotProgramArchive(
  db: Db,
  input: { tenantId: string; now: Date; once: (write: () => Promise<unknown>) => Promise<void> },
): Promise<void> {
  const t = input.tenantId;
  const at = '2017-04-01T12:00:00.000Z';
  for (const [i, o] of SEED_003_ORGANIZATIONS.entries()) {
    const org: Organization = {
      id: orgId(o),
      legalName: o.name,
      neq: `11700003${String(i + 1).padStart(2, '0')}`,
      mission: 'Accompagner les femmes qui veulent sortir de la prostitution, vers les services dont elles ont besoin.',
      contact: { name: 'Coordination du projet pilote', email: `projet-pilote@${o.key}.example`, phone: '' },
      region: REGION[o.key]!,
      version: 1,
      createdAt: at,
      createdBy: 'demo-import',
      updatedAt: at,
      updatedBy: 'demo-import',
    };
    await input.once(() => createOrganization(db, t, org));
  }
  const template = await programTemplate(db, t, SEED_003_PROGRAM, { at, by: FROM_DEFAULT.by });
  // Ids fixed by their order, so a second start finds the same reports and writes nothing.
  const counter = (prefix: string) => {
    let n = 0;
    return () => `${prefix}-${String(++n).padStart(3, '0')}`;
  };
  const ids = { program: SEED_003_PROGRAM, organizationId: orgId, agreementId: (o: Seed003Organization) => `archive-s003-${o.key}` };
  const reports = seed003Reports({ ...ids, newId: counter('s003-rapport'), by: 'demo-import', templateVersion: template.version });
  const obstacles = seed003ObstacleReports({ ...ids, newId: counter('s003-obstacle'), by: 'demo-import', byName: 'Coordination du projet pilote' }).map(
    (r): ObstacleReport => ({
      ...r,
      answer: {
        at: `${r.fiscalYear + 1}-02-10T15:00:00.000Z`,
        by: 'demo-import',
        byName: 'Secrétariat du programme',
        text: 'La cible de l’année est reportée ; une aide au recrutement d’une intervenante vous est accordée, et l’année sera inscrite N.C. au suivi.',
      },
      version: 2,
    }),
  );
  // One transaction per organization (its six reports, and its obstacle report): an interrupted import is
  // finished by the next start, the organizations already in place left as they are.
  for (const o of SEED_003_ORGANIZATIONS) {
    const own = [...reports, ...obstacles].filter((r) => r.organization.id === orgId(o));
    await input.once(() =>
      transact(
        db,
        own.map((r) => reportPut(db, t, r)),
        () => new AlreadyExistsError({ fr: 'Les rapports de cet organisme', en: 'This organization’s reports' }),
      ),
    );
  }
}
