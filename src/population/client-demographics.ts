// A population's clients reduced to what a match index reads, without the rest of the population (no PLR, Ocean
// or charts to build first): what a worker thread regenerates to index its share of the patients.
import { createClientFactory } from './client/client-factory.js';
import { FIXTURE_PHNS } from './client/fixture-patients.js';
import { assertPopulationOptions } from './options.js';
import { createPhnCodec } from './phn-codec.js';
import type { ClientDemographics, PopulationOptions } from './types.js';

/** `Population.clientDemographics` of the population `options` generate (throws RangeError as createPopulation does). */
export function createClientDemographics(options: PopulationOptions): (index: number) => ClientDemographics {
  const referenceDay = assertPopulationOptions(options);
  const { seed, sizes } = options;
  const factory = createClientFactory({ seed, referenceDay, patients: sizes.patients, codec: createPhnCodec(seed, FIXTURE_PHNS) });
  return (index) => {
    if (!Number.isInteger(index) || index < 0 || index >= sizes.patients) throw new RangeError(`Client index ${index} is outside 0..${sizes.patients - 1}`);
    return factory.demographics(index);
  };
}
