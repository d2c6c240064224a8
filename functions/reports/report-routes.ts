/**
 * Yearly reports (fill, save as typed, submit, reopen, accept) and obstacle reports (file, answer).
 *
 * An organization's representative writes its own reports only (another's is a 404, like an unknown id);
 * managers read every report of the tenant, reopen or accept the yearly ones and answer the obstacle
 * reports. A report's content never goes to the logs: problems name fields, and the only typed text a
 * problem returns is a personal-information hit, to the writer of that text.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { Hono } from 'hono';
import { fiscalYearOfDate } from '../../shared/agreements';
import { instantToMontrealLocal } from '../../shared/dates';
import { BusinessRuleError, type FieldProblem, ForbiddenError, InvalidStateError, NotFoundError, VersionConflictError } from '../../shared/errors';
import { PERSONAL_INFO_LABELS, unconfirmedHits, type FieldHit } from '../../shared/personal-info';
import {
  answerProblems,
  carriedOver,
  type Answer,
  type ConfirmedHit,
  type ObstacleReport,
  type Report,
  type ReportStatus,
  type SectionText,
  type YearlyReport,
} from '../../shared/reports';
import {
  acceptReportSchema,
  funderAnswerSchema,
  obstacleReportSchema as obstacleInput,
  reopenReportSchema,
  reportsQuery,
  saveReportSchema,
  submitReportSchema,
} from '../../shared/schemas/reports';
import { myReportsSchema, obstacleReportSchema, programReportsSchema, reportSchema, reportViewSchema } from '../../shared/schemas/responses/reports';
import { jsonBody, queryParams, type AppEnv, type Deps } from '../lib/app';
import { allow, allowAny, type Member } from '../lib/auth';
import { responds } from '../lib/contract';
import type { Db } from '../lib/db';
import { agreementFor, reportObligationMetPiece } from '../agreements';
import { listEnvelopesOfTenant } from '../envelopes';
import { listMembersOfTenant, notifyPeople, representativesOf } from '../identity';
import { reportOpenPut, reportPut } from './repository';
import {
  listReportsOfOrganization,
  listReportsOfProgram,
  obstacleOpenDelete,
  obstacleOpenPut,
  previousReport,
  reportFor,
  reportOpenDelete,
  reportReplace,
  runReportChange,
} from './reports';
import { FROM_DEFAULT, getTemplateVersion, programTemplate, templateIdOf, type StoredTemplate } from './templates';

// ── Helpers ─────────────────────────────────────────────────────────────────

const EDITABLE: readonly ReportStatus[] = ['not-started', 'draft', 'reopened'];

const STATUS_WORDS: Record<ReportStatus, { fr: string; en: string }> = {
  'not-started': { fr: 'pas commencé', en: 'not started' },
  draft: { fr: 'en rédaction', en: 'being written' },
  submitted: { fr: 'remis', en: 'submitted' },
  reopened: { fr: 'rouvert', en: 'reopened' },
  accepted: { fr: 'accepté', en: 'accepted' },
};

function assertVersion(r: Report, version: number): void {
  if (r.version !== version) throw new VersionConflictError(r.version, r);
}

/** A yearly report (an obstacle report has no answers, is not submitted, reopened or accepted). */
function yearly(r: Report): YearlyReport {
  if (r.kind !== 'yearly')
    throw new InvalidStateError(
      { fr: 'Ce rapport est un rapport d’obstacle, pas un rapport annuel.', en: 'This is an obstacle report, not a yearly report.' },
      {
        status: r.kind,
      },
    );
  return r;
}

const stateRefusal = (r: YearlyReport, fr: string, en: string) =>
  new InvalidStateError(
    { fr: `${fr} (ce rapport est ${STATUS_WORDS[r.status].fr}).`, en: `${en} (this report is ${STATUS_WORDS[r.status].en}).` },
    { status: r.status },
  );

