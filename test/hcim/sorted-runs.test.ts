// Each worker's share is sorted by bucket where it was made and becomes one part of the index: the parts, never
// merged, must answer every key exactly as the index sorted in one go.
import { describe, expect, it } from 'vitest';
import { createBlockingIndexBuilder, runToEnd, type BlockingPairs } from '../../src/hcim/matching/blocking-index.js';
import { inRoom, joinShards, sharedRoomFor, sortShard, type IndexShard } from '../../src/hcim/matching/population-index.js';
import { lookupDifferences } from './support/same-lookups.js';

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

/** The index of every shard's pairs made by one builder, record by record, and its counting sort. */
function sortedInOneGo(shards: readonly IndexShard[]) {
  const builder = createBlockingIndexBuilder();
  for (const { pairs } of shards) {
    for (let i = 0; i < pairs.n; ) {
      let j = i;
      while (j < pairs.n && pairs.owners[j] === pairs.owners[i]) j++;
      builder.addHashes(pairs.owners[i]!, pairs.hashes.slice(i, j), j - i);
      i = j;
    }
  }
  return runToEnd(builder.finish());
}

const copy = (p: BlockingPairs): BlockingPairs => ({ size: p.size, n: p.n, hashes: p.hashes.slice(), owners: p.owners.slice() });

describe('shards sorted by bucket where they were made', () => {
  it('answer side by side, unmerged, as the index one counting sort of every pair makes', () => {
    // A big share (2^21 buckets, two pairs a bucket), a small one and one in between.
    const shards = [shardOf(0, 260_000, 1), shardOf(260_000, 3_000, 2), shardOf(263_000, 40_000, 3)];
    const expected = sortedInOneGo(shards);
    const sorted = shards.map((s) => sortShard({ ...s, pairs: copy(s.pairs) }));
    expect(sorted.map((s) => s.part.offsets.length - 1)).toEqual([1 << 21, 1 << 14, 1 << 18]);
    // Given in any order, the parts are put in record order.
    const births = new Uint32Array(303_000);
    const joined = joinShards([sorted[2]!, sorted[0]!, sorted[1]!], births);
    expect(joined.births).toBe(births);
    expect(joined.keys.size).toBe(303_000);
    expect(joined.keys.parts.map((p) => p.size)).toEqual([260_000, 3_000, 40_000]);
    expect(lookupDifferences(joined.keys, expected)).toEqual([]);
  });

  it('write a part into shared room when it fits, whatever the number of radix passes, and answer the same', () => {
    for (const records of [50, 3_000]) {
      const shard = shardOf(0, records, 11);
      const expected = sortedInOneGo([shard]);
      const room = sharedRoomFor(records, 13);
      const builder = createBlockingIndexBuilder(1, room);
      for (let i = 0; i < shard.pairs.n; ) {
        let j = i;
        while (j < shard.pairs.n && shard.pairs.owners[j] === shard.pairs.owners[i]) j++;
        builder.addHashes(shard.pairs.owners[i]!, shard.pairs.hashes.slice(i, j), j - i);
        i = j;
      }
      const sorted = sortShard({ from: 0, births: shard.births, pairs: builder.pairs() }, room);
      expect(inRoom(sorted.part, room)).toBe(true);
      expect(lookupDifferences(joinShards([sorted], shard.births).keys, expected)).toEqual([]);
    }
    // Pairs that outgrew the room are sorted in the builder's own arrays.
    const tight = sharedRoomFor(50, 1);
    const builder = createBlockingIndexBuilder(1, tight);
    for (let i = 0; i < 50; i++) builder.addHashes(i, Uint32Array.of(i, i + 1_000), 2);
    const sorted = sortShard({ from: 0, births: new Uint32Array(50), pairs: builder.pairs() }, tight);
    expect(inRoom(sorted.part, tight)).toBe(false);
    expect([...joinShards([sorted], new Uint32Array(50)).keys.lookupHash(1_049)]).toEqual([49]);
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
