// Loaded into the fuzzed sandbox process only (`--import`): answers the harness's "measure" message over the IPC
// channel with the memory left after a full garbage collection and a settle period.
import { writeHeapSnapshot } from 'node:v8';

/** What the process holds once garbage is gone, in bytes (Node's `process.memoryUsage()`). */
export interface SettledMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
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
const pick = (): SettledMemory => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
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
        if (message.snapshotTo) writeHeapSnapshot(message.snapshotTo);
        process.send?.({ type: 'memory', memory });
      },
      (error: unknown) => process.send?.({ type: 'memory-error', error: String(error) }),
    );
  });
  // The channel must not keep the sandbox alive once it is told to stop.
  process.channel?.unref();
}