/**
 * The path's yearly report as the caller may see it, refused (409 naming its status) unless it is in one of
 * `from`, then at the version the caller read: the opening of every change of a yearly report.
 */
async function yearlyIn(
  deps: Deps,
  member: Member,
  id: string,
  version: number,
  from: readonly ReportStatus[],
  [fr, en]: readonly [string, string],
): Promise<YearlyReport> {
  const r = yearly(await reportFor(deps.db, member.tenantId, id, member, true));
  if (!from.includes(r.status)) throw stateRefusal(r, fr, en);
  assertVersion(r, version);
  return r;
}

/** Only a representative of the report's organization writes it (staff: 403 naming why). */
function assertWritesForOrganization(member: Member): void {
  if (!member.permissions.has('report:own') || !member.organizationId)
    throw new ForbiddenError({
      fr: 'Seul un représentant de l’organisme remplit et remet son rapport.',
      en: 'Only a representative of the organization fills in and submits its report.',
    });
}

/** The template version a report is written on; the program's current one while it has none. */
async function templateOf(deps: Deps, member: Member, r: YearlyReport): Promise<StoredTemplate> {
  const t = member.tenantId;
  if (r.templateVersion !== null) return getTemplateVersion(deps.db, t, templateIdOf(r.program), r.templateVersion);
  return programTemplate(deps.db, t, r.program, { at: deps.now().toISOString(), by: FROM_DEFAULT.by });
}

/** Two values alike, whatever the order of their keys (a stored item's keys come back in any order). */
const sameValue = (a: Answer['value'], b: Answer['value']) =>
  a.kind === b.kind && JSON.stringify('value' in a ? a.value : null) === JSON.stringify('value' in b ? b.value : null);

/** What last year's report carries into this one, while it is being written (nothing once sent). */
async function carriedInto(db: Db, t: string, r: YearlyReport, template: StoredTemplate) {
  if (r.status !== 'not-started' && r.status !== 'draft') return { answers: {}, sections: {} };
  return carriedOver(template, await previousReport(db, t, r));
}

/** The report as its writer sees it: last year's carried items under what was typed. */
function merged(r: YearlyReport, carried: { answers: Record<string, Answer>; sections: Record<string, SectionText> }): YearlyReport {
  return { ...r, answers: { ...carried.answers, ...r.answers }, sections: { ...carried.sections, ...r.sections } };
}

/**
 * An answer keeps its `carriedFrom` only while it is the value carried over (the badge goes once the
 * writer changes it); whatever a client claims, the year is the carried one.
 */
function settleCarried<T extends Answer | SectionText>(typed: Record<string, T>, carried: Record<string, T>, same: (a: T, b: T) => boolean): Record<string, T> {
  return Object.fromEntries(
    Object.entries(typed).map(([id, x]) => {
      const from = carried[id];
      return [id, { ...x, carriedFrom: x.carriedFrom !== null && from && same(x, from) ? from.carriedFrom : null }];
    }),
  );
}

/** The items of a report still marked as carried over. */
const stillCarried = <T extends Answer | SectionText>(items: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(items).filter(([, x]) => x.carriedFrom !== null));

/** Refuses (422) with each problem of the answers and sections, naming its field. */
function throwIfAnswerProblems(template: StoredTemplate, answers: Record<string, Answer>, sections: Record<string, SectionText>, complete: boolean): void {
  const problems: FieldProblem[] = answerProblems(template.indicators, answers, complete).map((p) => ({ path: p.field, code: p.code, message: p.message }));
  const known = new Set(template.sections.map((s) => s.id));
  for (const id of Object.keys(sections))
    if (!known.has(id))
      problems.push({
        path: `sections.${id}`,
        code: 'unknown-section',
        message: { fr: `La section ${id} n’est pas dans ce modèle de rapport.`, en: `Section ${id} is not in this report template.` },
      });
  const first = problems[0];
  if (!first) return;
  throw new BusinessRuleError(
    problems.length === 1
      ? first.message
      : {
          fr: `${problems.length} réponses sont à revoir, dont : ${first.message.fr}`,
          en: `${problems.length} answers need another look, including: ${first.message.en}`,
        },
    { reason: complete ? 'incomplete' : 'invalid-answers', errors: problems },
  );
}

