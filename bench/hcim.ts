// bench/hcim: $GetDemographics and $FindCandidates latency (p50, p95) at 10,000 and 1,000,000 patients, each size in its own process.
// Run: npx tsx bench/hcim.ts [iterations]   (a child process per size: npx tsx bench/hcim.ts --size 1000000 [iterations])
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import type { AppDeps } from '../src/app-deps.js';
import { createTokenIssuer } from '../src/auth/index.js';
import { createClock } from '../src/clock/index.js';
import { loadConfig } from '../src/config.js';
import { createDelivery, DEFAULT_CHANNELS } from '../src/delivery/index.js';
import { createFaults } from '../src/faults/index.js';
import { queryOf, type QueryProfile } from '../src/hcim/evaluate.js';
import { PHN_SYSTEM } from '../src/hcim/identifiers.js';
import { createHcimSystem } from '../src/hcim/index.js';
import { createJournal } from '../src/journal/index.js';
import { createLogger } from '../src/log.js';
import { createPartners, DEMO_PARTNER } from '../src/partners/index.js';
import { createPopulation } from '../src/population/index.js';
import type * as fhir from '../src/fhir/types.js';
import { openStore } from '../src/store/index.js';
import { VERSION } from '../src/version.js';

const SIZES = [10_000, 1_000_000];

async function runSize(patients: number, iterations: number): Promise<void> {
  const t0 = performance.now();
  const population = createPopulation({ seed: 1, referenceDate: '2026-01-01', sizes: { patients, practitioners: 2_500, organizations: 400, facilities: 600 } });
  const populationMs = performance.now() - t0;
  const config = loadConfig({}, { dataFile: undefined, clock: { kind: 'manual' }, journalSize: 100, sizes: { patients } });
  const store = await openStore({ file: undefined, flushMs: 1000 });
  const clock = createClock(config.clock, () => Date.now(), Date.parse('2026-03-02T09:00:00Z'));
  const faults = createFaults(store);
  const journal = createJournal(config.journalSize);
  const delivery = createDelivery({ store, clock, journal, faults, channels: DEFAULT_CHANNELS });
  const deps: AppDeps = { config, store, clock, faults, journal, delivery, issuer: await createTokenIssuer(store, clock, config.baseUrl), partners: createPartners(store), population, log: createLogger('silent'), version: VERSION };
  const sandbox = await createApp(deps, [createHcimSystem]);
  const server = sandbox.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokenRes = await fetch(`${base}/auth/realms/moh_applications/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_PARTNER.clientId, client_secret: DEMO_PARTNER.clientSecret }),
  });
  const token = ((await tokenRes.json()) as { access_token: string }).access_token;
  let seq = 0;
  const call = async (op: string, resource: fhir.Patient): Promise<{ ms: number; matches: number }> => {
    const body = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:m', resource: { resourceType: 'Parameters', parameter: [{ name: 'messageId', valueString: `bench-${++seq}` }] } }, { fullUrl: 'urn:uuid:p', resource }] };
    const t = performance.now();
    const res = await fetch(`${base}/hcim/fhir/Patient/$${op}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, userid: 'bench@IDIR', 'content-type': 'application/fhir+json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as fhir.Bundle;
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`$${op} answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
    return { ms, matches: (json.entry ?? []).filter((e) => e.resource?.resourceType === 'Patient').length };
  };
  // Spread the sampled records over the whole population (a fixed stride, so runs compare).
  const sample = (k: number) => population.client((k * 7_919 + 13) % patients).patient;
  const first = await call('FindCandidates', queryOf(sample(0), 'full'));
  const rssAfterIndex = process.memoryUsage().rss;
  console.log(`\n${patients.toLocaleString('en-CA')} patients: population ready in ${ms(populationMs)}; first $FindCandidates (builds the blocking index) ${ms(first.ms)}; RSS after the index ${mb(rssAfterIndex)}`);
  const cases: Array<[string, string, (k: number) => fhir.Patient]> = [
    ['GetDemographics by PHN', 'GetDemographics', (k) => ({ resourceType: 'Patient', identifier: [{ system: PHN_SYSTEM, value: population.client((k * 7_919 + 13) % patients).phn }] })],
    ...(['full', 'minimal'] as QueryProfile[]).map((p): [string, string, (k: number) => fhir.Patient] => [`FindCandidates (${p})`, 'FindCandidates', (k) => queryOf(sample(k), p)]),
  ];
  for (const [label, op, make] of cases) {
    const times: number[] = [];
    let matches = 0;
    for (let k = 1; k <= iterations + 5; k++) {
      const r = await call(op, make(k));
      if (k > 5) times.push(r.ms), (matches += r.matches);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
    console.log(`  ${label.padEnd(26)} p50 ${pct(50).toFixed(1).padStart(7)} ms   p95 ${pct(95).toFixed(1).padStart(7)} ms   (${iterations} calls, ${(matches / iterations).toFixed(1)} patients per answer)`);
  }
  console.log(`  peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
  await new Promise((r) => server.close(r));
  await sandbox.close();
}

const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

const sizeAt = process.argv.indexOf('--size');
if (sizeAt >= 0) {
  await runSize(Number(process.argv[sizeAt + 1]), Number(process.argv[sizeAt + 2] ?? 100));
} else {
  const iterations = process.argv[2] ?? '100';
  const self = fileURLToPath(import.meta.url);
  for (const size of SIZES) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--size', String(size), iterations], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
