/**
 * What the reports context asks of an agreement: the agreement an organization files an obstacle report
 * on (its own, signed), and its yearly report obligation marked met when the manager accepts the report.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Agreement } from '../../shared/agreements';
import type { Db } from '../lib/db';
import { keys } from '../lib/keys';
import { findAgreement } from './repository';

/**
 * The write that marks the agreement's report obligation of `fiscalYear` met (its status only, at the
 * agreement's version, which it moves on like the obligations' follow-up), for the acceptance's
 * transaction; null when the agreement is gone or has no pending report obligation for that year.
 */
export async function reportObligationMetPiece(
  db: Db,
  t: string,
  agreementId: string,
  fiscalYear: number,
  who: { at: string; by: string },
): Promise<{ piece: TransactWriteItem; agreement: Agreement } | null> {
  const a = await findAgreement(db, t, agreementId, true);
  if (!a) return null;
  const i = a.obligations.findIndex((o) => o.kind === 'report' && o.fiscalYear === fiscalYear);
  if (i < 0 || a.obligations[i]!.status === 'met') return null;
  return {
    agreement: a,
    piece: {
      Update: {
        TableName: db.table,
        Key: marshall(keys.agreement(t, a.id)),
        UpdateExpression: `SET #obligations[${i}].#status = :met, #version = :next, #updatedAt = :at, #updatedBy = :by`,
        ConditionExpression: `#version = :expected AND #obligations[${i}].#id = :oid`,
        ExpressionAttributeNames: {
          '#obligations': 'obligations',
          '#status': 'status',
          '#id': 'id',
          '#version': 'version',
          '#updatedAt': 'updatedAt',
          '#updatedBy': 'updatedBy',
        },
        ExpressionAttributeValues: marshall({
          ':met': 'met',
          ':oid': a.obligations[i]!.id,
          ':expected': a.version,
          ':next': a.version + 1,
          ':at': who.at,
          ':by': who.by,
        }),
      },
    },
  };
}
