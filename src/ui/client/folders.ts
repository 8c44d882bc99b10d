// The portal's folder logic for one site: which Sent/Received folder each referral shows in, and the folder buttons with counts.
import { get, qs } from './api.js';
import { h } from './dom.js';
import { RECEIVED_ALL, SENT_ALL, type OceanListing, type ReferralSummary } from './ocean-types.js';

export const FORWARDED = 'Forwarded (All)';

export interface Placed {
  r: ReferralSummary;
  side: 'sent' | 'received';
  folder: string;
}

/**
 * Where each referral shows for this site: its sender side, its current receiver side, or Forwarded. The admin
 * list for a site holds only referrals it sent or received at some hop, so one it neither sent nor holds now is
 * one it forwarded (the summary does not list earlier hops).
 */
export function place(site: string, list: ReferralSummary[], listings: ReadonlyMap<string, OceanListing>): Placed[] {
  const out: Placed[] = [];
  for (const r of list) {
    if (r.sender === site) out.push({ r, side: 'sent', folder: r.folder.sent });
    if (listings.get(r.receiver)?.siteNum === site) out.push({ r, side: 'received', folder: r.folder.received });
    else if (r.sender !== site) out.push({ r, side: 'received', folder: FORWARDED });
  }
  return out;
}

/** The "(All)" folders hold every referral of their side (Received (All) without the forwarded ones). */
export const inFolder = (p: Placed, side: string, folder: string): boolean =>
  p.side === side && (folder === SENT_ALL || (folder === RECEIVED_ALL ? p.folder !== FORWARDED : p.folder === folder));

/** The referrals of a site, placed in its folders. */
export async function loadPlaced(site: string, listings: ReadonlyMap<string, OceanListing>): Promise<Placed[]> {
  return place(site, await get<ReferralSummary[]>(`/admin/ocean/referrals${qs({ site })}`), listings);
}

/** One side's folder buttons with their counts (`data-folder`, `data-count` for tests and styling). */
export function folderButtons(side: 'sent' | 'received', names: string[], placed: Placed[], current: string, go: (side: string, folder: string) => void, idPrefix = ''): HTMLElement {
  return h(
    'div',
    { class: 'folders', id: `${idPrefix}${side}-folders` },
    names.map((name) => {
      const n = placed.filter((p) => inFolder(p, side, name)).length;
      return h('button', { type: 'button', class: `folder ${current === `${side}:${name}` ? 'active' : ''} ${n ? '' : 'empty'}`, 'data-folder': name, 'data-count': n, onclick: () => go(side, name) }, name, h('span', { class: 'n' }, String(n)));
    }),
  );
}
