// Worker thread: regenerates a population from its options and indexes its share of the patients (records
// from..to-1), off the main thread. Posts `{ progress }` now and then, and `{ shard }` at the end (typed
// arrays, transferred, not copied); the main thread merges the shards.
import { parentPort, workerData } from 'node:worker_threads';
import { createPopulation } from '../../population/create-population.js';
import type { PopulationOptions } from '../../population/types.js';
import { indexShard, type PopulationRecord } from './population-index.js';

const { options, from, to } = workerData as { options: PopulationOptions; from: number; to: number };
const population = createPopulation(options);

function* records(): Generator<PopulationRecord> {
  for (let i = from; i < to; i++) {
    const c = population.client(i);
    yield [i, c.patient, c.motherPhn];
  }
}

const shard = indexShard(records(), from, to, (progress) => parentPort!.postMessage({ progress }));
// Every array was made here with `new Uint32Array(n)` or `slice`: plain ArrayBuffers, moved to the main thread.
const buffers = [shard.births, shard.pairs.hashes, shard.pairs.owners].map((a) => a.buffer as ArrayBuffer);
parentPort!.postMessage({ shard }, buffers);
