// NDJSON export: one file per resource type, stats, answer key, directory, and the `seed` CLI command.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerSeedCommand } from '../../src/cli/seed-command.js';
import { createPopulation, writePopulationNdjson, type NdjsonProgress, type PopulationStats } from '../../src/population/index.js';

const dirs: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'hie-ndjson-'));
  dirs.push(dir);
  return dir;
};
const lines = async (file: string): Promise<Record<string, unknown>[]> => (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('writePopulationNdjson', () => {
  it('writes one bulk-data file per resource type, with only that type in it', async () => {
    const dir = await tempDir();
    const population = createPopulation({ seed: 9, referenceDate: '2026-01-01', sizes: { patients: 1200, practitioners: 100, organizations: 30, facilities: 40 } });
    const progress: NdjsonProgress[] = [];
    const stats = await writePopulationNdjson(population, dir, (p) => progress.push(p));
    const files = (await readdir(dir)).sort();
    const types = ['Patient', 'Condition', 'MedicationStatement', 'AllergyIntolerance', 'Immunization', 'FamilyMemberHistory', 'Observation', 'Appointment'];
    types.push('DocumentReference', 'Practitioner', 'PractitionerRole', 'Organization', 'OrganizationAffiliation', 'Location');
    for (const type of types) {
      expect(files).toContain(`${type}.ndjson`);
      const rows = await lines(join(dir, `${type}.ndjson`));
      expect(rows.every((r) => r.resourceType === type)).toBe(true);
      const labelled = (r: Record<string, unknown>): boolean => JSON.stringify((r.meta as { security?: unknown } | undefined)?.security ?? []).includes('"code":"HTEST"');
      expect(rows.filter((r) => !labelled(r)).map((r) => r.id), `${type} without HTEST`).toEqual([]);
      expect(rows).toHaveLength(stats.resources[type] ?? -1);
    }
    expect(stats.resources.Patient).toBe(1200);
    expect(progress).toEqual([{ done: 1000, total: 1200 }, { done: 1200, total: 1200 }]);
    expect(files).toEqual(expect.arrayContaining(['stats.json', 'answer-key.ndjson', 'ocean-sites.json', 'ocean-listings.json', 'fixtures.json']));
  });

  it('writes stats.json and an answer key that agree with the population', async () => {
    const dir = await tempDir();
    const population = createPopulation({ seed: 10, referenceDate: '2026-01-01', sizes: { patients: 500, practitioners: 50, organizations: 20, facilities: 20 } });
    const stats = await writePopulationNdjson(population, dir);
    const written = JSON.parse(await readFile(join(dir, 'stats.json'), 'utf8')) as PopulationStats;
    expect(written).toEqual(stats);
    expect(Object.values(stats.clientStatuses).reduce((a, b) => a + b, 0)).toBe(500);
    expect(await lines(join(dir, 'answer-key.ndjson'))).toEqual(population.answerKey());
    expect(JSON.parse(await readFile(join(dir, 'ocean-listings.json'), 'utf8'))).toEqual(population.oceanListings());
  });
});

describe('hie-sandbox seed', () => {
  it('writes the population for --seed, --patients and --out', async () => {
    const dir = await tempDir();
    const program = new Command().exitOverride();
    registerSeedCommand(program);
    const writes: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      await program.parseAsync(['seed', '--seed', '12', '--patients', '40', '--out', dir], { from: 'user' });
    } finally {
      stderr.mockRestore();
    }
    const stats = JSON.parse(await readFile(join(dir, 'stats.json'), 'utf8')) as PopulationStats;
    expect(stats.options.seed).toBe(12);
    expect(stats.options.sizes.patients).toBe(40);
    expect(await lines(join(dir, 'Patient.ndjson'))).toHaveLength(40);
    expect(writes.join('')).toMatch(/wrote .* resources for 40 patients \(seed 12/);
    expect(writes.join('')).not.toContain('%');
  });

  it('shows a progress bar on stderr when asked', async () => {
    const dir = await tempDir();
    const program = new Command().exitOverride();
    registerSeedCommand(program);
    const writes: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      await program.parseAsync(['seed', '--patients', '1000', '--out', dir, '--progress'], { from: 'user' });
    } finally {
      stderr.mockRestore();
    }
    expect(writes.some((w) => w.includes('100.0%') && w.includes('1,000/1,000 patients'))).toBe(true);
  });

  it('rejects a patient count below the fixtures', async () => {
    const program = new Command().exitOverride();
    registerSeedCommand(program);
    program.commands.forEach((c) => c.exitOverride().configureOutput({ writeErr: () => undefined }));
    await expect(program.parseAsync(['seed', '--patients', '3', '--out', 'x'], { from: 'user' })).rejects.toThrow(/whole number/);
  });
});
