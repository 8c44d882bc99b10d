// Shards big enough to fix the index's bucket bits are sorted by bucket in their own worker; the merge then only
// concatenates each bucket's runs. The index must be byte-identical to the one sorted in one go.
import { describe, expect, it } from 'vitest';
import { createBlockingIndexBuilder, runToEnd, type BlockingPairs } from '../../src/hcim/matching/blocking-index.js';
import { mergeShards, presortShard, type IndexShard } from '../../src/hcim/matching/population-index.js';
import { sortsAlone } from '../../src/hcim/matching/sorted-runs.js';

/** A shard of `records` records from `from` with about nine pseudo-random key hashes each (some shared, as real keys are). */
function shardOf(from: number, records: number, seed: number): IndexShard {
  let s = seed;
  const next = () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0);
  const builder = createBlockingIndexBuilder();
  const births = new Uint32Array(records);
  const keys = new Uint32Array(16);
  for (let i = 0; i < records; i++) {
    births[i] = 19_000_101 + (next() % 1_000_000);
    const n = 6 + (next() % 7);
    for (let k = 0; k < n; k++) keys[k] = k % 3 === 0 ? next() % 5_000 : next();
    builder.addHashes(from + i, keys, n);
  }
  return { from, births, pairs: builder.pairs() };
}

/** Byte equality of two typed arrays (vitest's deep equality of millions of elements takes minutes). */
const bytes = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const same = (a: Uint32Array, b: Uint32Array) => a.length === b.length && bytes(a).equals(bytes(b));

const copy = (p: BlockingPairs): BlockingPairs => ({ size: p.size, n: p.n, hashes: p.hashes.slice(), owners: p.owners.slice() });

describe('shards sorted by bucket where they were made', () => {
  it('merge into the index one counting sort of every pair makes', () => {
    const shards = [shardOf(0, 260_000, 1), shardOf(260_000, 90_000, 2), shardOf(350_000, 250_000, 3)];
    expect(sortsAlone(shards[0]!.pairs.n)).toBe(true);
    expect(sortsAlone(shards[1]!.pairs.n)).toBe(false);
    const reference = createBlockingIndexBuilder();
    for (const s of shards) reference.addPairs(copy(s.pairs));
    const expected = runToEnd(reference.finish());
    const presorted = shards.map(presortShard);
    expect(presorted[0]!.run).toBeDefined();
    expect(presorted[1]!.run).toBeUndefined();
    const merged = runToEnd(mergeShards(presorted, 600_000));
    expect(merged.keys.size).toBe(600_000);
    expect(same(merged.keys.arrays.offsets, expected.arrays.offsets)).toBe(true);
    expect(same(merged.keys.arrays.hashes, expected.arrays.hashes)).toBe(true);
    expect(same(merged.keys.arrays.owners, expected.arrays.owners)).toBe(true);
    expect(same(merged.births.subarray(260_000, 350_000), shards[1]!.births)).toBe(true);
  });

  it('leave small shards to the merge\'s own sort (their bucket bits depend on every shard)', () => {
    const shards = [shardOf(0, 3_000, 4), shardOf(3_000, 2_000, 5)];
    expect(shards.map(presortShard).every((s) => s.run === undefined)).toBe(true);
    const reference = createBlockingIndexBuilder();
    for (const s of shards) reference.addPairs(copy(s.pairs));
    const expected = runToEnd(reference.finish());
    expect(runToEnd(mergeShards(shards, 5_000)).keys.arrays).toEqual(expected.arrays);
  });

  it('hand a shard\'s pairs over as views of a well-sized builder, and trimmed copies of a mostly empty one', () => {
    const fill = (capacity: number, count: number) => {
      const builder = createBlockingIndexBuilder(capacity);
      for (let i = 0; i < count; i++) builder.addHashes(i, Uint32Array.of(i * 7, i * 7 + 1), 2);
      return builder.pairs();
    };
    const full = fill(200, 95);
    expect([full.n, full.hashes.length, full.hashes.buffer.byteLength]).toEqual([190, 190, 800]);
    expect([...full.hashes.subarray(0, 4)]).toEqual([0, 1, 7, 8]);
    const sparse = fill(200, 10);
    expect([sparse.n, sparse.owners.length, sparse.owners.buffer.byteLength]).toEqual([20, 20, 80]);
    const grown = fill(4, 5);
    expect([grown.n, [...grown.owners]]).toEqual([10, [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]]);
  });
});
