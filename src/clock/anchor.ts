// Where the simulated clock stands, kept in the store: a sandbox advanced 96 hours is still there after a restart,
// as the data it wrote at that time is.
import type { ClockMode } from '../config.js';
import type { Store } from '../store/index.js';
import type { Clock } from './clock.js';

/** The simulated instant at a wall-clock instant (epoch ms both). */
export interface ClockAnchor {
  simulatedAt: number;
  wallAt: number;
}

/** Where the store keeps it. */
export const CLOCK_ANCHOR = { collection: 'meta', id: 'clock' } as const;

/** How many simulated milliseconds pass per wall-clock millisecond. */
export const rateOf = (mode: ClockMode): number => (mode.kind === 'manual' ? 0 : mode.kind === 'real' ? 1 : mode.factor);

export const anchorOf = (clock: Clock, wallNow = Date.now()): ClockAnchor => ({ simulatedAt: clock.now(), wallAt: wallNow });

/** Stores where the clock stands now: after it is moved, and after a reset or a restore replaced the store. */
export const keepAnchor = (store: Pick<Store, 'put'>, clock: Clock): void => void store.put(CLOCK_ANCHOR.collection, CLOCK_ANCHOR.id, anchorOf(clock));

/** Where a clock resumes at `wallNow`: where it would stand had the process never stopped. */
export const resumeFrom = (anchor: ClockAnchor, mode: ClockMode, wallNow = Date.now()): number => Math.floor(anchor.simulatedAt + (wallNow - anchor.wallAt) * rateOf(mode));

/** A stored anchor, when it is one (the data file is the user's to edit). */
export function readAnchor(value: unknown): ClockAnchor | undefined {
  const a = value as Partial<ClockAnchor> | undefined;
  return a && Number.isFinite(a.simulatedAt) && Number.isFinite(a.wallAt) ? { simulatedAt: a.simulatedAt!, wallAt: a.wallAt! } : undefined;
}
