// The Store over lowdb 7: a JSONFile adapter (atomic writes through steno) or a Memory adapter.
import { Low, Memory, type Adapter } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { emptyStoreData, type SnapshotInfo, type Store, type StoreData } from './store.js';

export interface OpenStoreOptions {
  /** JSON file to persist to; undefined keeps everything in memory. */
  file?: string;
  /** Writes made within this window are coalesced into one file write. */
  flushMs?: number;
  /** A lowdb adapter to use instead of JSONFile/Memory (e.g. one that counts writes). */
  adapter?: Adapter<StoreData>;
}

/**
 * Opens a store. Writes are coalesced: a burst of requests causes one rewrite of the file per
 * `flushMs`, not one per request; `close()` flushes, so a clean shutdown loses nothing that was
 * acknowledged. lowdb's JSONFile writes through steno (temp file + rename), so a crash leaves the
 * previous complete file, never a half-written one.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  let adapter: Adapter<StoreData>;
  if (options.adapter) {
    adapter = options.adapter;
  } else if (options.file) {
    await mkdir(dirname(options.file), { recursive: true });
    adapter = new JSONFile<StoreData>(options.file);
  } else {
    adapter = new Memory<StoreData>();
  }
  const db = new Low<StoreData>(adapter, emptyStoreData());
  try {
    await db.read();
  } catch (err) {
    throw new Error(`cannot read the data file ${options.file}: ${(err as Error).message}. Move it away or start with --ephemeral.`);
  }
  if (!db.data || db.data.version !== 1) db.data = { ...emptyStoreData(), ...db.data, version: 1 };
  return createLowStore(db, options.flushMs ?? 100);
}

function createLowStore(db: Low<StoreData>, flushMs: number): Store {
  const data = db.data;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let dirty = false;

  const collection = (name: string): Record<string, unknown> => (data.collections[name] ??= {});

  function persist(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return writing;
    dirty = false;
    writing = writing.then(() => db.write());
    return writing;
  }

  function touch(): void {
    dirty = true;
    if (!timer) timer = setTimeout(() => void persist().catch(() => undefined), flushMs);
  }

  const counts = (collections: StoreData['collections']) =>
    Object.fromEntries(Object.entries(collections).map(([k, v]) => [k, Object.keys(v).length]));

  return {
    get: <T>(name: string, id: string) => {
      const value = data.collections[name]?.[id];
      return value === undefined ? undefined : (structuredClone(value) as T);
    },
    list: <T>(name: string) => Object.values(data.collections[name] ?? {}).map((v) => structuredClone(v) as T),
    find: <T>(name: string, predicate: (value: T) => boolean) =>
      Object.values(data.collections[name] ?? {})
        .filter((v) => predicate(v as T))
        .map((v) => structuredClone(v) as T),
    put<T>(name: string, id: string, value: T): T {
      collection(name)[id] = structuredClone(value);
      touch();
      return value;
    },
    remove(name, id) {
      const c = data.collections[name];
      if (!c || !(id in c)) return false;
      delete c[id];
      touch();
      return true;
    },
    count: (name) => Object.keys(data.collections[name] ?? {}).length,
    counts: () => counts(data.collections),
    clear() {
      data.collections = {};
      touch();
    },
    snapshot(name, createdAt): SnapshotInfo {
      data.snapshots[name] = { createdAt, collections: structuredClone(data.collections) };
      touch();
      return { name, createdAt, counts: counts(data.collections) };
    },
    restore(name) {
      const snap = data.snapshots[name];
      if (!snap) return false;
      data.collections = structuredClone(snap.collections);
      touch();
      return true;
    },
    snapshots: () =>
      Object.entries(data.snapshots).map(([name, s]) => ({ name, createdAt: s.createdAt, counts: counts(s.collections) })),
    deleteSnapshot(name) {
      if (!(name in data.snapshots)) return false;
      delete data.snapshots[name];
      touch();
      return true;
    },
    flush: () => persist(),
    async close() {
      await persist();
    },
  };
}
