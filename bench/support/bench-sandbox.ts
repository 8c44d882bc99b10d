// A sandbox on a real socket for benchmarks: given a prebuilt population, the systems to mount, and a demo-partner token.
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import type { SystemFactory } from '../../src/app-deps.js';
import { loadConfig } from '../../src/config.js';
import { buildDeps } from '../../src/deps.js';
import { createLogger } from '../../src/log.js';
import { DEMO_PARTNER } from '../../src/partners/index.js';
import type { Population } from '../../src/population/types.js';

export interface BenchSandbox {
  base: string;
  /** A registry bearer token of the demo partner. */
  token: string;
  /** How long createApp took, in ms. */
  startMs: number;
  /** The floor measured in the same run: p50/p95 of `GET /admin/health` (HTTP stack, no registry work). */
  baseline(iterations: number): Promise<{ p50: number; p95: number }>;
  close(): Promise<void>;
}

export async function startBenchSandbox(population: Population, systems: readonly SystemFactory[]): Promise<BenchSandbox> {
  const config = loadConfig({}, { dataFile: undefined, clock: { kind: 'manual' }, journalSize: 100, sizes: population.options.sizes });
  const deps = await buildDeps(config, { log: createLogger('silent'), clockStart: Date.parse('2026-03-02T09:00:00Z'), population });
  const t0 = performance.now();
  const sandbox = await createApp(deps, systems);
  const startMs = Math.round(performance.now() - t0);
  const server = sandbox.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const res = await fetch(`${base}/auth/realms/moh_applications/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_PARTNER.clientId, client_secret: DEMO_PARTNER.clientSecret }),
  });
  const token = ((await res.json()) as { access_token: string }).access_token;
  return {
    base,
    token,
    startMs,
    async baseline(iterations) {
      const times: number[] = [];
      for (let i = 0; i < iterations + 3; i++) {
        const t = performance.now();
        await (await fetch(`${base}/admin/health`)).json();
        if (i >= 3) times.push(performance.now() - t);
      }
      return { p50: percentile(times, 50), p95: percentile(times, 95) };
    },
    close: async () => {
      await new Promise((r) => server.close(r));
      await sandbox.close();
    },
  };
}

/** The p-th percentile of a list of timings. */
export function percentile(times: readonly number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
