/**
 * Concertation tables (tables de concertation): a tenant has several, by
 * territory or program. A table has its coordinators and its members, each
 * representing an organization or the institution, voting or observing.
 * Needs studies, scoring and votes belong to a table: who votes is the
 * table's voting members whose membership is active (functions/tables).
 */
import type { Audit } from './domain';
import type { AdoptionRules } from './recommendation';

/** What a member represents at the table: a community organization of the tenant, or the institution (CLSC, school, city…). */
export type Represents = { kind: 'organization'; organizationId: string; name: string } | { kind: 'institution'; name: string };

export interface TableMember {
  userId: string;
  name: string;
  represents: Represents;
  /** true: a voting member (membre votant); false: an observer (observateur·trice), who reads but neither votes nor scores. */
  voting: boolean;
  addedAt: string;
  addedBy: string;
}

export interface ConcertationTable extends Audit {
  id: string;
  name: string;
  description: string;
  /** The coordinators (role `coordinator`) who manage the table's members. */
  coordinatorIds: string[];
  members: TableMember[];
  /** How the table adopts a recommendation (METHODS.md §5); absent: DEFAULT_ADOPTION_RULES. */
  adoptionRules?: AdoptionRules;
}

/**
 * One who votes (a needs round, the approval vote) or scores at a table, as
 * the act reads it: the membership's own organization and the one represented
 * at the table both recuse.
 */
export interface Voter {
  userId: string;
  name: string;
  organizationId: string | null;
  representsOrganizationId: string | null;
}
