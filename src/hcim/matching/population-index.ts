// The population's match index (blocking keys plus birth dates), built in resumable steps so a big
// population is indexed a slice at a time between requests instead of in one event-loop-blocking pass.
import type * as fhir from '../../fhir/types.js';
import type { ClientRecord } from '../../population/types.js';
import { blockingKeys } from './blocking.js';
import { createBlockingIndexBuilder, type BlockingIndex } from './blocking-index.js';
import { createNameKeyCache, demographicsOf } from './demographics.js';

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

/**
 * Indexes `records` (`size` of them, indexes 0..size-1), yielding the number of records indexed so far
 * every few records and during the final sort; returns the index.
 */
export function* buildPopulationIndex(records: Iterable<PopulationRecord>, size: number): Generator<number, PopulationIndex> {
  const births = new Uint32Array(size);
  const builder = createBlockingIndexBuilder();
  const names = createNameKeyCache();
  let done = 0;
  for (const [i, patient, mother] of records) {
    const demo = demographicsOf(patient, names);
    if (i < size) births[i] = demo.birth ? Number(demo.birth) : 0;
    const k = blockingKeys(demo);
    if (mother) k.push(motherKey(mother));
    builder.add(i, k);
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
