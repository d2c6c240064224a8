/**
 * The needs screens' calls to the API, on the typed client: each answer's
 * type comes from the route that sends it, so a route that changes breaks
 * these screens' type check rather than the screens.
 */
import { client, unwrap, type Json } from '../../lib/client';

const needs = client.needs.t[':tenantId'];
const study = needs.studies[':studyId'];
const round = study.rounds[':roundId'];
const consultation = client.needs.public.consultations[':token'];

export type RoundIds = { tenantId: string; studyId: string; roundId: string };

// ---- studies ----
export const listStudies = (tenantId: string) => unwrap(needs.studies.$get({ param: { tenantId } }));
export const createStudy = (tenantId: string, json: Json<typeof needs.studies.$post>) => unwrap(needs.studies.$post({ param: { tenantId }, json }));
/** The calls a study can be opened for (the calls context's route). */
export const listCalls = (tenantId: string) => unwrap(client.calls.t[':tenantId'].calls.$get({ param: { tenantId }, query: {} }));
/** The tenant's concertation tables, for the study's table (the tables context answers). */
export const listTables = (tenantId: string) => unwrap(client.tables.t[':tenantId'].tables.$get({ param: { tenantId } }));
export const getStudy = (tenantId: string, studyId: string) => unwrap(study.$get({ param: { tenantId, studyId } }));
export const updateStudy = (tenantId: string, studyId: string, json: Json<typeof study.$put>) => unwrap(study.$put({ param: { tenantId, studyId }, json }));
export const setConsultation = (tenantId: string, studyId: string, json: Json<typeof study.consultation.$put>) =>
  unwrap(study.consultation.$put({ param: { tenantId, studyId }, json }));

// ---- needs and the consultation's answers ----
export const addNeed = (tenantId: string, studyId: string, json: Json<typeof study.needs.$post>) =>
  unwrap(study.needs.$post({ param: { tenantId, studyId }, json }));
export const mergeNeeds = (tenantId: string, studyId: string, json: Json<typeof study.merge.$post>) =>
  unwrap(study.merge.$post({ param: { tenantId, studyId }, json }));
export const listAnswers = (tenantId: string, studyId: string) => unwrap(study.answers.$get({ param: { tenantId, studyId }, query: { limit: 100 } }));
export const moderateAnswer = (tenantId: string, studyId: string, answerId: string, json: Json<(typeof study.answers)[':answerId']['$put']>) =>
  unwrap(study.answers[':answerId'].$put({ param: { tenantId, studyId, answerId }, json }));

// ---- prioritization rounds ----
export const createRound = (tenantId: string, studyId: string, json: Json<typeof study.rounds.$post>) =>
  unwrap(study.rounds.$post({ param: { tenantId, studyId }, json }));
export const getRound = (param: RoundIds) => unwrap(round.$get({ param }));
export const castBallot = (param: RoundIds, json: Json<typeof round.ballot.$put>) => unwrap(round.ballot.$put({ param, json }));
export const closeRound = (param: RoundIds, json: Json<typeof round.close.$post>) => unwrap(round.close.$post({ param, json }));
export const saveRetention = (param: RoundIds, json: Json<typeof round.retention.$put>) => unwrap(round.retention.$put({ param, json }));
export const importPrefLib = (param: RoundIds, json: Json<typeof round.preflib.$post>) => unwrap(round.preflib.$post({ param, json }));
/** Where the round's ballots download as a PrefLib file. */
export const prefLibUrl = (param: RoundIds) => round.preflib.$url({ param });

// ---- the public consultation (no account) ----
export const getConsultation = (token: string) => unwrap(consultation.$get({ param: { token: encodeURIComponent(token) } }));
export const answerConsultation = (token: string, json: Json<typeof consultation.answers.$post>) =>
  unwrap(consultation.answers.$post({ param: { token: encodeURIComponent(token) }, json }));

export type StudyView = Awaited<ReturnType<typeof getStudy>>;
export type Need = StudyView['needs'][number];
export type RoundView = StudyView['rounds'][number];
export type Ballot = Awaited<ReturnType<typeof castBallot>>;
export type ConsultationAnswer = Awaited<ReturnType<typeof listAnswers>>['items'][number];
