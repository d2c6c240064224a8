/**
 * What agreements and claims ask of people ("what waits for me"):
 *
 * - a manager who decides claims (`payment:write`): "Réclamations à traiter", one task counting the
 *   claims in the tenant's sparse queue (gsi2 `PENDING-CLAIMS`): one Query, whatever the agreements;
 * - a manager who signs for the institution (`agreement:write`): "Ententes à signer", per call, the
 *   agreements (and amendments) the organization signed that wait for the institution's signature:
 *   one Query of the institution's queue (keys.awaitingInstitution), the waiting ones only;
 * - a manager who edits agreements (`agreement:write`): "Entente à revoir", one per agreement (or amendment)
 *   the organization asked changes to (organization — project as the title): one Query of the review queue
 *   (keys.awaitingReview), the waiting ones only;
 * - an organization's representative (`agreement:own`): "Entente à signer", per agreement of its own
 *   organization sent to it (or with an amendment sent to it): one Query of its agreements' keys (gsi2)
 *   and one BatchGetItem of their few fields. Another organization's agreement is never read.
 *
 * No per-agreement GetItem: the home page reads these at each visit (bench/tasks).
 */
import { BatchGetItemCommand, QueryCommand, type AttributeValue, type BatchGetItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Agreement, Amendment } from '../../shared/agreements';
import type { StoredCall } from '../../shared/domain';
import { task, type Task } from '../../shared/tasks';
import type { Deps } from '../lib/app';
import type { Member } from '../lib/auth';
import type { Db } from '../lib/db';
import { keys } from '../lib/keys';
import { listAwaitingInstitution, listAwaitingReview } from './repository';

type AgreementFacts = Pick<Agreement, 'id' | 'callId' | 'status'> & {
  object?: { title?: string };
  organization?: { name?: string };
  amendments?: Pick<Amendment, 'status'>[];
};

/** The fields a task needs of an agreement (its amendments' statuses come with their terms: DynamoDB projects whole list elements). */
const FACTS = {
  ProjectionExpression: 'id, callId, #status, #object.title, organization.#name, amendments',
  names: { '#status': 'status', '#object': 'object', '#name': 'name' },
};

/** Every page of a Query (the few pages of one partition), with `Select`/filter/projection as given. */
async function queryPages(db: Db, input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName' | 'ExclusiveStartKey'>) {
  const items: Record<string, AttributeValue>[] = [];
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await db.client.send(new QueryCommand({ ...input, TableName: db.table, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return { items, count };
}

/** The claims waiting for a decision: one task, counting them, naming the first organizations. */
async function claimTasks(db: Db, t: string): Promise<Task[]> {
  const { items, count } = await queryPages(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: marshall({ ':pk': keys.pendingClaims(t) }),
    ProjectionExpression: '#row.organizationName',
    ExpressionAttributeNames: { '#row': 'row' },
  });
  if (count === 0) return [];
  const names = [...new Set(items.map((i) => String((unmarshall(i) as { row?: { organizationName?: string } }).row?.organizationName ?? '')).filter(Boolean))];
  const title = names.length > 3 ? `${names.slice(0, 3).join(', ')}…` : names.join(', ');
  return [task({ kind: 'claims', title, dueAt: null, count, link: '/reclamations' })];
}

/** Whether the organization's signature is awaited: the agreement sent to it, or an amendment sent to it. */
const awaitsOrganization = (a: AgreementFacts) => a.status === 'sent' || (a.status === 'signed' && (a.amendments ?? []).some((x) => x.status === 'sent'));

/**
 * Per call, the agreements (and amendments) the institution has to sign, from the institution's queue (written with
 * each organization's signature, emptied by the institution's): one Query of the waiting ones only. A single one
 * links to itself, several to the call's agreements.
 */
async function institutionSignatureTasks(db: Db, t: string, calls: readonly StoredCall[]): Promise<Task[]> {
  const waiting = await listAwaitingInstitution(db, t);
  const byCall = new Map<string, typeof waiting>();
  for (const a of waiting) byCall.set(a.callId, [...(byCall.get(a.callId) ?? []), a]);
  const titles = new Map(calls.map((c) => [c.id, c.title]));
  return [...byCall.entries()].map(([callId, list]) => {
    const only = list.length === 1 ? list[0] : undefined;
    return task({
      kind: 'sign-agreements',
      title: only ? `${only.organizationName} — ${only.title}` : (titles.get(callId) ?? ''),
      dueAt: null,
      count: list.length,
      link: only ? `/ententes/${only.agreementId}` : `/appels/${callId}/ententes`,
      callId,
    });
  });
}

/** The agreements (and amendments) the organizations asked changes to, one task each, linking to the agreement. */
async function reviewTasks(db: Db, t: string): Promise<Task[]> {
  return (await listAwaitingReview(db, t)).map((x) =>
    task({ kind: 'review-agreement', title: `${x.organizationName} — ${x.title}`, dueAt: null, link: `/ententes/${x.agreementId}`, callId: x.callId }),
  );
}

/** The organization's agreements (or amendments) sent to it for its signature, one task each. */
async function organizationSignatureTasks(db: Db, t: string, organizationId: string): Promise<Task[]> {
  const { items } = await queryPages(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
    ExpressionAttributeValues: marshall({ ':pk': keys.agreementsOfOrganization(t, organizationId), ':prefix': 'AGR#' }),
    ProjectionExpression: 'gsi2sk',
  });
  const ids = items.map((i) => String(unmarshall(i).gsi2sk).slice('AGR#'.length));
  const found: AgreementFacts[] = [];
  // BatchGetItem reads up to 100 keys at once; unprocessed keys are asked again.
  for (let i = 0; i < ids.length; i += 100) {
    let request: Record<string, AttributeValue>[] | undefined = ids.slice(i, i + 100).map((id) => marshall(keys.agreement(t, id)));
    while (request && request.length > 0) {
      const out: BatchGetItemCommandOutput = await db.client.send(
        new BatchGetItemCommand({
          RequestItems: {
            [db.table]: {
              Keys: request,
              ProjectionExpression: `${FACTS.ProjectionExpression}, organization.id`,
              ExpressionAttributeNames: FACTS.names,
            },
          },
        }),
      );
      found.push(...(out.Responses?.[db.table] ?? []).map((x) => unmarshall(x) as AgreementFacts & { organization?: { id?: string } }));
      request = out.UnprocessedKeys?.[db.table]?.Keys;
    }
  }
  return found
    .filter((a) => (a as { organization?: { id?: string } }).organization?.id === organizationId && awaitsOrganization(a))
    .map((a) => task({ kind: 'agreement-to-sign', title: a.object?.title ?? '', dueAt: null, link: `/mes-ententes/${a.id}`, callId: a.callId }));
}

/** The caller's agreement and claim tasks, each by its own permission. */
export async function agreementTasksFor(deps: Pick<Deps, 'db'>, member: Member, calls: readonly StoredCall[]): Promise<Task[]> {
  const t = member.tenantId;
  const found = await Promise.all([
    member.permissions.has('payment:write') ? claimTasks(deps.db, t) : [],
    member.permissions.has('agreement:write') ? institutionSignatureTasks(deps.db, t, calls) : [],
    member.permissions.has('agreement:write') ? reviewTasks(deps.db, t) : [],
    member.permissions.has('agreement:own') && member.organizationId ? organizationSignatureTasks(deps.db, t, member.organizationId) : [],
  ]);
  return found.flat();
}
