// Noticing state changes the journal does not show (snapshot restore, reset, Back in demo mode, CLI admin calls).
import { get } from './api.js';
import type { Health } from './types.js';

export interface StateWatch {
  /** Calls `fn` when the sandbox's state changed without a journal entry; returns the unsubscribe function. */
  onChange(fn: () => void): () => void;
  /** Tells this window and every other dashboard window that this window just changed the state. */
  announce(): void;
}

/**
 * Two sources: a BroadcastChannel between dashboard windows of this origin (immediate), and a light poll of
 * /admin/health whose store counts and clock move on any change made elsewhere (the CLI, another browser).
 */
export function createStateWatch(everyMs = 4000): StateWatch {
  const listeners = new Set<() => void>();
  const fire = () => {
    for (const fn of listeners) fn();
  };
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('hie-sandbox-state') : undefined;
  channel?.addEventListener('message', fire);
  let last: string | undefined;
  const poll = async () => {
    const health = await get<Health>('/admin/health').catch(() => undefined);
    if (!health) return;
    const print = JSON.stringify([health.counts.store, health.clock.now]);
    if (last !== undefined && print !== last) fire();
    last = print;
  };
  void poll();
  setInterval(() => void poll(), everyMs);
  return {
    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    announce() {
      channel?.postMessage('changed');
      void poll();
    },
  };
}
