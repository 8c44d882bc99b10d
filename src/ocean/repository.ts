// Typed access to Ocean's store collections (ocean.*): the only file that names them.
import { randomUUID } from 'node:crypto';
import { newestOf, newestWithin, type Store } from '../store/index.js';
import type { OceanIntegration, OceanListing, OceanSite, Referral, ReferralEvent } from './model.js';

export const COLLECTIONS = {
  sites: 'ocean.sites',
  listings: 'ocean.listings',
  integrations: 'ocean.integrations',
  referrals: 'ocean.referrals',
  /** Events stored one record each, by data files written before the per-referral log (read, never written). */
  events: 'ocean.events',
  /** One record per referral: its Event Log, oldest first (a lookup by key, never a scan of every event). */
  eventLog: 'ocean.event-log',
  attachments: 'ocean.attachments',
} as const;

export interface OceanRepository {
  site(siteNum: string): OceanSite | undefined;
  /** The stored site itself, frozen: no copy, for reading on every request. */
  siteView(siteNum: string): Readonly<OceanSite> | undefined;
  siteByClientId(clientId: string): OceanSite | undefined;
  sites(): OceanSite[];
  putSite(site: OceanSite): OceanSite;
  listing(ref: string): OceanListing | undefined;
  listings(): OceanListing[];
  putListing(listing: OceanListing): OceanListing;
  integration(id: string): OceanIntegration | undefined;
  integrations(siteNum?: string): OceanIntegration[];
  putIntegration(i: OceanIntegration): OceanIntegration;
  removeIntegration(id: string): boolean;
  referral(ref: string): Referral | undefined;
  referrals(): Referral[];
  putReferral(r: Referral): Referral;
  referralCount(): number;
  /** Forgets a referral with its Event Log and attachment data (retention; see referrals/retention.ts). */
  removeReferral(r: Readonly<Referral>): void;
  attachmentData(id: string): string | undefined;
  putAttachmentData(id: string, base64: string, ref: string): void;
  /** The referral an attachment belongs to: by key (older data files without the key: a scan without copies). */
  referralWithAttachment(id: string): Referral | undefined;
  events(ref: string): ReferralEvent[];
  addEvent(e: Omit<ReferralEvent, 'id' | 'seq'>): ReferralEvent;
}

interface EventLog {
  events: ReferralEvent[];
}

/** What one referral keeps at most: every write stores the whole referral (and its log), so what grows without a bound makes each later write larger. */
export interface ReferralBounds {
  /** Events in its Event Log. */
  events: number;
  /** Communications, appointments and forwards, each. */
  items: number;
  /** Bytes (JSON text) of its communications, and of its appointments, each; the newest is always kept. */
  itemBytes: number;
}

export function createOceanRepository(store: Store, bounds: ReferralBounds = { events: Infinity, items: Infinity, itemBytes: Infinity }): OceanRepository {
  const c = COLLECTIONS;
  const eventsOf = (ref: string): ReferralEvent[] => {
    const legacy = store.count(c.events) ? store.find<ReferralEvent>(c.events, (e) => e.ref === ref) : [];
    return [...legacy, ...(store.get<EventLog>(c.eventLog, ref)?.events ?? [])].sort((a, b) => a.seq - b.seq);
  };
  return {
    site: (n) => store.get<OceanSite>(c.sites, n),
    siteView: (n) => store.view<OceanSite>(c.sites, n),
    siteByClientId: (id) => store.find<OceanSite>(c.sites, (s) => s.clientId === id)[0],
    sites: () => store.list<OceanSite>(c.sites).sort((a, b) => a.siteNum.localeCompare(b.siteNum)),
    putSite: (s) => store.put(c.sites, s.siteNum, s),
    listing: (ref) => store.get<OceanListing>(c.listings, ref),
    listings: () => store.list<OceanListing>(c.listings).sort((a, b) => a.ref.localeCompare(b.ref)),
    putListing: (l) => store.put(c.listings, l.ref, l),
    integration: (id) => store.get<OceanIntegration>(c.integrations, id),
    integrations: (siteNum) =>
      store
        .find<OceanIntegration>(c.integrations, (i) => !siteNum || i.siteNum === siteNum)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    putIntegration: (i) => store.put(c.integrations, i.id, i),
    removeIntegration: (id) => store.remove(c.integrations, id),
    referral: (ref) => store.get<Referral>(c.referrals, ref),
    referrals: () => store.list<Referral>(c.referrals).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    putReferral: (r) =>
      store.put(c.referrals, r.ref, {
        ...r,
        communications: newestWithin(newestOf(r.communications, bounds.items), bounds.itemBytes),
        appointments: newestWithin(newestOf(r.appointments, bounds.items), bounds.itemBytes),
        receivers: newestOf(r.receivers, bounds.items),
      }),
    referralCount: () => store.count(c.referrals),
    removeReferral(r) {
      store.remove(c.referrals, r.ref);
      store.remove(c.eventLog, r.ref);
      for (const a of r.attachments) store.remove(c.attachments, a.id);
    },
    attachmentData: (id) => store.get<{ data: string }>(c.attachments, id)?.data,
    putAttachmentData: (id, data, ref) => void store.put(c.attachments, id, { data, ref }),
    referralWithAttachment(id) {
      const owns = (r: Readonly<Referral> | undefined) => r?.attachments.some((a) => a.id === id) === true;
      const ref = store.view<{ ref?: string }>(c.attachments, id)?.ref;
      if (ref !== undefined) return owns(store.view<Referral>(c.referrals, ref)) ? store.get<Referral>(c.referrals, ref) : undefined;
      for (const r of store.values<Referral>(c.referrals)) if (owns(r)) return store.get<Referral>(c.referrals, r.ref);
      return undefined;
    },
    events: (ref) => eventsOf(ref),
    addEvent(e) {
      const before = eventsOf(e.ref);
      const event: ReferralEvent = { id: randomUUID(), seq: (before[before.length - 1]?.seq ?? 0) + 1, ...e };
      const log = store.get<EventLog>(c.eventLog, e.ref)?.events ?? [];
      store.put<EventLog>(c.eventLog, e.ref, { events: newestOf([...log, event], bounds.events) });
      return event;
    },
  };
}
