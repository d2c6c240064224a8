/**
 * The table's recommendation on a call and its adoption (../shared/METHODS.md §5):
 * the coordinator drafts it from a scenario or from nothing and adjusts its
 * lines; the table adopts it by a vote (per line for, against or abstain, a
 * closing time the server enforces, recusals recorded, tallies hidden until
 * the close) or by consensus; the minutes record the outcome. A call without
 * a table has no recommendation: its manager decides directly.
 *
 * Who: writers hold `recommendation:write` and coordinate the call's table
 * or are managers; readers hold `recommendation:read` and are managers, the
 * table's coordinators or its members (voting or observing); voters are the
 * table's voting members when the vote opened, not recused from the line.
 */
import { Hono } from 'hono';
import {
  checkLines,
  draftLines,
  lineRecusals,
  recommendationTotal,
  tallyVote,
  type AdoptionBallot,
  type AdoptionVote,
  type LineBounds,
  type LineInput,
  type LineProblem,
} from '../../shared/adoption';
import type { StoredCall, SubmissionRow } from '../../shared/domain';
import { BusinessRuleError, ForbiddenError, InvalidStateError, NotFoundError, throwIfProblems } from '../../shared/errors';
import { DEFAULT_ADOPTION_RULES, type Minutes, type Recommendation, type RecommendationLine, type RecommendationStatus } from '../../shared/recommendation';
import {
  adoptionBallotSchema,
  closeAdoptionVoteSchema,
  consensusSchema,
  draftRecommendationSchema,
  openAdoptionVoteSchema,
  reviseRecommendationSchema,
  updateRecommendationSchema,
} from '../../shared/schemas/recommendation';
import {
  adoptionBallotResponseSchema,
  adoptionVoteSchema,
  minutesSchema,
  myAdoptionBallotSchema,
  recommendationSchema,
  recommendationViewSchema,
} from '../../shared/schemas/responses/recommendation';
import { recusalsFor } from '../../shared/scoring/recusal';
import type { ConcertationTable } from '../../shared/tables';
import { checkClosesLater, isAccepting } from '../../shared/window';
import { created, jsonBody, updated, type AppEnv, type Deps } from '../lib/app';
import { allow, type Member } from '../lib/auth';
import { callEvent } from '../lib/call-history';
import { responds } from '../lib/contract';
import { getScenario } from '../allocation';
import { listMembersOfTenant, notifyPeople } from '../identity';
import { listEligibleRows } from '../proposals';
import { getGrid, listConflicts, listDeclaredRecusals } from '../scoring';
import { getTableById, voterMemberships, voterRoll } from '../tables';
import {
  castBallot,
  createDraft,
  getAdoptionVote,
  getBallot,
  getMinutes,
  getRecommendation,
  listBallots,
  listMinutes,
  listVersions,
  MAX_CHECKED_BALLOTS,
  openVote,
  recordOutcome,
  replaceRecommendation,
  voteClosedError,
} from './repository';

const recommendationNotFound = () => new NotFoundError({ fr: 'La recommandation', en: 'The recommendation' });

/** The call's table and what the caller is to it; a call without a table has no recommendation (409, saying why). */
async function tableAccess(deps: Deps, member: Member, call: StoredCall) {
  if (!call.tableId)
    throw new InvalidStateError({
      fr: 'Cet appel n’a pas de table de concertation : il n’y a pas de recommandation, la ou le gestionnaire décide directement.',
      en: 'This call has no concertation table: there is no recommendation, the manager decides directly.',
    });
  const table = await getTableById(deps.db, member.tenantId, call.tableId, true);
  const isManager = member.roles.includes('manager');
  const isCoordinator = table.coordinatorIds.includes(member.userId);
  const seat = table.members.find((m) => m.userId === member.userId) ?? null;
  if (!isManager && !isCoordinator && !seat)
    throw new ForbiddenError({
      fr: `La recommandation de cet appel appartient à la table « ${table.name} » : seuls sa coordination, ses membres et la gestion la consultent.`,
      en: `This call’s recommendation belongs to the table “${table.name}”: only its coordinators, its members and the managers read it.`,
    });
  const canWrite = member.permissions.has('recommendation:write') && (isManager || isCoordinator);
  return { table, seat, canWrite };
}

