// bench/delivery-drain: an endpoint that was down comes back. How long the delivery engine takes to send it the
// messages queued meanwhile, in order (PLR's ordered channel), and the CPU that costs, next to the same number
// sent to an endpoint that was never down, and to the bare floor of the same run: the same POSTs one after another
// with fetch (the HTTP round trips alone).
// Run: npx tsx bench/delivery-drain.ts [queued, default 1500] [body bytes, default 5000]
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.js';
import { buildDeps } from '../src/deps.js';
import { createLogger } from '../src/log.js';
import { createPopulation } from '../src/population/index.js';

const queued = Number(process.argv[2] ?? 1500);
const bodyBytes = Number(process.argv[3] ?? 5000);

/** A receiver answering `status()` to every request. */
async function endpoint(status: () => number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status(), { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/plr`, close: () => new Promise((r) => server.close(() => r())) };
}

async function run(downFirst: boolean): Promise<{ ms: number; cpuMs: number }> {
  let status = downFirst ? 503 : 200;
  const target = await endpoint(() => status);
  const config = loadConfig({}, { dataFile: undefined, clock: { kind: 'manual' }, sizes: { patients: 50, practitioners: 10, organizations: 9, facilities: 10 } });
  const deps = await buildDeps(config, { log: createLogger('silent'), clockStart: Date.parse('2026-03-02T09:00:00Z'), population: createPopulation({ seed: 1, referenceDate: '2026-01-01', sizes: config.sizes }) });
  deps.delivery.start();
  const body = JSON.stringify({ resourceType: 'Bundle', type: 'collection', pad: 'x'.repeat(bodyBytes) });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < queued; i++) deps.delivery.enqueue({ channel: 'plr', url: target.url, body });
  if (downFirst) {
    await deps.delivery.idle();
    status = 200;
  }
  // An hour of simulated time at a time until the queue is empty (the channel retries every 15 minutes).
  for (let k = 0; k < 100 && deps.delivery.counts().pending > 0; k++) {
    await deps.clock.advance(3_600_000);
    await deps.delivery.idle();
  }
  const c = process.cpuUsage(c0);
  const result = { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
  if (deps.delivery.counts().pending > 0) throw new Error(`${deps.delivery.counts().pending} still pending`);
  await deps.delivery.stop();
  await deps.store.close();
  await target.close();
  return result;
}

/** The same POSTs, one after another, with fetch alone. */
async function bare(): Promise<{ ms: number; cpuMs: number }> {
  const target = await endpoint(() => 200);
  const body = JSON.stringify({ resourceType: 'Bundle', type: 'collection', pad: 'x'.repeat(bodyBytes) });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < queued; i++) await (await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body })).arrayBuffer();
  const c = process.cpuUsage(c0);
  await target.close();
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

await run(false); // warm-up: the first run pays for compiling the paths
const http = await bare();
const floor = await run(false);
const drain = await run(true);
const fmt = (n: number) => Math.round(n).toLocaleString('en-CA');
console.log(`delivery-drain: ${queued} PLR messages of ${bodyBytes} B to one endpoint, in order`);
console.log(`| run | wall ms | CPU ms | CPU × bare fetch |`);
console.log(`| bare fetch, one POST after another (floor) | ${fmt(http.ms)} | ${fmt(http.cpuMs)} | 1 |`);
console.log(`| engine, endpoint up all along | ${fmt(floor.ms)} | ${fmt(floor.cpuMs)} | ${(floor.cpuMs / http.cpuMs).toFixed(2)} |`);
console.log(`| engine, endpoint down, then back (drain) | ${fmt(drain.ms)} | ${fmt(drain.cpuMs)} | ${(drain.cpuMs / http.cpuMs).toFixed(2)} |`);
