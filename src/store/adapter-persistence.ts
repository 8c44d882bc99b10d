// A lowdb adapter as the whole persistence (tests, custom back-ends): the document rewritten, coalesced per window.
import type { Adapter } from 'lowdb';
import type { Persistence, SnapshotRecord } from './persistence.js';
import type { Collections } from './state.js';
import type { StoreData } from './store.js';

const toObject = (collections: Collections) => {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, m] of collections) out[name] = Object.fromEntries(m);
  return out;
};

/** Coalesces changes for `flushMs`, then writes the whole document through the adapter; one write at a time. */
export function adapterPersistence(adapter: Adapter<StoreData>, flushMs: number): Persistence {
  let source: (() => { collections: Collections; snapshots: ReadonlyMap<string, SnapshotRecord> }) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();
  let commits = 0;

  function persist(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty || !source) return writing;
    dirty = false;
    const { collections, snapshots } = source();
    const doc: StoreData = { version: 1, collections: toObject(collections), snapshots: {} };
    for (const r of snapshots.values()) doc.snapshots[r.name] = { createdAt: r.createdAt, collections: toObject(r.content ?? new Map()) };
    writing = writing.then(() => adapter.write(doc)).then(() => void (commits += 1));
    return writing;
  }

  return {
    attach(s) {
      source = s;
    },
    record() {
      dirty = true;
      timer ??= setTimeout(() => void persist().catch(() => undefined), flushMs);
    },
    loadSnapshot: (r) => r.content ?? new Map(),
    discard: () => undefined,
    committed: () => persist(),
    isCommitted: () => !dirty,
    flush: () => persist(),
    close: () => persist(),
    stats: () => ({ mode: 'adapter', fsync: false, walBytes: 0, dataBytes: 0, commits, compactions: 0, uncommitted: dirty ? 1 : 0 }),
  };
}