/** The caller reads and writes: refused (403, with why) otherwise. */
async function writerAccess(deps: Deps, member: Member, call: StoredCall) {
  const access = await tableAccess(deps, member, call);
  if (!access.canWrite)
    throw new ForbiddenError({
      fr: `Seule la coordination de la table « ${access.table.name} » (ou la gestion) prépare la recommandation et son adoption.`,
      en: `Only the coordinators of the table “${access.table.name}” (or a manager) prepare the recommendation and its adoption.`,
    });
  return access;
}

async function requireRecommendation(deps: Deps, t: string, callId: string): Promise<Recommendation> {
  const rec = await getRecommendation(deps.db, t, callId, true);
  if (!rec) throw recommendationNotFound();
  return rec;
}

function requireStatus(rec: Recommendation, status: RecommendationStatus, doing: { fr: string; en: string }): void {
  if (rec.status === status) return;
  const now: Record<RecommendationStatus, { fr: string; en: string }> = {
    draft: { fr: 'est un brouillon', en: 'is a draft' },
    voting: { fr: 'est au vote', en: 'is being voted on' },
    adopted: { fr: 'est adoptée', en: 'is adopted' },
    rejected: { fr: 'n’a pas été adoptée', en: 'was not adopted' },
  };
  throw new InvalidStateError(
    {
      fr: `On ne peut pas ${doing.fr} : la recommandation (version ${rec.number}) ${now[rec.status].fr}.`,
      en: `Cannot ${doing.en}: the recommendation (version ${rec.number}) ${now[rec.status].en}.`,
    },
    { status: rec.status },
  );
}

const boundsOf = (rows: readonly SubmissionRow[]) =>
  new Map<string, LineBounds>(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        organizationId: r.organizationId,
        organizationName: r.organizationName,
        title: r.title,
        requested: r.requested,
        minimum: r.minimum,
        durationYears: r.durationYears,
      },
    ]),
  );

/** Refuses lines with problems (422, naming the first line and its cause; every problem in `errors`), nothing stored. */
function throwIfLineProblems(problems: readonly LineProblem[]): void {
  const first = problems[0];
  if (!first) return;
  throw new BusinessRuleError(first.message, {
    field: first.field,
    proposalId: first.proposalId,
    code: first.code,
    errors: problems.map((p) => ({ path: p.field, code: p.code, proposalId: p.proposalId, message: p.message })),
  });
}

/** The lines as stored, from what the coordinator sent and the proposals' current bounds. */
function buildLines(
  inputs: readonly LineInput[],
  bounds: ReadonlyMap<string, LineBounds>,
  scenarioAmounts: ReadonlyMap<string, number | null>,
): RecommendationLine[] {
  return inputs.map((l) => {
    const p = bounds.get(l.proposalId)!;
    const scenarioAmount = scenarioAmounts.get(l.proposalId) ?? null;
    const supplement = l.supplement && l.supplement.amount > 0 ? { amount: l.supplement.amount, reason: l.supplement.reason.trim() } : null;
    return {
      proposalId: p.id,
      organizationId: p.organizationId,
      organizationName: p.organizationName,
      title: p.title,
      requested: p.requested,
      minimum: p.minimum,
      durationYears: p.durationYears,
      amount: l.amount,
      years: l.years,
      reason: l.reason.trim(),
      scenarioAmount,
      adjustmentReason: scenarioAmount !== null && l.amount !== scenarioAmount ? l.adjustmentReason?.trim() || null : null,
      supplement,
    };
  });
}

const asInput = (l: RecommendationLine): LineInput => ({
  proposalId: l.proposalId,
  amount: l.amount,
  years: l.years,
  reason: l.reason,
  adjustmentReason: l.adjustmentReason,
  supplement: l.supplement,
});

/** The stored lines checked again against the call as it is now (a proposal withdrawn, an amount lowered since the draft). */
async function checkStoredLines(deps: Deps, t: string, call: StoredCall, rec: Recommendation): Promise<void> {
  const bounds = boundsOf(await listEligibleRows(deps.db, t, call.id));
  const scenario = new Map(rec.lines.map((l) => [l.proposalId, l.scenarioAmount]));
  throwIfLineProblems(checkLines(rec.lines.map(asInput), bounds, scenario, call.amountAvailable));
}

