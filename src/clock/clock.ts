// The simulated clock: real, manual or accelerated time, and the timers that follow it.
import type { ClockMode } from '../config.js';
import { rateOf } from './anchor.js';

export interface ClockTimer {
  readonly id: number;
  readonly at: number;
}

/** Injected time. Domain code asks this, never Date.now(), so a scenario can jump 96 hours. */
export interface Clock {
  readonly mode: ClockMode;
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Simulated time as an ISO 8601 instant. */
  iso(): string;
  /** Runs `fn` once simulated time reaches `at`. */
  schedule(at: number, fn: () => unknown): ClockTimer;
  cancel(timer: ClockTimer): void;
  /** Moves time forward, firing every timer that falls due, in order, each at its own instant. */
  advance(ms: number): Promise<void>;
  /** Jumps to an instant (forward fires due timers; backward just moves). */
  set(epochMs: number): Promise<void>;
  /** Number of pending timers. */
  pending(): number;
  /** Stops the real-time wake-ups (timers stay pending). */
  stop(): void;
  /** Back to the configured mode's time: wall-clock now (real, accelerated) or the configured start (manual). */
  reset(): void;
}

/**
 * The span simulated time may cover: what an ISO 8601 / FHIR instant can say (four-digit years). Beyond it `iso()`
 * has no answer, and every surface that stamps a time answered 500.
 */
export const EARLIEST_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
export const LATEST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');
export const instantInRange = (epochMs: number) => epochMs >= EARLIEST_INSTANT && epochMs <= LATEST_INSTANT;

interface Entry extends ClockTimer {
  fn: () => unknown;
}

/**
 * Builds a clock. `real` runs at wall-clock speed, `manual` stands still until advanced,
 * `accelerated` runs `factor` times faster. All three can be advanced or set.
 */
export function createClock(mode: ClockMode, wall: () => number = () => Date.now(), start = wall()): Clock {
  const rate = rateOf(mode);
  let wallStart = wall();
  let offset = start;
  let nextId = 1;
  let timers: Entry[] = [];
  let wake: NodeJS.Timeout | undefined;
  let stopped = false;
  let advancing = false;

  const now = () => offset + (wall() - wallStart) * rate;

  function arm(): void {
    if (wake) clearTimeout(wake);
    wake = undefined;
    if (stopped || advancing || timers.length === 0) return;
    if (rate === 0) {
      // Manual time stands still, but timers already due (scheduled "now") still run.
      if (timers[0]!.at <= now()) (wake = setTimeout(fireDue, 0)).unref();
      return;
    }
    const delay = Math.max(0, (timers[0]!.at - now()) / rate);
    wake = setTimeout(fireDue, Math.min(delay, 2 ** 31 - 1));
    wake.unref();
  }

  function fireDue(): void {
    const t = now();
    while (timers.length > 0 && timers[0]!.at <= t) run(timers.shift()!);
    arm();
  }

  function run(entry: Entry): Promise<void> {
    return Promise.resolve()
      .then(entry.fn)
      .then(
        () => undefined,
        () => undefined,
      );
  }

  const clock: Clock = {
    mode,
    now: () => Math.floor(now()),
    iso: () => new Date(Math.floor(now())).toISOString(),
    schedule(at, fn) {
      const entry: Entry = { id: nextId++, at, fn };
      const i = timers.findIndex((t) => t.at > at);
      if (i === -1) timers.push(entry);
      else timers.splice(i, 0, entry);
      arm();
      return { id: entry.id, at };
    },
    cancel(timer) {
      timers = timers.filter((t) => t.id !== timer.id);
      arm();
    },
    async advance(ms) {
      if (!(ms >= 0)) throw new RangeError('the clock only advances forward');
      const target = now() + ms;
      if (!instantInRange(target)) throw new RangeError(`the clock goes no further than ${new Date(LATEST_INSTANT).toISOString()}`);
      advancing = true;
      try {
        while (timers.length > 0 && timers[0]!.at <= target) {
          const entry = timers.shift()!;
          if (entry.at > now()) offset += entry.at - now();
          await run(entry);
        }
        const remaining = target - now();
        if (remaining > 0) offset += remaining;
      } finally {
        advancing = false;
        arm();
      }
    },
    async set(epochMs) {
      if (!instantInRange(epochMs)) throw new RangeError(`the clock goes no further than ${new Date(LATEST_INSTANT).toISOString()} (nor before ${new Date(EARLIEST_INSTANT).toISOString()})`);
      const delta = epochMs - now();
      if (delta >= 0) return clock.advance(delta);
      offset += delta;
      arm();
    },
    pending: () => timers.length,
    reset() {
      wallStart = wall();
      offset = rate === 0 ? start : wallStart;
      arm();
    },
    stop() {
      stopped = true;
      if (wake) clearTimeout(wake);
    },
  };
  return clock;
}
