/**
 * "What waits for me" for the accountability reports, against DynamoDB Local: the representative's "Rapport à
 * remettre" (its organization's open reports due within 30 days) and "Rapport en retard" (overdue, first), the
 * managers' "Obstacle signalé" (each obstacle report not answered) and "Rapports en retard" (the overdue open
 * reports, counted). Read from the open markers the reports' routes keep (put at signature, deleted at submission;
 * put at filing, deleted with the answer); another organization's or another tenant's report never shows up.
 */
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { transact } from '../../functions/lib/db';
import { newId } from '../../functions/lib/ids';
import { keys } from '../../functions/lib/keys';
import { obstacleOpenPut } from '../../functions/reports';
import { reportOpenPut } from '../../functions/reports/repository';
import { AlreadyExistsError } from '../../shared/errors';
import type { Task } from '../../shared/tasks';
import { createHarness, type Harness } from '../support/harness';

const TASKS = '/api/t/{t}/me/tasks';
const REPORT_KINDS = ['report-to-submit', 'report-late', 'obstacle-reported', 'late-reports'];
let h: Harness;
const orgA = { id: 'org-a', name: 'CALACS Estrie' };
const orgB = { id: 'org-b', name: 'Maison des jeunes' };

const tasksOf = async (as: string, t = '{t}'): Promise<Task[]> =>
  (await h.json('GET', TASKS.replace('{t}', t), { as, expect: 200 })).items.filter((x: Task) => REPORT_KINDS.includes(x.kind));
const put = (items: Parameters<typeof transact>[1]) => transact(h.db, items, () => new AlreadyExistsError({ fr: '', en: '' }));

async function openReport(organization: { id: string; name: string }, dueOn: string, projectTitle: string, fiscalYear: number, tenantId = h.tenantId) {
  const id = newId();
  await put([reportOpenPut(h.db, tenantId, { id, dueOn, organization, projectTitle, fiscalYear })]);
  return id;
}

async function obstacle(organization: { id: string; name: string }, projectTitle: string, filedAt: string, tenantId = h.tenantId) {
  const id = newId();
  await put([obstacleOpenPut(h.db, tenantId, { id, organization, projectTitle, filedAt })]);
  return id;
}

const removeMarker = (k: { pk: string; sk: string }) => h.db.client.send(new DeleteItemCommand({ TableName: h.db.table, Key: marshall(k) }));

beforeEach(async () => {
  // 2027-06-15 in Quebec.
  h = await createHarness({ now: new Date('2027-06-15T15:00:00Z') });
  await h.addMember('manager', ['manager']);
  await h.addMember('coord', ['coordinator']);
  await h.addMember('m1', ['member']);
  await h.addMember('admin', ['administrator']);
  await h.addMember('orgrep', ['organization'], orgA.id);
  await h.addMember('otherrep', ['organization'], orgB.id);
});

describe('Rapport à remettre / Rapport en retard (the organization)', () => {
  it('lists its own open reports due within 30 days, the overdue one first and marked; never another organization’s', async () => {
    const due = await openReport(orgA, '2027-06-30', 'Halte-répit', 2026);
    const late = await openReport(orgA, '2026-06-30', 'Halte-répit', 2025);
    await openReport(orgA, '2027-07-16', 'Plus tard', 2026); // 31 days ahead: not yet
    const theirs = await openReport(orgB, '2027-06-30', 'Cuisine collective', 2026);

    expect(await tasksOf('orgrep')).toEqual([
      {
        kind: 'report-late',
        subject: null,
        title: 'Halte-répit — 2025-2026',
        dueAt: '2026-07-01T03:59:00.000Z',
        count: 1,
        link: `/rapports/${late}`,
        callId: null,
        studyId: null,
        roundId: null,
        proposalId: null,
      },
      expect.objectContaining({ kind: 'report-to-submit', title: 'Halte-répit — 2026-2027', dueAt: '2027-07-01T03:59:00.000Z', link: `/rapports/${due}` }),
    ]);
    expect((await tasksOf('otherrep')).map((x) => x.link)).toEqual([`/rapports/${theirs}`]);

    // Submitted: its marker is gone, and so is the task.
    await removeMarker(keys.reportOpen(h.tenantId, '2026-06-30', late));
    expect((await tasksOf('orgrep')).map((x) => x.kind)).toEqual(['report-to-submit']);

    // Staff who do not represent an organization have no report to submit.
    for (const who of ['coord', 'm1', 'admin']) expect(await tasksOf(who)).toEqual([]);
  });
});

describe('Obstacle signalé and Rapports en retard (the managers)', () => {
  it('one task per obstacle not answered; one task counting the overdue reports; only managers see them', async () => {
    await obstacle(orgB, 'Cuisine collective', '2027-06-10T14:00:00.000Z');
    const first = await obstacle(orgA, 'Halte-répit', '2027-06-01T14:00:00.000Z');
    await openReport(orgA, '2026-06-30', 'Halte-répit', 2025);
    await openReport(orgB, '2027-06-14', 'Cuisine collective', 2026); // due yesterday: overdue
    await openReport(orgB, '2027-06-15', 'Due today', 2026); // still on time
    await openReport(orgB, '2027-06-30', 'Cuisine collective', 2026);

    const mine = await tasksOf('manager');
    expect(mine.filter((x) => x.kind === 'late-reports')).toEqual([
      expect.objectContaining({ title: 'CALACS Estrie, Maison des jeunes', count: 2, link: '/rapports-recus', dueAt: '2026-07-01T03:59:00.000Z' }),
    ]);
    expect(mine.filter((x) => x.kind === 'obstacle-reported').map((x) => x.title)).toEqual([
      'CALACS Estrie — Halte-répit',
      'Maison des jeunes — Cuisine collective',
    ]);
    expect(mine.every((x) => x.link === '/rapports-recus')).toBe(true);
    // The overdue count comes first (its due date is the earliest), the obstacles (no due date) after.
    expect(mine[0]!.kind).toBe('late-reports');

    // Answered: the obstacle's marker is gone, so is its task.
    await removeMarker(keys.obstacleOpen(h.tenantId, first));
    expect((await tasksOf('manager')).filter((x) => x.kind === 'obstacle-reported').map((x) => x.title)).toEqual(['Maison des jeunes — Cuisine collective']);

    // Nobody else: not the coordinator, the table's members, the administrator, nor the representatives (their own reports only).
    for (const who of ['coord', 'm1', 'admin']) expect(await tasksOf(who)).toEqual([]);
    expect((await tasksOf('orgrep')).map((x) => x.kind)).toEqual(['report-late']);
    expect((await tasksOf('otherrep')).map((x) => x.kind)).toEqual(['report-late', 'report-to-submit', 'report-to-submit']);
  });

  it('never shows another tenant’s reports or obstacles', async () => {
    const other = `t-${newId()}`;
    await h.addMember('manager', ['manager'], null, other);
    await h.addMember('orgrep', ['organization'], orgA.id, other);
    await openReport(orgA, '2026-06-30', 'Ailleurs', 2025, other);
    await obstacle(orgA, 'Ailleurs', '2027-06-01T14:00:00.000Z', other);
    expect(await tasksOf('manager')).toEqual([]);
    expect(await tasksOf('orgrep')).toEqual([]);
    expect((await tasksOf('manager', other)).map((x) => x.kind).sort()).toEqual(['late-reports', 'obstacle-reported']);
    expect((await tasksOf('orgrep', other)).map((x) => x.title)).toEqual(['Ailleurs — 2025-2026']);
  });
});
