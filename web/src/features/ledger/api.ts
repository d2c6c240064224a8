/** The money screens' calls to the API, on the typed client: each answer's type comes from the route that sends it. */
import { client, unwrap, type Json } from '../../lib/client';

const root = client.agreements.t[':tenantId'];
const agreement = root.agreements[':agreementId'];
const envelope = root.envelopes[':envelopeId'];

type AgreementIds = { tenantId: string; agreementId: string };
type ClaimIds = AgreementIds & { claimId: string };
type EnvelopeIds = { tenantId: string; envelopeId: string };

export const getStatement = (param: AgreementIds) => unwrap(agreement.payments.$get({ param }));
export const recordPayment = (param: AgreementIds, json: Json<typeof agreement.payments.$post>) => unwrap(agreement.payments.$post({ param, json }));
export const submitClaim = (param: AgreementIds, json: Json<typeof agreement.claims.$post>) => unwrap(agreement.claims.$post({ param, json }));
export const approveClaim = (param: ClaimIds, json: Json<(typeof agreement.claims)[':claimId']['approve']['$post']>) =>
  unwrap(agreement.claims[':claimId'].approve.$post({ param, json }));
export const refuseClaim = (param: ClaimIds, json: Json<(typeof agreement.claims)[':claimId']['refuse']['$post']>) =>
  unwrap(agreement.claims[':claimId'].refuse.$post({ param, json }));
export const listPendingClaims = (tenantId: string, cursor?: string) =>
  unwrap(root.claims.$get({ param: { tenantId }, query: { status: 'submitted', ...(cursor ? { cursor } : {}) } }));
export const getLedger = (param: EnvelopeIds, cursor?: string) =>
  unwrap(envelope.ledger.$get({ param, query: cursor ? { cursor, limit: '25' } : { limit: '25' } }));
export const ledgerCsvUrl = (param: EnvelopeIds) => envelope.ledger['movements.csv'].$url({ param });
export const carryOver = (param: EnvelopeIds, json: Json<(typeof envelope)['carry-over']['$post']>) => unwrap(envelope['carry-over'].$post({ param, json }));
export const getMyPayments = (tenantId: string) => unwrap(root.my.payments.$get({ param: { tenantId } }));

export type Statement = Awaited<ReturnType<typeof getStatement>>;
export type Claim = Statement['claims'][number];
export type Ledger = Awaited<ReturnType<typeof getLedger>>;
