// A worker's pairs counting-sorted by bucket where they were keyed, so the merge of several workers' shares only
// concatenates each bucket's runs (sequential copies) instead of scattering every pair again on one thread.
import { bucketBits, MAX_BUCKET_BITS, type BlockingArrays, type BlockingPairs } from './blocking-index.js';

/** Pairs sorted by bucket (`bits` bits): bucket b's pairs at offsets[b]..offsets[b+1]-1, in the order they were added. */
export interface SortedRun {
  bits: number;
  offsets: Uint32Array;
  hashes: Uint32Array;
  owners: Uint32Array;
}

/**
 * True when a share of `n` pairs already fixes the bucket bits of the whole index (more than 2^21 pairs: the
 * most bits), so it can be sorted by bucket before the other shares are known.
 */
export function sortsAlone(n: number): boolean {
  return bucketBits(n) === MAX_BUCKET_BITS;
}

/** Bucket bits a radix pass sorts by: 2^11 counters stay in the CPU's cache, where 2^22 did not. */
const DIGIT_BITS = 11;

/**
 * A stable sort of `pairs` into 2^bits buckets (the order the index builder's final sort gives, in one go): an LSD
 * radix sort, one pass per 11 bits of the bucket, then the bucket offsets from one scan of the sorted hashes. One
 * counting pass over 2^22 buckets scattered every pair into a 16 MB table (a cache miss a pair, 0.5 s for 4.5M pairs
 * here); two small passes moved the same pairs in 40-60% of that time. The passes alternate between `pairs`' arrays
 * and one spare pair, so with two passes (more than 11 bits, as every caller asks) `pairs`' arrays hold the result:
 * their contents are consumed (every caller drops the pairs once sorted).
 */
export function sortRun(pairs: BlockingPairs, bits: number): SortedRun {
  const buckets = 1 << bits;
  const mask = buckets - 1;
  const { n } = pairs;
  let hashes: Uint32Array = pairs.hashes.subarray(0, n);
  let owners: Uint32Array = pairs.owners.subarray(0, n);
  let spareHashes: Uint32Array = new Uint32Array(n);
  let spareOwners: Uint32Array = new Uint32Array(n);
  for (let shift = 0; shift < bits; shift += DIGIT_BITS) {
    const digit = Math.min(DIGIT_BITS, bits - shift);
    const digitMask = (1 << digit) - 1;
    const cursor = new Uint32Array(1 << digit);
    for (let i = 0; i < n; i++) cursor[(hashes[i]! >>> shift) & digitMask]! += 1;
    for (let d = 0, at = 0; d < 1 << digit; d++) {
      const count = cursor[d]!;
      cursor[d] = at;
      at += count;
    }
    for (let i = 0; i < n; i++) {
      const h = hashes[i]!;
      const at = cursor[(h >>> shift) & digitMask]!++;
      spareHashes[at] = h;
      spareOwners[at] = owners[i]!;
    }
    [hashes, spareHashes] = [spareHashes, hashes];
    [owners, spareOwners] = [spareOwners, owners];
  }
  const offsets = new Uint32Array(buckets + 1);
  let b = 0;
  for (let i = 0; i < n; i++) {
    const bucket = hashes[i]! & mask;
    while (b < bucket) offsets[++b] = i;
  }
  while (b < buckets) offsets[++b] = n;
  return { bits, offsets, hashes, owners };
}

/** The index arrays of `size` records from runs sorted with the same bits, bucket by bucket in run order. */
export function mergeRuns(runs: readonly SortedRun[], size: number): BlockingArrays {
  const bits = runs[0]!.bits;
  if (runs.some((r) => r.bits !== bits)) throw new RangeError('Runs sorted with different bucket bits');
  if (runs.length === 1) return { size, offsets: runs[0]!.offsets, hashes: runs[0]!.hashes, owners: runs[0]!.owners };
  const buckets = 1 << bits;
  const total = runs.reduce((t, r) => t + r.hashes.length, 0);
  const offsets = new Uint32Array(buckets + 1);
  const hashes = new Uint32Array(total);
  const owners = new Uint32Array(total);
  let at = 0;
  for (let b = 0; b < buckets; b++) {
    offsets[b] = at;
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r]!;
      const end = run.offsets[b + 1]!;
      for (let i = run.offsets[b]!; i < end; i++) {
        hashes[at] = run.hashes[i]!;
        owners[at] = run.owners[i]!;
        at += 1;
      }
    }
  }
  offsets[buckets] = at;
  return { size, offsets, hashes, owners };
}
