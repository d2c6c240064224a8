/**
 * The table evaluates the eligible proposals on the call's weighted grid:
 * managers and coordinators build the grid (or start from a template), open
 * scoring until a closing time, reopen it with a recorded reason; members
 * score the proposals assigned to them, unless recused; the results
 * aggregate the submitted sheets by the chosen rule, raw and normalized,
 * with disagreement flags, and export as CSV (Excel in French) or JSON.
 */
import { Hono } from 'hono';
import { responds } from '../lib/contract';
import {
  consensusViewSchema,
  gridEnvelope,
  gridTemplateSchema,
  gridViewSchema,
  myConflictsSchema,
  myScoringSchema,
  recusalSchema,
  scoreSheetSchema,
  scoringResultsSchema,
  scoringResultsViewSchema,
  sheetViewSchema,
} from '../../shared/schemas/responses/scoring';
import { page } from '../../shared/schemas/responses/common';
import { toFrenchCsv } from '../../shared/csv';
import { BusinessRuleError, ForbiddenError, InvalidStateError, negotiateLang, NotFoundError, throwIfProblems } from '../../shared/errors';
import { CONSENSUS, decodeLedgerEntry, type GridCriterionDef, type ScoreSheet, type ScoringGrid, type ScoringResults } from '../../shared/scoring/domain';
import { windowPhase } from '../../shared/dates';
import { checkGridAgainstCall, checkSheet, closedGrid, gridEditRefusal, gridStepRefusal, openedGrid, reopenedGrid } from '../../shared/scoring/grid';
import { scoringOpeningBlock } from '../../shared/scoring/opening';
import { declareTies, recusalKey, tieChangesFor } from '../../shared/scoring/recusal';
import {
  closeScoringSchema,
  conflictsSchema,
  consensusSchema,
  declareRecusalSchema,
  gridSchema,
  openScoringSchema,
  reopenGridSchema,
  resultsQuery,
  sheetSchema,
  templateSchema,
} from '../../shared/schemas/scoring';
import { checkClosesLater, isAccepting } from '../../shared/window';
import { allow } from '../lib/auth';
import { callEvent } from '../lib/call-history';
import type { Member } from '../lib/auth';
import { created, jsonBody, queryParams, updated, type AppEnv, type Deps } from '../lib/app';
import { requireVoting, voterRoll, votingMembersOf } from '../tables';
import { getProposalById, getProposalVersion, isEligibleRow, listAllSubmissionRows } from '../proposals';
import type { ProposalContent } from '../../shared/schemas/proposal';
import { callResults, scoringContext, type ScoringContext } from './results';
import {
  createGrid,
  createTemplate,
  declareRecusal,
  getConflicts,
  getGrid,
  getSheet,
  listLedgers,
  listScoringEvents,
  listTemplates,
  logScoringEvent,
  openGridAfterCallClosed,
  replaceGrid,
  requireGrid,
  saveConflicts,
  saveSheet,
  scoringClosedError,
  scoringNotYetError,
} from './repository';

const withIds = (criteria: (Omit<GridCriterionDef, 'id'> & { id?: string | undefined })[], newId: () => string): GridCriterionDef[] =>
  criteria.map((c) => ({ ...c, id: c.id ?? `crit-${newId()}`, levels: [...c.levels].sort((a, b) => a.value - b.value) }));

