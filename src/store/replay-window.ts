// Message-id replay windows: ids are remembered for a span of simulated time, then forgotten (oldest first).

/** What a window needs of the store: frozen values in insertion order, and removal. */
interface WindowStore {
  values<T>(collection: string): IterableIterator<Readonly<T>>;
  remove(collection: string, id: string): boolean;
}

/**
 * Forgets entries of `collection` recorded before `now - windowMs` (each value's `at`, an ISO instant).
 * Ids are recorded in time order, so it stops at the first entry still inside the window: amortised O(1) a call.
 * `keyOf` gives the entry's id in the collection.
 */
export function forgetOlderThan<T extends { at: string }>(store: WindowStore, collection: string, now: number, windowMs: number, keyOf: (v: Readonly<T>) => string): number {
  const cutoff = now - windowMs;
  const expired: string[] = [];
  for (const v of store.values<T>(collection)) {
    if (Date.parse(v.at) >= cutoff) break;
    expired.push(keyOf(v));
  }
  for (const k of expired) store.remove(collection, k);
  return expired.length;
}
