/**
 * Report templates per program: list (each program of the tenant's envelopes with its template, or the
 * default it would start from), create from the default, change (a new version each time, the earlier ones
 * kept), read the current version with its history, read one version (what a report written on it is read
 * with). Managers only: `report:read` to read, `report:write` to change.
 */
import { Hono } from 'hono';
import { defaultReportTemplate, templateProblems, type Indicator, type TemplateProblem } from '../../shared/reports';
import { BusinessRuleError, VersionConflictError } from '../../shared/errors';
import { createReportTemplateSchema, updateReportTemplateSchema } from '../../shared/schemas/reports-templates';
import { reportTemplateDetailSchema, reportTemplateSchema, reportTemplatesViewSchema } from '../../shared/schemas/responses/report-templates';
import { jsonBody, type AppEnv, type Deps } from '../lib/app';
import { allow } from '../lib/auth';
import { responds } from '../lib/contract';
import type { Db } from '../lib/db';
import { listEnvelopesOfTenant } from '../envelopes';
import { listMembersOfTenant } from '../identity';
import {
  createProgramTemplate,
  FROM_DEFAULT,
  getReportTemplate,
  getTemplateVersion,
  listReportTemplates,
  listTemplateVersions,
  saveTemplateVersion,
  type StoredTemplate,
  templateIdOf,
} from './templates';

/** The distinct programs of the tenant's envelopes. */
async function programsOf(db: Db, t: string): Promise<Set<string>> {
  const out = new Set<string>();
  let cursor: string | undefined;
  do {
    const p = await listEnvelopesOfTenant(db, t, { cursor, limit: 200 });
    for (const e of p.items) out.add(e.program);
    cursor = p.cursor ?? undefined;
  } while (cursor);
  return out;
}

/** Refuses (422) with every problem of the template, each naming its field, the first one in the detail. */
function throwIfTemplateProblems(problems: readonly TemplateProblem[]): void {
  const first = problems[0];
  if (!first) return;
  throw new BusinessRuleError(first.message, { errors: problems.map((p) => ({ path: p.field, code: p.code, message: p.message })) });
}

/** The indicators of every stored version (the current one included), newest first: an id keeps its type. */
const indicatorsOf = (versions: readonly StoredTemplate[]): Indicator[] => [...versions].sort((a, b) => b.version - a.version).flatMap((v) => v.indicators);

export const templateRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/t/:tenantId/report-templates',
      allow('report:read'),
      responds({ 200: reportTemplatesViewSchema }, { summary: { fr: 'Lister les modèles de rapport', en: 'List the report templates' } }),
      async (c) => {
        const t = c.get('member').tenantId;
        const [programs, stored] = await Promise.all([programsOf(deps.db, t), listReportTemplates(deps.db, t)]);
        const byProgram = new Map(stored.map((x) => [x.program, x]));
        const all = [...new Set([...programs, ...byProgram.keys()])].sort((a, b) => a.localeCompare(b, 'fr'));
        const epoch = new Date(0).toISOString();
        const items = all.map((program) => {
          const own = byProgram.get(program);
          if (own) return { ...own, stored: true };
          return {
            ...defaultReportTemplate(program),
            id: templateIdOf(program),
            version: 1,
            createdAt: epoch,
            createdBy: 'system',
            updatedAt: epoch,
            updatedBy: 'system',
            stored: false,
          };
        });
        return c.json({ items });
      },
    )
    .post(
      '/t/:tenantId/report-templates',
      allow('report:write'),
      responds({ 201: reportTemplateSchema }, { summary: { fr: 'Créer le modèle de rapport d’un programme', en: 'Create a program’s report template' } }),
      jsonBody(createReportTemplateSchema),
      async (c) => {
        const member = c.get('member');
        const { program } = c.req.valid('json');
        if (!(await programsOf(deps.db, member.tenantId)).has(program))
          throw new BusinessRuleError(
            {
              fr: `Aucune enveloppe n’est ouverte pour le programme ${program} : un modèle de rapport se crée pour un programme de vos enveloppes.`,
              en: `No envelope is open for program ${program}: a report template is created for a program of your envelopes.`,
            },
            { errors: [{ path: 'program', code: 'unknown-program', message: { fr: 'Programme inconnu.', en: 'Unknown program.' } }] },
          );
        const template = await createProgramTemplate(deps.db, member.tenantId, program, { at: deps.now().toISOString(), by: member.userId });
        return c.json(template, 201);
      },
    )
    .get(
      '/t/:tenantId/report-templates/:templateId',
      allow('report:read'),
      responds(
        { 200: reportTemplateDetailSchema },
        { summary: { fr: 'Lire un modèle de rapport et ses versions', en: 'Read a report template and its versions' } },
      ),
      async (c) => {
        const t = c.get('member').tenantId;
        const template = await getReportTemplate(deps.db, t, c.req.param('templateId'));
        const [versions, members] = await Promise.all([listTemplateVersions(deps.db, t, template.id), listMembersOfTenant(deps.db, t)]);
        const names = new Map(members.map((m) => [m.userId, m.name]));
        return c.json({
          template,
          versions: versions
            .sort((a, b) => a.version - b.version)
            .map((v) => ({
              number: v.version,
              at: v.updatedAt,
              by: v.updatedBy,
              byName: names.get(v.updatedBy) ?? (v.updatedBy === FROM_DEFAULT.by ? FROM_DEFAULT.name : v.updatedBy),
            })),
        });
      },
    )
    .get(
      '/t/:tenantId/report-templates/:templateId/versions/:number',
      allow('report:read'),
      responds({ 200: reportTemplateSchema }, { summary: { fr: 'Lire une version d’un modèle de rapport', en: 'Read a version of a report template' } }),
      async (c) => {
        const t = c.get('member').tenantId;
        return c.json(await getTemplateVersion(deps.db, t, c.req.param('templateId'), Number(c.req.param('number'))));
      },
    )
    .put(
      '/t/:tenantId/report-templates/:templateId',
      allow('report:write'),
      responds(
        { 200: reportTemplateSchema },
        { summary: { fr: 'Modifier un modèle de rapport (nouvelle version)', en: 'Change a report template (a new version)' } },
      ),
      jsonBody(updateReportTemplateSchema),
      async (c) => {
        const member = c.get('member');
        const t = member.tenantId;
        const { version, ...input } = c.req.valid('json');
        const current = await getReportTemplate(deps.db, t, c.req.param('templateId'), true);
        if (current.version !== version) throw new VersionConflictError(current.version, current);
        const versions = await listTemplateVersions(deps.db, t, current.id);
        throwIfTemplateProblems(templateProblems(input, indicatorsOf([current, ...versions])));
        const next: StoredTemplate = { ...current, ...input, updatedAt: deps.now().toISOString(), updatedBy: member.userId };
        return c.json(await saveTemplateVersion(deps.db, t, next, version));
      },
    );
