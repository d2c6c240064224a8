/**
 * The institution's decision on a call (décision de l'établissement). In the
 * concertation tendency (a call with a table) the manager accepts the
 * table's adopted recommendation or departs from it line by line, each
 * departure with its reason; in the administration tendency (a call without
 * a table) the manager decides from a scenario or from amounts typed by
 * hand. A decision is final: a later change is an amendment with its reason,
 * the original kept. Each organization learns its outcome (a message, its
 * proposals' page, its letter), never another organization's.
 */
import { Hono } from 'hono';
import type { CallEvent } from '../../shared/call-history';
import { firstYearsTotal, type Decision, type DecisionLine } from '../../shared/decision';
import { amend, decide, outcomeOf, totalOf, type BaseLine, type DecidedProposal, type LineInput, type LineProblem } from '../../shared/deciding';
import { formatDateTime, windowPhase } from '../../shared/dates';
import type { StoredCall } from '../../shared/domain';
import { BusinessRuleError, ForbiddenError, InvalidStateError, NotFoundError, VersionConflictError } from '../../shared/errors';
import { amendDecisionSchema, recordDecisionSchema } from '../../shared/schemas/decision';
import { page } from '../../shared/schemas/responses/common';
import { decisionLetterSchema, decisionSchema, decisionViewSchema, proposalOutcomeSchema } from '../../shared/schemas/responses/decisions';
import { callEvent } from '../lib/call-history';
import { allow, type Member } from '../lib/auth';
import { responds } from '../lib/contract';
import { jsonBody, type AppEnv, type Deps } from '../lib/app';
import { getScenario } from '../allocation';
import { getCallById } from '../calls';
import { listMembersOfTenant, notifyPeople, representativesOf } from '../identity';
import { listAllSubmissionRows, listProposalsOfOrganization } from '../proposals';
import { getAdoption } from '../recommendations';
import { getTableById, voterRoll } from '../tables';
import { amendDecision, decisionExistsError, getDecision, recordDecision } from './repository';

const tendencyOf = (call: Pick<StoredCall, 'tableId'>) => (call.tableId ? 'concertation' : 'administration');

/**
 * Who reads a call's decision before it is public: a manager any call; for a call of a table, its
 * coordinators and members (observers too); for a call without a table, the coordinators and the
 * members of the tenant (the rule of calls from before tables).
 */
async function assertReadsDecision(deps: Deps, member: Member, call: StoredCall): Promise<void> {
  if (member.roles.includes('manager')) return;
  if (call.tableId) {
    const table = await getTableById(deps.db, member.tenantId, call.tableId).catch((e: unknown) => {
      if (e instanceof NotFoundError) return null;
      throw e;
    });
    if (table && (table.coordinatorIds.includes(member.userId) || table.members.some((m) => m.userId === member.userId))) return;
  } else {
    if (member.roles.includes('coordinator')) return;
    const roll = await voterRoll(deps, member.tenantId, null);
    if (roll.standing(member.userId) !== 'outside') return;
  }
  throw new ForbiddenError({
    fr: 'Vous ne coordonnez pas la table de cet appel et n’y siégez pas : sa décision se lit par la gestion, la coordination et les membres de la table.',
    en: 'You neither coordinate nor sit at this call’s table: its decision is read by the managers, the table’s coordinators and its members.',
  });
}

/** Refuses (422) with every problem of the lines, the first one in the detail. */
function throwIfLineProblems(problems: readonly LineProblem[]): void {
  const first = problems[0];
  if (!first) return;
  throw new BusinessRuleError(first.message, { problems });
}

/**
 * A decision is on every proposal of a call that no longer takes any (409 otherwise): a proposal submitted
 * after it would have no line, and an amendment only changes the lines it has. A call closed never reopens
 * (an extension is refused after the deadline), so the call as read decides it.
 */
function assertCallClosed(call: StoredCall, now: Date): void {
  if (call.status !== 'published')
    throw new InvalidStateError(
      { fr: 'Cet appel n’est pas publié : il n’a pas de projets sur lesquels décider.', en: 'This call is not published: it has no proposals to decide on.' },
      { reason: 'call-unpublished' },
    );
  if (windowPhase(call.opensAt, call.closesAt, now) !== 'closed')
    throw new InvalidStateError(
      {
        fr: `L’appel reçoit des projets jusqu’au ${formatDateTime(call.closesAt, 'fr')} (heure de Montréal) : la décision se prend après sa fermeture, sur tous les projets déposés.`,
        en: `The call takes proposals until ${formatDateTime(call.closesAt, 'en')} (Montreal time): the decision is taken once it has closed, on every proposal submitted.`,
      },
      { reason: 'call-not-closed', closesAt: call.closesAt },
    );
}

