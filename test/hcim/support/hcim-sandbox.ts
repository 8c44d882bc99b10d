// An in-process sandbox with only HCIM mounted over the fixture population (no generated population needed).
import { afterEach, beforeEach } from 'vitest';
import { createApp, type Sandbox } from '../../../src/app.js';
import type { AppDeps } from '../../../src/app-deps.js';
import { createTokenIssuer, defaultKeyCacheFile, fileKeyCache } from '../../../src/auth/index.js';
import { createClock } from '../../../src/clock/index.js';
import { loadConfig, type Bounds } from '../../../src/config.js';
import { createDelivery, DEFAULT_CHANNELS } from '../../../src/delivery/index.js';
import { createFaults } from '../../../src/faults/index.js';
import { createAnswerCache } from '../../../src/fhir/index.js';
import { createHcimSystem } from '../../../src/hcim/index.js';
import { createJournal } from '../../../src/journal/index.js';
import { createLogger } from '../../../src/log.js';
import { createPartners } from '../../../src/partners/index.js';
import { openStore } from '../../../src/store/index.js';
import { createFixturePopulation } from './fixture-population.js';
import { createHcimClient, type HcimPost } from './hcim-client.js';

export async function createHcimSandbox(options: { auth?: boolean; bounds?: Partial<Bounds> } = {}): Promise<Sandbox> {
  const config = loadConfig({}, { dataFile: undefined, clock: { kind: 'manual' }, storeFlushMs: 5, auth: options.auth ?? false, bounds: options.bounds });
  const store = await openStore({ file: undefined, flushMs: 5 });
  const clock = createClock(config.clock, () => Date.now(), Date.parse('2026-03-02T09:00:00Z'));
  const faults = createFaults(store);
  const journal = createJournal(1000);
  const delivery = createDelivery({ store, clock, journal, faults, channels: DEFAULT_CHANNELS });
  const issuer = await createTokenIssuer(store, clock, config.baseUrl, fileKeyCache(defaultKeyCacheFile())); // one RSA key for every test sandbox
  const deps: AppDeps = { config, store, clock, faults, journal, delivery, issuer, partners: createPartners(store), population: createFixturePopulation(), answers: createAnswerCache(config.bounds.answerCacheBytes), log: createLogger('silent'), version: 'test' };
  return createApp(deps, [createHcimSystem]);
}

/** A fresh HCIM sandbox and its client for each test of the calling file (or `describe`), closed after it. */
export function useHcimSandbox(): { readonly sandbox: Sandbox; readonly post: HcimPost } {
  let sandbox: Sandbox | undefined;
  let post: HcimPost | undefined;
  beforeEach(async () => {
    sandbox = await createHcimSandbox();
    post = createHcimClient(sandbox);
  });
  afterEach(async () => sandbox?.close());
  return {
    get sandbox() {
      return sandbox!;
    },
    get post() {
      return post!;
    },
  };
}
