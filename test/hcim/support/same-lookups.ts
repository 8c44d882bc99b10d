// Two candidate indexes are the same when every key hash either holds gives the same records, in the same order,
// however each is cut into parts.
import type { BlockingIndex } from '../../../src/hcim/matching/blocking-index.js';

/** The key hashes `index` holds that `other` answers differently (none when the two are the same index). */
export function lookupDifferences(index: BlockingIndex, other: BlockingIndex): number[] {
  const hashes = new Set<number>();
  for (const x of [index, other]) for (const part of x.parts) for (const h of part.hashes) hashes.add(h);
  const differ: number[] = [];
  for (const h of hashes) {
    const a = index.lookupHash(h);
    const b = other.lookupHash(h);
    if (a.length !== b.length || a.some((v, i) => v !== b[i])) differ.push(h);
  }
  return differ;
}
