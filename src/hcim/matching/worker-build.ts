// Builds the population index in a worker thread: the main thread only receives the finished arrays, so the
// event loop keeps answering however big the population. Falls back to the sliced build if the worker fails.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PopulationOptions } from '../../population/types.js';
import { blockingIndexOf, type BlockingArrays } from './blocking-index.js';
import type { PopulationIndex } from './population-index.js';
import type { SlicedBuild } from './sliced-build.js';

type WorkerMessage = { progress: number } | { index: BlockingArrays & { births: Uint32Array } };

/** Starts the worker; `fallback` builds on the main thread (in slices) when the worker cannot. */
export function startWorkerBuild(options: PopulationOptions, fallback: () => SlicedBuild<PopulationIndex>): SlicedBuild<PopulationIndex> {
  let value: PopulationIndex | undefined;
  let progress = 0;
  let instead: SlicedBuild<PopulationIndex> | undefined;
  let stopped = false;
  let resolve!: (v: PopulationIndex) => void;
  let reject!: (e: unknown) => void;
  const done = new Promise<PopulationIndex>((res, rej) => ((resolve = res), (reject = rej)));
  done.catch(() => undefined);
  const worker = spawnIndexWorker(options);
  const fallBack = (): SlicedBuild<PopulationIndex> | undefined => {
    if (value || instead) return instead;
    void worker.terminate();
    instead = fallback();
    instead.done.then(resolve, reject);
    return instead;
  };
  worker.on('message', (m: WorkerMessage) => {
    if ('progress' in m) progress = m.progress;
    else if (!value && !instead) {
      const { births, ...arrays } = m.index;
      value = { births, keys: blockingIndexOf(arrays) };
      resolve(value);
    }
  });
  // A worker that fails (or exits without an index) leaves the build to the main thread, unless the engine stopped it.
  worker.on('error', () => void (stopped || fallBack()));
  worker.on('exit', () => void (stopped || value || fallBack()));
  return {
    get value() {
      return value ?? instead?.value;
    },
    get progress() {
      return instead?.progress ?? progress;
    },
    done,
    finishNow: () => value ?? fallBack()!.finishNow(),
    stop() {
      stopped = true;
      void worker.terminate();
      instead?.stop();
    },
  };
}

/**
 * The worker runs the compiled `.js` next to this file. From sources (tests, benches), a bootstrap registers tsx in
 * the worker first, so it can load the `.ts` entry.
 */
function spawnIndexWorker(options: PopulationOptions): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./index-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const tsx = fromSource ? tsxEsmApi() : '';
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  const worker = fromSource ? new Worker(bootstrap, { eval: true, workerData: { options } }) : new Worker(entry, { workerData: { options } });
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
