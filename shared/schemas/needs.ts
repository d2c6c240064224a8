/** Bodies of the needs study, consultation and prioritization routes. */
import * as z from 'zod';
import { NEED_CATEGORIES, NEED_SOURCES } from '../needs';
import { id, instant, optionalText, text, version } from './common';

const unique = <T extends z.ZodType>(item: T) =>
  z.array(item).superRefine((list, ctx) => {
    const seen = new Set<unknown>();
    list.forEach((v, i) => {
      if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], params: { code: 'duplicate_value' } });
      seen.add(v);
    });
  });

/** `tableId`: the concertation table whose voting members prioritize (absent or null: every member of the tenant). */
export const createStudySchema = z.strictObject({ title: text(200), callId: id.nullable(), tableId: id.nullable().optional() });
/** `tableId` absent: the study keeps its table. */
export const updateStudySchema = z.strictObject({ version, title: text(200), status: z.enum(['open', 'closed']), tableId: id.nullable().optional() });
export const consultationSchema = z.strictObject({ version, open: z.boolean() });

const needFields = {
  statement: text(500),
  category: z.enum(NEED_CATEGORIES),
  sources: unique(z.enum(NEED_SOURCES)).min(1).max(NEED_SOURCES.length),
  notes: optionalText(2000),
};
export const createNeedSchema = z.strictObject(needFields);
export const updateNeedSchema = z.strictObject({ ...needFields, version });

const versioned = z.strictObject({ id, version });
export const mergeNeedsSchema = z.strictObject({ into: versioned, from: z.array(versioned).min(1).max(50) }).superRefine((v, ctx) => {
  const ids = [v.into.id, ...v.from.map((f) => f.id)];
  if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['from'], params: { code: 'duplicate_value' } });
});

/** What a person of the public sends: no name, no contact. */
export const consultationAnswerSchema = z
  .strictObject({
    proposedNeeds: z.array(text(500)).max(10),
    preferredNeedIds: unique(id).max(10),
  })
  .superRefine((v, ctx) => {
    if (v.proposedNeeds.length === 0 && v.preferredNeedIds.length === 0) ctx.addIssue({ code: 'custom', path: [], params: { code: 'answer_empty' } });
  });

export const moderateAnswerSchema = z.strictObject({
  version,
  decision: z.enum(['accepted', 'dismissed']),
  /** Needs recorded from the answer (accepted answers). */
  newNeeds: z.array(z.strictObject({ statement: text(500), category: z.enum(NEED_CATEGORIES) })).max(10),
});

export const createRoundSchema = z
  .strictObject({
    title: text(200),
    method: z.enum(['ranking', 'points', 'approval']),
    pointsBudget: z.number().int().min(1).max(1000).nullable(),
    approvalMax: z.number().int().min(1).max(200).nullable(),
    closesAt: instant,
  })
  .superRefine((v, ctx) => {
    if (v.method === 'points' && v.pointsBudget === null) ctx.addIssue({ code: 'custom', path: ['pointsBudget'], params: { code: 'method_needs_points' } });
    if (v.method === 'approval' && v.approvalMax === null) ctx.addIssue({ code: 'custom', path: ['approvalMax'], params: { code: 'method_needs_max' } });
  });

export const ballotSchema = z.strictObject({
  /** null for a first ballot, else the version being replaced. */
  version: version.nullable(),
  ranking: z.array(z.array(id).min(1).max(200)).max(200).optional(),
  points: z.record(id, z.number().int().min(0).max(1000)).optional(),
  approved: z.array(id).max(200).optional(),
});

export const closeRoundSchema = z.strictObject({ version });

export const retentionSchema = z.strictObject({
  version,
  retainedNeedIds: unique(id).max(200),
  referrals: z.array(z.strictObject({ needId: id, body: text(200), note: optionalText(1000) })).max(200),
  tieBreak: optionalText(1000),
});

/** Paper ballots brought in from a PrefLib file (200 000 characters is some 10 000 ballots). */
export const importPrefLibSchema = z.strictObject({ version, fileName: z.string().max(200), text: z.string().min(1).max(200_000) });

export type BallotInput = z.infer<typeof ballotSchema>;