const notFoundDecision = () => new NotFoundError({ fr: 'La décision sur cet appel', en: 'The decision on this call' });

/** The eligible proposals of the call, as the decision bounds them. */
async function eligibleProposals(deps: Deps, tenantId: string, callId: string): Promise<{ eligible: DecidedProposal[]; all: DecidedProposal[] }> {
  const rows = await listAllSubmissionRows(deps.db, tenantId, callId);
  const all = rows.map((r) => ({
    id: r.id,
    organizationId: r.organizationId,
    organizationName: r.organizationName,
    title: r.title,
    requested: r.requested,
    minimum: r.minimum,
    durationYears: r.durationYears,
  }));
  const eligibleIds = new Set(rows.filter((r) => r.status === 'submitted' && r.screeningOutcome === 'eligible').map((r) => r.id));
  return { eligible: all.filter((p) => eligibleIds.has(p.id)), all };
}

/**
 * Each organization is told, through its representatives, the outcome of each of its lines (an essential
 * message: a decision about them). A failed send changes nothing of the decision.
 */
async function tellOutcomes(deps: Deps, tenantId: string, call: { id: string; title: string }, lines: readonly DecisionLine[]): Promise<void> {
  if (lines.length === 0) return;
  try {
    const members = await listMembersOfTenant(deps.db, tenantId);
    await Promise.all(
      lines.map((l) =>
        notifyPeople(deps, tenantId, representativesOf(members, l.organizationId), {
          kind: 'outcome-decided',
          callId: call.id,
          proposalId: l.proposalId,
          callTitle: call.title,
          proposalTitle: l.title,
          grantedCents: l.amount,
        }),
      ),
    );
  } catch (e) {
    deps.logger?.warn('notification not sent', { kind: 'outcome-decided', error: e instanceof Error ? e.name : 'unknown' });
  }
}

/** What a history event keeps of lines: small, flat, no person. */
const summary = (lines: readonly DecisionLine[]) => lines.map((l) => ({ proposalId: l.proposalId, title: l.title, amount: l.amount, years: l.years }));

