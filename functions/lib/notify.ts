/**
 * The notifier: a message of shared/notifications.ts, rendered in the
 * recipient's language, goes out without ever holding up the request. In AWS
 * it is put on an SQS queue that functions/lib/mail-consumer.ts empties into
 * Amazon SES; locally and in tests it lands in the outbox, items of the table
 * that the local server shows at /dev/outbox. A failing send is logged (the
 * kind and the error's name, no address, name or text) and forgotten: the
 * request that caused it still succeeds.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type * as z from 'zod';
import type { outgoingEmailSchema } from '../../shared/schemas/notifications';
import { AlreadyExistsError, type Lang } from '../../shared/errors';
import { renderNotification, shouldSend, type NotificationMessage } from '../../shared/notifications';
import { queryPage, putNew, type Db } from './db';
import { keys } from './keys';
import type { AppLogger } from './observability';

interface Recipient {
  userId: string;
  email: string;
  name: string;
  lang: Lang;
  /** The non-essential kinds the person turned off (their preferences); essential kinds ignore it. */
  optOut?: readonly string[] | undefined;
}

/** Never throws: a message that cannot be sent is logged and dropped. */
export type Notify = (recipient: Recipient, message: NotificationMessage) => Promise<void>;

/** One email ready to go: what the queue carries and the outbox keeps. */
export type OutgoingEmail = z.infer<typeof outgoingEmailSchema>;

function compose(recipient: Recipient, message: NotificationMessage, appUrl: string): OutgoingEmail | null {
  if (!shouldSend(message.kind, recipient.optOut)) return null;
  const { subject, body } = renderNotification(message, recipient.lang, recipient.name, appUrl);
  return { to: recipient.email, userId: recipient.userId, kind: message.kind, lang: recipient.lang, subject, body };
}

function errorName(e: unknown): string {
  return e instanceof Error ? e.name : 'unknown';
}

/** AWS: each message is one SQS message (the consumer sends it through SES). */
export function createQueueNotifier(opts: { sqs: Pick<SQSClient, 'send'>; queueUrl: string; appUrl: string; logger: AppLogger }): Notify {
  return async (recipient, message) => {
    const email = compose(recipient, message, opts.appUrl);
    if (!email) return;
    try {
      await opts.sqs.send(new SendMessageCommand({ QueueUrl: opts.queueUrl, MessageBody: JSON.stringify(email) }));
    } catch (e) {
      opts.logger.warn('notification not queued', { kind: message.kind, error: errorName(e) });
    }
  };
}

/** Locally and in tests: each message is an item of the outbox, newest first by its sort key. */
export function createOutboxNotifier(opts: { db: Db; appUrl: string; now: () => Date; newId: () => string; logger?: AppLogger | undefined }): Notify {
  return async (recipient, message) => {
    const email = compose(recipient, message, opts.appUrl);
    if (!email) return;
    const at = opts.now().toISOString();
    try {
      await putNew(
        opts.db,
        keys.outboxMessage(at, opts.newId()),
        'OutboxMessage',
        { ...email, at },
        () => new AlreadyExistsError({ fr: 'Ce message', en: 'This message' }),
      );
    } catch (e) {
      opts.logger?.warn('notification not stored', { kind: message.kind, error: errorName(e) });
    }
  };
}

export interface OutboxMessage extends OutgoingEmail {
  at: string;
}

/** The outbox's newest messages first (the local server's /dev/outbox, the tests). */
export async function readOutbox(db: Db, limit = 100): Promise<OutboxMessage[]> {
  const page = await queryPage<OutboxMessage>(db, { partition: keys.outbox, limit, forward: false, consistent: true });
  return page.items;
}
