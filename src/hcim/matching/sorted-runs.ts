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

/** A stable counting sort of `pairs` into 2^bits buckets (as the index builder's final sort, in one go). */
export function sortRun(pairs: BlockingPairs, bits: number): SortedRun {
  const buckets = 1 << bits;
  const mask = buckets - 1;
  const { n, hashes, owners } = pairs;
  const offsets = new Uint32Array(buckets + 1);
  for (let i = 0; i < n; i++) offsets[(hashes[i]! & mask) + 1]! += 1;
  for (let b = 0; b < buckets; b++) offsets[b + 1]! += offsets[b]!;
  const cursor = offsets.slice(0, buckets);
  const sortedHashes = new Uint32Array(n);
  const sortedOwners = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = hashes[i]!;
    const at = cursor[h & mask]!++;
    sortedHashes[at] = h;
    sortedOwners[at] = owners[i]!;
  }
  return { bits, offsets, hashes: sortedHashes, owners: sortedOwners };
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
