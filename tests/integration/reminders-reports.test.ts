/**
 * Reminders of the yearly reports against DynamoDB Local, on a fake clock: 30 days before the due date, 7 days
 * before, and once overdue, each to the representatives of the report's organization, once per stage however
 * often the job runs, in each person's language; nothing for a report submitted (its open marker deleted), nothing
 * to another organization, another tenant's markers left alone. The outbox is shared by every file running at the
 * same time: each test reads its own people's `report-due` messages only.
 */
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { getItem, putNew, transact } from '../../functions/lib/db';
import { newId } from '../../functions/lib/ids';
import { keys } from '../../functions/lib/keys';
import { remindTenant } from '../../functions/reminders/core';
import { reportRemindersDue } from '../../functions/reports';
import { listMembersOfTenant } from '../../functions/identity';
import { reportOpenPut } from '../../functions/reports/repository';
import { AlreadyExistsError } from '../../shared/errors';
import type { Role } from '../../shared/permissions';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
let run: string;

beforeEach(async () => {
  h = await createHarness({ now: new Date('2027-05-30T16:00:00Z') });
  run = newId().slice(0, 8);
});

/** A person of this run (unique across the files sharing the outbox), in a language, representing an organization or not. */
async function person(name: string, roles: Role[], organizationId: string | null, language: 'fr' | 'en' = 'fr', tenantId = h.tenantId) {
  const userId = `${name}-${run}`;
  await putNew(
    h.db,
    keys.membership(userId, tenantId),
    'Membership',
    { tenantId, tenantName: 'Test', userId, name, email: `${userId}@test`, roles, organizationId, language },
    () => new AlreadyExistsError({ fr: '', en: '' }),
  );
  return userId;
}

/** A yearly report still open (its marker, as the institution's signature writes it). */
async function openReport(organizationId: string, dueOn: string, projectTitle: string, tenantId = h.tenantId) {
  const id = newId();
  await transact(
    h.db,
    [reportOpenPut(h.db, tenantId, { id, dueOn, organization: { id: organizationId, name: `Organisme ${organizationId}` }, projectTitle, fiscalYear: 2026 })],
    () => new AlreadyExistsError({ fr: '', en: '' }),
  );
  return id;
}

/** Submitting a report deletes its marker (the reports' routes do it in the submission's transaction). */
const submitted = (id: string, dueOn: string, tenantId = h.tenantId) =>
  h.db.client.send(new DeleteItemCommand({ TableName: h.db.table, Key: marshall(keys.reportOpen(tenantId, dueOn, id)) }));

const at = (iso: string) => {
  h.clock.now = new Date(iso);
};
const remind = () => remindTenant(h.deps, h.tenantId);
const got = async (userId: string) => (await h.outbox(userId)).filter((m) => m.kind === 'report-due');

