/** The money: payments against the schedule, claims (periodic billing), the envelope's ledger, carry-overs. */
import { Hono } from 'hono';
import { claimPeriods, type Agreement, type Claim } from '../../shared/agreements';
import { ledgerOf } from '../../shared/domain';
import { ForbiddenError, negotiateLang } from '../../shared/errors';
import { claimFiscalYear, installmentStatuses, nextInstallment, pendingClaims, recentlyRefusedClaims, sumCents } from '../../shared/payments';
import {
  approveClaimSchema,
  carryOverSchema,
  ledgerQuery,
  pendingClaimsQuery,
  recordPaymentSchema,
  refuseClaimSchema,
  submitClaimSchema,
} from '../../shared/schemas/money';
import {
  carryOverResultSchema,
  claimDecisionSchema,
  claimPageSchema,
  claimSchema,
  ledgerSchema,
  myPaymentsSchema,
  paymentSchema,
  paymentStatementSchema,
} from '../../shared/schemas/responses/money';
import { allow, allowAny, type Member } from '../lib/auth';
import { responds } from '../lib/contract';
import { queryPage } from '../lib/db';
import { keys } from '../lib/keys';
import { jsonBody, queryParams, type AppEnv, type Deps } from '../lib/app';
import { getEnvelopeById, listEnvelopesOfYear } from '../envelopes';
import { listMembersOfTenant, notifyPeople, representativesOf } from '../identity';
import { allMovements, carryOver, movementsPage } from './ledger-book';
import { ledgerCsv } from './ledger-csv';
import { approveClaim, listClaims, listPayments, recordPayment, refuseClaim, submitClaim, type WriteContext } from './payments';
import { agreementFor, findAgreement } from './repository';

const actorOf = (m: Member) => ({ userId: m.userId, name: m.name });
const ctxOf = (deps: Deps): WriteContext => ({ now: deps.now(), newId: deps.newId });

/** The payments page's and the printable statement's data: planned installments, payments, claims, what remains. */
async function statementOf(deps: Deps, t: string, a: Agreement) {
  const [payments, claims] = await Promise.all([listPayments(deps.db, t, a.id), a.schedule.kind === 'periodic' ? listClaims(deps.db, t, a.id) : []]);
  const byPeriod = new Map(claims.map((c) => [c.period.start, c]));
  const toPay = a.status === 'signed' ? a.toPay : Object.fromEntries(a.years.map((y) => [String(y.fiscalYear), y.cents]));
  const toClaim = a.status === 'signed' ? a.toClaim : a.schedule.kind === 'periodic' ? toPay : {};
  const totalPaid = payments.reduce((s, p) => s + p.cents, 0);
  return {
    agreement: {
      id: a.id,
      status: a.status,
      institution: a.institution,
      organization: a.organization,
      title: a.object.title,
      period: a.period,
      amount: a.amount,
      years: a.years,
      schedule: { kind: a.schedule.kind, every: a.schedule.kind === 'periodic' ? a.schedule.every : null },
      signedAt: a.signatures.institution?.at ?? null,
    },
    installments: installmentStatuses(a, payments),
    payments: [...payments].reverse(),
    claims: [...claims].sort((x, y) => y.period.start.localeCompare(x.period.start)),
    claimPeriods:
      a.schedule.kind === 'periodic'
        ? claimPeriods(a.period, a.schedule.every).map((p) => ({
            period: p,
            fiscalYear: claimFiscalYear(p),
            claimId: byPeriod.get(p.start)?.id ?? null,
            claimStatus: byPeriod.get(p.start)?.status ?? null,
          }))
        : [],
    toPay,
    toClaim,
    totalPaid,
    totalRemaining: a.amount - totalPaid,
  };
}

/** The organization's representatives hear of a claim's decision (essential); a failed send changes nothing. */
async function tellClaimDecided(deps: Deps, t: string, a: Agreement, c: Claim): Promise<void> {
  try {
    const members = await listMembersOfTenant(deps.db, t);
    await notifyPeople(deps, t, representativesOf(members, a.organization.id), {
      kind: 'claim-decided',
      agreementId: a.id,
      agreementTitle: a.object.title,
      periodStart: c.period.start,
      periodEnd: c.period.end,
      cents: c.cents,
      approved: c.status === 'approved',
      reason: c.decision?.reason ?? '',
    });
  } catch (e) {
    deps.logger?.warn('notification not sent', { kind: 'claim-decided', error: e instanceof Error ? e.name : 'unknown' });
  }
}

