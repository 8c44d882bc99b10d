// The population's match index (blocking keys plus birth dates), built in resumable steps so a big
// population is indexed a slice at a time between requests instead of in one event-loop-blocking pass.
import type { ClientDemographics, ClientRecord, DemographicPatient } from '../../population/types.js';
import { createKeyHasher, hashKey, type KeyHasher } from './blocking.js';
import { blockingIndexOf, bucketBits, createBlockingIndexBuilder, MIN_BUCKET_BITS, type BlockingArrays, type BlockingIndex, type BlockingPairs } from './blocking-index.js';
import { createNameKeyCache, demographicsOf, type NameKeyCache } from './demographics.js';
import { sortRun } from './sorted-runs.js';

type IndexBuilder = ReturnType<typeof createBlockingIndexBuilder>;

/** The population's blocking index plus each record's birth date (YYYYMMDD, 0 when absent) for cheap pruning. */
export interface PopulationIndex {
  keys: BlockingIndex;
  births: Uint32Array;
}

/** A population record as the index reads it: index, patient (its demographic elements at least), mother's PHN (newborns). */
export type PopulationRecord = readonly [number, DemographicPatient, string | undefined];

/** The records of a generated population, in index order, as the index reads them. */
export function* recordsOf(population: { clients(): Iterable<ClientRecord> }): Generator<PopulationRecord> {
  for (const c of population.clients()) yield [c.index, c.patient, c.motherPhn];
}

/**
 * Records from..to-1 as the index reads them, from the population's people (`clientDemographics`, several times
 * cheaper than rendering each client) when it has them, else from its rendered clients.
 */
export function* peopleOf(
  population: { client(i: number): ClientRecord; clientDemographics?(i: number): ClientDemographics } | { clientDemographics(i: number): ClientDemographics },
  from: number,
  to: number,
): Generator<PopulationRecord> {
  const read = population.clientDemographics ? (i: number) => population.clientDemographics!(i) : (i: number) => (population as { client(i: number): ClientRecord }).client(i);
  for (let i = from; i < to; i++) {
    const c = read(i);
    yield [i, c.patient, c.motherPhn];
  }
}

/** Records indexed between two yields: small enough that a step takes a few milliseconds at most. */
const RECORDS_PER_STEP = 64;

/** The key a newborn is filed under: its mother's PHN. */
export function motherKey(phn: string): string {
  return `mo|${phn}`;
}

/** Per record: its birth date (when inside `births`) and its blocking keys' hashes, added to `builder`. */
function indexRecord(builder: IndexBuilder, names: NameKeyCache, keys: KeyHasher, births: Uint32Array, offset: number, [i, patient, mother]: PopulationRecord): void {
  const demo = demographicsOf(patient, names);
  if (i - offset < births.length) births[i - offset] = demo.birth ? Number(demo.birth) : 0;
  let n = keys.hash(demo);
  const hashes = mother ? growFor(keys.hashes, n + 1) : keys.hashes;
  if (mother) hashes[n++] = hashKey(motherKey(mother));
  builder.addHashes(i, hashes, n);
}

/** `hashes`, or a copy with room for `n` (a record with more keys than the hasher's scratch holds). */
function growFor(hashes: Uint32Array, n: number): Uint32Array {
  if (n <= hashes.length) return hashes;
  const grown = new Uint32Array(n);
  grown.set(hashes);
  return grown;
}

/**
 * Indexes `records` (`size` of them, indexes 0..size-1), yielding the number of records indexed so far
 * every few records and during the final sort; returns the index.
 */
export function* buildPopulationIndex(records: Iterable<PopulationRecord>, size: number): Generator<number, PopulationIndex> {
  const births = new Uint32Array(size);
  const builder = createBlockingIndexBuilder();
  const names = createNameKeyCache();
  const keys = createKeyHasher();
  let done = 0;
  for (const record of records) {
    indexRecord(builder, names, keys, births, 0, record);
    done += 1;
    if (done % RECORDS_PER_STEP === 0) yield done;
  }
  const finishing = builder.finish();
  for (;;) {
    const r = finishing.next();
    if (r.done) return { keys: r.value, births };
    yield done;
  }
}

/** One shard of a parallel build: records from..to-1, their pairs (not sorted yet) and their birth dates. */
export interface IndexShard {
  from: number;
  births: Uint32Array;
  pairs: BlockingPairs;
}