function resultsCsv(r: ScoringResults, lang: 'fr' | 'en'): string {
  const fr = lang === 'fr';
  const rank = new Map<string, string>();
  let position = 0;
  for (const tier of r.result.ranking) {
    for (const id of tier) rank.set(id, `${position + 1}${tier.length > 1 ? '=' : ''}`);
    position += tier.length;
  }
  const header = [
    fr ? 'Rang' : 'Rank',
    fr ? 'Projet' : 'Proposal',
    fr ? 'Organisme' : 'Organization',
    fr ? 'Montant demandé ($)' : 'Amount requested ($)',
    fr ? 'Note agrégée' : 'Aggregate score',
    fr ? 'Note agrégée normalisée' : 'Normalized aggregate score',
    fr ? 'Écart-type' : 'Standard deviation',
    fr ? 'Désaccord' : 'Disagreement',
    ...r.evaluators.map((e) => e.name),
  ];
  const byId = new Map(r.result.proposals.map((p) => [p.proposalId, p]));
  const ordered = [...r.result.ranking.flat(), ...r.result.unranked];
  const rows = ordered.map((id) => {
    const p = r.proposals.find((x) => x.id === id)!;
    const res = byId.get(id)!;
    const recusedFrom = new Set(r.recusals.filter((x) => x.proposalId === id).map((x) => x.userId));
    return [
      rank.get(id) ?? '',
      p.title,
      p.organizationName,
      p.requested / 100,
      res.aggregate,
      res.aggregateNormalized,
      res.spread,
      res.disagreement ? (fr ? 'oui' : 'yes') : fr ? 'non' : 'no',
      ...r.evaluators.map((e) => (recusedFrom.has(e.id) ? (fr ? 'récusé·e' : 'recused') : (res.raw[e.id] ?? null))),
    ];
  });
  return toFrenchCsv([header, ...rows]);
}

/**
 * The version an evaluator scores: the one screened eligible (a later
 * version from a revision round does not change what was scored).
 */
async function scoredVersion(deps: Deps, tenantId: string, callId: string, proposalId: string): Promise<{ number: number; content: ProposalContent }> {
  const p = await getProposalById(deps.db, tenantId, callId, proposalId);
  const n = p.screening?.proposalVersionNumber ?? p.submittedVersions;
  if (n === p.submittedVersions && p.content) return { number: n, content: p.content };
  const version = await getProposalVersion(deps.db, tenantId, proposalId, n);
  return { number: n, content: version.content };
}

function requireAssigned(ctx: ScoringContext, member: Member, proposalId: string) {
  if (!ctx.proposals.some((p) => p.id === proposalId))
    throw new InvalidStateError({ fr: 'Seuls les projets admissibles sont évalués.', en: 'Only eligible proposals are scored.' });
  if (!ctx.assigned(proposalId).includes(member.userId))
    throw new ForbiddenError({ fr: 'Ce projet ne vous est pas assigné pour l’évaluation.', en: 'This proposal is not assigned to you for scoring.' });
}

/** Those who build the grid also assign evaluators: the voting members of the call's table and the eligible proposals. */
async function gridSetup(deps: Deps, tenantId: string, call: { id: string; tableId?: string | null }) {
  const [all, voters] = await Promise.all([listAllSubmissionRows(deps.db, tenantId, call.id), votingMembersOf(deps, tenantId, call.tableId ?? null)]);
  const rows = all.filter(isEligibleRow);
  // Submissions not (or no longer) screened are not scored: said beside the button that opens scoring.
  const unscreened = all.filter((r) => r.status === 'submitted' && !r.screeningOutcome);
  return {
    awaitingScreening: { count: unscreened.length, rescreen: unscreened.filter((r) => r.rescreen === true).length },
    evaluators: voters.map((v) => ({ userId: v.userId, name: v.name, organizationId: v.organizationId })),
    proposals: rows.map((r) => ({ id: r.id, title: r.title, organizationId: r.organizationId, organizationName: r.organizationName })),
  };
}

