// Delivered and dead messages are kept for a retention period (simulated time) and up to a count, then pruned.
import { formatDuration, type Clock } from '../clock/index.js';
import type { Store } from '../store/index.js';
import type { DeliveryCounts, DeliveryMessage } from './types.js';

const COLLECTION = 'deliveries';
const PRUNED = 'deliveries.pruned';

/** Prune at most once per this many settled messages or this much simulated time. */
const EVERY_SETTLED = 100;
const EVERY_MS = 60_000;

export function createRetention(store: Store, clock: Clock, bounds: { retentionMs: number; keep: number }) {
  let settledSince = 0;
  let lastPrune = clock.now();

  const pruned = () => store.view<{ delivered: number; dead: number }>('meta', PRUNED) ?? { delivered: 0, dead: 0 };

  /** Removes settled messages older than the retention period, then the oldest beyond `keep`. O(queue), run seldom. */
  function prune(): void {
    settledSince = 0;
    lastPrune = clock.now();
    const cutoff = clock.now() - bounds.retentionMs;
    let settled = 0;
    for (const m of store.values<DeliveryMessage>(COLLECTION)) if (m.state !== 'pending') settled += 1;
    let excess = settled - bounds.keep;
    const victims: Array<Readonly<DeliveryMessage>> = [];
    for (const m of store.values<DeliveryMessage>(COLLECTION)) {
      if (m.state === 'pending') continue;
      const at = Date.parse(m.deliveredAt ?? m.deadAt ?? m.createdAt);
      if (excess > 0 || at < cutoff) {
        victims.push(m);
        excess -= 1;
      }
    }
    if (!victims.length) return;
    const totals = { ...pruned() };
    for (const m of victims) {
      store.remove(COLLECTION, m.id);
      totals[m.state === 'dead' ? 'dead' : 'delivered'] += 1;
    }
    store.put('meta', PRUNED, totals);
  }

  return {
    /** A message reached delivered or dead. */
    settled(): void {
      settledSince += 1;
      if (settledSince >= EVERY_SETTLED || clock.now() - lastPrune >= EVERY_MS) prune();
    },
    prune,
    counts(): DeliveryCounts {
      const c = { pending: 0, delivered: 0, dead: 0 };
      for (const m of store.values<DeliveryMessage>(COLLECTION)) c[m.state] += 1;
      return { ...c, pruned: { ...pruned() }, retention: { keptFor: formatDuration(bounds.retentionMs), keep: bounds.keep } };
    },
  };
}
