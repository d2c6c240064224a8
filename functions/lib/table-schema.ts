/**
 * The single table's key schema and secondary indexes, read by the local
 * runtime (functions/local/table.ts) and by the CDK data stack, so the two
 * cannot drift apart. docs/data-model.md says which access pattern each serves.
 */
export type IndexName = 'gsi1' | 'gsi2';

export interface IndexSchema {
  name: IndexName;
  partitionKey: string;
  sortKey: string;
  /** Attributes projected besides the keys; undefined projects the whole item. */
  include?: string[];
}

export const INDEXES: readonly IndexSchema[] = [
  /** Collections of a tenant: envelopes, calls, organizations, an organization's proposals. */
  { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** Sparse: only submitted proposals carry gsi2 keys, projected as their compact `row`. */
  { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', include: ['row'] },
];

/** Attributes that exist only for storage and are stripped from what a reader gets. */
export const STORAGE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity', 'row'] as const;
