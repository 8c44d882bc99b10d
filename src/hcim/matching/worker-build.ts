// Builds the population index in worker threads, one share of the records each, sorted where it was made into memory
// this thread shares with it: the main thread only puts the finished parts side by side (no merge, no copy), so the
// event loop keeps answering however big the population. Falls back to the sliced build on the main thread if a worker fails.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PopulationOptions } from '../../population/types.js';
import type { IndexJob, IndexWorkerMessage } from './index-worker.js';
import { joinShards, sharedRoomFor, type PopulationIndex, type SharedRoom, type SortedShard } from './population-index.js';
import type { SlicedBuild } from './sliced-build.js';

/** Fewer records than this per worker are not worth another thread. */
const MIN_SHARD = 100_000;

export interface WorkerBuildOptions {
  /** How many workers share the records (default: one per CPU, each with at least 100,000 records). */
  workers?: number;
  /** Pairs a record the shared room of each part holds (default 9.4; a part that outgrows it is moved instead). */
  keysPerRecord?: number;
}

/** Starts the workers; `fallback` builds on the main thread (in slices) when one of them cannot. */
export function startWorkerBuild(options: PopulationOptions, fallback: () => SlicedBuild<PopulationIndex>, build: WorkerBuildOptions = {}): SlicedBuild<PopulationIndex> {
  const total = options.sizes.patients;
  // One per CPU: the main thread only waits meanwhile, and the workers run at a lower priority (index-worker.ts), so
  // the event loop and its garbage collector still get a CPU whenever they want one.
  const { workers: wanted = Math.min(availableParallelism(), Math.floor(total / MIN_SHARD)) } = build;
  const count = Math.max(1, Math.min(wanted, total));
  let value: PopulationIndex | undefined;
  let instead: SlicedBuild<PopulationIndex> | undefined;
  let stopped = false;
  let resolve!: (v: PopulationIndex) => void;
  let reject!: (e: unknown) => void;
  const done = new Promise<PopulationIndex>((res, rej) => ((resolve = res), (reject = rej)));
  done.catch(() => undefined);
  const shards: SortedShard[] = [];
  const progress = new Array<number>(count).fill(0);
  const shareOf = (k: number) => [Math.floor((total * k) / count), Math.floor((total * (k + 1)) / count)] as const;
  // Shared, made here and written by the workers. The main thread then neither copies the dates (a fresh 4 MB array
  // and its page faults: 15-25 ms of the event loop when the index arrived) nor receives ~90 MB of new memory at a
  // million patients, whose accounting made its garbage collector run 15-30 ms at that moment; made now, while the
  // heap is small, that costs a few milliseconds.
  const births = new Uint32Array(new SharedArrayBuffer(4 * total));
  // Let go of once the index is made or given up (a room a part outgrew, or every room of a failed build, is ~45 MB).
  let rooms: SharedRoom[] = Array.from({ length: count }, (_, k) => sharedRoomFor(shareOf(k)[1] - shareOf(k)[0], build.keysPerRecord));
  const workers: Worker[] = [];
  const fallBack = (): SlicedBuild<PopulationIndex> | undefined => {
    if (value || instead) return instead;
    for (const w of workers) void w.terminate();
    rooms = [];
    instead = fallback();
    instead.done.then(resolve, reject);
    return instead;
  };
  const onMessage = (k: number) => (m: IndexWorkerMessage) => {
    if (value || instead) return;
    if ('progress' in m) return void (progress[k] = m.progress);
    if ('written' in m) {
      const { from, size, n } = m.written;
      const { offsets, hashes, owners } = rooms[k]!;
      shards.push({ from, part: { size, offsets, hashes: hashes.subarray(0, n), owners: owners.subarray(0, n) } });
    } else shards.push(m.shard);
    progress[k] = shareOf(k)[1] - shareOf(k)[0];
    if (shards.length < count) return;
    value = joinShards(shards, births);
    rooms = [];
    resolve(value);
  };
  // A worker that fails, or ends before its part is in, leaves the build to the main thread, unless the engine stopped it.
  const watch = (worker: Worker, k: number, delivered: () => boolean) => {
    workers.push(worker);
    worker.on('message', onMessage(k));
    worker.on('error', () => void (stopped || fallBack()));
    worker.on('exit', () => void (stopped || value || delivered() || fallBack()));
  };
  const spawnAll = (code: WorkerCode) => {
    if (stopped || instead) return;
    for (let k = 0; k < count; k++) {
      const [from, to] = shareOf(k);
      const job: IndexJob = { options, from, to, births, room: rooms[k]! };
      watch(spawnIndexWorker(code, job), k, () => shards.some((s) => s.from === from));
    }
  };
  void workerCode().then(spawnAll, () => void (stopped || fallBack()));
  return {
    get value() {
      return value ?? instead?.value;
    },
    get progress() {
      return instead?.progress ?? progress.reduce((a, b) => a + b, 0);
    },
    done,
    finishNow: () => value ?? instead?.value ?? fallBack()!.finishNow(),
    stop() {
      stopped = true;
      rooms = [];
      for (const w of workers) void w.terminate();
      instead?.stop();
    },
  };
}

/** What a worker runs: the compiled `index-worker.js` next to this file, or from sources (tests, benches) the `.ts`. */
type WorkerCode = { url: URL } | { bootstrap: string };

/**
 * From sources, the worker's modules bundled into one (esbuild, ~40 ms off the event loop): loading them one by one
 * through tsx took each worker seconds on a busy machine, and stalled the event loop meanwhile. Without esbuild, a
 * bootstrap registers tsx in the worker first.
 */
async function workerCode(): Promise<WorkerCode> {
  if (!import.meta.url.endsWith('.ts')) return { url: new URL('./index-worker.js', import.meta.url) };
  const entry = new URL('./index-worker.ts', import.meta.url);
  try {
    const esbuild = await import('esbuild');
    const { outputFiles } = await esbuild.build({ entryPoints: [fileURLToPath(entry)], bundle: true, format: 'esm', platform: 'node', target: 'node20', write: false, logLevel: 'silent' });
    return { url: new URL(`data:text/javascript;base64,${Buffer.from(outputFiles[0]!.contents).toString('base64')}`) };
  } catch {
    return { bootstrap: `import(${JSON.stringify(tsxEsmApi())}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });` };
  }
}

function spawnIndexWorker(code: WorkerCode, workerData: IndexJob): Worker {
  const worker = 'url' in code ? new Worker(code.url, { workerData }) : new Worker(code.bootstrap, { eval: true, workerData });
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
