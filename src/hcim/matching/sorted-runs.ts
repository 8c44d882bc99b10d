// A worker's pairs sorted by bucket where they were keyed: each worker's share becomes one part of the index
// (blockingIndexOf), and no thread ever sorts or merges every pair again.
import type { BlockingPairs } from './blocking-index.js';

/** Pairs sorted by bucket: bucket b's pairs at offsets[b]..offsets[b+1]-1, in the order they were added. */
export interface SortedRun {
  offsets: Uint32Array;
  hashes: Uint32Array;
  owners: Uint32Array;
}

/** Bucket bits a radix pass sorts by: 2^11 counters stay in the CPU's cache, where 2^22 did not. */
const DIGIT_BITS = 11;

/**
 * A stable sort of `pairs` into 2^bits buckets (the order the index builder's `finish` gives): an LSD radix
 * sort, one pass per 11 bits of the bucket, then the bucket offsets from one scan of the sorted hashes. One
 * counting pass over 2^22 buckets scattered every pair into a 16 MB table (a cache miss a pair, 0.5 s for 4.5M pairs
 * here); two small passes moved the same pairs in 40-60% of that time. The passes alternate between `pairs`' arrays
 * and one spare pair, so the result is in either: `pairs`' contents are consumed (every caller drops the pairs once
 * sorted). `offsets`, when given, receives the bucket offsets (memory shared with another thread).
 */
export function sortRun(pairs: BlockingPairs, bits: number, offsets: Uint32Array = new Uint32Array((1 << bits) + 1)): SortedRun {
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
  if (offsets.length !== buckets + 1) throw new RangeError(`Offsets for ${bits} bucket bits hold ${buckets + 1} entries, not ${offsets.length}`);
  offsets[0] = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const bucket = hashes[i]! & mask;
    while (b < bucket) offsets[++b] = i;
  }
  while (b < buckets) offsets[++b] = n;
  return { offsets, hashes, owners };
}
