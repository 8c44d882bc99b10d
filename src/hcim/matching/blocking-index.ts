// A compact inverted index from blocking-key hashes to population indexes (CSR arrays, no per-key objects).
import { hashKey } from './blocking.js';

/** Looks up population indexes filed under a key. */
export interface BlockingIndex {
  readonly size: number;
  lookup(key: string): Uint32Array;
  /** The arrays behind the index (to save it; `blockingIndexOf` rebuilds it from them). */
  readonly arrays: BlockingArrays;
}

/** CSR layout: bucket b (hash & (offsets.length - 2)) holds entries offsets[b]..offsets[b+1]-1. */
export interface BlockingArrays {
  size: number;
  offsets: Uint32Array;
  hashes: Uint32Array;
  owners: Uint32Array;
}

/** The index over arrays built earlier (or read back from a file). */
export function blockingIndexOf(arrays: BlockingArrays): BlockingIndex {
  const { size, offsets, hashes, owners } = arrays;
  const mask = offsets.length - 2;
  return {
    size,
    arrays,
    lookup(key) {
      const h = hashKey(key);
      const b = h & mask;
      const out: number[] = [];
      for (let i = offsets[b]!; i < offsets[b + 1]!; i++) if (hashes[i] === h) out.push(owners[i]!);
      return Uint32Array.from(out);
    },
  };
}

/** Entries moved per step of the final counting sort, so a step stays well under a millisecond or two. */
const SORT_STEP = 1 << 17;

/**
 * Builds the index in resumable steps: `add` buffers (record, key-hash) pairs in growable typed arrays,
 * `finish` counting-sorts them into buckets, yielding between chunks so a caller can spread the work
 * over many event-loop turns. About 12 bytes per (record, key) pair: a million patients with ~9 keys
 * each take ~110 MB.
 */
export function createBlockingIndexBuilder() {
  let hashes = new Uint32Array(1 << 16);
  let owners = new Uint32Array(1 << 16);
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
    *finish(): Generator<void, BlockingIndex> {
      const bits = Math.max(10, Math.min(22, Math.ceil(Math.log2(Math.max(1, n)))));
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
        const b = hashes[i]! & mask;
        const at = cursor[b]!;
        sortedHash[at] = hashes[i]!;
        sortedOwner[at] = owners[i]!;
        cursor[b] = at + 1;
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

function grow(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}
