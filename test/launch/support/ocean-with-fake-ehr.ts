// Ocean alone in a fresh test sandbox for each test, with the fake EHR (one for the file) allowed to launch it.
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Sandbox } from '../../../src/app.js';
import { createOceanSystem } from '../../../src/ocean/index.js';
import { createTestSandbox } from '../../support/sandbox.js';
import { startFakeEhr, type FakeEhr } from './fake-ehr.js';

/** Registers the file's hooks; the returned object holds the current test's sandbox and the file's EHR. */
export function useOceanWithFakeEhr(): { readonly sandbox: Sandbox; readonly ehr: FakeEhr } {
  const world = {} as { sandbox: Sandbox; ehr: FakeEhr };
  beforeAll(async () => {
    world.ehr = await startFakeEhr('ocean-at-fake');
  });
  afterAll(async () => world.ehr.close());
  beforeEach(async () => {
    // The fake EHR signs with real time; the sandbox clock must agree for exp/iat.
    world.sandbox = await createTestSandbox({ systems: [createOceanSystem], deps: { clockStart: Date.now() } });
    await request(world.sandbox.app).post('/admin/ocean/smart-issuers').send({ iss: world.ehr.fhirBase, clientId: 'ocean-at-fake', clientSecret: 's3cret' }).expect(201);
    world.ehr.reset();
  });
  afterEach(async () => world.sandbox.close());
  return world;
}
