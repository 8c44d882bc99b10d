// Loaded into the fuzzed sandbox process only (`--import`): answers the harness's "measure" message over the IPC
// channel with the memory left after a full garbage collection and a settle period.
import { existsSync, readFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';

/** What the process holds once garbage is gone, in bytes (Node's `process.memoryUsage()`). */
export interface SettledMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Resident memory by kind of mapping, from /proc/self/smaps (Linux): where memory outside V8's heap sits. */
  mappings?: { mallocHeap: number; anonymous: number; files: number };
}

/** Asked for by the harness: how long to let the allocator hand pages back after the collection. */
export interface MeasureRequest {
  type: 'measure';
  settleMs: number;
  /** Also write a heap snapshot of the settled heap here (a file path), to compare what grew by constructor. */
  snapshotTo?: string;
}

type Collect = () => void;

const collect = (globalThis as { gc?: Collect }).gc;
const SMAPS = '/proc/self/smaps';

/** Resident kB summed by mapping: the main thread's malloc heap (`[heap]`), anonymous (V8 pages, thread arenas, large mallocs), files. */
function mappings(): SettledMemory['mappings'] {
  if (!existsSync(SMAPS)) return undefined;
  const out = { mallocHeap: 0, anonymous: 0, files: 0 };
  let kind: keyof typeof out | undefined;
  for (const line of readFileSync(SMAPS, 'utf8').split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) kind = header[1] === '[heap]' ? 'mallocHeap' : header[1] === '' ? 'anonymous' : header[1]!.startsWith('/') ? 'files' : undefined;
    else if (kind && line.startsWith('Rss:')) out[kind] += 1024 * Number(line.slice(4).trim().split(' ')[0]);
  }
  return out;
}

const pick = (): SettledMemory => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, mappings: mappings() };
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `gc()` with no argument is a full, synchronous collection (on Node 20 the options form,
 * `gc({type: 'major', execution: 'sync'})`, collected nothing here). The settles let V8 finish sweeping and
 * hand emptied pages back to the system before heap and RSS are read.
 */
async function settled(settleMs: number): Promise<SettledMemory> {
  if (!collect) throw new Error('the sandbox was started without --expose-gc');
  collect();
  await pause(settleMs / 2);
  collect();
  await pause(settleMs / 2);
  return pick();
}

if (process.send) {
  process.on('message', (message: MeasureRequest) => {
    if (message?.type !== 'measure') return;
    settled(message.settleMs).then(
      (memory) => {
        try {
          if (message.snapshotTo) writeHeapSnapshot(message.snapshotTo);
          process.send?.({ type: 'memory', memory });
        } catch (error) {
          // A snapshot that cannot be written is the harness's error to report, not the sandbox's crash.
          process.send?.({ type: 'memory-error', error: String(error) });
        }
      },
      (error: unknown) => process.send?.({ type: 'memory-error', error: String(error) }),
    );
  });
  // The channel must not keep the sandbox alive once it is told to stop.
  process.channel?.unref();
}
