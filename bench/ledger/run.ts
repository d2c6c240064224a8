/**
 * bench/ledger — one envelope's ledger under many writers (issue 14). Against DynamoDB Local, one tenant and
 * one envelope (stored as before the ledger existed, so the first signatures go through `ensureLedger`):
 *
 * 1. writes BENCH_AGREEMENTS (2,000) agreements signed by their organization, straight from the `Agreement`
 *    shape with `agreementKeys` (amounts with odd cents; every other one paid by 12 installments, the others
 *    billed monthly);
 * 2. SIGNS them as the institution, each as the route does: the envelope read, `ensureLedger`, then
 *    `institutionSignaturePieces` in one `transact` (the agreement, the commitment on the envelope, its
 *    movement);
 * 3. records BENCH_PAYMENTS (12) payments per agreement, each in one `transact`: `payPiece` (the agreement),
 *    `paymentPiece` (the envelope), `movementPut` (the ledger line) and the payment item;
 *
 * BENCH_WRITERS (50) concurrent async workers at a time, all on the ONE envelope item. Prints, asserting
 * nothing, for signatures and payments apart: count, wall time, throughput, p50/p95/p99 latency (a `transact`
 * with its retries), the transactions tried again after a TransactionConflict and those that failed after
 * all attempts; then whether the envelope's totals (one GetItem) equal the sum of its movements (Query all)
 * and of the agreements' amounts and payments ("0 lost updates"); then the median time over BENCH_READS (20)
 * reads of the ledger (one GetItem) and of its first page of movements (Query, 50).
 *
 * Sizes: env BENCH_AGREEMENTS / BENCH_PAYMENTS / BENCH_WRITERS / BENCH_READS, or the same after `--`:
 * `npm run bench:ledger -- --agreements=200`. DynamoDB Local is not DynamoDB, and the machine is shared:
 * compare figures within one run, read ranges over runs.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { agreementKeys, institutionSignaturePieces, payPiece } from '../../functions/agreements';
import { ensureLedger, getEnvelopeById, movementPut, paymentPiece } from '../../functions/envelopes';
import { createDynamoClient, type Db, newPut, putNew, queryAll, queryPage, transact, transactStats } from '../../functions/lib/db';
import { newId } from '../../functions/lib/ids';
import { keys } from '../../functions/lib/keys';
import { startDynamoLocal } from '../../functions/local/dynamo-local';
import { ensureTable } from '../../functions/local/table';
import type { Agreement, LedgerMovement, Payment, Schedule } from '../../shared/agreements';
import { totalsOfMovements } from '../../shared/agreements';
import { computeEnvelope } from '../../shared/envelope';
import { InvalidStateError } from '../../shared/errors';
import { formatMoney } from '../../shared/money';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const size = (name: string, env: string, fallback: number) => {
  const n = Number(arg(name) ?? process.env[env] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} / ${env}: a whole number ≥ 1, not ${arg(name) ?? process.env[env]}`);
  return n;
};
const AGREEMENTS = size('agreements', 'BENCH_AGREEMENTS', 2000);
const PAYMENTS = size('payments', 'BENCH_PAYMENTS', 12);
const WRITERS = size('writers', 'BENCH_WRITERS', 50);
const READS = size('reads', 'BENCH_READS', 20);

const T = 'bench-ledger';
const ENVELOPE = 'env-bench-2026';
const FY = 2026;
const PERIOD = { start: '2026-04-01', end: '2027-03-31' };
const MANAGER = { userId: 'bench-manager', name: 'Gestionnaire du banc d’essai', title: 'Directrice', at: '' };

// ── The load ────────────────────────────────────────────────────────────────

/** An odd number of cents between 1,000.01 $ and about 3,000 $, different for each agreement. */
const amountOf = (i: number) => 100_001 + ((i * 7919) % 100_000) * 2;

/** 12 payments adding up to the amount: the cents left by the division go to the first. */
function paymentsOf(amount: number): number[] {
  const base = Math.floor(amount / PAYMENTS);
  return Array.from({ length: PAYMENTS }, (_, k) => base + (k === 0 ? amount - base * PAYMENTS : 0));
}

