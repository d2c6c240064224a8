/**
 * An envelope's book: its totals (one GetItem of the envelope, whatever the number of agreements),
 * its movements page by page, and the carry-over of its unspent balance to the next fiscal year's
 * envelope of the same program (CLSC 1's deferred year), both sides and their movements in ONE
 * transaction.
 */
import { fiscalYearLabel, type LedgerMovement, type LedgerTotals } from '../../shared/agreements';
import { ledgerOf, type Envelope, type Page } from '../../shared/domain';
import { AlreadyExistsError, BusinessRuleError, type AppError, type Localized } from '../../shared/errors';
import { formatMoney } from '../../shared/money';
import { onField } from '../../shared/payments';
import { queryAll, queryPage, transact, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { carryOverPieces, ensureLedger, getEnvelopeById, movementPut } from '../envelopes';
import { NotFoundError } from '../../shared/errors';
import type { Actor, WriteContext } from './payments';

export async function movementsPage(
  db: Db,
  t: string,
  envelopeId: string,
  page: { cursor?: string | undefined; limit?: number | undefined },
): Promise<Page<LedgerMovement>> {
  return queryPage<LedgerMovement>(db, { ...keys.ledgerMovements(t, envelopeId), limit: page.limit ?? 50, cursor: page.cursor, forward: false });
}

/** Every movement of an envelope, oldest first (the CSV, the tests' sum). */
export async function allMovements(db: Db, t: string, envelopeId: string): Promise<LedgerMovement[]> {
  return queryAll<LedgerMovement>(db, { ...keys.ledgerMovements(t, envelopeId), consistent: true }, 1_000_000);
}

const refusals = {
  missing: (): Localized => ({
    fr: 'L’enveloppe de destination n’existe pas : ouvrez d’abord l’enveloppe de l’exercice suivant pour ce programme.',
    en: 'The destination envelope does not exist: first open the next fiscal year’s envelope for this program.',
  }),
  notNext: (from: Envelope, to: Envelope): Localized => ({
    fr: `Le report va à l’enveloppe de l’exercice suivant (${fiscalYearLabel(from.fiscalYear + 1)}) du même programme (« ${from.program} ») ; « ${to.title} » est de l’exercice ${fiscalYearLabel(to.fiscalYear)}, programme « ${to.program} ».`,
    en: `A carry-over goes to the next fiscal year’s envelope (${fiscalYearLabel(from.fiscalYear + 1)}) of the same program (“${from.program}”); “${to.title}” is of fiscal year ${fiscalYearLabel(to.fiscalYear)}, program “${to.program}”.`,
  }),
  tooMuch: (cents: number, remaining: number): Localized => ({
    fr: `On ne peut reporter ${formatMoney(cents, 'fr')} : il ne reste que ${formatMoney(remaining, 'fr')} ni engagé par une entente ni promis à un appel.`,
    en: `${formatMoney(cents, 'en')} cannot be carried over: only ${formatMoney(remaining, 'en')} is neither committed by an agreement nor promised to a call.`,
  }),
  already: (side: 'out' | 'in'): Localized =>
    side === 'out'
      ? {
          fr: 'Le solde de cette enveloppe a déjà été reporté : un seul report par enveloppe.',
          en: 'This envelope’s balance was already carried over: one carry-over per envelope.',
        }
      : { fr: 'L’enveloppe de destination a déjà reçu un report.', en: 'The destination envelope already received a carry-over.' },
};

/** What a carry-over may take: neither committed by agreements nor promised to calls. */
const carriable = (e: Pick<Envelope, 'remaining' | 'ledgerRemaining' | 'computation' | 'ledgerCommitted' | 'ledgerPaid'>) =>
  Math.max(0, Math.min(e.remaining, ledgerOf(e).remaining));

/**
 * Carries `cents` of `from`'s unspent balance to `toEnvelopeId` (the next fiscal year's envelope of
 * the same program, else 422 naming why), with its reason: one transaction moves both envelopes'
 * figures (conditioned on what remains uncommitted here, and on neither having carried before) and
 * puts one movement on each.
 */
export async function carryOver(
  db: Db,
  t: string,
  from: Envelope,
  input: { toEnvelopeId: string; cents: number; reason: string },
  actor: Actor,
  ctx: WriteContext,
): Promise<{ from: LedgerTotals; to: LedgerTotals; movements: LedgerMovement[] }> {
  const to = await getEnvelopeById(db, t, input.toEnvelopeId).catch((e: unknown) => {
    if (e instanceof NotFoundError) throw new BusinessRuleError(refusals.missing(), { field: 'toEnvelopeId' });
    throw e;
  });
  if (to.id === from.id || to.fiscalYear !== from.fiscalYear + 1 || to.program !== from.program)
    throw new BusinessRuleError(refusals.notNext(from, to), onField('toEnvelopeId', 'not-next', refusals.notNext(from, to)));
  if (from.carriedOut) throw new AlreadyExistsError(refusals.already('out'));
  if (to.carriedIn) throw new AlreadyExistsError(refusals.already('in'));
  const can = carriable(from);
  if (input.cents > can)
    throw new BusinessRuleError(
      refusals.tooMuch(input.cents, can),
      onField('cents', 'above-carriable', refusals.tooMuch(input.cents, can), { remaining: can }),
    );
  await Promise.all([ensureLedger(db, t, from), ensureLedger(db, t, to)]);
  const at = ctx.now.toISOString();
  const base = {
    at,
    by: actor.userId,
    byName: actor.name,
    agreementId: null,
    organizationName: null,
    committed: 0,
    paid: 0,
    reference: null,
    reason: input.reason,
  };
  const out: LedgerMovement = { ...base, id: ctx.newId(), envelopeId: from.id, fiscalYear: from.fiscalYear, kind: 'carry-out', available: -input.cents };
  const into: LedgerMovement = { ...base, id: ctx.newId(), envelopeId: to.id, fiscalYear: to.fiscalYear, kind: 'carry-in', available: input.cents };
  const [outPiece, inPiece] = carryOverPieces(db, t, from, to, input.cents, { reason: input.reason, at, by: actor.userId });
  await transact(
    db,
    [outPiece, inPiece, movementPut(db, t, out), movementPut(db, t, into)],
    (reasons): AppError => {
      const [a, b] = reasons;
      if (a?.code === 'ConditionalCheckFailed') {
        if (a.item?.carriedOut) return new AlreadyExistsError(refusals.already('out'));
        const remaining = Math.max(0, Math.min(Number(a.item?.ledgerRemaining ?? 0), Number(a.item?.remaining ?? 0)));
        return new BusinessRuleError(
          refusals.tooMuch(input.cents, remaining),
          onField('cents', 'above-carriable', refusals.tooMuch(input.cents, remaining), { remaining }),
        );
      }
      if (b?.code === 'ConditionalCheckFailed' && b.item?.carriedIn) return new AlreadyExistsError(refusals.already('in'));
      return new BusinessRuleError(refusals.missing(), { field: 'toEnvelopeId' });
    },
    { onRetry: ctx.onRetry },
  );
  const [fromNow, toNow] = await Promise.all([getEnvelopeById(db, t, from.id), getEnvelopeById(db, t, to.id)]);
  return { from: ledgerOf(fromNow), to: ledgerOf(toNow), movements: [out, into] };
}
