// Keeps a built population index in a file, so the next start with the same population reads it back (about
// 100 MB at a million patients, read off the event loop) instead of indexing every record again.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { blockingKeys } from './blocking.js';
import { blockingIndexOf } from './blocking-index.js';
import { demographicsOf } from './demographics.js';
import type { PopulationIndex, PopulationRecord } from './population-index.js';

export interface IndexStore {
  load(): Promise<PopulationIndex | undefined>;
  save(index: PopulationIndex): Promise<void>;
}

const MAGIC = 0x48434958; // "HCIX"
const FORMAT = 1;
const HEADER_WORDS = 6;

/** An index file at `file` (name it after the population's fingerprint: a file never answers for another). */
export function fileIndexStore(file: string): IndexStore {
  return {
    async load() {
      let buf: Buffer;
      try {
        buf = await readFile(file);
      } catch {
        return undefined; // no file yet: the index is built, then saved
      }
      return decode(buf);
    },
    async save(index) {
      const { births, keys } = index;
      const { size, offsets, hashes, owners } = keys.arrays;
      const header = Uint32Array.of(MAGIC, FORMAT, size, births.length, offsets.length, hashes.length);
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      const temp = `${file}.${process.pid}.tmp`;
      const handle = await open(temp, 'w', 0o600);
      try {
        for (const a of [header, births, offsets, hashes, owners]) await handle.write(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    },
  };
}

/**
 * The index file of a population in `dir`: named after a hash of `populationId` (seed, reference date, size,
 * version) and of the blocking keys of its first records, so a change of generator or keys never reads a stale file.
 */
export function indexFileFor(dir: string, populationId: string, records: Iterable<PopulationRecord>, sample = 200): string {
  const hash = createHash('sha256').update(`${FORMAT}|${populationId}`);
  let n = 0;
  for (const [i, patient, mother] of records) {
    hash.update(`|${i}:${mother ?? ''}:${blockingKeys(demographicsOf(patient)).join(',')}`);
    if (++n >= sample) break;
  }
  return join(dir, `hcim-index-${hash.digest('hex').slice(0, 24)}.bin`);
}

/** Reads the arrays back; undefined when the file is not a complete index of this format. */
function decode(buf: Buffer): PopulationIndex | undefined {
  const words = (at: number, count: number): Uint32Array | undefined => {
    const start = buf.byteOffset + at * 4;
    if (at * 4 + count * 4 > buf.byteLength) return undefined;
    return start % 4 === 0 ? new Uint32Array(buf.buffer, start, count) : new Uint32Array(buf.buffer.slice(start, start + count * 4));
  };
  const header = words(0, HEADER_WORDS);
  if (!header || header[0] !== MAGIC || header[1] !== FORMAT) return undefined;
  const [, , size, birthCount, offsetCount, entryCount] = header as unknown as number[];
  if (buf.byteLength !== 4 * (HEADER_WORDS + birthCount! + offsetCount! + 2 * entryCount!)) return undefined;
  let at = HEADER_WORDS;
  const next = (count: number) => {
    const a = words(at, count)!;
    at += count;
    return a;
  };
  const births = next(birthCount!);
  const offsets = next(offsetCount!);
  const hashes = next(entryCount!);
  const owners = next(entryCount!);
  if (offsetCount! < 2 || ((offsetCount! - 1) & (offsetCount! - 2)) !== 0 || offsets[offsetCount! - 1] !== entryCount) return undefined;
  return { births, keys: blockingIndexOf({ size: size!, offsets, hashes, owners }) };
}
