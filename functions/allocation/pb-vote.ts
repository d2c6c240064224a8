/**
 * The members' approval vote over a call's eligible proposals, and the
 * participatory budgeting rules (greedy, Method of Equal Shares with its
 * completions) that turn it into a selection within the call's amount, with
 * MES's round-by-round explanation. Ballots can also come from a `.pb` file
 * and the vote goes out in that format. A member never approves a proposal
 * she is recused from (scoring's rule: she represents the organization,
 * declared ties with it, or declared a conflict on it); the refused attempt
 * is recorded. Ballots and results stay with those who run the vote until
 * the coordinator closes it.
 */
import { Hono } from 'hono';
import { responds } from '../lib/contract';
import { pbBallotSchemaResponse, pbResultSchema, pbVoteSchemaResponse, pbVoteViewSchema } from '../../shared/schemas/responses/allocation';
import type { PbBallot, PbResult, PbVote } from '../../shared/allocation';
import { ballotsVisible, pbVoteForViewer, whoHasNotVoted } from '../../shared/ballot-secrecy';
import type { SubmissionRow } from '../../shared/domain';
import {
  AlreadyExistsError,
  ForbiddenError,
  InvalidStateError,
  MalformedRequestError,
  NotFoundError,
  throwIfProblems,
  ValidationError,
} from '../../shared/errors';
import { parsePb, PbError, writePb, type PbElection } from '../../shared/pb/parse';
import { pbGreedy, pbMesCompleted, pbMesExact } from '../../shared/pb/rules';
import type { Recusal } from '../../shared/scoring/domain';
import { recusalKey, recusalsFor, type Evaluator } from '../../shared/scoring/recusal';
import { closePbVoteSchema, openPbVoteSchema, pbBallotSchema, pbImportSchema, pbResultsQuery } from '../../shared/schemas/allocation';
import { ruleProblem } from '../../shared/validation';
import { checkClosesLater, isAccepting } from '../../shared/window';
import { allow, type Member } from '../lib/auth';
import { created, jsonBody, queryParams, updated, type AppEnv, type Deps } from '../lib/app';
import { getItem, putNew, putVersioned, queryAll, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { getCallById } from '../calls';
import { requireVoting, voterRoll, type VoterRoll } from '../tables';
import { listEligibleRows } from '../proposals';
import { getGrid, listConflicts, listDeclaredRecusals } from '../scoring';
import { castPbBallot, closePbVote, countPbBallots, openPbVote, pbVoteClosedError } from './repository';
import { callEvent } from '../lib/call-history';

const getVote = (db: Db, t: string, callId: string) => getItem<PbVote>(db, keys.pbVote(t, callId), true);

/** A refused approval, kept for the minutes. */
export interface PbVoteEvent {
  id: string;
  at: string;
  kind: 'recused-attempt';
  userId: string;
  userName: string;
  proposalId: string;
}

async function logPbVoteEvent(db: Db, t: string, callId: string, event: PbVoteEvent): Promise<void> {
  await putNew(
    db,
    keys.pbVoteEvent(t, callId, event.at, event.id),
    'PbVoteEvent',
    event,
    () => new AlreadyExistsError({ fr: 'Cet événement est déjà consigné.', en: 'This event is already recorded.' }),
  );
}

async function eligible(deps: Deps, t: string, callId: string) {
  return (await listEligibleRows(deps.db, t, callId)).sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Who votes: the voting members of the call's table (functions/tables), read now while the vote is open;
 * once it is closed, those it closed with (a later change of the table does not rewrite the result).
 */
async function voters(deps: Deps, t: string, callId: string, vote: PbVote | null): Promise<Evaluator[]> {
  if (vote?.status === 'closed' && vote.voters) return vote.voters;
  return (await callRoll(deps, t, callId)).voters;
}

async function callRoll(deps: Deps, t: string, callId: string): Promise<VoterRoll> {
  const call = await getCallById(deps.db, t, callId);
  return voterRoll(deps, t, call.tableId ?? null);
}

/**
 * Who is recused from which proposal of the vote, by scoring's rule, dated
 * from the vote's opening. A tie withdrawn once the call's proposals were
 * being judged (scoring first opened, or this vote opened, whichever came
 * first) still recuses, as in scoring: withdrawing it cannot lift a recusal.
 */
async function approvalRecusals(
  deps: Deps,
  t: string,
  callId: string,
  vote: PbVote,
  proposals: readonly SubmissionRow[],
  who: readonly Evaluator[],
): Promise<Recusal[]> {
  const ids = new Set(who.map((e) => e.userId));
  const [conflicts, declared, grid] = await Promise.all([listConflicts(deps.db, t), listDeclaredRecusals(deps.db, t, callId), getGrid(deps.db, t, callId)]);
  const scoringOpened = grid?.firstOpenedAt ?? grid?.openedAt ?? null;
  return recusalsFor({
    evaluators: who,
    conflicts: conflicts.filter((c) => ids.has(c.userId)),
    declared: declared.filter((r) => ids.has(r.userId)),
    proposals,
    openedAt: vote.createdAt,
    firstOpenedAt: scoringOpened && scoringOpened < vote.createdAt ? scoringOpened : vote.createdAt,
  });
}

/** The caller as an evaluator: with the organization she represents at the call's table when she sits there. */
const asEvaluator = (member: Member, roll?: VoterRoll): Evaluator =>
  roll?.voters.find((v) => v.userId === member.userId) ?? { userId: member.userId, name: member.name, organizationId: member.organizationId };

/**
 * The vote as a PB election: the eligible proposals at their requests, the call's amount, every ballot.
 * An approval a member gave before she became recused (ties declared since) counts for nothing.
 */
async function election(deps: Deps, t: string, callId: string, vote: PbVote): Promise<{ e: PbElection; titles: Map<string, string> }> {
  const [call, proposals, ballots, table] = await Promise.all([
    getCallById(deps.db, t, callId),
    eligible(deps, t, callId),
    queryAll<PbBallot>(deps.db, keys.pbBallotsOfCall(t, callId)),
    voters(deps, t, callId, vote),
  ]);
  const recused = new Set((await approvalRecusals(deps, t, callId, vote, proposals, table)).map((r) => recusalKey(r.userId, r.proposalId)));
  const index = new Map(proposals.map((p, i) => [p.id, i]));
  const all = [
    ...ballots.map((b) => ({ id: b.userId, approved: b.approved.filter((p) => !recused.has(recusalKey(b.userId, p))) })),
    ...vote.imported.map((approved, i) => ({ id: `import-${i + 1}`, approved })),
  ];
  const e: PbElection = {
    meta: { description: call.title, unit: call.id, vote_type: 'approval', currency: 'CAD' },
    voteType: 'approval',
    budget: BigInt(call.amountAvailable),
    decimals: 2,
    projects: proposals.map((p) => ({ id: p.id, cost: BigInt(p.requested), name: p.title, fields: {} })),
    ballots: all.map((b) => b.approved.map((id) => index.get(id)).filter((i): i is number => i !== undefined)),
    voterIds: all.map((b) => b.id),
  };
  return { e, titles: new Map(proposals.map((p) => [p.id, p.title])) };
}

export const pbVoteRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/t/:tenantId/calls/:callId/pb-vote',
      allow('call:read'),
      responds({ 200: pbVoteViewSchema }, { summary: { fr: 'Lire le vote d’approbation et mon bulletin', en: 'Read the approval vote and my ballot' } }),
      async (c) => {
        const member = c.get('member');
        const callId = c.req.param('callId');
        const runs = member.permissions.has('scoring:manage');
        if (!runs && !member.permissions.has('round:vote')) throw new NotFoundError({ fr: 'Le vote d’approbation', en: 'The approval vote' });
        const [vote, proposals, mine] = await Promise.all([
          getVote(deps.db, member.tenantId, callId),
          eligible(deps, member.tenantId, callId),
          getItem<PbBallot>(deps.db, keys.pbBallot(member.tenantId, callId, member.userId)),
        ]);
        // The caller's own recusals lock those proposals on her ballot, with the reason.
        const roll = vote && member.permissions.has('round:vote') ? await callRoll(deps, member.tenantId, callId) : null;
        const mineRecused = vote && roll ? await approvalRecusals(deps, member.tenantId, callId, vote, proposals, [asEvaluator(member, roll)]) : [];
        const reasonOf = new Map(mineRecused.map((r) => [r.proposalId, r.reason]));
        // Those who run the vote follow it: how many ballots, who has not voted yet, refused attempts.
        let progress: { ballots: number; notVoted: { userId: string; name: string }[]; refusedAttempts: PbVoteEvent[] } | null = null;
        if (runs && vote) {
          const [ballots, table, attempts] = await Promise.all([
            queryAll<PbBallot>(deps.db, keys.pbBallotsOfCall(member.tenantId, callId)),
            voters(deps, member.tenantId, callId, vote),
            queryAll<PbVoteEvent>(deps.db, keys.pbVoteLog(member.tenantId, callId)),
          ]);
          progress = {
            ballots: ballots.length + vote.imported.length,
            notVoted: whoHasNotVoted(table, ballots),
            refusedAttempts: attempts,
          };
        }
        return c.json({
          vote: vote ? pbVoteForViewer(vote, runs) : null,
          acceptingBallots: vote !== null && isAccepting(vote, deps.now()),
          resultsVisible: vote !== null && ballotsVisible(vote, runs),
          proposals: proposals.map((p) => ({
            id: p.id,
            title: p.title,
            organizationName: p.organizationName,
            requested: p.requested,
            recusal: reasonOf.has(p.id) ? { reason: reasonOf.get(p.id)! } : null,
          })),
          myBallot: mine,
          ballots: progress?.ballots ?? null,
          notVoted: progress?.notVoted ?? null,
          refusedAttempts: progress?.refusedAttempts ?? null,
        });
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/pb-vote',
      allow('scoring:manage'),
      responds({ 201: pbVoteSchemaResponse }, { summary: { fr: 'Ouvrir le vote d’approbation', en: 'Open the approval vote' } }),
      jsonBody(openPbVoteSchema),
      async (c) => {
        const member = c.get('member');
        const callId = c.req.param('callId');
        const { closesAt } = c.req.valid('json');
        throwIfProblems(checkClosesLater('closesAt', closesAt, deps.now()));
        const vote: PbVote = { callId, status: 'open', closesAt: new Date(closesAt).toISOString(), imported: [], importedFiles: [], ...created(deps, member) };
        const event = callEvent(deps, member, callId, { kind: 'pb-vote-opened', after: { status: 'open', closesAt: vote.closesAt } });
        return c.json(await openPbVote(deps.db, member.tenantId, vote, event), 201);
      },
    )
    .put(
      '/t/:tenantId/calls/:callId/pb-vote/ballot',
      allow('round:vote'),
      responds({ 200: pbBallotSchemaResponse }, { summary: { fr: 'Voter (approuver des projets)', en: 'Vote (approve proposals)' } }),
      jsonBody(pbBallotSchema),
      async (c) => {
        const member = c.get('member');
        const callId = c.req.param('callId');
        const { version, approved } = c.req.valid('json');
        const now = deps.now();
        const vote = await getVote(deps.db, member.tenantId, callId);
        if (!vote) throw new NotFoundError({ fr: 'Le vote d’approbation', en: 'The approval vote' });
        if (!isAccepting(vote, now)) throw pbVoteClosedError(vote);
        // Only the call's table's voting members vote: an observer or a member of another table is refused, with the reason.
        const roll = await callRoll(deps, member.tenantId, callId);
        requireVoting(roll, member.userId, 'vote');
        const proposals = await eligible(deps, member.tenantId, callId);
        const known = new Set(proposals.map((p) => p.id));
        const seen = new Set<string>();
        const problems = approved.flatMap((id, i) => {
          if (!known.has(id)) return [ruleProblem(`approved.${i}`, 'unknown_proposal', { proposalId: id })];
          if (seen.has(id)) return [ruleProblem(`approved.${i}`, 'duplicate_value')];
          seen.add(id);
          return [];
        });
        if (problems.length) throw new ValidationError(problems);
        const recused = (await approvalRecusals(deps, member.tenantId, callId, vote, proposals, [asEvaluator(member, roll)])).filter((r) =>
          seen.has(r.proposalId),
        );
        if (recused.length > 0) {
          const at = now.toISOString();
          await Promise.all(
            recused.map((r) =>
              logPbVoteEvent(deps.db, member.tenantId, callId, {
                id: deps.newId(),
                at,
                kind: 'recused-attempt',
                userId: member.userId,
                userName: member.name,
                proposalId: r.proposalId,
              }),
            ),
          );
          const titles = recused.map((r) => `« ${proposals.find((p) => p.id === r.proposalId)?.title ?? r.proposalId} » (${r.reason})`).join(', ');
          throw new ForbiddenError({
            fr: `Vous êtes récusé·e pour ${titles} : vous ne pouvez pas l’appuyer. La tentative est consignée.`,
            en: `You are recused from ${titles}: you cannot approve it. The attempt is recorded.`,
          });
        }
        const ballot: PbBallot = { userId: member.userId, approved, submittedAt: now.toISOString(), version: version === null ? 1 : version + 1 };
        await castPbBallot(deps.db, member.tenantId, vote, ballot, version, now);
        return c.json(ballot);
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/pb-vote/close',
      allow('scoring:manage'),
      responds({ 200: pbVoteSchemaResponse }, { summary: { fr: 'Fermer le vote d’approbation', en: 'Close the approval vote' } }),
      jsonBody(closePbVoteSchema),
      async (c) => {
        const member = c.get('member');
        const callId = c.req.param('callId');
        const now = deps.now();
        const vote = await getVote(deps.db, member.tenantId, callId);
        if (!vote) throw new NotFoundError({ fr: 'Le vote d’approbation', en: 'The approval vote' });
        if (vote.status === 'closed') throw new InvalidStateError({ fr: 'Ce vote est déjà fermé.', en: 'This vote is already closed.' });
        // Closing before the planned end ends it now: no ballot is taken after.
        const closesAt = Date.parse(vote.closesAt) > now.getTime() ? now.toISOString() : vote.closesAt;
        // Who could vote is kept with the closed vote: the tally, recusals and "who has not voted" read it from then on.
        const roll = await callRoll(deps, member.tenantId, callId);
        const next: PbVote = { ...vote, status: 'closed', closesAt, closedAt: now.toISOString(), voters: roll.voters, ...updated(deps, member) };
        // Counts only: who approved what never enters the call's history.
        const event = callEvent(deps, member, callId, {
          kind: 'pb-vote-closed',
          before: { status: vote.status, closesAt: vote.closesAt },
          after: {
            status: 'closed',
            closesAt,
            voters: roll.voters.length,
            ballots: await countPbBallots(deps.db, member.tenantId, callId),
            importedBallots: vote.imported.length,
          },
        });
        return c.json(await closePbVote(deps.db, member.tenantId, next, c.req.valid('json').version, event));
      },
    )
    .get(
      '/t/:tenantId/calls/:callId/pb-vote/results',
      allow('call:read'),
      responds(
        { 200: pbResultSchema },
        { summary: { fr: 'Lire les résultats du vote (vorace ou parts égales)', en: 'Read the vote’s results (greedy or equal shares)' } },
      ),
      queryParams(pbResultsQuery),
      async (c) => {
        const member = c.get('member');
        const callId = c.req.param('callId');
        const q = c.req.valid('query');
        const runs = member.permissions.has('scoring:manage');
        if (!runs && !member.permissions.has('round:vote')) throw new NotFoundError({ fr: 'Le vote d’approbation', en: 'The approval vote' });
        const vote = await getVote(deps.db, member.tenantId, callId);
        if (!vote) throw new NotFoundError({ fr: 'Le vote d’approbation', en: 'The approval vote' });
        if (!ballotsVisible(vote, runs)) {
          throw new InvalidStateError({
            fr: 'Les résultats du vote seront visibles quand la coordination l’aura fermé.',
            en: 'The vote’s results will be visible once the coordinator has closed it.',
          });
        }
        const { e, titles } = await election(deps, member.tenantId, callId, vote);
        const approvals = e.projects.map((_, i) => e.ballots.filter((b) => b.includes(i)).length);
        const outcome = q.rule === 'greedy' ? pbGreedy(e, { utility: q.utility }) : pbMesCompleted(e, { utility: q.utility, completion: q.completion });
        // The explanation replays the MES run that gave the outcome, exactly, round by round.
        const explained = q.rule === 'mes' && outcome.perVoter ? pbMesExact(e, { utility: q.utility, perVoter: outcome.perVoter, explain: true }) : null;
        const result: PbResult = {
          rule: q.rule,
          completion: q.completion,
          utility: q.utility,
          voters: e.ballots.length,
          budget: Number(e.budget),
          selected: outcome.selected.map((i) => ({
            id: e.projects[i]!.id,
            title: titles.get(e.projects[i]!.id) ?? '',
            cost: Number(e.projects[i]!.cost),
            approvals: approvals[i]!,
          })),
          total: Number(outcome.cost),
          rounds: (explained?.rounds ?? []).map((r) => {
            const project = e.projects[r.project]!;
            // ρ·u in cents, rounded half up for display: u is the cost (cost utility) or 1 (approval utility).
            const scaled = BigInt(r.rho.n) * (q.utility === 'cost' ? project.cost : 1n);
            const d = BigInt(r.rho.d);
            const maxPayment = Number((2n * scaled + d) / (2n * d));
            return { id: project.id, title: titles.get(project.id) ?? '', rho: `${r.rho.n}/${r.rho.d}`, maxPayment, payers: r.payers, exhausted: r.exhausted };
          }),
        };
        return c.json(result);
      },
    )
    .get(
      '/t/:tenantId/calls/:callId/pb-vote/export.pb',
      allow('scoring:manage'),
      responds({ 200: { contentType: 'text/plain' } }, { summary: { fr: 'Exporter le vote au format .pb', en: 'Export the vote as .pb' } }),
      async (c) => {
        const member = c.get('member');
        const callId = c.req.param('callId');
        const vote = await getVote(deps.db, member.tenantId, callId);
        if (!vote) throw new NotFoundError({ fr: 'Le vote d’approbation', en: 'The approval vote' });
        const { e } = await election(deps, member.tenantId, callId, vote);
        // Voters are numbered, never named.
        const text = writePb({ ...e, voterIds: e.ballots.map((_, i) => String(i + 1)) });
        return c.body(text, 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Disposition': `attachment; filename="vote-${callId}.pb"` });
      },
    )
    .post(
      '/t/:tenantId/calls/:callId/pb-vote/import',
      allow('scoring:manage'),
      responds({ 200: pbVoteSchemaResponse }, { summary: { fr: 'Importer des bulletins .pb', en: 'Import .pb ballots' } }),
      jsonBody(pbImportSchema),
      async (c) => {
        const member = c.get('member');
        const callId = c.req.param('callId');
        const { version, fileName, text } = c.req.valid('json');
        const vote = await getVote(deps.db, member.tenantId, callId);
        if (!vote) throw new NotFoundError({ fr: 'Le vote d’approbation', en: 'The approval vote' });
        if (!isAccepting(vote, deps.now())) throw pbVoteClosedError(vote);
        let parsed: PbElection;
        try {
          parsed = parsePb(text);
        } catch (e) {
          if (!(e instanceof PbError)) throw e;
          throw new MalformedRequestError({
            fr: `Fichier .pb, ligne ${e.line} : attendu ${e.expected}.`,
            en: `.pb file, line ${e.line}: expected ${e.expected}.`,
          });
        }
        // Projects are matched by id: the file's project_id must be the proposal's id (as the export writes it).
        const known = new Set((await eligible(deps, member.tenantId, callId)).map((p) => p.id));
        const unknown = parsed.projects.filter((p) => !known.has(p.id)).map((p) => p.id);
        if (unknown.length)
          throw new MalformedRequestError({
            fr: `Projets inconnus de ce vote : ${unknown.join(', ')}.`,
            en: `Projects unknown to this vote: ${unknown.join(', ')}.`,
          });
        const ballots = parsed.ballots.map((b) => b.map((i) => parsed.projects[i]!.id));
        const next: PbVote = {
          ...vote,
          imported: [...vote.imported, ...ballots],
          importedFiles: [...vote.importedFiles, { fileName, voters: ballots.length, importedAt: deps.now().toISOString() }],
          ...updated(deps, member),
        };
        return c.json(await putVersioned(deps.db, keys.pbVote(member.tenantId, callId), 'PbVote', next, version));
      },
    );
