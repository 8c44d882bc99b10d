// What the store asks of whatever keeps it: record each change, say when changes are durable, read snapshots back.
import type { Collections, StoreOp } from './state.js';
import type { StoreStats } from './store.js';

export interface SnapshotRecord {
  name: string;
  createdAt: string;
  counts: Record<string, number>;
  /** Its own file (WAL mode), relative to the snapshot folder. */
  file?: string;
  /** Held in memory until its file is written (or for good without one). */
  content?: Collections;
  /** The JSON lengths the store knew of its values when it was taken (in memory only; see Store.bytes). */
  sizes?: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export interface Persistence {
  /** Called after each change is applied in memory, in order (`json`: a put's value as text; `snapshot`: a snap's record). */
  record(op: StoreOp, extra?: { json?: string; snapshot?: SnapshotRecord }): void;
  /** Gives the persistence a way to read the whole current state (for compactions). */
  attach?(source: () => { collections: Collections; snapshots: ReadonlyMap<string, SnapshotRecord> }): void;
  /** A snapshot's content, when it is not held in memory. */
  loadSnapshot(record: SnapshotRecord): Collections;
  /** A snapshot's file will no longer be referenced once the changes so far are compacted. */
  discard(record: SnapshotRecord): void;
  committed(): Promise<void>;
  isCommitted(): boolean;
  flush(): Promise<void>;
  close(): Promise<void>;
  stats(): Omit<StoreStats, 'snapshots'>;
}

/** --ephemeral: every change is "durable" at once, because nothing outlives the process anyway. */
export function memoryPersistence(): Persistence {
  return {
    record: () => undefined,
    loadSnapshot: (r) => r.content ?? new Map(),
    discard: () => undefined,
    committed: () => Promise.resolve(),
    isCommitted: () => true,
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
    stats: () => ({ mode: 'memory', fsync: false, walBytes: 0, dataBytes: 0, commits: 0, compactions: 0, uncommitted: 0 }),
  };
}
