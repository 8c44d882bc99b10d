// The clock timers each filed referral still has pending, so a referral the receiver forgets takes its timers with it.
import type { Clock, ClockTimer } from '../../clock/index.js';

export interface ReferralTimers {
  /** Runs `fn` at `at` for referral `ref`; a timer that has fired is no longer held. */
  schedule(ref: string, at: number, fn: () => unknown): void;
  /** Cancels every timer still pending for `ref`. */
  cancel(ref: string): void;
  /**
   * Cancels the timers of referrals the store no longer holds (a reset or a snapshot restore forgets referrals
   * behind the receiver's back), once more than `keep` referrals hold timers: a manual clock never fires them.
   */
  sweep(filed: (ref: string) => boolean, keep: number): void;
}

export function createReferralTimers(clock: Clock): ReferralTimers {
  const byRef = new Map<string, Set<ClockTimer>>();
  const cancel = (ref: string) => {
    for (const t of byRef.get(ref) ?? []) clock.cancel(t);
    byRef.delete(ref);
  };
  return {
    schedule(ref, at, fn) {
      const held = byRef.get(ref) ?? new Set<ClockTimer>();
      byRef.set(ref, held);
      const timer: ClockTimer = clock.schedule(at, () => {
        held.delete(timer);
        if (!held.size && byRef.get(ref) === held) byRef.delete(ref);
        return fn();
      });
      held.add(timer);
    },
    cancel,
    sweep(filed, keep) {
      if (byRef.size <= keep) return;
      for (const ref of [...byRef.keys()]) if (!filed(ref)) cancel(ref);
    },
  };
}
