// Population defaults and validation of the (seed, reference date, sizes) tuple.
import { FIXTURE_COUNT } from './client/fixture-patients.js';
import { MAX_GENERATED_PATIENTS } from './phn-codec.js';
import { MAX_PRACTITIONERS } from './plr/ids.js';
import { FIXED_ORGANIZATIONS } from './plr/org-plan.js';
import { FIXTURE_PRACTITIONERS } from './plr/practitioner-fixtures.js';
import { parseIsoDate } from './time/calendar.js';
import type { PopulationOptions, PopulationSizes } from './types.js';

/** 10,000 patients, 2,500 practitioner records, 400 organizations, 600 facilities. */
export const DEFAULT_POPULATION_SIZES: Readonly<PopulationSizes> = Object.freeze({
  patients: 10_000,
  practitioners: 2_500,
  organizations: 400,
  facilities: 600,
});

/** The default reference date: ages and "latest" observations are computed from it. */
export const DEFAULT_REFERENCE_DATE = '2026-01-01';

/** Smallest sizes that still hold every named fixture. */
export const MIN_POPULATION_SIZES: Readonly<PopulationSizes> = Object.freeze({
  patients: FIXTURE_COUNT,
  practitioners: FIXTURE_PRACTITIONERS,
  organizations: FIXED_ORGANIZATIONS,
  facilities: 2,
});

const MAX: PopulationSizes = { patients: MAX_GENERATED_PATIENTS, practitioners: MAX_PRACTITIONERS, organizations: 1_000_000, facilities: 1_000_000 };

/** Throws RangeError (saying which value and what is allowed) unless the options describe a population. */
export function assertPopulationOptions(options: PopulationOptions): number {
  if (!Number.isSafeInteger(options.seed)) throw new RangeError(`seed must be a safe integer, got ${options.seed}`);
  const referenceDay = parseIsoDate(options.referenceDate);
  for (const key of Object.keys(MIN_POPULATION_SIZES) as (keyof PopulationSizes)[]) {
    const value = options.sizes[key];
    if (!Number.isInteger(value) || value < MIN_POPULATION_SIZES[key] || value > MAX[key]) {
      throw new RangeError(`sizes.${key} must be a whole number from ${MIN_POPULATION_SIZES[key]} to ${MAX[key]}, got ${value}`);
    }
  }
  return referenceDay;
}
