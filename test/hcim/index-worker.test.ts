// A generated population's candidate index is built in a worker thread that regenerates the records from the
// population's options: the main thread reads no record, and the index answers as one built on the main thread.
import { readdirSync, readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { queryOf } from '../../src/hcim/evaluate.js';
import { createMatchingEngine, type MatchingEngine, type MatchSource } from '../../src/hcim/matching/engine.js';
import { motherKey, recordsOf } from '../../src/hcim/matching/population-index.js';
import { startWorkerBuild } from '../../src/hcim/matching/worker-build.js';
import { lookupDifferences } from './support/same-lookups.js';
import { createPopulation } from '../../src/population/index.js';
import type { Population, PopulationOptions } from '../../src/population/types.js';

const OPTIONS: PopulationOptions = { seed: 5, referenceDate: '2026-01-01', sizes: { patients: 2_000, practitioners: 120, organizations: 30, facilities: 40 } };
const population = createPopulation(OPTIONS);

/** The population as the engine sees it; `reads` counts records handed to an index build on this thread. */
function sourceOf(p: Population): MatchSource & { reads: number } {
  const s = {
    reads: 0,
    populationSize: p.options.sizes.patients,
    *populationPatients() {
      for (const r of recordsOf(p)) {
        s.reads += 1;
        yield r;
      }
    },
    current: (i: number) => ({ phn: p.client(i).phn, patient: p.client(i).patient, searchable: true }),
    overlay: () => [],
  };
  return s;
}

async function built(engine: MatchingEngine): Promise<MatchingEngine> {
  engine.startBuilding();
  while (!engine.status().ready) await nextTurn();
  return engine;
}

const phnsFound = (engine: MatchingEngine, index: number) => engine.findCandidates(queryOf(population.client(index).patient, 'full'), { limit: 20 }).candidates.map((c) => c.phn);

describe('the candidate index built in a worker thread', () => {
  it('reads no record on the main thread and finds what the main-thread index finds', async () => {
    expect(population.generatedFrom).toEqual(OPTIONS);
    const inWorker = sourceOf(population);
    const worker = await built(createMatchingEngine(inWorker, { regenerateFrom: population.generatedFrom, workerFrom: 0 }));
    const local = await built(createMatchingEngine(sourceOf(population)));
    expect(inWorker.reads).toBe(0);
    for (const i of [3, 777, 1_999]) {
      expect(phnsFound(worker, i)).toContain(population.client(i).phn);
      expect(phnsFound(worker, i)).toEqual(phnsFound(local, i));
    }
    worker.close();
  });

  it('gives the same index when three workers share the records (each share one part of it)', async () => {
    const fallback = () => {
      throw new Error('no worker may fail here');
    };
    const shared = await startWorkerBuild(OPTIONS, fallback, { workers: 3 }).done;
    const single = await startWorkerBuild(OPTIONS, fallback, { workers: 1 }).done;
    expect(shared.births).toEqual(single.births);
    expect(shared.keys.parts.map((p) => p.size)).toEqual([666, 667, 667]);
    expect(single.keys.parts).toHaveLength(1);
    expect(lookupDifferences(shared.keys, single.keys)).toEqual([]);
    // Written by the workers into memory this thread made: nothing of the index was moved here.
    expect(shared.keys.parts.every((p) => [p.offsets, p.hashes, p.owners].every((a) => a.buffer instanceof SharedArrayBuffer))).toBe(true);
    // Parts that outgrow their shared room (a pair a record) are moved here instead, and answer the same.
    const outgrown = await startWorkerBuild(OPTIONS, fallback, { workers: 2, keysPerRecord: 1 }).done;
    expect(outgrown.keys.parts.map((p) => p.hashes.buffer instanceof SharedArrayBuffer)).toEqual([false, false]);
    expect(lookupDifferences(outgrown.keys, single.keys)).toEqual([]);
    expect(outgrown.births).toEqual(single.births);
    expect(shared.keys.size).toBe(OPTIONS.sizes.patients);
    expect([...shared.keys.lookup(motherKey(population.fixtures.motherPhn))]).toContain(population.clientByPhn(population.fixtures.newbornPhn)!.index);
  });

  it('falls back to building on the main thread when the worker cannot regenerate the population', async () => {
    const source = sourceOf(population);
    const broken = { ...OPTIONS, referenceDate: 'not a date' };
    const engine = await built(createMatchingEngine(source, { regenerateFrom: broken, workerFrom: 0 }));
    expect(source.reads).toBe(OPTIONS.sizes.patients);
    expect(phnsFound(engine, 42)).toContain(population.client(42).phn);
  });
});

/** The nice value of each thread of this process (Linux: /proc/self/task/<tid>/stat, field 19), by thread id. */
function threadNices(): Map<number, number> {
  const nices = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      nices.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return nices;
}

describe.runIf(process.platform === 'linux')('the worker thread on Linux', () => {
  it('indexes at a lower CPU priority (nice 10) than the event loop, which keeps its own', async () => {
    const build = startWorkerBuild(OPTIONS, () => {
      throw new Error('no worker may fail here');
    }, { workers: 1 });
    let lowered = false;
    let finished = false;
    void build.done.then(() => (finished = true));
    while (!finished && !lowered) {
      lowered = [...threadNices().values()].includes(10);
      await new Promise((r) => setTimeout(r, 5));
    }
    await build.done;
    expect(lowered).toBe(true);
    expect(threadNices().get(process.pid)).toBe(0);
  });
});

describe('a search waiting for the worker build', () => {
  it('is never answered by building on the main thread while the worker builds: it waits, then finds', async () => {
    const source = sourceOf(population);
    const engine = createMatchingEngine(source, { regenerateFrom: population.generatedFrom, workerFrom: 0 });
    engine.startBuilding();
    expect(() => phnsFound(engine, 3)).toThrow(/not ready/);
    expect(await engine.whenReady(120_000)).toBe(true);
    expect(source.reads).toBe(0);
    expect(phnsFound(engine, 3)).toContain(population.client(3).phn);
    engine.close();
  });

  it('gives up after its bound (the build goes on), and a later wait sees the index', async () => {
    const source = sourceOf(population);
    const engine = createMatchingEngine(source, { regenerateFrom: population.generatedFrom, workerFrom: 0 });
    engine.startBuilding();
    expect(await engine.whenReady(1)).toBe(false);
    expect(engine.status().ready).toBe(false);
    expect(await engine.whenReady(120_000)).toBe(true);
    expect(await engine.whenReady(0)).toBe(true);
    expect(source.reads).toBe(0);
    engine.close();
  });

  it('is released (not ready) when the engine closes', async () => {
    const engine = createMatchingEngine(sourceOf(population), { regenerateFrom: population.generatedFrom, workerFrom: 0 });
    engine.startBuilding();
    const waiting = engine.whenReady(120_000);
    engine.close();
    expect(await waiting).toBe(false);
  });
});
