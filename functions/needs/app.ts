/**
 * Needs study and prioritization: the coordinator records and merges needs,
 * moderates the public consultation's answers into needs, opens
 * prioritization rounds; table members cast one ballot each until the round
 * closes; the result (Schulze with Borda beside it, points or approvals) is
 * kept with the round; the table retains needs and refers others.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { responds } from '../lib/contract';
import {
  answerReceivedSchema,
  ballotSchemaResponse,
  consultationAnswerResponse,
  needSchema,
  publicConsultationSchema,
  roundDetailSchema,
  roundViewSchema,
  studyDetailSchema,
  studySchema,
} from '../../shared/schemas/responses/needs';
import { page } from '../../shared/schemas/responses/common';
import { allow, allowPublic, type Member } from '../lib/auth';
import { created, jsonBody, queryParams, updated, type AppEnv, type Deps } from '../lib/app';
import { BusinessRuleError, ClosedError, InvalidStateError, MalformedRequestError, throwIfProblems, ValidationError } from '../../shared/errors';
import type { Ballot, ConsultationAnswer, Need, NeedsStudy, PrioritizationRound } from '../../shared/needs';
import { roundForViewer, whoHasNotVoted } from '../../shared/ballot-secrecy';
import { checkBallot, tallyRound, tiesCut } from '../../shared/prioritization';
import { parsePrefLib, PrefLibError, writePrefLib } from '../../shared/ranking/preflib';
import { pageQuery } from '../../shared/schemas/common';
import {
  ballotSchema,
  closeRoundSchema,
  consultationAnswerSchema,
  consultationSchema,
  createNeedSchema,
  createRoundSchema,
  createStudySchema,
  importPrefLibSchema,
  mergeNeedsSchema,
  moderateAnswerSchema,
  retentionSchema,
  updateNeedSchema,
  updateStudySchema,
} from '../../shared/schemas/needs';
import { ruleProblem } from '../../shared/validation';
import { checkClosesLater, isAccepting } from '../../shared/window';
import { getCallById } from '../calls';
import { notifyPeople } from '../identity';
import { getTableById, requireVoting, voterMemberships, voterRoll } from '../tables';
import {
  castBallot,
  createAnswer,
  createNeeds,
  createRound,
  createStudy,
  getAnswerById,
  getBallot,
  getNeedById,
  getRoundById,
  getStudyById,
  listAnswersOfStudy,
  listBallotsOfRound,
  listStudiesOfTenant,
  loadStudyCollection,
  moderateAnswer,
  replaceNeeds,
  replaceRound,
  replaceStudy,
  replaceStudyWithLink,
  resolveConsultationLink,
  roundClosedError,
  takeConsultationAllowance,
} from './repository';

/** Answers one consultation link accepts per minute. */
export const CONSULTATION_PER_MINUTE = 30;

/**
 * What a person sees of a round: imported ballots and results only once it is closed (or when they run it),
 * so nobody votes to the scoreboard.
 */
function roundView(round: PrioritizationRound, now: Date, member: Member) {
  return { ...roundForViewer(round, member.permissions.has('needs:write')), acceptingBallots: isAccepting(round, now) };
}

/**
 * Who votes in a round: the voting members of the study's table when the round opened (functions/tables),
 * read at the time of the act; a round from before tables has none, and every member of the tenant votes.
 */
const roundVoters = (deps: Deps, tenantId: string, round: PrioritizationRound) => voterRoll(deps, tenantId, round.tableId ?? null);

function assertStudyOpen(study: NeedsStudy) {
  if (study.status !== 'open')
    throw new ClosedError({
      fr: 'L’étude des besoins est fermée : ses besoins ne changent plus.',
      en: 'The needs study is closed: its needs no longer change.',
    });
}

