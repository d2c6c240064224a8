/**
 * Proposals (projets déposés): an organization drafts, submits, edits until
 * the deadline (each submission is a kept version) and withdraws; managers
 * and coordinators list the submissions and screen them for eligibility.
 */
import { Hono } from 'hono';
import { responds } from '../lib/contract';
import { proposalSchema, proposalVersionSchema, submissionRowSchema, submissionsSummarySchema } from '../../shared/schemas/responses/proposals';
import { page } from '../../shared/schemas/responses/common';
import type { Proposal, Screening, StoredCall } from '../../shared/domain';
import { isOpenTo } from '../../shared/call-access';
import { supersedeScreening } from '../../shared/domain';
import { ForbiddenError, InvalidStateError, NotFoundError, throwIfProblems } from '../../shared/errors';
import { checkAgainstCall, checkScreening, screeningOutcome, summarize } from '../../shared/proposals';
import { pageQuery } from '../../shared/schemas/common';
import { createProposalSchema, saveDraftSchema, submitProposalSchema, withdrawProposalSchema } from '../../shared/schemas/proposal';
import { screenProposalSchema } from '../../shared/schemas/screening';
import { callEvent } from '../lib/call-history';
import { allow, type Member } from '../lib/auth';
import { assertCallExists, checksCallItself } from '../lib/scope';
import { created, jsonBody, queryParams, updated, type AppEnv, type Deps } from '../lib/app';
import { getOrganizationById } from '../organizations';
import { evaluatorStanding } from '../scoring';
import { getGrid } from '../scoring';
import { screeningChangeRefusal } from '../../shared/scoring/opening';
import {
  createProposal,
  deadlineRefusal,
  getProposalById,
  listAllSubmissionRows,
  listSubmissionRows,
  listProposalsOfOrganization,
  listVersionsOfProposal,
  replaceProposal,
  replaceProposalWhileOpen,
  submitProposalVersion,
} from './repository';
import { windowPhase } from '../../shared/dates';

/**
 * The owner sees everything; screeners see what was submitted, never drafts;
 * a table member reads an eligible proposal of the call they are assigned to
 * score (what they score), unless recused from it (403, with the reason).
 * Others get 404.
 */
async function assertCanRead(deps: Deps, member: Member, p: Proposal): Promise<void> {
  if (member.organizationId && member.organizationId === p.organizationId) return;
  if (member.permissions.has('submissions:read') && p.status !== 'draft') return;
  if (member.permissions.has('scoring:evaluate') && p.status === 'submitted' && p.screening?.outcome === 'eligible') {
    const standing = await evaluatorStanding(deps, member.tenantId, p.callId, p.id, member.userId);
    if (standing === 'evaluates') return;
    if (standing === 'recused') {
      throw new ForbiddenError({
        fr: 'Vous êtes récusé·e pour ce projet : vous ne le lisez pas pour l’évaluer.',
        en: 'You are recused from this proposal: you do not read it to score it.',
      });
    }
  }
  throw new NotFoundError({ fr: 'Le projet', en: 'The proposal' });
}

function assertOwner(member: Member, p: Proposal) {
  if (member.organizationId !== p.organizationId) throw new NotFoundError({ fr: 'Le projet', en: 'The proposal' });
}

/**
 * Answering a call is acting for an organization: a call by invitation that
 * does not invite the person's organization does not exist for it (404), even
 * for a table member who also represents one (who reads every call). The
 * draft saves and submissions check it again in their transaction.
 */
function assertAnswers(member: Member, call: StoredCall) {
  if (!isOpenTo(call, member.organizationId)) throw new NotFoundError({ fr: 'L’appel de projets', en: 'The call for projects' });
}

/** What screeners see: the submitted content, not the organization's work in progress. */
function forReader(member: Member, p: Proposal): Proposal {
  return member.organizationId === p.organizationId ? p : { ...p, draft: {} };
}

