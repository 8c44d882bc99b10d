// Invertible mapping between a client index and its PHN, so clientByPhn needs no table.
import { hashWords, seedWords } from './random/hash.js';
import { PHN_WEIGHTS } from './phn.js';
import { STREAM } from './random/rng.js';

/**
 * Every 7-digit prefix (digits 2-8) has 8 or 9 ninth digits that give a valid check digit;
 * using the first 8 of them gives a dense domain of 80,000,000 generated PHN bodies.
 */
const SLOTS = 8;
const DOMAIN = 10_000_000 * SLOTS;
const HALF_BITS = 14;
const HALF_MASK = (1 << HALF_BITS) - 1;
const ROUNDS = 4;

/** The largest population the codec supports; fixture PHNs must sit above it in the domain. */
export const MAX_GENERATED_PATIENTS = 50_000_000;

/** Encodes index <-> PHN for one seed: a seeded Feistel permutation with cycle walking. */
export interface PhnCodec {
  phnOf(index: number): string;
  /** The index that generated this PHN, or undefined when no index can have produced it. */
  indexOf(phn: string): number | undefined;
}

function partialSum(prefix: number): number {
  let sum = 0;
  let rest = prefix;
  for (let k = 6; k >= 0; k--) {
    const digit = rest % 10;
    rest = Math.floor(rest / 10);
    sum += (digit * (PHN_WEIGHTS[k] ?? 0)) % 11;
  }
  return sum % 11;
}

function bodyToPhn(x: number): string {
  const prefix = Math.floor(x / SLOTS);
  const slot = x % SLOTS;
  const partial = partialSum(prefix);
  let seen = 0;
  for (let d9 = 0; d9 <= 9; d9++) {
    const remainder = (partial + ((3 * d9) % 11)) % 11;
    if (remainder < 2) continue;
    if (seen === slot) return `9${String(prefix).padStart(7, '0')}${d9}${11 - remainder}`;
    seen += 1;
  }
  throw new Error(`PHN slot ${slot} has no valid ninth digit (prefix ${prefix})`);
}

/** The domain position of a valid PHN, or undefined when it lies outside the generated domain. */
export function phnToBody(phn: string): number | undefined {
  if (!/^9\d{9}$/.test(phn)) return undefined;
  const prefix = Number(phn.slice(1, 8));
  const d9 = phn.charCodeAt(8) - 48;
  const partial = partialSum(prefix);
  let rank = 0;
  for (let d = 0; d <= 9; d++) {
    const remainder = (partial + ((3 * d) % 11)) % 11;
    if (remainder < 2) continue;
    if (d === d9) {
      if (11 - remainder !== phn.charCodeAt(9) - 48 || rank >= SLOTS) return undefined;
      return prefix * SLOTS + rank;
    }
    rank += 1;
  }
  return undefined;
}

/** Builds the codec; `reserved` PHNs (the named fixtures) are never produced for a generated index. */
export function createPhnCodec(seed: number, reserved: readonly string[]): PhnCodec {
  const [lo, hi] = seedWords(seed);
  const keys = Array.from({ length: ROUNDS }, (_, k) => hashWords([lo, hi, STREAM.phn, k]));
  const reservedBodies = new Set<number>();
  for (const phn of reserved) {
    const body = phnToBody(phn);
    if (body === undefined) continue;
    if (body < MAX_GENERATED_PATIENTS) throw new RangeError(`Reserved PHN ${phn} lies inside the generated index range`);
    reservedBodies.add(body);
  }
  const round = (half: number, k: number): number => hashWords([keys[k] ?? 0, half]) & HALF_MASK;
  const encrypt = (x: number): number => {
    let left = x >>> HALF_BITS;
    let right = x & HALF_MASK;
    for (let k = 0; k < ROUNDS; k++) [left, right] = [right, left ^ round(right, k)];
    return left * (HALF_MASK + 1) + right;
  };
  const decrypt = (y: number): number => {
    let left = y >>> HALF_BITS;
    let right = y & HALF_MASK;
    for (let k = ROUNDS - 1; k >= 0; k--) [left, right] = [right ^ round(left, k), left];
    return left * (HALF_MASK + 1) + right;
  };
  const outside = (x: number): boolean => x >= DOMAIN || reservedBodies.has(x);
  return {
    phnOf(index) {
      let x = encrypt(index);
      while (outside(x)) x = encrypt(x);
      return bodyToPhn(x);
    },
    indexOf(phn) {
      const body = phnToBody(phn);
      if (body === undefined || reservedBodies.has(body)) return undefined;
      let x = decrypt(body);
      while (outside(x)) x = decrypt(x);
      return x;
    },
  };
}
