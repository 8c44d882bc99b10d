// An in-process sandbox with only PLR mounted, on the fixture population, plus helpers to call it as a partner.
import request from 'supertest';
import type { AppDeps } from '../../../src/app-deps.js';
import { createApp, type Sandbox } from '../../../src/app.js';
import { createTokenIssuer, defaultKeyCacheFile, fileKeyCache } from '../../../src/auth/index.js';
import { createClock } from '../../../src/clock/index.js';
import { loadConfig, type ConfigOverrides } from '../../../src/config.js';
import { createDelivery, DEFAULT_CHANNELS } from '../../../src/delivery/index.js';
import { createFaults } from '../../../src/faults/index.js';
import { createAnswerCache } from '../../../src/fhir/index.js';
import { createJournal } from '../../../src/journal/index.js';
import { createLogger } from '../../../src/log.js';
import { createPartners, DEMO_PARTNER } from '../../../src/partners/index.js';
import { createPlrSystem } from '../../../src/plr/index.js';
import { FHIR_PATH } from '../../../src/plr/vocabulary.js';
import { openStore } from '../../../src/store/index.js';
import { VERSION } from '../../../src/version.js';
import { createFixturePopulation } from './fixture-population.js';

export const TEST_START = Date.parse('2026-03-02T09:00:00Z');
export const BASE = `/plr${FHIR_PATH}`;
export const ACCEPT = 'application/fhir+json;fhirVersion=4.0;BCPLRVersion=1';
const TOKEN_PATH = '/auth/realms/moh_applications/protocol/openid-connect/token';

/** Builds the sandbox from the same parts as buildDeps, with the fixture population in place of the generated one. */
export async function createPlrSandbox(config: ConfigOverrides = {}, extraPractitioners = 0): Promise<Sandbox> {
  const cfg = loadConfig({}, { dataFile: undefined, clock: { kind: 'manual' }, storeFlushMs: 5, ...config });
  const store = await openStore({ file: undefined, flushMs: cfg.storeFlushMs });
  const clock = createClock(cfg.clock, () => Date.now(), TEST_START);
  const faults = createFaults(store);
  const journal = createJournal(cfg.journalSize);
  const delivery = createDelivery({ store, clock, journal, faults, channels: DEFAULT_CHANNELS, journalBodyCap: cfg.journalBodyCap });
  const issuer = await createTokenIssuer(store, clock, cfg.baseUrl, fileKeyCache(defaultKeyCacheFile())); // one RSA key for every test sandbox
  const deps: AppDeps = { config: cfg, store, clock, faults, journal, delivery, issuer, partners: createPartners(store), population: createFixturePopulation(extraPractitioners), answers: createAnswerCache(cfg.bounds.answerCacheBytes), log: createLogger('silent'), version: VERSION };
  return createApp(deps, [createPlrSystem]);
}

/** A bearer token for the demo partner. */
export async function demoToken(sandbox: Sandbox): Promise<string> {
  const res = await request(sandbox.app).post(TOKEN_PATH).type('form').send({ grant_type: 'client_credentials', client_id: DEMO_PARTNER.clientId, client_secret: DEMO_PARTNER.clientSecret });
  return res.body.access_token as string;
}

/** Calls PLR the way PLR-TEST does: bearer token, userID header, the BCPLRVersion Accept. */
export function plrClient(sandbox: Sandbox, token: string) {
  const auth = <T extends request.Test>(t: T) => t.set('authorization', `Bearer ${token}`).set('userID', 'demo@IDIR').set('accept', ACCEPT);
  return {
    get: (path: string) => auth(request(sandbox.app).get(`${BASE}${path}`)),
    post: (path: string, body: unknown) => auth(request(sandbox.app).post(`${BASE}${path}`)).set('content-type', 'application/fhir+json').send(JSON.stringify(body)),
    put: (path: string, body: unknown) => auth(request(sandbox.app).put(`${BASE}${path}`)).set('content-type', 'application/fhir+json').send(JSON.stringify(body)),
  };
}

export type PlrClient = ReturnType<typeof plrClient>;
