/**
 * Agreement templates per program (clauses with placeholders, default obligations and schedule), and
 * the French default used when a program has none. The default follows seed 000: the agreement
 * respects the organization's autonomy and mission — it funds a project the organization proposed, it
 * does not make the organization a subcontractor of the institution.
 */
import type { AgreementTemplate } from '../../shared/agreements';
import { getItem, putNew, putVersioned, queryAll, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { AlreadyExistsError, NotFoundError } from '../../shared/errors';

const EPOCH = '2026-01-01T00:00:00.000Z';

/** The default template (not stored): used for a program without a template of its own. */
export function defaultTemplate(program: string): AgreementTemplate {
  return {
    id: 'default',
    program,
    title: 'Entente de services — modèle par défaut',
    version: 1,
    createdAt: EPOCH,
    createdBy: 'system',
    updatedAt: EPOCH,
    updatedBy: 'system',
    schedule: { kind: 'single' },
    obligations: [
      { kind: 'committee', label: 'Participer au comité de suivi du programme (au plus quatre rencontres par année)' },
      { kind: 'priority-access', label: 'Donner un accès prioritaire aux personnes du programme qu’adresse l’établissement, selon les places disponibles' },
    ],
    clauses: [
      {
        heading: '1. Les parties',
        body: 'La présente entente est conclue entre {{etablissement}} (ci-après « l’établissement ») et {{organisme}}, NEQ {{neq}} (ci-après « l’organisme »).',
      },
      {
        heading: '2. Objet',
        body: 'L’établissement soutient financièrement le projet « {{projet}} » que l’organisme a proposé et qu’il réalise. Le projet répond aux besoins suivants : {{besoins}}.',
      },
      { heading: '3. Durée', body: 'L’entente couvre la période {{periode}}.' },
      {
        heading: '4. Montants et modalités de versement',
        body: 'L’établissement verse à l’organisme {{montant}} au total, soit {{montants_par_exercice}}. Modalités : {{modalites_de_versement}}. Aucun versement n’est fait avant la signature des deux parties.',
      },
      {
        heading: '5. Engagements de l’organisme',
        body: 'L’organisme réalise le projet tel que décrit, participe au comité de suivi du programme, offre un accès prioritaire aux personnes du programme selon les places disponibles, et remet un rapport d’activités et financier pour chaque exercice au plus tard le 30 juin suivant.',
      },
      {
        heading: '6. Engagements de l’établissement',
        body: 'L’établissement verse les montants aux dates prévues, désigne une personne-ressource, informe l’organisme de tout changement au programme et convoque le comité de suivi.',
      },
      {
        heading: '7. Autonomie de l’organisme',
        body: 'L’établissement reconnaît l’autonomie de l’organisme : sa mission, ses orientations, ses approches et ses pratiques, et sa vie associative. L’entente finance un projet de l’organisme ; elle ne fait pas de l’organisme un sous-traitant de l’établissement et ne lui confie pas d’autres services que ceux décrits ici. L’organisme reste libre de ses autres activités et de ses autres sources de financement.',
      },
      {
        heading: '8. Confidentialité',
        body: 'Les parties protègent les renseignements personnels des personnes rejointes. Les rapports ne contiennent aucun renseignement nominatif ; l’organisme ne transmet aucun dossier de personne à l’établissement sans son consentement écrit.',
      },
      {
        heading: '9. Résiliation',
        body: 'Chaque partie peut mettre fin à l’entente par un avis écrit de 60 jours. Les sommes dépensées ou engagées de bonne foi par l’organisme avant la fin de l’entente lui restent acquises ; le solde non dépensé est remboursé.',
      },
      {
        heading: '10. Modifications',
        body: 'Toute modification de l’entente se fait par un avenant écrit, motivé et signé par les deux parties.',
      },
      {
        heading: '11. Signatures',
        body: 'Les personnes qui signent déclarent être autorisées à engager la partie qu’elles représentent.',
      },
    ],
  };
}

const templateNotFound = () => new NotFoundError({ fr: 'Le modèle d’entente', en: 'The agreement template' });

export async function listTemplates(db: Db, t: string): Promise<AgreementTemplate[]> {
  const p = keys.agreementTemplates(t);
  return queryAll<AgreementTemplate>(db, { partition: p.partition, prefix: p.prefix });
}

export async function getTemplate(db: Db, t: string, id: string): Promise<AgreementTemplate> {
  const found = await getItem<AgreementTemplate>(db, keys.agreementTemplate(t, id), true);
  if (!found) throw templateNotFound();
  return found;
}

export async function createTemplate(db: Db, t: string, template: AgreementTemplate): Promise<AgreementTemplate> {
  await putNew(
    db,
    keys.agreementTemplate(t, template.id),
    'AgreementTemplate',
    template,
    () => new AlreadyExistsError({ fr: 'Ce modèle existe déjà.', en: 'This template already exists.' }),
  );
  return template;
}

export async function replaceTemplate(db: Db, t: string, next: AgreementTemplate, expectedVersion: number): Promise<AgreementTemplate> {
  return putVersioned(db, keys.agreementTemplate(t, next.id), 'AgreementTemplate', next, expectedVersion);
}

/** The template an agreement of `program` starts from: the one chosen, else the program's latest, else the default. */
export async function templateFor(db: Db, t: string, program: string, chosen: string | undefined): Promise<AgreementTemplate> {
  if (chosen) {
    const tpl = await getTemplate(db, t, chosen);
    return tpl;
  }
  const mine = (await listTemplates(db, t)).filter((x) => x.program === program).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return mine[0] ?? defaultTemplate(program);
}
