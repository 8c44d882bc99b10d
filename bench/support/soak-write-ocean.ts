// Ocean `$process-messages` throughput with N referrals stored, durable acknowledgements on (a data file, fsync on).
// Each message moves a different referral's Task (ref n mod N), so every referral sees the same work at 1k and 100k.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { buildDeps } from '../../src/deps.js';
import { createLogger } from '../../src/log.js';
import type { Referral } from '../../src/ocean/model.js';
import type { Population, PopulationSizes } from '../../src/population/types.js';
import { DEFAULT_SYSTEMS } from '../../src/systems.js';
import { inbound, task } from '../../test/ocean/support/ocean-sandbox.js';
import { foldSettled } from './fold-settled.js';

export async function measureOceanMessages(stored: number, requests: number, population: Population, sizes: PopulationSizes): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'hie-write-cost-ocean-'));
  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: /"challenge"\s*:\s*"([^"]*)"/.exec(body)?.[1] })));
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const config = loadConfig({}, { dataFile: join(dir, 'sandbox.json'), clock: { kind: 'manual' }, auth: false, journalSize: 100, sizes, bounds: { oceanReferrals: stored * 2 } });
  const deps = await buildDeps(config, { log: createLogger('silent'), clockStart: Date.parse('2026-03-02T09:00:00Z'), population });
  const sandbox = await createApp(deps, DEFAULT_SYSTEMS);
  const server = sandbox.app.listen(0, '127.0.0.1');
  server.keepAliveTimeout = 60_000; // on a loaded machine a 5 s idle close races the client's next request (ECONNRESET)
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(body) });
  const listingRef = population.fixtures.imagingListingRef;
  const listing = population.oceanListings().find((l) => l.ref === listingRef)!;
  const integration = await post('/admin/ocean/integrations', { siteNum: listing.siteNum, url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, listings: [listingRef] });
  if (integration.status !== 201) throw new Error(`integration refused: ${integration.status} ${await integration.text()}`);
  const created = await post('/admin/ocean/referrals', { phn: population.fixtures.ordinaryPatientPhn, listingRef });
  if (created.status !== 201) throw new Error(`referral refused: ${created.status} ${await created.text()}`);
  const template = deps.store.get<Referral>('ocean.referrals', ((await created.json()) as Referral).ref)!;
  const log = deps.store.get<{ events: unknown[] }>('ocean.event-log', template.ref)!;
  const refs: string[] = [template.ref];
  for (let i = 1; i < stored; i++) {
    const ref = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    deps.store.put('ocean.referrals', ref, { ...template, ref });
    deps.store.put('ocean.event-log', ref, { events: log.events.map((e) => ({ ...(e as object), ref })) });
    refs.push(ref);
  }
  await deps.store.committed();
  await foldSettled(deps.store);
  await deps.delivery.idle();
  const send = (n: number) => {
    const ref = refs[(n * 7919) % refs.length]!;
    return post('/ocean/svc/fhir/v1/$process-messages', inbound('notify-update-process-request', ref, [task(ref, n % 2 ? 'accepted' : 'in-progress')], { id: `bench-${stored}-${n}` }));
  };
  for (let i = 0; i < 10; i++) await (await send(requests + i)).arrayBuffer(); // warm-up
  const t0 = performance.now();
  let ok = 0;
  const workers = Array.from({ length: 4 }, async (_, w) => {
    for (let n = w; n < requests; n += 4) {
      const res = await send(n);
      if (res.status === 200) ok += 1;
      else if (process.env.DEBUG) console.error(res.status, (await res.text()).slice(0, 300));
      else await res.arrayBuffer();
    }
  });
  await Promise.all(workers);
  const rate = ok / ((performance.now() - t0) / 1000);
  server.close();
  await sandbox.close();
  hook.close();
  await rm(dir, { recursive: true, force: true });
  if (ok !== requests) throw new Error(`${requests - ok} of ${requests} messages failed`);
  return rate;
}
