// The fuzz harness's fixed budget in `npm test`: fuzzed requests over every route never get an unplanned 5xx or kill the process.
import fc from 'fast-check';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startSandbox, type RunningSandbox } from '../../src/main.js';
import { TEST_SIZES } from '../support/sandbox.js';
import { allSeeds } from './corpus.js';
import { emptyReport, probeWebSocket, send, tally, undoDeliberateFaults } from './engine.js';
import { requestArbitrary } from './requests.js';
import { routeTable } from './route-table.js';

/** Requests per run: small enough for `npm test`; `npm run fuzz -- --requests 100000` runs the full one. */
const BUDGET = 1500;

let running: RunningSandbox;
let base: URL;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
beforeAll(async () => {
  const config = loadConfig({}, { port: 0, dataFile: undefined, clock: { kind: 'manual' }, storeFlushMs: 5, sizes: TEST_SIZES, auth: false });
  running = await startSandbox(config, createLogger('silent'));
  base = new URL(running.url);
});
afterAll(async () => {
  agent.destroy();
  await running.stop();
});

describe('the fuzz harness (fixed budget)', () => {
  it('reads a route table covering every surface', () => {
    const patterns = routeTable(running.sandbox.app).map((r) => r.pattern);
    for (const prefix of ['/admin/', '/auth/', '/ocean/svc/fhir/v1/', '/ocean/svc/oauth2/', '/plr/HSA-web/fhir-rs/', '/hcim/fhir/', '/hcim/soap', '/pos/receiver/', '/pos/emr/', '/ui/']) {
      expect(patterns.some((p) => p.startsWith(prefix)), prefix).toBe(true);
    }
  });

  it(`answers ${BUDGET} fuzzed requests without an unplanned 5xx or a dropped connection`, async () => {
    const arb = requestArbitrary(routeTable(running.sandbox.app), allSeeds());
    await fc.assert(
      fc.asyncProperty(arb, async (req) => {
        const outcome = await send(base, req, agent);
        await undoDeliberateFaults(base, req, outcome, agent);
        const report = emptyReport();
        tally(report, req, outcome);
        const failure = report.failures[0];
        if (failure) throw new Error(`${failure.request} -> ${failure.outcome.status ?? failure.outcome.error}: ${failure.outcome.snippet ?? ''}`);
      }),
      { numRuns: BUDGET, seed: 1313, endOnFailure: true },
    );
  }, 120_000);

  it('survives odd WebSocket handshakes and junk frames on the live feed, and still answers', async () => {
    for (let i = 0; i < 8; i++) await probeWebSocket(base, i);
    const health = await send(base, { method: 'GET', path: '/admin/health', headers: {}, label: 'health' }, agent);
    expect(health.status).toBe(200);
  });
});
