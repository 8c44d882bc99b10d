// The Store over Maps of frozen values; every change is handed to a Persistence (memory, WAL or a lowdb adapter).
import { frozenCopy } from './frozen.js';
import type { Persistence, SnapshotRecord } from './persistence.js';
import { countsOf, shallowCopy, type Collections } from './state.js';
import { SnapshotLimitError, type SnapshotInfo, type Store } from './store.js';

export interface CoreState {
  collections: Collections;
  snapshots: Map<string, SnapshotRecord>;
  seq: number;
}

const EMPTY: ReadonlyMap<string, unknown> = new Map();

export function createStoreCore(state: CoreState, persistence: Persistence, maxSnapshots: number): Store {
  let { collections, seq } = state;
  const snapshots = state.snapshots;
  const records = (name: string) => collections.get(name) ?? EMPTY;
  const writable = (name: string) => {
    let m = collections.get(name);
    if (!m) collections.set(name, (m = new Map()));
    return m;
  };
  persistence.attach?.(() => ({ collections, snapshots }));
  /** JSON text lengths of stored values, by collection: set by each write, measured once for values loaded or restored. */
  let sizes = new Map<string, Map<string, number>>();
  /** Sums of `sizes`, for the collections whose every value's size is known. */
  let totals = new Map<string, number>();
  const sizesOf = (name: string) => {
    let m = sizes.get(name);
    if (!m) sizes.set(name, (m = new Map()));
    return m;
  };
  const copySizes = (from: ReadonlyMap<string, ReadonlyMap<string, number>>) => new Map([...from].map(([c, m]) => [c, new Map(m)]));
  const info = (r: SnapshotRecord): SnapshotInfo => ({ name: r.name, createdAt: r.createdAt, counts: { ...r.counts } });

  return {
    get: <T>(name: string, id: string) => {
      const v = records(name).get(id);
      return v === undefined ? undefined : (structuredClone(v) as T);
    },
    view: <T>(name: string, id: string) => records(name).get(id) as Readonly<T> | undefined,
    has: (name, id) => records(name).has(id),
    list: <T>(name: string) => Array.from(records(name).values(), (v) => structuredClone(v) as T),
    values: <T>(name: string) => records(name).values() as IterableIterator<Readonly<T>>,
    entries: <T>(name: string) => records(name).entries() as IterableIterator<[string, Readonly<T>]>,
    find<T>(name: string, predicate: (value: T) => boolean): T[] {
      const out: T[] = [];
      for (const v of records(name).values()) if (predicate(v as T)) out.push(structuredClone(v) as T);
      return out;
    },
    put<T>(name: string, id: string, value: T): T {
      const copy = frozenCopy(value);
      writable(name).set(id, copy.value);
      const known = sizesOf(name);
      const total = totals.get(name);
      if (total !== undefined) totals.set(name, total - (known.get(id) ?? 0) + copy.json.length);
      known.set(id, copy.json.length);
      persistence.record({ s: ++seq, o: 'put', c: name, i: id, v: undefined }, { json: copy.json });
      return value;
    },
    remove(name, id) {
      if (!collections.get(name)?.delete(id)) return false;
      const total = totals.get(name);
      if (total !== undefined) totals.set(name, total - (sizes.get(name)?.get(id) ?? 0));
      sizes.get(name)?.delete(id);
      persistence.record({ s: ++seq, o: 'del', c: name, i: id });
      return true;
    },
    count: (name) => records(name).size,
    bytes(name, id) {
      if (id === undefined) {
        let total = totals.get(name);
        if (total === undefined) {
          total = 0;
          for (const key of records(name).keys()) total += this.bytes(name, key);
          totals.set(name, total);
        }
        return total;
      }
      const known = sizes.get(name)?.get(id);
      if (known !== undefined) return known;
      const v = records(name).get(id);
      if (v === undefined) return 0;
      const n = JSON.stringify(v).length;
      sizesOf(name).set(id, n);
      return n;
    },
    counts: () => countsOf(collections),
    clear() {
      collections = new Map();
      sizes = new Map();
      totals = new Map();
      persistence.record({ s: ++seq, o: 'clear' });
    },
    snapshot(name, createdAt) {
      const old = snapshots.get(name);
      if (!old && snapshots.size >= maxSnapshots) throw new SnapshotLimitError(maxSnapshots);
      const s = ++seq;
      const record: SnapshotRecord = { name, createdAt, counts: countsOf(collections), content: shallowCopy(collections), sizes: copySizes(sizes), file: `${encodeURIComponent(name).replace(/^\./, '%2E')}.${s}.json` };
      if (old) persistence.discard(old);
      snapshots.set(name, record);
      persistence.record({ s, o: 'snap', name, at: createdAt, file: record.file!, counts: record.counts }, { snapshot: record });
      return info(record);
    },
    restore(name) {
      const record = snapshots.get(name);
      if (!record) return false;
      collections = shallowCopy(record.content ?? persistence.loadSnapshot(record));
      // The sizes known when it was taken, so that the next count does not measure every value again (a second or
      // more at Ocean's referral bound); a snapshot read from its file after a restart has none, and is measured.
      sizes = record.sizes ? copySizes(record.sizes) : new Map();
      totals = new Map();
      persistence.record({ s: ++seq, o: 'restore', name });
      return true;
    },
    snapshots: () => [...snapshots.values()].map(info),
    deleteSnapshot(name) {
      const record = snapshots.get(name);
      if (!record) return false;
      snapshots.delete(name);
      persistence.discard(record);
      persistence.record({ s: ++seq, o: 'unsnap', name });
      return true;
    },
    committed: () => persistence.committed(),
    isCommitted: () => persistence.isCommitted(),
    flush: () => persistence.flush(),
    close: () => persistence.close(),
    stats: () => ({ ...persistence.stats(), snapshots: { count: snapshots.size, max: maxSnapshots } }),
  };
}