describe('a yearly report due on 2027-06-30', () => {
  it('reminds its organization’s representatives 30 days before, 7 days before and once overdue, each once, in their language', async () => {
    const orgA = `a-${run}`;
    const orgB = `b-${run}`;
    const fr = await person('rep-fr', ['organization'], orgA, 'fr');
    const en = await person('rep-en', ['organization'], orgA, 'en');
    const other = await person('rep-b', ['organization'], orgB);
    const manager = await person('gest', ['manager'], null);
    const title = `Halte-répit ${run}`;
    const id = await openReport(orgA, '2027-06-30', title);
    // Another organization's report, due later: nothing for it yet, and never to A's representatives.
    await openReport(orgB, '2027-08-31', `Autre projet ${run}`);

    // 31 days before (2027-05-30 in Quebec): nothing.
    expect(await remind()).toBe(0);
    expect(await got(fr)).toEqual([]);

    // 30 days before: the 30-day message to A's two representatives, each in their language.
    at('2027-05-31T13:00:00Z');
    expect(await remind()).toBe(2);
    const [first] = await got(fr);
    expect(first).toMatchObject({ lang: 'fr', subject: `Rapport annuel 2026-2027 à remettre : ${title}` });
    expect(first!.body).toContain(`Le rapport annuel 2026-2027 du projet « ${title} » est à remettre au plus tard le 2027-06-30.`);
    expect(first!.body).toContain(`http://app.test/rapports/${id}`);
    const [english] = await got(en);
    expect(english).toMatchObject({ lang: 'en', subject: `2026-2027 yearly report due: ${title}` });
    expect(english!.body).toContain(`is due by 2027-06-30.`);
    expect(await got(other)).toEqual([]);
    expect(await got(manager)).toEqual([]);

    // Later that day, the next days, and two runs at once: nothing more.
    at('2027-05-31T20:00:00Z');
    expect(await remind()).toBe(0);
    at('2027-06-10T13:00:00Z');
    expect(await Promise.all([remind(), remind()])).toEqual([0, 0]);
    expect(await got(fr)).toHaveLength(1);

    // 7 days before: the 7-day one, once.
    at('2027-06-23T13:00:00Z');
    expect(await remind()).toBe(2);
    expect(await remind()).toBe(0);
    expect((await got(fr))[0]!.subject).toBe(`Plus qu’une semaine : rapport annuel 2026-2027 à remettre — ${title}`);
    expect((await got(en))[0]!.subject).toBe(`One week left: 2026-2027 yearly report due — ${title}`);

    // On the due date itself (still on time) nothing new; late in the evening of June 30, Montreal time, still on time.
    at('2027-07-01T03:30:00Z');
    expect(await remind()).toBe(0);

    // The day after: overdue, once, however often the job runs.
    at('2027-07-01T13:00:00Z');
    expect(await remind()).toBe(2);
    at('2027-07-01T14:00:00Z');
    expect(await remind()).toBe(0);
    at('2027-08-15T14:00:00Z');
    // (B's report is now within 30 days: its own representative's first reminder, nothing more for A's.)
    expect(await remind()).toBe(1);
    const mine = await got(fr);
    expect(mine.map((m) => m.subject)).toEqual([
      `Rapport annuel en retard : ${title}`,
      `Plus qu’une semaine : rapport annuel 2026-2027 à remettre — ${title}`,
      `Rapport annuel 2026-2027 à remettre : ${title}`,
    ]);
    expect(mine[0]!.body).toContain('était à remettre au plus tard le 2027-06-30');
    expect((await got(en))[0]!.subject).toBe(`Yearly report overdue: ${title}`);
    expect((await got(other)).map((m) => m.subject)).toEqual([`Rapport annuel 2026-2027 à remettre : Autre projet ${run}`]);

    // The overdue marker outlives the usual month, so the reminder does not come back when it expires.
    const marker = await getItem<{ expiresAt: number }>(h.db, keys.reminderSent(h.tenantId, `report:${id}:overdue`, '2027-06-30', fr), true);
    expect(marker!.expiresAt).toBeGreaterThan(Date.parse('2028-06-30T00:00:00Z') / 1000);
  });

  it('is not reminded of once submitted, even between two runs; a report signed late gets the stage it is at only', async () => {
    const org = `c-${run}`;
    const rep = await person('rep-c', ['organization'], org);
    const done = await openReport(org, '2027-06-30', `Remis ${run}`);
    await submitted(done, '2027-06-30');
    // Signed 20 days before the due date: the 30-day message (not both), then the 7-day one.
    at('2027-06-10T13:00:00Z');
    const late = await openReport(org, '2027-06-30', `Signé tard ${run}`);
    expect(await remind()).toBe(1);
    expect((await got(rep)).map((m) => m.subject)).toEqual([`Rapport annuel 2026-2027 à remettre : Signé tard ${run}`]);
    // Submitted before the 7-day stage: nothing more, ever.
    await submitted(late, '2027-06-30');
    at('2027-06-24T13:00:00Z');
    expect(await remind()).toBe(0);
    at('2027-07-02T13:00:00Z');
    expect(await remind()).toBe(0);
    expect(await got(rep)).toHaveLength(1);
  });

  it('leaves another tenant’s markers and people alone, and reads only the markers due within 30 days', async () => {
    const org = `d-${run}`;
    const other = `t-${newId()}`;
    const theirs = await person('rep-x', ['organization'], org, 'fr', other);
    await openReport(org, '2027-06-30', `Ailleurs ${run}`, other);
    at('2027-06-25T13:00:00Z');
    expect(await remind()).toBe(0);
    expect(await got(theirs)).toEqual([]);
    // Its own tenant's run reminds its own representative.
    expect(await remindTenant(h.deps, other)).toBe(1);

    // A report due in 31 days or more is not among the reminders due; one due in 30 is.
    const mine = await person('rep-d', ['organization'], org);
    await openReport(org, '2027-07-26', `Plus tard ${run}`);
    await openReport(org, '2027-07-25', `Dans 30 jours ${run}`);
    const due = await reportRemindersDue(h.deps, h.tenantId, await listMembersOfTenant(h.db, h.tenantId));
    expect(due.map((r) => [r.message.kind === 'report-due' && r.message.projectTitle, r.people.map((p) => p.userId)])).toEqual([
      [`Dans 30 jours ${run}`, [mine]],
    ]);
  });
});
