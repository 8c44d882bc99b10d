// Waits until the fold that seeding a large state triggers has finished, so a measurement sees steady state.
import type { Store } from '../../src/store/index.js';

/** Resolves once the write-ahead log holds less than `belowBytes` (the seed folded into the data file). */
export async function foldSettled(store: Store, belowBytes = 8 * 1024 * 1024, timeoutMs = 600_000): Promise<number> {
  const t0 = performance.now();
  while (store.stats().walBytes >= belowBytes) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`the seed was not folded within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return performance.now() - t0;
}
