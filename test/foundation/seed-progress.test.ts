// `seed` without a terminal (a CI log, a pipe) prints plain progress lines instead of a redrawn bar.
import { describe, expect, it } from 'vitest';
import { progressLines } from '../../src/cli/seed-command.js';

describe('seed progress without a terminal', () => {
  it('writes one line per tenth of the patients, no carriage returns', () => {
    let out = '';
    const report = progressLines((t) => void (out += t));
    for (let done = 1_000; done <= 20_000; done += 1_000) report({ done, total: 20_000 });
    const lines = out.trimEnd().split('\n');
    expect(out).not.toContain('\r');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('hie-sandbox: seed: 2,000 of 20,000 patients written (10%)');
    expect(lines[9]).toBe('hie-sandbox: seed: 20,000 of 20,000 patients written (100%)');
  });
});
