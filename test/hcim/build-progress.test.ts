// A big population's index build tells the log how far it is, a line per tenth, then once that it is ready.
import { describe, expect, it } from 'vitest';
import type { IndexStatus } from '../../src/hcim/matching/engine.js';
import { buildProgressReporter } from '../../src/hcim/matching/build-progress.js';

describe('the index build progress lines', () => {
  it('logs each tenth once and the end once, then asks to stop polling', () => {
    const lines: string[] = [];
    const log = { info: (m: string) => void lines.push(m), warn: () => undefined, error: () => undefined };
    let status: IndexStatus = { ready: false, indexed: 0, total: 1_000_000 };
    const poll = buildProgressReporter(() => status, log);
    const polls = [0, 50_000, 120_000, 130_000, 350_000, 999_999].map((indexed) => {
      status = { ready: false, indexed, total: 1_000_000 };
      return poll();
    });
    status = { ready: true, indexed: 1_000_000, total: 1_000_000 };
    expect([...polls, poll(), poll()]).toEqual([true, true, true, true, true, true, false, false]);
    expect(lines).toEqual([
      'HCIM candidate index: 120,000 of 1,000,000 records (10%); searches wait for it, or answer FC.2.0004 past their bound',
      'HCIM candidate index: 350,000 of 1,000,000 records (30%); searches wait for it, or answer FC.2.0004 past their bound',
      'HCIM candidate index: 999,999 of 1,000,000 records (90%); searches wait for it, or answer FC.2.0004 past their bound',
      'HCIM candidate index ready: 1,000,000 records; searches answer from now on',
    ]);
  });
});
