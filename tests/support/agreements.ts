/**
 * Signed agreements for the money's tests, without the agreement's life routes: an agreement item
 * built from the `Agreement` shape, put as the organization signed it, then signed for the
 * institution exactly as the signature route does (ensureLedger on each year's envelope, then
 * institutionSignaturePieces in one transaction).
 */
import type { Agreement, AgreementYear, Period, Schedule } from '../../shared/agreements';
import { BusinessRuleError } from '../../shared/errors';
import { agreementKeys, awaitingInstitutionDelete, awaitingInstitutionPut, institutionSignaturePieces } from '../../functions/agreements';
import { ensureLedger, getEnvelopeById } from '../../functions/envelopes';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { newPut, toItem, transact } from '../../functions/lib/db';
import { newId } from '../../functions/lib/ids';
import { fixtures, type Harness } from './harness';

/** An envelope of the program for a fiscal year, through the API (as the manager). */
export async function createEnvelope(h: Harness, fiscalYear: number, over: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  return h.json('POST', '/api/t/{t}/envelopes', {
    as: 'manager',
    body: { ...fixtures.envelope, title: `PSJP ${fiscalYear}-${fiscalYear + 1}`, fiscalYear, ...over },
    expect: 201,
  });
}

export interface AgreementSpec {
  organization: { id: string; name: string; neq?: string };
  title?: string;
  period: Period;
  years: AgreementYear[];
  schedule: Schedule;
}

/** Puts an agreement the organization signed (status `signed-by-organization`, version 1). */
export async function putOrganizationSigned(h: Harness, spec: AgreementSpec): Promise<Agreement> {
  const at = h.clock.now.toISOString();
  const amount = spec.years.reduce((s, y) => s + y.cents, 0);
  const a: Agreement = {
    id: newId(),
    callId: newId(),
    proposalId: newId(),
    program: 'PSJP',
    institution: { name: 'CLSC Test' },
    organization: { id: spec.organization.id, name: spec.organization.name, neq: spec.organization.neq ?? '1234567890' },
    object: { title: spec.title ?? 'Halte-répit', summary: 'Trois demi-journées par semaine', needs: [] },
    template: null,
    status: 'signed-by-organization',
    period: spec.period,
    years: spec.years,
    amount,
    schedule: spec.schedule,
    obligations: [],
    clauses: [{ heading: 'Objet', body: 'Le projet.' }],
    signatures: { organization: { userId: 'orgrep', name: 'Représentante', title: 'Directrice', at }, institution: null },
    changeRequests: [],
    declined: null,
    original: null,
    amendments: [],
    renewalOf: null,
    renewedBy: null,
    toPay: {},
    toClaim: {},
    paid: 0,
    version: 1,
    createdAt: at,
    createdBy: 'manager',
    updatedAt: at,
    updatedBy: 'orgrep',
  };
  // As the organization's signature route: the agreement and its entry in the institution's queue.
  await transact(
    h.db,
    [newPut(h.db, agreementKeys(h.tenantId, a), 'Agreement', a), awaitingInstitutionPut(h.db, h.tenantId, a, null)],
    () => new BusinessRuleError({ fr: 'existe', en: 'exists' }),
  );
  return a;
}

/** The institution's signature, as the signature route runs it, at `at` (the clock's now unless given). */
export async function signForInstitution(h: Harness, a: Agreement, at?: string): Promise<void> {
  for (const y of a.years) if (y.envelopeId) await ensureLedger(h.db, h.tenantId, await getEnvelopeById(h.db, h.tenantId, y.envelopeId));
  const signature = { userId: 'manager', name: 'manager', title: 'Directrice générale', at: at ?? h.clock.now.toISOString() };
  await transact(
    h.db,
    [...institutionSignaturePieces(h.db, h.tenantId, a, a.version, signature, newId), awaitingInstitutionDelete(h.db, h.tenantId, a.id)],
    () => new BusinessRuleError({ fr: 'refusée', en: 'refused' }),
  );
}

/** An agreement signed by both parties (by the institution at `signedAt`, the clock's now unless given). */
export async function putSignedAgreement(h: Harness, spec: AgreementSpec, signedAt?: string): Promise<Agreement> {
  const a = await putOrganizationSigned(h, spec);
  await signForInstitution(h, a, signedAt);
  return a;
}

/**
 * Puts an agreement in any state of its life (a draft, one sent to the organization…) from the same
 * shape as `putOrganizationSigned`, with `over` replacing fields (its status, its call): for tests of
 * what reads agreements (tasks, lists) without walking each one through the routes.
 */
export async function putAgreementAs(h: Harness, spec: AgreementSpec, over: Partial<Agreement>): Promise<Agreement> {
  const base = await putOrganizationSigned(h, spec);
  const a: Agreement = { ...base, ...over, id: base.id };
  await h.db.client.send(new PutItemCommand({ TableName: h.db.table, Item: toItem(agreementKeys(h.tenantId, a), 'Agreement', a) }));
  // Only an agreement the organization signed waits in the institution's queue (filed under its call).
  const queue = a.status === 'signed-by-organization' ? awaitingInstitutionPut(h.db, h.tenantId, a, null) : awaitingInstitutionDelete(h.db, h.tenantId, a.id);
  await transact(h.db, [queue], () => new BusinessRuleError({ fr: 'file', en: 'queue' }));
  return a;
}
