// A bounded cache of serialized answers (compact JSON text) for reads that would otherwise rebuild and serialize
// the same large document on every request ($everything, PLR query bundles). Bounded in bytes, oldest out first.

/** A cached text (as a string, or as UTF-8 bytes), valid for one version of its source and the clock instants in [from, until). */
export interface CachedText {
  text: string | Buffer;
  /** The source's change counter when the text was made; another version is a miss. */
  version: number;
  /** First simulated instant (epoch ms) the text is valid at; -Infinity when it does not depend on the clock. */
  from: number;
  /** First simulated instant it is no longer valid at; Infinity when it does not depend on the clock. */
  until: number;
  /** How many items the text holds, for a document that counts them (a searchset's total). */
  items?: number;
}

export interface AnswerCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
}

export interface AnswerCache {
  /** The entry under `key` when it was made at `version` and `now` falls in its window; else undefined. */
  get(key: string, version: number, now: number): CachedText | undefined;
  /** Keeps a text, dropping the oldest entries past the byte bound (a text larger than the bound is not kept). */
  set(key: string, entry: CachedText): void;
  /** Forgets everything (the bound stays). */
  clear(): void;
  stats(): AnswerCacheStats;
}

interface Held extends CachedText {
  bytes: number;
}

/** A cache holding at most `maxBytes` (UTF-8 bytes of the texts and of their keys); 0 keeps nothing. */
export function createAnswerCache(maxBytes: number): AnswerCache {
  const held = new Map<string, Held>();
  let bytes = 0;
  const drop = (key: string) => {
    const old = held.get(key);
    if (!old) return;
    held.delete(key);
    bytes -= old.bytes;
  };
  return {
    get(key, version, now) {
      const hit = held.get(key);
      if (!hit || hit.version !== version || now < hit.from || now >= hit.until) return undefined;
      return hit;
    },
    set(key, entry) {
      drop(key);
      const size = (typeof entry.text === 'string' ? Buffer.byteLength(entry.text) : entry.text.length) + Buffer.byteLength(key);
      if (size > maxBytes) return;
      // Map order is insertion order: the first key is the oldest.
      for (const oldest of held.keys()) {
        if (bytes + size <= maxBytes) break;
        drop(oldest);
      }
      held.set(key, { ...entry, bytes: size });
      bytes += size;
    },
    clear() {
      held.clear();
      bytes = 0;
    },
    stats: () => ({ entries: held.size, bytes, maxBytes }),
  };
}
