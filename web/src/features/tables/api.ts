/**
 * The tables screens' calls to the API, on the typed client: each answer's
 * type comes from the route that sends it.
 */
import { client, unwrap, type Json } from '../../lib/client';

const tables = client.tables.t[':tenantId'];
const table = tables.tables[':tableId'];
const seat = table.members[':userId'];

export const listTables = (tenantId: string) => unwrap(tables.tables.$get({ param: { tenantId } }));
export const getTable = (tenantId: string, tableId: string) => unwrap(table.$get({ param: { tenantId, tableId } }));
export const createTable = (tenantId: string, json: Json<typeof tables.tables.$post>) => unwrap(tables.tables.$post({ param: { tenantId }, json }));
export const updateAdoptionRules = (tenantId: string, tableId: string, json: Json<(typeof table)['adoption-rules']['$put']>) =>
  unwrap(table['adoption-rules'].$put({ param: { tenantId, tableId }, json }));
export const updateTable = (tenantId: string, tableId: string, json: Json<typeof table.$put>) => unwrap(table.$put({ param: { tenantId, tableId }, json }));
export const addMember = (tenantId: string, tableId: string, json: Json<typeof table.members.$post>) =>
  unwrap(table.members.$post({ param: { tenantId, tableId }, json }));
export const updateMember = (tenantId: string, tableId: string, userId: string, json: Json<typeof seat.$put>) =>
  unwrap(seat.$put({ param: { tenantId, tableId, userId }, json }));
export const removeMember = (tenantId: string, tableId: string, userId: string, version: number) =>
  unwrap(seat.$delete({ param: { tenantId, tableId, userId }, query: { version: String(version) } }));
/** The tenant's active people, for naming coordinators and adding members. */
export const listCandidates = (tenantId: string) => unwrap(tables['table-candidates'].$get({ param: { tenantId } }));
/** The organizations a member may represent (the organizations context's route). */
export const listOrganizations = (tenantId: string) =>
  unwrap(client.organizations.t[':tenantId'].organizations.$get({ param: { tenantId }, query: { limit: '200' } }));

export type ConcertationTable = Awaited<ReturnType<typeof getTable>>;
export type TableMember = ConcertationTable['members'][number];
export type Candidate = Awaited<ReturnType<typeof listCandidates>>['items'][number];
