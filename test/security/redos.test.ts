// Finding 2 (ReDoS): every regular expression in the server's source is linear-time, checked by recheck's analyser.
import { check, type Diagnostics } from 'recheck';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { regexLiterals, type RegexLiteral } from './regex-scan.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('regular expressions applied to client input', () => {
  it('finds the regex literals of the server (the scan itself works)', () => {
    const all = regexLiterals(`${repo}src`, repo);
    expect(all.length).toBeGreaterThan(100);
    expect(all.some((r) => r.file.endsWith('checker.ts'))).toBe(true);
  });

  it('has no regex literal in src/ that recheck finds super-linear (polynomial or exponential backtracking)', async () => {
    const all = regexLiterals(`${repo}src`, repo);
    const verdicts = new Map<RegexLiteral, Diagnostics>();
    for (let i = 0; i < all.length; i += 16) {
      const batch = all.slice(i, i + 16);
      // The automaton checker is exact and deterministic; the default hybrid one falls back to a randomized fuzzer on counted repetitions.
      const found = await Promise.all(batch.map((r) => check(r.source, r.flags, { checker: 'automaton', timeout: 20_000, maxNFASize: 100_000, maxPatternSize: 100_000 })));
      batch.forEach((r, j) => verdicts.set(r, found[j]!));
    }
    // What the automaton cannot decide (an unsupported construct, or its budget outlasted on a busy machine) gets a second,
    // longer look by the hybrid checker with a fixed random seed, so the verdict is reproducible.
    const undecided = [...verdicts].filter(([, v]) => v.status === 'unknown').map(([r]) => r);
    const second = await Promise.all(undecided.map((r) => check(r.source, r.flags, { timeout: 90_000, randomSeed: 13 })));
    undecided.forEach((r, j) => verdicts.set(r, second[j]!));
    const unsafe = [...verdicts]
      .filter(([, v]) => v.status !== 'safe')
      .map(([r, v]) => `${r.file}:${r.line} /${r.source}/${r.flags}: ${v.status}${v.status === 'vulnerable' ? ` (${v.complexity.summary})` : ''}`);
    expect(unsafe).toEqual([]);
  }, 180_000);
});
