// Write cost independent of what is stored: PLR $maintain throughput with 1k and with 100k practitioners in the
// store, and Ocean $process-messages with 1k and 100k referrals, durable acknowledgements on (a data file, fsync on).
// Run: npx tsx bench/soak-write-cost.ts [--stored 100000] [--requests 300] [--rounds 3] [--only plr|ocean]
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { buildDeps } from '../src/deps.js';
import { createLogger } from '../src/log.js';
import { createPopulation } from '../src/population/index.js';
import type { PractitionerEntry } from '../src/plr/registry/registry.js';
import { DEFAULT_SYSTEMS } from '../src/systems.js';
import { filledTemplate } from '../test/plr/support/maintain-builders.js';
import { foldSettled } from './support/fold-settled.js';
import { measureOceanMessages } from './support/soak-write-ocean.js';

const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const LARGE = arg('stored', 100_000);
const REQUESTS = arg('requests', 300);
const letters = (n: number) => Math.abs(n).toString(26).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)));
const sizes = { patients: 1000, practitioners: 200, organizations: 20, facilities: 20 };
const population = createPopulation({ seed: 1, referenceDate: '2026-01-01', sizes });

async function measure(stored: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'hie-write-cost-'));
  const config = loadConfig({}, { dataFile: join(dir, 'sandbox.json'), clock: { kind: 'manual' }, auth: false, journalSize: 100, sizes });
  const deps = await buildDeps(config, { log: createLogger('silent'), clockStart: Date.parse('2026-03-02T09:00:00Z'), population });
  const template = population.providers()[0]!;
  for (let i = 0; i < stored; i++) {
    const ipc = `IPC.${String(90_000_000 + i)}.BC.PRS`;
    const practitioner = { ...template.practitioner, id: ipc, identifier: [{ system: 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-bc-college-physicians-surgeons', value: `F${i}` }] };
    deps.store.put<PractitionerEntry>('plr.practitioners', ipc, { ipc, cpn: template.cpn, practitioner, role: { ...template.roles[0]!, id: ipc } });
  }
  await deps.store.committed();
  await foldSettled(deps.store);
  const sandbox = await createApp(deps, DEFAULT_SYSTEMS);
  const server = sandbox.app.listen(0, '127.0.0.1');
  server.keepAliveTimeout = 60_000; // on a loaded machine a 5 s idle close races the client's next request (ECONNRESET)
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/plr/HSA-web/fhir-rs/$maintain`;
  const send = (n: number) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/fhir+json', userid: 'demo@IDIR' }, body: JSON.stringify(filledTemplate({ messageId: `w-${stored}-${n}`, idValue: `R${500_000 + n}`, family: `Cost${letters(n + 1000)}` })) });
  for (let i = 0; i < 10; i++) await (await send(-1 - i)).arrayBuffer(); // warm-up (and the registry's first build)
  const t0 = performance.now();
  let ok = 0;
  const workers = Array.from({ length: 4 }, async (_, w) => {
    for (let n = w; n < REQUESTS; n += 4) {
      const res = await send(n);
      if (res.status === 200) ok += 1;
      else if (process.env.DEBUG) console.error(res.status, (await res.text()).slice(0, 300));
    }
  });
  await Promise.all(workers);
  const rate = ok / ((performance.now() - t0) / 1000);
  server.close();
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
  if (ok !== REQUESTS) throw new Error(`${REQUESTS - ok} of ${REQUESTS} maintains failed`);
  return rate;
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const ROUNDS = arg('rounds', 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Alternates the two sizes for ROUNDS rounds (the machine's load drifts; alternation shares it out) and reports medians. */
async function compare(what: string, run: (stored: number) => Promise<number>): Promise<void> {
  const small: number[] = [];
  const large: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    small.push(await run(1000));
    large.push(await run(LARGE));
  }
  const [s, l] = [median(small), median(large)];
  console.log(`${what}, durable (fsync on), 4 connections, ${REQUESTS} requests a round, median of ${ROUNDS} alternating rounds (load average ${loadavg()[0]!.toFixed(1)}):`);
  console.log(`  1,000 stored:   ${s.toFixed(1)} req/s (baseline, same run; rounds ${small.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  ${LARGE.toLocaleString('en')} stored: ${l.toFixed(1)} req/s (${((l / s) * 100).toFixed(0)}% of the baseline; target >= 80%; rounds ${large.map((x) => x.toFixed(0)).join(', ')})`);
}
if (only !== 'ocean') await compare('PLR $maintain (stored practitioners)', measure);
if (only !== 'plr') await compare('Ocean $process-messages (stored referrals)', (n) => measureOceanMessages(n, REQUESTS, population, sizes));
