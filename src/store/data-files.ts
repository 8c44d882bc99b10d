// Where a WAL-mode store keeps its files, and reading them back: the data file, its log segments, snapshot files.
import { readFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { JSONFile } from 'lowdb/node';
import { ownEntries } from './frozen.js';
import { collectionsFrom, type Collections } from './state.js';
import type { StoreData } from './store.js';

export interface DataPaths {
  /** The lowdb JSON file: the state as of `walSeq`. */
  file: string;
  /** Numbered NDJSON segments: every change after `walSeq`. */
  walDir: string;
  /** One JSON file per named snapshot. */
  snapshotDir: string;
}

export function dataPaths(file: string): DataPaths {
  const base = file.replace(/\.json$/i, '');
  return { file, walDir: `${base}.wal`, snapshotDir: `${base}.snapshots` };
}

/** Reads the data file with lowdb (undefined when there is none yet). */
export async function readDataFile(file: string): Promise<Partial<StoreData> | undefined> {
  try {
    return (await new JSONFile<Partial<StoreData>>(file).read()) ?? undefined;
  } catch (err) {
    throw new Error(`cannot read the data file ${file}: ${(err as Error).message}. Move it away or start with --ephemeral.`);
  }
}

/** A snapshot file's collections (read synchronously: restoring is a rare admin call). */
export function readSnapshotFile(dir: string, name: string): Collections {
  const parsed = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { collections?: unknown };
  return collectionsFrom(parsed.collections);
}

/** Snapshots embedded in a version-1 file written before snapshots had their own files. */
export function embeddedSnapshots(data: Partial<StoreData>): Array<{ name: string; createdAt: string; collections: Collections }> {
  return ownEntries(data.snapshots).map(([name, s]) => {
    const snap = s as { createdAt?: unknown; collections?: unknown };
    return { name, createdAt: typeof snap.createdAt === 'string' ? snap.createdAt : '', collections: collectionsFrom(snap.collections) };
  });
}

/** Deletes files in the snapshot folder that nothing refers to (a crash between writing and logging one). */
export async function removeOrphans(dir: string, keep: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) if (!keep.has(name)) await rm(join(dir, name), { force: true });
}
