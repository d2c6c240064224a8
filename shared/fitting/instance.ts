/**
 * A budget-fitting instance, as ../shared/METHODS.md §3 defines it (JSON,
 * also the API's body): a budget, proposals with request, minimum viable
 * amount, score and needs, and optional constraints. Amounts in integer cents.
 */
import * as z from 'zod';

const cents = z.number().int().min(0).max(100_000_000_000);

const fitProposalSchema = z.strictObject({
  id: z.string().min(1).max(128),
  organization: z.string().min(1).max(128),
  requested: cents.min(1),
  minimum: cents.min(1),
  score: z.number().min(0).max(1_000_000),
  needs: z.array(z.string().min(1).max(128)).max(50).default([]),
});

export const fitInstanceSchema = z
  .strictObject({
    budget: cents,
    proposals: z.array(fitProposalSchema).max(100_000),
    constraints: z
      .strictObject({
        coverNeeds: z.array(z.string().min(1).max(128)).max(200).optional(),
        maxProposalsPerOrganization: z.number().int().min(1).optional(),
        maxAmountPerOrganization: cents.min(1).optional(),
        reserved: z
          .array(z.strictObject({ need: z.string().min(1).max(128), amount: cents.min(1) }))
          .max(200)
          .optional(),
      })
      .default({}),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.proposals.forEach((p, i) => {
      if (seen.has(p.id))
        ctx.addIssue({ code: 'custom', path: ['proposals', i, 'id'], params: { code: 'duplicate_value' }, message: `the id “${p.id}” is used twice` });
      seen.add(p.id);
      if (p.minimum > p.requested)
        ctx.addIssue({
          code: 'custom',
          path: ['proposals', i, 'minimum'],
          params: { code: 'minimum_above_request' },
          message: `the minimum (${p.minimum}) is above the request (${p.requested})`,
        });
    });
  });

export type FitInstance = z.output<typeof fitInstanceSchema>;
export type FitProposal = FitInstance['proposals'][number];
export type FitMethod = 'greedy' | 'proportional' | 'equal' | 'optimal';
export type FitObjective = 'value' | 'coverage';

export interface Reason {
  code:
    | 'full'
    | 'reduced'
    | 'reduced-to-cap'
    | 'minimum'
    | 'minimum-for-need'
    | 'no-room'
    | 'below-minimum'
    | 'minimum-above-cap'
    | 'organization-at-max'
    | 'not-chosen'
    | 'tie';
  fr: string;
  en: string;
  /** tie: the proposal kept in its place (an id, for a screen to show its title). */
  ref?: string;
}

export interface Allocation {
  id: string;
  amount: number;
  reason: Reason;
}

export interface FitResult {
  method: FitMethod;
  objectiveName: FitObjective;
  /** Σ score × funded share, whatever the method (so methods compare). */
  objective: number;
  total: number;
  /** optimal only: true when proven optimal (zero gap); false when the time ran out first. */
  optimal: boolean | null;
  /**
   * optimal only, and only when true: the optimum is proven, but the time ran out before the tie rule
   * (../shared/METHODS.md §3) was applied to the end, so another optimal solution might be the preferred one.
   */
  tieRuleUnfinished?: true;
  allocations: Allocation[];
  constraints: { name: string; satisfied: boolean }[];
  /** When no allocation can satisfy the constraints: what conflicts, in plain words. */
  infeasible: { code: string; fr: string; en: string }[] | null;
}
