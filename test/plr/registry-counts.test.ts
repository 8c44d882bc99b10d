// Health asks PLR for its counts at start: they come from the population's plans, without rendering every
// practitioner, and must equal the counts of the built registry.
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/plr/registry/registry.js';
import { createPopulation } from '../../src/population/index.js';
import { openStore } from '../../src/store/index.js';

describe('PLR counts before the registry is built', () => {
  it.each([
    [1, { patients: 300, practitioners: 400, organizations: 40, facilities: 60 }],
    [7, { patients: 300, practitioners: 2_500, organizations: 400, facilities: 600 }],
  ])('equal the built registry counts (seed %i)', async (seed, sizes) => {
    const options = { seed, referenceDate: '2026-01-01', sizes };
    const unrendered = { ...createPopulation(options), providers: (): never => { throw new Error('practitioners rendered'); } };
    const early = createRegistry(unrendered, await openStore({ file: undefined, flushMs: 5 })).counts();
    const built = createRegistry(createPopulation(options), await openStore({ file: undefined, flushMs: 5 }));
    built.practitioners();
    expect(early).toEqual(built.counts());
  });

  it('come from the registry once something was maintained', async () => {
    const population = createPopulation({ seed: 1, referenceDate: '2026-01-01', sizes: { patients: 300, practitioners: 400, organizations: 40, facilities: 60 } });
    const registry = createRegistry(population, await openStore({ file: undefined, flushMs: 5 }));
    const org = structuredClone(population.organizations()[0]!.organization);
    registry.putOrganization({ ...org, id: 'IPC.99999999.BC.PRS' });
    expect(registry.counts()).toMatchObject({ organizations: 41, maintained: 1 });
  });
});
