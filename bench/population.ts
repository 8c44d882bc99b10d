// Population benchmark: generation time and peak RSS at 10k, 100k and 1M patients, each size in its own process.
// Run: npx tsx bench/population.ts [sizes...]   e.g. npx tsx bench/population.ts 10000 100000
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createPopulation, DEFAULT_POPULATION_SIZES, DEFAULT_REFERENCE_DATE } from '../src/population/index.js';

interface Result {
  patients: number;
  plrMs: number;
  clientsAndChartsMs: number;
  answerKeyMs: number;
  resources: number;
  peakRssMb: number;
}

/** Child: build the population, then walk every client and chart once (with 0 patients: the baseline, an idle process). */
function runChild(patients: number): void {
  if (patients === 0) {
    const baseline: Result = { patients: 0, plrMs: 0, clientsAndChartsMs: 0, answerKeyMs: 0, resources: 0, peakRssMb: process.resourceUsage().maxRSS / 1024 };
    process.stdout.write(`${JSON.stringify(baseline)}\n`);
    return;
  }
  const started = performance.now();
  const population = createPopulation({ seed: 1, referenceDate: DEFAULT_REFERENCE_DATE, sizes: { ...DEFAULT_POPULATION_SIZES, patients } });
  const built = performance.now();
  let resources = population.providers().length + population.organizations().length + population.facilities().length;
  for (const client of population.clients()) resources += 1 + population.chart(client.index).length;
  const walked = performance.now();
  population.answerKey();
  const done = performance.now();
  const result: Result = {
    patients,
    plrMs: built - started,
    clientsAndChartsMs: walked - built,
    answerKeyMs: done - walked,
    resources,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runSize(patients: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', String(patients)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as Result) : reject(new Error(`benchmark child for ${patients} patients exited with ${code}`))));
  });
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-CA', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const rows: string[][] = [['patients', 'PLR+Ocean (s)', 'clients+charts (s)', 'us/patient', 'answer key (s)', 'resources', 'peak RSS (MB)']];
  const floor = await runSize(0);
  rows.push(['baseline', '-', '-', '-', '-', '-', fmt(floor.peakRssMb)]);
  for (const patients of sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000]) {
    process.stderr.write(`population bench: ${fmt(patients)} patients...\n`);
    const r = await runSize(patients);
    rows.push([fmt(r.patients), fmt(r.plrMs / 1000, 2), fmt(r.clientsAndChartsMs / 1000, 1), fmt((r.clientsAndChartsMs * 1000) / r.patients), fmt(r.answerKeyMs / 1000, 2), fmt(r.resources), fmt(r.peakRssMb)]);
  }
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length))) ?? [];
  for (const row of rows) process.stdout.write(`${row.map((cell, c) => cell.padStart(widths[c] ?? 0)).join('  ')}\n`);
  process.stdout.write(`baseline: the same child process doing nothing (its peak RSS is the floor every size starts from)\n`);
  process.stdout.write(`node ${process.version}, seed 1, reference date ${DEFAULT_REFERENCE_DATE}, ${fmt(DEFAULT_POPULATION_SIZES.practitioners)} practitioner records\n`);
}

if (process.argv[2] === '--child') runChild(Number(process.argv[3]));
else await main();
