// bench/plr: $entityQuery latency (p50, p95) for an exact id, identifiers (IPC, CPN), a surname wildcard and a city search, and
// RSS, at 2,500 and 100,000 practitioners (one process; run each size alone with: npx tsx bench/plr.ts 40 100000).
// Run: npx tsx bench/plr.ts [iterations]
import { createPlrSystem } from '../src/plr/index.js';
import { FHIR_PATH } from '../src/plr/vocabulary.js';
import { createPopulation } from '../src/population/index.js';
import { percentile, startBenchSandbox } from './support/bench-sandbox.js';

const iterations = Number(process.argv[2] ?? 40);
/** The same-run memory baseline: this process before any population exists. */
const idleRss = process.memoryUsage().rss;

async function run(practitioners: number): Promise<void> {
  const t0 = performance.now();
  const pop = createPopulation({ seed: 1, referenceDate: '2026-01-01', sizes: { patients: 10, practitioners, organizations: 400, facilities: 600 } });
  pop.providers();
  const source = `generated in ${Math.round(performance.now() - t0)} ms`;
  const { base, token, startMs, baseline, close } = await startBenchSandbox(pop, [createPlrSystem]);
  const providers = pop.providers();
  const sample = providers[Math.floor(providers.length / 2)]!;
  const family = sample.practitioner.name?.find((n) => !n.period?.end)?.family ?? 'Smith';
  const cpn = sample.cpn ?? sample.ipc;
  const city = sample.practitioner.address?.find((a) => !a.period?.end)?.city ?? 'Victoria';
  const queries: Record<string, string> = {
    'exact id': `Practitioner/${sample.ipc}/$entityQuery`,
    'identifier=IPC': `Practitioner/$entityQuery?identifier=${sample.ipc}`,
    'identifier=CPN': `Practitioner/$entityQuery?identifier=${encodeURIComponent(cpn)}`,
    'surname wildcard': `Practitioner/$entityQuery?family=${encodeURIComponent(family.slice(0, 3))}*`,
    'city search': `Practitioner/$entityQuery?address-city=${encodeURIComponent(city)}`,
    // Few matches, so every record is looked at (the early stop after 21 matches never comes).
    'full scan': `Practitioner/$entityQuery?family=${encodeURIComponent(family)}&given=${encodeURIComponent(sample.practitioner.name?.[0]?.given?.[0] ?? 'A')}`,
  };
  console.log(`\n${providers.length.toLocaleString()} practitioners (${source}; PLR ready in ${startMs} ms), ${iterations} calls each`);
  const floor = await baseline(iterations);
  console.log(`  ${'baseline (health)'.padEnd(17)} p50 ${floor.p50.toFixed(1).padStart(7)} ms   p95 ${floor.p95.toFixed(1).padStart(7)} ms   (GET /admin/health, same run)`);
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
    const pct = (p: number) => percentile(times, p).toFixed(1);
    console.log(`  ${label.padEnd(17)} p50 ${pct(50).padStart(7)} ms   p95 ${pct(95).padStart(7)} ms   (${total} results)   ${path}`);
  }
  global.gc?.();
  console.log(`  RSS ${Math.round(process.memoryUsage().rss / 1_048_576)} MB with the registry loaded (this process before any population: ${Math.round(idleRss / 1_048_576)} MB)`);
  await close();
}

const sizes = process.argv.slice(3).map(Number).filter((n) => n > 0);
for (const size of sizes.length ? sizes : [2_500, 100_000]) await run(size);
