// The registry's read path: a population person is built once for the reads that follow one another (a
// GetDemographics, a FindCandidates that scores and then renders the same record), and what it hands out for
// reading still follows the store (a revision, a reset).
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/hcim/registry/registry.js';
import type { Population } from '../../src/population/types.js';
import { openStore } from '../../src/store/index.js';
import { createFixturePopulation, PHN } from './support/fixture-population.js';

/** The fixture population, counting the records it builds. */
function countingPopulation(): { population: Population; builds: () => number } {
  const base = createFixturePopulation();
  let builds = 0;
  const population: Population = {
    ...base,
    client: (i) => (builds++, base.client(i)),
    clientByPhn: (phn) => (builds++, base.clientByPhn(phn)),
  };
  return { population, builds: () => builds };
}

describe('registry reads', () => {
  it('builds a population person once for repeated reads of it, by PHN and by index', async () => {
    const { population, builds } = countingPopulation();
    const registry = createRegistry(await openStore({}), population);
    for (let i = 0; i < 5; i++) expect(registry.view(PHN.ordinary)?.patient.name?.[0]?.family).toBe('Smith');
    expect(registry.matchable(0)?.phn).toBe(PHN.ordinary);
    expect(builds()).toBe(1);
  });

  it('lists merged PHNs without building the merged fixture on every call', async () => {
    const { population, builds } = countingPopulation();
    const registry = createRegistry(await openStore({}), population);
    for (let i = 0; i < 5; i++) expect(registry.mergedInto(PHN.survivor)).toEqual([PHN.merged]);
    expect(registry.mergedInto(PHN.ordinary)).toEqual([]);
    expect(builds()).toBeLessThanOrEqual(1);
  });

  it('reads follow the store: a revision is seen at once, a reset gives the population record back', async () => {
    const store = await openStore({});
    const registry = createRegistry(store, createFixturePopulation());
    expect(registry.view(PHN.ordinary)?.patient.name?.[0]?.family).toBe('Smith');
    const revised = registry.get(PHN.ordinary)!;
    revised.patient = { ...revised.patient, name: [{ use: 'official', family: 'Smithers', given: ['Robert'] }] };
    registry.save(revised);
    expect(registry.view(PHN.ordinary)?.patient.name?.[0]?.family).toBe('Smithers');
    expect(registry.matchable(0)?.patient.name?.[0]?.family).toBe('Smithers');
    store.clear();
    expect(registry.view(PHN.ordinary)?.patient.name?.[0]?.family).toBe('Smith');
    expect(registry.matchable(0)?.patient.name?.[0]?.family).toBe('Smith');
  });

  it('the merged fixture stops counting once the store un-merges or re-points it', async () => {
    const store = await openStore({});
    const registry = createRegistry(store, createFixturePopulation());
    expect(registry.mergedInto(PHN.survivor)).toEqual([PHN.merged]);
    const merged = registry.get(PHN.merged)!;
    registry.save({ ...merged, survivorPhn: PHN.ordinary });
    expect(registry.mergedInto(PHN.survivor)).toEqual([]);
    expect(registry.mergedInto(PHN.ordinary)).toEqual([PHN.merged]);
  });

  it('a person handed out for writing is the caller own copy: changing it changes no later read', async () => {
    const registry = createRegistry(await openStore({}), createFixturePopulation());
    registry.view(PHN.ordinary);
    const copy = registry.get(PHN.ordinary)!;
    copy.patient.name![0]!.family = 'Changed';
    expect(registry.view(PHN.ordinary)?.patient.name?.[0]?.family).toBe('Smith');
    expect(registry.get(PHN.ordinary)?.patient.name?.[0]?.family).toBe('Smith');
  });
});
