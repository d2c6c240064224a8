/**
 * The agreement's side of the money transactions: each piece goes INTO THE SAME TransactWriteItems
 * as the envelope's piece (functions/envelopes/ledger.ts) and the ledger movement, so an agreement's
 * figures and the envelope's totals never disagree.
 *
 * - The institution's signature (the second one) freezes the terms, keeps them as `original`, and
 *   sets what remains to pay (and, for periodic billing, to claim) per fiscal year; each year is
 *   committed in that year's envelope, conditioned on what remains there.
 * - A payment lowers `toPay.<fy>`, conditioned on `toPay.<fy> >= :cents` and the agreement signed:
 *   nothing pays above the agreement or before signature, whatever was read before.
 * - A claim lowers `toClaim.<fy>` on the same terms (periodic billing only); a refusal gives it back.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  overEnvelopeRefusal,
  overPromisedRefusal,
  type Agreement,
  type AgreementTerms,
  type AgreementYear,
  type LedgerMovement,
  type Signature,
} from '../../shared/agreements';
import { BusinessRuleError, type AppError } from '../../shared/errors';
import type { Db } from '../lib/db';
import { keys } from '../lib/keys';
import { commitPiece, movementPut } from '../envelopes';

/** What remains to pay, and to claim, per fiscal year, from signed terms. */
export function openBalances(terms: Pick<AgreementTerms, 'years' | 'schedule'>): { toPay: Record<string, number>; toClaim: Record<string, number> } {
  const toPay = Object.fromEntries(terms.years.map((y) => [String(y.fiscalYear), y.cents]));
  return { toPay, toClaim: terms.schedule.kind === 'periodic' ? { ...toPay } : {} };
}

/**
 * The institution's signature on an agreement the organization signed, at `expectedVersion`: the
 * agreement update, one commitment per fiscal year in its envelope, and one movement each. The caller
 * runs them with `transact`; a cancellation on an envelope (index ≥ 1, odd) means that year's envelope
 * holds less than its amount.
 */