/**
 * Refuses (422, reason `personal-information`) when a text holds what looks like personal information its
 * writer has not confirmed; each hit is listed (field, kind, text) for the writer to fix or confirm. Returns
 * the confirmations that match a hit (kept with the report; others are dropped).
 */
function checkPersonalInfo(fields: Record<string, string>, confirmed: readonly ConfirmedHit[]): ConfirmedHit[] {
  const hits: FieldHit[] = unconfirmedHits(fields, confirmed);
  if (hits.length > 0) {
    const kinds = [...new Set(hits.map((h) => h.kind))];
    throw new BusinessRuleError(
      {
        fr: `Le texte semble contenir des renseignements personnels (${kinds.map((k) => PERSONAL_INFO_LABELS[k].fr).join(', ')}). Corrigez-le, ou confirmez que ce n’est pas une personne servie.`,
        en: `The text seems to hold personal information (${kinds.map((k) => PERSONAL_INFO_LABELS[k].en).join(', ')}). Fix it, or confirm it is not about a person served.`,
      },
      {
        reason: 'personal-information',
        errors: hits.map((h) => ({
          path: h.field,
          code: 'personal-information',
          message: { fr: `On dirait ${PERSONAL_INFO_LABELS[h.kind].fr}.`, en: `This looks like ${PERSONAL_INFO_LABELS[h.kind].en}.` },
        })),
        hits: hits.map((h) => ({ field: h.field, kind: h.kind, text: h.text, start: h.start, end: h.end })),
      },
    );
  }
  return confirmed.filter((c) => fields[c.field]?.includes(c.text) ?? false);
}

/** The free texts of a yearly report, by field: its sections and its text answers. */
function textsOf(r: Pick<YearlyReport, 'answers' | 'sections'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, s] of Object.entries(r.sections)) out[`sections.${id}`] = s.text;
  for (const [id, a] of Object.entries(r.answers)) if (a.value.kind === 'text') out[`answers.${id}`] = a.value.value;
  return out;
}

function tellOrganization(deps: Deps, t: string, organizationId: string, message: Parameters<typeof notifyPeople>[3]) {
  return notifyPeople(
    deps,
    t,
    listMembersOfTenant(deps.db, t).then((all) => representativesOf(all, organizationId)),
    message,
  );
}

/** The tenant's programs: those of its envelopes (a program's reports come from agreements drawn on them). */
async function programsOf(db: Db, t: string): Promise<string[]> {
  const out = new Set<string>();
  let cursor: string | undefined;
  do {
    const p = await listEnvelopesOfTenant(db, t, { cursor, limit: 200 });
    for (const e of p.items) out.add(e.program);
    cursor = p.cursor ?? undefined;
  } while (cursor);
  return [...out].sort((a, b) => a.localeCompare(b, 'fr'));
}

const newestFirst = (a: Report, b: Report) => b.fiscalYear - a.fiscalYear || a.organization.name.localeCompare(b.organization.name, 'fr');

// ── Routes ──────────────────────────────────────────────────────────────────

