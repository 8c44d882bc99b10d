// A big population's candidate index is kept in a file: the next engine over the same population reads it back
// instead of indexing every record again, and a damaged file is rebuilt, never trusted.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type * as fhir from '../../src/fhir/types.js';
import { createMatchingEngine, type MatchingEngine, type MatchSource } from '../../src/hcim/matching/engine.js';
import { fileIndexStore, indexFileFor } from '../../src/hcim/matching/index-file.js';
import { createBlockingIndexBuilder } from '../../src/hcim/matching/blocking-index.js';
import { joinShards, sortShard, type PopulationRecord } from '../../src/hcim/matching/population-index.js';

const FAMILIES = ['Schmidt', 'Okafor', 'Nguyen', 'Singh', 'Tremblay'];
const GIVEN = ['Katherine', 'Chidi', 'Linh', 'Arjun', 'Marie'];
const SIZE = 600;
const patientAt = (i: number): fhir.Patient => ({
  resourceType: 'Patient',
  id: `p${i}`,
  name: [{ use: 'official', family: FAMILIES[i % 5], given: [GIVEN[(i >> 3) % 5]!] }],
  birthDate: `19${String(40 + (i % 60)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
});

/** A population source; `reads` counts records handed to the index build. */
function sourceOf(): MatchSource & { reads: number } {
  const s = {
    reads: 0,
    populationSize: SIZE,
    *populationPatients(): Generator<PopulationRecord> {
      for (let i = 0; i < SIZE; i++) {
        s.reads += 1;
        yield [i, patientAt(i), undefined];
      }
    },
    current: (i: number) => ({ phn: `p${i}`, patient: patientAt(i), searchable: true }),
    overlay: () => [],
  };
  return s;
}

async function ready(engine: MatchingEngine): Promise<void> {
  while (!engine.status().ready) await nextTurn();
}

const search = (engine: MatchingEngine) => engine.findCandidates(patientAt(123), { limit: 10 }).candidates.map((c) => c.phn);

describe('the kept candidate index', () => {
  it('is written once built and read back by the next engine, which then indexes no record and answers the same', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hie-index-')), 'index.bin');
    const first = sourceOf();
    const built = createMatchingEngine(first, { indexStore: fileIndexStore(file) });
    // A first start builds at once; whether 600 records finish within the build's first 8 ms slice depends on the
    // machine, so the test waits rather than asserting the build is still under way.
    built.startBuilding();
    await ready(built);
    while (!statSync(file, { throwIfNoEntry: false })) await nextTurn();
    expect(first.reads).toBe(SIZE);

    const second = sourceOf();
    const reread = createMatchingEngine(second, { indexStore: fileIndexStore(file) });
    reread.startBuilding();
    await ready(reread);
    expect(second.reads).toBe(0);
    expect(search(reread)).toEqual(search(built));
    expect(search(reread)).toContain('p123');
  });

  it('rebuilds when the file is damaged', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hie-index-')), 'index.bin');
    writeFileSync(file, Buffer.alloc(64, 7));
    const source = sourceOf();
    const engine = createMatchingEngine(source, { indexStore: fileIndexStore(file) });
    engine.startBuilding();
    await ready(engine);
    expect(source.reads).toBe(SIZE);
    expect(search(engine)).toContain('p123');
  });

  it('begins a first start\'s build at once, without waiting to look for a file it knows is not there', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hie-index-')), 'index.bin');
    const store = fileIndexStore(file);
    expect(store.present!()).toBe(false);
    // A load that never ends: the build must not wait for it when there is no file.
    const engine = createMatchingEngine(sourceOf(), { indexStore: { ...store, load: () => new Promise(() => undefined) } });
    engine.startBuilding();
    expect(await engine.whenReady(30_000)).toBe(true);
    expect(search(engine)).toContain('p123');
    while (!store.present!()) await nextTurn();
  });

  it('keeps an index of several parts (one per worker) part for part, and refuses a file cut short or with a part missing', async () => {
    const shard = (from: number, records: number) => {
      const builder = createBlockingIndexBuilder();
      for (let i = from; i < from + records; i++) builder.addHashes(i, Uint32Array.of(1_000 + (i % 97), (i * 2_654_435_761) >>> 0, 0xffff_fff1), 3);
      return sortShard({ from, births: new Uint32Array(0), pairs: builder.pairs() });
    };
    // The birth dates in memory shared with the workers, as a worker build has them.
    const births = new Uint32Array(new SharedArrayBuffer(4 * SIZE)).map((_, i) => 19_500_101 + i);
    const index = joinShards([shard(0, 300), shard(300, 200), shard(500, 100)], births);
    const file = join(mkdtempSync(join(tmpdir(), 'hie-index-')), 'index.bin');
    await fileIndexStore(file).save(index);
    const read = (await fileIndexStore(file).load())!;
    expect(read.keys.parts).toEqual(index.keys.parts);
    expect(read.births).toEqual(index.births);
    expect([...read.keys.lookupHash(0xffff_fff1)]).toEqual(Array.from({ length: SIZE }, (_, i) => i));
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 4));
    expect(await fileIndexStore(file).load()).toBeUndefined();
    // The header says two parts where three were written: the sizes no longer add up.
    const twoParts = Buffer.from(bytes);
    twoParts.writeUInt32LE(2, 16);
    writeFileSync(file, twoParts);
    expect(await fileIndexStore(file).load()).toBeUndefined();
  });

  it('names the file after the population: another seed or other records give another file', () => {
    const records = (shift: number) => Array.from({ length: 20 }, (_, i): PopulationRecord => [i, patientAt(i + shift), undefined]);
    const a = indexFileFor('/x', '1|2026-01-01|600', records(0));
    expect(indexFileFor('/x', '1|2026-01-01|600', records(0))).toBe(a);
    expect(indexFileFor('/x', '2|2026-01-01|600', records(0))).not.toBe(a);
    expect(indexFileFor('/x', '1|2026-01-01|600', records(1))).not.toBe(a);
  });
});
