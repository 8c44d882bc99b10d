// The population's match index (blocking keys plus birth dates), built in resumable steps so a big
// population is indexed a slice at a time between requests instead of in one event-loop-blocking pass.
import type * as fhir from '../../fhir/types.js';
import type { ClientRecord } from '../../population/types.js';
import { blockingKeys } from './blocking.js';
import { createBlockingIndexBuilder, type BlockingIndex, type BlockingPairs } from './blocking-index.js';

type IndexBuilder = ReturnType<typeof createBlockingIndexBuilder>;
import { createNameKeyCache, demographicsOf, type NameKeyCache } from './demographics.js';

/** The population's blocking index plus each record's birth date (YYYYMMDD, 0 when absent) for cheap pruning. */
export interface PopulationIndex {
  keys: BlockingIndex;
  births: Uint32Array;
}

/** A population record as the index reads it: index, patient, mother's PHN (newborns). */
export type PopulationRecord = readonly [number, fhir.Patient, string | undefined];

/** The records of a generated population, in index order, as the index reads them. */
export function* recordsOf(population: { clients(): Iterable<ClientRecord> }): Generator<PopulationRecord> {
  for (const c of population.clients()) yield [c.index, c.patient, c.motherPhn];
}

/** Records indexed between two yields: small enough that a step takes a few milliseconds at most. */
const RECORDS_PER_STEP = 64;

/** The key a newborn is filed under: its mother's PHN. */
export function motherKey(phn: string): string {
  return `mo|${phn}`;
}

/** Per record: its birth date (when inside `births`) and its blocking keys, added to `builder`. */
function indexRecord(builder: IndexBuilder, names: NameKeyCache, births: Uint32Array, offset: number, [i, patient, mother]: PopulationRecord): void {
  const demo = demographicsOf(patient, names);
  if (i - offset < births.length) births[i - offset] = demo.birth ? Number(demo.birth) : 0;
  const k = blockingKeys(demo);
  if (mother) k.push(motherKey(mother));
  builder.add(i, k);
}

/**
 * Indexes `records` (`size` of them, indexes 0..size-1), yielding the number of records indexed so far
 * every few records and during the final sort; returns the index.
 */
export function* buildPopulationIndex(records: Iterable<PopulationRecord>, size: number): Generator<number, PopulationIndex> {
  const births = new Uint32Array(size);
  const builder = createBlockingIndexBuilder();
  const names = createNameKeyCache();
  let done = 0;
  for (const record of records) {
    indexRecord(builder, names, births, 0, record);
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

/** One shard of a parallel build: records from..to-1, their unsorted pairs and their birth dates. */
export interface IndexShard {
  from: number;
  births: Uint32Array;
  pairs: BlockingPairs;
}

/** Indexes records `from`..`to`-1 without sorting (a worker's share); `progress` is told every few thousand records. */
export function indexShard(records: Iterable<PopulationRecord>, from: number, to: number, progress: (done: number) => void): IndexShard {
  const births = new Uint32Array(to - from);
  const builder = createBlockingIndexBuilder();
  const names = createNameKeyCache();
  let done = 0;
  for (const record of records) {
    indexRecord(builder, names, births, from, record);
    if (++done % 8_192 === 0) progress(done);
  }
  return { from, births, pairs: builder.pairs() };
}

/** Sorts the shards' pairs into one index of `size` records, in resumable steps (as `buildPopulationIndex`). */
export function* mergeShards(shards: readonly IndexShard[], size: number): Generator<number, PopulationIndex> {
  const births = new Uint32Array(size);
  const builder = createBlockingIndexBuilder();
  for (const shard of shards) {
    births.set(shard.births, shard.from);
    builder.addPairs(shard.pairs);
  }
  const finishing = builder.finish();
  for (;;) {
    const r = finishing.next();
    if (r.done) return { keys: r.value, births };
    yield size;
  }
}
