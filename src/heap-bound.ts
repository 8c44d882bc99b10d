// The heap growth bound: how far V8's heap may grow above the live data after a full collection (V8's
// `--heap-growing-percent`), applied once the live heap passes a floor. Left to itself V8 lets a busy heap grow to
// about four times its live data; bounded, a small heap pays instead: at 30% a 31 MB heap ran a full collection
// every ~170 ms, 20-30% more CPU a read. Below the floor V8's own growth costs little memory, so it decides there.
import { PerformanceObserver, constants } from 'node:perf_hooks';
import v8 from 'node:v8';

export interface HeapBound {
  /** Whether V8 runs under the bound now. */
  readonly applied: boolean;
  /** Decides from the live heap's size (bytes, right after a full collection). */
  observe(liveBytes: number): void;
  /** Observes the heap now, then after every full collection. */
  start(): void;
  stop(): void;
}

/** The bound lifts again below this share of the floor, so a heap hovering at the floor does not flip it each time. */
const LIFT_BELOW = 0.75;

/** The bound: `percent` (0: V8 always decides) once the live heap reaches `floorBytes` (0: from the start). */
export function boundHeapGrowth(percent: number, floorBytes: number, setFlags = (flags: string) => v8.setFlagsFromString(flags), liveBytes = () => v8.getHeapStatistics().used_heap_size): HeapBound {
  let applied = false;
  let observer: PerformanceObserver | undefined;
  const bound: HeapBound = {
    get applied() {
      return applied;
    },
    observe(live) {
      if (percent === 0) return;
      if (!applied && live >= floorBytes) {
        setFlags(`--heap-growing-percent=${percent}`);
        applied = true;
      } else if (applied && live < floorBytes * LIFT_BELOW) {
        setFlags('--heap-growing-percent=0');
        applied = false;
      }
    },
    start() {
      if (percent === 0 || observer) return;
      bound.observe(liveBytes());
      observer = new PerformanceObserver((list) => {
        const major = list.getEntries().some((e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
        if (major) bound.observe(liveBytes());
      });
      observer.observe({ entryTypes: ['gc'] });
    },
    stop() {
      observer?.disconnect();
      observer = undefined;
    },
  };
  return bound;
}
