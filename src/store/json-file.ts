// Writes a JSON document of collections to disk atomically (temp file, fsync, rename), in slices that yield.
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Collections } from './state.js';

/** Bytes gathered before each write; every write is an await, so the event loop never waits on a whole file. */
const SLICE_BYTES = 256 * 1024;

export class WriteAborted extends Error {}

/**
 * Writes `{...head, collections: {...}}` to `file` through `.file.tmp`: the old file stays whole until the
 * rename. `aborted()` is polled between slices (a shutdown must not wait for a large compaction).
 */
export async function writeJsonDocument(file: string, head: Record<string, unknown>, collections: Collections, options: { fsync: boolean; aborted?: () => boolean }): Promise<number> {
  const tmp = join(dirname(file), `.${basename(file)}.tmp`);
  const fh = await open(tmp, 'w');
  let bytes = 0;
  let parts: string[] = [];
  let pending = 0;
  const flush = async () => {
    if (options.aborted?.()) throw new WriteAborted('write aborted');
    const text = parts.join('');
    parts = [];
    pending = 0;
    bytes += Buffer.byteLength(text);
    await fh.write(text);
  };
  const push = async (text: string) => {
    parts.push(text);
    pending += text.length;
    if (pending >= SLICE_BYTES) await flush();
  };
  try {
    const headText = JSON.stringify(head);
    await push(headText === '{}' ? '{"collections":{' : `${headText.slice(0, -1)},"collections":{`);
    let firstCollection = true;
    for (const [name, records] of collections) {
      await push(`${firstCollection ? '' : ','}${JSON.stringify(name)}:{`);
      firstCollection = false;
      let first = true;
      for (const [id, value] of records) {
        await push(`${first ? '' : ','}${JSON.stringify(id)}:${JSON.stringify(value)}`);
        first = false;
      }
      await push('}');
    }
    await push('}}\n');
    await flush();
    if (options.fsync) await fh.datasync();
    await fh.close();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await rename(tmp, file);
  if (options.fsync) await syncDir(dirname(file));
  return bytes;
}

/** Makes a rename or a new file's name durable. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes a small file whole or not at all (a temporary file beside it, synced, renamed over it, the folder synced):
 * a crash mid-write leaves the old file or the new one, never a truncated one that breaks the next start.
 */
export function writeFileDurablySync(file: string, text: string, mode = 0o644): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
