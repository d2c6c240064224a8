/**
 * Needs study and prioritization (seed 002, CLSC 1): the table records the
 * needs of the people concerned, prioritizes them in rounds, retains some
 * and refers others, and the call asks for projects that answer them.
 */
import type { Audit } from './domain';
import type { Ranking } from './ranking/methods';
import type { Voter } from './tables';

export const NEED_CATEGORIES = ['transport', 'socializing', 'childcare', 'housing', 'food', 'employment', 'health', 'other'] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];

export const NEED_SOURCES = ['workers', 'partners', 'people', 'survey', 'consultation'] as const;
export type NeedSource = (typeof NEED_SOURCES)[number];

export const CATEGORY_LABELS: Record<NeedCategory, { fr: string; en: string }> = {
  transport: { fr: 'Transport', en: 'Transport' },
  socializing: { fr: 'Lieux pour socialiser', en: 'Places to socialize' },
  childcare: { fr: 'Garde d’enfants', en: 'Childcare' },
  housing: { fr: 'Logement', en: 'Housing' },
  food: { fr: 'Alimentation', en: 'Food' },
  employment: { fr: 'Emploi', en: 'Employment' },
  health: { fr: 'Santé', en: 'Health' },
  other: { fr: 'Autre', en: 'Other' },
};

export const SOURCE_LABELS: Record<NeedSource, { fr: string; en: string }> = {
  workers: { fr: 'Groupe de discussion d’intervenant·es', en: 'Focus group of workers' },
  partners: { fr: 'Partenaires', en: 'Partners' },
  people: { fr: 'Personnes concernées', en: 'People concerned' },
  survey: { fr: 'Sondage', en: 'Survey' },
  consultation: { fr: 'Consultation publique', en: 'Public consultation' },
};

export interface NeedsStudy extends Audit {
  id: string;
  title: string;
  /** The call it prepares, or null for a study of the table reused across calls. */
  callId: string | null;
  status: 'open' | 'closed';
  /** The public consultation: its unguessable link token, and whether it takes answers. */
  consultation: { token: string; open: boolean } | null;
  /** The concertation table whose voting members prioritize; null or absent (studies from before tables): every member of the tenant. */
  tableId?: string | null;
}

export interface Need extends Audit {
  id: string;
  studyId: string;
  statement: string;
  category: NeedCategory;
  sources: NeedSource[];
  notes: string;
  status: 'active' | 'merged';
  /** The need this one was merged into. */
  mergedInto: string | null;
}

type RoundMethod = 'ranking' | 'points' | 'approval';

export interface RoundResult {
  method: RoundMethod;
  /** The order the round is decided on: Schulze for ranking, else points or approvals. */
  primary: Ranking;
  /** Borda, shown beside Schulze for ranking rounds. */
  borda: Ranking | null;
  participants: number;
  eligibleVoters: number | null;
}

interface Retention {
  retainedNeedIds: string[];
  referrals: { needId: string; body: string; note: string }[];
  /** Required when the retained set cuts through a tie of the result: how the table broke it. */
  tieBreak: string | null;
  decidedAt: string;
  decidedBy: string;
}

export interface PrioritizationRound extends Audit {
  id: string;
  studyId: string;
  title: string;
  method: RoundMethod;
  /** Points each member distributes (points method). */
  pointsBudget: number | null;
  /** How many needs each member may approve (approval method). */
  approvalMax: number | null;
  /** The needs being prioritized, as they read when the round opened. */
  needs: { id: string; statement: string; category: NeedCategory }[];
  status: 'open' | 'closed';
  closesAt: string;
  closedAt: string | null;
  result: RoundResult | null;
  retention: Retention | null;
  /** Ballots brought in from PrefLib files (paper votes, another tool), grouped as in the files. */
  importedBallots?: { count: number; tiers: string[][] }[];
  importedFiles?: { fileName: string; voters: number; importedAt: string; importedBy: string }[];
  /** The study's table when the round opened (absent on rounds from before tables: the tenant's members vote). */
  tableId?: string | null;
  /** Who could vote when the round closed (the table's voting members then): a later change of the table leaves the result as it was. */
  voters?: Voter[];
}

export interface Ballot {
  roundId: string;
  userId: string;
  voterName: string;
  /** Ranking rounds: tiers of need ids, best first; needs left out are tied last. */
  ranking: string[][] | null;
  /** Points rounds: points per need id. */
  points: Record<string, number> | null;
  /** Approval rounds: the needs approved. */
  approved: string[] | null;
  submittedAt: string;
  version: number;
}

export interface ConsultationAnswer {
  id: string;
  studyId: string;
  /** Needs in the person's own words. */
  proposedNeeds: string[];
  /** Listed needs that matter most to the person. */
  preferredNeedIds: string[];
  receivedAt: string;
  moderation: 'pending' | 'accepted' | 'dismissed';
  /** The needs the coordinator recorded from this answer. */
  needIds: string[];
  version: number;
}

/** A retained need as a call carries it: what organizations answer to. */
export interface CallNeed {
  id: string;
  statement: string;
  category: NeedCategory;
}
