// The dashboard's timeline and demo pages joined their history to the live feed by subscribing after the history
// came back: an exchange made while the history travelled was in neither, and never shown (seen as a live-feed
// test that waited forever for its row under load). historyThenLive subscribes first.
import { describe, expect, it } from 'vitest';
import { historyThenLive } from '../../src/ui/client/live-history.js';
import type { FeedState, LiveFeed } from '../../src/ui/client/live.js';
import type { JournalEntry } from '../../src/ui/client/types.js';

function fakeFeed(): LiveFeed & { emit(e: JournalEntry): void; listeners(): number } {
  const fns = new Set<(e: JournalEntry) => void>();
  return {
    onEntry: (fn) => (fns.add(fn), () => void fns.delete(fn)),
    onState: (_fn: (s: FeedState) => void) => () => undefined,
    state: () => 'live',
    emit: (e) => fns.forEach((fn) => fn(e)),
    listeners: () => fns.size,
  };
}

const entry = (id: string) => ({ id }) as JournalEntry;

describe('history joined to the live feed', () => {
  it('shows what the feed brought while the history travelled, once, after the history, then every later entry', async () => {
    const feed = fakeFeed();
    let answer!: (entries: JournalEntry[]) => void;
    const shown: string[] = [];
    const joined = historyThenLive(feed, () => new Promise((r) => (answer = r)), (past) => past.forEach((e) => shown.push(`past ${e.id}`)), (e) => shown.push(`live ${e.id}`));
    // 3 is made and sent on the feed while the history is asked for; the history taken after it holds it, 4 not.
    feed.emit(entry('3'));
    feed.emit(entry('4'));
    answer([entry('1'), entry('2'), entry('3')]);
    const off = await joined;
    feed.emit(entry('5'));
    // The feed's socket may bring an entry after the history that holds it: not shown twice.
    feed.emit(entry('2'));
    expect(shown).toEqual(['past 1', 'past 2', 'past 3', 'live 4', 'live 5']);
    off();
    expect(feed.listeners()).toBe(0);
  });

  it('unsubscribes and keeps nothing when the history cannot be loaded', async () => {
    const feed = fakeFeed();
    const joined = historyThenLive(feed, () => Promise.reject(new Error('offline')), () => undefined, () => undefined);
    feed.emit(entry('1'));
    await expect(joined).rejects.toThrow('offline');
    expect(feed.listeners()).toBe(0);
  });
});
