// Worker thread: regenerates a population from its options and indexes every patient, off the main thread.
// Posts `{ progress }` now and then, and `{ index }` (typed arrays, transferred, not copied) at the end.
import { parentPort, workerData } from 'node:worker_threads';
import { createPopulation } from '../../population/create-population.js';
import type { PopulationOptions } from '../../population/types.js';
import { buildPopulationIndex, recordsOf } from './population-index.js';

/** Records between two progress messages. */
const PROGRESS_EVERY = 8_192;

const { options } = workerData as { options: PopulationOptions };
const population = createPopulation(options);
const steps = buildPopulationIndex(recordsOf(population), options.sizes.patients);
let last = 0;
for (;;) {
  const r = steps.next();
  if (r.done) {
    const { births, keys } = r.value;
    const { size, offsets, hashes, owners } = keys.arrays;
    // Every array was made here with `new Uint32Array(n)`: plain ArrayBuffers, moved to the main thread.
    const buffers = [births, offsets, hashes, owners].map((a) => a.buffer as ArrayBuffer);
    parentPort!.postMessage({ index: { size, births, offsets, hashes, owners } }, buffers);
    break;
  }
  if (r.value - last >= PROGRESS_EVERY) parentPort!.postMessage({ progress: (last = r.value) });
}
