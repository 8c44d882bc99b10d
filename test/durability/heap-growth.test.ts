// The heap's headroom is a bound like the others: V8 left to itself lets a busy sandbox's heap grow to about four
// times its live data before a full collection (the soak's RSS swung 700-940 MB over ~200 MB of live data).
import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startSandbox } from '../../src/main.js';
import { TEST_SIZES } from '../support/sandbox.js';

afterEach(() => vi.restoreAllMocks());

describe('the heap growth bound', () => {
  it('defaults to 30% above live data, and reads HIE_SANDBOX_HEAP_GROWTH (0: V8 decides)', () => {
    expect(loadConfig().bounds.heapGrowth).toBe(30);
    expect(loadConfig({ HIE_SANDBOX_HEAP_GROWTH: '0' }).bounds.heapGrowth).toBe(0);
    expect(loadConfig({ HIE_SANDBOX_HEAP_GROWTH: '75' }).bounds.heapGrowth).toBe(75);
  });

  it('refuses a growth that is not a whole percentage between 0 and 400', () => {
    for (const bad of ['-5', '401', '12.5', 'lots']) expect(() => loadConfig({ HIE_SANDBOX_HEAP_GROWTH: bad }), bad).toThrow(/HIE_SANDBOX_HEAP_GROWTH|whole number/);
  });

  it('is handed to V8 when the sandbox starts, and shown in /admin/health', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    const running = await startSandbox(loadConfig({}, { port: 0, dataFile: undefined, auth: false, sizes: TEST_SIZES, bounds: { heapGrowth: 45 } }), createLogger('silent'));
    try {
      expect(flags).toHaveBeenCalledWith('--heap-growing-percent=45');
      const health = (await (await fetch(`${running.url}/admin/health`)).json()) as { counts: { bounds: { heapGrowth: unknown } } };
      expect(health.counts.bounds.heapGrowth).toEqual({ percent: 45 });
    } finally {
      await running.stop();
    }
  });
});
