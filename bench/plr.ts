// bench/plr: $entityQuery latency (p50, p95) for an exact id, a surname wildcard and a city search, at 2,500 and 100,000 practitioners.
// Run: npx tsx bench/plr.ts [iterations]   (uses the generated population when it can be imported, else the PLR test fixture)
import type { AddressInfo } from 'node:net';
import type { AppDeps } from '../src/app-deps.js';
import { createApp } from '../src/app.js';
import { createTokenIssuer } from '../src/auth/index.js';
import { createClock } from '../src/clock/index.js';
import { loadConfig } from '../src/config.js';
import { createDelivery, DEFAULT_CHANNELS } from '../src/delivery/index.js';
import { createFaults } from '../src/faults/index.js';
import { createJournal } from '../src/journal/index.js';
import { createLogger } from '../src/log.js';
import { createPartners, DEMO_PARTNER } from '../src/partners/index.js';
import { createPlrSystem } from '../src/plr/index.js';
import { FHIR_PATH } from '../src/plr/vocabulary.js';
import type { Population } from '../src/population/types.js';
import { openStore } from '../src/store/index.js';
import { VERSION } from '../src/version.js';
import { createFixturePopulation } from '../test/plr/support/fixture-population.js';

const iterations = Number(process.argv[2] ?? 40);

async function population(practitioners: number): Promise<{ population: Population; source: string }> {
  try {
    const mod = (await import('../src/population/index.js' as string)) as { createPopulation: (o: unknown) => Population };
    const t0 = performance.now();
    const p = mod.createPopulation({ seed: 1, referenceDate: '2026-01-01', sizes: { patients: 10, practitioners, organizations: 400, facilities: 600 } });
    p.providers();
    return { population: p, source: `generated (${Math.round(performance.now() - t0)} ms to build)` };
  } catch {
    return { population: createFixturePopulation(Math.max(0, practitioners - 28)), source: 'PLR test fixture' };
  }
}

async function run(practitioners: number): Promise<void> {
  const { population: pop, source } = await population(practitioners);
  const config = loadConfig({}, { dataFile: undefined, clock: { kind: 'manual' }, journalSize: 100 });
  const store = await openStore({ file: undefined, flushMs: 1000 });
  const clock = createClock(config.clock, () => Date.now(), Date.parse('2026-03-02T09:00:00Z'));
  const faults = createFaults(store);
  const journal = createJournal(config.journalSize);
  const delivery = createDelivery({ store, clock, journal, faults, channels: DEFAULT_CHANNELS });
  const deps: AppDeps = { config, store, clock, faults, journal, delivery, issuer: await createTokenIssuer(store, clock, config.baseUrl), partners: createPartners(store), population: pop, log: createLogger('silent'), version: VERSION };
  const t0 = performance.now();
  const sandbox = await createApp(deps, [createPlrSystem]);
  const startMs = Math.round(performance.now() - t0);
  const server = sandbox.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokenRes = await fetch(`${base}/auth/realms/moh_applications/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_PARTNER.clientId, client_secret: DEMO_PARTNER.clientSecret }),
  });
  const token = ((await tokenRes.json()) as { access_token: string }).access_token;
  const providers = pop.providers();
  const sample = providers[Math.floor(providers.length / 2)]!;
  const family = sample.practitioner.name?.find((n) => !n.period?.end)?.family ?? 'Smith';
  const city = sample.practitioner.address?.find((a) => !a.period?.end)?.city ?? 'Victoria';
  const queries: Record<string, string> = {
    'exact id': `Practitioner/${sample.ipc}/$entityQuery`,
    'surname wildcard': `Practitioner/$entityQuery?family=${encodeURIComponent(family.slice(0, 3))}*`,
    'city search': `Practitioner/$entityQuery?address-city=${encodeURIComponent(city)}`,
    // Few matches, so every record is looked at (the early stop after 21 matches never comes).
    'full scan': `Practitioner/$entityQuery?family=${encodeURIComponent(family)}&given=${encodeURIComponent(sample.practitioner.name?.[0]?.given?.[0] ?? 'A')}`,
  };
  console.log(`\n${providers.length.toLocaleString()} practitioners (${source}; PLR ready in ${startMs} ms), ${iterations} calls each`);
  for (const [label, path] of Object.entries(queries)) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < iterations + 3; i++) {
      const t = performance.now();
      const res = await fetch(`${base}/plr${FHIR_PATH}/${path}`, { headers: { authorization: `Bearer ${token}`, userid: 'bench@IDIR', accept: 'application/fhir+json;fhirVersion=4.0;BCPLRVersion=1' } });
      const body = (await res.json()) as { total?: number };
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      if (i >= 3) times.push(performance.now() - t);
      total = body.total ?? 0;
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);
    console.log(`  ${label.padEnd(17)} p50 ${pct(50).padStart(7)} ms   p95 ${pct(95).padStart(7)} ms   (${total} results)   ${path}`);
  }
  await new Promise((r) => server.close(r));
  await sandbox.close();
}

await run(2_500);
await run(100_000);
