// Public face of the synthetic BC population: one coherent, seeded population for Ocean, PLR and HCIM.
export { createPopulation } from './create-population.js';
export { DEFAULT_POPULATION_SIZES, DEFAULT_REFERENCE_DATE, MIN_POPULATION_SIZES } from './options.js';
export { isValidPhn, phnCheckDigit } from './phn.js';
export { NAMED_FIXTURES } from './fixtures.js';
export { summarizeFixtures, type FixtureSummary } from './fixture-summary.js';
export { providerByIpc } from './provider-by-ipc.js';
export { writePopulationNdjson, type NdjsonProgress, type PopulationStats } from './ndjson/write-ndjson.js';
export { maskPatient } from './mask.js';
export { OCEAN_ATTACHMENT_EXTENSIONS } from './chart/documents.js';
export { KEYWORD_TABLE_LOINC } from './data/clinical/observations.js';
export type * from './types.js';