export const scoringRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    // ---- the grid ----
    .get(
      '/t/:tenantId/calls/:callId/grid',
      allow('call:read'),
      responds({ 200: gridViewSchema }, { summary: { fr: 'Lire la grille d’évaluation d’un appel', en: 'Read a call’s scoring grid' } }),
      async (c) => {
        const member = c.get('member');
        const callId = c.req.param('callId');
        const grid = await getGrid(deps.db, member.tenantId, callId);
        const setup = member.permissions.has('scoring:manage') ? await gridSetup(deps, member.tenantId, c.get('call')) : null;
        // One return: with two, the client's type would be the members' answer alone (the managers' is a subtype of it).
        return c.json(setup ? { grid, ...setup } : { grid });
      },
    )
    .put(
      '/t/:tenantId/calls/:callId/grid',
      allow('scoring:manage'),
      responds(
        { 200: gridEnvelope, 201: gridEnvelope },
        { summary: { fr: 'Créer ou modifier la grille d’évaluation', en: 'Create or change the scoring grid' } },
      ),
      jsonBody(gridSchema),
      async (c) => {
        const member = c.get('member');
        const input = c.req.valid('json');
        const call = c.get('call');
        // A rule across the call and the grid: refused as such (422), naming the field.
        const [misfit] = checkGridAgainstCall(call, input.criteria);
        if (misfit) throw new BusinessRuleError(misfit.message, { field: misfit.path });
        const current = await getGrid(deps.db, member.tenantId, call.id);
        const fields = {
          criteria: withIds(input.criteria, deps.newId),
          mode: input.mode,
          rule: input.rule,
          normalize: input.normalize,
          disagreementThreshold: input.disagreementThreshold,
          assignments: input.assignments,
        };
        const refusal = gridEditRefusal(current, input.version);
        if (refusal) throw new InvalidStateError(refusal);
        if (!current) {
          const grid: ScoringGrid = {
            callId: call.id,
            gridVersion: 1,
            status: 'draft',
            closesAt: null,
            openedAt: null,
            reopenings: [],
            ...fields,
            ...created(deps, member),
          };
          return c.json({ grid: await createGrid(deps.db, member.tenantId, grid) }, 201);
        }
        // A grid that exists is only changed at its version: gridEditRefusal refused a save without one.
        return c.json({ grid: await replaceGrid(deps.db, member.tenantId, { ...current, ...fields, ...updated(deps, member) }, input.version!) });
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/grid/open',
      allow('scoring:manage'),
      responds({ 200: gridEnvelope }, { summary: { fr: 'Ouvrir l’évaluation', en: 'Open scoring' } }),
      jsonBody(openScoringSchema),
      async (c) => {
        const member = c.get('member');
        const { version, closesAt } = c.req.valid('json');
        const now = deps.now();
        const [call, grid] = await Promise.all([c.get('call'), requireGrid(deps.db, member.tenantId, c.req.param('callId'))]);
        const refusal = gridStepRefusal(grid.status, 'open');
        if (refusal) throw new InvalidStateError(refusal);
        if (scoringOpeningBlock(call, windowPhase(call.opensAt, call.closesAt, now))) throw scoringNotYetError(call, now);
        throwIfProblems(checkClosesLater('closesAt', closesAt, now));
        const next: ScoringGrid = { ...openedGrid(grid, closesAt, now), ...updated(deps, member) };
        const event = callEvent(deps, member, call.id, {
          kind: 'grid-locked',
          before: { status: grid.status, gridVersion: grid.gridVersion },
          after: { status: next.status, gridVersion: next.gridVersion, closesAt: next.closesAt, criteria: next.criteria.length },
        });
        return c.json({ grid: await openGridAfterCallClosed(deps.db, member.tenantId, next, version, now, event) });
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/grid/reopen',
      allow('scoring:manage'),
      responds({ 200: gridEnvelope }, { summary: { fr: 'Rouvrir la grille, en donnant la raison', en: 'Reopen the grid, giving the reason' } }),
      jsonBody(reopenGridSchema),
      async (c) => {
        const member = c.get('member');
        const { version, reason } = c.req.valid('json');
        const grid = await requireGrid(deps.db, member.tenantId, c.req.param('callId'));
        const refusal = gridStepRefusal(grid.status, 'reopen');
        if (refusal) throw new InvalidStateError(refusal);
        const next: ScoringGrid = { ...reopenedGrid(grid, { at: deps.now().toISOString(), by: member.name, reason }), ...updated(deps, member) };
        const event = callEvent(deps, member, grid.callId, {
          kind: 'grid-reopened',
          before: { status: grid.status, gridVersion: grid.gridVersion },
          after: { status: next.status, gridVersion: next.gridVersion, reason },
        });
        return c.json({ grid: await replaceGrid(deps.db, member.tenantId, next, version, event) });
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/grid/close',
      allow('scoring:manage'),
      responds({ 200: gridEnvelope }, { summary: { fr: 'Terminer l’évaluation', en: 'End scoring' } }),
      jsonBody(closeScoringSchema),
      async (c) => {
        const member = c.get('member');
        const grid = await requireGrid(deps.db, member.tenantId, c.req.param('callId'));
        const refusal = gridStepRefusal(grid.status, 'close');
        if (refusal) throw new InvalidStateError(refusal);
        // Who evaluated is kept with the closed grid: a later change of the table does not rewrite its results.
        const roll = await voterRoll(deps, member.tenantId, c.get('call').tableId ?? null);
        const next: ScoringGrid = { ...closedGrid(grid, deps.now()), evaluators: roll.voters, ...updated(deps, member) };
        const event = callEvent(deps, member, grid.callId, {
          kind: 'grid-closed',
          before: { status: grid.status, closesAt: grid.closesAt },
          after: { status: next.status, closesAt: next.closesAt, evaluators: roll.voters.length },
        });
        return c.json({ grid: await replaceGrid(deps.db, member.tenantId, next, c.req.valid('json').version, event) });
      },
    )
    // ---- templates ----
    .get(
      '/t/:tenantId/grid-templates',
      allow('scoring:manage'),
      responds({ 200: page(gridTemplateSchema) }, { summary: { fr: 'Lister les modèles de grille', en: 'List the grid templates' } }),
      async (c) => c.json({ items: await listTemplates(deps.db, c.get('member').tenantId), cursor: null }),
    )
    .post(
      '/t/:tenantId/grid-templates',
      allow('scoring:manage'),
      responds({ 201: gridTemplateSchema }, { summary: { fr: 'Enregistrer un modèle de grille', en: 'Save a grid template' } }),
      jsonBody(templateSchema),
      async (c) => {
        const member = c.get('member');
        const input = c.req.valid('json');
        const template = { id: deps.newId(), name: input.name, criteria: withIds(input.criteria, deps.newId), ...created(deps, member) };
        return c.json(await createTemplate(deps.db, member.tenantId, template), 201);
      },
    )
    // ---- conflicts of interest ----
    .get(
      '/t/:tenantId/my/conflicts',
      allow('scoring:evaluate'),
      responds(
        { 200: myConflictsSchema },
        { summary: { fr: 'Lire mes liens déclarés (conflits d’intérêts)', en: 'Read my declared ties (conflicts of interest)' } },
      ),
      async (c) => {
        const member = c.get('member');
        return c.json({ conflicts: await getConflicts(deps.db, member.tenantId, member.userId), representedOrganizationId: member.organizationId });
      },
    )
    .put(
      '/t/:tenantId/my/conflicts',
      allow('scoring:evaluate'),
      responds({ 200: myConflictsSchema }, { summary: { fr: 'Déclarer ou retirer mes liens', en: 'Declare or withdraw my ties' } }),
      jsonBody(conflictsSchema),
      async (c) => {
        const member = c.get('member');
        const { version, organizationIds } = c.req.valid('json');
        const current = await getConflicts(deps.db, member.tenantId, member.userId);
        const next = declareTies(current, { userId: member.userId, userName: member.name, organizationIds }, deps.now().toISOString());
        const saved = await saveConflicts(deps.db, member.tenantId, { ...next, version: version ?? 1 }, version);
        return c.json({ conflicts: saved, representedOrganizationId: member.organizationId });
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/scoring/proposals/:proposalId/recusal',
      allow('scoring:evaluate'),
      responds({ 201: recusalSchema }, { summary: { fr: 'Me récuser pour un projet', en: 'Recuse myself from a proposal' } }),
      jsonBody(declareRecusalSchema),
      async (c) => {
        const member = c.get('member');
        const ctx = await scoringContext(deps, member.tenantId, c.req.param('callId'));
        const proposalId = c.req.param('proposalId');
        if (!ctx.proposals.some((p) => p.id === proposalId))
          throw new InvalidStateError({ fr: 'Seuls les projets admissibles sont évalués.', en: 'Only eligible proposals are scored.' });
        const recusal = {
          proposalId,
          userId: member.userId,
          userName: member.name,
          kind: 'declared' as const,
          reason: c.req.valid('json').reason,
          at: deps.now().toISOString(),
        };
        return c.json(await declareRecusal(deps.db, member.tenantId, ctx.call.id, recusal), 201);
      },
    )
    // ---- evaluating ----
    .get(
      '/t/:tenantId/calls/:callId/scoring/mine',
      allow('scoring:evaluate'),
      responds({ 200: myScoringSchema }, { summary: { fr: 'Lister les projets que j’évalue', en: 'List the proposals I score' } }),
      async (c) => {
        const member = c.get('member');
        const ctx = await scoringContext(deps, member.tenantId, c.req.param('callId'));
        const ledgers = await listLedgers(deps.db, member.tenantId, ctx.call.id);
        const mine = ledgers.find((l) => l.evaluatorId === member.userId);
        return c.json({
          grid: ctx.grid,
          acceptingScores: isAccepting(ctx.grid, deps.now()),
          proposals: ctx.proposals
            .filter((p) => ctx.assigned(p.id).includes(member.userId))
            .map((p) => {
              const recusal = ctx.recusals.find((r) => r.userId === member.userId && r.proposalId === p.id) ?? null;
              const text = mine?.sheets[p.id];
              const sheet = text ? decodeLedgerEntry(text) : null;
              return {
                id: p.id,
                title: p.title,
                organizationName: p.organizationName,
                requested: p.requested,
                recusal,
                status: sheet && sheet.gv === ctx.grid.gridVersion ? sheet.st : null,
              };
            }),
        });
      },
    )
    .get(
      '/t/:tenantId/calls/:callId/scoring/proposals/:proposalId/sheet',
      allow('scoring:evaluate'),
      responds({ 200: sheetViewSchema }, { summary: { fr: 'Lire ma fiche d’évaluation d’un projet', en: 'Read my score sheet for a proposal' } }),
      async (c) => {
        const member = c.get('member');
        const callId = c.req.param('callId');
        const proposalId = c.req.param('proposalId');
        const ctx = await scoringContext(deps, member.tenantId, callId);
        requireAssigned(ctx, member, proposalId);
        const recusal = ctx.recusals.find((r) => r.userId === member.userId && r.proposalId === proposalId) ?? null;
        const [sheet, scored] = recusal
          ? [null, null]
          : await Promise.all([
              getSheet(deps.db, member.tenantId, callId, proposalId, member.userId),
              scoredVersion(deps, member.tenantId, callId, proposalId),
            ]);
        // What the evaluator is scoring, named on the sheet; its content beside the grid unless they are recused.
        const row = ctx.proposals.find((p) => p.id === proposalId);
        const answered = new Set(scored?.content.needIds ?? []);
        const proposal = row
          ? {
              title: row.title,
              organizationName: row.organizationName,
              requested: row.requested,
              versionNumber: scored?.number ?? null,
              content: scored?.content ?? null,
              needs: (ctx.call.needs ?? []).filter((n) => answered.has(n.id)).map((n) => ({ id: n.id, statement: n.statement })),
            }
          : null;
        return c.json({
          grid: ctx.grid,
          proposal,
          recusal,
          sheet: sheet && sheet.gridVersion === ctx.grid.gridVersion ? sheet : null,
          earlierSheet: sheet && sheet.gridVersion !== ctx.grid.gridVersion ? sheet : null,
        });
      },
    )
    .put(
      '/t/:tenantId/calls/:callId/scoring/proposals/:proposalId/sheet',
      allow('scoring:evaluate'),
      responds({ 200: scoreSheetSchema }, { summary: { fr: 'Enregistrer ou soumettre ma fiche', en: 'Save or submit my score sheet' } }),
      jsonBody(sheetSchema),
      async (c) => {
        const member = c.get('member');
        const callId = c.req.param('callId');
        const proposalId = c.req.param('proposalId');
        const { version, scores, submit } = c.req.valid('json');
        const now = deps.now();
        const ctx = await scoringContext(deps, member.tenantId, callId);
        if (ctx.grid.mode === 'consensus')
          throw new InvalidStateError({
            fr: 'Cet appel est évalué par consensus de la table, pas par fiches individuelles.',
            en: 'This call is scored by the table’s consensus, not by individual sheets.',
          });
        // An observer, or a member of another table, is refused with the reason before anything else.
        requireVoting(ctx.roll, member.userId, 'score');
        requireAssigned(ctx, member, proposalId);
        if (ctx.recused.has(recusalKey(member.userId, proposalId))) {
          await logScoringEvent(deps.db, member.tenantId, callId, {
            id: deps.newId(),
            at: now.toISOString(),
            kind: 'recused-attempt',
            userId: member.userId,
            userName: member.name,
            proposalId,
          });
          throw new ForbiddenError({
            fr: 'Vous êtes récusé·e pour ce projet : vous ne pouvez pas l’évaluer. La tentative est consignée.',
            en: 'You are recused from this proposal: you cannot score it. The attempt is recorded.',
          });
        }
        if (!isAccepting(ctx.grid, now)) throw scoringClosedError(ctx.grid);
        throwIfProblems(checkSheet(ctx.grid, scores, submit));
        const sheet: ScoreSheet = {
          proposalId,
          evaluatorId: member.userId,
          evaluatorName: member.name,
          gridVersion: ctx.grid.gridVersion,
          scores,
          status: submit ? 'submitted' : 'draft',
          present: [],
          updatedAt: now.toISOString(),
          version: version ?? 1,
        };
        return c.json(await saveSheet(deps.db, member.tenantId, callId, ctx.grid, sheet, version, now));
      },
    )
    .get(
      '/t/:tenantId/calls/:callId/scoring/proposals/:proposalId/consensus',
      allow('scoring:manage'),
      responds({ 200: consensusViewSchema }, { summary: { fr: 'Lire la fiche de consensus d’un projet', en: 'Read a proposal’s consensus sheet' } }),
      async (c) => {
        const member = c.get('member');
        const callId = c.req.param('callId');
        const proposalId = c.req.param('proposalId');
        const ctx = await scoringContext(deps, member.tenantId, callId);
        const proposal = ctx.proposals.find((p) => p.id === proposalId);
        // Only the call's eligible proposals are scored: any other id gets no (empty) consensus form.
        if (!proposal) throw new NotFoundError({ fr: 'Ce projet admissible', en: 'This eligible proposal' });
        const sheet = await getSheet(deps.db, member.tenantId, callId, proposalId, CONSENSUS);
        return c.json({
          grid: ctx.grid,
          proposal,
          sheet: sheet && sheet.gridVersion === ctx.grid.gridVersion ? sheet : null,
          members: ctx.evaluators.map((e) => ({ userId: e.userId, name: e.name, recused: ctx.recused.has(recusalKey(e.userId, proposalId)) })),
        });
      },
    )
    .put(
      '/t/:tenantId/calls/:callId/scoring/proposals/:proposalId/consensus',
      allow('scoring:manage'),
      responds({ 200: scoreSheetSchema }, { summary: { fr: 'Enregistrer le consensus de la table', en: 'Save the table’s consensus' } }),
      jsonBody(consensusSchema),
      async (c) => {
        const member = c.get('member');
        const callId = c.req.param('callId');
        const proposalId = c.req.param('proposalId');
        const { version, scores, present } = c.req.valid('json');
        const now = deps.now();
        const ctx = await scoringContext(deps, member.tenantId, callId);
        if (ctx.grid.mode !== 'consensus')
          throw new InvalidStateError({ fr: 'Cet appel est évalué par fiches individuelles.', en: 'This call is scored by individual sheets.' });
        if (!ctx.proposals.some((p) => p.id === proposalId))
          throw new InvalidStateError({ fr: 'Seuls les projets admissibles sont évalués.', en: 'Only eligible proposals are scored.' });
        // Recused members are not counted among those present for this proposal.
        const recusedPresent = present.filter((u) => ctx.recused.has(recusalKey(u, proposalId)));
        if (recusedPresent.length > 0)
          throw new BusinessRuleError(
            { fr: 'Un membre récusé pour ce projet ne participe pas au consensus.', en: 'A member recused from this proposal takes no part in the consensus.' },
            { field: 'present', userIds: recusedPresent },
          );
        if (!isAccepting(ctx.grid, now)) throw scoringClosedError(ctx.grid);
        throwIfProblems(checkSheet(ctx.grid, scores, true));
        const sheet: ScoreSheet = {
          proposalId,
          evaluatorId: CONSENSUS,
          evaluatorName: 'Consensus de la table',
          gridVersion: ctx.grid.gridVersion,
          scores,
          status: 'submitted',
          present,
          updatedAt: now.toISOString(),
          version: version ?? 1,
        };
        return c.json(await saveSheet(deps.db, member.tenantId, callId, ctx.grid, sheet, version, now));
      },
    )
    // ---- results ----
    .get(
      '/t/:tenantId/calls/:callId/scoring/results',
      allow('scoring:manage'),
      responds({ 200: scoringResultsViewSchema }, { summary: { fr: 'Lire les résultats de l’évaluation', en: 'Read the scoring results' } }),
      queryParams(resultsQuery),
      async (c) => {
        const member = c.get('member');
        const { ctx, results } = await callResults(deps, member.tenantId, c.req.param('callId'), c.req.valid('query'));
        const attempts = await listScoringEvents(deps.db, member.tenantId, ctx.call.id);
        // Ties declared and withdrawn with the applicants, dated, for the minutes.
        const applicants = new Map(ctx.proposals.map((p) => [p.organizationId, p.organizationName]));
        const tieChanges = tieChangesFor(ctx.conflicts, applicants, new Map(ctx.evaluators.map((e) => [e.userId, e.name])));
        return c.json({ ...results, refusedAttempts: attempts, tieChanges });
      },
    )
    .get(
      '/t/:tenantId/calls/:callId/scoring/results.csv',
      allow('scoring:manage'),
      responds(
        { 200: { contentType: 'text/csv' } },
        { summary: { fr: 'Exporter les résultats en CSV (Excel en français)', en: 'Export the results as CSV (French Excel)' } },
      ),
      queryParams(resultsQuery),
      async (c) => {
        const member = c.get('member');
        const { ctx, results } = await callResults(deps, member.tenantId, c.req.param('callId'), c.req.valid('query'));
        const lang = negotiateLang(c.req.header('Accept-Language'));
        return c.body(resultsCsv(results, lang), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="evaluation-${ctx.call.id}.csv"`,
        });
      },
    )
    .get(
      '/t/:tenantId/calls/:callId/scoring/results.json',
      allow('scoring:manage'),
      responds(
        { 200: { contentType: 'application/json', schema: scoringResultsSchema } },
        { summary: { fr: 'Exporter les résultats en JSON', en: 'Export the results as JSON' } },
      ),
      queryParams(resultsQuery),
      async (c) => {
        const member = c.get('member');
        const { ctx, results } = await callResults(deps, member.tenantId, c.req.param('callId'), c.req.valid('query'));
        return c.body(JSON.stringify(results, null, 2), 200, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Disposition': `attachment; filename="evaluation-${ctx.call.id}.json"`,
        });
      },
    );

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type ScoringApi = ReturnType<typeof scoringRoutes>;