/** A shard sorted where it was made: one part of the index (`joinShards`). Its birth dates stay where they were written. */
export interface SortedShard {
  from: number;
  part: BlockingArrays;
}

/**
 * Bucket bits of a part of `pairs` pairs: about two pairs a bucket (one bit fewer than an index of its pairs alone).
 * A lookup reads a bucket of every part, and two workers' parts together keep the offsets (16 MB at a million
 * patients) one index of every pair would have. With a bucket a pair, the index file grew by 16 MB and took 0.1 s
 * longer to read back.
 */
const partBits = (pairs: number) => Math.max(MIN_BUCKET_BITS, bucketBits(pairs) - 1);

/**
 * The shard's pairs sorted by bucket. With `room` (memory shared with the main thread), the part is written there
 * when it fits: its bucket bits are then the room's.
 */
export function sortShard({ from, pairs }: IndexShard, room?: SharedRoom): SortedShard {
  const fits = room !== undefined && pairs.n <= room.hashes.length;
  const bits = fits ? Math.log2(room.offsets.length - 1) : partBits(pairs.n);
  const { offsets, hashes, owners } = sortRun(pairs, bits, fits ? room.offsets : undefined);
  if (!fits) return { from, part: { size: pairs.size, offsets, hashes, owners } };
  // An odd number of radix passes leaves the result in the sort's spare arrays (a share of a few hundred records).
  if (hashes.buffer !== room.hashes.buffer) room.hashes.set(hashes), room.owners.set(owners);
  return { from, part: { size: pairs.size, offsets, hashes: room.hashes.subarray(0, pairs.n), owners: room.owners.subarray(0, pairs.n) } };
}

/** Memory a worker's part is written into, made by the thread that will use the index (see worker-build.ts). */
export interface SharedRoom {
  hashes: Uint32Array;
  owners: Uint32Array;
  offsets: Uint32Array;
}

/** Room for the part of a share of `records` records, in SharedArrayBuffers (`keysPerRecord` pairs a record). */
export function sharedRoomFor(records: number, keysPerRecord = KEYS_PER_RECORD): SharedRoom {
  const capacity = Math.ceil(records * keysPerRecord);
  const shared = (length: number) => new Uint32Array(new SharedArrayBuffer(4 * length));
  return { hashes: shared(capacity), owners: shared(capacity), offsets: shared((1 << partBits(capacity)) + 1) };
}

/** True when `part` lies in `room` (the worker wrote it there): the main thread then takes it from its own views. */
export function inRoom(part: BlockingArrays, room: SharedRoom): boolean {
  return part.hashes.buffer === room.hashes.buffer && part.offsets.buffer === room.offsets.buffer;
}

/** The arrays a sorted shard moves to another thread. */
export function shardBuffers({ part }: SortedShard): ArrayBuffer[] {
  return [part.offsets, part.hashes, part.owners].map((a) => a.buffer as ArrayBuffer);
}

/** The index made of the shards (each one part, in record order: nothing is sorted again) and every record's birth date. */
export function joinShards(shards: readonly SortedShard[], births: Uint32Array): PopulationIndex {
  return { births, keys: blockingIndexOf([...shards].sort((a, b) => a.from - b.from).map((s) => s.part)) };
}

/**
 * Room a shard's builder starts with, in pairs per record: a generated population files a person under 8.9 keys on
 * average (8.9 measured over 100,000 records of one seed), so the arrays are rarely grown (each growth copies them all).
 */
const KEYS_PER_RECORD = 9.4;

/**
 * Indexes records `from`..`to`-1 without sorting (a worker's share), writing their birth dates into `births` (one
 * per record of the share; a view of an array shared with the main thread in a worker) and the pairs into `room`
 * as long as they fit; `progress` is told every few thousand records.
 */
export function indexShard(records: Iterable<PopulationRecord>, from: number, to: number, progress: (done: number) => void, births: Uint32Array = new Uint32Array(to - from), room?: SharedRoom): IndexShard {
  const builder = createBlockingIndexBuilder(Math.ceil((to - from) * KEYS_PER_RECORD), room);
  const names = createNameKeyCache();
  const keys = createKeyHasher();
  let done = 0;
  for (const record of records) {
    indexRecord(builder, names, keys, births, from, record);
    if (++done % 8_192 === 0) progress(done);
  }
  return { from, births, pairs: builder.pairs() };
}
