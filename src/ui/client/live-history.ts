// A page's history of journal entries joined to the live feed without a gap: subscribed before the history is
// asked for, so an entry made while the history travels is neither lost nor shown twice.
import type { LiveFeed } from './live.js';
import type { JournalEntry } from './types.js';

/**
 * Subscribes to `feed` at once, then loads `history` and hands it to `onHistory`; every entry the feed brings that
 * the history does not hold (while the history travelled, or later: the feed's socket may deliver an entry after
 * the history that already holds it) goes to `onLive`, in the order it came. Only the history's ids are kept for
 * that check, so a long-open page holds nothing per live entry. Returns the unsubscribe function.
 */
export async function historyThenLive(
  feed: LiveFeed,
  history: () => Promise<JournalEntry[]>,
  onHistory: (entries: JournalEntry[]) => void,
  onLive: (entry: JournalEntry) => void,
): Promise<() => void> {
  const early: JournalEntry[] = [];
  let known: Set<string> | undefined;
  const off = feed.onEntry((e) => {
    if (!known) early.push(e);
    else if (!known.has(e.id)) onLive(e);
  });
  let past: JournalEntry[];
  try {
    past = await history();
  } catch (err) {
    off();
    throw err;
  }
  known = new Set(past.map((e) => e.id));
  onHistory(past);
  for (const e of early.splice(0)) if (!known.has(e.id)) onLive(e);
  return off;
}
