// Builds the population index in worker threads, one share of the records each: the main thread only merges
// the finished arrays (in slices), so the event loop keeps answering however big the population. Falls back to
// the sliced build on the main thread if a worker fails.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PopulationOptions } from '../../population/types.js';
import { mergeShards, type IndexShard, type PopulationIndex } from './population-index.js';
import { startSlicedBuild, type SlicedBuild } from './sliced-build.js';

type WorkerMessage = { progress: number } | { shard: IndexShard };

/** Fewer records than this per worker are not worth another thread. */
const MIN_SHARD = 100_000;

export interface WorkerBuildOptions {
  /** Milliseconds of merging per event-loop turn (default 8). */
  sliceMs?: number;
  /** How many workers share the records (default: one per CPU, each with at least 100,000 records). */
  workers?: number;
}

/** Starts the workers; `fallback` builds on the main thread (in slices) when one of them cannot. */
export function startWorkerBuild(options: PopulationOptions, fallback: () => SlicedBuild<PopulationIndex>, build: WorkerBuildOptions = {}): SlicedBuild<PopulationIndex> {
  const total = options.sizes.patients;
  const { sliceMs = 8, workers: wanted = Math.min(availableParallelism(), Math.floor(total / MIN_SHARD)) } = build;
  const count = Math.max(1, Math.min(wanted, total));
  let merge: SlicedBuild<PopulationIndex> | undefined;
  let instead: SlicedBuild<PopulationIndex> | undefined;
  let stopped = false;
  let resolve!: (v: PopulationIndex) => void;
  let reject!: (e: unknown) => void;
  const done = new Promise<PopulationIndex>((res, rej) => ((resolve = res), (reject = rej)));
  done.catch(() => undefined);
  const shards: IndexShard[] = [];
  const progress = new Array<number>(count).fill(0);
  const workers = progress.map((_, k) => spawnIndexWorker(options, Math.floor((total * k) / count), Math.floor((total * (k + 1)) / count)));
  const current = () => instead ?? merge;
  const fallBack = (): SlicedBuild<PopulationIndex> => {
    if (current()) return current()!;
    for (const w of workers) void w.terminate();
    instead = fallback();
    instead.done.then(resolve, reject);
    return instead;
  };
  workers.forEach((worker, k) => {
    worker.on('message', (m: WorkerMessage) => {
      if ('progress' in m) progress[k] = m.progress;
      else if (!current()) {
        shards.push(m.shard);
        progress[k] = m.shard.births.length;
        if (shards.length < count) return;
        merge = startSlicedBuild(mergeShards(shards.sort((a, b) => a.from - b.from), total), sliceMs);
        merge.done.then(resolve, reject);
      }
    });
    // A worker that fails (or exits without its shard) leaves the build to the main thread, unless the engine stopped it.
    worker.on('error', () => void (stopped || fallBack()));
    worker.on('exit', () => void (stopped || shards.length === count || fallBack()));
  });
  return {
    get value() {
      return current()?.value;
    },
    get progress() {
      return instead?.progress ?? progress.reduce((a, b) => a + b, 0);
    },
    done,
    finishNow: () => current()?.value ?? fallBack().finishNow(),
    stop() {
      stopped = true;
      for (const w of workers) void w.terminate();
      current()?.stop();
    },
  };
}

/**
 * A worker runs the compiled `.js` next to this file. From sources (tests, benches), a bootstrap registers tsx in
 * the worker first, so it can load the `.ts` entry.
 */
function spawnIndexWorker(options: PopulationOptions, from: number, to: number): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./index-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const workerData = { options, from, to };
  const bootstrap = () => `import(${JSON.stringify(tsxEsmApi())}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  const worker = fromSource ? new Worker(bootstrap(), { eval: true, workerData }) : new Worker(entry, { workerData });
  worker.unref();
  return worker;
}

/** The URL of tsx's ES module API (its package exports map names the file). */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}
