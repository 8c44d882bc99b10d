// Message-id replay windows: ids are remembered for a span of simulated time, and at most a count of them, then
// forgotten (oldest first).

/** What a window needs of the store: frozen values in insertion order, and removal. */
interface WindowStore {
  values<T>(collection: string): IterableIterator<Readonly<T>>;
  remove(collection: string, id: string): boolean;
  count(collection: string): number;
}

/**
 * Forgets entries of `collection` recorded before `now - windowMs` (each value's `at`, an ISO instant), and the
 * oldest beyond `keep` so that one more fits (a burst of ids inside the window must not grow without bound).
 * Ids are recorded in time order, so it stops at the first entry still inside the window: amortised O(1) a call.
 * `keyOf` gives the entry's id in the collection.
 */
export function forgetOlderThan<T extends { at: string }>(store: WindowStore, collection: string, now: number, windowMs: number, keyOf: (v: Readonly<T>) => string, keep = Infinity): number {
  const cutoff = now - windowMs;
  const expired: string[] = [];
  const excess = store.count(collection) - Math.max(0, keep - 1);
  for (const v of store.values<T>(collection)) {
    if (excess <= expired.length && Date.parse(v.at) >= cutoff) break;
    expired.push(keyOf(v));
  }
  for (const k of expired) store.remove(collection, k);
  return expired.length;
}
