// The write-ahead log: numbered NDJSON segments, appended in group commits, one write in flight at a time.
import { mkdir, open, readdir, readFile, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { syncDir } from './json-file.js';

interface Item {
  seq: number;
  line?: string;
  /** Work that must be durable before the line is (a snapshot's own file). */
  before?: () => Promise<void>;
  rotateTo?: number;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

/** A large batch is written in slices: one string for all of it could exceed V8's maximum string length. */
const WRITE_SLICE = 1024 * 1024;

const SEGMENT = /^(\d{6,})\.ndjson$/;
const segmentName = (n: number) => `${String(n).padStart(6, '0')}.ndjson`;

/** The segments in a log folder, oldest first. */
export async function listSegments(dir: string): Promise<number[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.flatMap((n) => SEGMENT.exec(n)?.[1] ?? []).map(Number).sort((a, b) => a - b);
}

/** Every complete line of every segment, oldest first; a torn last line (a crash mid-append) is dropped. */
export async function readSegments(dir: string, segments: number[]): Promise<{ lines: string[]; bytes: number }> {
  const lines: string[] = [];
  let bytes = 0;
  for (const n of segments) {
    const text = await readFile(join(dir, segmentName(n)), 'utf8');
    bytes += Buffer.byteLength(text);
    const parts = text.split('\n');
    parts.pop(); // '' after the last newline, or a torn line that never got its newline
    for (const p of parts) if (p) lines.push(p);
  }
  return { lines, bytes };
}

export class WriteAheadLog {
  private queue: Item[] = [];
  private waiters: Waiter[] = [];
  private pumping = false;
  private failure: Error | undefined;
  private fh: FileHandle | undefined;
  lastSeq: number;
  durableSeq: number;
  /** Bytes appended since the folder was last compacted. */
  bytes: number;
  commits = 0;
  /** Called after each group commit (the store decides there whether to compact). */
  onCommit: () => void = () => undefined;
  /** For each segment opened by a rotation, the log's bytes when it was opened. */
  private readonly bytesBefore = new Map<number, number>();

  private constructor(
    readonly dir: string,
    private readonly fsync: boolean,
    public segment: number,
    seq: number,
    bytes: number,
  ) {
    this.lastSeq = seq;
    this.durableSeq = seq;
    this.bytes = bytes;
  }

  /** Opens a fresh segment after the existing ones (they stay until a compaction covers them). */
  static async open(dir: string, options: { fsync: boolean; seq: number; bytes: number; after: number }): Promise<WriteAheadLog> {
    const made = await mkdir(dir, { recursive: true });
    const wal = new WriteAheadLog(dir, options.fsync, options.after + 1, options.seq, options.bytes);
    wal.fh = await open(join(dir, segmentName(wal.segment)), 'a');
    if (options.fsync) await syncDir(dir);
    // A folder made just now is durable once its parent's entry is (a power cut could lose the whole log).
    if (options.fsync && made) await syncDir(dirname(dir));
    return wal;
  }

  /** Queues one change; it is durable once `commit(seq)` resolves. */
  append(seq: number, line: string, before?: () => Promise<void>): void {
    this.lastSeq = seq;
    this.queue.push({ seq, line: `${line}\n`, before });
    this.kick();
  }

  /** Later appends go to a new segment; returns its number (every earlier segment then holds only older changes). */
  rotate(): number {
    const next = this.segment + 1 + this.queue.filter((i) => i.rotateTo !== undefined).length;
    this.queue.push({ seq: this.lastSeq, rotateTo: next });
    this.kick();
    return next;
  }

  /** Resolves once every change up to `seq` (default: all so far) is written (and fsynced with --fsync). */
  commit(seq = this.lastSeq): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (seq <= this.durableSeq) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  /** Deletes the segments a compaction has folded into the data file. */
  async removeSegmentsBefore(segment: number): Promise<void> {
    for (const n of await listSegments(this.dir)) if (n < segment) await rm(join(this.dir, segmentName(n)), { force: true });
    const folded = this.bytesBefore.get(segment);
    if (folded !== undefined) this.bytes -= folded;
    for (const k of [...this.bytesBefore.keys()]) if (k <= segment) this.bytesBefore.delete(k);
  }

  async close(): Promise<void> {
    await this.commit().catch(() => undefined);
    await this.fh?.close();
    this.fh = undefined;
  }

  private kick(): void {
    if (this.pumping || this.failure) return;
    this.pumping = true;
    setImmediate(() => void this.pump());
  }

  /** One group commit per turn: everything queued meanwhile goes in the next. */
  private async pump(): Promise<void> {
    try {
      while (this.queue.length && !this.failure) {
        const batch = this.queue;
        this.queue = [];
        let text = '';
        for (const item of batch) {
          if (item.before || item.rotateTo !== undefined) {
            await this.write(text);
            text = '';
          }
          if (item.before) await item.before();
          if (item.rotateTo !== undefined) await this.switchTo(item.rotateTo);
          if (item.line) text += item.line;
          if (text.length >= WRITE_SLICE) {
            await this.write(text);
            text = '';
          }
        }
        await this.write(text);
        if (this.fsync) await this.fh!.datasync();
        this.commits += 1;
        this.durableSeq = Math.max(this.durableSeq, batch[batch.length - 1]!.seq);
        this.settle();
        this.onCommit();
      }
    } catch (err) {
      this.failure = new Error(`the write-ahead log could not be written: ${(err as Error).message}`);
      for (const w of this.waiters.splice(0)) w.reject(this.failure);
    } finally {
      this.pumping = false;
    }
  }

  private async write(text: string): Promise<void> {
    if (!text) return;
    await this.fh!.write(text);
    this.bytes += Buffer.byteLength(text);
  }

  private async switchTo(segment: number): Promise<void> {
    if (this.fsync) await this.fh!.datasync();
    await this.fh!.close();
    this.segment = segment;
    this.bytesBefore.set(segment, this.bytes);
    this.fh = await open(join(this.dir, segmentName(segment)), 'a');
    if (this.fsync) await syncDir(this.dir);
  }

  private settle(): void {
    const still: Waiter[] = [];
    for (const w of this.waiters) (w.seq <= this.durableSeq ? w.resolve() : still.push(w));
    this.waiters = still;
  }
}
