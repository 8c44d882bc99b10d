import { describe, expect, it } from 'vitest';
import { createClock, formatDuration, parseDuration } from '../../src/clock/index.js';

const START = Date.parse('2026-03-02T09:00:00Z');

describe('the manual clock', () => {
  it('stands still until advanced', () => {
    const clock = createClock({ kind: 'manual' }, () => Date.now(), START);
    expect(clock.now()).toBe(START);
    expect(clock.iso()).toBe('2026-03-02T09:00:00.000Z');
  });

  it('fires due timers in order, each at its own instant, including timers they schedule', async () => {
    const clock = createClock({ kind: 'manual' }, () => Date.now(), START);
    const seen: Array<[string, number]> = [];
    clock.schedule(START + 2 * 3600_000, () => seen.push(['b', clock.now() - START]));
    clock.schedule(START + 3600_000, () => {
      seen.push(['a', clock.now() - START]);
      clock.schedule(clock.now() + 30 * 60_000, () => seen.push(['a2', clock.now() - START]));
    });
    clock.schedule(START + 5 * 3600_000, () => seen.push(['late', 0]));
    await clock.advance(parseDuration('PT3H')!);
    expect(seen).toEqual([
      ['a', 3600_000],
      ['a2', 5400_000],
      ['b', 7200_000],
    ]);
    expect(clock.now()).toBe(START + 3 * 3600_000);
    expect(clock.pending()).toBe(1);
  });

  it('runs a timer scheduled for now without an advance', async () => {
    const clock = createClock({ kind: 'manual' }, () => Date.now(), START);
    let ran = false;
    clock.schedule(clock.now(), () => (ran = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toBe(true);
  });

  it('refuses to advance backwards but can be set back', async () => {
    const clock = createClock({ kind: 'manual' }, () => Date.now(), START);
    await expect(clock.advance(-1)).rejects.toThrow(/forward/);
    await clock.set(START - 1000);
    expect(clock.now()).toBe(START - 1000);
  });
});

describe('the accelerated clock', () => {
  it('runs FACTOR times faster than the wall clock', () => {
    let wall = 1_000_000;
    const clock = createClock({ kind: 'accelerated', factor: 60 }, () => wall, START);
    wall += 1000;
    expect(clock.now()).toBe(START + 60_000);
  });
});

describe('ISO 8601 durations', () => {
  it('parses hours, days, minutes and seconds', () => {
    expect(parseDuration('PT96H')).toBe(96 * 3600_000);
    expect(parseDuration('P1DT2H30M')).toBe((26 * 60 + 30) * 60_000);
    expect(parseDuration('PT0.5S')).toBe(500);
  });

  it('rejects what is not a duration', () => {
    for (const bad of ['96h', 'P', 'PT', 'P1Y', '']) expect(parseDuration(bad)).toBeUndefined();
  });

  it('formats milliseconds back', () => {
    expect(formatDuration(96 * 3600_000)).toBe('P4D');
    expect(formatDuration(90 * 60_000)).toBe('PT1H30M');
  });
});

describe('moves made at the same time', () => {
  const HOUR = 3600_000;
  /** A clock with a timer that takes a real while to run, so that an advance waits on it. */
  const slowClock = () => {
    const clock = createClock({ kind: 'manual' }, () => Date.now(), START);
    clock.schedule(START + 60_000, () => new Promise((r) => setTimeout(r, 30)));
    return clock;
  };

  it('two advances of an hour each move the clock two hours, as one after the other would', async () => {
    const clock = slowClock();
    await Promise.all([clock.advance(HOUR), clock.advance(HOUR)]);
    expect(clock.now()).toBe(START + 2 * HOUR);
  });

  it('a set made during an advance is not undone by it: the set comes after', async () => {
    const clock = slowClock();
    const advancing = clock.advance(10 * HOUR);
    const setBack = clock.set(START - 5 * 24 * HOUR);
    await Promise.all([advancing, setBack]);
    expect(clock.now()).toBe(START - 5 * 24 * HOUR);
  });

  it('a reset during an advance stops it where the reset put the clock, and the advance says it was cut short', async () => {
    const clock = slowClock();
    await clock.advance(48 * HOUR);
    clock.schedule(clock.now() + 60_000, () => new Promise((r) => setTimeout(r, 30)));
    const advancing = clock.advance(10 * HOUR);
    await new Promise((r) => setTimeout(r, 5));
    clock.reset();
    await expect(advancing).rejects.toThrow(/reset/);
    expect(clock.now()).toBe(START);
  });
});