function agreementOf(i: number, now: string): Agreement {
  const id = `agr-${String(i).padStart(5, '0')}`;
  const amount = amountOf(i);
  const schedule: Schedule =
    i % 2 === 0
      ? {
          kind: 'installments',
          installments: paymentsOf(amount).map((cents, k) => {
            const month = ((3 + k) % 12) + 1; // April 2026 … March 2027
            return { dueOn: `${month >= 4 ? 2026 : 2027}-${String(month).padStart(2, '0')}-15`, cents };
          }),
        }
      : { kind: 'periodic', every: 'month' };
  const orgSignature = { userId: `rep-${i}`, name: `Représentante ${i}`, title: 'Présidente du conseil d’administration', at: now };
  return {
    id,
    callId: 'call-bench',
    proposalId: `prop-${i}`,
    program: 'PSJP',
    institution: { name: 'CISSS du banc d’essai' },
    organization: { id: `org-${i % 200}`, name: `Organisme ${i % 200}`, neq: String(1_140_000_000 + (i % 200)) },
    object: { title: `Projet ${i}`, summary: 'Halte-répit et ateliers parents-enfants.', needs: [] },
    template: null,
    status: 'signed-by-organization',
    signatures: { organization: orgSignature, institution: null },
    changeRequests: [],
    declined: null,
    original: null,
    amendments: [],
    renewalOf: null,
    renewedBy: null,
    toPay: {},
    toClaim: {},
    paid: 0,
    period: PERIOD,
    years: [{ fiscalYear: FY, envelopeId: ENVELOPE, cents: amount }],
    amount,
    schedule,
    obligations: [],
    clauses: [{ heading: 'Objet', body: `L’organisme Organisme ${i % 200} réalise le projet ${i}.` }],
    version: 3,
    createdAt: now,
    createdBy: MANAGER.userId,
    updatedAt: now,
    updatedBy: orgSignature.userId,
  };
}

// ── Measuring ───────────────────────────────────────────────────────────────

interface Outcome {
  label: string;
  count: number;
  wallMs: number;
  latencies: number[];
  retries: number;
  failedAfterRetries: number;
  otherFailures: Map<string, number>;
}

