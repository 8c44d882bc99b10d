// Opens the store: a write-ahead log in front of lowdb's JSON file, in memory (--ephemeral), or over a lowdb adapter.
import type { Adapter } from 'lowdb';
import { adapterPersistence } from './adapter-persistence.js';
import { lockDataFile } from './data-lock.js';
import { embeddedSnapshots } from './data-files.js';
import { openWalState } from './open-wal-store.js';
import { memoryPersistence } from './persistence.js';
import { collectionsFrom, countsOf } from './state.js';
import { createStoreCore, type CoreState } from './store-core.js';
import type { Store, StoreData } from './store.js';

export interface OpenStoreOptions {
  /** JSON file to persist to; undefined keeps everything in memory. */
  file?: string;
  /** Only with `adapter`: writes made within this window are coalesced into one document write. */
  flushMs?: number;
  /** A lowdb adapter to persist the whole document through instead (e.g. one that counts writes). */
  adapter?: Adapter<StoreData>;
  /** Whether a commit waits for the disk (fsync) too, not only for the operating system. Default true. */
  fsync?: boolean;
  /** Fold the log into the data file once it holds this many bytes. Default 8 MiB. */
  compactBytes?: number;
  /** Most named snapshots kept. Default 200. */
  maxSnapshots?: number;
}

/**
 * Opens a store. With a file, every change is appended to a write-ahead log next to it and `committed()`
 * resolves once the append is written (and fsynced, unless `fsync: false`); the log is folded into the
 * lowdb JSON file in the background and replayed on the next start. Snapshots live in their own files.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const maxSnapshots = options.maxSnapshots ?? 200;
  if (options.adapter) {
    const data = (await options.adapter.read()) ?? undefined;
    const state: CoreState = { collections: collectionsFrom(data?.collections), snapshots: new Map(), seq: 0 };
    for (const s of data ? embeddedSnapshots(data) : []) state.snapshots.set(s.name, { name: s.name, createdAt: s.createdAt, counts: countsOf(s.collections), content: s.collections });
    return createStoreCore(state, adapterPersistence(options.adapter, options.flushMs ?? 100), maxSnapshots);
  }
  if (!options.file) return createStoreCore({ collections: new Map(), snapshots: new Map(), seq: 0 }, memoryPersistence(), maxSnapshots);
  const lock = await lockDataFile(options.file);
  let opened: Awaited<ReturnType<typeof openWalState>>;
  try {
    opened = await openWalState(options.file, { fsync: options.fsync ?? true, compactBytes: options.compactBytes ?? 8 * 1024 * 1024 });
  } catch (err) {
    await lock.release();
    throw err;
  }
  const { persistence } = opened;
  // The lock goes with the store: released once its last write is out.
  const locked: typeof persistence = { ...persistence, close: () => persistence.close().finally(() => lock.release()) };
  const store = createStoreCore(opened.state, locked, maxSnapshots);
  if (opened.needsCompaction) await persistence.compact();
  return store;
}
