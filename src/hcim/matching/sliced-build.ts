// Runs a step generator in time slices on the event loop: a slice of work, then setImmediate, so
// requests (health polls, reads) are served between slices while a big index builds.
import { setImmediate as nextTurn } from 'node:timers/promises';

export interface SlicedBuild<T> {
  /** The result once built. */
  readonly value: T | undefined;
  /** Progress as the generator last yielded it (records indexed). */
  readonly progress: number;
  /** Resolves with the result when the build ends (in slices, or at once through `finishNow`). */
  readonly done: Promise<T>;
  /** Runs every remaining step now, synchronously, and returns the result. */
  finishNow(): T;
  /** Stops after the current slice (the sandbox is closing). */
  stop(): void;
}

/** Starts running `steps` in slices of about `sliceMs` milliseconds each. */
export function startSlicedBuild<T>(steps: Generator<number, T>, sliceMs: number): SlicedBuild<T> {
  let value: T | undefined;
  let progress = 0;
  let stopped = false;
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const done = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  done.catch(() => undefined);
  const step = (): boolean => {
    const r = steps.next();
    if (r.done) {
      value = r.value;
      resolve(r.value);
      return true;
    }
    progress = r.value;
    return false;
  };
  void (async () => {
    try {
      while (value === undefined && !stopped) {
        const until = performance.now() + sliceMs;
        while (value === undefined && performance.now() < until) if (step()) break;
        await nextTurn();
      }
    } catch (error) {
      reject(error);
    }
  })();
  return {
    get value() {
      return value;
    },
    get progress() {
      return progress;
    },
    done,
    finishNow() {
      while (value === undefined) step();
      return value;
    },
    stop() {
      stopped = true;
    },
  };
}
