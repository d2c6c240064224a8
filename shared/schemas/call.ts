import * as z from 'zod';
import { cents, id, instant, optionalText, text, version } from './common';

const eligibilityCriterion = z.strictObject({
  id: id.optional(),
  label: text(200),
  description: optionalText(1000),
});

const callFields = {
  envelopeId: id,
  title: text(200),
  description: optionalText(5000),
  amountAvailable: cents.min(1),
  maxRequest: cents.min(1),
  eligibilityCriteria: z.array(eligibilityCriterion).min(1).max(30),
  opensAt: instant,
  closesAt: instant,
  /** One-year projects, or one- and two-year projects. */
  allowedDurations: z.union([z.tuple([z.literal(1)]), z.tuple([z.literal(1), z.literal(2)])]),
  /** The prioritization round whose retained needs the call asks projects to answer, or null. */
  needsFrom: z.strictObject({ studyId: id, roundId: id }).nullable().default(null),
  /** `open` to every organization of the territory, or `invited`: reserved to `invitedOrganizationIds`. */
  access: z.enum(['open', 'invited']).default('open'),
  /** The invited organizations (none for an open call); a draft may hold none yet, publication needs one. */
  invitedOrganizationIds: z.array(id).max(200).default([]),
  /** The concertation table that scores and votes on the call, or null (every member of the tenant). */
  tableId: id.nullable().default(null),
};

/** Each organization once; an open call invites none. */
function checkInvited(v: { access: 'open' | 'invited'; invitedOrganizationIds: string[] }, ctx: z.RefinementCtx) {
  if (v.access === 'open' && v.invitedOrganizationIds.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['invitedOrganizationIds'], params: { code: 'invited_on_open_call' } });
  }
  checkUnique(v.invitedOrganizationIds, 'invitedOrganizationIds', ctx);
}

function checkUnique(ids: string[], field: string, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  ids.forEach((v, i) => {
    if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [field, i], params: { code: 'duplicate_value' } });
    seen.add(v);
  });
}

function checkCall(
  v: { opensAt: string; closesAt: string; maxRequest: number; amountAvailable: number; access: 'open' | 'invited'; invitedOrganizationIds: string[] },
  ctx: z.RefinementCtx,
) {
  checkInvited(v, ctx);
  if (Date.parse(v.closesAt) <= Date.parse(v.opensAt)) {
    ctx.addIssue({ code: 'custom', path: ['closesAt'], params: { code: 'closes_before_opens' } });
  }
  if (v.maxRequest > v.amountAvailable) {
    ctx.addIssue({ code: 'custom', path: ['maxRequest'], params: { code: 'max_request_above_available' } });
  }
}

export const createCallSchema = z.strictObject(callFields).superRefine(checkCall);
export const updateCallSchema = z.strictObject({ ...callFields, version }).superRefine(checkCall);
export const publishCallSchema = z.strictObject({ version });
/** Extends a published call's deadline: a later closing time and the reason organizations will read. */
export const extendCallSchema = z.strictObject({ version, closesAt: instant, reason: text(1000) });

/** Invites more organizations to an invitation-only call, until it closes. */
export const inviteOrganizationsSchema = z
  .strictObject({ version, organizationIds: z.array(id).min(1).max(100) })
  .superRefine((v, ctx) => checkUnique(v.organizationIds, 'organizationIds', ctx));

export type CreateCallInput = z.infer<typeof createCallSchema>;
