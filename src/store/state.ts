// The store's memory: collections as Maps of frozen values (own keys only), and the operations that change them.
import { deepFreeze, ownEntries } from './frozen.js';

export type Collections = Map<string, Map<string, unknown>>;

/** One change, as the write-ahead log records it (`s` is its sequence number). */
export type StoreOp =
  | { s: number; o: 'put'; c: string; i: string; v: unknown }
  | { s: number; o: 'del'; c: string; i: string }
  | { s: number; o: 'clear' }
  | { s: number; o: 'snap'; name: string; at: string; file: string; counts: Record<string, number> }
  | { s: number; o: 'unsnap'; name: string }
  | { s: number; o: 'restore'; name: string };

/** Collections from a parsed JSON document ({name: {id: value}}), frozen, own keys only. */
export function collectionsFrom(parsed: unknown): Collections {
  const out: Collections = new Map();
  for (const [name, records] of ownEntries(parsed)) {
    const m = new Map<string, unknown>();
    for (const [id, v] of ownEntries(records)) m.set(id, deepFreeze(v));
    out.set(name, m);
  }
  return out;
}

/** A copy of the maps sharing the (frozen) values: O(records), no value is copied. */
export function shallowCopy(collections: Collections): Collections {
  const out: Collections = new Map();
  for (const [name, m] of collections) if (m.size) out.set(name, new Map(m));
  return out;
}

export function countsOf(collections: Collections): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, m] of collections) out[name] = m.size;
  return out;
}
