// The fuzz verdict's memory check: growth of live state or of resident memory in use fails it; heap pages V8 keeps empty do not.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { judgeMemory, measureSettled, type SettledMemory } from './memory.js';

const MB = 1024 * 1024;
const memory = (rss: number, heapTotal: number, heapUsed: number, external = 7): SettledMemory => ({ rss: rss * MB, heapTotal: heapTotal * MB, heapUsed: heapUsed * MB, external: external * MB, arrayBuffers: MB });
const WARM = memory(260, 137, 118);

describe('the memory verdict', () => {
  it('passes when RSS grew only by the empty heap V8 kept committed (the 100k run after 70,000 requests)', () => {
    const v = judgeMemory(WARM, memory(311, 176, 124));
    expect(v.rssChange).toBeGreaterThan(0.1);
    expect(v.pass).toBe(true);
  });

  it('fails when the live heap grew past 10%, whatever RSS did', () => {
    expect(judgeMemory(WARM, memory(262, 150, 140)).pass).toBe(false);
  });

  it('fails when memory outside the heap grew past 10% (a native leak)', () => {
    expect(judgeMemory(WARM, memory(300, 137, 118)).pass).toBe(false);
  });

  it('fails when external memory grew past 10% with the heap unchanged', () => {
    expect(judgeMemory(WARM, memory(275, 137, 118, 25)).pass).toBe(false);
  });
});

describe('a settled measurement', () => {
  it('fails at once, instead of waiting for its timeout, when the sandbox dies before it reports', async () => {
    // A process with an IPC channel that never answers and exits soon: as a sandbox that crashed mid-measurement.
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => process.exit(3), 200)'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const t0 = Date.now();
    await expect(measureSettled(child, 10, undefined, 60_000)).rejects.toThrow(/exited \(3\) before it reported its memory/);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });
});
