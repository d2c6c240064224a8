/** The agreement screens' calls to the API, on the typed client. */
import { client, unwrap, type Json } from '../../lib/client';

const root = client.agreements.t[':tenantId'];
const one = root.agreements[':agreementId'];
type Ids = { tenantId: string; agreementId: string };
type Amend = Ids & { number: string };

export const getCallAgreements = (param: { tenantId: string; callId: string }) => unwrap(root.calls[':callId'].agreements.$get({ param }));
export const generateAgreements = (param: { tenantId: string; callId: string }) => unwrap(root.calls[':callId'].agreements.$post({ param, json: {} }));
export const getAgreement = (param: Ids) => unwrap(one.$get({ param }));
export const saveAgreement = (param: Ids, json: Json<typeof one.$put>) => unwrap(one.$put({ param, json }));
export const sendAgreement = (param: Ids, version: number) => unwrap(one.send.$post({ param, json: { version } }));
export const askChanges = (param: Ids, version: number, comment: string) => unwrap(one.changes.$post({ param, json: { version, comment } }));
export const declineAgreement = (param: Ids, version: number, reason: string) => unwrap(one.decline.$post({ param, json: { version, reason } }));
export const signForOrganization = (param: Ids, version: number, title: string) =>
  unwrap(one.signatures.organization.$post({ param, json: { version, title } }));
export const signForInstitution = (param: Ids, version: number, title: string) => unwrap(one.signatures.institution.$post({ param, json: { version, title } }));
export const draftAmendment = (param: Ids, json: Json<typeof one.amendments.$post>) => unwrap(one.amendments.$post({ param, json }));
export const followObligation = (param: Ids & { obligationId: string }, json: Json<(typeof one.obligations)[':obligationId']['$patch']>) =>
  unwrap(one.obligations[':obligationId'].$patch({ param, json }));
export const renewAgreement = (param: Ids, envelopeId: string) => unwrap(one.renewal.$post({ param, json: { envelopeId } }));
export const sendAmendment = (param: Amend, version: number) => unwrap(one.amendments[':number'].send.$post({ param, json: { version } }));
export const askAmendmentChanges = (param: Amend, version: number, comment: string) =>
  unwrap(one.amendments[':number'].changes.$post({ param, json: { version, comment } }));
export const cancelAmendment = (param: Amend, version: number) => unwrap(one.amendments[':number'].cancel.$post({ param, json: { version } }));
export const signAmendmentForOrganization = (param: Amend, version: number, title: string) =>
  unwrap(one.amendments[':number'].signatures.organization.$post({ param, json: { version, title } }));
export const signAmendmentForInstitution = (param: Amend, version: number, title: string) =>
  unwrap(one.amendments[':number'].signatures.institution.$post({ param, json: { version, title } }));
export const listMyAgreements = (tenantId: string) => unwrap(root.my.agreements.$get({ param: { tenantId } }));
/** The envelopes a year of an agreement or a renewal may draw on (the envelopes context's route). */
export const listEnvelopes = (tenantId: string) => unwrap(client.envelopes.t[':tenantId'].envelopes.$get({ param: { tenantId }, query: { limit: 200 } }));

export type Agreement = Awaited<ReturnType<typeof getAgreement>>;

/** The agreement templates per program (the screen web/src/features/agreements/templates.tsx). */
const templates = root['agreement-templates'];
export const listTemplates = (tenantId: string) => unwrap(templates.$get({ param: { tenantId } }));
export const createTemplate = (tenantId: string, json: Json<typeof templates.$post>) => unwrap(templates.$post({ param: { tenantId }, json }));
export const saveTemplate = (param: { tenantId: string; templateId: string }, json: Json<(typeof templates)[':templateId']['$put']>) =>
  unwrap(templates[':templateId'].$put({ param, json }));
export type AgreementTemplate = Awaited<ReturnType<typeof createTemplate>>;
