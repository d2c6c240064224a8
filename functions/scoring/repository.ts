/**
 * The call's scoring: its grid (in the call's collection), grid templates,
 * members' conflict declarations, declared recusals, score sheets with an
 * evaluator ledger beside them, and a log of refused attempts.
 *
 * Saving a sheet is one transaction: a ConditionCheck that scoring is open
 * on this grid version and before its closing time (the deadline is the
 * server's), the sheet at its version, and the sheet's values written into
 * the evaluator's ledger at the proposal's path. Thirty evaluators saving at
 * once touch thirty different ledgers.
 */
import { ConditionalCheckFailedException, PutItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { AlreadyExistsError, ClosedError, InvalidStateError, NotFoundError, VersionConflictError } from '../../shared/errors';
import { scoringOpeningBlock, scoringOpeningBlockText } from '../../shared/scoring/opening';
import { formatDateTime, windowPhase } from '../../shared/dates';
import {
  encodeLedgerEntry,
  type ConflictDeclaration,
  type GridTemplate,
  type Ledger,
  type Recusal,
  type ScoreSheet,
  type ScoringGrid,
} from '../../shared/scoring/domain';
import {
  getItem,
  newOrVersionedPut,
  putNew,
  putNewOrVersioned,
  putVersioned,
  queryAll,
  toItem,
  transactInWindow,
  translateDbError,
  versionedPut,
  type Db,
  type WindowCondition,
} from '../lib/db';
import { keys } from '../lib/keys';
import { callEventPut, putVersionedWithEvent } from '../lib/call-history';
import type { CallEvent } from '../../shared/call-history';

export async function getGrid(db: Db, t: string, callId: string): Promise<ScoringGrid | null> {
  return getItem<ScoringGrid>(db, keys.grid(t, callId), true);
}

export async function requireGrid(db: Db, t: string, callId: string): Promise<ScoringGrid> {
  const grid = await getGrid(db, t, callId);
  if (!grid) throw new NotFoundError({ fr: 'La grille d’évaluation de cet appel', en: 'This call’s scoring grid' });
  return grid;
}

export async function createGrid(db: Db, t: string, grid: ScoringGrid): Promise<ScoringGrid> {
  await putNew(db, keys.grid(t, grid.callId), 'ScoringGrid', grid, () => new VersionConflictError(1));
  return grid;
}

/**
 * Opens scoring: the grid at its version, on condition that the call has
 * closed (published, `closesAt <= now`), checked by DynamoDB in the same
 * transaction. A closed call never reopens, so no submission can change a
 * proposal once its scoring has started.
 */
export async function openGridAfterCallClosed(
  db: Db,
  t: string,
  grid: ScoringGrid,
  expectedVersion: number,
  now: Date,
  event: CallEvent,
): Promise<ScoringGrid> {
  const callClosed: WindowCondition = {
    key: keys.call(t, grid.callId),
    status: 'published',
    phase: 'closed',
    refusal: (call) => scoringNotYetError(call as { status: string; opensAt: string; closesAt: string }, now),
    missing: { fr: 'L’appel de projets', en: 'The call for projects' },
  };
  const items = [versionedPut(db, keys.grid(t, grid.callId), 'ScoringGrid', grid, expectedVersion), callEventPut(db, t, event)];
  await transactInWindow(db, callClosed, now, items, ([found]) => {
    const g = found?.item as ScoringGrid | undefined;
    return new VersionConflictError(g?.version, g);
  });
  return { ...grid, version: expectedVersion + 1 };
}

/** The refusal to open scoring on a call that is not closed, in the words the web app also shows beside the button. */
export function scoringNotYetError(call: { status: string; opensAt: string; closesAt: string }, now: Date): InvalidStateError {
  const block = scoringOpeningBlock(call, windowPhase(call.opensAt, call.closesAt, now)) ?? { reason: 'call-not-closed' as const, closesAt: call.closesAt };
  return new InvalidStateError(scoringOpeningBlockText(block), { reason: block.reason, callClosesAt: call.closesAt });
}

/** Replaces the grid at its version; a change of its state (reopened, closed) brings its history event, written in the same transaction. */
export async function replaceGrid(db: Db, t: string, grid: ScoringGrid, expectedVersion: number, event?: CallEvent): Promise<ScoringGrid> {
  if (event) return putVersionedWithEvent(db, t, keys.grid(t, grid.callId), 'ScoringGrid', grid, expectedVersion, event);
  return putVersioned(db, keys.grid(t, grid.callId), 'ScoringGrid', grid, expectedVersion);
}

export async function listTemplates(db: Db, t: string): Promise<GridTemplate[]> {
  return queryAll<GridTemplate>(db, keys.gridTemplates(t));
}

export async function createTemplate(db: Db, t: string, template: GridTemplate): Promise<GridTemplate> {
  await putNew(
    db,
    keys.gridTemplate(t, template.id),
    'GridTemplate',
    template,
    () => new AlreadyExistsError({ fr: 'Ce modèle existe déjà.', en: 'This template already exists.' }),
  );
  return template;
}

export async function getConflicts(db: Db, t: string, userId: string): Promise<ConflictDeclaration | null> {
  return getItem<ConflictDeclaration>(db, keys.conflicts(t, userId));
}

export async function listConflicts(db: Db, t: string): Promise<ConflictDeclaration[]> {
  return queryAll<ConflictDeclaration>(db, keys.conflictsOfTenant(t));
}

export async function saveConflicts(db: Db, t: string, next: ConflictDeclaration, expectedVersion: number | null): Promise<ConflictDeclaration> {
  return putNewOrVersioned(db, keys.conflicts(t, next.userId), 'ConflictDeclaration', next, expectedVersion);
}

export async function declareRecusal(db: Db, t: string, callId: string, recusal: Recusal): Promise<Recusal> {
  await putNew(
    db,
    keys.recusal(t, callId, recusal.proposalId, recusal.userId),
    'Recusal',
    recusal,
    () => new AlreadyExistsError({ fr: 'Vous vous êtes déjà retiré·e de ce projet.', en: 'You already withdrew from this proposal.' }),
  );
  return recusal;
}

export async function listDeclaredRecusals(db: Db, t: string, callId: string): Promise<Recusal[]> {
  return queryAll<Recusal>(db, keys.recusalsOfCall(t, callId));
}

export async function getSheet(db: Db, t: string, callId: string, proposalId: string, evaluatorId: string): Promise<ScoreSheet | null> {
  return getItem<ScoreSheet>(db, keys.sheet(t, callId, proposalId, evaluatorId), true);
}

/** One evaluator's values on a call (the tasks count the sheets still to submit from it). */
export async function getLedger(db: Db, t: string, callId: string, evaluatorId: string): Promise<Ledger | null> {
  return getItem<Ledger>(db, keys.ledger(t, callId, evaluatorId), true);
}

export async function listLedgers(db: Db, t: string, callId: string): Promise<Ledger[]> {
  return queryAll<Ledger>(db, keys.ledgersOfCall(t, callId));
}

export function scoringClosedError(grid: Pick<ScoringGrid, 'closesAt' | 'status'>): ClosedError {
  if (grid.status === 'open' && grid.closesAt) {
    return new ClosedError(
      {
        fr: `L’évaluation a pris fin le ${formatDateTime(grid.closesAt, 'fr')} (heure de Montréal) : les notes ne changent plus.`,
        en: `Scoring ended on ${formatDateTime(grid.closesAt, 'en')} (Montreal time): scores no longer change.`,
      },
      { closesAt: grid.closesAt },
    );
  }
  return new ClosedError({ fr: 'L’évaluation n’est pas ouverte pour cet appel.', en: 'Scoring is not open for this call.' }, { status: grid.status });
}

/** Creates the evaluator's ledger if it is not there yet (a write that may find it already made). */
async function ensureLedger(db: Db, t: string, callId: string, evaluatorId: string, evaluatorName: string): Promise<void> {
  try {
    await db.client.send(
      new PutItemCommand({
        TableName: db.table,
        Item: toItem(keys.ledger(t, callId, evaluatorId), 'Ledger', { evaluatorId, evaluatorName, sheets: {} } satisfies Ledger),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return;
    translateDbError(e);
  }
}

/** Saves a sheet while scoring is open on this grid version, and its values into the evaluator's ledger, at once. */
export async function saveSheet(
  db: Db,
  t: string,
  callId: string,
  grid: ScoringGrid,
  sheet: ScoreSheet,
  expectedVersion: number | null,
  now: Date,
): Promise<ScoreSheet> {
  await ensureLedger(db, t, callId, sheet.evaluatorId, sheet.evaluatorName);
  const lk = keys.ledger(t, callId, sheet.evaluatorId);
  const next = { ...sheet, version: expectedVersion === null ? 1 : expectedVersion + 1 };
  const values = Object.fromEntries(Object.entries(sheet.scores).map(([c, s]) => [c, s.value]));
  const scoringOpen: WindowCondition = {
    key: keys.grid(t, callId),
    status: 'open',
    // A sheet scores the grid's version it was written on: a grid reopened meanwhile refuses it.
    and: { expression: 'gridVersion = :gv', values: { ':gv': grid.gridVersion } },
    refusal: (found) => scoringClosedError(found as unknown as ScoringGrid),
    missing: { fr: 'La grille d’évaluation', en: 'The scoring grid' },
  };
  const items: TransactWriteItem[] = [
    newOrVersionedPut(db, keys.sheet(t, callId, sheet.proposalId, sheet.evaluatorId), 'ScoreSheet', sheet, expectedVersion),
    {
      Update: {
        TableName: db.table,
        Key: marshall({ pk: lk.pk, sk: lk.sk }),
        UpdateExpression: 'SET sheets.#p = :entry',
        ExpressionAttributeNames: { '#p': sheet.proposalId },
        ExpressionAttributeValues: marshall({ ':entry': encodeLedgerEntry({ gv: sheet.gridVersion, v: values, st: sheet.status }) }),
      },
    },
  ];
  await transactInWindow(db, scoringOpen, now, items, ([s]) => {
    const found = s?.item as ScoreSheet | undefined;
    return new VersionConflictError(found?.version, found);
  });
  return next;
}

/** Records a refused attempt (e.g. a recused member trying to score), for the minutes. */
export async function logScoringEvent(
  db: Db,
  t: string,
  callId: string,
  event: { id: string; at: string; kind: 'recused-attempt'; userId: string; userName: string; proposalId: string },
): Promise<void> {
  await putNew(db, keys.scoringEvent(t, callId, event.at, event.id), 'ScoringEvent', event, () => new AlreadyExistsError({ fr: '', en: '' }));
}

export async function listScoringEvents(db: Db, t: string, callId: string) {
  return queryAll<{ id: string; at: string; kind: string; userId: string; userName: string; proposalId: string }>(db, keys.scoringLog(t, callId));
}
