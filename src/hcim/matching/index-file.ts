// Keeps a built population index in a file, so the next start with the same population reads it back (about
// 100 MB at a million patients, read off the event loop) instead of indexing every record again.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { blockingKeys } from './blocking.js';
import { blockingIndexOf, type BlockingArrays } from './blocking-index.js';
import { demographicsOf } from './demographics.js';
import type { PopulationIndex, PopulationRecord } from './population-index.js';

export interface IndexStore {
  load(): Promise<PopulationIndex | undefined>;
  save(index: PopulationIndex): Promise<void>;
  /** False when there is surely nothing to load (a first start builds at once, not after the rest of the start). */
  present?(): boolean;
}

const MAGIC = 0x48434958; // "HCIX"
/** 2: one CSR per part (a worker's share), side by side; 1 had a single CSR. */
const FORMAT = 2;
/** magic, format, records, births, parts; then records, offsets and entries of each part. */
const HEADER_WORDS = 5;
const PART_WORDS = 3;
/** More parts than any build makes (one per worker): a header claiming more is damaged. */
const MAX_PARTS = 256;

/** An index file at `file` (name it after the population's fingerprint: a file never answers for another). */
export function fileIndexStore(file: string): IndexStore {
  return {
    present: () => existsSync(file),
    async load() {
      let handle: FileHandle;
      try {
        handle = await open(file, 'r');
      } catch {
        return undefined; // no file yet: the index is built, then saved
      }
      try {
        return await readIndex(handle);
      } finally {
        await handle.close();
      }
    },
    async save(index) {
      const { births, keys } = index;
      const header = Uint32Array.of(MAGIC, FORMAT, keys.size, births.length, keys.parts.length, ...keys.parts.flatMap((p) => [p.size, p.offsets.length, p.hashes.length]));
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      const temp = `${file}.${process.pid}.tmp`;
      const handle = await open(temp, 'w', 0o600);
      try {
        for (const a of [header, births, ...keys.parts.flatMap((p) => [p.offsets, p.hashes, p.owners])]) await handle.write(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
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

/** Bytes read per call: the copies (and first touches of fresh memory) happen in the I/O threads, a bit at a time. */
const READ_CHUNK = 4 * 1024 * 1024;

/**
 * Reads the arrays back, each straight into its own typed array (no whole-file buffer to copy out of on the
 * event loop); undefined when the file is not a complete index of this format.
 */
async function readIndex(handle: FileHandle): Promise<PopulationIndex | undefined> {
  const { size: bytes } = await handle.stat();
  if (bytes < HEADER_WORDS * 4) return undefined;
  const header = new Uint32Array(HEADER_WORDS);
  await handle.read(new Uint8Array(header.buffer), 0, header.byteLength, 0);
  const [magic, format, size, birthCount, partCount] = header as unknown as number[];
  if (magic !== MAGIC || format !== FORMAT || partCount! < 1 || partCount! > MAX_PARTS) return undefined;
  const shapes = new Uint32Array(PART_WORDS * partCount!);
  if (bytes < 4 * (HEADER_WORDS + shapes.length)) return undefined;
  await handle.read(new Uint8Array(shapes.buffer), 0, shapes.byteLength, HEADER_WORDS * 4);
  let words = HEADER_WORDS + shapes.length + birthCount!;
  let records = 0;
  for (let p = 0; p < partCount!; p++) {
    const [partSize, offsetCount, entryCount] = shapes.subarray(PART_WORDS * p, PART_WORDS * (p + 1)) as unknown as number[];
    if (offsetCount! < 2 || ((offsetCount! - 1) & (offsetCount! - 2)) !== 0) return undefined;
    words += offsetCount! + 2 * entryCount!;
    records += partSize!;
  }
  if (bytes !== 4 * words || records !== size) return undefined;
  let position = 4 * (HEADER_WORDS + shapes.length);
  const next = async (count: number): Promise<Uint32Array> => {
    const array = new Uint32Array(count);
    const view = new Uint8Array(array.buffer);
    for (let at = 0; at < view.length; ) {
      const { bytesRead } = await handle.read(view, at, Math.min(READ_CHUNK, view.length - at), position);
      if (bytesRead === 0) throw new Error('index file ended early');
      at += bytesRead;
      position += bytesRead;
    }
    return array;
  };
  const births = await next(birthCount!);
  const parts: BlockingArrays[] = [];
  for (let p = 0; p < partCount!; p++) {
    const [partSize, offsetCount, entryCount] = shapes.subarray(PART_WORDS * p, PART_WORDS * (p + 1)) as unknown as number[];
    const offsets = await next(offsetCount!);
    const hashes = await next(entryCount!);
    const owners = await next(entryCount!);
    if (offsets[offsetCount! - 1] !== entryCount) return undefined;
    parts.push({ size: partSize!, offsets, hashes, owners });
  }
  return { births, keys: blockingIndexOf(parts) };
}
