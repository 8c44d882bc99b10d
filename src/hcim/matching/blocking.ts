// Blocking keys: the cheap, deliberately loose keys that pick the records worth scoring.
import type { Demographics } from './demographics.js';
import { sortedDigits } from './normalize.js';

/**
 * The keys a record is filed under (and a query looks up). Each tolerates a different error:
 * a surname typo (given+DOB), a nickname (surname+DOB), a transposed date (sorted DOB digits),
 * a changed surname (given+DOB, phone), a move (surname+given).
 */
export function blockingKeys(d: Demographics): string[] {
  const keys = new Set<string>();
  for (const p of d.phones) keys.add(`ph|${p}`);
  for (const n of d.names.length ? d.names : [d]) {
    const sx = n.familySoundex;
    if (sx && d.birth) keys.add(`sd|${sx}|${d.birth}`);
    if (sx && d.birth) keys.add(`st|${sx}|${sortedDigits(d.birth)}`);
    for (const g of n.givenGroups) {
      if (sx) keys.add(`sg|${sx}|${g.slice(0, 3)}`);
      if (d.birth) keys.add(`gd|${g.slice(0, 2)}|${d.birth}`);
    }
    if (sx && d.postal) keys.add(`sp|${sx}|${d.postal}`);
    if (sx && d.line) keys.add(`sl|${sx}|${d.line}`);
    if (d.birth) for (const part of n.familyParts) keys.add(`pd|${part}|${d.birth}`);
  }
  return [...keys];
}

/** FNV-1a 32-bit hash of a key. */
export function hashKey(key: string): number {
  return fnv(0x811c9dc5, key) >>> 0;
}

/** FNV-1a over `text` from state `h` (not yet made unsigned): a key's hash is its parts' hashed one after another. */
function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** Hashes a record's blocking keys into `hashes` (reused), returning how many. */
export interface KeyHasher {
  readonly hashes: Uint32Array;
  hash(d: Demographics): number;
}

/**
 * The hashes of `blockingKeys(d)`, in its order, without building the key strings (an index build keys a million
 * records). A key is tag|a or tag|a|b and no part holds a "|", so two keys are the same exactly when their parts
 * are: duplicates are dropped by comparing parts, as blockingKeys' Set drops equal strings.
 */
export function createKeyHasher(): KeyHasher {
  let hashes = new Uint32Array(64);
  const tags: string[] = [];
  const as: string[] = [];
  const bs: string[] = [];
  let n = 0;
  const put = (tag: string, a: string, b: string): void => {
    let h = fnv(0x811c9dc5, tag);
    h = Math.imul(h ^ 124, 0x01000193);
    h = fnv(h, a);
    if (tag !== 'ph') h = fnv(Math.imul(h ^ 124, 0x01000193), b);
    h >>>= 0;
    for (let k = 0; k < n; k++) if (hashes[k] === h && tags[k] === tag && as[k] === a && bs[k] === b) return;
    if (n === hashes.length) {
      const grown = new Uint32Array(n * 2);
      grown.set(hashes);
      hashes = grown;
    }
    hashes[n] = h;
    tags[n] = tag;
    as[n] = a;
    bs[n] = b;
    n += 1;
  };
  return {
    get hashes() {
      return hashes;
    },
    hash(d) {
      n = 0;
      for (const p of d.phones) put('ph', p, '');
      const birth = d.birth;
      const sorted = birth ? sortedDigits(birth) : '';
      for (const name of d.names.length ? d.names : [d]) {
        const sx = name.familySoundex;
        if (sx && birth) put('sd', sx, birth);
        if (sx && birth) put('st', sx, sorted);
        for (const g of name.givenGroups) {
          if (sx) put('sg', sx, g.slice(0, 3));
          if (birth) put('gd', g.slice(0, 2), birth);
        }
        if (sx && d.postal) put('sp', sx, d.postal);
        if (sx && d.line) put('sl', sx, d.line);
        if (birth) for (const part of name.familyParts) put('pd', part, birth);
      }
      return n;
    },
  };
}
