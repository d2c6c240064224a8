/**
 * What the results of a call's scoring are made of, shared by the scoring
 * routes and the budget-fitting scenarios (which take the aggregated scores).
 */
import { scoreResults, type AggregationRule, type Score } from '../../shared/scoring/aggregate';
import { CONSENSUS, decodeLedgerEntry, needsScore, type ScoringGrid, type ScoringResults } from '../../shared/scoring/domain';
import { recusalKey, recusalsFor } from '../../shared/scoring/recusal';
import type { Deps } from '../lib/app';
import { getCallById } from '../calls';
import { voterRoll } from '../tables';
import { listEligibleRows } from '../proposals';
import { getGrid, listConflicts, listDeclaredRecusals, listLedgers, requireGrid } from './repository';

/** Everything the scoring of a call depends on, read once per request (the grid too, unless already read). */
export async function scoringContext(deps: Deps, tenantId: string, callId: string, knownGrid?: ScoringGrid) {
  const reading = getCallById(deps.db, tenantId, callId);
  const [call, grid, rows, roll, conflicts, declared] = await Promise.all([
    reading,
    knownGrid ?? requireGrid(deps.db, tenantId, callId),
    listEligibleRows(deps.db, tenantId, callId),
    reading.then((call) => voterRoll(deps, tenantId, call.tableId ?? null)),
    listConflicts(deps.db, tenantId),
    listDeclaredRecusals(deps.db, tenantId, callId),
  ]);
  // Only eligible proposals are evaluated.
  const proposals = rows.sort((a, b) => a.title.localeCompare(b.title, 'fr'));
  // The evaluators: the voting members of the call's table now; once scoring closed, those it closed with.
  const evaluators = grid.status === 'closed' && grid.evaluators ? grid.evaluators : roll.voters;
  const recusals = recusalsFor({
    evaluators,
    conflicts,
    declared,
    proposals,
    openedAt: grid.openedAt ?? grid.updatedAt,
    firstOpenedAt: grid.firstOpenedAt ?? grid.openedAt,
  });
  const recused = new Set(recusals.map((r) => recusalKey(r.userId, r.proposalId)));
  const everyone = evaluators.map((e) => e.userId);
  const assigned = (proposalId: string): readonly string[] => (grid.assignments ? (grid.assignments[proposalId] ?? []) : everyone);
  return { call, grid, proposals, evaluators, roll, conflicts, recusals, recused, assigned };
}

export type ScoringContext = Awaited<ReturnType<typeof scoringContext>>;

/**
 * Where a member stands on a proposal of a call as an evaluator: `evaluates`
 * when the proposal is eligible, the call has a grid and the member is
 * assigned to it and not recused; `recused` when assigned but recused; null
 * otherwise (not an evaluator of this proposal, or no scoring on the call).
 */
export async function evaluatorStanding(
  deps: Deps,
  tenantId: string,
  callId: string,
  proposalId: string,
  userId: string,
): Promise<'evaluates' | 'recused' | null> {
  const grid = await getGrid(deps.db, tenantId, callId);
  if (!grid) return null;
  const ctx = await scoringContext(deps, tenantId, callId, grid);
  if (!ctx.proposals.some((p) => p.id === proposalId) || !ctx.assigned(proposalId).includes(userId)) return null;
  return ctx.recused.has(recusalKey(userId, proposalId)) ? 'recused' : 'evaluates';
}

function computeResults(ctx: ScoringContext, ledgers: Awaited<ReturnType<typeof listLedgers>>, rule: AggregationRule, normalize: boolean): ScoringResults {
  const { grid, call, proposals } = ctx;
  const eligible = new Map(proposals.map((p) => [p.id, p]));
  const callNeeds = (call.needs ?? []).map((n) => n.id);
  const linked = grid.criteria.filter((c) => c.linkedToNeeds);
  const consensus = grid.mode === 'consensus';
  const scores: Score[] = [];
  const decoded = ledgers.map((l) => ({
    evaluatorId: l.evaluatorId,
    sheets: new Map(Object.entries(l.sheets).map(([p, text]) => [p, decodeLedgerEntry(text)])),
  }));
  for (const ledger of decoded) {
    if (consensus !== (ledger.evaluatorId === CONSENSUS)) continue;
    for (const [proposalId, sheet] of ledger.sheets) {
      const p = eligible.get(proposalId);
      // Only submitted sheets on the current grid version, by an assigned evaluator (the consensus sheet stands for the table).
      if (!p || sheet.st !== 'submitted' || sheet.gv !== grid.gridVersion) continue;
      if (!consensus && !ctx.assigned(proposalId).includes(ledger.evaluatorId)) continue;
      for (const [criterionId, value] of Object.entries(sheet.v)) scores.push({ evaluatorId: ledger.evaluatorId, proposalId, criterionId, value });
      for (const c of linked)
        scores.push({ evaluatorId: ledger.evaluatorId, proposalId, criterionId: c.id, value: needsScore(callNeeds, p.needIds ?? [], c.scale) });
    }
  }
  const result = scoreResults({
    grid: grid.criteria,
    scores,
    recused: ctx.recused,
    proposalIds: proposals.map((p) => p.id),
    rule,
    normalize,
    disagreementThreshold: grid.disagreementThreshold,
  });
  const names = new Map(ledgers.map((l) => [l.evaluatorId, l.evaluatorName]));
  const evaluators = consensus
    ? [{ id: CONSENSUS, name: 'Consensus de la table' }]
    : ctx.evaluators.map((e) => ({ id: e.userId, name: names.get(e.userId) ?? e.name }));
  const progress = evaluators.map((e) => {
    const ledger = decoded.find((l) => l.evaluatorId === e.id);
    const mine = proposals.filter((p) => (consensus || ctx.assigned(p.id).includes(e.id)) && !ctx.recused.has(recusalKey(e.id, p.id)));
    const done = (id: string) => {
      const entry = ledger?.sheets.get(id);
      return entry?.st === 'submitted' && entry.gv === grid.gridVersion;
    };
    return { evaluatorId: e.id, assigned: mine.length, submitted: mine.filter((p) => done(p.id)).length };
  });
  return {
    grid,
    result,
    proposals: proposals.map((p) => ({ id: p.id, title: p.title, organizationName: p.organizationName, requested: p.requested })),
    evaluators,
    progress,
    recusals: ctx.recusals,
  };
}

/** The call's results, by its grid's own rule and normalization unless the reader asks for another (the results' query). */
export async function callResults(
  deps: Deps,
  tenantId: string,
  callId: string,
  asked: { rule?: AggregationRule | undefined; normalize?: 'true' | 'false' | undefined } = {},
): Promise<{ ctx: ScoringContext; results: ScoringResults }> {
  const ctx = await scoringContext(deps, tenantId, callId);
  const ledgers = await listLedgers(deps.db, tenantId, ctx.call.id);
  const normalize = asked.normalize ? asked.normalize === 'true' : ctx.grid.normalize;
  return { ctx, results: computeResults(ctx, ledgers, asked.rule ?? ctx.grid.rule, normalize) };
}
