/**
 * The agreement's life: templates per program, drafts generated from the decision, the manager's
 * edits, sending, the organization's review (changes asked, signature, decline), the institution's
 * signature committing each year in its envelope (the envelope's condition in the same transaction),
 * amendments (avenants) signed again by both, obligations' follow-up, renewal into a later envelope.
 *
 * A signed agreement's `toPay`, `toClaim` and `paid` change in the money routes' transactions without
 * a new version: every write here changes named fields (never the whole item), so none of them can
 * overwrite a payment.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Hono } from 'hono';
import {
  type Agreement,
  type AgreementTemplate,
  type AgreementTerms,
  type AgreementYear,
  type Amendment,
  type Clause,
  type ClauseData,
  type LedgerMovement,
  type Obligation,
  type Signature,
  type TermsProblem,
  commitmentDeltas,
  defaultPeriod,
  fiscalYearEnd,
  fiscalYearLabel,
  fiscalYearStart,
  fiscalYearsOf,
  fillClauses,
  plannedInstallments,
  refillClauses,
  termsProblems,
} from '../../shared/agreements';
import type { Envelope } from '../../shared/domain';
import { BusinessRuleError, ForbiddenError, InvalidStateError, NotFoundError, VersionConflictError } from '../../shared/errors';
import { formatMoney } from '../../shared/money';
import {
  agreementsQuery,
  amendmentSchema,
  commentSchema,
  declineSchema,
  generateAgreementsSchema,
  obligationFollowUpSchema,
  renewalSchema,
  signSchema,
  templateInputSchema,
  templateUpdateSchema,
  type TermsInput,
  updateAgreementSchema,
  versionOnly,
} from '../../shared/schemas/agreements';
import {
  agreementSchema,
  agreementTemplateSchema,
  callAgreementsSchema,
  generatedSchema,
  myAgreementSchema,
  templatesViewSchema,
} from '../../shared/schemas/responses/agreements';
import { page } from '../../shared/schemas/responses/common';
import { created, jsonBody, queryParams, type AppEnv, type Deps } from '../lib/app';
import { allow, allowAny, type Member } from '../lib/auth';
import { responds } from '../lib/contract';
import { transact, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { getDecision } from '../decisions';
import { commitPiece, ensureLedger, getEnvelopeById, listEnvelopesOfTenant, movementPut } from '../envelopes';
import { listMembersOfTenant, notifyPeople, representativesOf } from '../identity';
import { getOrganizationById } from '../organizations';
import { getProposalById } from '../proposals';
import { dueReportPieces, reportDueOf } from '../reports';
import { envelopeRefusal, institutionSignaturePieces, openBalances, promisedByItsCall } from './money';
import {
  agreementClaimPut,
  agreementFor,
  agreementPut,
  awaitingInstitutionDelete,
  awaitingInstitutionPut,
  awaitingReviewDelete,
  awaitingReviewPut,
  listAgreements,
  listAgreementsOfOrganization,
} from './repository';
import { createTemplate, defaultTemplate, getTemplate, listTemplates, replaceTemplate, templateFor } from './templates';
import { startingObligations, totalProblem } from './terms';

// ── Helpers ─────────────────────────────────────────────────────────────────

const termsOf = (a: AgreementTerms): AgreementTerms => ({
  period: a.period,
  years: a.years,
  amount: a.amount,
  schedule: a.schedule,
  obligations: a.obligations,
  clauses: a.clauses,
});

/**
 * The template's clauses an agreement was filled from: kept on it since they are (`clauseSources`), else its
 * template as stored now, or the default one; none when its template is gone (every clause then stays as written).
 */
async function clauseSourcesOf(db: Db, t: string, a: Agreement): Promise<Clause[]> {
  if (a.clauseSources) return a.clauseSources;
  if (a.template === null) return defaultTemplate(a.program).clauses;
  const found = await getTemplate(db, t, a.template.id).catch((e: unknown) => {
    if (e instanceof NotFoundError) return null;
    throw e;
  });
  return found?.clauses ?? [];
}

/** What fills an agreement's placeholders with these terms (and this object). */
const clauseData = (a: Agreement, terms: ClauseData['terms'], object: ClauseData['object'] = a.object): ClauseData => ({
  institution: a.institution.name,
  organization: a.organization,
  object,
  terms,
});

/** What a new draft starts with besides its terms and parties: unsigned, unchanged, nothing paid. */
type DraftStart = 'status' | 'signatures' | 'changeRequests' | 'declined' | 'original' | 'amendments' | 'renewedBy' | 'toPay' | 'toClaim' | 'paid';
const newDraft = (fields: Omit<Agreement, DraftStart>): Agreement => ({
  ...fields,
  status: 'draft',
  signatures: { organization: null, institution: null },
  changeRequests: [],
  declined: null,
  original: null,
  amendments: [],
  renewedBy: null,
  toPay: {},
  toClaim: {},
  paid: 0,
});

/** Refuses (422) with every problem of the terms, each naming its field, the first one in the detail. */
function throwIfTermsProblems(problems: readonly TermsProblem[]): void {
  const first = problems[0];
  if (!first) return;
  throw new BusinessRuleError(first.message, { errors: problems.map((p) => ({ path: p.field, code: p.code, message: p.message })) });
}

const stateRefusal = (fr: string, en: string, status: string) => new InvalidStateError({ fr, en }, { status });

function assertVersion(a: { version: number }, version: number): void {
  if (a.version !== version) throw new VersionConflictError(a.version, a);
}

/** The terms typed in a form, with ids for new obligations and the amount as the sum of the years. */
function termsFrom(input: TermsInput, newId: () => string): AgreementTerms {
  const obligations: Obligation[] = input.obligations.map((o) => ({
    id: o.id ?? newId(),
    kind: o.kind,
    label: o.label,
    fiscalYear: o.fiscalYear,
    dueOn: o.dueOn,
    status: o.status,
    note: o.note,
  }));
  return {
    period: input.period,
    years: input.years,
    amount: input.years.reduce((s, y) => s + y.cents, 0),
    schedule: input.schedule,
    obligations,
    clauses: input.clauses,
  };
}