/** Runs `jobs` with `writers` concurrent async workers, timing each job. */
async function pool(label: string, jobs: (() => Promise<void>)[], writers: number): Promise<Outcome> {
  const latencies: number[] = [];
  const otherFailures = new Map<string, number>();
  const before = { ...transactStats };
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(writers, jobs.length) }, async () => {
      for (;;) {
        const job = jobs[next++];
        if (!job) return;
        const s = performance.now();
        try {
          await job();
        } catch (e) {
          const name = e instanceof Error ? `${e.name}: ${e.message.slice(0, 80)}` : String(e);
          otherFailures.set(name, (otherFailures.get(name) ?? 0) + 1);
        }
        latencies.push(performance.now() - s);
      }
    }),
  );
  const failedAfterRetries = transactStats.conflictFailures - before.conflictFailures;
  return {
    label,
    count: jobs.length,
    wallMs: performance.now() - t0,
    latencies,
    retries: transactStats.conflictRetries - before.conflictRetries,
    failedAfterRetries,
    otherFailures,
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
const median = (xs: number[]) =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

function print(o: Outcome) {
  const s = [...o.latencies].sort((a, b) => a - b);
  const failed = [...o.otherFailures.values()].reduce((a, b) => a + b, 0);
  console.log(
    `${o.label.padEnd(11)} ${String(o.count).padStart(7)} ${(o.wallMs / 1000).toFixed(1).padStart(8)} s ${(o.count / (o.wallMs / 1000)).toFixed(0).padStart(8)} ops/s` +
      ` ${quantile(s, 0.5).toFixed(1).padStart(7)} ${quantile(s, 0.95).toFixed(1).padStart(7)} ${quantile(s, 0.99).toFixed(1).padStart(7)} ms` +
      ` ${String(o.retries).padStart(8)} ${String(failed).padStart(7)} (after all retries: ${o.failedAfterRetries})`,
  );
  for (const [name, n] of o.otherFailures) console.log(`            ${n} × ${name}`);
}

// ── The run ─────────────────────────────────────────────────────────────────

const dynamo = await startDynamoLocal();
const client = createDynamoClient({ region: 'ca-central-1', endpoint: dynamo.endpoint });
const db: Db = { client, table: 'enveloppe-bench-ledger' };
await ensureTable(client, db.table);

try {
  const now = new Date().toISOString();
  const agreements = Array.from({ length: AGREEMENTS }, (_, i) => agreementOf(i, now));
  const totalAmount = agreements.reduce((s, a) => s + a.amount, 0);

  // The envelope, big enough for every agreement with room to spare, stored as before issue 14 (no ledger
  // totals): the first signatures give it its ledger through ensureLedger, all at once.
  const figures = { programBudget: totalAmount + 10_000_000, deductions: [], communityShareBasisPoints: 10_000, carryOver: null };
  const available = computeEnvelope(figures).available;
  await putNew(
    db,
    { ...keys.envelope(T, ENVELOPE), ...keys.envelopeIndex(T, ENVELOPE, FY) },
    'Envelope',
    {
      id: ENVELOPE,
      program: 'PSJP',
      title: 'PSJP 2026-2027 (banc d’essai)',
      fiscalYear: FY,
      ...figures,
      committed: 0,
      remaining: available,
      version: 1,
      createdAt: now,
      createdBy: MANAGER.userId,
      updatedAt: now,
      updatedBy: MANAGER.userId,
    },
    () => new InvalidStateError({ fr: 'L’enveloppe existe déjà.', en: 'The envelope already exists.' }),
  );

  console.log(
    `bench/ledger: ${AGREEMENTS} agreements (${formatMoney(totalAmount, 'fr')}), ${PAYMENTS} payments each, ${WRITERS} writers on one envelope (${formatMoney(available, 'fr')} available), DynamoDB Local`,
  );

  const write = await pool(
    'write',
    agreements.map((a) => () => putNew(db, agreementKeys(T, a), 'Agreement', a, () => new InvalidStateError({ fr: 'existe', en: 'exists' }))),
    WRITERS,
  );

  const sign = await pool(
    'signatures',
    agreements.map((a) => async () => {
      const envelope = await getEnvelopeById(db, T, ENVELOPE);
      await ensureLedger(db, T, envelope);
      const signature = { ...MANAGER, at: new Date().toISOString() };
      await transact(
        db,
        institutionSignaturePieces(db, T, a, a.version, signature, () => newId()),
        (reasons) => {
          return new InvalidStateError({ fr: `signature refusée : ${reasons.map((r) => r.code).join(', ')}`, en: 'signature refused' });
        },
      );
    }),
    WRITERS,
  );

  // Payment rounds across every agreement: 50 writers at a time are on 50 different agreements, all on the envelope.
  const paymentJobs: (() => Promise<void>)[] = [];
  let paidExpected = 0;
  for (let k = 0; k < PAYMENTS; k++)
    for (const a of agreements) {
      const cents = paymentsOf(a.amount)[k]!;
      paidExpected += cents;
      paymentJobs.push(async () => {
        const at = new Date().toISOString();
        const payment: Payment = {
          id: newId(),
          agreementId: a.id,
          envelopeId: ENVELOPE,
          fiscalYear: FY,
          cents,
          paidOn: at.slice(0, 10),
          reference: `VIR-${a.id}-${k + 1}`,
          installment: a.schedule.kind === 'installments' ? k : null,
          claimId: null,
          at,
          by: MANAGER.userId,
          byName: MANAGER.name,
        };
        const movement: LedgerMovement = {
          id: newId(),
          envelopeId: ENVELOPE,
          fiscalYear: FY,
          kind: 'payment',
          at,
          by: MANAGER.userId,
          byName: MANAGER.name,
          agreementId: a.id,
          organizationName: a.organization.name,
          committed: 0,
          paid: cents,
          available: 0,
          reference: payment.reference,
          reason: null,
        };
        await transact(
          db,
          [
            payPiece(db, T, a.id, FY, cents),
            paymentPiece(db, T, ENVELOPE, cents),
            movementPut(db, T, movement),
            newPut(db, keys.payment(T, a.id, at, payment.id), 'Payment', payment),
          ],
          (reasons) => new InvalidStateError({ fr: `paiement refusé : ${reasons.map((r) => r.code).join(', ')}`, en: 'payment refused' }),
        );
      });
    }
  const pay = await pool('payments', paymentJobs, WRITERS);

  console.log('\n            count     wall   throughput     p50     p95     p99      retries  failed');
  print(write);
  print(sign);
  print(pay);

  // ── Lost updates? ──
  const got = await client.send(new GetItemCommand({ TableName: db.table, Key: marshall(keys.envelope(T, ENVELOPE)), ConsistentRead: true }));
  const env = unmarshall(got.Item ?? {}) as { ledgerCommitted?: number; ledgerPaid?: number; ledgerRemaining?: number };
  const movements = await queryAll<LedgerMovement>(db, { ...keys.ledgerMovements(T, ENVELOPE), consistent: true }, Number.POSITIVE_INFINITY);
  const fromMovements = totalsOfMovements(available, movements);
  const stored = await queryAll<Agreement>(db, { index: 'gsi1', partition: keys.agreementsOfTenant(T) }, Number.POSITIVE_INFINITY);
  const signed = stored.filter((a) => a.status === 'signed');
  const committedByAgreements = signed.reduce((s, a) => s + a.amount, 0);
  const paidByAgreements = stored.reduce((s, a) => s + a.paid, 0);
  const leftToPay = stored.reduce((s, a) => s + Object.values(a.toPay).reduce((x, y) => x + y, 0), 0);
  const signedOk = sign.count - [...sign.otherFailures.values()].reduce((a, b) => a + b, 0);
  const paidOk = pay.count - [...pay.otherFailures.values()].reduce((a, b) => a + b, 0);

  const rows: [string, number | undefined, number, number][] = [
    // figure, envelope (GetItem), movements (Query all), agreements (gsi1)
    ['committed', env.ledgerCommitted, fromMovements.committed, committedByAgreements],
    ['paid', env.ledgerPaid, fromMovements.paid, paidByAgreements],
    ['remaining', env.ledgerRemaining, fromMovements.remaining, available - committedByAgreements],
  ];
  console.log(`\nledger check: ${movements.length} movements (expected ${signedOk + paidOk}), ${signed.length} agreements signed of ${stored.length}`);
  console.log('figure        envelope   movements  agreements');
  let differences = 0;
  for (const [name, e, m, a] of rows) {
    if (e !== m || m !== a) differences++;
    console.log(
      `${name.padEnd(10)} ${String(e).padStart(12)} ${String(m).padStart(11)} ${String(a).padStart(11)}${e === m && m === a ? '' : '   ← DIFFERENT'}`,
    );
  }
  console.log(
    `expected from the load: committed ${totalAmount}, paid ${paidExpected}; left to pay on the agreements ${leftToPay} (expected ${totalAmount - paidExpected})`,
  );
  const allWent = signedOk === AGREEMENTS && paidOk === AGREEMENTS * PAYMENTS;
  const lost = differences === 0 && movements.length === signedOk + paidOk && env.ledgerCommitted === totalAmount && env.ledgerPaid === paidExpected;
  console.log(
    lost && allWent
      ? '0 lost updates'
      : `LOST OR FAILED UPDATES: ${differences} figures differ; ${AGREEMENTS - signedOk} signatures and ${AGREEMENTS * PAYMENTS - paidOk} payments failed`,
  );

  // ── Reading the ledger ──
  const getMs: number[] = [];
  const pageMs: number[] = [];
  for (let r = 0; r < READS; r++) {
    let s = performance.now();
    await getEnvelopeById(db, T, ENVELOPE);
    getMs.push(performance.now() - s);
    s = performance.now();
    const page = await queryPage<LedgerMovement>(db, { ...keys.ledgerMovements(T, ENVELOPE), limit: 50, forward: false });
    pageMs.push(performance.now() - s);
    if (page.items.length !== Math.min(50, movements.length)) throw new Error(`first page: ${page.items.length} movements`);
  }
  console.log(
    `\nreading the ledger (median of ${READS}): totals (one GetItem) ${median(getMs).toFixed(1)} ms; first page of movements (Query, 50 newest) ${median(pageMs).toFixed(1)} ms`,
  );
} finally {
  client.destroy();
  await dynamo.stop();
}