const representsName = (table: ConcertationTable, userId: string) => {
  const seat = table.members.find((m) => m.userId === userId);
  return seat ? seat.represents.name : '';
};

/** Who is tied with which line's proposal by the scoring rule (declared ties, a conflict declared on the proposal). */
async function tiesOf(
  deps: Deps,
  t: string,
  callId: string,
  who: { userId: string; name: string; organizationId: string | null }[],
  lines: RecommendationLine[],
) {
  const ids = new Set(who.map((w) => w.userId));
  const [conflicts, declared, grid] = await Promise.all([listConflicts(deps.db, t), listDeclaredRecusals(deps.db, t, callId), getGrid(deps.db, t, callId)]);
  const now = deps.now().toISOString();
  const found = recusalsFor({
    evaluators: who,
    conflicts: conflicts.filter((c) => ids.has(c.userId)),
    declared: declared.filter((r) => ids.has(r.userId)),
    proposals: lines.map((l) => ({ id: l.proposalId, organizationId: l.organizationId, organizationName: l.organizationName })),
    openedAt: now,
    firstOpenedAt: grid?.firstOpenedAt ?? grid?.openedAt ?? null,
  });
  const tied = new Set(found.map((r) => `${r.userId}\u0000${r.proposalId}`));
  return (userId: string, proposalId: string) => tied.has(`${userId}\u0000${proposalId}`);
}

