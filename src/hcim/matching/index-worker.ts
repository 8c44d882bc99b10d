// Worker thread: regenerates a population from its options, indexes its share of the patients (records from..to-1),
// sorts the share's pairs by bucket, and posts `{ shard }`, one part of the index, posting `{ progress }` now and
// then. Every array is moved to the main thread (transferred, not copied), which only puts the parts side by side;
// the birth dates are written straight into an array shared with the main thread.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { createClientDemographics } from '../../population/client-demographics.js';
import type { PopulationOptions } from '../../population/types.js';
import { indexShard, peopleOf, shardBuffers, sortShard } from './population-index.js';

export interface IndexJob {
  options: PopulationOptions;
  from: number;
  to: number;
  /** Every record's birth date, in memory shared with the main thread: this worker writes from..to-1. */
  births: Uint32Array;
}

/**
 * The build yields the CPU to the event loop: on Linux a thread's nice value is its own (setpriority on this
 * thread only), so the loop and its garbage collector's helpers are scheduled ahead of the index's work when they
 * compete for a CPU. Elsewhere setPriority would lower the whole process: left alone there.
 */
export const WORKER_NICE = 10;
if (process.platform === 'linux') setPriority(WORKER_NICE);

const { options, from, to, births } = workerData as IndexJob;
const people = peopleOf({ clientDemographics: createClientDemographics(options) }, from, to);
const shard = sortShard(indexShard(people, from, to, (progress) => parentPort!.postMessage({ progress }), births.subarray(from, to)));
parentPort!.postMessage({ shard }, shardBuffers(shard));
