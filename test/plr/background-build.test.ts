// The registry's first build (indexes over every planned practitioner: 1.3-1.5 s at 100,000) no longer runs inside
// the first query: it runs after start in slices that yield to the event loop, and a query arriving meanwhile waits
// for it instead of building on the loop. The slices build exactly what one synchronous build does.
import { describe, expect, it } from 'vitest';
import { createRegistry, type Registry } from '../../src/plr/registry/registry.js';
import { FHIR_PATH } from '../../src/plr/vocabulary.js';
import { createPopulation } from '../../src/population/index.js';
import { openStore } from '../../src/store/index.js';
import { createTestSandbox } from '../support/sandbox.js';
import request from 'supertest';

const options = { seed: 3, referenceDate: '2026-01-01', sizes: { patients: 20, practitioners: 3000, organizations: 40, facilities: 60 } };
const population = createPopulation(options);
const registryOf = async (of = population) => createRegistry(of, await openStore({ file: undefined, flushMs: 5 }), { sliceSize: 250, sliceMs: 0 });

/** How many turns the event loop made while the registry's sliced build ran. */
async function turnsWhileWarming(registry: Registry): Promise<number> {
  let turns = 0;
  let running = true;
  const spin = () => {
    turns += 1;
    if (running) setImmediate(spin);
  };
  setImmediate(spin);
  await registry.warm();
  running = false;
  return turns;
}

const summary = (r: Registry) => ({
  counts: r.counts(),
  ids: [...r.practitioners()].map((p) => p.ipc),
  byFamily: r.index().prefix('practitioner', 'name', 'a'),
  byIdentifier: r.practitionersWithIdentifierValue(population.plrPractitioners!().plan(1234).ipc).map((p) => p.ipc),
  organizations: [...r.organizations()],
  locations: [...r.locations()],
  byOrgName: r.index().prefix('organization', 'name', 'a'),
});

describe('the PLR registry build', () => {
  it('builds in slices that let the event loop run between them', async () => {
    const turns = await turnsWhileWarming(await registryOf());
    // 3,000 plans in slices of 250, one slice a turn: the loop turned between every two.
    expect(turns).toBeGreaterThanOrEqual(11);
  });

  it('renders and indexes the organizations and facilities in slices too', async () => {
    // Few practitioners, many organizations: 400 and 600 took ~30 ms in one turn, 40-60 ms on a busy machine.
    const many = createPopulation({ ...options, sizes: { ...options.sizes, practitioners: 200, organizations: 400, facilities: 600 } });
    const registry = await registryOf(many);
    const turns = await turnsWhileWarming(registry);
    // 1,000 rendered, then 1,000 indexed, 25 between two pauses.
    expect(turns).toBeGreaterThanOrEqual(80);
    expect([...registry.organizations()]).toHaveLength(400);
    expect([...registry.locations()]).toHaveLength(600);
  });

  it('renders the organizations and facilities a few at a time exactly as all at once', () => {
    const json = (p: typeof population) => JSON.stringify([p.organizations(), p.facilities()]);
    const atOnce = json(createPopulation(options));
    const stepped = createPopulation(options);
    expect([...stepped.renderPlrSteps!(10)]).toHaveLength(40 / 10 + 60 / 10);
    expect(json(stepped)).toBe(atOnce);
    // A synchronous use in the middle finishes the rendering; the steps then have nothing left to do.
    const interrupted = createPopulation(options);
    const steps = interrupted.renderPlrSteps!(10);
    for (let i = 0; i < 3; i++) steps.next();
    expect(json(interrupted)).toBe(atOnce);
    expect([...steps]).toHaveLength(0);
    expect(json(interrupted)).toBe(atOnce);
  });

  it('builds in slices exactly what one synchronous build does', async () => {
    const sliced = await registryOf();
    await sliced.warm();
    expect(summary(sliced)).toEqual(summary(await registryOf()));
  });

  it('a synchronous use in the middle of a sliced build finishes it, once', async () => {
    const registry = await registryOf();
    const warming = registry.warm();
    await new Promise((r) => setImmediate(r));
    const counts = registry.counts();
    await warming;
    expect(registry.counts()).toEqual(counts);
    expect(summary(registry)).toEqual(summary(await registryOf()));
  });

  it('a query arriving before the build has run waits for it and answers', async () => {
    const sandbox = await createTestSandbox({ config: { auth: false } });
    try {
      const ipc = sandbox.deps.population.plrPractitioners!().plan(3).ipc;
      expect(sandbox.systems.some((s) => s.name === 'plr')).toBe(true);
      const res = await request(sandbox.app).get(`/plr${FHIR_PATH}/Practitioner/${ipc}/$entityQuery`).set('userid', 'qa@IDIR').set('accept', 'application/fhir+json');
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).toContain(ipc);
    } finally {
      await sandbox.close();
    }
  });
});
