// 32-bit integer hashing used to derive independent random streams from (seed, stream, index).

/** Final avalanche step of MurmurHash3: spreads every input bit over the output. */
export function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The state hashWords starts from. */
export const HASH_START = 0x9e3779b9;

/** One word mixed into a hashWords state (MurmurHash3's body step). */
export function mixWord(h: number, word: number): number {
  let k = Math.imul(word | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The hash of `length` words from the state after mixing them (hashWords' last step). */
export function finishWords(h: number, length: number): number {
  return fmix32(h ^ length);
}

/** Hashes a short list of 32-bit words into one well-mixed unsigned 32-bit word. */
export function hashWords(words: readonly number[]): number {
  let h = HASH_START;
  for (const word of words) h = mixWord(h, word);
  return finishWords(h, words.length);
}

/** Splits a safe integer seed into two 32-bit words so seeds above 2^32 stay distinct. */
export function seedWords(seed: number): [number, number] {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) | 0;
  return [lo, hi];
}
