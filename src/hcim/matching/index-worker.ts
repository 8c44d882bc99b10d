// Worker thread, two jobs. `shard`: regenerates a population from its options and indexes its share of the
// patients (records from..to-1), posting `{ progress }` now and then and `{ shard }` at the end (sorted by bucket
// when big enough), or `{ index }` when it is the only worker. `merge`: started with the shard workers (so its start
// is not on the build's path), waits for the message `{ shards, size }`, merges them into one index, posted as
// `{ index }`. Every array is moved to the receiving thread (transferred, not copied): the main thread does none of
// the work.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { createClientDemographics } from '../../population/client-demographics.js';
import type { PopulationOptions } from '../../population/types.js';
import { runToEnd } from './blocking-index.js';
import { indexShard, mergeShards, peopleOf, presortShard, shardBuffers, type IndexShard } from './population-index.js';

export type IndexJob = { job: 'shard'; options: PopulationOptions; from: number; to: number; alone: boolean } | { job: 'merge' };

/** What the merge worker waits for. */
export interface MergeMessage {
  shards: IndexShard[];
  size: number;
}

/** Posts the finished index, its arrays moved (each was made here with `new Uint32Array(n)`: plain ArrayBuffers). */
function postIndex(shards: IndexShard[], size: number): void {
  const { births, keys } = runToEnd(mergeShards(shards, size));
  const { offsets, hashes, owners } = keys.arrays;
  const buffers = [births, offsets, hashes, owners].map((a) => a.buffer as ArrayBuffer);
  parentPort!.postMessage({ index: { size: keys.size, births, offsets, hashes, owners } }, buffers);
}

/**
 * The build yields the CPU to the event loop: on Linux a thread's nice value is its own (setpriority on this
 * thread only), so the loop and its garbage collector's helpers are scheduled ahead of the index's work when they
 * compete for a CPU. Elsewhere setPriority would lower the whole process: left alone there.
 */
export const WORKER_NICE = 10;
if (process.platform === 'linux') setPriority(WORKER_NICE);

const job = workerData as IndexJob;
if (job.job === 'merge') parentPort!.once('message', ({ shards, size }: MergeMessage) => postIndex(shards, size));
else {
  const { options, from, to } = job;
  const people = peopleOf({ clientDemographics: createClientDemographics(options) }, from, to);
  const shard = indexShard(people, from, to, (progress) => parentPort!.postMessage({ progress }));
  if (job.alone) postIndex([shard], options.sizes.patients);
  else {
    const sorted = presortShard(shard);
    parentPort!.postMessage({ shard: sorted }, shardBuffers(sorted));
  }
}
