// Regenerates seed/fixtures.json from the generator: npx tsx seed/write-fixtures.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPopulation, DEFAULT_POPULATION_SIZES, DEFAULT_REFERENCE_DATE } from '../src/population/index.js';
import { summarizeFixtures } from '../src/population/fixture-summary.js';

const population = createPopulation({ seed: 1, referenceDate: DEFAULT_REFERENCE_DATE, sizes: { ...DEFAULT_POPULATION_SIZES, patients: 100 } });
const target = fileURLToPath(new URL('./fixtures.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(summarizeFixtures(population), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
