// A replay window under sustained traffic: a Map walked from its oldest end after every removal skips the removed
// entries V8 keeps until its next rehash (tens of µs a claim at 50,000 ids), so a claim must not walk the window
// each time. Counted, not timed: how often the window's values are walked. The answers stay exact.
import { describe, expect, it } from 'vitest';
import { replayWindow } from '../../src/store/index.js';
import { openStore, type Store } from '../../src/store/index.js';

type Seen = { key: string; at: string };
const T0 = Date.parse('2026-03-02T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** The store, counting the walks of its collections' values. */
function counting(store: Store): { store: Store; walks: () => number } {
  let walks = 0;
  return { store: { ...store, values: <T>(c: string) => (walks++, store.values<T>(c)) }, walks: () => walks };
}

describe('a replay window under sustained traffic', () => {
  it('walks its values once per hundredth of the count bound, not on every claim, and keeps at most the bound', async () => {
    const { store, walks } = counting(await openStore({}));
    const window = replayWindow<Seen>(store, 'seen', { windowMs: 86_400_000, keep: 1_000 });
    for (let i = 0; i < 5_000; i++) expect(window.claim(`m${i}`, { key: `m${i}`, at: iso(T0 + i) }, T0 + i)).toBe(true);
    expect(store.count('seen')).toBeLessThanOrEqual(1_000);
    expect(walks()).toBeLessThanOrEqual(5_000 / 10 + 2);
    expect(window.claim('m4999', { key: 'm4999', at: iso(T0 + 5_000) }, T0 + 5_000)).toBe(false);
    expect(window.claim('m0', { key: 'm0', at: iso(T0 + 5_000) }, T0 + 5_000)).toBe(true);
  });

  it('walks its values once per hundredth of the window as ids expire, not on every claim', async () => {
    const { store, walks } = counting(await openStore({}));
    const hour = 3_600_000;
    const window = replayWindow<Seen>(store, 'seen', { windowMs: hour, keep: Infinity });
    // One claim a second for three hours: past the first hour, every claim finds the oldest id expired.
    for (let s = 0; s < 3 * 3_600; s++) window.claim(`m${s}`, { key: `m${s}`, at: iso(T0 + s * 1_000) }, T0 + s * 1_000);
    expect(walks()).toBeLessThanOrEqual((2 * 3_600) / 36 + 2);
    expect(store.count('seen')).toBeLessThanOrEqual(3_600 + 37);
  });

  it('refuses an id inside the window and accepts it once the window has passed, swept or not', async () => {
    const store = await openStore({});
    const hour = 3_600_000;
    const window = replayWindow<Seen>(store, 'seen', { windowMs: hour });
    expect(window.claim('a', { key: 'a', at: iso(T0) }, T0)).toBe(true);
    expect(window.claim('b', { key: 'b', at: iso(T0 + 10) }, T0 + 10)).toBe(true);
    expect(window.claim('a', { key: 'a', at: iso(T0 + hour - 1) }, T0 + hour - 1)).toBe(false);
    // Just past the window: 'a' is expired though a sweep may not have removed it yet.
    expect(window.claim('a', { key: 'a', at: iso(T0 + hour + 5) }, T0 + hour + 5)).toBe(true);
    expect([...store.values<{ at: string }>('seen')].map((v) => v.at).at(-1)).toBe(iso(T0 + hour + 5));
    expect(window.claim('a', { key: 'a', at: iso(T0 + hour + 6) }, T0 + hour + 6)).toBe(false);
  });

  it('follows the store when it is cleared or restored under it', async () => {
    const store = await openStore({});
    const hour = 3_600_000;
    const window = replayWindow<Seen>(store, 'seen', { windowMs: hour });
    window.claim('old', { key: 'old', at: iso(T0) }, T0);
    store.snapshot('s', iso(T0));
    window.claim('new', { key: 'new', at: iso(T0 + 2 * hour) }, T0 + 2 * hour);
    expect(store.count('seen')).toBe(1);
    store.restore('s');
    expect(window.claim('late', { key: 'late', at: iso(T0 + 2 * hour + 1) }, T0 + 2 * hour + 1)).toBe(true);
    expect([...store.values<{ at: string }>('seen')].map((v) => v.at)).toEqual([iso(T0 + 2 * hour + 1)]);
    store.clear();
    expect(window.claim('old', { key: 'old', at: iso(T0 + 3 * hour) }, T0 + 3 * hour)).toBe(true);
    expect(store.count('seen')).toBe(1);
  });
});
