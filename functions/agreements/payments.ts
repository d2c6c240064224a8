/**
 * The money's writes, as plain functions (the routes call them, and so does bench/ledger, without
 * HTTP): a payment against the schedule, a claim submitted, approved (the payment recorded with it)
 * or refused. Each is ONE TransactWriteItems: the agreement's piece (functions/agreements/money.ts),
 * the envelope's (functions/envelopes/ledger.ts), the ledger movement and the item itself, so the
 * agreement's figures, the envelope's totals and the movements never disagree. Every limit (what
 * remains to pay, to claim) is a condition of that transaction, never a read before it: the reads
 * here only give the refusal its words.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { claimPeriods, type Agreement, type Claim, type ClaimAttempt, type LedgerMovement, type Payment } from '../../shared/agreements';
import { instantToMontrealLocal } from '../../shared/dates';
import { AlreadyExistsError, BusinessRuleError, InvalidStateError, NotFoundError, VersionConflictError, type AppError } from '../../shared/errors';
import { claimFiscalYear, installmentStatuses, moneyRefusals, onField, paidOnProblem } from '../../shared/payments';
import type { RecordPaymentInput, SubmitClaimInput } from '../../shared/schemas/money';
import { getItem, newPut, queryAll, toItem, transact, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { movementPut, paymentPiece } from '../envelopes';
import { claimPiece, payPiece } from './money';

/** Who acts, as the ledger names them. */
export interface Actor {
  userId: string;
  name: string;
}

/** The clock and the ids of a write (the routes' deps; the benchmark's own). */
export interface WriteContext {
  now: Date;
  newId: () => string;
  /** Called at each retry after a collision with another transaction (the benchmark counts them). */
  onRetry?: ((attempt: number) => void) | undefined;
}

type Reasons = { code: string | undefined; item: Record<string, unknown> | undefined }[];

const failed = (r: Reasons[number] | undefined) => r?.code === 'ConditionalCheckFailed';
const todayOf = (now: Date) => instantToMontrealLocal(now).slice(0, 10);

const claimNotFound = () => new NotFoundError({ fr: 'La réclamation', en: 'The claim' });

export async function listPayments(db: Db, t: string, agreementId: string): Promise<Payment[]> {
  return queryAll<Payment>(db, { ...keys.paymentsOfAgreement(t, agreementId), consistent: true });
}

export async function listClaims(db: Db, t: string, agreementId: string): Promise<Claim[]> {
  return queryAll<Claim>(db, { ...keys.claimsOfAgreement(t, agreementId), consistent: true });
}

async function findClaim(db: Db, t: string, agreementId: string, claimId: string): Promise<Claim | null> {
  return getItem<Claim>(db, keys.claim(t, agreementId, claimId), true);
}

function envelopeOfYear(a: Agreement, fiscalYear: number): string {
  const envelopeId = a.years.find((y) => y.fiscalYear === fiscalYear)?.envelopeId;
  // A signed agreement has an envelope for each of its years (a draft without one is never sent).
  if (!envelopeId)
    throw new InvalidStateError({
      fr: `L’entente n’a pas d’enveloppe pour l’exercice ${fiscalYear}.`,
      en: `The agreement has no envelope for fiscal year ${fiscalYear}.`,
    });
  return envelopeId;
}

function assertSigned(a: Pick<Agreement, 'status'>): void {
  if (a.status !== 'signed') throw new InvalidStateError(moneyRefusals.notSigned(a.status), { reason: 'not-signed', status: a.status });
}

/** A payment is dated from the institution's signature (Montreal date) to today, inside the agreement's period or not. */
function assertPaidOn(a: Pick<Agreement, 'signatures'>, paidOn: string, now: Date): void {
  const p = paidOnProblem(paidOn, a.signatures.institution?.at, now);
  if (p) throw new BusinessRuleError(p.message, onField(p.path, p.code, p.message));
}

/** The refusal when the agreement's piece of a payment failed: not signed (409), or above what remains that year (422, naming it). */
function payRefusal(found: Record<string, unknown> | undefined, fiscalYear: number, cents: number): AppError {
  if (!found) return new NotFoundError({ fr: 'L’entente', en: 'The agreement' });
  if (found.status !== 'signed') return new InvalidStateError(moneyRefusals.notSigned(String(found.status)), { reason: 'not-signed', status: found.status });
  const remaining = Number((found.toPay as Record<string, number> | undefined)?.[String(fiscalYear)] ?? 0);
  const message = moneyRefusals.aboveAgreement(fiscalYear, cents, remaining);
  return new BusinessRuleError(message, onField('cents', 'above-agreement', message, { remaining, fiscalYear }));
}