export const decisionRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/t/:tenantId/calls/:callId/decision',
      allow('decision:read'),
      responds({ 200: decisionViewSchema }, { summary: { fr: 'Lire la décision sur un appel', en: 'Read the decision on a call' } }),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        await assertReadsDecision(deps, member, call);
        const [decision, adoption, proposals] = await Promise.all([
          getDecision(deps.db, member.tenantId, call.id, true),
          call.tableId ? getAdoption(deps.db, member.tenantId, call.id) : Promise.resolve(null),
          eligibleProposals(deps, member.tenantId, call.id),
        ]);
        const r = adoption?.recommendation;
        return c.json({
          decision,
          tendency: tendencyOf(call),
          amountAvailable: call.amountAvailable,
          basis: r ? { number: r.number, adoptionMode: r.adoptionMode, adoptedAt: adoption.minutes.recordedAt, lines: r.lines, total: r.total } : null,
          proposals: proposals.eligible,
        });
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/decision',
      allow('decision:write'),
      responds({ 201: decisionSchema }, { summary: { fr: 'Consigner la décision sur un appel', en: 'Record the decision on a call' } }),
      jsonBody(recordDecisionSchema),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        const input = c.req.valid('json');
        const tendency = tendencyOf(call);
        if (await getDecision(deps.db, member.tenantId, call.id, true)) throw decisionExistsError();
        assertCallClosed(call, deps.now());
        if (tendency === 'concertation' && input.basis !== 'recommendation')
          throw new InvalidStateError({
            fr: 'Cet appel a une table de concertation : la décision part de la recommandation que la table a adoptée.',
            en: 'This call has a concertation table: the decision starts from the recommendation the table adopted.',
          });
        if (tendency === 'administration' && input.basis === 'recommendation')
          throw new InvalidStateError({
            fr: 'Cet appel n’a pas de table de concertation : la décision part d’un scénario ou de montants saisis.',
            en: 'This call has no concertation table: the decision starts from a scenario or from typed amounts.',
          });
        const { eligible } = await eligibleProposals(deps, member.tenantId, call.id);
        let base: Map<string, BaseLine> | null = null;
        let basedOn: Decision['basedOn'];
        let inputs: LineInput[];
        if (input.basis === 'recommendation') {
          const adoption = await getAdoption(deps.db, member.tenantId, call.id);
          if (!adoption)
            throw new InvalidStateError({
              fr: 'La table n’a pas encore adopté de recommandation : la décision attend son adoption (vote ou consensus).',
              en: 'The table has not adopted a recommendation yet: the decision waits for its adoption (vote or consensus).',
            });
          const r = adoption.recommendation;
          // A line the table adjusted from its scenario has the adjustment's reason: the scenario's no longer explains the amount.
          base = new Map(
            r.lines.map((l) => [
              l.proposalId,
              {
                proposalId: l.proposalId,
                amount: l.amount + (l.supplement?.amount ?? 0),
                years: l.years,
                reason: l.adjustmentReason ?? l.reason,
                supplement: l.supplement,
              },
            ]),
          );
          basedOn = { kind: 'recommendation', number: r.number };
          inputs = input.departures;
        } else if (input.basis === 'scenario') {
          const scenario = await getScenario(deps.db, member.tenantId, call.id, input.scenarioId);
          if (scenario.result.infeasible)
            throw new BusinessRuleError({ fr: 'Ce scénario n’a pas de répartition possible.', en: 'This scenario has no possible allocation.' });
          const years = new Map(eligible.map((p) => [p.id, p.durationYears]));
          base = new Map(
            scenario.result.allocations.map((a) => [
              a.id,
              { proposalId: a.id, amount: a.amount, years: years.get(a.id) ?? 1, reason: a.reason.fr, supplement: null },
            ]),
          );
          basedOn = { kind: 'scenario', scenarioId: scenario.id, scenarioName: scenario.name };
          inputs = input.lines;
        } else {
          basedOn = { kind: 'manual' };
          inputs = input.lines;
        }
        const { lines, problems } = decide(eligible, base, inputs, call.amountAvailable);
        throwIfLineProblems(problems);
        const now = deps.now().toISOString();
        const decision: Decision = {
          callId: call.id,
          tendency,
          basedOn,
          lines,
          original: lines,
          total: totalOf(lines),
          amendments: [],
          decidedAt: now,
          decidedBy: member.userId,
          decidedByName: member.name,
          version: 1,
          createdAt: now,
          createdBy: member.userId,
          updatedAt: now,
          updatedBy: member.userId,
        };
        const event: CallEvent = callEvent(deps, member, call.id, {
          kind: 'decision-recorded',
          subject: call.title,
          after: {
            basis: basedOn.kind,
            total: decision.total,
            funded: lines.filter((l) => l.amount > 0).length,
            notFunded: lines.filter((l) => l.amount === 0).length,
            departures: lines.filter((l) => l.departure).length,
          },
        });
        // The call keeps what its lines' first years take; the rest of its amount goes back to the envelope.
        await recordDecision(deps.db, member.tenantId, decision, event, { envelopeId: call.envelopeId, delta: firstYearsTotal(lines) - call.amountAvailable });
        await tellOutcomes(deps, member.tenantId, call, lines);
        return c.json(decision, 201);
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/decision/amendments',
      allow('decision:write'),
      responds({ 200: decisionSchema }, { summary: { fr: 'Amender la décision sur un appel', en: 'Amend the decision on a call' } }),
      jsonBody(amendDecisionSchema),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        const input = c.req.valid('json');
        const decision = await getDecision(deps.db, member.tenantId, call.id, true);
        if (!decision) throw notFoundDecision();
        if (decision.version !== input.version) throw new VersionConflictError(decision.version, decision);
        if (input.reason.trim() === '')
          throwIfLineProblems([
            {
              proposalId: null,
              code: 'reason-required',
              message: { fr: 'Un amendement doit avoir un motif écrit.', en: 'An amendment needs a written reason.' },
            },
          ]);
        const { all } = await eligibleProposals(deps, member.tenantId, call.id);
        const { lines, changes, problems } = amend(decision.lines, new Map(all.map((p) => [p.id, p])), input.lines, call.amountAvailable);
        throwIfLineProblems(problems);
        const now = deps.now().toISOString();
        const number = decision.amendments.length + 1;
        const next: Decision = {
          ...decision,
          lines,
          total: totalOf(lines),
          amendments: [...decision.amendments, { number, at: now, by: member.userId, byName: member.name, reason: input.reason.trim(), changes }],
          updatedAt: now,
          updatedBy: member.userId,
        };
        const event = callEvent(deps, member, call.id, {
          kind: 'decision-amended',
          subject: input.reason.trim(),
          before: { total: decision.total, lines: summary(changes.map((ch) => ch.before)) },
          after: { total: next.total, lines: summary(changes.map((ch) => ch.after)) },
        });
        const saved = await amendDecision(deps.db, member.tenantId, next, input.version, event, {
          envelopeId: call.envelopeId,
          delta: firstYearsTotal(next.lines) - firstYearsTotal(decision.lines),
        });
        await tellOutcomes(
          deps,
          member.tenantId,
          call,
          changes.map((ch) => ch.after),
        );
        return c.json(saved);
      },
    )
    .get(
      '/t/:tenantId/calls/:callId/decision/letters/:proposalId',
      allow('call:read'),
      responds({ 200: decisionLetterSchema }, { summary: { fr: 'Lire la lettre de décision d’un projet', en: 'Read a proposal’s decision letter' } }),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        const proposalId = c.req.param('proposalId');
        const letterNotFound = () => new NotFoundError({ fr: 'La lettre de décision', en: 'The decision letter' });
        const decision = await getDecision(deps.db, member.tenantId, call.id);
        const line = decision?.lines.find((l) => l.proposalId === proposalId);
        if (!decision || !line) throw letterNotFound();
        // The organization of the proposal reads its letter; the institution's people read every one; another organization finds none.
        const own = member.permissions.has('proposal:own') && member.organizationId === line.organizationId;
        if (!own) {
          if (!member.permissions.has('decision:read')) throw letterNotFound();
          await assertReadsDecision(deps, member, call);
        }
        const amendments = decision.amendments.flatMap((a) =>
          a.changes
            .filter((ch) => ch.proposalId === proposalId)
            .map((ch) => ({ number: a.number, at: a.at, by: a.byName, reason: a.reason, before: ch.before.amount, after: ch.after.amount })),
        );
        const last = amendments.at(-1);
        return c.json({
          ...outcomeOf(decision, call.title, line),
          institution: member.tenantName,
          organizationId: line.organizationId,
          organizationName: line.organizationName,
          requested: line.requested,
          date: last?.at ?? decision.decidedAt,
          signatory: last?.by ?? decision.decidedByName,
          amendments: amendments.map(({ by: _by, ...a }) => a),
        });
      },
    )
    .get(
      '/t/:tenantId/my/outcomes',
      allow('proposal:own'),
      responds(
        { 200: page(proposalOutcomeSchema) },
        { summary: { fr: 'Lister les décisions sur les projets de mon organisme', en: 'List the decisions on my organization’s proposals' } },
      ),
      async (c) => {
        const member = c.get('member');
        const organizationId = member.organizationId!;
        const mine = (await listProposalsOfOrganization(deps.db, member.tenantId, organizationId)).filter((p) => p.status !== 'draft');
        const ids = new Set(mine.map((p) => p.id));
        const callIds = [...new Set(mine.map((p) => p.callId))];
        const decisions = (await Promise.all(callIds.map((id) => getDecision(deps.db, member.tenantId, id)))).filter((d): d is Decision => d !== null);
        const calls = await Promise.all(decisions.map((d) => getCallById(deps.db, member.tenantId, d.callId)));
        const items = decisions.flatMap((d, i) =>
          d.lines.filter((l) => ids.has(l.proposalId) && l.organizationId === organizationId).map((l) => outcomeOf(d, calls[i]!.title, l)),
        );
        return c.json({ items: items.sort((a, b) => b.decidedAt.localeCompare(a.decidedAt)), cursor: null });
      },
    );

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type DecisionsApi = ReturnType<typeof decisionRoutes>;
