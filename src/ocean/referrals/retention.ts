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
 * Once more than the bounds are kept (referrals, attachment bytes, referral record bytes), forgets the oldest
 * referrals (settled ones first) with their Event Logs and attachments, and counts them; never the newest, nor
 * `written` (the referral a request has just changed). Deliveries already queued for them still go (they have
 * their own retention).
 */
export function pruneReferrals(ctx: OceanContext, written?: string): number {
  const { store, config } = ctx.deps;
  const byCount = oldestBeyond<Referral>(store, COLLECTIONS.referrals, config.bounds.oceanReferrals, { keyOf: (r) => r.ref, prefer: (r) => SETTLED.has(r.state) });
  const taken = new Set(byCount.map((r) => r.ref));
  // The totals are the store's (kept current by each write); the bytes per referral, and the newest referral, are
  // looked for only when a total is over its bound (this runs after every write to a referral).
  const kept = () => new Set([newestRef(store), written].filter((ref): ref is string => ref !== undefined));
  const beyond = (collection: string, max: number, refOf: (id: string, value: Readonly<{ ref?: string }>) => string | undefined) =>
    store.bytes(collection) > max ? beyondBytes(store, bytesByReferral(store, collection, refOf), max, taken, kept()) : [];
  const byAttachments = beyond(COLLECTIONS.attachments, config.bounds.oceanAttachmentBytes, (_, a) => a.ref);
  for (const r of byAttachments) taken.add(r.ref);
  const byRecords = beyond(COLLECTIONS.referrals, config.bounds.oceanReferralBytes, (ref) => ref);
  const victims = [...byCount, ...byAttachments, ...byRecords];
  if (!victims.length) return 0;
  for (const r of victims) ctx.repo.removeReferral(r);
  store.put(META, PRUNED, { count: prunedReferrals(ctx) + victims.length });
  return victims.length;
}

interface BytesByRef {
  total: number;
  byRef: Map<string, number>;
}

/**
 * The bytes of a collection (its values' JSON text, as the store measured them), in all and by the referral each
 * value belongs to: a referral record is keyed by its ref, an attachment names its referral.
 */
function bytesByReferral(store: Store, collection: string, refOf: (id: string, value: Readonly<{ ref?: string }>) => string | undefined): BytesByRef {
  const byRef = new Map<string, number>();
  for (const [id, value] of store.entries<{ ref?: string }>(collection)) {
    const ref = refOf(id, value);
    if (ref !== undefined) byRef.set(ref, (byRef.get(ref) ?? 0) + store.bytes(collection, id));
  }
  return { total: store.bytes(collection), byRef };
}

/** What `counts.bounds` shows of the byte bounds. */
export function referralBytes(store: Store, bounds: { oceanAttachmentBytes: number; oceanReferralBytes: number }): { attachmentBytes: { kept: number; max: number }; referralBytes: { kept: number; max: number } } {
  return { attachmentBytes: { kept: store.bytes(COLLECTIONS.attachments), max: bounds.oceanAttachmentBytes }, referralBytes: { kept: store.bytes(COLLECTIONS.referrals), max: bounds.oceanReferralBytes } };
}

function newestRef(store: Store): string | undefined {
  let newest: string | undefined;
  for (const r of store.values<Referral>(COLLECTIONS.referrals)) newest = r.ref;
  return newest;
}

/**
 * The referrals to forget so that what `bytes` counts fits `max`: the oldest that hold any, settled ones first,
 * never one of `kept`. `taken` are already going.
 */
function beyondBytes(store: Store, bytes: BytesByRef, max: number, taken: ReadonlySet<string>, kept: ReadonlySet<string>): Readonly<Referral>[] {
  let over = bytes.total - max;
  for (const ref of taken) over -= bytes.byRef.get(ref) ?? 0;
  if (over <= 0) return [];
  const victims: Readonly<Referral>[] = [];
  const chosen = new Set(taken);
  const take = (accept: (r: Readonly<Referral>) => boolean) => {
    for (const r of store.values<Referral>(COLLECTIONS.referrals)) {
      if (over <= 0) return;
      const n = bytes.byRef.get(r.ref) ?? 0;
      if (!n || kept.has(r.ref) || chosen.has(r.ref) || !accept(r)) continue;
      chosen.add(r.ref);
      victims.push(r);
      over -= n;
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
