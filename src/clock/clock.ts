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

/** An advance cut short by a reset: the clock stands where the reset put it. */
export class ClockResetError extends Error {
  constructor() {
    super('the clock was reset while it advanced: it stands where the reset put it, and the rest of the advance was not made');
  }
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
  /** Advances and sets run one after another, in the order asked (each waits for the one before). */
  let moves: Promise<unknown> = Promise.resolve();
  /** Counts resets: an advance under way stops at the next timer once a reset has put the clock elsewhere. */
  let resets = 0;
  const inTurn = <T>(move: () => Promise<T>): Promise<T> => {
    const turn = moves.then(move);
    moves = turn.catch(() => undefined);
    return turn;
  };

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

  const beyondRange = () => new RangeError(`the clock goes no further than ${new Date(LATEST_INSTANT).toISOString()}`);

  /** Moves `ms` forward from where the clock stands when its turn comes, firing each timer due at its own instant. */
  async function advanceBy(ms: number): Promise<void> {
    const target = now() + ms;
    if (!instantInRange(target)) throw beyondRange();
    const resetsBefore = resets;
    advancing = true;
    try {
      while (timers.length > 0 && timers[0]!.at <= target) {
        const entry = timers.shift()!;
        if (entry.at > now()) offset += entry.at - now();
        await run(entry);
        if (resets !== resetsBefore) throw new ClockResetError();
      }
      const remaining = target - now();
      if (remaining > 0) offset += remaining;
    } finally {
      advancing = false;
      arm();
    }
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
    advance(ms) {
      if (!(ms >= 0)) return Promise.reject(new RangeError('the clock only advances forward'));
      if (!instantInRange(now() + ms)) return Promise.reject(beyondRange());
      return inTurn(() => advanceBy(ms));
    },
    set(epochMs) {
      if (!instantInRange(epochMs)) return Promise.reject(new RangeError(`the clock goes no further than ${new Date(LATEST_INSTANT).toISOString()} (nor before ${new Date(EARLIEST_INSTANT).toISOString()})`));
      return inTurn(async () => {
        const delta = epochMs - now();
        if (delta >= 0) return advanceBy(delta);
        offset += delta;
        arm();
      });
    },
    pending: () => timers.length,
    reset() {
      resets += 1;
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
