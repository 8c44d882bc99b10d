// Shared population builders for the population tests (small sizes keep the suite fast).
import { createPopulation, DEFAULT_REFERENCE_DATE } from '../../../src/population/index.js';
import type { Population, PopulationSizes } from '../../../src/population/types.js';

export const SMALL_SIZES: PopulationSizes = { patients: 1_500, practitioners: 300, organizations: 80, facilities: 120 };

/** A small population; identical options give identical populations, so tests may share them. */
export function smallPopulation(seed = 1, sizes: Partial<PopulationSizes> = {}, referenceDate = DEFAULT_REFERENCE_DATE): Population {
  return createPopulation({ seed, referenceDate, sizes: { ...SMALL_SIZES, ...sizes } });
}

/** Every resource (including chart resources) of the first `patients` clients. */
export function* clientResources(population: Population, patients: number) {
  for (let i = 0; i < patients; i++) {
    const record = population.client(i);
    yield { record, chart: population.chart(i) };
  }
}
