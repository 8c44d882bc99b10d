// Work done as a generator that pauses between slices: run through at once (a synchronous caller needs the result
// now) or in slices that give the event loop back between them (the registry's first build, after start).

/** Runs the steps to their end. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Runs the steps a slice at a time (as many pauses as fit in `sliceMs`), each in its own turn of the event loop.
 * Stops early, without finishing, once `current()` is false (someone else finished or dropped the work).
 */
export function runInSlices<T>(steps: Generator<void, T>, current: () => boolean, done: (value: T) => void, sliceMs = 8): Promise<void> {
  return new Promise((resolve, reject) => {
    const turn = () => {
      try {
        const until = performance.now() + sliceMs;
        while (current()) {
          const next = steps.next();
          if (next.done) {
            done(next.value);
            return resolve();
          }
          if (performance.now() >= until) return void setImmediate(turn);
        }
        resolve();
      } catch (err) {
        reject(err);
      }
    };
    setImmediate(turn);
  });
}
