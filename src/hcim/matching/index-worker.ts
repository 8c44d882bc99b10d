// Worker thread: regenerates a population from its options, indexes its share of the patients (records from..to-1),
// sorts the share's pairs by bucket, and posts `{ shard }`, one part of the index, posting `{ progress }` now and
// then. The part and the birth dates are written into memory the main thread made and shares (so they arrive with
// no copy, and no new memory for its garbage collector to account for); a part that outgrew its room is moved to the
// main thread instead (transferred, not copied). The main thread only puts the parts side by side.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { createClientDemographics } from '../../population/client-demographics.js';
import type { PopulationOptions } from '../../population/types.js';
import { indexShard, inRoom, peopleOf, shardBuffers, sortShard, type SharedRoom, type SortedShard } from './population-index.js';

export interface IndexJob {
  options: PopulationOptions;
  from: number;
  to: number;
  /** Every record's birth date, in memory shared with the main thread: this worker writes from..to-1. */
  births: Uint32Array;
  /** Where this worker writes its part when it fits (memory shared with, and accounted on, the main thread). */
  room: SharedRoom;
}

/** What a worker posts: its progress, its part written in the room (`written`), or its own part, moved. */
export type IndexWorkerMessage = { progress: number } | { written: { from: number; size: number; n: number } } | { shard: SortedShard };

/**
 * The build yields the CPU to the event loop: on Linux a thread's nice value is its own (setpriority on this
 * thread only), so the loop and its garbage collector's helpers are scheduled ahead of the index's work when they
 * compete for a CPU. Elsewhere setPriority would lower the whole process: left alone there.
 */
export const WORKER_NICE = 10;
if (process.platform === 'linux') setPriority(WORKER_NICE);

const { options, from, to, births, room } = workerData as IndexJob;
const post = (m: IndexWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
const people = peopleOf({ clientDemographics: createClientDemographics(options) }, from, to);
const shard = sortShard(indexShard(people, from, to, (progress) => post({ progress }), births.subarray(from, to), room), room);
if (inRoom(shard.part, room)) post({ written: { from, size: shard.part.size, n: shard.part.hashes.length } });
else post({ shard }, shardBuffers(shard));