/** Each year's envelope, when chosen, must exist and be the program's envelope of that fiscal year (422 naming the year). */
async function checkEnvelopes(db: Db, t: string, program: string, years: readonly AgreementYear[]): Promise<Map<string, Envelope>> {
  const found = new Map<string, Envelope>();
  const problems: TermsProblem[] = [];
  for (const [i, y] of years.entries()) {
    if (y.envelopeId === null) continue;
    const env = await getEnvelopeById(db, t, y.envelopeId).catch((e: unknown) => {
      if (e instanceof NotFoundError) return null;
      throw e;
    });
    if (!env || env.program !== program || env.fiscalYear !== y.fiscalYear)
      problems.push({
        field: `years.${i}.envelopeId`,
        code: 'envelope-missing',
        message: {
          fr: `L’enveloppe choisie pour l’exercice ${fiscalYearLabel(y.fiscalYear)} n’existe pas ou n’est pas celle du programme ${program} pour cet exercice.`,
          en: `The envelope chosen for fiscal year ${fiscalYearLabel(y.fiscalYear)} does not exist or is not the ${program} program's envelope for that year.`,
        },
      });
    else found.set(env.id, env);
  }
  throwIfTermsProblems(problems);
  return found;
}

/** The tenant's envelopes of a program, by fiscal year (the latest created when a year has several). */
async function envelopesOfProgram(db: Db, t: string, program: string): Promise<Map<number, Envelope>> {
  const out = new Map<number, Envelope>();
  let cursor: string | undefined;
  do {
    const p = await listEnvelopesOfTenant(db, t, { cursor, limit: 200 });
    for (const e of p.items) if (e.program === program && !out.has(e.fiscalYear)) out.set(e.fiscalYear, e);
    cursor = p.cursor ?? undefined;
  } while (cursor);
  return out;
}

/**
 * A write of named fields of an agreement at its version (never the whole item: a payment may have
 * changed `toPay` since it was read, without a new version).
 */
