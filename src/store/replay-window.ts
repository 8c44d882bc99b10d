// Message-id replay windows: ids are remembered for a span of simulated time, and at most a count of them, then
// forgotten (oldest first).

/**
 * The longest message id a surface accepts. Windows keep tens of thousands of ids, so their length is bounded
 * where each surface reads them (a UUID is 36 characters; an HL7v3 id extension or a FHIR id at most 64 in practice).
 */
export const MAX_MESSAGE_ID_LENGTH = 256;

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

/** What a claiming window needs of the store besides a sweep's needs. */
interface ClaimStore extends WindowStore {
  view<T>(collection: string, id: string): Readonly<T> | undefined;
  put<T>(collection: string, id: string, value: T): T;
}

export interface ReplayWindowOptions<T> {
  /** How long an id is remembered (simulated time). */
  windowMs: number;
  /** At most this many ids are kept (the oldest go first). Default: no bound but the window. */
  keep?: number;
  /** The entry's id in the collection, from its value (default: `value.key`). */
  keyOf?: (value: Readonly<T>) => string;
}

export interface ReplayWindow<T extends { at: string }> {
  /** Records `key` (with `value`, recorded at `now`) unless it is held and still inside the window: then false. */
  claim(key: string, value: T, now: number): boolean;
}

/**
 * A replay window that does not walk its values on every claim. `forgetOlderThan` on each claim walks the store's
 * Map from its oldest end, and once the window is full every claim removes the oldest entry: V8 keeps removed
 * entries as holes until its next rehash, so that walk skips thousands of them (15-35 µs a claim at 50,000 ids).
 * Here a claim judges its own id's age exactly, and the sweep runs only when something is at least a hundredth of
 * the window past it, or the count bound is reached (then it trims a hundredth of the bound more), remembering the
 * oldest entry it left. That memory is checked against the store on every claim (a clear or a restore replaces the
 * entry it names), so a store changed underneath is swept again.
 */
export function replayWindow<T extends { at: string }>(store: ClaimStore, collection: string, options: ReplayWindowOptions<T>): ReplayWindow<T> {
  const { windowMs, keep = Infinity } = options;
  const keyOf = options.keyOf ?? ((v: Readonly<T>) => (v as unknown as { key: string }).key);
  const slack = Math.floor(windowMs / 100);
  const batch = Number.isFinite(keep) ? Math.floor(keep / 100) : 0;
  /** The oldest entry the last sweep left (none: sweep on the next claim), and a lower bound on every entry's time. */
  let oldest: { key: string; value: Readonly<T>; at: number } | undefined;
  const sweep = (cutoff: number) => {
    const excess = store.count(collection) - Math.max(0, keep - 1 - batch);
    const expired: string[] = [];
    oldest = undefined;
    for (const v of store.values<T>(collection)) {
      const at = Date.parse(v.at);
      if (excess <= expired.length && at >= cutoff) {
        oldest = { key: keyOf(v), value: v, at };
        break;
      }
      expired.push(keyOf(v));
    }
    for (const k of expired) store.remove(collection, k);
  };
  return {
    claim(key, value, now) {
      const cutoff = now - windowMs;
      const held = store.view<T>(collection, key);
      if (held && Date.parse(held.at) >= cutoff) return false;
      const known = oldest !== undefined && store.view<T>(collection, oldest.key) === oldest.value;
      if (!known || oldest!.at < cutoff - slack || store.count(collection) >= keep) sweep(cutoff);
      // An expired id a sweep has not reached yet goes to the end, so that insertion order stays time order.
      if (store.remove(collection, key) && oldest?.key === key) oldest = undefined;
      store.put(collection, key, value);
      if (oldest === undefined && store.count(collection) === 1) oldest = { key, value: store.view<T>(collection, key)!, at: now };
      else if (oldest && now < oldest.at) oldest.at = now;
      return true;
    },
  };
}