/** The agreements of an organization (gsi2 holds their keys), read whole. */
async function agreementsOfOrganization(deps: Deps, t: string, organizationId: string): Promise<Agreement[]> {
  const rows = await queryPage<{ sk?: string; gsi2sk?: string }>(deps.db, {
    index: 'gsi2',
    partition: keys.agreementsOfOrganization(t, organizationId),
    limit: 200,
    raw: true,
  });
  const ids = rows.items.map((r) => String(r.gsi2sk ?? '').replace(/^AGR#/, '')).filter(Boolean);
  const found = await Promise.all(ids.map((id) => findAgreement(deps.db, t, id)));
  return found.filter((a): a is Agreement => a !== null && a.organization.id === organizationId);
}

const noApproval = () =>
  new ForbiddenError({
    fr: 'Seule la gestion de l’établissement approuve ou refuse une réclamation.',
    en: 'Only the institution’s managers approve or refuse a claim.',
  });

export const moneyRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/t/:tenantId/agreements/:agreementId/payments',
      allowAny('agreement:read', 'agreement:own'),
      responds(
        { 200: paymentStatementSchema },
        { summary: { fr: 'Lire l’échéancier, les versements et les réclamations d’une entente', en: 'Read an agreement’s schedule, payments and claims' } },
      ),
      async (c) => {
        const member = c.get('member');
        const a = await agreementFor(deps.db, member.tenantId, c.req.param('agreementId'), member, true);
        return c.json(await statementOf(deps, member.tenantId, a), 200);
      },
    )
    .post(
      '/t/:tenantId/agreements/:agreementId/payments',
      allow('payment:write'),
      responds({ 201: paymentSchema }, { summary: { fr: 'Consigner un versement', en: 'Record a payment' } }),
      jsonBody(recordPaymentSchema),
      async (c) => {
        const member = c.get('member');
        const a = await agreementFor(deps.db, member.tenantId, c.req.param('agreementId'), member, true);
        return c.json(await recordPayment(deps.db, member.tenantId, a, c.req.valid('json'), actorOf(member), ctxOf(deps)), 201);
      },
    )
    .get(
      '/t/:tenantId/agreements/:agreementId/claims',
      allowAny('agreement:read', 'agreement:own'),
      responds({ 200: claimPageSchema }, { summary: { fr: 'Lister les réclamations d’une entente', en: 'List an agreement’s claims' } }),
      async (c) => {
        const member = c.get('member');
        const a = await agreementFor(deps.db, member.tenantId, c.req.param('agreementId'), member);
        const claims = await listClaims(deps.db, member.tenantId, a.id);
        return c.json({ items: claims.sort((x, y) => y.period.start.localeCompare(x.period.start)), cursor: null }, 200);
      },
    )
    .post(
      '/t/:tenantId/agreements/:agreementId/claims',
      allow('agreement:own'),
      responds({ 201: claimSchema }, { summary: { fr: 'Soumettre une réclamation (facturation périodique)', en: 'Submit a claim (periodic billing)' } }),
      jsonBody(submitClaimSchema),
      async (c) => {
        const member = c.get('member');
        // agreementFor lets an organization reach only its own agreements; staff never hold agreement:own.
        const a = await agreementFor(deps.db, member.tenantId, c.req.param('agreementId'), member, true);
        return c.json(await submitClaim(deps.db, member.tenantId, a, c.req.valid('json'), actorOf(member), ctxOf(deps)), 201);
      },
    )
    .get(
      '/t/:tenantId/claims',
      allow('payment:write'),
      responds({ 200: claimPageSchema }, { summary: { fr: 'Lister les réclamations à traiter', en: 'List the claims awaiting a decision' } }),
      queryParams(pendingClaimsQuery),
      async (c) => {
        const member = c.get('member');
        const q = c.req.valid('query');
        const rows = await queryPage<{ row: Claim }>(deps.db, {
          index: 'gsi2',
          partition: keys.pendingClaims(member.tenantId),
          limit: q.limit ?? 50,
          cursor: q.cursor,
          raw: true,
        });
        return c.json({ items: rows.items.map((r) => r.row), cursor: rows.cursor }, 200);
      },
    )
    .post(
      '/t/:tenantId/agreements/:agreementId/claims/:claimId/approve',
      allowAny('payment:write', 'agreement:own'),
      responds(
        { 200: claimDecisionSchema },
        { summary: { fr: 'Approuver une réclamation et consigner son versement', en: 'Approve a claim and record its payment' } },
      ),
      jsonBody(approveClaimSchema),
      async (c) => {
        const member = c.get('member');
        const a = await agreementFor(deps.db, member.tenantId, c.req.param('agreementId'), member, true);
        if (!member.permissions.has('payment:write')) throw noApproval();
        const out = await approveClaim(deps.db, member.tenantId, a, c.req.param('claimId'), c.req.valid('json'), actorOf(member), ctxOf(deps));
        await tellClaimDecided(deps, member.tenantId, a, out.claim);
        return c.json(out, 200);
      },
    )
    .post(
      '/t/:tenantId/agreements/:agreementId/claims/:claimId/refuse',
      allowAny('payment:write', 'agreement:own'),
      responds({ 200: claimDecisionSchema }, { summary: { fr: 'Refuser une réclamation, avec son motif', en: 'Refuse a claim, with its reason' } }),
      jsonBody(refuseClaimSchema),
      async (c) => {
        const member = c.get('member');
        const a = await agreementFor(deps.db, member.tenantId, c.req.param('agreementId'), member, true);
        if (!member.permissions.has('payment:write')) throw noApproval();
        const claim = await refuseClaim(deps.db, member.tenantId, a, c.req.param('claimId'), c.req.valid('json'), actorOf(member), ctxOf(deps));
        await tellClaimDecided(deps, member.tenantId, a, claim);
        return c.json({ claim, payment: null }, 200);
      },
    )
    .get(
      '/t/:tenantId/my/payments',
      allow('agreement:own'),
      responds(
        { 200: myPaymentsSchema },
        { summary: { fr: 'Ce qui reste à verser à mon organisme, et quand', en: 'What remains to be paid to my organization, and when' } },
      ),
      async (c) => {
        const member = c.get('member');
        const t = member.tenantId;
        const signed = (await agreementsOfOrganization(deps, t, member.organizationId!)).filter((a) => a.status === 'signed');
        const items = await Promise.all(
          signed.map(async (a) => {
            const [payments, claims] = await Promise.all([listPayments(deps.db, t, a.id), a.schedule.kind === 'periodic' ? listClaims(deps.db, t, a.id) : []]);
            const next = nextInstallment(installmentStatuses(a, payments));
            return {
              agreementId: a.id,
              title: a.object.title,
              toPay: sumCents(a.toPay),
              paid: a.paid,
              next: next ? { dueOn: next.dueOn, cents: next.remaining, fiscalYear: next.fiscalYear } : null,
              periodic: a.schedule.kind === 'periodic',
              claimsPending: pendingClaims(claims),
              claimsRefused: recentlyRefusedClaims(claims, deps.now()),
            };
          }),
        );
        return c.json({ items }, 200);
      },
    )
    .get(
      '/t/:tenantId/envelopes/:envelopeId/ledger',
      allow('ledger:read'),
      responds({ 200: ledgerSchema }, { summary: { fr: 'Lire le grand livre d’une enveloppe', en: 'Read an envelope’s ledger' } }),
      queryParams(ledgerQuery),
      async (c) => {
        const member = c.get('member');
        const t = member.tenantId;
        const envelope = await getEnvelopeById(deps.db, t, c.req.param('envelopeId'));
        const [movements, next] = await Promise.all([
          movementsPage(deps.db, t, envelope.id, c.req.valid('query')),
          listEnvelopesOfYear(deps.db, t, envelope.fiscalYear + 1),
        ]);
        const carry = (x: { cents: number; reason: string; at: string } | null | undefined, fiscalYear: number | undefined, envelopeId: string | undefined) =>
          x && fiscalYear !== undefined && envelopeId ? { cents: x.cents, fiscalYear, envelopeId, reason: x.reason, at: x.at } : null;
        return c.json(
          {
            envelope: {
              id: envelope.id,
              title: envelope.title,
              program: envelope.program,
              fiscalYear: envelope.fiscalYear,
              version: envelope.version,
              uncommittedToCalls: envelope.remaining,
              carriedIn: carry(envelope.carriedIn, envelope.carriedIn?.fromFiscalYear, envelope.carriedIn?.fromEnvelopeId),
              carriedOut: carry(envelope.carriedOut, envelope.carriedOut?.toFiscalYear, envelope.carriedOut?.toEnvelopeId),
            },
            totals: ledgerOf(envelope),
            movements,
            nextEnvelopes: next.filter((e) => e.program === envelope.program).map((e) => ({ id: e.id, title: e.title, fiscalYear: e.fiscalYear })),
          },
          200,
        );
      },
    )
    .get(
      '/t/:tenantId/envelopes/:envelopeId/ledger/movements.csv',
      allow('ledger:read'),
      responds(
        { 200: { contentType: 'text/csv' } },
        { summary: { fr: 'Exporter le grand livre en CSV (Excel en français)', en: 'Export the ledger as CSV (Excel in French)' } },
      ),
      async (c) => {
        const member = c.get('member');
        const envelope = await getEnvelopeById(deps.db, member.tenantId, c.req.param('envelopeId'));
        const movements = await allMovements(deps.db, member.tenantId, envelope.id);
        const lang = negotiateLang(c.req.header('Accept-Language'));
        return c.body(ledgerCsv(envelope, ledgerOf(envelope), movements, lang), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="grand-livre-${envelope.id}.csv"`,
        });
      },
    )
    .post(
      '/t/:tenantId/envelopes/:envelopeId/carry-over',
      allowAny('payment:write', 'envelope:write'),
      responds(
        { 200: carryOverResultSchema },
        { summary: { fr: 'Reporter le solde à l’enveloppe de l’exercice suivant', en: 'Carry the balance over to the next year’s envelope' } },
      ),
      jsonBody(carryOverSchema),
      async (c) => {
        const member = c.get('member');
        const from = await getEnvelopeById(deps.db, member.tenantId, c.req.param('envelopeId'));
        return c.json(await carryOver(deps.db, member.tenantId, from, c.req.valid('json'), actorOf(member), ctxOf(deps)), 200);
      },
    );