/** The pieces every payment shares: the payment item, the agreement's, the envelope's and the movement. */
function paymentPieces(db: Db, t: string, a: Agreement, p: Payment): TransactWriteItem[] {
  const movement: LedgerMovement = {
    id: p.id,
    envelopeId: p.envelopeId,
    fiscalYear: p.fiscalYear,
    kind: 'payment',
    at: p.at,
    by: p.by,
    byName: p.byName,
    agreementId: a.id,
    organizationName: a.organization.name,
    committed: 0,
    paid: p.cents,
    available: 0,
    reference: p.reference,
    reason: null,
  };
  return [
    payPiece(db, t, a.id, p.fiscalYear, p.cents),
    paymentPiece(db, t, p.envelopeId, p.cents),
    movementPut(db, t, movement),
    newPut(db, keys.payment(t, a.id, p.at, p.id), 'Payment', p),
  ];
}

/**
 * Records a payment against installment `input.installment` of a signed agreement (single payment
 * or installments; periodic billing pays through claims). Refused, nothing stored: before signature
 * (409), above the installment's remaining or the year's (422, naming it, on `cents`), a date in
 * the future or before the institution's signature (422, on `paidOn`; the period does not matter).
 */
export async function recordPayment(db: Db, t: string, a: Agreement, input: RecordPaymentInput, actor: Actor, ctx: WriteContext): Promise<Payment> {
  assertSigned(a);
  if (a.schedule.kind === 'periodic')
    throw new BusinessRuleError(moneyRefusals.periodic(), onField('installment', 'periodic', moneyRefusals.periodic(), { reason: 'periodic' }));
  const statuses = installmentStatuses(a, await listPayments(db, t, a.id));
  const installment = statuses[input.installment];
  if (!installment) {
    const message = moneyRefusals.noInstallment(input.installment, statuses.length);
    throw new BusinessRuleError(message, onField('installment', 'no-installment', message, { count: statuses.length }));
  }
  assertPaidOn(a, input.paidOn, ctx.now);
  if (input.cents > installment.remaining) {
    const message = moneyRefusals.aboveInstallment(input.installment, input.cents, installment.remaining);
    throw new BusinessRuleError(message, onField('cents', 'above-installment', message, { remaining: installment.remaining }));
  }
  const payment: Payment = {
    id: ctx.newId(),
    agreementId: a.id,
    envelopeId: envelopeOfYear(a, installment.fiscalYear),
    fiscalYear: installment.fiscalYear,
    cents: input.cents,
    paidOn: input.paidOn,
    reference: input.reference,
    installment: input.installment,
    claimId: null,
    at: ctx.now.toISOString(),
    by: actor.userId,
    byName: actor.name,
  };
  await transact(
    db,
    paymentPieces(db, t, a, payment),
    (reasons) => {
      if (failed(reasons[0])) return payRefusal(reasons[0]?.item, payment.fiscalYear, payment.cents);
      return new InvalidStateError({ fr: 'Le grand livre de l’enveloppe n’est pas ouvert.', en: 'The envelope’s ledger is not open.' });
    },
    { onRetry: ctx.onRetry },
  );
  return payment;
}

/**
 * The put of a claim attempt: a first attempt is created conditionally (no claim for the period yet);
 * a new attempt after a refusal replaces the refused claim at its version, so two attempts racing for
 * the same period cannot both pass, and a claim submitted or approved meanwhile is never replaced.
 */
