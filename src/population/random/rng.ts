// Seeded PRNG (sfc32) with the pickers the generators need; one instance per record and stream.
import { finishWords, HASH_START, mixWord } from './hash.js';

/** Independent random streams; each record of each kind draws from its own stream. */
export const STREAM = {
  client: 1,
  chart: 2,
  block: 3,
  phn: 4,
  plr: 5,
  ocean: 6,
  variant: 7,
  attachment: 8,
  fixture: 9,
} as const;

export type StreamId = (typeof STREAM)[keyof typeof STREAM];

/** Items with precomputed cumulative weights, for O(log n) weighted picks. */
export interface WeightedTable<T> {
  readonly items: readonly T[];
  readonly cumulative: Float64Array;
  readonly total: number;
}

/** Builds a weighted table once (at module load or population build), then pick from it many times. */
export function weightedTable<T>(items: readonly T[], weight: (item: T) => number): WeightedTable<T> {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  items.forEach((item, i) => {
    total += weight(item);
    cumulative[i] = total;
  });
  return { items, cumulative, total };
}

/** A small fast generator (sfc32). Not cryptographic; deterministic across platforms. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** Next unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('Cannot pick from an empty list');
    return item;
  }

  /** Picks with a Zipf-like skew towards the front of the list (lists of names are ordered by frequency). */
  pickSkewed<T>(items: readonly T[]): T {
    const u = this.next();
    const item = items[Math.floor(u * Math.sqrt(u) * items.length)];
    if (item === undefined) throw new RangeError('Cannot pick from an empty list');
    return item;
  }

  pickWeighted<T>(table: WeightedTable<T>): T {
    const target = this.next() * table.total;
    let lo = 0;
    let hi = table.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((table.cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    const item = table.items[lo];
    if (item === undefined) throw new RangeError('Cannot pick from an empty weighted table');
    return item;
  }

  /** Approximately normal (Irwin-Hall of 4 uniforms), bounded to mean ± 3.46 sd: no Math.log needed. */
  normal(mean: number, sd: number): number {
    const sum = this.next() + this.next() + this.next() + this.next();
    return mean + (sum - 2) * sd * 1.7320508075688772;
  }

  /** Distinct picks, in draw order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = items.slice();
    const out: T[] = [];
    for (let i = 0; i < count && pool.length > 0; i++) {
      const j = Math.floor(this.next() * pool.length);
      out.push(pool[j] as T);
      pool[j] = pool[pool.length - 1] as T;
      pool.pop();
    }
    return out;
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.uint32() & 0xff;
    return out;
  }
}

/** The generator for record `index` of `stream` under `seed`; independent of every other record. */
export function createRng(seed: number, stream: StreamId, index: number, salt = 0): Rng {
  // hashWords([lo, hi, stream, ilo, ihi, salt, k]) for k = 1..4, the six shared words mixed once.
  let h = mixWord(mixWord(HASH_START, seed >>> 0), Math.floor(seed / 4294967296) | 0);
  h = mixWord(mixWord(mixWord(h, stream), index >>> 0), Math.floor(index / 4294967296) | 0);
  h = mixWord(h, salt);
  return new Rng(finishWords(mixWord(h, 1), 7), finishWords(mixWord(h, 2), 7), finishWords(mixWord(h, 3), 7), finishWords(mixWord(h, 4), 7));
}
