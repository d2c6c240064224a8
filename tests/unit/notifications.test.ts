/**
 * Notifications: the messages of shared/notifications.ts in both languages, the opt-out rule, the
 * queue notifier (a failing send never fails the request nor logs personal data) and the SES
 * consumer's partial batch failures. SQS and SES are mocked.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { sendBatch } from '../../functions/mail/consumer';
import { createQueueNotifier, type OutgoingEmail } from '../../functions/lib/notify';
import { ESSENTIAL_KINDS, OPTIONAL_KINDS, renderNotification, shouldSend, type NotificationMessage } from '../../shared/notifications';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const APP = 'https://enveloppe.example.org/';

const samples: NotificationMessage[] = [
  { kind: 'invitation', tenantName: 'CISSS de Laval', inviterName: 'Line Gagnon' },
  { kind: 'call-published', callId: 'c1', callTitle: 'Appel PSJP', closesAt: '2026-04-01T21:00:00Z' },
  { kind: 'round-opened', studyId: 's1', roundId: 'r1', studyTitle: 'Besoins 2026', closesAt: '2026-04-01T21:00:00Z' },
  { kind: 'revision-asked', callId: 'c1', callTitle: 'Appel PSJP', proposalTitle: 'Halte-garderie', dueAt: '2026-04-01T21:00:00Z' },
  { kind: 'deadline-soon', what: 'call', title: 'Appel PSJP', closesAt: '2026-04-01T21:00:00Z', callId: 'c1' },
  { kind: 'outcome-decided', callId: 'c1', proposalId: 'p1', callTitle: 'Appel PSJP', proposalTitle: 'Halte-garderie', grantedCents: 1_234_567 },
  {
    kind: 'agreement-sent',
    agreementId: 'a1',
    projectTitle: 'Halte-garderie',
    institutionName: 'CISSS des Laurentides',
    amountCents: 1_500_000,
    amendment: null,
  },
  { kind: 'agreement-sent', agreementId: 'a1', projectTitle: 'Halte-garderie', institutionName: 'CISSS des Laurentides', amountCents: 1_800_000, amendment: 1 },
  { kind: 'adoption-vote-opened', callId: 'c1', callTitle: 'Appel PSJP', closesAt: '2026-04-01T21:00:00Z' },
  { kind: 'report-reopened', reportId: 'r1', projectTitle: 'Halte-garderie', fiscalYear: 2025, reason: 'Le total ne concorde pas.' },
  { kind: 'obstacle-reported', reportId: 'r2', organizationName: 'CALACS Estrie', projectTitle: 'Halte-garderie' },
  { kind: 'obstacle-answered', reportId: 'r2', projectTitle: 'Halte-garderie' },
  {
    kind: 'claim-decided',
    agreementId: 'a1',
    agreementTitle: 'Halte-garderie',
    periodStart: '2004-04-01',
    periodEnd: '2004-04-30',
    cents: 150_000,
    approved: false,
    reason: 'Pièces manquantes',
  },
  { kind: 'report-due', reportId: 'r1', projectTitle: 'Halte-garderie', fiscalYear: 2025, dueOn: '2026-06-30', stage: 30 },
  { kind: 'report-due', reportId: 'r1', projectTitle: 'Halte-garderie', fiscalYear: 2025, dueOn: '2026-06-30', stage: 'overdue' },
];

describe('the messages', () => {
  it('splits the kinds into essential (cannot be turned off) and optional', () => {
    expect([...ESSENTIAL_KINDS].sort()).toEqual([
      'agreement-sent',
      'claim-decided',
      'invitation',
      'obstacle-answered',
      'obstacle-reported',
      'outcome-decided',
      'report-due',
      'report-reopened',
      'revision-asked',
    ]);
    expect([...OPTIONAL_KINDS].sort()).toEqual(['adoption-vote-opened', 'call-published', 'deadline-soon', 'round-opened']);
    expect(shouldSend('call-published', ['call-published'])).toBe(false);
    expect(shouldSend('call-published', ['round-opened'])).toBe(true);
    expect(shouldSend('revision-asked', ['revision-asked'])).toBe(true);
  });

  it.each(samples.map((m) => [m.kind, m] as const))('writes %s in French and English, greeting the person and linking its page', (_, m) => {
    for (const lang of ['fr', 'en'] as const) {
      const r = renderNotification(m, lang, 'Marie', APP);
      expect(r.subject.length).toBeGreaterThan(5);
      expect(r.body).toContain(lang === 'fr' ? 'Bonjour Marie,' : 'Hello Marie,');
      expect(r.link.startsWith('https://enveloppe.example.org/')).toBe(true);
      expect(r.link).not.toContain('.org//');
      expect(r.body).toContain(r.link);
    }
    expect(renderNotification(m, 'fr', 'M', APP).subject).not.toBe(renderNotification(m, 'en', 'M', APP).subject);
  });

  it('follows Quebec usage for amounts and times (Montreal time)', () => {
    const fr = renderNotification(samples[5]!, 'fr', 'Marie', APP);
    expect(plain(fr.body)).toContain('12 345,67 $');
    expect(fr.link).toBe('https://enveloppe.example.org/appels/c1/projets/p1');
    const en = renderNotification(samples[5]!, 'en', 'Marie', APP);
    expect(en.body).toContain('$12,345.67');
    const call = renderNotification(samples[1]!, 'fr', 'Marie', APP);
    expect(call.body).toContain('2026-04-01 17 h 00');
    expect(renderNotification(samples[1]!, 'en', 'Marie', APP).body).toContain('2026-04-01 5:00 p.m.');
    const refused = renderNotification({ ...samples[5]!, grantedCents: null } as NotificationMessage, 'fr', 'Marie', APP);
    expect(refused.body).toContain('n’est pas financé');
  });

  it('says which roles an invitation offers, and points to its page', () => {
    const m: NotificationMessage = {
      kind: 'invitation',
      tenantName: 'CISSS de Laval',
      inviterName: 'Line Gagnon',
      token: 'abc',
      roles: [{ fr: 'Membre de la table', en: 'Table member' }],
    };
    const fr = renderNotification(m, 'fr', 'Marie', APP);
    expect(fr.body).toContain('Line Gagnon vous invite à rejoindre CISSS de Laval dans Enveloppe, avec le rôle : Membre de la table.');
    expect(fr.link).toBe('https://enveloppe.example.org/invitation/abc');
    expect(renderNotification(m, 'en', 'Marie', APP).body).toContain('as Table member.');
    const two = renderNotification({ ...m, roles: [...m.roles!, { fr: 'Gestionnaire', en: 'Manager' }] }, 'fr', 'Marie', APP);
    expect(two.body).toContain('avec les rôles : Membre de la table, Gestionnaire.');
  });
});

const sqs = mockClient(SQSClient);
const ses = mockClient(SESv2Client);
const recipient = { userId: 'u1', email: 'marie@example.org', name: 'Marie Tremblay', lang: 'fr' as const };

function capturingLogger() {
  const entries: { level: string; message: string; attributes: unknown }[] = [];
  const log = (level: string) => (message: string, attributes: unknown) => void entries.push({ level, message, attributes });
  return { entries, logger: { info: log('info'), warn: log('warn'), error: log('error') } };
}

beforeEach(() => {
  sqs.reset();
  ses.reset();
});

describe('the queue notifier', () => {
  it('puts the rendered message on the queue', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    const { logger } = capturingLogger();
    const notify = createQueueNotifier({ sqs: new SQSClient({ region: 'ca-central-1' }), queueUrl: 'https://sqs/q', appUrl: APP, logger });
    await notify(recipient, samples[3]!);
    const sent = sqs.commandCalls(SendMessageCommand);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.args[0].input.QueueUrl).toBe('https://sqs/q');
    const email = JSON.parse(sent[0]!.args[0].input.MessageBody!) as OutgoingEmail;
    expect(email).toMatchObject({ to: 'marie@example.org', kind: 'revision-asked', lang: 'fr' });
    expect(email.subject).toBe('Révision demandée : Halte-garderie');
  });

  it('sends nothing the person turned off, but always the essential kinds', async () => {
    sqs.on(SendMessageCommand).resolves({});
    const { logger } = capturingLogger();
    const notify = createQueueNotifier({ sqs: new SQSClient({ region: 'ca-central-1' }), queueUrl: 'q', appUrl: APP, logger });
    const optOut = ['call-published', 'invitation'];
    await notify({ ...recipient, optOut }, samples[1]!);
    await notify({ ...recipient, optOut }, samples[0]!);
    expect(sqs.commandCalls(SendMessageCommand).map((c) => JSON.parse(c.args[0].input.MessageBody!).kind)).toEqual(['invitation']);
  });

  it('never throws when the queue fails, and logs no address, name or text', async () => {
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('marie@example.org throttled'), { name: 'ThrottlingException' }));
    const { entries, logger } = capturingLogger();
    const notify = createQueueNotifier({ sqs: new SQSClient({ region: 'ca-central-1', maxAttempts: 1 }), queueUrl: 'q', appUrl: APP, logger });
    await expect(notify(recipient, samples[3]!)).resolves.toBeUndefined();
    expect(entries).toEqual([{ level: 'warn', message: 'notification not queued', attributes: { kind: 'revision-asked', error: 'ThrottlingException' } }]);
    const logged = JSON.stringify(entries);
    for (const secret of ['marie@example.org', 'Marie', 'Halte-garderie']) expect(logged).not.toContain(secret);
  });
});

function event(bodies: string[]): SQSEvent {
  return { Records: bodies.map((body, i) => ({ messageId: `m${i}`, body }) as SQSEvent['Records'][number]) };
}

describe('the SES consumer', () => {
  const email: OutgoingEmail = { to: 'marie@example.org', userId: 'u1', kind: 'invitation', lang: 'fr', subject: 'Objet', body: 'Texte' };

  it('sends each message from the configured identity, as plain UTF-8 text', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'x' });
    const { logger } = capturingLogger();
    const out = await sendBatch(event([JSON.stringify(email)]), { ses: new SESv2Client({ region: 'ca-central-1' }), from: 'avis@example.org', logger });
    expect(out.batchItemFailures).toEqual([]);
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.FromEmailAddress).toBe('avis@example.org');
    expect(input.Destination?.ToAddresses).toEqual(['marie@example.org']);
    expect(input.Content?.Simple?.Subject).toEqual({ Data: 'Objet', Charset: 'UTF-8' });
    expect(input.Content?.Simple?.Body?.Text).toEqual({ Data: 'Texte', Charset: 'UTF-8' });
  });

  it('reports only the failed messages, so the others are not retried, and logs no personal data', async () => {
    ses
      .on(SendEmailCommand)
      .resolvesOnce({})
      .rejectsOnce(Object.assign(new Error('rejected marie@example.org'), { name: 'MessageRejected' }))
      .resolves({});
    const { entries, logger } = capturingLogger();
    const out = await sendBatch(event([JSON.stringify(email), JSON.stringify(email), 'not json', JSON.stringify(email)]), {
      ses: new SESv2Client({ region: 'ca-central-1', maxAttempts: 1 }),
      from: 'avis@example.org',
      logger,
    });
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }, { itemIdentifier: 'm2' }]);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(3);
    expect(JSON.stringify(entries)).not.toContain('marie@example.org');
  });

  it('refuses a message that is JSON but not an email the API wrote (a field missing, an address that is none), without sending it', async () => {
    ses.on(SendEmailCommand).resolves({});
    const { logger } = capturingLogger();
    const { subject: _dropped, ...noSubject } = email;
    const out = await sendBatch(event([JSON.stringify(noSubject), JSON.stringify({ ...email, to: 'personne' })]), {
      ses: new SESv2Client({ region: 'ca-central-1', maxAttempts: 1 }),
      from: 'avis@example.org',
      logger,
    });
    expect(out.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m0', 'm1']);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});
