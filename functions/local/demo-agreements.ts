/**
 * The demo's agreements and money (issue 14), on the decided call of two years ago
 * (demo-decided.ts): the service agreements generated from its decision, reviewed and signed by each
 * organization then by the CLSC (seed 002: CLSC 1 signed in February), paid — a single payment after
 * signature (CLSC 1), the second year of the two-year agreement from the next year's envelope
 * (CLSC 2), the halte-répit billed month by month up to its amount (CLSC 4) —, and the two-year
 * workshops renewed for this year: that renewal waits for the organization's signature today, and the halte-répit's March claim waits for the manager.
 *
 * Everything goes through the agreements context's own routes, in process, as the demo's people, on
 * a clock set to the day of each step: the same rules, transactions and ledger movements as a person
 * using the product, never items typed by hand. The in-process app trusts the account named in its
 * bearer (it is never served: no port, no token leaves this module). Resumable: each step looks at
 * the agreement's status first, so an interrupted run is finished by the next one.
 */
import type { Agreement } from '../../shared/agreements';
import { montrealLocalToInstant } from '../../shared/dates';
import { agreementRoutes } from '../agreements/app';
import { createApiApp } from '../lib/app';
import { getItem, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { createEnvelope } from '../envelopes/repository';
import { newId } from '../lib/ids';
import { DEMO_DECIDED_CALL_ID } from './demo-decided';

const MANAGER = 'demo-gestionnaire';
/** Who signs for each organization of the decided call, and with what title. */
const SIGNATORIES: Record<string, { sub: string; title: string }> = {
  'org-maison-famille': { sub: 'demo-membre-famille', title: 'Coordonnatrice' },
  'org-cje': { sub: 'demo-membre-cje', title: 'Directrice générale' },
  'org-cuisines': { sub: 'demo-membre-cuisines', title: 'Présidente du conseil d’administration' },
  'org-repit': { sub: 'demo-organisme-repit', title: 'Directrice' },
};
/** The halte-répit is billed month by month (seed 002's CLSC 4), the others paid once signed (CLSC 1). */
const PERIODIC_PROPOSAL = 'dec-4-repit';
const RENEWED_PROPOSAL = 'dec-3-cuisines';
/** This year's small envelope for the agreements renewed from earlier years (5 000 $). */
const RENEWALS_ENVELOPE = 'env-psjp-reconduction';

interface CallAgreements {
  agreements: Agreement[];
  withoutAgreement: { proposalId: string }[];
}

export async function seedDecidedAgreements(db: Db, input: { tenantId: string; fiscal: number; now: Date }): Promise<void> {
  const t = input.tenantId;
  const y = input.fiscal - 2;
  let clock = input.now;
  const app = createApiApp(
    {
      db,
      verifyToken: async (sub) => ({ sub, email: undefined, name: undefined }),
      now: () => clock,
      newId: () => newId(clock.getTime()),
    },
    [agreementRoutes],
  );
  /** Sets the clock to a Montreal wall-clock instant (`YYYY-MM-DDTHH:MM`). */
  const on = (local: string) => {
    clock = montrealLocalToInstant(local)!;
  };
  const day = (local: string) => local.slice(0, 10);
  const api = async <T>(as: string, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await app.request(`/api/t/${t}${path}`, {
      method,
      headers: { Authorization: `Bearer ${as}`, 'Content-Type': 'application/json', 'Accept-Language': 'fr' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`demo: ${method} ${path} as ${as} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const get = (id: string) => api<Agreement>(MANAGER, 'GET', `/agreements/${id}`);

  // Generated in January, when the decision of December reached the CLSC's services.
  const list = await api<CallAgreements>(MANAGER, 'GET', `/calls/${DEMO_DECIDED_CALL_ID}/agreements`);
  if (list.withoutAgreement.length > 0) {
    on(`${y + 1}-01-10T10:00`);
    await api(MANAGER, 'POST', `/calls/${DEMO_DECIDED_CALL_ID}/agreements`, {});
  }
  const { agreements } = await api<CallAgreements>(MANAGER, 'GET', `/calls/${DEMO_DECIDED_CALL_ID}/agreements`);

  for (const first of agreements) {
    let a = first;
    const signatory = SIGNATORIES[a.organization.id];
    // Renewals keep their call: they are walked by `renew`, on their own dates.
    if (!signatory || a.renewalOf !== null) continue;
    if (a.status === 'draft' && a.proposalId === PERIODIC_PROPOSAL && a.schedule.kind !== 'periodic') {
      on(`${y + 1}-01-11T14:00`);
      a = await api<Agreement>(MANAGER, 'PUT', `/agreements/${a.id}`, {
        version: a.version,
        period: a.period,
        years: a.years,
        schedule: { kind: 'periodic', every: 'month' },
        obligations: a.obligations,
        clauses: a.clauses,
        object: a.object,
      });
    }
    if (a.status === 'draft') {
      on(`${y + 1}-01-12T09:30`);
      a = await api<Agreement>(MANAGER, 'POST', `/agreements/${a.id}/send`, { version: a.version });
    }
    if (a.status === 'sent') {
      on(`${y + 1}-01-${20 + (agreements.indexOf(first) % 5)}T19:00`);
      a = await api<Agreement>(signatory.sub, 'POST', `/agreements/${a.id}/signatures/organization`, { version: a.version, title: signatory.title });
    }
    if (a.status === 'signed-by-organization') {
      on(`${y + 1}-02-02T11:00`);
      a = await api<Agreement>(MANAGER, 'POST', `/agreements/${a.id}/signatures/institution`, {
        version: a.version,
        title: 'Cheffe du programme Enfance-famille',
      });
    }
    if (a.status !== 'signed') continue;
    a = await get(a.id);
    if (a.schedule.kind === 'single') await paySingle(a);
    else await billMonthly(a);
  }
  await renew();

  /** Each year's single payment: the first shortly after signature, the second year's on its first days. */
  async function paySingle(a: Agreement) {
    for (const [i, year] of a.years.entries()) {
      if ((a.toPay[String(year.fiscalYear)] ?? 0) === 0) continue;
      const local = i === 0 ? `${y + 1}-02-09T10:00` : `${year.fiscalYear}-04-07T10:00`;
      on(local);
      await api(MANAGER, 'POST', `/agreements/${a.id}/payments`, {
        installment: i,
        cents: year.cents,
        paidOn: day(local),
        reference: `Virement ${year.fiscalYear}-${a.organization.name.slice(0, 3).toUpperCase()}-${i + 1}`,
      });
    }
  }

  /** The halte-répit's claims: January and February approved and paid, March's awaiting the manager today. */
  async function billMonthly(a: Agreement) {
    type ClaimRow = { period: { start: string }; status: string; id: string; version: number };
    const claims = await api<{ claims: ClaimRow[] }>(MANAGER, 'GET', `/agreements/${a.id}/payments`);
    const year = a.years[0]!;
    const monthly = Math.floor(year.cents / 4);
    const months: [string, string, string][] = [
      [`${y + 1}-01-01`, `${y + 1}-01-31`, 'Trois haltes-répit du samedi : 14 enfants accueillis, 9 familles.'],
      [`${y + 1}-02-01`, `${y + 1}-02-28`, 'Quatre haltes-répit du samedi et une de semaine : 17 enfants, 11 familles.'],
      [`${y + 1}-03-01`, `${y + 1}-03-31`, 'Quatre haltes-répit du samedi : 15 enfants, 10 familles ; achat de jeux.'],
    ];
    for (const [n, [start, rawEnd, note]] of months.entries()) {
      // February's last day, whatever the year.
      const end = start.slice(5, 7) === '02' ? new Date(Date.UTC(y + 1, 2, 0)).toISOString().slice(0, 10) : rawEnd;
      let claim = claims.claims.find((c) => c.period.start === start);
      if (!claim) {
        on(`${end}T16:00`);
        claim = await api<ClaimRow>(SIGNATORIES[a.organization.id]!.sub, 'POST', `/agreements/${a.id}/claims`, {
          period: { start, end },
          cents: monthly,
          note,
        });
      }
      if (n === 2 || claim.status !== 'submitted') continue;
      const paidOn = `${y + 1}-${String(Number(start.slice(5, 7)) + 1).padStart(2, '0')}-10`;
      on(`${paidOn}T10:00`);
      await api(MANAGER, 'POST', `/agreements/${a.id}/claims/${claim.id}/approve`, {
        version: claim.version,
        paidOn,
        reference: `Virement ${start.slice(0, 7)}-REPIT`,
      });
    }
  }

  /**
   * The two-year workshops (2024-2026) renewed at the end of their second year for this year, at the
   * second year's amount: sent today, the organization has it to sign.
   */
  async function renew() {
    const workshops = (await api<CallAgreements>(MANAGER, 'GET', `/calls/${DEMO_DECIDED_CALL_ID}/agreements`)).agreements.find(
      (a) => a.proposalId === RENEWED_PROPOSAL && a.renewalOf === null,
    );
    if (workshops?.status !== 'signed') return;
    clock = input.now;
    let next = workshops.renewedBy ? await get(workshops.renewedBy) : null;
    if (!next) {
      const fy = input.fiscal;
      // This year's PSJP envelope is all promised to its open call: the CLSC keeps a small envelope for the renewals
      // (a renewal was promised by no call, so it may not count on a call's dollars).
      if (!(await getItem(db, keys.envelope(t, RENEWALS_ENVELOPE), true)))
        await createEnvelope(db, t, {
          id: RENEWALS_ENVELOPE,
          program: workshops.program,
          title: `Reconduction des ententes PSJP ${fy}-${fy + 1}`,
          fiscalYear: fy,
          programBudget: 500_000,
          deductions: [],
          communityShareBasisPoints: 10_000,
          carryOver: null,
          version: 1,
          createdAt: clock.toISOString(),
          createdBy: MANAGER,
          updatedAt: clock.toISOString(),
          updatedBy: MANAGER,
        });
      next = await api<Agreement>(MANAGER, 'POST', `/agreements/${workshops.id}/renewal`, {
        envelopeId: RENEWALS_ENVELOPE,
        period: { start: `${fy}-04-01`, end: `${fy + 1}-03-31` },
        years: [{ fiscalYear: fy, cents: workshops.years.at(-1)!.cents }],
      });
    }
    if (next.status === 'draft') await api(MANAGER, 'POST', `/agreements/${next.id}/send`, { version: next.version });
  }
}
