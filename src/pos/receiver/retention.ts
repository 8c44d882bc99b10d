// The receiver's own retention: at most a bound of filed referrals, oldest cancelled first, with their pending timers.
import { removeOldestBeyond, type Store } from '../../store/index.js';
import { COLLECTIONS, HISTORY_KEEP, type ReceivedReferral } from './model.js';
import type { ReferralTimers } from './referral-timers.js';

/**
 * Referrals the reference POS keeps; the same order as `bounds.receiverMessages` (1,000) for its registry messages:
 * plenty for a scenario run or a demo day, small enough that `GET /referrals` stays a readable answer.
 */
export const REFERRAL_KEEP = 1_000;

/** What the receiver's referrals hold against their bounds, for /admin/health (a count, no copies). */
export const receiverReferralBounds = (store: Store) => ({ kept: store.count(COLLECTIONS.referrals), max: REFERRAL_KEEP, eventsAndSendsEach: HISTORY_KEEP });

/**
 * Once more than `keep` referrals are filed, forgets the oldest (cancelled ones first: Ocean revoked them, so nothing
 * more will happen to them) and cancels their timers.
 */
export function forgetOldReferrals(store: Store, timers: ReferralTimers, keep: number): void {
  for (const r of removeOldestBeyond<ReceivedReferral>(store, COLLECTIONS.referrals, keep, { keyOf: (r) => r.ref, prefer: (r) => r.state === 'cancelled' })) timers.cancel(r.ref);
  timers.sweep((ref) => store.view(COLLECTIONS.referrals, ref) !== undefined, keep);
}