export const recommendationRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/t/:tenantId/calls/:callId/recommendation',
      allow('recommendation:read'),
      responds(
        { 200: recommendationViewSchema },
        {
          summary: {
            fr: 'Lire la recommandation, ses versions, le vote et les procès-verbaux',
            en: 'Read the recommendation, its versions, the vote and the minutes',
          },
        },
      ),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        const t = member.tenantId;
        const { table, seat, canWrite } = await tableAccess(deps, member, call);
        const [rec, vote, versions, minutes] = await Promise.all([
          getRecommendation(deps.db, t, call.id, true),
          getAdoptionVote(deps.db, t, call.id),
          listVersions(deps.db, t, call.id),
          listMinutes(deps.db, t, call.id),
        ]);
        const current = vote && rec && vote.number === rec.number ? vote : null;
        const ballots = current ? await listBallots(deps.db, t, call.id, current.number) : [];
        const inElectorate = current?.electorate.some((e) => e.userId === member.userId) ?? false;
        return c.json({
          table: { id: table.id, name: table.name },
          rules: table.adoptionRules ?? DEFAULT_ADOPTION_RULES,
          recommendation: rec,
          versions: versions.filter((v) => v.number !== rec?.number),
          vote: current,
          // How many voted, never how: the tallies are in the minutes, once the vote is closed.
          ballotsCast: current ? ballots.length : null,
          acceptingBallots: current !== null && isAccepting(current, deps.now()),
          canWrite,
          canVote: inElectorate && member.permissions.has('recommendation:vote'),
          standing: seat ? (seat.voting ? 'voting' : 'observer') : 'outside',
          myRecusals: current ? current.recusals.filter((r) => r.userId === member.userId) : [],
          members: table.members.map((m) => ({ userId: m.userId, name: m.name, represents: m.represents.name, voting: m.voting })),
          minutes: minutes.map((m) => ({ number: m.number, mode: m.mode, adopted: m.adopted, recordedAt: m.recordedAt })),
        });
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/recommendation',
      allow('recommendation:write'),
      responds(
        { 201: recommendationSchema },
        { summary: { fr: 'Rédiger la recommandation (d’un scénario ou de rien)', en: 'Draft the recommendation (from a scenario or from nothing)' } },
      ),
      jsonBody(draftRecommendationSchema),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        const t = member.tenantId;
        await writerAccess(deps, member, call);
        const { scenarioId } = c.req.valid('json');
        const [rows, scenario] = await Promise.all([listEligibleRows(deps.db, t, call.id), scenarioId ? getScenario(deps.db, t, call.id, scenarioId) : null]);
        const lines = draftLines(rows, scenario?.result.allocations ?? null);
        const rec: Recommendation = {
          callId: call.id,
          number: 1,
          status: 'draft',
          basedOn: scenario ? { scenarioId: scenario.id, scenarioName: scenario.name, method: scenario.method } : null,
          lines,
          total: recommendationTotal(lines),
          amountAvailable: call.amountAvailable,
          adoptionMode: null,
          ...created(deps, member),
        };
        const event = callEvent(deps, member, call.id, {
          kind: 'recommendation-drafted',
          subject: scenario ? scenario.name : null,
          after: { number: 1, lines: lines.length, total: rec.total },
        });
        return c.json(await createDraft(deps.db, t, rec, event), 201);
      },
    )
    .put(
      '/t/:tenantId/calls/:callId/recommendation',
      allow('recommendation:write'),
      responds({ 200: recommendationSchema }, { summary: { fr: 'Ajuster les lignes de la recommandation', en: 'Adjust the recommendation’s lines' } }),
      jsonBody(updateRecommendationSchema),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        const t = member.tenantId;
        await writerAccess(deps, member, call);
        const { version, lines } = c.req.valid('json');
        const rec = await requireRecommendation(deps, t, call.id);
        requireStatus(rec, 'draft', { fr: 'modifier la recommandation', en: 'edit the recommendation' });
        const bounds = boundsOf(await listEligibleRows(deps.db, t, call.id));
        const scenario = new Map(rec.lines.map((l) => [l.proposalId, l.scenarioAmount]));
        throwIfLineProblems(checkLines(lines, bounds, scenario, call.amountAvailable));
        const next = buildLines(lines, bounds, scenario);
        const saved = { ...rec, lines: next, total: recommendationTotal(next), amountAvailable: call.amountAvailable, ...updated(deps, member) };
        return c.json(await replaceRecommendation(deps.db, t, saved, version, null));
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/recommendation/revise',
      allow('recommendation:write'),
      responds({ 200: recommendationSchema }, { summary: { fr: 'Réviser la recommandation après un vote', en: 'Revise the recommendation after a vote' } }),
      jsonBody(reviseRecommendationSchema),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        const t = member.tenantId;
        await writerAccess(deps, member, call);
        const rec = await requireRecommendation(deps, t, call.id);
        requireStatus(rec, 'rejected', { fr: 'réviser la recommandation', en: 'revise the recommendation' });
        const next: Recommendation = { ...rec, number: rec.number + 1, status: 'draft', adoptionMode: null, ...updated(deps, member) };
        const event = callEvent(deps, member, call.id, { kind: 'recommendation-revised', before: { number: rec.number }, after: { number: next.number } });
        return c.json(await replaceRecommendation(deps.db, t, next, c.req.valid('json').version, event));
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/recommendation/vote',
      allow('recommendation:write'),
      responds(
        { 201: adoptionVoteSchema },
        { summary: { fr: 'Ouvrir le vote de la table sur la recommandation', en: 'Open the table’s vote on the recommendation' } },
      ),
      jsonBody(openAdoptionVoteSchema),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        const t = member.tenantId;
        const { table } = await writerAccess(deps, member, call);
        const { version, closesAt } = c.req.valid('json');
        throwIfProblems(checkClosesLater('closesAt', closesAt, deps.now()));
        const rec = await requireRecommendation(deps, t, call.id);
        requireStatus(rec, 'draft', { fr: 'ouvrir le vote', en: 'open the vote' });
        await checkStoredLines(deps, t, call, rec);
        // The electorate: the table's voting members with an active membership now; their recusals, recorded.
        const roll = await voterRoll(deps, t, table.id);
        const tied = await tiesOf(deps, t, call.id, roll.voters, rec.lines);
        const recusals = lineRecusals(roll.voters, rec.lines, tied);
        const rules = table.adoptionRules ?? DEFAULT_ADOPTION_RULES;
        const vote: AdoptionVote = {
          callId: call.id,
          number: rec.number,
          status: 'open',
          closesAt: new Date(closesAt).toISOString(),
          closedAt: null,
          tableId: table.id,
          tableName: table.name,
          electorate: roll.voters.map((v) => ({ userId: v.userId, name: v.name, represents: representsName(table, v.userId) })),
          recusals,
          rules,
          ...created(deps, member),
        };
        const event = callEvent(deps, member, call.id, {
          kind: 'adoption-vote-opened',
          subject: table.name,
          after: { number: rec.number, closesAt: vote.closesAt, electorate: vote.electorate.length, recusals: recusals.length, secret: rules.secret },
        });
        await openVote(deps.db, t, { ...rec, status: 'voting', adoptionMode: 'vote', ...updated(deps, member) }, version, vote, event);
        // Every voter of the vote is told (unless they turned these off); a failed send changes nothing here.
        await notifyPeople(deps, t, voterMemberships(deps, t, call.tableId), {
          kind: 'adoption-vote-opened',
          callId: call.id,
          callTitle: call.title,
          closesAt: vote.closesAt,
        });
        return c.json(vote, 201);
      },
    )
    .get(
      '/t/:tenantId/calls/:callId/recommendation/ballot',
      allow('recommendation:vote'),
      responds({ 200: myAdoptionBallotSchema }, { summary: { fr: 'Lire mon bulletin sur la recommandation', en: 'Read my ballot on the recommendation' } }),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        await tableAccess(deps, member, call);
        const vote = await getAdoptionVote(deps.db, member.tenantId, call.id);
        return c.json({ ballot: vote ? await getBallot(deps.db, member.tenantId, call.id, vote.number, member.userId) : null });
      },
    )
    .put(
      '/t/:tenantId/calls/:callId/recommendation/ballot',
      allow('recommendation:vote'),
      responds(
        { 200: adoptionBallotResponseSchema },
        { summary: { fr: 'Voter sur la recommandation, ligne par ligne', en: 'Vote on the recommendation, line by line' } },
      ),
      jsonBody(adoptionBallotSchema),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        const t = member.tenantId;
        const { seat, table } = await tableAccess(deps, member, call);
        const { version, choices } = c.req.valid('json');
        const now = deps.now();
        const [vote, rec] = await Promise.all([getAdoptionVote(deps.db, t, call.id), getRecommendation(deps.db, t, call.id, true)]);
        if (!vote || !rec || vote.number !== rec.number) throw new NotFoundError({ fr: 'Le vote sur la recommandation', en: 'The vote on the recommendation' });
        if (!isAccepting(vote, now)) throw voteClosedError(vote);
        if (!vote.electorate.some((e) => e.userId === member.userId)) {
          throw new ForbiddenError(
            seat && !seat.voting
              ? {
                  fr: `Vous siégez comme observateur·trice à la table « ${table.name} » : vous pouvez tout lire, mais pas voter.`,
                  en: `You sit as an observer at the table “${table.name}”: you can read everything, but not vote.`,
                }
              : {
                  fr: `Vous n’étiez pas membre votant de la table « ${table.name} » à l’ouverture du vote : seuls ses membres votants d’alors votent.`,
                  en: `You were not a voting member of the table “${table.name}” when the vote opened: only its voting members of then vote.`,
                },
          );
        }
        const lines = new Map(rec.lines.map((l) => [l.proposalId, l]));
        const unknown = Object.keys(choices).filter((id) => !lines.has(id));
        if (unknown.length)
          throw new BusinessRuleError(
            {
              fr: `Ces projets ne sont pas des lignes de la recommandation : ${unknown.join(', ')}.`,
              en: `These proposals are not lines of the recommendation: ${unknown.join(', ')}.`,
            },
            { field: 'choices', proposalIds: unknown },
          );
        const recused = vote.recusals.filter((r) => r.userId === member.userId && choices[r.proposalId] !== undefined);
        if (recused.length) {
          const titles = recused.map((r) => `« ${lines.get(r.proposalId)!.title} »`).join(', ');
          const titlesEn = recused.map((r) => `“${lines.get(r.proposalId)!.title}”`).join(', ');
          throw new ForbiddenError({
            fr: `Vous êtes récusé·e de la ligne ${titles} (vous représentez l’organisme ou avez déclaré des liens avec lui) : vous ne pouvez pas y voter.`,
            en: `You are recused from the line ${titlesEn} (you represent the organization or declared ties with it): you cannot vote on it.`,
          });
        }
        const ballot: AdoptionBallot = {
          userId: member.userId,
          number: vote.number,
          choices,
          submittedAt: now.toISOString(),
          version: version === null ? 1 : version + 1,
        };
        return c.json(await castBallot(deps.db, t, vote, ballot, version, now));
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/recommendation/vote/close',
      allow('recommendation:write'),
      responds({ 200: minutesSchema }, { summary: { fr: 'Fermer le vote : résultats et procès-verbal', en: 'Close the vote: results and minutes' } }),
      jsonBody(closeAdoptionVoteSchema),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        const t = member.tenantId;
        await writerAccess(deps, member, call);
        const now = deps.now();
        const [vote, rec] = await Promise.all([getAdoptionVote(deps.db, t, call.id), requireRecommendation(deps, t, call.id)]);
        if (!vote || vote.number !== rec.number) throw new NotFoundError({ fr: 'Le vote sur la recommandation', en: 'The vote on the recommendation' });
        if (vote.status === 'closed') throw new InvalidStateError({ fr: 'Ce vote est déjà fermé.', en: 'This vote is already closed.' });
        requireStatus(rec, 'voting', { fr: 'fermer le vote', en: 'close the vote' });
        const ballots = await listBallots(deps.db, t, call.id, vote.number);
        const { tallies, adopted } = tallyVote({ lines: rec.lines, electorate: vote.electorate, recusals: vote.recusals, ballots, rules: vote.rules });
        // Closing before the planned end ends it now: no ballot is taken after (the ballot's condition reads the status).
        const closesAt = Date.parse(vote.closesAt) > now.getTime() ? now.toISOString() : vote.closesAt;
        const closedVote: AdoptionVote = { ...vote, status: 'closed', closesAt, closedAt: now.toISOString(), ...updated(deps, member) };
        const outcome: Recommendation = { ...rec, status: adopted ? 'adopted' : 'rejected', ...updated(deps, member) };
        const names = new Map(vote.electorate.map((e) => [e.userId, e.name]));
        const minutes: Minutes = {
          callId: call.id,
          number: rec.number,
          mode: 'vote',
          tableId: vote.tableId,
          tableName: vote.tableName,
          present: vote.electorate.map((e) => ({ userId: e.userId, name: e.name, represents: e.represents, voting: true })),
          recusals: vote.recusals,
          tallies,
          // A secret vote shows the tallies only; an open one, who voted what.
          openBallots: vote.rules.secret
            ? null
            : ballots.filter((b) => names.has(b.userId)).map((b) => ({ userId: b.userId, name: names.get(b.userId)!, choices: b.choices })),
          rules: vote.rules,
          dissent: null,
          adopted,
          recommendation: { ...outcome, version: rec.version + 1 },
          recordedAt: now.toISOString(),
          recordedBy: member.userId,
          recordedByName: member.name,
        };
        const passed = tallies.filter((x) => x.outcome === 'passed').length;
        const events = [
          callEvent(deps, member, call.id, {
            kind: 'adoption-vote-closed',
            before: { number: vote.number, status: 'open' },
            after: { number: vote.number, status: 'closed', ballots: ballots.length, linesPassed: passed, linesFailed: tallies.length - passed },
          }),
          callEvent(deps, member, call.id, {
            kind: adopted ? 'recommendation-adopted' : 'recommendation-rejected',
            before: { number: rec.number, status: 'voting' },
            after: { number: rec.number, status: outcome.status, mode: 'vote', total: rec.total },
          }),
        ];
        // Each voter's ballot as the tallies read it (or its absence) is checked in the same transaction: a ballot cast meanwhile cancels the close (409), never goes uncounted.
        const read = new Map(ballots.map((b) => [b.userId, b.version]));
        const ballotsRead =
          vote.electorate.length <= MAX_CHECKED_BALLOTS ? vote.electorate.map((e) => ({ userId: e.userId, version: read.get(e.userId) ?? null })) : [];
        await recordOutcome(deps.db, t, {
          vote: { next: closedVote, expectedVersion: c.req.valid('json').version },
          rec: { next: outcome, expectedVersion: rec.version },
          minutes,
          events,
          ballotsRead,
        });
        return c.json(minutes);
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/recommendation/consensus',
      allow('recommendation:write'),
      responds({ 200: minutesSchema }, { summary: { fr: 'Consigner le consensus de la table', en: 'Record the table’s consensus' } }),
      jsonBody(consensusSchema),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        const t = member.tenantId;
        const { table } = await writerAccess(deps, member, call);
        const { version, present, dissent } = c.req.valid('json');
        const rec = await requireRecommendation(deps, t, call.id);
        requireStatus(rec, 'draft', { fr: 'consigner un consensus', en: 'record a consensus' });
        const seats = new Map(table.members.map((m) => [m.userId, m]));
        const strangers = [...new Set(present)].filter((u) => !seats.has(u));
        if (strangers.length)
          throw new BusinessRuleError(
            {
              fr: `Ne sont pas membres de la table « ${table.name} » : ${strangers.join(', ')}. Seuls ses membres sont présents.`,
              en: `Not members of the table “${table.name}”: ${strangers.join(', ')}. Only its members are present.`,
            },
            { field: 'present', userIds: strangers },
          );
        await checkStoredLines(deps, t, call, rec);
        const people = new Map((await listMembersOfTenant(deps.db, t)).map((m) => [m.userId, m]));
        const who = [...new Set(present)].map((u) => {
          const seat = seats.get(u)!;
          return {
            userId: u,
            name: people.get(u)?.name ?? seat.name,
            organizationId: people.get(u)?.organizationId ?? null,
            representsOrganizationId: seat.represents.kind === 'organization' ? seat.represents.organizationId : null,
          };
        });
        const tied = await tiesOf(deps, t, call.id, who, rec.lines);
        const now = deps.now();
        const outcome: Recommendation = { ...rec, status: 'adopted', adoptionMode: 'consensus', ...updated(deps, member) };
        const minutes: Minutes = {
          callId: call.id,
          number: rec.number,
          mode: 'consensus',
          tableId: table.id,
          tableName: table.name,
          present: who.map((w) => ({ userId: w.userId, name: w.name, represents: seats.get(w.userId)!.represents.name, voting: seats.get(w.userId)!.voting })),
          // Recused members are recorded as absent from the lines concerned.
          recusals: lineRecusals(who, rec.lines, tied),
          tallies: null,
          openBallots: null,
          rules: null,
          dissent: dissent?.trim() || null,
          adopted: true,
          recommendation: { ...outcome, version: version + 1 },
          recordedAt: now.toISOString(),
          recordedBy: member.userId,
          recordedByName: member.name,
        };
        const events = [
          callEvent(deps, member, call.id, {
            kind: 'consensus-recorded',
            subject: table.name,
            after: { number: rec.number, present: who.length, dissent: minutes.dissent !== null },
          }),
          callEvent(deps, member, call.id, {
            kind: 'recommendation-adopted',
            before: { number: rec.number, status: 'draft' },
            after: { number: rec.number, status: 'adopted', mode: 'consensus', total: rec.total },
          }),
        ];
        await recordOutcome(deps.db, t, { vote: null, rec: { next: outcome, expectedVersion: version }, minutes, events });
        return c.json(minutes);
      },
    )
    .get(
      '/t/:tenantId/calls/:callId/recommendation/minutes/:number',
      allow('recommendation:read'),
      responds({ 200: minutesSchema }, { summary: { fr: 'Lire un procès-verbal', en: 'Read minutes' } }),
      async (c) => {
        const member = c.get('member');
        const call = c.get('call');
        await tableAccess(deps, member, call);
        const minutes = await getMinutes(deps.db, member.tenantId, call.id, Number(c.req.param('number')));
        if (!minutes) throw new NotFoundError({ fr: 'Le procès-verbal', en: 'The minutes' });
        return c.json(minutes);
      },
    );

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type RecommendationsApi = ReturnType<typeof recommendationRoutes>;