export const needsRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    // ---- studies ----
    .get(
      '/t/:tenantId/studies',
      allow('needs:read'),
      responds({ 200: page(studySchema) }, { summary: { fr: 'Lister les études des besoins', en: 'List the needs studies' } }),
      async (c) => {
        return c.json({ items: await listStudiesOfTenant(deps.db, c.get('member').tenantId), cursor: null });
      },
    )
    .post(
      '/t/:tenantId/studies',
      allow('needs:write'),
      responds({ 201: studySchema }, { summary: { fr: 'Ouvrir une étude des besoins', en: 'Open a needs study' } }),
      jsonBody(createStudySchema),
      async (c) => {
        const member = c.get('member');
        const input = c.req.valid('json');
        if (input.callId) await getCallById(deps.db, member.tenantId, input.callId);
        if (input.tableId) await getTableById(deps.db, member.tenantId, input.tableId);
        const study: NeedsStudy = {
          id: deps.newId(),
          title: input.title,
          callId: input.callId,
          tableId: input.tableId ?? null,
          status: 'open',
          consultation: null,
          ...created(deps, member),
        };
        return c.json(await createStudy(deps.db, member.tenantId, study), 201);
      },
    )
    .get(
      '/t/:tenantId/studies/:studyId',
      allow('needs:read'),
      responds({ 200: studyDetailSchema }, { summary: { fr: 'Lire une étude, ses besoins et ses tours', en: 'Read a study, its needs and its rounds' } }),
      async (c) => {
        const member = c.get('member');
        const { study, needs, rounds } = await loadStudyCollection(deps.db, member.tenantId, c.req.param('studyId'));
        const now = deps.now();
        return c.json({
          study: member.permissions.has('needs:write')
            ? study
            : { ...study, consultation: study.consultation ? { open: study.consultation.open, token: null } : null },
          needs: needs.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
          rounds: rounds.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((r) => roundView(r, now, member)),
        });
      },
    )
    .put(
      '/t/:tenantId/studies/:studyId',
      allow('needs:write'),
      responds({ 200: studySchema }, { summary: { fr: 'Renommer, fermer ou rouvrir une étude', en: 'Rename, close or reopen a study' } }),
      jsonBody(updateStudySchema),
      async (c) => {
        const member = c.get('member');
        const { version, title, status, tableId: askedTable } = c.req.valid('json');
        const current = await getStudyById(deps.db, member.tenantId, c.req.param('studyId'));
        if (askedTable) await getTableById(deps.db, member.tenantId, askedTable);
        // A round keeps the table it opened with: naming another one changes the rounds opened from now on.
        const tableId = askedTable === undefined ? (current.tableId ?? null) : askedTable;
        // Closing the study also closes its public consultation.
        const consultation = status === 'closed' && current.consultation ? { ...current.consultation, open: false } : current.consultation;
        return c.json(await replaceStudy(deps.db, member.tenantId, { ...current, title, status, consultation, tableId, ...updated(deps, member) }, version));
      },
    )
    .put(
      '/t/:tenantId/studies/:studyId/consultation',
      allow('needs:write'),
      responds({ 200: studySchema }, { summary: { fr: 'Ouvrir ou fermer la consultation publique', en: 'Open or close the public consultation' } }),
      jsonBody(consultationSchema),
      async (c) => {
        const member = c.get('member');
        const { version, open } = c.req.valid('json');
        const current = await getStudyById(deps.db, member.tenantId, c.req.param('studyId'));
        if (open) assertStudyOpen(current);
        const linkIsNew = !current.consultation;
        const token = current.consultation?.token ?? randomBytes(18).toString('base64url');
        const next: NeedsStudy = { ...current, consultation: { token, open }, ...updated(deps, member) };
        return c.json(await replaceStudyWithLink(deps.db, member.tenantId, next, version, linkIsNew));
      },
    )
    // ---- needs ----
    .post(
      '/t/:tenantId/studies/:studyId/needs',
      allow('needs:write'),
      responds({ 201: needSchema }, { summary: { fr: 'Consigner un besoin', en: 'Record a need' } }),
      jsonBody(createNeedSchema),
      async (c) => {
        const member = c.get('member');
        const studyId = c.req.param('studyId');
        await getStudyById(deps.db, member.tenantId, studyId);
        const need: Need = { id: deps.newId(), studyId, ...c.req.valid('json'), status: 'active', mergedInto: null, ...created(deps, member) };
        await createNeeds(deps.db, member.tenantId, studyId, [need]);
        return c.json(need, 201);
      },
    )
    .put(
      '/t/:tenantId/studies/:studyId/needs/:needId',
      allow('needs:write'),
      responds({ 200: needSchema }, { summary: { fr: 'Modifier un besoin', en: 'Change a need' } }),
      jsonBody(updateNeedSchema),
      async (c) => {
        const member = c.get('member');
        const { version, ...fields } = c.req.valid('json');
        const studyId = c.req.param('studyId');
        const current = await getNeedById(deps.db, member.tenantId, studyId, c.req.param('needId'));
        if (current.status === 'merged')
          throw new InvalidStateError({
            fr: 'Ce besoin a été fusionné dans un autre : modifiez celui-là.',
            en: 'This need was merged into another: edit that one.',
          });
        const next: Need = { ...current, ...fields, ...updated(deps, member) };
        await replaceNeeds(deps.db, member.tenantId, studyId, [{ next, expectedVersion: version }]);
        return c.json({ ...next, version: version + 1 });
      },
    )
    .post(
      '/t/:tenantId/studies/:studyId/merge',
      allow('needs:write'),
      responds({ 200: needSchema }, { summary: { fr: 'Fusionner des besoins', en: 'Merge needs' } }),
      jsonBody(mergeNeedsSchema),
      async (c) => {
        const member = c.get('member');
        const studyId = c.req.param('studyId');
        const { into, from } = c.req.valid('json');
        const target = await getNeedById(deps.db, member.tenantId, studyId, into.id);
        const merged = await Promise.all(from.map((f) => getNeedById(deps.db, member.tenantId, studyId, f.id)));
        const gone = [target, ...merged].find((n) => n.status === 'merged');
        if (gone)
          throw new InvalidStateError(
            { fr: `Le besoin « ${gone.statement} » est déjà fusionné.`, en: `Need “${gone.statement}” is already merged.` },
            { needId: gone.id },
          );
        const stamp = updated(deps, member);
        // The merged need keeps every source, and the notes of each need it absorbs.
        const sources = [...new Set([target, ...merged].flatMap((n) => n.sources))];
        const notes = [target.notes, ...merged.map((n) => `${n.statement}${n.notes ? ` — ${n.notes}` : ''}`)].filter(Boolean).join('\n');
        const next: Need = { ...target, sources, notes: notes.slice(0, 2000), ...stamp };
        await replaceNeeds(deps.db, member.tenantId, studyId, [
          { next, expectedVersion: into.version },
          ...merged.map((n, i) => ({ next: { ...n, status: 'merged' as const, mergedInto: target.id, ...stamp }, expectedVersion: from[i]!.version })),
        ]);
        return c.json({ ...next, version: into.version + 1 });
      },
    )
    // ---- consultation answers (moderation) ----
    .get(
      '/t/:tenantId/studies/:studyId/answers',
      allow('needs:write'),
      responds({ 200: page(consultationAnswerResponse) }, { summary: { fr: 'Lister les réponses à la consultation', en: 'List the consultation’s answers' } }),
      queryParams(pageQuery),
      async (c) => {
        const member = c.get('member');
        await getStudyById(deps.db, member.tenantId, c.req.param('studyId'));
        return c.json(await listAnswersOfStudy(deps.db, member.tenantId, c.req.param('studyId'), c.req.valid('query')));
      },
    )
    .put(
      '/t/:tenantId/studies/:studyId/answers/:answerId',
      allow('needs:write'),
      responds({ 200: consultationAnswerResponse }, { summary: { fr: 'Modérer une réponse à la consultation', en: 'Moderate a consultation answer' } }),
      jsonBody(moderateAnswerSchema),
      async (c) => {
        const member = c.get('member');
        const studyId = c.req.param('studyId');
        const { version, decision, newNeeds } = c.req.valid('json');
        if (decision === 'dismissed' && newNeeds.length > 0) throw new ValidationError([ruleProblem('newNeeds', 'answer_empty')]);
        const current = await getAnswerById(deps.db, member.tenantId, studyId, c.req.param('answerId'));
        const needs: Need[] = newNeeds.map((n) => ({
          id: deps.newId(),
          studyId,
          statement: n.statement,
          category: n.category,
          sources: ['consultation'],
          notes: '',
          status: 'active',
          mergedInto: null,
          ...created(deps, member),
        }));
        const next: ConsultationAnswer = { ...current, moderation: decision, needIds: [...current.needIds, ...needs.map((n) => n.id)] };
        return c.json(await moderateAnswer(deps.db, member.tenantId, next, version, needs));
      },
    )
    // ---- prioritization rounds ----
    .post(
      '/t/:tenantId/studies/:studyId/rounds',
      allow('needs:write'),
      responds({ 201: roundViewSchema }, { summary: { fr: 'Ouvrir un tour de priorisation', en: 'Open a prioritization round' } }),
      jsonBody(createRoundSchema),
      async (c) => {
        const member = c.get('member');
        const input = c.req.valid('json');
        const now = deps.now();
        const { study, needs } = await loadStudyCollection(deps.db, member.tenantId, c.req.param('studyId'));
        const active = needs.filter((n) => n.status === 'active').sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
        if (active.length < 2)
          throw new BusinessRuleError({ fr: 'Il faut au moins deux besoins pour les prioriser.', en: 'At least two needs are required to prioritize them.' });
        throwIfProblems(checkClosesLater('closesAt', input.closesAt, now));
        const round: PrioritizationRound = {
          id: deps.newId(),
          studyId: c.req.param('studyId'),
          title: input.title,
          method: input.method,
          pointsBudget: input.method === 'points' ? input.pointsBudget : null,
          approvalMax: input.method === 'approval' ? input.approvalMax : null,
          needs: active.map((n) => ({ id: n.id, statement: n.statement, category: n.category })),
          status: 'open',
          closesAt: new Date(input.closesAt).toISOString(),
          closedAt: null,
          result: null,
          retention: null,
          tableId: study.tableId ?? null,
          ...created(deps, member),
        };
        const opened = await createRound(deps.db, member.tenantId, round);
        // Every voter of the round is told (unless they turned these off); a failed send changes nothing here.
        await notifyPeople(deps, member.tenantId, voterMemberships(deps, member.tenantId, opened.tableId), {
          kind: 'round-opened',
          studyId: study.id,
          roundId: round.id,
          studyTitle: study.title,
          closesAt: round.closesAt,
        });
        return c.json(roundView(opened, now, member), 201);
      },
    )
    .get(
      '/t/:tenantId/studies/:studyId/rounds/:roundId',
      allow('needs:read'),
      responds(
        { 200: roundDetailSchema },
        { summary: { fr: 'Lire un tour de priorisation et mon bulletin', en: 'Read a prioritization round and my ballot' } },
      ),
      async (c) => {
        const member = c.get('member');
        const round = await getRoundById(deps.db, member.tenantId, c.req.param('studyId'), c.req.param('roundId'));
        const runs = member.permissions.has('needs:write');
        // A closed round keeps who could vote then; an open one reads the table's voting members now.
        const snapshot = round.status === 'closed' ? round.voters : undefined;
        const [mine, ballots, table] = await Promise.all([
          getBallot(deps.db, member.tenantId, round.id, member.userId),
          runs ? listBallotsOfRound(deps.db, member.tenantId, round.id) : null,
          runs ? (snapshot ?? roundVoters(deps, member.tenantId, round).then((r) => r.voters)) : null,
        ]);
        // The coordinator follows the round: how many voted, and who has not yet (names, never what anyone chose).
        const notVoted = table ? whoHasNotVoted(table, ballots ?? []) : null;
        return c.json({ round: roundView(round, deps.now(), member), myBallot: mine, participants: ballots?.length ?? null, notVoted });
      },
    )
    .put(
      '/t/:tenantId/studies/:studyId/rounds/:roundId/ballot',
      allow('round:vote'),
      responds({ 200: ballotSchemaResponse }, { summary: { fr: 'Voter dans un tour de priorisation', en: 'Vote in a prioritization round' } }),
      jsonBody(ballotSchema),
      async (c) => {
        const member = c.get('member');
        const { version, ...input } = c.req.valid('json');
        const now = deps.now();
        const round = await getRoundById(deps.db, member.tenantId, c.req.param('studyId'), c.req.param('roundId'));
        if (!isAccepting(round, now)) throw roundClosedError(round);
        // Only the table's voting members vote: an observer or a member of another table is refused, with the reason.
        requireVoting(await roundVoters(deps, member.tenantId, round), member.userId, 'vote');
        const problems = checkBallot(round, input);
        if (problems.length > 0) throw new ValidationError(problems);
        const ballot: Ballot = {
          roundId: round.id,
          userId: member.userId,
          voterName: member.name,
          ranking: input.ranking ?? null,
          points: input.points ?? null,
          approved: input.approved ?? null,
          submittedAt: now.toISOString(),
          version: version ?? 1,
        };
        return c.json(await castBallot(deps.db, member.tenantId, round, ballot, version, now));
      },
    )
    .post(
      '/t/:tenantId/studies/:studyId/rounds/:roundId/close',
      allow('needs:write'),
      responds({ 200: roundViewSchema }, { summary: { fr: 'Fermer un tour et compter les bulletins', en: 'Close a round and count the ballots' } }),
      jsonBody(closeRoundSchema),
      async (c) => {
        const member = c.get('member');
        const { version } = c.req.valid('json');
        const now = deps.now();
        const round = await getRoundById(deps.db, member.tenantId, c.req.param('studyId'), c.req.param('roundId'));
        if (round.status === 'closed') throw new InvalidStateError({ fr: 'Ce tour est déjà fermé.', en: 'This round is already closed.' });
        const [ballots, roll] = await Promise.all([listBallotsOfRound(deps.db, member.tenantId, round.id), roundVoters(deps, member.tenantId, round)]);
        const all = [
          ...ballots,
          ...(round.importedBallots ?? []).flatMap((b) => Array.from({ length: b.count }, () => ({ ranking: b.tiers, points: null, approved: null }))),
        ];
        const result = tallyRound(round, all, roll.voters.length);
        // Who could vote is kept with the closed round: a later change of the table does not rewrite its result.
        const next: PrioritizationRound = { ...round, status: 'closed', closedAt: now.toISOString(), result, voters: roll.voters, ...updated(deps, member) };
        // Closing is conditioned on the version: a ballot cast meanwhile does not change it, but a concurrent close or import does.
        return c.json(roundView(await replaceRound(deps.db, member.tenantId, next, version), now, member));
      },
    )
    .put(
      '/t/:tenantId/studies/:studyId/rounds/:roundId/retention',
      allow('needs:write'),
      responds({ 200: roundViewSchema }, { summary: { fr: 'Retenir des besoins et en orienter d’autres', en: 'Retain needs and refer others' } }),
      jsonBody(retentionSchema),
      async (c) => {
        const member = c.get('member');
        const { version, retainedNeedIds, referrals, tieBreak } = c.req.valid('json');
        const round = await getRoundById(deps.db, member.tenantId, c.req.param('studyId'), c.req.param('roundId'));
        if (round.status !== 'closed' || !round.result)
          throw new InvalidStateError({ fr: 'Fermez le tour avant de retenir des besoins.', en: 'Close the round before retaining needs.' });
        const known = new Set(round.needs.map((n) => n.id));
        const problems = [
          ...retainedNeedIds.flatMap((id, i) => (known.has(id) ? [] : [ruleProblem(`retainedNeedIds.${i}`, 'unknown_need', { needId: id })])),
          ...referrals.flatMap((r, i) => (known.has(r.needId) ? [] : [ruleProblem(`referrals.${i}.needId`, 'unknown_need', { needId: r.needId })])),
        ];
        const cut = tiesCut(round.result.primary.order, retainedNeedIds);
        if (cut.length > 0 && tieBreak.trim() === '') {
          const statement = (id: string) => round.needs.find((n) => n.id === id)?.statement ?? id;
          // Tied needs are named in French alphabetical order: the tier's own order follows generated ids, which mean nothing to a reader.
          const named = (tier: string[]) =>
            tier
              .map(statement)
              .sort((a, b) => a.localeCompare(b, 'fr'))
              .join(' = ');
          problems.push(ruleProblem('tieBreak', 'tie_break_required', { tied: cut.map(named).join(' ; ') }));
        }
        if (problems.length > 0) throw new ValidationError(problems);
        const next: PrioritizationRound = {
          ...round,
          retention: { retainedNeedIds, referrals, tieBreak: tieBreak.trim() || null, decidedAt: deps.now().toISOString(), decidedBy: member.userId },
          ...updated(deps, member),
        };
        return c.json(roundView(await replaceRound(deps.db, member.tenantId, next, version), deps.now(), member));
      },
    )
    // ---- PrefLib export and import ----
    .get(
      '/t/:tenantId/studies/:studyId/rounds/:roundId/preflib',
      allow('needs:write'),
      responds({ 200: { contentType: 'text/plain' } }, { summary: { fr: 'Exporter les bulletins au format PrefLib', en: 'Export the ballots as PrefLib' } }),
      async (c) => {
        const member = c.get('member');
        const round = await getRoundById(deps.db, member.tenantId, c.req.param('studyId'), c.req.param('roundId'));
        if (round.method !== 'ranking')
          throw new InvalidStateError({ fr: 'Seuls les tours par classement s’exportent en PrefLib.', en: 'Only ranking rounds export to PrefLib.' });
        const ballots = await listBallotsOfRound(deps.db, member.tenantId, round.id);
        const all = [...ballots.map((b) => ({ count: 1, tiers: b.ranking ?? [] })), ...(round.importedBallots ?? [])].filter((b) => b.tiers.length > 0);
        if (all.length === 0)
          throw new InvalidStateError({ fr: 'Ce tour n’a encore aucun bulletin à exporter.', en: 'This round has no ballot to export yet.' });
        const text = writePrefLib({
          fileName: `tour-${round.id}`,
          title: round.title,
          alternatives: round.needs.map((n) => ({ id: n.id, name: n.statement })),
          ballots: all,
          date: deps.now().toISOString().slice(0, 10),
        });
        const type = text.match(/^# DATA TYPE: (\w+)/m)![1];
        return c.body(text, 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Disposition': `attachment; filename="tour-${round.id}.${type}"` });
      },
    )
    .post(
      '/t/:tenantId/studies/:studyId/rounds/:roundId/preflib',
      allow('needs:write'),
      responds({ 200: roundViewSchema }, { summary: { fr: 'Importer des bulletins PrefLib', en: 'Import PrefLib ballots' } }),
      jsonBody(importPrefLibSchema),
      async (c) => {
        const member = c.get('member');
        const { version, fileName, text } = c.req.valid('json');
        const now = deps.now();
        const round = await getRoundById(deps.db, member.tenantId, c.req.param('studyId'), c.req.param('roundId'));
        if (round.method !== 'ranking')
          throw new InvalidStateError({ fr: 'Seuls les tours par classement acceptent un fichier PrefLib.', en: 'Only ranking rounds accept a PrefLib file.' });
        if (!isAccepting(round, now)) throw roundClosedError(round);
        const ext = /\.(soc|soi|toc|toi)$/i.exec(fileName)?.[1]?.toLowerCase() as 'soc' | 'soi' | 'toc' | 'toi' | undefined;
        let parsed: ReturnType<typeof parsePrefLib>;
        try {
          parsed = parsePrefLib(text, ext);
        } catch (e) {
          if (!(e instanceof PrefLibError)) throw e;
          throw new MalformedRequestError({
            fr: `Fichier PrefLib, ligne ${e.line} : attendu ${e.expected.fr}.`,
            en: `PrefLib file, line ${e.line}: expected ${e.expected.en}.`,
          });
        }
        if (parsed.alternatives.length !== round.needs.length) {
          throw new BusinessRuleError({
            fr: `Le fichier compte ${parsed.alternatives.length} options, le tour ${round.needs.length} besoins : numérotez les besoins dans l’ordre du tour (1 = « ${round.needs[0]!.statement} »).`,
            en: `The file has ${parsed.alternatives.length} alternatives, the round ${round.needs.length} needs: number the needs in the round's order (1 = “${round.needs[0]!.statement}”).`,
          });
        }
        // PrefLib numbers are the round's needs in order.
        const imported = parsed.ballots.map((b) => ({ count: b.count, tiers: b.tiers.map((t) => t.map((n) => round.needs[Number(n) - 1]!.id)) }));
        const next: PrioritizationRound = {
          ...round,
          importedBallots: [...(round.importedBallots ?? []), ...imported],
          importedFiles: [...(round.importedFiles ?? []), { fileName, voters: parsed.voters, importedAt: now.toISOString(), importedBy: member.userId }],
          ...updated(deps, member),
        };
        return c.json(roundView(await replaceRound(deps.db, member.tenantId, next, version), now, member));
      },
    )
    // ---- the public consultation (no account) ----
    .get(
      '/public/consultations/:token',
      allowPublic(),
      responds(
        { 200: publicConsultationSchema },
        { summary: { fr: 'Lire une consultation publique (sans compte)', en: 'Read a public consultation (no account)' } },
      ),
      async (c) => {
        const link = await resolveConsultationLink(deps.db, c.req.param('token'));
        const { study, needs } = await loadStudyCollection(deps.db, link.tenantId, link.studyId);
        return c.json({
          title: study.title,
          open: study.status === 'open' && study.consultation?.open === true,
          needs: needs.filter((n) => n.status === 'active').map((n) => ({ id: n.id, statement: n.statement, category: n.category })),
        });
      },
    )
    .post(
      '/public/consultations/:token/answers',
      allowPublic(),
      responds(
        { 201: answerReceivedSchema },
        { summary: { fr: 'Répondre à une consultation publique (sans compte)', en: 'Answer a public consultation (no account)' } },
      ),
      jsonBody(consultationAnswerSchema),
      async (c) => {
        const token = c.req.param('token');
        const input = c.req.valid('json');
        const now = deps.now();
        const link = await resolveConsultationLink(deps.db, token);
        const { study, needs } = await loadStudyCollection(deps.db, link.tenantId, link.studyId);
        if (study.status !== 'open' || !study.consultation?.open)
          throw new ClosedError({
            fr: 'Cette consultation est terminée. Merci de votre intérêt!',
            en: 'This consultation has ended. Thank you for your interest!',
          });
        const listed = new Set(needs.filter((n) => n.status === 'active').map((n) => n.id));
        const unknown = input.preferredNeedIds.flatMap((id, i) =>
          listed.has(id) ? [] : [ruleProblem(`preferredNeedIds.${i}`, 'unknown_need', { needId: id })],
        );
        if (unknown.length > 0) throw new ValidationError(unknown);
        await takeConsultationAllowance(deps.db, token, now, CONSULTATION_PER_MINUTE);
        // No name, no contact, no address: only what the person wrote and chose, and when.
        const answer: ConsultationAnswer = {
          id: deps.newId(),
          studyId: study.id,
          proposedNeeds: input.proposedNeeds,
          preferredNeedIds: input.preferredNeedIds,
          receivedAt: now.toISOString(),
          moderation: 'pending',
          needIds: [],
          version: 1,
        };
        await createAnswer(deps.db, link.tenantId, answer);
        return c.json({ received: true }, 201);
      },
    );

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type NeedsApi = ReturnType<typeof needsRoutes>;
