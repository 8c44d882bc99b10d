// Demo mode's referral panel: the latest referral with the sending site's Sent folders and the receiving site's Received folders.
import { get } from './api.js';
import { h, table } from './dom.js';
import { personName } from './fhir-view.js';
import { folderButtons, loadPlaced } from './folders.js';
import { RECEIVED_FOLDERS, SENT_FOLDERS, type OceanListing, type OceanSite, type ReferralSummary, type ReferralView } from './ocean-types.js';
import { when } from './page.js';

export interface Directory {
  sites: ReadonlyMap<string, OceanSite>;
  listings: ReadonlyMap<string, OceanListing>;
}

/** Reads the sites and listings once per page. */
export async function loadDirectory(): Promise<Directory> {
  const [sites, listings] = await Promise.all([get<OceanSite[]>('/admin/ocean/sites'), get<OceanListing[]>('/admin/ocean/listings')]);
  return { sites: new Map(sites.map((s) => [s.siteNum, s])), listings: new Map(listings.map((l) => [l.ref, l])) };
}

/** The newest referral as the trainer shows it: state, both portals' folders with counts, the last events. */
export async function referralPanel(dir: Directory, go: (hash: string) => void): Promise<HTMLElement> {
  const list = await get<ReferralSummary[]>('/admin/ocean/referrals').catch(() => []);
  const last = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (!last) return h('p', { class: 'muted', id: 'demo-referral' }, 'No referral yet. The folders appear once the scenario sends one.');
  const r = await get<ReferralView>(`/admin/ocean/referrals/${encodeURIComponent(last.ref)}`);
  const receiverSite = r.receivers.at(-1)?.siteNum ?? '';
  const [sent, received] = await Promise.all([loadPlaced(r.senderSiteNum, dir.listings), loadPlaced(receiverSite, dir.listings)]);
  const site = (n: string) => dir.sites.get(n)?.name ?? n;
  const open = (siteNum: string) => (side: string, folder: string) => go(`#/ocean?site=${encodeURIComponent(siteNum)}&folder=${encodeURIComponent(`${side}:${folder}`)}`);
  const appointment = r.appointments.at(-1);
  return h(
    'div',
    { id: 'demo-referral', 'data-ref': r.ref },
    h(
      'p',
      {},
      h('a', { href: `#/referral/${encodeURIComponent(r.ref)}` }, personName(r.patient.name) || r.ref),
      ' · ',
      h('strong', { class: 'demo-state', id: 'demo-referral-state' }, r.state),
      ` · to ${dir.listings.get(r.receivers.at(-1)?.listingRef ?? '')?.title ?? r.receivers.at(-1)?.listingRef ?? ''}`,
      appointment && typeof appointment.start === 'string' ? ` · appointment ${when(appointment.start)}` : '',
    ),
    h('h4', {}, `Sending site · ${site(r.senderSiteNum)}`),
    folderButtons('sent', SENT_FOLDERS, sent, `sent:${r.folders.sent}`, open(r.senderSiteNum), 'demo-'),
    h('h4', {}, `Receiving site · ${site(receiverSite)}`),
    folderButtons('received', RECEIVED_FOLDERS, received, `received:${r.folders.received}`, open(receiverSite), 'demo-'),
    h('h4', {}, 'Event log (latest)'),
    table(['At', 'Event', 'Detail'], r.events.slice(-6).reverse().map((e) => [h('span', { class: 'nowrap' }, when(e.at)), e.kind, e.text]), { id: 'demo-events' }),
  );
}