export function institutionSignaturePieces(
  db: Db,
  t: string,
  a: Agreement,
  expectedVersion: number,
  signature: Signature,
  newId: () => string,
): TransactWriteItem[] {
  const terms: AgreementTerms = { period: a.period, years: a.years, amount: a.amount, schedule: a.schedule, obligations: a.obligations, clauses: a.clauses };
  const { toPay, toClaim } = openBalances(a);
  const update: TransactWriteItem = {
    Update: {
      TableName: db.table,
      Key: marshall(keys.agreement(t, a.id)),
      UpdateExpression:
        'SET #status = :signed, #signatures.#institution = :signature, #original = :original, #toPay = :toPay, #toClaim = :toClaim, #version = :next, #updatedAt = :at, #updatedBy = :by',
      ConditionExpression: '#status = :orgSigned AND #version = :expected',
      ExpressionAttributeNames: {
        '#status': 'status',
        '#signatures': 'signatures',
        '#institution': 'institution',
        '#original': 'original',
        '#toPay': 'toPay',
        '#toClaim': 'toClaim',
        '#version': 'version',
        '#updatedAt': 'updatedAt',
        '#updatedBy': 'updatedBy',
      },
      ExpressionAttributeValues: marshall(
        {
          ':signed': 'signed',
          ':orgSigned': 'signed-by-organization',
          ':signature': signature,
          ':original': terms,
          ':toPay': toPay,
          ':toClaim': toClaim,
          ':expected': expectedVersion,
          ':next': expectedVersion + 1,
          ':at': signature.at,
          ':by': signature.userId,
        },
        { removeUndefinedValues: true },
      ),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
  const pieces: TransactWriteItem[] = [update];
  for (const y of a.years) {
    if (y.cents === 0 || y.envelopeId === null) continue; // a draft without its envelope is never sent, so never signed
    pieces.push(commitPiece(db, t, y.envelopeId, y.cents, !promisedByItsCall(a, y)));
    const movement: LedgerMovement = {
      id: newId(),
      envelopeId: y.envelopeId,
      fiscalYear: y.fiscalYear,
      kind: 'commitment',
      at: signature.at,
      by: signature.userId,
      byName: signature.name,
      agreementId: a.id,
      organizationName: a.organization.name,
      committed: y.cents,
      paid: 0,
      available: 0,
      reference: null,
      reason: null,
    };
    pieces.push(movementPut(db, t, movement));
  }
  return pieces;
}

/**
 * Whether a year of an agreement was promised by its call: the first year of an agreement generated from a
 * call's decision (its call's envelope promised it). A renewal's years, and a multi-year agreement's later
 * years, were promised by no call of their envelope: their commitment also takes from what that envelope's
 * calls may promise.
 */
export function promisedByItsCall(a: Pick<Agreement, 'renewalOf' | 'years'>, y: Pick<AgreementYear, 'fiscalYear'>): boolean {
  return a.renewalOf === null && y.fiscalYear === a.years[0]?.fiscalYear;
}

/**
 * The refusal of a commitment an envelope's condition stopped, from the envelope as found (ALL_OLD): beyond what
 * remains to commit there, or (money no call promised) beyond what its calls leave to promise.
 */
export function envelopeRefusal(y: Pick<AgreementYear, 'fiscalYear' | 'envelopeId'>, cents: number, found: Record<string, unknown> | undefined): AppError {
  const ledgerRemaining = Number(found?.ledgerRemaining ?? 0);
  if (ledgerRemaining < cents)
    return new BusinessRuleError(overEnvelopeRefusal(y.fiscalYear, cents, ledgerRemaining), {
      fiscalYear: y.fiscalYear,
      envelopeId: y.envelopeId,
      remaining: ledgerRemaining,
    });
  const promisable = Number(found?.remaining ?? 0);
  return new BusinessRuleError(overPromisedRefusal(y.fiscalYear, cents, promisable), {
    fiscalYear: y.fiscalYear,
    envelopeId: y.envelopeId,
    remaining: promisable,
  });
}

/** The agreement's part of a payment of `cents` from fiscal year `fy`. */
export function payPiece(db: Db, t: string, agreementId: string, fy: number, cents: number): TransactWriteItem {
  return {
    Update: {
      TableName: db.table,
      Key: marshall(keys.agreement(t, agreementId)),
      UpdateExpression: 'SET #toPay.#fy = #toPay.#fy - :cents, #paid = #paid + :cents',
      ConditionExpression: '#status = :signed AND #toPay.#fy >= :cents',
      ExpressionAttributeNames: { '#toPay': 'toPay', '#fy': String(fy), '#paid': 'paid', '#status': 'status' },
      ExpressionAttributeValues: marshall({ ':cents': cents, ':signed': 'signed' }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** The agreement's part of a claim of `cents` in fiscal year `fy` (negative: a refused claim gives its amount back). */
export function claimPiece(db: Db, t: string, agreementId: string, fy: number, cents: number): TransactWriteItem {
  return {
    Update: {
      TableName: db.table,
      Key: marshall(keys.agreement(t, agreementId)),
      UpdateExpression: 'SET #toClaim.#fy = #toClaim.#fy - :cents',
      ConditionExpression: cents > 0 ? '#status = :signed AND #toClaim.#fy >= :cents' : 'attribute_exists(#toClaim.#fy)',
      // DynamoDB refuses a name the expressions do not use: the status only conditions a claim, not a refusal's give-back.
      ExpressionAttributeNames: cents > 0 ? { '#toClaim': 'toClaim', '#fy': String(fy), '#status': 'status' } : { '#toClaim': 'toClaim', '#fy': String(fy) },
      ExpressionAttributeValues: marshall(cents > 0 ? { ':cents': cents, ':signed': 'signed' } : { ':cents': cents }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}