export const reportRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/t/:tenantId/my/reports',
      allow('report:own'),
      responds({ 200: myReportsSchema }, { summary: { fr: 'Lister les rapports de mon organisme', en: 'List my organization’s reports' } }),
      async (c) => {
        const member = c.get('member');
        if (!member.organizationId) return c.json({ reports: [], obstacles: [] });
        const all = (await listReportsOfOrganization(deps.db, member.tenantId, member.organizationId)).sort(newestFirst);
        return c.json({
          reports: all.filter((r): r is YearlyReport => r.kind === 'yearly'),
          obstacles: all.filter((r): r is ObstacleReport => r.kind === 'obstacle').sort((a, b) => b.filedAt.localeCompare(a.filedAt)),
        });
      },
    )
    .get(
      '/t/:tenantId/reports',
      allow('report:read'),
      responds({ 200: programReportsSchema }, { summary: { fr: 'Lister les rapports reçus', en: 'List the reports received' } }),
      queryParams(reportsQuery),
      async (c) => {
        const t = c.get('member').tenantId;
        const q = c.req.valid('query');
        const programs = await programsOf(deps.db, t);
        const wanted = q.program ? [q.program] : programs;
        const all = (await Promise.all(wanted.map((p) => listReportsOfProgram(deps.db, t, p, q.fiscalYear)))).flat().sort(newestFirst);
        const reports = all.filter((r): r is YearlyReport => r.kind === 'yearly' && (!q.status || r.status === q.status));
        // Those awaiting an answer first, the oldest first; then the answered ones, newest first.
        const obstacles = all
          .filter((r): r is ObstacleReport => r.kind === 'obstacle')
          .sort((a, b) =>
            (a.answer === null) !== (b.answer === null)
              ? a.answer === null
                ? -1
                : 1
              : a.answer === null
                ? a.filedAt.localeCompare(b.filedAt)
                : b.filedAt.localeCompare(a.filedAt),
          );
        return c.json({ programs, reports, obstacles });
      },
    )
    .get(
      '/t/:tenantId/reports/:reportId',
      allowAny('report:read', 'report:own'),
      responds({ 200: reportViewSchema }, { summary: { fr: 'Lire un rapport', en: 'Read a report' } }),
      async (c) => {
        const member = c.get('member');
        const r = await reportFor(deps.db, member.tenantId, c.req.param('reportId'), member);
        if (r.kind === 'obstacle') return c.json({ report: r, template: null });
        const template = await templateOf(deps, member, r);
        const carried = await carriedInto(deps.db, member.tenantId, r, template);
        return c.json({ report: merged(r, carried), template });
      },
    )
    .put(
      '/t/:tenantId/reports/:reportId',
      allow('report:own'),
      responds({ 200: reportSchema }, { summary: { fr: 'Enregistrer le brouillon d’un rapport', en: 'Save a report’s draft' } }),
      jsonBody(saveReportSchema),
      async (c) => {
        const member = c.get('member');
        assertWritesForOrganization(member);
        const t = member.tenantId;
        const input = c.req.valid('json');
        const r = await yearlyIn(deps, member, c.req.param('reportId'), input.version, EDITABLE, [
          'Ce rapport ne se modifie plus',
          'This report can no longer be changed',
        ]);
        const template = await templateOf(deps, member, r);
        throwIfAnswerProblems(template, input.answers, input.sections, false);
        // What may keep its mark: last year's items while being written, and what the report already holds as carried (a reopened one).
        const fromLastYear = await carriedInto(deps.db, t, r, template);
        const carried = {
          answers: { ...stillCarried(r.answers), ...fromLastYear.answers },
          sections: { ...stillCarried(r.sections), ...fromLastYear.sections },
        };
        const at = deps.now().toISOString();
        const next: YearlyReport = {
          ...r,
          status: r.status === 'not-started' ? 'draft' : r.status,
          templateVersion: template.version,
          answers: settleCarried(input.answers, carried.answers, (a, b) => sameValue(a.value, b.value)),
          sections: settleCarried(input.sections, carried.sections, (a, b) => a.text === b.text),
          version: input.version + 1,
          updatedAt: at,
          updatedBy: member.userId,
        };
        await runReportChange(deps.db, [reportReplace(deps.db, t, next, input.version)]);
        return c.json(next);
      },
    )
    .post(
      '/t/:tenantId/reports/:reportId/submit',
      allow('report:own'),
      responds({ 200: reportSchema }, { summary: { fr: 'Remettre un rapport annuel', en: 'Submit a yearly report' } }),
      jsonBody(submitReportSchema),
      async (c) => {
        const member = c.get('member');
        assertWritesForOrganization(member);
        const t = member.tenantId;
        const input = c.req.valid('json');
        const r = await yearlyIn(deps, member, c.req.param('reportId'), input.version, EDITABLE, [
          'Ce rapport ne se remet plus',
          'This report can no longer be submitted',
        ]);
        const template = await templateOf(deps, member, r);
        // What the writer saw is what is sent: last year's carried items under what was typed.
        const whole = merged(r, await carriedInto(deps.db, t, r, template));
        throwIfAnswerProblems(template, whole.answers, whole.sections, true);
        const confirmedHits = checkPersonalInfo(textsOf(whole), input.confirmedHits);
        const at = deps.now().toISOString();
        const next: YearlyReport = {
          ...whole,
          status: 'submitted',
          templateVersion: template.version,
          confirmedHits,
          submittedAt: at,
          submittedBy: member.userId,
          version: input.version + 1,
          updatedAt: at,
          updatedBy: member.userId,
        };
        await runReportChange(deps.db, [reportReplace(deps.db, t, next, input.version), reportOpenDelete(deps.db, t, r)]);
        return c.json(next);
      },
    )
    .post(
      '/t/:tenantId/reports/:reportId/reopen',
      allow('report:write'),
      responds({ 200: reportSchema }, { summary: { fr: 'Rouvrir un rapport remis', en: 'Reopen a submitted report' } }),
      jsonBody(reopenReportSchema),
      async (c) => {
        const member = c.get('member');
        const t = member.tenantId;
        const input = c.req.valid('json');
        const r = await yearlyIn(
          deps,
          member,
          c.req.param('reportId'),
          input.version,
          ['submitted'],
          ['Seul un rapport remis se rouvre', 'Only a submitted report is reopened'],
        );
        const at = deps.now().toISOString();
        const next: YearlyReport = {
          ...r,
          status: 'reopened',
          reopenings: [...r.reopenings, { at, by: member.userId, byName: member.name, reason: input.reason }],
          version: input.version + 1,
          updatedAt: at,
          updatedBy: member.userId,
        };
        await runReportChange(deps.db, [reportReplace(deps.db, t, next, input.version), reportOpenPut(deps.db, t, r)]);
        await tellOrganization(deps, t, r.organization.id, {
          kind: 'report-reopened',
          reportId: r.id,
          projectTitle: r.projectTitle,
          fiscalYear: r.fiscalYear,
          reason: input.reason,
        });
        return c.json(next);
      },
    )
    .post(
      '/t/:tenantId/reports/:reportId/accept',
      allow('report:write'),
      responds({ 200: reportSchema }, { summary: { fr: 'Accepter un rapport remis', en: 'Accept a submitted report' } }),
      jsonBody(acceptReportSchema),
      async (c) => {
        const member = c.get('member');
        const t = member.tenantId;
        const input = c.req.valid('json');
        const r = await yearlyIn(
          deps,
          member,
          c.req.param('reportId'),
          input.version,
          ['submitted'],
          ['Seul un rapport remis s’accepte', 'Only a submitted report is accepted'],
        );
        const at = deps.now().toISOString();
        const next: YearlyReport = { ...r, status: 'accepted', acceptedAt: at, version: input.version + 1, updatedAt: at, updatedBy: member.userId };
        // The agreement's report obligation of that year is met, in the same transaction (when it has one still pending).
        const obligation = await reportObligationMetPiece(deps.db, t, r.agreementId, r.fiscalYear, { at, by: member.userId });
        const pieces: TransactWriteItem[] = [reportReplace(deps.db, t, next, input.version)];
        if (obligation) pieces.push(obligation.piece);
        await runReportChange(deps.db, pieces);
        return c.json(next);
      },
    )
    .post(
      '/t/:tenantId/obstacle-reports',
      allow('report:own'),
      responds({ 201: obstacleReportSchema }, { summary: { fr: 'Signaler un obstacle', en: 'Report an obstacle' } }),
      jsonBody(obstacleInput),
      async (c) => {
        const member = c.get('member');
        assertWritesForOrganization(member);
        const t = member.tenantId;
        const input = c.req.valid('json');
        const a = await agreementFor(deps.db, t, input.agreementId, member, true).catch((e: unknown) => {
          if (e instanceof NotFoundError) throw new NotFoundError({ fr: 'L’entente', en: 'The agreement' });
          throw e;
        });
        // Staff reading every agreement (agreement:read) never reach here: filing is the organization's, on its own.
        if (a.organization.id !== member.organizationId) throw new NotFoundError({ fr: 'L’entente', en: 'The agreement' });
        if (a.status !== 'signed')
          throw new InvalidStateError(
            {
              fr: 'Un obstacle se signale sur une entente signée par les deux parties.',
              en: 'An obstacle is reported on an agreement signed by both parties.',
            },
            { status: a.status },
          );
        const confirmedHits = checkPersonalInfo({ obstacle: input.obstacle, request: input.request }, input.confirmedHits);
        const at = deps.now().toISOString();
        const report: ObstacleReport = {
          kind: 'obstacle',
          id: deps.newId(),
          agreementId: a.id,
          program: a.program,
          organization: { id: a.organization.id, name: a.organization.name },
          projectTitle: a.object.title,
          // The fiscal year of the day it is filed, in Montreal.
          fiscalYear: fiscalYearOfDate(instantToMontrealLocal(at).slice(0, 10)),
          filedAt: at,
          filedBy: member.userId,
          filedByName: member.name,
          obstacle: input.obstacle,
          request: input.request,
          confirmedHits,
          answer: null,
          version: 1,
          createdAt: at,
          createdBy: member.userId,
          updatedAt: at,
          updatedBy: member.userId,
        };
        await runReportChange(deps.db, [reportPut(deps.db, t, report), obstacleOpenPut(deps.db, t, report)]);
        await notifyPeople(
          deps,
          t,
          listMembersOfTenant(deps.db, t).then((all) => all.filter((m) => m.roles.includes('manager'))),
          { kind: 'obstacle-reported', reportId: report.id, organizationName: report.organization.name, projectTitle: report.projectTitle },
        );
        return c.json(report, 201);
      },
    )
    .post(
      '/t/:tenantId/reports/:reportId/answer',
      allow('report:write'),
      responds({ 200: obstacleReportSchema }, { summary: { fr: 'Répondre à un rapport d’obstacle', en: 'Answer an obstacle report' } }),
      jsonBody(funderAnswerSchema),
      async (c) => {
        const member = c.get('member');
        const t = member.tenantId;
        const input = c.req.valid('json');
        const r = await reportFor(deps.db, t, c.req.param('reportId'), member, true);
        if (r.kind !== 'obstacle')
          throw new InvalidStateError(
            { fr: 'Seul un rapport d’obstacle reçoit une réponse.', en: 'Only an obstacle report gets an answer.' },
            { status: r.status },
          );
        if (r.answer !== null)
          throw new InvalidStateError({ fr: 'Cet obstacle a déjà sa réponse.', en: 'This obstacle already has its answer.' }, { status: 'answered' });
        assertVersion(r, input.version);
        const at = deps.now().toISOString();
        const next: ObstacleReport = {
          ...r,
          answer: { at, by: member.userId, byName: member.name, text: input.text },
          version: input.version + 1,
          updatedAt: at,
          updatedBy: member.userId,
        };
        await runReportChange(deps.db, [reportReplace(deps.db, t, next, input.version), obstacleOpenDelete(deps.db, t, r.id)]);
        await tellOrganization(deps, t, r.organization.id, { kind: 'obstacle-answered', reportId: r.id, projectTitle: r.projectTitle });
        return c.json(next);
      },
    );
