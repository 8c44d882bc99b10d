// Our own retention (the real Ocean keeps referrals): at most `bounds.oceanReferrals` referrals, oldest settled first.
import { oldestBeyond, type Store } from '../../store/index.js';
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
  const byCount = oldestBeyond<Referral>(store, COLLECTIONS.referrals, config.bounds.oceanReferrals, { keyOf: (r) => r.ref, prefer: (r) => SETTLED.has(r.state) });
  const victims = [...byCount, ...beyondAttachmentBytes(ctx, new Set(byCount.map((r) => r.ref)))];
  if (!victims.length) return 0;
  for (const r of victims) ctx.repo.removeReferral(r);
  store.put(META, PRUNED, { count: prunedReferrals(ctx) + victims.length });
  return victims.length;
}

/** Bytes of attachment data kept in all, and by referral (views of the stored values: nothing is copied). */
function attachmentBytesOf(store: Store): { total: number; byRef: Map<string, number> } {
  let total = 0;
  const byRef = new Map<string, number>();
  for (const a of store.values<{ data?: string; ref?: string }>(COLLECTIONS.attachments)) {
    const n = a.data?.length ?? 0;
    total += n;
    if (a.ref !== undefined) byRef.set(a.ref, (byRef.get(a.ref) ?? 0) + n);
  }
  return { total, byRef };
}

/** What `counts.bounds` shows of the attachment bound. */
export function attachmentBytes(store: Store, max: number): { kept: number; max: number } {
  return { kept: attachmentBytesOf(store).total, max };
}

/**
 * The referrals to forget so that the attachments kept fit `bounds.oceanAttachmentBytes`: the oldest with
 * attachments, settled ones first, never the newest (the one just made). `taken` are already going.
 */
function beyondAttachmentBytes(ctx: OceanContext, taken: ReadonlySet<string>): Readonly<Referral>[] {
  const { store, config } = ctx.deps;
  const { total, byRef } = attachmentBytesOf(store);
  let over = total - config.bounds.oceanAttachmentBytes;
  for (const ref of taken) over -= byRef.get(ref) ?? 0;
  if (over <= 0) return [];
  let newest: string | undefined;
  for (const r of store.values<Referral>(COLLECTIONS.referrals)) newest = r.ref;
  const victims: Readonly<Referral>[] = [];
  const chosen = new Set(taken);
  const take = (accept: (r: Readonly<Referral>) => boolean) => {
    for (const r of store.values<Referral>(COLLECTIONS.referrals)) {
      if (over <= 0) return;
      const bytes = byRef.get(r.ref) ?? 0;
      if (!bytes || r.ref === newest || chosen.has(r.ref) || !accept(r)) continue;
      chosen.add(r.ref);
      victims.push(r);
      over -= bytes;
    }
  };
  take((r) => SETTLED.has(r.state));
  take(() => true);
  return victims;
}

/** How many referrals retention has forgotten since the last reset. */
export function prunedReferrals(ctx: OceanContext): number {
  return ctx.deps.store.view<{ count: number }>(META, PRUNED)?.count ?? 0;
}
