// The live journal feed over the WebSocket at /admin/events, reconnecting, fanned out to the open page.
import type { JournalEntry } from './types.js';

export type FeedState = 'connecting' | 'live' | 'offline';

export interface LiveFeed {
  /** Calls `fn` for every new journal entry; returns the unsubscribe function. */
  onEntry(fn: (e: JournalEntry) => void): () => void;
  onState(fn: (s: FeedState) => void): () => void;
  state(): FeedState;
}

/** Opens the feed on this origin; retries with a capped back-off when the socket drops. */
export function createLiveFeed(): LiveFeed {
  const entries = new Set<(e: JournalEntry) => void>();
  const states = new Set<(s: FeedState) => void>();
  let current: FeedState = 'connecting';
  let delay = 500;
  const setState = (s: FeedState) => {
    current = s;
    for (const fn of states) fn(s);
  };
  const connect = () => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/admin/events`);
    ws.addEventListener('open', () => {
      delay = 500;
      setState('live');
    });
    ws.addEventListener('message', (ev: MessageEvent<string>) => {
      let msg: { type?: string; entry?: JournalEntry };
      try {
        msg = JSON.parse(ev.data) as typeof msg;
      } catch {
        return;
      }
      if (msg.type === 'journal' && msg.entry) for (const fn of entries) fn(msg.entry);
    });
    ws.addEventListener('close', () => {
      setState('offline');
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10_000);
    });
  };
  connect();
  return {
    onEntry(fn) {
      entries.add(fn);
      return () => entries.delete(fn);
    },
    onState(fn) {
      states.add(fn);
      return () => states.delete(fn);
    },
    state: () => current,
  };
}
