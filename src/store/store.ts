// The one store interface every system uses: named collections of JSON values, cloned in and out, or viewed read-only.

export interface SnapshotInfo {
  name: string;
  createdAt: string;
  counts: Record<string, number>;
}

/** What the store keeps and how its persistence is doing (for /admin/health). */
export interface StoreStats {
  /** `wal` (write-ahead log in front of the data file), `memory` (--ephemeral) or `adapter` (a lowdb adapter). */
  mode: 'wal' | 'memory' | 'adapter';
  file?: string;
  fsync: boolean;
  /** Bytes in the write-ahead log not yet folded into the data file. */
  walBytes: number;
  /** Bytes of the data file as last written by a compaction. */
  dataBytes: number;
  commits: number;
  compactions: number;
  /** Changes made but not yet durable (acknowledgements wait for them). */
  uncommitted: number;
  snapshots: { count: number; max: number };
  /** The last persistence failure, if the store is in trouble. */
  lastError?: string;
}

/**
 * Keyed JSON collections with named snapshots. Reads and writes are synchronous; durability is not:
 * `committed()` resolves once every change made so far survives a crash (the HTTP layer waits for it
 * before any response goes out). Keys are own keys only: `__proto__` or `constructor` is just an id.
 */
export interface Store {
  /** A private copy the caller may change. */
  get<T>(collection: string, id: string): T | undefined;
  /** The stored value itself, deep-frozen: no copy, never to be changed (it throws in strict code). */
  view<T>(collection: string, id: string): Readonly<T> | undefined;
  has(collection: string, id: string): boolean;
  list<T>(collection: string): T[];
  /** Every stored value, frozen, oldest first (insertion order), without copying. */
  values<T>(collection: string): IterableIterator<Readonly<T>>;
  /** Every stored id and value, frozen, oldest first, without copying. */
  entries<T>(collection: string): IterableIterator<[string, Readonly<T>]>;
  /** Copies of the values the predicate (given the frozen stored value) accepts. */
  find<T>(collection: string, predicate: (value: T) => boolean): T[];
  put<T>(collection: string, id: string, value: T): T;
  remove(collection: string, id: string): boolean;
  count(collection: string): number;
  /**
   * The length of a stored value's JSON text (0 when absent), or of all of a collection's values without `id`:
   * known from their writes, else measured once.
   */
  bytes(collection: string, id?: string): number;
  counts(): Record<string, number>;
  /** Drops every collection (snapshots stay). */
  clear(): void;
  /** Throws SnapshotLimitError when a new name would exceed the configured number of snapshots. */
  snapshot(name: string, createdAt: string): SnapshotInfo;
  /** Replaces every collection with the snapshot's; false when there is no such snapshot. */
  restore(name: string): boolean;
  snapshots(): SnapshotInfo[];
  deleteSnapshot(name: string): boolean;
  /** Resolves once every change made so far is durable. */
  committed(): Promise<void>;
  /** True when nothing is waiting to become durable. */
  isCommitted(): boolean;
  /** Resolves once every write made so far is on disk. */
  flush(): Promise<void>;
  /** Commits what was acknowledged and closes the files; a compaction under way is abandoned. */
  close(): Promise<void>;
  stats(): StoreStats;
}

/** The persisted document (the lowdb JSON file). Version 1 files with embedded snapshots still load. */
export interface StoreData {
  version: 1;
  collections: Record<string, Record<string, unknown>>;
  snapshots: Record<string, { createdAt: string; collections: Record<string, Record<string, unknown>> }>;
  /** Changes up to this write-ahead-log sequence number are in this file. */
  walSeq?: number;
  /** Named snapshots kept in their own files, next to the data file. */
  snapshotFiles?: Record<string, { createdAt: string; counts: Record<string, number>; file: string }>;
}

export function emptyStoreData(): StoreData {
  return { version: 1, collections: {}, snapshots: {} };
}

export class SnapshotLimitError extends Error {
  constructor(readonly max: number) {
    super(`at most ${max} snapshots are kept; delete one (DELETE /admin/snapshots/{name}) or reuse a name`);
  }
}
