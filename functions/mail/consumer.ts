/**
 * The notifications queue's consumer: each SQS message is one email composed by the API
 * (functions/lib/notify.ts), sent as is through Amazon SES. A message that fails is reported
 * alone (partial batch response), so SQS retries it and not the others of its batch, and after
 * its last try moves it to the dead-letter queue. Nothing of the message reaches the log but its
 * SQS id, its kind and the error's name.
 */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { outgoingEmailSchema } from '../../shared/schemas/notifications';
import type { OutgoingEmail } from '../lib/notify';
import type { AppLogger } from '../lib/observability';

export interface MailDeps {
  ses: Pick<SESv2Client, 'send'>;
  /** The verified SES identity messages are sent from (the CDK app's `mailFrom`). */
  from: string;
  logger: AppLogger;
}

/** The email a queue message carries, checked against the schema the API wrote it with; null when unreadable. */
function parse(body: string): OutgoingEmail | null {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return null;
  }
  const checked = outgoingEmailSchema.safeParse(raw);
  return checked.success ? checked.data : null;
}

export async function sendBatch(event: SQSEvent, deps: MailDeps): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const email = parse(record.body);
    if (!email) {
      // Malformed: retrying cannot help; it goes to the dead-letter queue after its tries.
      deps.logger.error('notification unreadable', { messageId: record.messageId });
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    try {
      await deps.ses.send(
        new SendEmailCommand({
          FromEmailAddress: deps.from,
          Destination: { ToAddresses: [email.to] },
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: email.body, Charset: 'UTF-8' } },
            },
          },
        }),
      );
    } catch (e) {
      deps.logger.warn('notification not sent', { messageId: record.messageId, kind: email.kind, error: e instanceof Error ? e.name : 'unknown' });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
