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
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