function fieldsUpdate(
  db: Db,
  t: string,
  id: string,
  expectedVersion: number,
  fields: Record<string, unknown>,
  who: { at: string; by: string },
  extra: { set?: string[]; condition?: string; names?: Record<string, string>; values?: Record<string, unknown> } = {},
): TransactWriteItem {
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt', '#updatedBy': 'updatedBy', ...extra.names };
  const values: Record<string, unknown> = { ':expected': expectedVersion, ':next': expectedVersion + 1, ':at': who.at, ':by': who.by, ...extra.values };
  const sets = ['#version = :next', '#updatedAt = :at', '#updatedBy = :by', ...(extra.set ?? [])];
  Object.entries(fields).forEach(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = :f${i}`);
  });
  return {
    Update: {
      TableName: db.table,
      Key: marshall(keys.agreement(t, id)),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: ['#version = :expected', extra.condition].filter(Boolean).join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: marshall(values, { removeUndefinedValues: true }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** Runs writes whose first item is the agreement's update; its refusal is a version conflict. */
async function runUpdate(db: Db, items: TransactWriteItem[]): Promise<void> {
  await transact(db, items, ([d]) => {
    const found = d?.item as Agreement | undefined;
    return new VersionConflictError(found?.version, found);
  });
}

async function saveFields(
  deps: Deps,
  member: Member,
  a: Agreement,
  version: number,
  fields: Partial<Agreement>,
  /** Other writes of the same change, in its transaction (the institution's queue). */
  alongside: TransactWriteItem[] = [],
): Promise<Agreement> {
  const at = deps.now().toISOString();
  await runUpdate(deps.db, [fieldsUpdate(deps.db, member.tenantId, a.id, version, fields, { at, by: member.userId }), ...alongside]);
  return { ...a, ...fields, version: version + 1, updatedAt: at, updatedBy: member.userId };
}

const signatureOf = (deps: Deps, member: Member, title: string): Signature => ({
  userId: member.userId,
  name: member.name,
  title,
  at: deps.now().toISOString(),
});

/** What an organization's representative may read of an agreement: not the amendments still in draft. */
function viewFor(member: Member, a: Agreement): Agreement {
  if (member.permissions.has('agreement:read')) return a;
  return { ...a, amendments: a.amendments.filter((x) => x.status !== 'draft') };
}

/** Only a representative of the agreement's organization signs for it (staff: 403 naming why). */
function assertSignsForOrganization(member: Member): void {
  if (!member.permissions.has('agreement:own') || !member.organizationId)
    throw new ForbiddenError({
      fr: 'Seul un représentant de l’organisme signe pour lui : l’établissement signe de son côté, après l’organisme.',
      en: 'Only a representative of the organization signs for it: the institution signs on its own side, after the organization.',
    });
}

async function tellOrganization(deps: Deps, t: string, a: Agreement, amendment: number | null, amountCents: number): Promise<void> {
  await notifyPeople(
    deps,
    t,
    listMembersOfTenant(deps.db, t).then((all) => representativesOf(all, a.organization.id)),
    { kind: 'agreement-sent', agreementId: a.id, projectTitle: a.object.title, institutionName: a.institution.name, amountCents, amendment },
  );
}

function amendmentOf(a: Agreement, n: number): Amendment {
  const found = a.amendments.find((x) => x.number === n);
  if (!found) throw new NotFoundError({ fr: 'L’avenant', en: 'The amendment' });
  return found;
}

type AgreementStatus = Agreement['status'];
type AmendmentStatus = Amendment['status'];

/** A transition's opening: the statuses it starts from, and the refusal (409, French and English) from any other. */
interface Step<S> {
  from: readonly S[];
  refusal: readonly [string, string];
}

/** Each transition of an agreement: where it may start, and what the caller is told otherwise. */
const AGREEMENT_STEPS = {
  edit: {
    from: ['draft', 'changes-requested'],
    refusal: [
      'Seule une entente en préparation ou dont l’organisme demande des changements se modifie : une entente envoyée attend l’organisme, une entente signée se change par avenant.',
      'Only a draft agreement, or one the organization asked changes to, can be edited: a sent agreement waits for the organization, a signed one changes through an amendment.',
    ],
  },
  send: { from: ['draft', 'changes-requested'], refusal: ['Cette entente est déjà envoyée ou signée.', 'This agreement is already sent or signed.'] },
  askChanges: {
    from: ['sent'],
    refusal: ['On demande des changements à une entente envoyée, avant de la signer.', 'Changes are asked on a sent agreement, before signing it.'],
  },
  decline: {
    from: ['sent', 'changes-requested'],
    refusal: ['Seule une entente envoyée et non signée peut être refusée.', 'Only a sent, unsigned agreement can be declined.'],
  },
  signForOrganization: {
    from: ['sent'],
    refusal: [
      'Seule une entente envoyée se signe : si vous avez demandé des changements, attendez la nouvelle version.',
      'Only a sent agreement can be signed: if you asked for changes, wait for the new version.',
    ],
  },
  signForInstitution: {
    from: ['signed-by-organization'],
    refusal: ['L’établissement signe une fois que l’organisme a signé.', 'The institution signs once the organization has signed.'],
  },
} satisfies Record<string, Step<AgreementStatus>>;

/** Each transition of an amendment. */
const AMENDMENT_STEPS = {
  sendAmendment: {
    from: ['draft', 'changes-requested'],
    refusal: ['Cet avenant est déjà envoyé, signé ou annulé.', 'This amendment is already sent, signed or cancelled.'],
  },
  askAmendmentChanges: { from: ['sent'], refusal: ['On demande des changements à un avenant envoyé.', 'Changes are asked on a sent amendment.'] },
  signAmendmentForOrganization: { from: ['sent'], refusal: ['Seul un avenant envoyé se signe.', 'Only a sent amendment can be signed.'] },
  cancelAmendment: {
    from: ['draft', 'sent', 'changes-requested', 'signed-by-organization'],
    refusal: ['Un avenant signé ou déjà annulé ne s’annule plus.', 'A signed or already cancelled amendment can no longer be cancelled.'],
  },
  signAmendmentForInstitution: {
    from: ['signed-by-organization'],
    refusal: [
      'L’établissement signe un avenant une fois que l’organisme l’a signé.',
      'The institution signs an amendment once the organization has signed it.',
    ],
  },
} satisfies Record<string, Step<AmendmentStatus>>;

/**
 * The path's agreement as the caller may see it, refused (409 naming its status) unless it is in one of
 * `from`, then at the version the caller read (409 version-conflict otherwise): the opening of every transition.
 */
async function agreementIn(deps: Deps, member: Member, id: string, version: number, { from, refusal: [fr, en] }: Step<AgreementStatus>): Promise<Agreement> {
  const a = await agreementFor(deps.db, member.tenantId, id, member, true);
  if (!from.includes(a.status)) throw stateRefusal(fr, en, a.status);
  assertVersion(a, version);
  return a;
}

/** The same for one of the agreement's amendments (by its number in the path), as the caller may see them. */
async function amendmentIn(
  deps: Deps,
  member: Member,
  id: string,
  number: string,
  version: number,
  { from, refusal: [fr, en] }: Step<AmendmentStatus>,
): Promise<{ a: Agreement; x: Amendment }> {
  const a = await agreementFor(deps.db, member.tenantId, id, member, true);
  const x = amendmentOf(viewFor(member, a), Number(number));
  if (!from.includes(x.status)) throw stateRefusal(fr, en, x.status);
  assertVersion(a, version);
  return { a, x };
}

const withAmendment = (a: Agreement, next: Amendment) => a.amendments.map((x) => (x.number === next.number ? next : x));

/** The envelope pieces' years of a transaction built by `institutionSignaturePieces` (same skip rule). */
const committedYears = (years: readonly AgreementYear[]) => years.filter((y) => y.cents !== 0 && y.envelopeId !== null);

/** Gives every envelope of `envelopeIds` its ledger totals before a transaction builds on them. */
async function ledgersReady(db: Db, t: string, envelopeIds: Iterable<string>): Promise<void> {
  for (const id of new Set(envelopeIds)) await ensureLedger(db, t, await getEnvelopeById(db, t, id));
}

// ── Routes ──────────────────────────────────────────────────────────────────

export const lifecycleRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    // Templates
    .get(
      '/t/:tenantId/agreement-templates',
      allow('agreement:read'),
      responds({ 200: templatesViewSchema }, { summary: { fr: 'Lister les modèles d’entente', en: 'List the agreement templates' } }),
      async (c) => {
        const items = await listTemplates(deps.db, c.get('member').tenantId);
        return c.json({ items, fallback: defaultTemplate('') });
      },
    )
    .post(
      '/t/:tenantId/agreement-templates',
      allow('agreement:write'),
      responds({ 201: agreementTemplateSchema }, { summary: { fr: 'Créer un modèle d’entente', en: 'Create an agreement template' } }),
      jsonBody(templateInputSchema),
      async (c) => {
        const member = c.get('member');
        const input = c.req.valid('json');
        const template: AgreementTemplate = { ...input, id: deps.newId(), ...created(deps, member) };
        return c.json(await createTemplate(deps.db, member.tenantId, template), 201);
      },
    )
    .put(
      '/t/:tenantId/agreement-templates/:templateId',
      allow('agreement:write'),
      responds({ 200: agreementTemplateSchema }, { summary: { fr: 'Modifier un modèle d’entente', en: 'Change an agreement template' } }),
      jsonBody(templateUpdateSchema),
      async (c) => {
        const member = c.get('member');
        const { version, ...input } = c.req.valid('json');
        const current = await getTemplate(deps.db, member.tenantId, c.req.param('templateId'));
        assertVersion(current, version);
        const next: AgreementTemplate = { ...current, ...input, updatedAt: deps.now().toISOString(), updatedBy: member.userId };
        return c.json(await replaceTemplate(deps.db, member.tenantId, next, version));
      },
    )
    // The call's agreements, and generation from its decision
    .get(
      '/t/:tenantId/calls/:callId/agreements',
      allow('agreement:read'),
      responds({ 200: callAgreementsSchema }, { summary: { fr: 'Lister les ententes d’un appel', en: 'List a call’s agreements' } }),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        const [decision, agreements] = await Promise.all([getDecision(deps.db, member.tenantId, call.id), listAgreements(deps.db, member.tenantId, call.id)]);
        const covered = new Set(agreements.map((a) => a.proposalId));
        const withoutAgreement = (decision?.lines ?? [])
          .filter((l) => l.amount > 0 && !covered.has(l.proposalId))
          .map((l) => ({
            proposalId: l.proposalId,
            organizationId: l.organizationId,
            organizationName: l.organizationName,
            title: l.title,
            amount: l.amount,
            years: l.years,
          }));
        return c.json({ decided: decision !== null, agreements, withoutAgreement });
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/agreements',
      allow('agreement:write'),
      responds({ 201: generatedSchema }, { summary: { fr: 'Générer les ententes d’un appel décidé', en: 'Generate a decided call’s agreements' } }),
      jsonBody(generateAgreementsSchema),
      async (c) => {
        const member = c.get('member');
        const t = member.tenantId;
        const call = c.get('call');
        const input = c.req.valid('json');
        const decision = await getDecision(deps.db, t, call.id, true);
        if (!decision)
          throw new InvalidStateError(
            {
              fr: 'Cet appel n’est pas encore décidé : les ententes se génèrent à partir de la décision.',
              en: 'This call is not decided yet: agreements are generated from the decision.',
            },
            { reason: 'not-decided' },
          );
        const funded = decision.lines.filter((l) => l.amount > 0);
        if (input.proposalIds) {
          const known = new Set(funded.map((l) => l.proposalId));
          const unknown = input.proposalIds.filter((id) => !known.has(id));
          if (unknown.length > 0)
            throw new BusinessRuleError(
              {
                fr: 'Ces projets ne sont pas financés par la décision : ils n’ont pas d’entente.',
                en: 'These proposals are not funded by the decision: they get no agreement.',
              },
              {
                errors: unknown.map((id, i) => ({
                  path: `proposalIds.${i}`,
                  code: 'not-funded',
                  message: { fr: `Projet ${id} non financé.`, en: `Proposal ${id} not funded.` },
                })),
              },
            );
        }
        const wanted = input.proposalIds ? funded.filter((l) => input.proposalIds!.includes(l.proposalId)) : funded;
        const envelope = await getEnvelopeById(deps.db, t, call.envelopeId);
        const template = await templateFor(deps.db, t, envelope.program, input.templateId);
        const byYear = await envelopesOfProgram(deps.db, t, envelope.program);
        const reportDue = await reportDueOf(deps.db, t, envelope.program);
        const existing = new Set((await listAgreements(deps.db, t, call.id)).map((a) => a.proposalId));
        const createdList: Agreement[] = [];
        const skipped: { proposalId: string; reason: string }[] = [];
        for (const line of wanted) {
          if (existing.has(line.proposalId)) {
            skipped.push({ proposalId: line.proposalId, reason: 'exists' });
            continue;
          }
          const [org, proposal] = await Promise.all([
            getOrganizationById(deps.db, t, line.organizationId),
            getProposalById(deps.db, t, call.id, line.proposalId),
          ]);
          const period = defaultPeriod(envelope.fiscalYear, line.years);
          const perYear = line.perYear.length > 0 ? line.perYear : [line.amount];
          const years: AgreementYear[] = perYear.map((cents, i) => {
            const fy = envelope.fiscalYear + i;
            return { fiscalYear: fy, envelopeId: i === 0 ? envelope.id : (byYear.get(fy)?.id ?? null), cents };
          });
          const needIds = new Set(proposal.content?.needIds ?? []);
          const object = {
            title: proposal.content?.title ?? line.title,
            summary: proposal.content?.summary ?? '',
            needs: call.needs.filter((n) => needIds.has(n.id)).map((n) => n.statement),
          };
          const terms = { period, years, amount: line.amount, schedule: template.schedule };
          const institution = { name: member.tenantName };
          const organization = { id: org.id, name: org.legalName, neq: org.neq };
          const now = deps.now().toISOString();
          const a = newDraft({
            ...terms,
            obligations: startingObligations(template, period, deps.newId, reportDue),
            clauses: fillClauses(template.clauses, { institution: institution.name, organization, object, terms }),
            clauseSources: template.clauses,
            id: deps.newId(),
            callId: call.id,
            proposalId: line.proposalId,
            program: envelope.program,
            institution,
            organization,
            object,
            template: template.id === 'default' ? null : { id: template.id, version: template.version },
            renewalOf: null,
            version: 1,
            createdAt: now,
            createdBy: member.userId,
            updatedAt: now,
            updatedBy: member.userId,
          });
          try {
            await transact(
              deps.db,
              [agreementPut(deps.db, t, a), agreementClaimPut(deps.db, t, a.proposalId, years[0]!.fiscalYear, a.id)],
              () => new InvalidStateError({ fr: 'Ce projet a déjà son entente.', en: 'This proposal already has its agreement.' }),
            );
            createdList.push(a);
          } catch (e) {
            if (e instanceof InvalidStateError) skipped.push({ proposalId: line.proposalId, reason: 'exists' });
            else throw e;
          }
        }
        return c.json({ created: createdList, skipped }, 201);
      },
    )
    // Lists and reads
    .get(
      '/t/:tenantId/agreements',
      allow('agreement:read'),
      responds({ 200: page(agreementSchema) }, { summary: { fr: 'Lister les ententes', en: 'List the agreements' } }),
      queryParams(agreementsQuery),
      async (c) => {
        const q = c.req.valid('query');
        const all = await listAgreements(deps.db, c.get('member').tenantId, q.callId);
        return c.json({ items: all.filter((a) => !q.status || a.status === q.status), cursor: null });
      },
    )
    .get(
      '/t/:tenantId/my/agreements',
      allow('agreement:own'),
      responds({ 200: page(myAgreementSchema) }, { summary: { fr: 'Lister les ententes de mon organisme', en: 'List my organization’s agreements' } }),
      async (c) => {
        const member = c.get('member');
        if (!member.organizationId) return c.json({ items: [], cursor: null });
        const mine = (await listAgreementsOfOrganization(deps.db, member.tenantId, member.organizationId)).filter((a) => a.status !== 'draft');
        const items = mine
          .sort((a, b) => b.period.start.localeCompare(a.period.start))
          .map((a) => ({
            agreement: viewFor(member, a),
            installments: plannedInstallments(a),
            pendingAmendment: a.amendments.find((x) => ['sent', 'changes-requested', 'signed-by-organization'].includes(x.status)) ?? null,
          }));
        return c.json({ items, cursor: null });
      },
    )
    .get(
      '/t/:tenantId/agreements/:agreementId',
      allowAny('agreement:read', 'agreement:own'),
      responds({ 200: agreementSchema }, { summary: { fr: 'Lire une entente', en: 'Read an agreement' } }),
      async (c) => {
        const member = c.get('member');
        const a = await agreementFor(deps.db, member.tenantId, c.req.param('agreementId'), member, true);
        return c.json(viewFor(member, a));
      },
    )
    // The manager's draft
    .put(
      '/t/:tenantId/agreements/:agreementId',
      allow('agreement:write'),
      responds({ 200: agreementSchema }, { summary: { fr: 'Modifier une entente en préparation', en: 'Edit a draft agreement' } }),
      jsonBody(updateAgreementSchema),
      async (c) => {
        const member = c.get('member');
        const t = member.tenantId;
        const input = c.req.valid('json');
        const a = await agreementIn(deps, member, c.req.param('agreementId'), input.version, AGREEMENT_STEPS.edit);
        const terms = termsFrom(input, deps.newId);
        const problems = termsProblems(terms).filter((p) => p.code !== 'envelope-missing');
        if (a.renewalOf === null) {
          const line = (await getDecision(deps.db, t, a.callId))?.lines.find((l) => l.proposalId === a.proposalId);
          const total = totalProblem(terms.amount, line?.amount ?? a.amount);
          if (total) problems.push(total);
        }
        throwIfTermsProblems(problems);
        await checkEnvelopes(deps.db, t, a.program, terms.years);
        // The clauses still as filled with the old terms say the new ones; those changed by hand stay as written.
        const clauseSources = await clauseSourcesOf(deps.db, t, a);
        terms.clauses = refillClauses(terms.clauses, clauseSources, clauseData(a, a), clauseData(a, terms, input.object));
        const saved = await saveFields(deps, member, a, input.version, { ...terms, object: input.object, clauseSources });
        return c.json(saved);
      },
    )
    .post(
      '/t/:tenantId/agreements/:agreementId/send',
      allow('agreement:write'),
      responds({ 200: agreementSchema }, { summary: { fr: 'Envoyer une entente à l’organisme', en: 'Send an agreement to the organization' } }),
      jsonBody(versionOnly),
      async (c) => {
        const member = c.get('member');
        const t = member.tenantId;
        const { version } = c.req.valid('json');
        const a = await agreementIn(deps, member, c.req.param('agreementId'), version, AGREEMENT_STEPS.send);
        throwIfTermsProblems(termsProblems(a));
        await checkEnvelopes(deps.db, t, a.program, a.years);
        const saved = await saveFields(deps, member, a, version, { status: 'sent' }, [awaitingReviewDelete(deps.db, t, a.id)]);
        await tellOrganization(deps, t, saved, null, saved.amount);
        return c.json(saved);
      },
    )
    // The organization's review
    .post(
      '/t/:tenantId/agreements/:agreementId/changes',
      allow('agreement:own'),
      responds({ 200: agreementSchema }, { summary: { fr: 'Demander des changements à une entente', en: 'Ask for changes to an agreement' } }),
      jsonBody(commentSchema),
      async (c) => {
        const member = c.get('member');
        const input = c.req.valid('json');
        const a = await agreementIn(deps, member, c.req.param('agreementId'), input.version, AGREEMENT_STEPS.askChanges);
        const request = { at: deps.now().toISOString(), by: member.userId, byName: member.name, comment: input.comment };
        const queued = awaitingReviewPut(deps.db, member.tenantId, a, null, input.comment);
        const saved = await saveFields(deps, member, a, input.version, { status: 'changes-requested', changeRequests: [...a.changeRequests, request] }, [
          queued,
        ]);
        return c.json(viewFor(member, saved));
      },
    )
    .post(
      '/t/:tenantId/agreements/:agreementId/decline',
      allow('agreement:own'),
      responds({ 200: agreementSchema }, { summary: { fr: 'Refuser une entente', en: 'Decline an agreement' } }),
      jsonBody(declineSchema),
      async (c) => {
        const member = c.get('member');
        const input = c.req.valid('json');
        const a = await agreementIn(deps, member, c.req.param('agreementId'), input.version, AGREEMENT_STEPS.decline);
        const declined = { at: deps.now().toISOString(), by: member.userId, byName: member.name, reason: input.reason };
        const dequeued = awaitingReviewDelete(deps.db, member.tenantId, a.id);
        return c.json(viewFor(member, await saveFields(deps, member, a, input.version, { status: 'declined', declined }, [dequeued])));
      },
    )
    .post(
      '/t/:tenantId/agreements/:agreementId/signatures/organization',
      allowAny('agreement:own', 'agreement:read'),
      responds({ 200: agreementSchema }, { summary: { fr: 'Signer une entente pour l’organisme', en: 'Sign an agreement for the organization' } }),
      jsonBody(signSchema),
      async (c) => {
        const member = c.get('member');
        assertSignsForOrganization(member);
        const input = c.req.valid('json');
        const a = await agreementIn(deps, member, c.req.param('agreementId'), input.version, AGREEMENT_STEPS.signForOrganization);
        const signatures = { ...a.signatures, organization: signatureOf(deps, member, input.title) };
        const queued = awaitingInstitutionPut(deps.db, member.tenantId, a, null);
        return c.json(viewFor(member, await saveFields(deps, member, a, input.version, { status: 'signed-by-organization', signatures }, [queued])));
      },
    )
    .post(
      '/t/:tenantId/agreements/:agreementId/signatures/institution',
      allow('agreement:write'),
      responds({ 200: agreementSchema }, { summary: { fr: 'Signer une entente pour l’établissement', en: 'Sign an agreement for the institution' } }),
      jsonBody(signSchema),
      async (c) => {
        const member = c.get('member');
        const t = member.tenantId;
        const input = c.req.valid('json');
        const a = await agreementIn(deps, member, c.req.param('agreementId'), input.version, AGREEMENT_STEPS.signForInstitution);
        const years = committedYears(a.years);
        await ledgersReady(
          deps.db,
          t,
          years.map((y) => y.envelopeId!),
        );
        const signature = signatureOf(deps, member, input.title);
        // The yearly reports its obligations make due are created with the signature (after the envelopes' pieces).
        const pieces = [
          ...institutionSignaturePieces(deps.db, t, a, input.version, signature, deps.newId),
          awaitingInstitutionDelete(deps.db, t, a.id),
          ...dueReportPieces(deps.db, t, a, signature.at, member.userId, deps.newId),
        ];
        await transact(deps.db, pieces, (reasons) => {
          // Pieces: [agreement, (envelope, movement) per committed year].
          for (const [i, y] of years.entries()) {
            const r = reasons[1 + i * 2];
            if (r?.code === 'ConditionalCheckFailed') return envelopeRefusal(y, y.cents, r.item);
          }
          const found = reasons[0]?.item as Agreement | undefined;
          return new VersionConflictError(found?.version, found);
        });
        const { toPay, toClaim } = openBalances(a);
        return c.json({
          ...a,
          status: 'signed' as const,
          signatures: { ...a.signatures, institution: signature },
          original: termsOf(a),
          toPay,
          toClaim,
          version: input.version + 1,
          updatedAt: signature.at,
          updatedBy: member.userId,
        });
      },
    )
    // Obligations' follow-up
    .patch(
      '/t/:tenantId/agreements/:agreementId/obligations/:obligationId',
      allow('agreement:write'),
      responds({ 200: agreementSchema }, { summary: { fr: 'Suivre une obligation d’une entente', en: 'Follow up an agreement’s obligation' } }),
      jsonBody(obligationFollowUpSchema),
      async (c) => {
        const member = c.get('member');
        const input = c.req.valid('json');
        const a = await agreementFor(deps.db, member.tenantId, c.req.param('agreementId'), member, true);
        const i = a.obligations.findIndex((o) => o.id === c.req.param('obligationId'));
        if (i < 0) throw new NotFoundError({ fr: 'L’obligation', en: 'The obligation' });
        if (a.status === 'declined') throw stateRefusal('Cette entente a été refusée.', 'This agreement was declined.', a.status);
        assertVersion(a, input.version);
        const at = deps.now().toISOString();
        // Only this obligation's status and note: the signed terms stay as they are.
        await runUpdate(deps.db, [
          fieldsUpdate(
            deps.db,
            member.tenantId,
            a.id,
            input.version,
            {},
            { at, by: member.userId },
            {
              set: [`#obligations[${i}].#status = :status`, `#obligations[${i}].#note = :note`],
              condition: `#obligations[${i}].#id = :oid`,
              names: { '#obligations': 'obligations', '#status': 'status', '#note': 'note', '#id': 'id' },
              values: { ':status': input.status, ':note': input.note, ':oid': a.obligations[i]!.id },
            },
          ),
        ]);
        const obligations = a.obligations.map((o, j) => (j === i ? { ...o, status: input.status, note: input.note } : o));
        return c.json({ ...a, obligations, version: input.version + 1, updatedAt: at, updatedBy: member.userId });
      },
    )
    // Amendments (avenants)
    .post(
      '/t/:tenantId/agreements/:agreementId/amendments',
      allow('agreement:write'),
      responds({ 201: agreementSchema }, { summary: { fr: 'Préparer un avenant', en: 'Draft an amendment' } }),
      jsonBody(amendmentSchema),
      async (c) => {
        const member = c.get('member');
        const t = member.tenantId;
        const input = c.req.valid('json');
        const a = await agreementFor(deps.db, t, c.req.param('agreementId'), member, true);
        if (a.status !== 'signed')
          throw stateRefusal(
            'Un avenant change une entente signée ; avant la signature, modifiez l’entente elle-même.',
            'An amendment changes a signed agreement; before signature, edit the agreement itself.',
            a.status,
          );
        if (a.amendments.some((x) => !['signed', 'cancelled'].includes(x.status)))
          throw stateRefusal(
            'Un avenant est déjà en cours sur cette entente : signez-le ou annulez-le d’abord.',
            'An amendment is already under way on this agreement: sign or cancel it first.',
            a.status,
          );
        assertVersion(a, input.version);
        const after = termsFrom(input.terms, deps.newId);
        throwIfTermsProblems([...termsProblems(after), ...amendmentProblems(termsOf(a), after)]);
        await checkEnvelopes(deps.db, t, a.program, after.years);
        after.clauses = refillClauses(after.clauses, await clauseSourcesOf(deps.db, t, a), clauseData(a, a), clauseData(a, after));
        const amendment: Amendment = {
          number: a.amendments.length + 1,
          reason: input.reason,
          status: 'draft',
          before: termsOf(a),
          after,
          createdAt: deps.now().toISOString(),
          createdBy: member.userId,
          signatures: { organization: null, institution: null },
          changeRequests: [],
        };
        return c.json(await saveFields(deps, member, a, input.version, { amendments: [...a.amendments, amendment] }), 201);
      },
    )
    .post(
      '/t/:tenantId/agreements/:agreementId/amendments/:number/send',
      allow('agreement:write'),
      responds({ 200: agreementSchema }, { summary: { fr: 'Envoyer un avenant à l’organisme', en: 'Send an amendment to the organization' } }),
      jsonBody(versionOnly),
      async (c) => {
        const member = c.get('member');
        const { version } = c.req.valid('json');
        const { a, x } = await amendmentIn(deps, member, c.req.param('agreementId'), c.req.param('number'), version, AMENDMENT_STEPS.sendAmendment);
        const dequeued = awaitingReviewDelete(deps.db, member.tenantId, a.id);
        const saved = await saveFields(deps, member, a, version, { amendments: withAmendment(a, { ...x, status: 'sent' }) }, [dequeued]);
        await tellOrganization(deps, member.tenantId, saved, x.number, x.after.amount);
        return c.json(saved);
      },
    )
    .post(
      '/t/:tenantId/agreements/:agreementId/amendments/:number/changes',
      allow('agreement:own'),
      responds({ 200: agreementSchema }, { summary: { fr: 'Demander des changements à un avenant', en: 'Ask for changes to an amendment' } }),
      jsonBody(commentSchema),
      async (c) => {
        const member = c.get('member');
        const input = c.req.valid('json');
        const { a, x } = await amendmentIn(deps, member, c.req.param('agreementId'), c.req.param('number'), input.version, AMENDMENT_STEPS.askAmendmentChanges);
        const request = { at: deps.now().toISOString(), by: member.userId, byName: member.name, comment: input.comment };
        const next = { ...x, status: 'changes-requested' as const, changeRequests: [...x.changeRequests, request] };
        const queued = awaitingReviewPut(deps.db, member.tenantId, a, x.number, input.comment);
        return c.json(viewFor(member, await saveFields(deps, member, a, input.version, { amendments: withAmendment(a, next) }, [queued])));
      },
    )
    .post(
      '/t/:tenantId/agreements/:agreementId/amendments/:number/signatures/organization',
      allowAny('agreement:own', 'agreement:read'),
      responds({ 200: agreementSchema }, { summary: { fr: 'Signer un avenant pour l’organisme', en: 'Sign an amendment for the organization' } }),
      jsonBody(signSchema),
      async (c) => {
        const member = c.get('member');
        assertSignsForOrganization(member);
        const input = c.req.valid('json');
        const { a, x } = await amendmentIn(
          deps,
          member,
          c.req.param('agreementId'),
          c.req.param('number'),
          input.version,
          AMENDMENT_STEPS.signAmendmentForOrganization,
        );
        const next = { ...x, status: 'signed-by-organization' as const, signatures: { ...x.signatures, organization: signatureOf(deps, member, input.title) } };
        const queued = awaitingInstitutionPut(deps.db, member.tenantId, a, x.number);
        return c.json(viewFor(member, await saveFields(deps, member, a, input.version, { amendments: withAmendment(a, next) }, [queued])));
      },
    )
    .post(
      '/t/:tenantId/agreements/:agreementId/amendments/:number/cancel',
      allow('agreement:write'),
      responds({ 200: agreementSchema }, { summary: { fr: 'Annuler un avenant', en: 'Cancel an amendment' } }),
      jsonBody(versionOnly),
      async (c) => {
        const member = c.get('member');
        const { version } = c.req.valid('json');
        const { a, x } = await amendmentIn(deps, member, c.req.param('agreementId'), c.req.param('number'), version, AMENDMENT_STEPS.cancelAmendment);
        const dequeued = [awaitingInstitutionDelete(deps.db, member.tenantId, a.id), awaitingReviewDelete(deps.db, member.tenantId, a.id)];
        return c.json(await saveFields(deps, member, a, version, { amendments: withAmendment(a, { ...x, status: 'cancelled' }) }, dequeued));
      },
    )
    .post(
      '/t/:tenantId/agreements/:agreementId/amendments/:number/signatures/institution',
      allow('agreement:write'),
      responds({ 200: agreementSchema }, { summary: { fr: 'Signer un avenant pour l’établissement', en: 'Sign an amendment for the institution' } }),
      jsonBody(signSchema),
      async (c) => {
        const member = c.get('member');
        const t = member.tenantId;
        const input = c.req.valid('json');
        const { a, x } = await amendmentIn(
          deps,
          member,
          c.req.param('agreementId'),
          c.req.param('number'),
          input.version,
          AMENDMENT_STEPS.signAmendmentForInstitution,
        );
        const signature = signatureOf(deps, member, input.title);
        const signed: Amendment = { ...x, status: 'signed', signatures: { ...x.signatures, institution: signature } };
        const deltas = commitmentDeltas(x.before.years, x.after.years).filter((d) => d.envelopeId !== null);
        await ledgersReady(
          deps.db,
          t,
          deltas.map((d) => d.envelopeId!),
        );
        // What remains to pay (and to claim) changes per fiscal year by after − before; never below 0.
        const perYear = new Map<number, number>();
        for (const y of x.before.years) perYear.set(y.fiscalYear, (perYear.get(y.fiscalYear) ?? 0) - y.cents);
        for (const y of x.after.years) perYear.set(y.fiscalYear, (perYear.get(y.fiscalYear) ?? 0) + y.cents);
        const changes = [...perYear].filter(([, d]) => d !== 0);
        const periodic = x.after.schedule.kind === 'periodic';
        const set: string[] = [];
        const conditions = ['#status = :signed'];
        const names: Record<string, string> = { '#status': 'status' };
        const values: Record<string, unknown> = { ':signed': 'signed' };
        if (changes.length > 0) {
          names['#toPay'] = 'toPay';
          values[':zero'] = 0;
          if (periodic) names['#toClaim'] = 'toClaim';
        }
        changes.forEach(([fy, d], i) => {
          names[`#y${i}`] = String(fy);
          values[`:d${i}`] = d;
          set.push(`#toPay.#y${i} = if_not_exists(#toPay.#y${i}, :zero) + :d${i}`);
          if (periodic) set.push(`#toClaim.#y${i} = if_not_exists(#toClaim.#y${i}, :zero) + :d${i}`);
          if (d < 0) {
            values[`:n${i}`] = -d;
            conditions.push(`#toPay.#y${i} >= :n${i}`);
            if (periodic) conditions.push(`#toClaim.#y${i} >= :n${i}`);
          }
        });
        const at = signature.at;
        const update = fieldsUpdate(
          deps.db,
          t,
          a.id,
          input.version,
          { ...x.after, amendments: withAmendment(a, signed) },
          { at, by: member.userId },
          { set, condition: conditions.join(' AND '), names, values },
        );
        const pieces: TransactWriteItem[] = [update];
        for (const d of deltas) {
          // A year the call promised moves its ledger only; another (a renewal's, a later year) its calls' promise too.
          pieces.push(commitPiece(deps.db, t, d.envelopeId!, d.cents, !promisedByItsCall(a, d)));
          const movement: LedgerMovement = {
            id: deps.newId(),
            envelopeId: d.envelopeId!,
            fiscalYear: d.fiscalYear,
            kind: 'amendment',
            at,
            by: member.userId,
            byName: member.name,
            agreementId: a.id,
            organizationName: a.organization.name,
            committed: d.cents,
            paid: 0,
            available: 0,
            reference: null,
            reason: x.reason,
          };
          pieces.push(movementPut(deps.db, t, movement));
        }
        pieces.push(awaitingInstitutionDelete(deps.db, t, a.id));
        // A fiscal year the amendment adds gets its yearly report, as the signature gave the others theirs.
        const reported = new Set(x.before.obligations.flatMap((o) => (o.kind === 'report' && o.fiscalYear !== null ? [o.fiscalYear] : [])));
        const added = new Set(
          x.after.obligations.flatMap((o) => (o.kind === 'report' && o.fiscalYear !== null && !reported.has(o.fiscalYear) ? [o.fiscalYear] : [])),
        );
        if (added.size > 0) pieces.push(...dueReportPieces(deps.db, t, { ...a, ...x.after }, at, member.userId, deps.newId, added));
        await transact(deps.db, pieces, (reasons) => {
          for (const [i, d] of deltas.entries()) {
            const r = reasons[1 + i * 2];
            if (r?.code === 'ConditionalCheckFailed') return envelopeRefusal(d, d.cents, r.item);
          }
          const found = reasons[0]?.item as Agreement | undefined;
          if (found && found.version === input.version && found.status === 'signed') {
            for (const [fy, d] of changes) {
              const left = found.toPay[String(fy)] ?? 0;
              if (left + d < 0)
                return new BusinessRuleError(
                  {
                    fr: `L’avenant retire ${formatMoney(-d, 'fr')} de l’exercice ${fiscalYearLabel(fy)}, mais il n’y reste que ${formatMoney(left, 'fr')} à verser : un avenant ne reprend pas ce qui est déjà versé.`,
                    en: `The amendment takes ${formatMoney(-d, 'en')} off fiscal year ${fiscalYearLabel(fy)}, but only ${formatMoney(left, 'en')} remains to pay there: an amendment does not take back what was paid.`,
                  },
                  { fiscalYear: fy, remaining: left },
                );
            }
          }
          return new VersionConflictError(found?.version, found);
        });
        const toPay = { ...a.toPay };
        const toClaim = { ...a.toClaim };
        for (const [fy, d] of changes) {
          toPay[String(fy)] = (toPay[String(fy)] ?? 0) + d;
          if (periodic) toClaim[String(fy)] = (toClaim[String(fy)] ?? 0) + d;
        }
        return c.json({
          ...a,
          ...x.after,
          amendments: withAmendment(a, signed),
          toPay,
          toClaim,
          version: input.version + 1,
          updatedAt: at,
          updatedBy: member.userId,
        });
      },
    )
    // Renewal
    .post(
      '/t/:tenantId/agreements/:agreementId/renewal',
      allow('agreement:write'),
      responds({ 201: agreementSchema }, { summary: { fr: 'Renouveler une entente', en: 'Renew an agreement' } }),
      jsonBody(renewalSchema),
      async (c) => {
        const member = c.get('member');
        const t = member.tenantId;
        const input = c.req.valid('json');
        const a = await agreementFor(deps.db, t, c.req.param('agreementId'), member, true);
        if (a.status !== 'signed') throw stateRefusal('Seule une entente signée se renouvelle.', 'Only a signed agreement can be renewed.', a.status);
        if (a.renewedBy !== null)
          throw new InvalidStateError({ fr: 'Cette entente est déjà renouvelée.', en: 'This agreement is already renewed.' }, { renewedBy: a.renewedBy });
        const lastYear = Math.max(...a.years.map((y) => y.fiscalYear));
        const envelope = await getEnvelopeById(deps.db, t, input.envelopeId).catch((e: unknown) => {
          if (e instanceof NotFoundError) return null;
          throw e;
        });
        const refuse = (fr: string, en: string) =>
          new BusinessRuleError({ fr, en }, { errors: [{ path: 'envelopeId', code: 'renewal-envelope', message: { fr, en } }] });
        if (!envelope)
          throw refuse(
            `L’enveloppe ${input.envelopeId} n’existe pas : ouvrez d’abord l’enveloppe de l’exercice suivant.`,
            `Envelope ${input.envelopeId} does not exist: open next year's envelope first.`,
          );
        if (envelope.program !== a.program)
          throw refuse(
            `L’enveloppe « ${envelope.title} » n’est pas du programme ${a.program}.`,
            `Envelope “${envelope.title}” is not of the ${a.program} program.`,
          );
        if (envelope.fiscalYear <= lastYear)
          throw refuse(
            `L’enveloppe « ${envelope.title} » est de l’exercice ${fiscalYearLabel(envelope.fiscalYear)} : un renouvellement part d’un exercice après ${fiscalYearLabel(lastYear)}.`,
            `Envelope “${envelope.title}” is of fiscal year ${fiscalYearLabel(envelope.fiscalYear)}: a renewal starts after ${fiscalYearLabel(lastYear)}.`,
          );
        const lastCents = a.years.find((y) => y.fiscalYear === lastYear)?.cents ?? a.amount;
        const wanted = input.years ?? [{ fiscalYear: envelope.fiscalYear, cents: lastCents }];
        const byYear = wanted.length > 1 ? await envelopesOfProgram(deps.db, t, a.program) : new Map<number, Envelope>();
        const years: AgreementYear[] = wanted.map((y) => ({
          fiscalYear: y.fiscalYear,
          envelopeId: y.fiscalYear === envelope.fiscalYear ? envelope.id : (byYear.get(y.fiscalYear)?.id ?? null),
          cents: y.cents,
        }));
        const first = years[0]!.fiscalYear;
        if (first !== envelope.fiscalYear)
          throw refuse(
            `Le renouvellement commence par l’exercice de l’enveloppe choisie (${fiscalYearLabel(envelope.fiscalYear)}).`,
            `The renewal starts with the chosen envelope's fiscal year (${fiscalYearLabel(envelope.fiscalYear)}).`,
          );
        const period = input.period ?? { start: fiscalYearStart(first), end: fiscalYearEnd(years.at(-1)!.fiscalYear) };
        const template = await templateFor(deps.db, t, a.program, undefined);
        const amount = years.reduce((s, y) => s + y.cents, 0);
        const schedule = a.schedule.kind === 'installments' ? template.schedule : a.schedule;
        const terms = { period, years, amount, schedule };
        const obligations = [
          ...a.obligations.filter((o) => o.kind !== 'report').map((o) => ({ ...o, id: deps.newId(), status: 'pending' as const, note: '' })),
          ...startingObligations({ obligations: [] }, period, deps.newId, await reportDueOf(deps.db, t, a.program)),
        ];
        throwIfTermsProblems(termsProblems({ ...terms, obligations }).filter((p) => p.code !== 'envelope-missing'));
        const now = deps.now().toISOString();
        const next = newDraft({
          ...terms,
          obligations,
          clauses: fillClauses(template.clauses, { institution: a.institution.name, organization: a.organization, object: a.object, terms }),
          clauseSources: template.clauses,
          id: deps.newId(),
          callId: a.callId,
          proposalId: a.proposalId,
          program: a.program,
          institution: a.institution,
          organization: a.organization,
          object: a.object,
          template: template.id === 'default' ? null : { id: template.id, version: template.version },
          renewalOf: a.id,
          ...created(deps, member),
        });
        const link = fieldsUpdate(
          deps.db,
          t,
          a.id,
          a.version,
          { renewedBy: next.id },
          { at: now, by: member.userId },
          {
            condition: '#status = :signed AND #renewedBy = :none',
            names: { '#status': 'status', '#renewedBy': 'renewedBy' },
            values: { ':signed': 'signed', ':none': null },
          },
        );
        await transact(deps.db, [link, agreementPut(deps.db, t, next), agreementClaimPut(deps.db, t, a.proposalId, first, next.id)], ([old]) => {
          const found = old?.item as Agreement | undefined;
          if (old?.code === 'ConditionalCheckFailed' && found && found.renewedBy === null) return new VersionConflictError(found.version, found);
          return new InvalidStateError({
            fr: 'Cette entente est déjà renouvelée pour cet exercice.',
            en: 'This agreement is already renewed for that fiscal year.',
          });
        });
        return c.json(next, 201);
      },
    );

