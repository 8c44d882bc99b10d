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
    // One verdict per distinct pattern (a quarter of the literals repeat one elsewhere), reported at every place it is used.
    const key = (r: RegexLiteral) => `${r.flags}/${r.source}`;
    const distinct = [...new Map(all.map((r) => [key(r), r])).values()];
    const verdicts = new Map<string, Diagnostics>();
    for (let i = 0; i < distinct.length; i += 16) {
      const batch = distinct.slice(i, i + 16);
      // The automaton checker is exact and deterministic; the default hybrid one falls back to a randomized fuzzer on counted repetitions.
      const found = await Promise.all(batch.map((r) => check(r.source, r.flags, { checker: 'automaton', timeout: 20_000, maxNFASize: 100_000, maxPatternSize: 100_000 })));
      batch.forEach((r, j) => verdicts.set(key(r), found[j]!));
    }
    // What the automaton cannot decide (an unsupported construct, or its budget outlasted on a busy machine) gets a second,
    // longer look by the hybrid checker with a fixed random seed, so the verdict is reproducible.
    const undecided = distinct.filter((r) => verdicts.get(key(r))!.status === 'unknown');
    const second = await Promise.all(undecided.map((r) => check(r.source, r.flags, { timeout: 90_000, randomSeed: 13 })));
    undecided.forEach((r, j) => verdicts.set(key(r), second[j]!));
    const unsafe = all
      .map((r) => [r, verdicts.get(key(r))!] as const)
      .filter(([, v]) => v.status !== 'safe')
      .map(([r, v]) => `${r.file}:${r.line} /${r.source}/${r.flags}: ${v.status}${v.status === 'vulnerable' ? ` (${v.complexity.summary})` : ''}`);
    expect(unsafe).toEqual([]);
  }, 180_000);
});
