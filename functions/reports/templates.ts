/**
 * Report templates per program, versioned: the current version (listed whole: a tenant has a few
 * programs) and each saved version kept, so a report is always read with the version it was written on.
 * A program's template id is derived from the program, so a program has one template whatever the race.
 */
import { createHash } from 'node:crypto';
import { defaultReportTemplate, reportDueDate, type ReportTemplate } from '../../shared/reports';
import { AlreadyExistsError, NotFoundError, VersionConflictError } from '../../shared/errors';
import { getItem, newPut, queryAll, transact, versionedPut, type Db } from '../lib/db';
import { keys } from '../lib/keys';

/** The template id of a program (`prog-` and 20 hex digits of its SHA-256): the same program, the same id. */
export const templateIdOf = (program: string) => `prog-${createHash('sha256').update(program).digest('hex').slice(0, 20)}`;

export type StoredTemplate = ReportTemplate & { id: string };

/**
 * Who a program's template version 1 is recorded as written by when it is made from the default the first time
 * a report needs it (not the organization's representative who opened that report), and the name shown.
 */
export const FROM_DEFAULT = { by: 'enveloppe-defaut', name: 'Enveloppe (modèle par défaut)' } as const;

const templateNotFound = () => new NotFoundError({ fr: 'Le modèle de rapport', en: 'The report template' });

export async function listReportTemplates(db: Db, t: string): Promise<StoredTemplate[]> {
  return queryAll<StoredTemplate>(db, { partition: keys.reportTemplates(t).partition, prefix: keys.reportTemplates(t).prefix });
}

export async function getReportTemplate(db: Db, t: string, id: string, consistent = false): Promise<StoredTemplate> {
  const found = await getItem<StoredTemplate>(db, keys.reportTemplate(t, id), consistent);
  if (!found) throw templateNotFound();
  return found;
}

/** One saved version of a template (what a report written on it is read with). */
export async function getTemplateVersion(db: Db, t: string, id: string, n: number): Promise<StoredTemplate> {
  const found = await getItem<StoredTemplate>(db, keys.reportTemplateVersion(t, id, n));
  if (!found) throw templateNotFound();
  return found;
}

/**
 * The program's template as it stands; created from the default (version 1, current and kept) the first
 * time a program needs one. Two first uses at once: one creates it, the other reads it.
 */
export async function programTemplate(db: Db, t: string, program: string, who: { at: string; by: string }): Promise<StoredTemplate> {
  const id = templateIdOf(program);
  const found = await getItem<StoredTemplate>(db, keys.reportTemplate(t, id), true);
  if (found) return found;
  const template: StoredTemplate = {
    ...defaultReportTemplate(program),
    id,
    version: 1,
    createdAt: who.at,
    createdBy: who.by,
    updatedAt: who.at,
    updatedBy: who.by,
  };
  try {
    await transact(
      db,
      [newPut(db, keys.reportTemplate(t, id), 'ReportTemplate', template), newPut(db, keys.reportTemplateVersion(t, id, 1), 'ReportTemplateVersion', template)],
      () => new VersionConflictError(undefined),
    );
    return template;
  } catch (e) {
    if (e instanceof VersionConflictError) return getReportTemplate(db, t, id, true);
    throw e;
  }
}

/** Saves a new version of a template read at `expectedVersion` (the current one replaced, the new one kept beside the others). */
export async function saveTemplateVersion(db: Db, t: string, next: StoredTemplate, expectedVersion: number): Promise<StoredTemplate> {
  const saved = { ...next, version: expectedVersion + 1 };
  await transact(
    db,
    [
      versionedPut(db, keys.reportTemplate(t, next.id), 'ReportTemplate', saved, expectedVersion),
      newPut(db, keys.reportTemplateVersion(t, next.id, expectedVersion + 1), 'ReportTemplateVersion', saved),
    ],
    ([current]) => {
      const found = current?.item as StoredTemplate | undefined;
      return new VersionConflictError(found?.version, found);
    },
  );
  return saved;
}

/** Every saved version of a template, oldest first (a template has a few dozen at most). */
export async function listTemplateVersions(db: Db, t: string, id: string): Promise<StoredTemplate[]> {
  return queryAll<StoredTemplate>(db, { partition: keys.reportTemplateVersion(t, id, 1).pk, prefix: 'V#' });
}

/**
 * Creates the program's template from the default (version 1, current and kept), refused (409) when the
 * program has one already: the manager's explicit start, where `programTemplate` would read the existing one.
 */
export async function createProgramTemplate(db: Db, t: string, program: string, who: { at: string; by: string }): Promise<StoredTemplate> {
  const id = templateIdOf(program);
  const template: StoredTemplate = {
    ...defaultReportTemplate(program),
    id,
    version: 1,
    createdAt: who.at,
    createdBy: who.by,
    updatedAt: who.at,
    updatedBy: who.by,
  };
  await transact(
    db,
    [newPut(db, keys.reportTemplate(t, id), 'ReportTemplate', template), newPut(db, keys.reportTemplateVersion(t, id, 1), 'ReportTemplateVersion', template)],
    () =>
      new AlreadyExistsError(
        { fr: `Le programme ${program} a déjà son modèle de rapport.`, en: `Program ${program} already has its report template.` },
        { templateId: id },
      ),
  );
  return template;
}

/** When a program's yearly reports are due, per fiscal year: its template's date, June 30 without a template. */
export async function reportDueOf(db: Db, t: string, program: string): Promise<(fy: number) => string> {
  const template = await getItem<StoredTemplate>(db, keys.reportTemplate(t, templateIdOf(program)));
  const due = template?.due ?? defaultReportTemplate(program).due;
  return (fy) => reportDueDate(fy, due);
}