/** What an amendment may not change: the kind of schedule (what was paid follows it), nor drop a fiscal year already paid from. */
function amendmentProblems(before: AgreementTerms, after: AgreementTerms): TermsProblem[] {
  const out: TermsProblem[] = [];
  if ((before.schedule.kind === 'periodic') !== (after.schedule.kind === 'periodic'))
    out.push({
      field: 'terms.schedule',
      code: 'schedule-sum',
      message: {
        fr: 'Un avenant ne passe pas d’une facturation périodique à des versements (ni l’inverse) : préparez plutôt une nouvelle entente.',
        en: 'An amendment does not switch between periodic billing and payments: prepare a new agreement instead.',
      },
    });
  const kept = new Set(fiscalYearsOf(after.period).map((p) => p.fiscalYear));
  for (const y of before.years)
    if (!kept.has(y.fiscalYear) && y.cents > 0 && !after.years.some((z) => z.fiscalYear === y.fiscalYear))
      out.push({
        field: 'terms.period',
        code: 'years-mismatch',
        message: {
          fr: `L’avenant retire l’exercice ${fiscalYearLabel(y.fiscalYear)} : gardez-le avec un montant de 0 $ s’il n’y a plus rien à verser.`,
          en: `The amendment drops fiscal year ${fiscalYearLabel(y.fiscalYear)}: keep it with an amount of $0 if nothing remains to pay.`,
        },
      });
  return out;
}
