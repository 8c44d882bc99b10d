// A compact inverted index from blocking-key hashes to population indexes (CSR arrays, no per-key objects).
import { hashKey } from './blocking.js';

/** Looks up population indexes filed under a key. */
export interface BlockingIndex {
  /** Records indexed, every part's together. */
  readonly size: number;
  lookup(key: string): Uint32Array;
  /** The records filed under a key's hash, ascending (each part's in record order, the parts in order). */
  lookupHash(hash: number): Uint32Array;
  /** The arrays behind the index, one CSR per part (to save it; `blockingIndexOf` rebuilds it from them). */
  readonly parts: readonly BlockingArrays[];
}

/** CSR layout: bucket b (hash & (offsets.length - 2)) holds entries offsets[b]..offsets[b+1]-1. */
export interface BlockingArrays {
  /** Records indexed in these arrays. */
  size: number;
  offsets: Uint32Array;
  hashes: Uint32Array;
  owners: Uint32Array;
}

/**
 * The index over arrays built earlier (or read back from a file). Several parts (the shares of records that worker
 * threads indexed, each sorted where it was made, in record order) answer together, as the one CSR of all their
 * pairs would: a lookup reads a bucket per part, and the parts never need merging into one.
 */
export function blockingIndexOf(arrays: BlockingArrays | readonly BlockingArrays[]): BlockingIndex {
  const parts: readonly BlockingArrays[] = 'offsets' in arrays ? [arrays] : arrays;
  const lookupHash = (h: number): Uint32Array => {
    const out: number[] = [];
    for (const { offsets, hashes, owners } of parts) {
      const b = h & (offsets.length - 2);
      for (let i = offsets[b]!; i < offsets[b + 1]!; i++) if (hashes[i] === h) out.push(owners[i]!);
    }
    return Uint32Array.from(out);
  };
  return {
    size: parts.reduce((t, p) => t + p.size, 0),
    parts,
    lookupHash,
    lookup: (key) => lookupHash(hashKey(key)),
  };
}

/** The most bucket bits an index has: any index of more than 2^(MAX_BUCKET_BITS - 1) pairs has exactly these. */
export const MAX_BUCKET_BITS = 22;

/** The fewest bucket bits an index has. */
export const MIN_BUCKET_BITS = 10;

/** How many bits pick a bucket in an index of `total` pairs (about one bucket per pair, 2^10 to 2^22 buckets). */
export function bucketBits(total: number): number {
  return Math.max(MIN_BUCKET_BITS, Math.min(MAX_BUCKET_BITS, Math.ceil(Math.log2(Math.max(1, total)))));
}

/** Entries moved per step of the final counting sort, so a step stays well under a millisecond or two. */
const SORT_STEP = 1 << 17;

/** (key hash, record) pairs not sorted yet: `n` entries of each array, for `size` records. */
export interface BlockingPairs {
  size: number;
  n: number;
  hashes: Uint32Array;
  owners: Uint32Array;
}

/**
 * Builds the index in resumable steps: `add` buffers (record, key-hash) pairs in growable typed arrays (`pairs`
 * hands them over unsorted, a worker thread's share), `finish` counting-sorts them into buckets, yielding between
 * chunks so a caller can spread the work over many event-loop turns. About 12 bytes
 * per (record, key) pair: a million patients with ~9 keys each take ~110 MB.
 */
export function createBlockingIndexBuilder(capacity = 1 << 16, room?: { hashes: Uint32Array; owners: Uint32Array }) {
  // `room`: arrays to fill first (memory shared with the main thread); outgrowing them, the builder grows its own.
  let hashes = room?.hashes ?? new Uint32Array(capacity);
  let owners = room?.owners ?? new Uint32Array(capacity);
  let n = 0;
  let size = 0;
  return {
    add(index: number, keys: readonly string[]): void {
      size += 1;
      for (const key of keys) {
        if (n === hashes.length) {
          hashes = grow(hashes);
          owners = grow(owners);
        }
        hashes[n] = hashKey(key);
        owners[n] = index;
        n += 1;
      }
    },
    /** As `add`, with the keys already hashed (the first `count` of `keyHashes`). */
    addHashes(index: number, keyHashes: Uint32Array, count: number): void {
      size += 1;
      while (n + count > hashes.length) {
        hashes = grow(hashes);
        owners = grow(owners);
      }
      for (let k = 0; k < count; k++) {
        hashes[n] = keyHashes[k]!;
        owners[n] = index;
        n += 1;
      }
    },
    /**
     * The pairs added so far (a worker's share, sorted by `sortRun` where it was made): views of the builder's arrays when they
     * are its `room` or at most an eighth empty (a capacity guessed well), else trimmed copies, so a transferred
     * buffer is not mostly spare room.
     */
    pairs(): BlockingPairs {
      const trim = hashes !== room?.hashes && n < hashes.length - (hashes.length >>> 3);
      const cut = (a: Uint32Array) => (trim ? a.slice(0, n) : a.subarray(0, n));
      return { size, n, hashes: cut(hashes), owners: cut(owners) };
    },
    *finish(): Generator<void, BlockingIndex> {
      const bits = bucketBits(n);
      const mask = (1 << bits) - 1;
      const offsets = new Uint32Array((1 << bits) + 1);
      for (let i = 0; i < n; i++) {
        offsets[(hashes[i]! & mask) + 1]! += 1;
        if (i % SORT_STEP === SORT_STEP - 1) yield;
      }
      for (let b = 0; b < 1 << bits; b++) {
        offsets[b + 1]! += offsets[b]!;
        if (b % SORT_STEP === SORT_STEP - 1) yield;
      }
      const cursor = offsets.slice(0, 1 << bits);
      const sortedHash = new Uint32Array(n);
      const sortedOwner = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const h = hashes[i]!;
        const at = cursor[h & mask]!;
        sortedHash[at] = h;
        sortedOwner[at] = owners[i]!;
        cursor[h & mask] = at + 1;
        if (i % SORT_STEP === SORT_STEP - 1) yield;
      }
      hashes = owners = new Uint32Array(0);
      return blockingIndexOf({ size, offsets, hashes: sortedHash, owners: sortedOwner });
    },
  };
}

/** Builds the whole index at once ([index, keys] pairs). */
export function buildBlockingIndex(records: Iterable<readonly [number, readonly string[]]>): BlockingIndex {
  const builder = createBlockingIndexBuilder();
  for (const [index, keys] of records) builder.add(index, keys);
  return runToEnd(builder.finish());
}

/** Runs a step generator to its end and returns its result. */
export function runToEnd<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}
