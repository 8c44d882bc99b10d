// Count bounds on collections that only grow: once a collection passes its bound, the oldest records go, in batches.

/** What a trim needs of the store: frozen values in insertion order, and a count. */
interface TrimStore {
  values<T>(collection: string): IterableIterator<Readonly<T>>;
  count(collection: string): number;
}

export interface TrimOptions<T> {
  /** The record's key in the collection. */
  keyOf: (value: Readonly<T>) => string;
  /** Records to take first (e.g. settled ones), oldest first; the oldest of the rest follow if that is not enough. */
  prefer?: (value: Readonly<T>) => boolean;
}

/**
 * The records to remove so that `collection` keeps at most `keep`: none while it is within the bound; once it
 * passes it, enough of the oldest to bring it 1% under (so a trim, one pass over the collection, happens once per
 * `keep / 100` inserts and costs O(100) per insert amortised). Insertion order is age: the store keeps it.
 */
export function oldestBeyond<T>(store: TrimStore, collection: string, keep: number, options: TrimOptions<T>): Array<Readonly<T>> {
  const bound = Math.max(1, Math.floor(keep));
  const size = store.count(collection);
  if (size <= bound) return [];
  let excess = size - (bound - Math.floor(bound / 100));
  const chosen = new Set<string>();
  const victims: Array<Readonly<T>> = [];
  const take = (accept: (v: Readonly<T>) => boolean) => {
    for (const v of store.values<T>(collection)) {
      if (excess <= 0) return;
      const key = options.keyOf(v);
      if (chosen.has(key) || !accept(v)) continue;
      chosen.add(key);
      victims.push(v);
      excess -= 1;
    }
  };
  if (options.prefer) take(options.prefer);
  take(() => true);
  return victims;
}

/** What removing the records needs besides choosing them. */
interface RemovingStore extends TrimStore {
  remove(collection: string, id: string): boolean;
}

/** Removes the records `oldestBeyond` chooses, and returns them (for what else goes with a record: timers, counts). */
export function removeOldestBeyond<T>(store: RemovingStore, collection: string, keep: number, options: TrimOptions<T>): Array<Readonly<T>> {
  const victims = oldestBeyond(store, collection, keep, options);
  for (const v of victims) store.remove(collection, options.keyOf(v));
  return victims;
}

/**
 * The newest items of a list whose JSON texts together fit `maxBytes`, the newest always (a list that grows at its
 * end); the same array when all fit. Measures each item once, newest first, and stops at the first that does not fit.
 */
export function newestWithin<T>(list: T[], maxBytes: number): T[] {
  let total = 0;
  for (let i = list.length - 1; i >= 0; i--) {
    total += JSON.stringify(list[i] ?? null).length;
    if (total > maxBytes && i < list.length - 1) return list.slice(i + 1);
  }
  return list;
}

/** The last `keep` items of a list (the newest, for a list that grows at its end); the same array when within it. */
export const newestOf = <T>(list: T[], keep: number): T[] => (list.length > keep ? list.slice(list.length - Math.max(0, keep)) : list);
