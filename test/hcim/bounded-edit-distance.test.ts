// editDistance is bounded: it agrees with the exact distance wherever the bound matters, and reads O(n·max) cells, not n².
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/hcim/matching/normalize.js';

/** The optimal string alignment distance from the full table: the reference the bounded one must agree with. */
function exactDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** A small deterministic generator (the same strings every run). */
function strings(seed: number, count: number, alphabet: string, maxLength: number): string[] {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) / (1 << 24);
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * (maxLength + 1)) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
}

/** A string whose character reads are counted (`a[i]`), to measure the work a distance does. */
function counted(text: string): { value: string; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(new String(text), {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
      return Reflect.get(target, key, receiver);
    },
  });
  return { value: proxy as unknown as string, reads: () => reads };
}

describe('editDistance (bounded optimal string alignment)', () => {
  it('gives the exact distance when it is at most the bound, and bound + 1 otherwise', () => {
    const pool = [...strings(7, 60, 'AB', 7), ...strings(11, 60, 'ABCD', 9), ...strings(13, 40, 'AB C', 6)];
    const wrong: string[] = [];
    let checked = 0;
    for (const a of pool) {
      for (const b of pool.slice(0, 80)) {
        const exact = exactDistance(a, b);
        for (const max of [0, 1, 2, 3]) {
          const got = editDistance(a, b, max);
          if (got !== Math.min(exact, max + 1)) wrong.push(`"${a}" / "${b}" max ${max}: ${got}, exact ${exact}`);
          checked += 1;
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(40_000);
  });

  it('agrees on the cases the scorer relies on: typos, transpositions, dates, address lines', () => {
    expect(editDistance('THOMPSON', 'THOMSPON', 2)).toBe(1);
    expect(editDistance('THOMPSON', 'TOMPSON', 1)).toBe(1);
    expect(editDistance('CA', 'ABC', 3)).toBe(3); // optimal string alignment: no edit after a transposition
    expect(editDistance('19700412', '19700421', 1)).toBe(1);
    expect(editDistance('19700412', '19711412', 1)).toBe(2);
    expect(editDistance('55 HARBOUR RD', '55 HARBOR RD', 2)).toBe(1);
    expect(editDistance('', 'AB', 3)).toBe(2);
    expect(editDistance('ABCDEF', 'ABCDEF', 0)).toBe(0);
    expect(editDistance('A'.repeat(300), 'B'.repeat(300), 2)).toBe(3);
  });

  it('reads only a band of the table: two 2,000-letter names one edit apart cost thousands of reads, not millions', () => {
    const a = counted('A'.repeat(2_000));
    const b = counted(`B${'A'.repeat(1_999)}`);
    expect(editDistance(a.value, b.value, 2)).toBe(1);
    // A full (n+1)×(n+1) table reads each string at every one of its 4,000,000 cells; the band reads 2·max + 1 per row.
    expect(a.reads() + b.reads()).toBeLessThan(2_000 * (2 * 2 + 1) * 6);
  });

  it('stops as soon as every cell of a row is over the bound', () => {
    const a = counted('A'.repeat(2_000));
    const b = counted('B'.repeat(2_000));
    expect(editDistance(a.value, b.value, 1)).toBe(2);
    expect(a.reads() + b.reads()).toBeLessThan(100);
  });
});