function claimAttemptPut(db: Db, t: string, claim: Claim, replaces: Claim | null): TransactWriteItem {
  const item = toItem({ ...keys.claim(t, claim.agreementId, claim.id), ...keys.pendingClaimIndex(t, claim.agreementId, claim.id) }, 'Claim', {
    ...claim,
    row: claim,
  });
  if (!replaces)
    return { Put: { TableName: db.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } };
  return {
    Put: {
      TableName: db.table,
      Item: item,
      ConditionExpression: '#status = :refused AND #version = :expected',
      ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
      ExpressionAttributeValues: marshall({ ':refused': 'refused', ':expected': replaces.version }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** A refused claim, as the earlier attempt its replacement keeps. */
function attemptOf(c: Claim): ClaimAttempt {
  const d = c.decision;
  return {
    cents: c.cents,
    note: c.note,
    submittedAt: c.createdAt,
    submittedBy: c.createdBy,
    decision: { at: d?.at ?? c.updatedAt, by: d?.by ?? c.updatedBy, byName: d?.byName ?? '', reason: d?.reason ?? '' },
  };
}

/**
 * An organization's claim for one billing period of its periodic agreement: the claim item (in the
 * managers' sparse queue) and the agreement's `toClaim.<fy>` lowered, conditioned on what may still
 * be claimed, in one transaction. One claim per period: its id is the period's first day. A refused
 * claim may be submitted again: the new attempt replaces it (conditioned on it still being refused,
 * at its version), keeping each refused attempt, its amount, note and reason, in `previous`; a claim
 * submitted or approved for the period refuses another (409).
 */
export async function submitClaim(db: Db, t: string, a: Agreement, input: SubmitClaimInput, actor: Actor, ctx: WriteContext): Promise<Claim> {
  if (a.schedule.kind !== 'periodic') throw new BusinessRuleError(moneyRefusals.claimOnSchedule(), { reason: 'not-periodic' });
  assertSigned(a);
  const { every } = a.schedule;
  if (!claimPeriods(a.period, every).some((p) => p.start === input.period.start && p.end === input.period.end))
    throw new BusinessRuleError(moneyRefusals.claimPeriod(), onField('period', 'not-a-period', moneyRefusals.claimPeriod()));
  if (input.period.start > todayOf(ctx.now)) {
    const message = moneyRefusals.claimNotStarted(input.period.start);
    throw new BusinessRuleError(message, onField('period', 'not-started', message));
  }
  const existing = await findClaim(db, t, a.id, input.period.start);
  if (existing && existing.status !== 'refused')
    throw new AlreadyExistsError(moneyRefusals.claimExists(input.period, existing.status), { field: 'period', status: existing.status });
  const fiscalYear = claimFiscalYear(input.period);
  const at = ctx.now.toISOString();
  const claim: Claim = {
    id: input.period.start,
    agreementId: a.id,
    organizationId: a.organization.id,
    organizationName: a.organization.name,
    agreementTitle: a.object.title,
    period: input.period,
    fiscalYear,
    cents: input.cents,
    note: input.note,
    status: 'submitted',
    decision: null,
    ...(existing ? { previous: [...(existing.previous ?? []), attemptOf(existing)] } : {}),
    version: existing ? existing.version + 1 : 1,
    // Each attempt is created anew (the first one's submission stays in `previous`).
    createdAt: at,
    createdBy: actor.userId,
    updatedAt: at,
    updatedBy: actor.userId,
  };
  await transact(
    db,
    [claimAttemptPut(db, t, claim, existing), claimPiece(db, t, a.id, fiscalYear, input.cents)],
    (reasons) => {
      if (failed(reasons[0])) {
        const found = reasons[0]?.item;
        // Another attempt or a decision got there first: a claim waiting or approved is the period's.
        if (found && found.status !== 'refused')
          return new AlreadyExistsError(moneyRefusals.claimExists(input.period, String(found.status)), { field: 'period', status: found.status });
        return new VersionConflictError(found ? Number(found.version) : undefined);
      }
      const found = reasons[1]?.item;
      if (found && found.status !== 'signed') return new InvalidStateError(moneyRefusals.notSigned(String(found.status)), { reason: 'not-signed' });
      const remaining = Number((found?.toClaim as Record<string, number> | undefined)?.[String(fiscalYear)] ?? 0);
      const message = moneyRefusals.aboveClaimable(fiscalYear, input.cents, remaining);
      return new BusinessRuleError(message, onField('cents', 'above-claimable', message, { remaining, fiscalYear }));
    },
    { onRetry: ctx.onRetry },
  );
  return claim;
}

/** The claim's decision, leaving the managers' queue (its sparse index keys removed), at `expectedVersion`. */
function decideClaimPiece(
  db: Db,
  t: string,
  c: Claim,
  expectedVersion: number,
  status: 'approved' | 'refused',
  decision: NonNullable<Claim['decision']>,
): TransactWriteItem {
  return {
    Update: {
      TableName: db.table,
      Key: marshall(keys.claim(t, c.agreementId, c.id)),
      UpdateExpression: 'SET #status = :status, #decision = :decision, #version = :next, #updatedAt = :at, #updatedBy = :by REMOVE gsi2pk, gsi2sk, #row',
      ConditionExpression: '#status = :submitted AND #version = :expected',
      ExpressionAttributeNames: {
        '#status': 'status',
        '#decision': 'decision',
        '#version': 'version',
        '#updatedAt': 'updatedAt',
        '#updatedBy': 'updatedBy',
        '#row': 'row',
      },
      ExpressionAttributeValues: marshall({
        ':status': status,
        ':decision': decision,
        ':submitted': 'submitted',
        ':expected': expectedVersion,
        ':next': expectedVersion + 1,
        ':at': decision.at,
        ':by': decision.by,
      }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

function decidedRefusal(found: Record<string, unknown> | undefined): AppError {
  if (!found) return claimNotFound();
  if (found.status !== 'submitted') return new InvalidStateError(moneyRefusals.claimDecided(String(found.status)), { status: found.status });
  return new VersionConflictError(Number(found.version), found);
}

async function claimToDecide(db: Db, t: string, a: Agreement, claimId: string): Promise<Claim> {
  const claim = await findClaim(db, t, a.id, claimId);
  if (!claim) throw claimNotFound();
  if (claim.status !== 'submitted') throw new InvalidStateError(moneyRefusals.claimDecided(claim.status), { status: claim.status });
  return claim;
}

/**
 * Approves a submitted claim and records its payment, in ONE transaction: the claim decided (out of
 * the queue), the agreement's `toPay.<fy>` lowered, the envelope's paid raised, the movement and the
 * payment item.
 */
export async function approveClaim(
  db: Db,
  t: string,
  a: Agreement,
  claimId: string,
  input: { version: number; paidOn: string; reference: string },
  actor: Actor,
  ctx: WriteContext,
): Promise<{ claim: Claim; payment: Payment }> {
  assertSigned(a);
  const claim = await claimToDecide(db, t, a, claimId);
  assertPaidOn(a, input.paidOn, ctx.now);
  const at = ctx.now.toISOString();
  const payment: Payment = {
    id: ctx.newId(),
    agreementId: a.id,
    envelopeId: envelopeOfYear(a, claim.fiscalYear),
    fiscalYear: claim.fiscalYear,
    cents: claim.cents,
    paidOn: input.paidOn,
    reference: input.reference,
    installment: null,
    claimId: claim.id,
    at,
    by: actor.userId,
    byName: actor.name,
  };
  const decision = { at, by: actor.userId, byName: actor.name, reason: '', paymentId: payment.id };
  await transact(
    db,
    [decideClaimPiece(db, t, claim, input.version, 'approved', decision), ...paymentPieces(db, t, a, payment)],
    (reasons) => {
      if (failed(reasons[0])) return decidedRefusal(reasons[0]?.item);
      if (failed(reasons[1])) return payRefusal(reasons[1]?.item, payment.fiscalYear, payment.cents);
      return new InvalidStateError({ fr: 'Le grand livre de l’enveloppe n’est pas ouvert.', en: 'The envelope’s ledger is not open.' });
    },
    { onRetry: ctx.onRetry },
  );
  return {
    claim: { ...claim, status: 'approved', decision, version: input.version + 1, updatedAt: at, updatedBy: actor.userId },
    payment,
  };
}

/** Refuses a submitted claim with its reason: its amount may be claimed again that year (`toClaim.<fy>` given back), in one transaction. */
export async function refuseClaim(
  db: Db,
  t: string,
  a: Agreement,
  claimId: string,
  input: { version: number; reason: string },
  actor: Actor,
  ctx: WriteContext,
): Promise<Claim> {
  const claim = await claimToDecide(db, t, a, claimId);
  const at = ctx.now.toISOString();
  const decision = { at, by: actor.userId, byName: actor.name, reason: input.reason, paymentId: null };
  await transact(
    db,
    [decideClaimPiece(db, t, claim, input.version, 'refused', decision), claimPiece(db, t, a.id, claim.fiscalYear, -claim.cents)],
    (reasons) => {
      if (failed(reasons[0])) return decidedRefusal(reasons[0]?.item);
      return new InvalidStateError({ fr: 'L’entente n’a rien à réclamer pour cet exercice.', en: 'The agreement has nothing to claim for this fiscal year.' });
    },
    { onRetry: ctx.onRetry },
  );
  return { ...claim, status: 'refused', decision, version: input.version + 1, updatedAt: at, updatedBy: actor.userId };
}
