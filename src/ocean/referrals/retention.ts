// Our own retention (the real Ocean keeps referrals): at most `bounds.oceanReferrals` referrals, oldest settled first.
import { oldestBeyond } from '../../store/index.js';
import type { ReferralState } from '../codes.js';
import type { OceanContext } from '../context.js';
import { COLLECTIONS } from '../repository.js';
import type { Referral } from '../model.js';

/** Folders a referral leaves no more (nothing else will happen to it unless someone reopens it). */
const SETTLED: ReadonlySet<ReferralState> = new Set(['declined', 'cancelled', 'completed']);
const META = 'meta';
const PRUNED = 'ocean.referrals.pruned';

/**
 * Once more than the bound are kept, forgets the oldest referrals (settled ones first) with their Event Logs and
 * attachments, and counts them. Deliveries already queued for them still go (they have their own retention).
 */
export function pruneReferrals(ctx: OceanContext): number {
  const { store, config } = ctx.deps;
  const victims = oldestBeyond<Referral>(store, COLLECTIONS.referrals, config.bounds.oceanReferrals, { keyOf: (r) => r.ref, prefer: (r) => SETTLED.has(r.state) });
  if (!victims.length) return 0;
  for (const r of victims) ctx.repo.removeReferral(r);
  store.put(META, PRUNED, { count: prunedReferrals(ctx) + victims.length });
  return victims.length;
}

/** How many referrals retention has forgotten since the last reset. */
export function prunedReferrals(ctx: OceanContext): number {
  return ctx.deps.store.view<{ count: number }>(META, PRUNED)?.count ?? 0;
}
