// The one store interface every system uses: named collections of JSON values, cloned in and out.

export interface SnapshotInfo {
  name: string;
  createdAt: string;
  counts: Record<string, number>;
}

/** Keyed JSON collections with named snapshots. Reads and writes are synchronous; persistence is not. */
export interface Store {
  get<T>(collection: string, id: string): T | undefined;
  list<T>(collection: string): T[];
  find<T>(collection: string, predicate: (value: T) => boolean): T[];
  put<T>(collection: string, id: string, value: T): T;
  remove(collection: string, id: string): boolean;
  count(collection: string): number;
  counts(): Record<string, number>;
  /** Drops every collection (snapshots stay). */
  clear(): void;
  snapshot(name: string, createdAt: string): SnapshotInfo;
  /** Replaces every collection with the snapshot's; false when there is no such snapshot. */
  restore(name: string): boolean;
  snapshots(): SnapshotInfo[];
  deleteSnapshot(name: string): boolean;
  /** Resolves once every write made so far is on disk. */
  flush(): Promise<void>;
  /** Flushes and stops the write timer. */
  close(): Promise<void>;
}

/** The persisted document. */
export interface StoreData {
  version: 1;
  collections: Record<string, Record<string, unknown>>;
  snapshots: Record<string, { createdAt: string; collections: Record<string, Record<string, unknown>> }>;
}

export function emptyStoreData(): StoreData {
  return { version: 1, collections: {}, snapshots: {} };
}
