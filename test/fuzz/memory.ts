// The harness's side of the memory check: asks the fuzzed process for its settled memory and judges growth.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MeasureRequest, SettledMemory } from './memory-probe.js';

export type { SettledMemory } from './memory-probe.js';

/** Node flags that load the probe into the sandbox process (after `--import tsx`). */
export const PROBE_FLAGS = ['--expose-gc', '--import', fileURLToPath(new URL('./memory-probe.ts', import.meta.url))];

/** Growth allowed between the warm measurement and the final one. */
export const MAX_GROWTH = 0.1;

/** Asks the child (spawned with an IPC channel and PROBE_FLAGS) for its memory after a full collection and `settleMs`. */
export function measureSettled(child: ChildProcess, settleMs: number, snapshotTo?: string, timeoutMs = 300_000): Promise<SettledMemory> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`the sandbox did not report its memory within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (m: { type?: string; memory?: SettledMemory; error?: string }) => {
      if (m?.type === 'memory' && m.memory) done(undefined, m.memory);
      else if (m?.type === 'memory-error') done(new Error(m.error));
    };
    const onExit = (code: number | null, signal: string | null) => done(new Error(`the sandbox exited (${code ?? signal}) before it reported its memory`));
    const done = (error?: Error, memory?: SettledMemory) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(memory!);
    };
    if (child.exitCode !== null || child.signalCode !== null) return done(new Error('the sandbox is not running'));
    child.on('message', onMessage);
    child.once('exit', onExit);
    const request: MeasureRequest = { type: 'measure', settleMs, snapshotTo };
    if (!child.send(request)) done(new Error('the sandbox has no IPC channel'));
  });
}

export interface MemoryVerdict {
  /** Live JS objects and the external memory they hold (heap used + external), after collection: state that grows. */
  retainedChange: number;
  /** Resident memory less the heap pages V8 keeps committed but empty after collection (see residentInUse). */
  residentChange: number;
  /** RSS itself after collection and settling, for the record: it swings with V8's committed heap. */
  rssChange: number;
  pass: boolean;
}

const change = (from: number, to: number) => (to - from) / from;

/**
 * RSS less what V8 reports as committed but free (heap total - heap used) once garbage is collected: V8 keeps
 * pages it grew into during the last burst of allocation and reuses them (a 100k run's settled RSS moved between
 * 252 and 311 MB with heap total, 120-176 MB, while heap used stayed 115-124 MB). Everything else counts: live
 * objects, external memory, code, malloc's arenas and any native leak.
 */
export const residentInUse = (m: SettledMemory) => m.rss - (m.heapTotal - m.heapUsed);

/** Both the live state and the resident memory in use must be back within MAX_GROWTH of their warm values. */
export function judgeMemory(warm: SettledMemory, end: SettledMemory): MemoryVerdict {
  const retainedChange = change(warm.heapUsed + warm.external, end.heapUsed + end.external);
  const residentChange = change(residentInUse(warm), residentInUse(end));
  return { retainedChange, residentChange, rssChange: change(warm.rss, end.rss), pass: retainedChange <= MAX_GROWTH && residentChange <= MAX_GROWTH };
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

/** One line per measurement, for the report. */
export function describeMemory(label: string, m: SettledMemory): string {
  const where = m.mappings ? `; resident in malloc's main heap ${mb(m.mappings.mallocHeap)}, anonymous mappings ${mb(m.mappings.anonymous)}, files ${mb(m.mappings.files)}` : '';
  return `${label}: RSS ${mb(m.rss)} (${mb(residentInUse(m))} in use), heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)} (array buffers ${mb(m.arrayBuffers)})${where}`;
}
