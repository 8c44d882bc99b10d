// bench/plr: $entityQuery latency (p50, p95) for an exact id, identifiers (IPC, CPN, licence), a surname wildcard, a city
// search and a two-name search, the first query's wait (the registry build) and RSS, at 2,500 and 100,000 practitioners.
// Each size runs twice, each run in its own process: "before", the registry holding every provider as rendered FHIR
// resources (the population without its plans), and "after", the registry over plans with providers rendered on demand.
// Run: npx tsx bench/plr.ts [iterations] [sizes...]     e.g. npx tsx bench/plr.ts 40 100000
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createPlrSystem } from '../src/plr/index.js';
import { FHIR_PATH } from '../src/plr/vocabulary.js';
import { createPopulation } from '../src/population/index.js';
import type { Population } from '../src/population/types.js';
import { percentile, startBenchSandbox } from './support/bench-sandbox.js';

type Held = 'rendered' | 'plans';

async function run(practitioners: number, held: Held, iterations: number): Promise<void> {
  /** The same-run memory baseline: this process before any population exists. */
  const idleRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const generated = createPopulation({ seed: 1, referenceDate: '2026-01-01', sizes: { patients: 10, practitioners, organizations: 400, facilities: 600 } });
  const pop: Population = held === 'plans' ? generated : { ...generated, plrPractitioners: undefined };
  const source = `planned in ${Math.round(performance.now() - t0)} ms`;
  const { base, token, startMs, baseline, close } = await startBenchSandbox(pop, [createPlrSystem]);
  const plans = generated.plrPractitioners!();
  const sample = generated.provider!(plans.plan(Math.floor(plans.count / 2)).ipc)!;
  const family = sample.practitioner.name?.find((n) => !n.period?.end)?.family ?? 'Smith';
  const licence = plans.plan(Math.floor(plans.count / 2)).licence;
  const city = sample.practitioner.address?.find((a) => !a.period?.end)?.city ?? 'Victoria';
  const queries: Record<string, string> = {
    'exact id': `Practitioner/${sample.ipc}/$entityQuery`,
    'identifier=IPC': `Practitioner/$entityQuery?identifier=${sample.ipc}`,
    'identifier=CPN': `Practitioner/$entityQuery?identifier=${encodeURIComponent(sample.cpn ?? sample.ipc)}`,
    'licence': `Practitioner/$entityQuery?identifier=${encodeURIComponent(licence)}`,
    'surname wildcard': `Practitioner/$entityQuery?family=${encodeURIComponent(family.slice(0, 3))}*`,
    'city search': `Practitioner/$entityQuery?address-city=${encodeURIComponent(city)}`,
    'family + given': `Practitioner/$entityQuery?family=${encodeURIComponent(family)}&given=${encodeURIComponent(sample.practitioner.name?.[0]?.given?.[0] ?? 'A')}`,
  };
  const headers = { authorization: `Bearer ${token}`, userid: 'bench@IDIR', accept: 'application/fhir+json;fhirVersion=4.0;BCPLRVersion=1' };
  const t1 = performance.now();
  await (await fetch(`${base}/plr${FHIR_PATH}/${queries['exact id']}`, { headers })).arrayBuffer();
  const firstMs = Math.round(performance.now() - t1);
  console.log(`\n${plans.count.toLocaleString()} practitioners, ${held === 'plans' ? 'after: plans, rendered on demand' : 'before: every provider held rendered'} (${source}; app in ${startMs} ms; first query, building the registry: ${firstMs.toLocaleString()} ms), ${iterations} calls each`);
  const floor = await baseline(iterations);
  console.log(`  ${'baseline (health)'.padEnd(17)} p50 ${floor.p50.toFixed(1).padStart(7)} ms   p95 ${floor.p95.toFixed(1).padStart(7)} ms   (GET /admin/health, same run)`);
  for (const [label, path] of Object.entries(queries)) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < iterations + 3; i++) {
      const t = performance.now();
      const res = await fetch(`${base}/plr${FHIR_PATH}/${path}`, { headers });
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

const [flag, heldArg, sizeArg, iterArg] = process.argv.slice(2);
if (flag === '--child') {
  await run(Number(sizeArg), heldArg as Held, Number(iterArg));
} else {
  const iterations = Number(process.argv[2] ?? 40);
  const sizes = process.argv.slice(3).map(Number).filter((n) => n > 0);
  const self = fileURLToPath(import.meta.url);
  for (const size of sizes.length ? sizes : [2_500, 100_000]) {
    for (const held of ['rendered', 'plans'] as const) {
      const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', self, '--child', held, String(size), String(iterations)], { stdio: 'inherit' });
      if (r.status !== 0) process.exitCode = 1;
    }
  }
}
