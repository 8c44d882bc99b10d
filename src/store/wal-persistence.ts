// WAL mode: each change is appended to the log (group commit), compacted into the lowdb file in the background.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readSnapshotFile, type DataPaths } from './data-files.js';
import { writeJsonDocument, WriteAborted } from './json-file.js';
import type { Persistence, SnapshotRecord } from './persistence.js';
import { shallowCopy, type Collections, type StoreOp } from './state.js';
import type { StoreData } from './store.js';
import type { WriteAheadLog } from './write-ahead-log.js';

/** How long a clean stop may spend folding the log into the data file. */
const CLOSE_BUDGET_MS = 700;

export interface WalPersistenceOptions {
  fsync: boolean;
  /** Compact once the log holds this many bytes. */
  compactBytes: number;
  /** Snapshot files discarded before the store opened (deleted after the first compaction). */
  garbage?: Array<{ seq: number; file: string }>;
  dataBytes?: number;
}

export function walPersistence(paths: DataPaths, wal: WriteAheadLog, options: WalPersistenceOptions): Persistence & { compact(): Promise<void> } {
  let source: (() => { collections: Collections; snapshots: ReadonlyMap<string, SnapshotRecord> }) | undefined;
  const garbage = [...(options.garbage ?? [])];
  let compacting: Promise<void> | undefined;
  let closing = false;
  let compactions = 0;
  let dataBytes = options.dataBytes ?? 0;
  let lastError: string | undefined;

  const writeSnapshot = (record: SnapshotRecord) => async () => {
    if (!record.content) return;
    await mkdir(paths.snapshotDir, { recursive: true });
    await writeJsonDocument(join(paths.snapshotDir, record.file!), { name: record.name, createdAt: record.createdAt }, record.content, { fsync: options.fsync });
    delete record.content;
  };

  /** Folds the log into the data file; `deadline` (epoch ms) abandons it if it runs late (a shutdown). */
  function compact(deadline = Infinity): Promise<void> {
    if (compacting || closing || !source) return compacting ?? Promise.resolve();
    const cut = wal.lastSeq;
    const state = source();
    const collections = shallowCopy(state.collections);
    const snapshotFiles: NonNullable<StoreData['snapshotFiles']> = {};
    for (const r of state.snapshots.values()) snapshotFiles[r.name] = { createdAt: r.createdAt, counts: r.counts, file: r.file! };
    const boundary = wal.rotate();
    compacting = (async () => {
      await wal.commit(cut);
      const head = { version: 1, walSeq: cut, snapshots: {}, snapshotFiles };
      dataBytes = await writeJsonDocument(paths.file, head, collections, { fsync: options.fsync, aborted: () => closing || Date.now() > deadline });
      await wal.removeSegmentsBefore(boundary);
      for (const g of garbage.filter((x) => x.seq <= cut)) await rm(join(paths.snapshotDir, g.file), { force: true });
      garbage.splice(0, garbage.length, ...garbage.filter((x) => x.seq > cut));
      compactions += 1;
      lastError = undefined;
    })()
      .catch((err: unknown) => {
        if (!(err instanceof WriteAborted)) lastError = `compaction failed: ${(err as Error).message}`;
      })
      .finally(() => (compacting = undefined));
    return compacting;
  }

  wal.onCommit = () => {
    // At least as much log as data before a fold: each fold rewrites the file, so the cost per change stays constant.
    if (wal.bytes >= Math.max(options.compactBytes, dataBytes) && !compacting) setImmediate(() => void compact());
  };

  return {
    attach(s) {
      source = s;
    },
    record(op: StoreOp, extra) {
      const line = extra?.json === undefined ? JSON.stringify(op) : `${JSON.stringify(op).slice(0, -1)},"v":${extra.json}}`;
      wal.append(op.s, line, extra?.snapshot ? writeSnapshot(extra.snapshot) : undefined);
    },
    loadSnapshot: (r) => r.content ?? readSnapshotFile(paths.snapshotDir, r.file!),
    discard(r) {
      if (r.file) garbage.push({ seq: wal.lastSeq + 1, file: r.file });
    },
    committed: () => wal.commit(),
    isCommitted: () => wal.durableSeq >= wal.lastSeq,
    flush: () => wal.commit(),
    compact,
    /** A clean stop folds the log into the data file when that fits in `CLOSE_BUDGET_MS`; else the log stays for the next start. */
    async close() {
      const deadline = Date.now() + CLOSE_BUDGET_MS;
      await Promise.race([compacting, new Promise((r) => setTimeout(r, CLOSE_BUDGET_MS).unref())]);
      if (!compacting && wal.bytes > 0 && !wal.failed) await compact(deadline);
      closing = true;
      await wal.close();
      await compacting;
    },
    stats: () => ({
      mode: 'wal',
      file: paths.file,
      fsync: options.fsync,
      walBytes: wal.bytes,
      dataBytes,
      commits: wal.commits,
      compactions,
      uncommitted: wal.lastSeq - wal.durableSeq,
      ...(lastError || wal.failed ? { lastError: wal.failed?.message ?? lastError } : {}),
    }),
  };
}

