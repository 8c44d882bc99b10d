// The heap's headroom is a bound like the others: V8 left to itself lets a busy sandbox's heap grow to about four
// times its live data before a full collection (the soak's RSS swung 700-940 MB over ~200 MB of live data). A small
// heap is left to V8: bounded at 30% a 31 MB heap ran a full collection every ~170 ms (20-30% more CPU a read).
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { boundHeapGrowth } from '../../src/heap-bound.js';
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

  it('applies once the live heap passes a floor (HIE_SANDBOX_HEAP_GROWTH_FLOOR, MB, default 64), 0 meaning always', () => {
    expect(loadConfig().bounds.heapGrowthFloorMb).toBe(64);
    expect(loadConfig({ HIE_SANDBOX_HEAP_GROWTH_FLOOR: '0' }).bounds.heapGrowthFloorMb).toBe(0);
    expect(loadConfig({ HIE_SANDBOX_HEAP_GROWTH_FLOOR: '512' }).bounds.heapGrowthFloorMb).toBe(512);
    for (const bad of ['-1', '1.5', 'big']) expect(() => loadConfig({ HIE_SANDBOX_HEAP_GROWTH_FLOOR: bad }), bad).toThrow(/HIE_SANDBOX_HEAP_GROWTH_FLOOR|whole number/);
  });

  it('binds the growth when the live heap reaches the floor and lets V8 decide again below three quarters of it', () => {
    const flags: string[] = [];
    const bound = boundHeapGrowth(30, 100, (f) => flags.push(f));
    bound.observe(99);
    expect(flags).toEqual([]);
    expect(bound.applied).toBe(false);
    bound.observe(100);
    bound.observe(120);
    expect(flags).toEqual(['--heap-growing-percent=30']);
    expect(bound.applied).toBe(true);
    bound.observe(76);
    expect(bound.applied).toBe(true);
    bound.observe(74);
    expect(flags).toEqual(['--heap-growing-percent=30', '--heap-growing-percent=0']);
    expect(bound.applied).toBe(false);
  });

  it('never touches V8 when the growth is 0 (V8 decides)', () => {
    const flags: string[] = [];
    const bound = boundHeapGrowth(0, 0, (f) => flags.push(f));
    bound.observe(1e12);
    expect(flags).toEqual([]);
    expect(bound.applied).toBe(false);
  });

  it('watches full collections once started', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const flags: string[] = [];
    let live = 0;
    const bound = boundHeapGrowth(30, 100, (f) => flags.push(f), () => live);
    bound.start();
    try {
      expect(flags).toEqual([]);
      live = 500;
      gc();
      await vi.waitFor(() => expect(flags).toEqual(['--heap-growing-percent=30']));
    } finally {
      bound.stop();
    }
  });

  it('is handed to V8 when the sandbox starts over its floor, and shown in /admin/health', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    const running = await startSandbox(loadConfig({}, { port: 0, dataFile: undefined, auth: false, sizes: TEST_SIZES, bounds: { heapGrowth: 45, heapGrowthFloorMb: 0 } }), createLogger('silent'));
    try {
      expect(flags).toHaveBeenCalledWith('--heap-growing-percent=45');
      const health = (await (await fetch(`${running.url}/admin/health`)).json()) as { counts: { bounds: { heapGrowth: unknown } } };
      expect(health.counts.bounds.heapGrowth).toEqual({ percent: 45, floorMb: 0, applied: true });
    } finally {
      await running.stop();
    }
  });
});
