// Opens a WAL-mode store: reads the lowdb file, replays the log segments after it, moves embedded snapshots out.
import { mkdir } from 'node:fs/promises';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { dataPaths, embeddedSnapshots, readDataFile, readSnapshotFile, removeOrphans } from './data-files.js';
import { deepFreeze, ownEntries } from './frozen.js';
import { syncDir, writeJsonDocument } from './json-file.js';
import type { SnapshotRecord } from './persistence.js';
import { collectionsFrom, countsOf, type Collections, type StoreOp } from './state.js';
import type { CoreState } from './store-core.js';
import { walPersistence } from './wal-persistence.js';
import { listSegments, readSegments, WriteAheadLog } from './write-ahead-log.js';

export interface WalStoreOptions {
  fsync: boolean;
  compactBytes: number;
}

export async function openWalState(file: string, options: WalStoreOptions) {
  const paths = dataPaths(file);
  if ((await mkdir(paths.snapshotDir, { recursive: true })) && options.fsync) await syncDir(dirname(paths.snapshotDir));
  const found = await readDataFile(file);
  if (!found) await writeJsonDocument(file, { version: 1, walSeq: 0, snapshots: {} }, new Map(), { fsync: options.fsync });
  const data = found ?? {};
  const walSeq = typeof data.walSeq === 'number' ? data.walSeq : 0;
  const state: CoreState = { collections: collectionsFrom(data.collections), snapshots: new Map(), seq: walSeq };
  for (const [name, s] of ownEntries(data.snapshotFiles)) {
    const r = s as { createdAt: string; counts: Record<string, number>; file: string };
    state.snapshots.set(name, { name, createdAt: r.createdAt, counts: r.counts, file: r.file });
  }
  const legacy = embeddedSnapshots(data as Parameters<typeof embeddedSnapshots>[0]);
  const segments = await listSegments(paths.walDir);
  const { lines, bytes } = await readSegments(paths.walDir, segments);
  const garbage: Array<{ seq: number; file: string }> = [];
  for (const [n, line] of lines.entries()) {
    let op: StoreOp;
    try {
      op = JSON.parse(line) as StoreOp;
    } catch {
      throw new Error(`the write-ahead log in ${paths.walDir} is damaged at change ${n + 1}. Move the folder away to start from the data file alone.`);
    }
    if (op.s <= walSeq) continue;
    state.collections = replay(state, op, paths.snapshotDir, garbage);
    state.seq = Math.max(state.seq, op.s);
  }
  const wal = await WriteAheadLog.open(paths.walDir, { fsync: options.fsync, seq: state.seq, bytes, after: segments[segments.length - 1] ?? 0 });
  const dataBytes = await stat(file).then((s) => s.size).catch(() => 0);
  const persistence = walPersistence(paths, wal, { ...options, garbage, dataBytes });
  for (const s of legacy) {
    if (state.snapshots.has(s.name)) continue;
    state.seq += 1;
    const record: SnapshotRecord = { name: s.name, createdAt: s.createdAt, counts: countsOf(s.collections), content: s.collections, file: `${encodeURIComponent(s.name).replace(/^\./, '%2E')}.${state.seq}.json` };
    state.snapshots.set(s.name, record);
    persistence.record({ s: state.seq, o: 'snap', name: s.name, at: s.createdAt, file: record.file!, counts: record.counts }, { snapshot: record });
  }
  const keep = new Set([...state.snapshots.values()].map((r) => r.file!).concat(garbage.map((g) => g.file)));
  await removeOrphans(paths.snapshotDir, keep);
  return { state, persistence, needsCompaction: legacy.length > 0 || lines.length > 0 };
}

function replay(state: CoreState, op: StoreOp, snapshotDir: string, garbage: Array<{ seq: number; file: string }>): Collections {
  const c = state.collections;
  switch (op.o) {
    case 'put': {
      let m = c.get(op.c);
      if (!m) c.set(op.c, (m = new Map()));
      m.set(op.i, deepFreeze(op.v));
      return c;
    }
    case 'del':
      c.get(op.c)?.delete(op.i);
      return c;
    case 'clear':
      return new Map();
    case 'snap': {
      const old = state.snapshots.get(op.name);
      if (old?.file) garbage.push({ seq: op.s, file: old.file });
      state.snapshots.set(op.name, { name: op.name, createdAt: op.at, counts: op.counts, file: op.file });
      return c;
    }
    case 'unsnap': {
      const old = state.snapshots.get(op.name);
      if (old?.file) garbage.push({ seq: op.s, file: old.file });
      state.snapshots.delete(op.name);
      return c;
    }
    case 'restore': {
      const r = state.snapshots.get(op.name);
      return r?.file ? readSnapshotFile(snapshotDir, r.file) : c;
    }
  }
}
