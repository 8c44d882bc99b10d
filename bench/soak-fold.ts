// The cost of folding the write-ahead log into the data file, by state size: how long a fold takes and the longest
// event-loop pause while it runs (it serialises the state on the main thread in 256 KB slices, off the request path).
// Run: npx tsx bench/soak-fold.ts [--records 100000] [--bytes 2000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openWalState } from '../src/store/open-wal-store.js';
import { createStoreCore } from '../src/store/store-core.js';

const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const bytes = arg('bytes', 2000);

async function fold(records: number): Promise<{ mb: number; ms: number; worstPauseMs: number; p99Ms: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'hie-fold-'));
  const opened = await openWalState(join(dir, 'sandbox.json'), { fsync: true, compactBytes: Number.MAX_SAFE_INTEGER });
  const store = createStoreCore(opened.state, opened.persistence, 10);
  const pad = 'x'.repeat(bytes);
  for (let i = 0; i < records; i++) store.put('ocean.referrals', `ref-${i}`, { ref: `ref-${i}`, state: 'new', createdAt: '2026-03-02T09:00:00Z', patient: { resourceType: 'Patient', name: [{ family: `F${i}` }] }, note: pad });
  await store.committed();
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const t0 = performance.now();
  await opened.persistence.compact();
  const ms = performance.now() - t0;
  loop.disable();
  const mb = store.stats().dataBytes / 1048576;
  await store.close();
  await rm(dir, { recursive: true, force: true });
  return { mb, ms, worstPauseMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6 };
}

console.log('records  data MB  fold s  longest pause ms  p99 ms');
for (const n of [1000, 10_000, arg('records', 100_000)]) {
  const r = await fold(n);
  console.log(`${String(n).padStart(7)}  ${r.mb.toFixed(1).padStart(7)}  ${(r.ms / 1000).toFixed(2).padStart(6)}  ${r.worstPauseMs.toFixed(1).padStart(16)}  ${r.p99Ms.toFixed(1).padStart(6)}`);
}
