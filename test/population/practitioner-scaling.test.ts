// `--practitioners N` and HIE_SANDBOX_PRACTITIONERS scale the PLR population.
import { describe, expect, it } from 'vitest';
import { configFromFlags } from '../../src/cli/options.js';
import { loadConfig } from '../../src/config.js';
import { createPopulation } from '../../src/population/index.js';

describe('scaling the PLR population', () => {
  it('takes the practitioner count from --practitioners, over HIE_SANDBOX_PRACTITIONERS, over the default 2,500', () => {
    expect(loadConfig({}, {}).sizes.practitioners).toBe(2_500);
    expect(loadConfig({ HIE_SANDBOX_PRACTITIONERS: '7000' }, {}).sizes.practitioners).toBe(7_000);
    const both = configFromFlags({ practitioners: 5_000, patients: 300 }, { HIE_SANDBOX_PRACTITIONERS: '7000' });
    expect(both.sizes).toMatchObject({ practitioners: 5_000, patients: 300 });
  });

  it('generates that many practitioner records', () => {
    const population = createPopulation({ seed: 1, referenceDate: '2026-01-01', sizes: { patients: 300, practitioners: 3_000, organizations: 30, facilities: 40 } });
    expect(population.providers()).toHaveLength(3_000);
    expect(new Set(population.providers().map((p) => p.ipc)).size).toBe(3_000);
  });

  it('renders the same practitioners whether they are asked for first or after Ocean and the clients (they are rendered lazily)', () => {
    const options = { seed: 7, referenceDate: '2026-01-01', sizes: { patients: 300, practitioners: 200, organizations: 30, facilities: 40 } };
    const first = createPopulation(options).providers();
    const later = createPopulation(options);
    later.oceanSites();
    later.client(42);
    later.organizations();
    expect(later.providers()).toEqual(first);
  });
});