export const proposalRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/t/:tenantId/my/proposals',
      allow('proposal:own'),
      responds({ 200: page(proposalSchema) }, { summary: { fr: 'Lister les projets de mon organisme', en: 'List my organization’s proposals' } }),
      async (c) => {
        const member = c.get('member');
        const items = await listProposalsOfOrganization(deps.db, member.tenantId, member.organizationId!);
        return c.json({ items: items.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)), cursor: null });
      },
    )
    .get(
      '/t/:tenantId/calls/:callId/proposals',
      allow('submissions:read'),
      responds({ 200: page(submissionRowSchema) }, { summary: { fr: 'Lister les projets déposés à un appel', en: 'List a call’s submissions' } }),
      checksCallItself(),
      queryParams(pageQuery),
      async (c) => {
        const member = c.get('member');
        const callId = c.req.param('callId');
        const page = await listSubmissionRows(deps.db, member.tenantId, callId, c.req.valid('query'));
        // A call with submissions exists; only an empty page needs the call read to tell "none yet" from 404.
        if (page.items.length === 0) await assertCallExists(deps.db, member.tenantId, callId);
        return c.json(page);
      },
    )
    .get(
      '/t/:tenantId/calls/:callId/summary',
      allow('submissions:read'),
      responds({ 200: submissionsSummarySchema }, { summary: { fr: 'Résumer les dépôts d’un appel', en: 'Summarize a call’s submissions' } }),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        return c.json(summarize(call, await listAllSubmissionRows(deps.db, member.tenantId, call.id)));
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/proposals',
      allow('proposal:own'),
      responds({ 201: proposalSchema }, { summary: { fr: 'Commencer un projet', en: 'Start a proposal' } }),
      jsonBody(createProposalSchema),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        assertAnswers(member, call);
        const now = deps.now();
        if (call.status !== 'published' || windowPhase(call.opensAt, call.closesAt, now) !== 'open') throw deadlineRefusal(call, now);
        const { draft } = c.req.valid('json');
        throwIfProblems(checkAgainstCall(call, draft, 'draft.'));
        const org = await getOrganizationById(deps.db, member.tenantId, member.organizationId!);
        const proposal: Proposal = {
          id: deps.newId(),
          callId: call.id,
          organizationId: org.id,
          organizationName: org.legalName,
          status: 'draft',
          draft,
          content: null,
          submittedVersions: 0,
          submittedAt: null,
          withdrawnAt: null,
          screening: null,
          ...created(deps, member),
        };
        return c.json(await createProposal(deps.db, member.tenantId, proposal), 201);
      },
    )
    .get(
      '/t/:tenantId/calls/:callId/proposals/:proposalId',
      allow('call:read'),
      responds({ 200: proposalSchema }, { summary: { fr: 'Lire un projet', en: 'Read a proposal' } }),
      async (c) => {
        const member = c.get('member');
        const p = await getProposalById(deps.db, member.tenantId, c.req.param('callId'), c.req.param('proposalId'));
        await assertCanRead(deps, member, p);
        return c.json(forReader(member, p));
      },
    )
    .put(
      '/t/:tenantId/calls/:callId/proposals/:proposalId/draft',
      allow('proposal:own'),
      responds({ 200: proposalSchema }, { summary: { fr: 'Enregistrer le brouillon d’un projet', en: 'Save a proposal’s draft' } }),
      jsonBody(saveDraftSchema),
      async (c) => {
        const member = c.get('member');
        const { version, draft } = c.req.valid('json');
        const p = await getProposalById(deps.db, member.tenantId, c.req.param('callId'), c.req.param('proposalId'));
        assertOwner(member, p);
        if (p.status === 'withdrawn') throw new InvalidStateError({ fr: 'Ce projet a été retiré.', en: 'This proposal was withdrawn.' });
        const call = c.get('call');
        assertAnswers(member, call);
        throwIfProblems(checkAgainstCall(call, draft, 'draft.'));
        const next: Proposal = { ...p, draft, ...updated(deps, member), version };
        return c.json(await replaceProposalWhileOpen(deps.db, member.tenantId, next, version, deps.now()));
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/proposals/:proposalId/submit',
      allow('proposal:own'),
      responds({ 200: proposalSchema }, { summary: { fr: 'Déposer un projet (une nouvelle version)', en: 'Submit a proposal (a new version)' } }),
      jsonBody(submitProposalSchema),
      async (c) => {
        const member = c.get('member');
        const { version, content } = c.req.valid('json');
        const p = await getProposalById(deps.db, member.tenantId, c.req.param('callId'), c.req.param('proposalId'));
        assertOwner(member, p);
        if (p.status === 'withdrawn')
          throw new InvalidStateError({
            fr: 'Ce projet a été retiré : il ne peut plus être déposé.',
            en: 'This proposal was withdrawn: it can no longer be submitted.',
          });
        const call = c.get('call');
        assertAnswers(member, call);
        throwIfProblems(checkAgainstCall(call, content, 'content.'));
        const now = deps.now();
        const number = p.submittedVersions + 1;
        const next: Proposal = {
          ...p,
          status: 'submitted',
          draft: content,
          content,
          submittedVersions: number,
          submittedAt: now.toISOString(),
          // A changed proposal is screened again; the earlier screening stays in view, naming the version it covered.
          ...supersedeScreening(p),
          ...updated(deps, member),
          version,
        };
        const saved = await submitProposalVersion(
          deps.db,
          member.tenantId,
          next,
          { proposalId: p.id, number, content, submittedAt: now.toISOString(), submittedBy: member.userId },
          version,
          now,
        );
        return c.json(saved);
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/proposals/:proposalId/withdraw',
      allow('proposal:own'),
      responds({ 200: proposalSchema }, { summary: { fr: 'Retirer un projet', en: 'Withdraw a proposal' } }),
      jsonBody(withdrawProposalSchema),
      async (c) => {
        const member = c.get('member');
        const { version } = c.req.valid('json');
        const p = await getProposalById(deps.db, member.tenantId, c.req.param('callId'), c.req.param('proposalId'));
        assertOwner(member, p);
        if (p.status === 'withdrawn') throw new InvalidStateError({ fr: 'Ce projet est déjà retiré.', en: 'This proposal is already withdrawn.' });
        const now = deps.now().toISOString();
        const next: Proposal = { ...p, status: 'withdrawn', withdrawnAt: now, ...updated(deps, member), version };
        return c.json(await replaceProposal(deps.db, member.tenantId, next, version));
      },
    )
    .get(
      '/t/:tenantId/calls/:callId/proposals/:proposalId/versions',
      allow('call:read'),
      responds(
        { 200: page(proposalVersionSchema) },
        { summary: { fr: 'Lister les versions déposées d’un projet', en: 'List a proposal’s submitted versions' } },
      ),
      async (c) => {
        const member = c.get('member');
        const p = await getProposalById(deps.db, member.tenantId, c.req.param('callId'), c.req.param('proposalId'));
        await assertCanRead(deps, member, p);
        return c.json({ items: await listVersionsOfProposal(deps.db, member.tenantId, p.id), cursor: null });
      },
    )
    .put(
      '/t/:tenantId/calls/:callId/proposals/:proposalId/screening',
      allow('proposal:screen'),
      responds({ 200: proposalSchema }, { summary: { fr: 'Évaluer la recevabilité d’un projet', en: 'Screen a proposal for eligibility' } }),
      jsonBody(screenProposalSchema),
      async (c) => {
        const member = c.get('member');
        const { version, results } = c.req.valid('json');
        const p = await getProposalById(deps.db, member.tenantId, c.req.param('callId'), c.req.param('proposalId'));
        if (p.status === 'draft') throw new NotFoundError({ fr: 'Le projet', en: 'The proposal' });
        if (p.status !== 'submitted') {
          throw new InvalidStateError({ fr: 'Seul un projet déposé peut être évalué pour sa recevabilité.', en: 'Only a submitted proposal can be screened.' });
        }
        const call = c.get('call');
        const byId = new Map(results.map((r) => [r.criterionId, r]));
        throwIfProblems(checkScreening(call.eligibilityCriteria, results));
        const outcome = screeningOutcome(results);
        const grid = await getGrid(deps.db, member.tenantId, p.callId);
        const refusal = screeningChangeRefusal(grid?.status ?? null, p.screening?.outcome ?? null, outcome);
        if (refusal) throw new InvalidStateError(refusal, { reason: 'scoring-started', gridStatus: grid!.status });
        const screening: Screening = {
          outcome,
          results: call.eligibilityCriteria.map((k) => ({ criterionId: k.id, label: k.label, met: byId.get(k.id)!.met, reason: byId.get(k.id)!.reason })),
          proposalVersionNumber: p.submittedVersions,
          screenedAt: deps.now().toISOString(),
          screenedBy: member.userId,
          screenedByName: member.name,
        };
        const next: Proposal = { ...p, screening, ...updated(deps, member), version };
        const event = callEvent(deps, member, p.callId, {
          kind: 'proposal-screened',
          subject: p.content?.title ?? p.id,
          before: { outcome: p.screening?.outcome ?? null },
          after: { outcome, proposalVersion: p.submittedVersions },
        });
        return c.json(forReader(member, await replaceProposal(deps.db, member.tenantId, next, version, event)));
      },
    );

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type ProposalsApi = ReturnType<typeof proposalRoutes>;
