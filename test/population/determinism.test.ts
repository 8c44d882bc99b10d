// Same (seed, reference date, sizes) gives the same population byte for byte; a different seed does not.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPopulation, writePopulationNdjson } from '../../src/population/index.js';
import type { PopulationOptions } from '../../src/population/types.js';

const OPTIONS: PopulationOptions = { seed: 42, referenceDate: '2026-01-01', sizes: { patients: 400, practitioners: 150, organizations: 40, facilities: 60 } };
const dirs: string[] = [];

async function hashRun(options: PopulationOptions): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'hie-population-'));
  dirs.push(dir);
  await writePopulationNdjson(createPopulation(options), dir);
  const hashes: Record<string, string> = {};
  for (const file of (await readdir(dir)).sort()) hashes[file] = createHash('sha256').update(await readFile(join(dir, file))).digest('hex');
  return hashes;
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('determinism', () => {
  it('writes identical NDJSON for two runs with the same seed and reference date', async () => {
    const first = await hashRun(OPTIONS);
    const second = await hashRun(OPTIONS);
    expect(Object.keys(first)).toContain('Patient.ndjson');
    expect(second).toEqual(first);
  });

  it('writes a different population for a different seed', async () => {
    const first = await hashRun(OPTIONS);
    const other = await hashRun({ ...OPTIONS, seed: 43 });
    expect(other['Patient.ndjson']).not.toBe(first['Patient.ndjson']);
    expect(other['Practitioner.ndjson']).not.toBe(first['Practitioner.ndjson']);
    expect(other['Observation.ndjson']).not.toBe(first['Observation.ndjson']);
  });

  it('computes client i without clients 0..i-1 (random access equals sequential access)', () => {
    const sequential = createPopulation(OPTIONS);
    const expected = [...sequential.clients()].map((c) => JSON.stringify(c));
    const random = createPopulation(OPTIONS);
    for (const index of [399, 7, 250, 0, 123, 398, 9]) expect(JSON.stringify(random.client(index))).toBe(expected[index]);
  });

  it('returns the same chart for repeated calls, in any order', () => {
    const a = createPopulation(OPTIONS);
    const b = createPopulation(OPTIONS);
    const first = JSON.stringify(a.chart(250));
    b.chart(3);
    b.client(250);
    expect(JSON.stringify(b.chart(250))).toBe(first);
    expect(JSON.stringify(a.chart(250))).toBe(first);
  });

  it('hands out independent objects: mutating a returned client does not change the next one', () => {
    const population = createPopulation(OPTIONS);
    const client = population.client(20);
    client.patient.name = [];
    expect(population.client(20).patient.name?.length).toBeGreaterThan(0);
  });

  it('rejects options that cannot describe a population', () => {
    expect(() => createPopulation({ ...OPTIONS, referenceDate: '2026-02-30' })).toThrow(/real calendar date/);
    expect(() => createPopulation({ ...OPTIONS, seed: 1.5 })).toThrow(/seed/);
    expect(() => createPopulation({ ...OPTIONS, sizes: { ...OPTIONS.sizes, patients: 3 } })).toThrow(/sizes.patients/);
    expect(() => createPopulation({ ...OPTIONS, sizes: { ...OPTIONS.sizes, organizations: 2 } })).toThrow(/sizes.organizations/);
  });

  it('throws a RangeError for a client index outside the population', () => {
    const population = createPopulation(OPTIONS);
    expect(() => population.client(400)).toThrow(RangeError);
    expect(() => population.chart(-1)).toThrow(RangeError);
  });
});
