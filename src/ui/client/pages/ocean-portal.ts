// Ocean portal per site: Sent and Received folders with counts, the referrals of a folder, and a new referral (Ocean as sender).
import { get, post, qs } from '../api.js';
import { field, h, replace, select, table } from '../dom.js';
import { RECEIVED_FOLDERS, SENT_FOLDERS, type OceanListing, type OceanSite, type ReferralSummary } from '../ocean-types.js';
import { act, refreshOnActivity, section, when, type Page, type PageContext } from '../page.js';

interface Placed {
  r: ReferralSummary;
  side: 'sent' | 'received';
  folder: string;
}

/** Where each referral shows for this site: its sender side, its current receiver side, or Forwarded. */
function place(site: string, list: ReferralSummary[], listings: Map<string, OceanListing>): Placed[] {
  const out: Placed[] = [];
  for (const r of list) {
    if (r.sender === site) out.push({ r, side: 'sent', folder: r.folder.sent });
    if (listings.get(r.receiver)?.siteNum === site) out.push({ r, side: 'received', folder: r.folder.received });
    else if (r.sender !== site) out.push({ r, side: 'received', folder: 'Forwarded (All)' });
  }
  return out;
}

function folderButtons(side: 'sent' | 'received', names: string[], placed: Placed[], current: string, go: (side: string, folder: string) => void): HTMLElement {
  const mine = placed.filter((p) => p.side === side);
  return h(
    'div',
    { class: 'folders', id: `${side}-folders` },
    names.map((name) => {
      const n = side === 'sent' && name === 'Sent (All)' ? mine.length : mine.filter((p) => p.folder === name).length;
      return h('button', { type: 'button', class: `folder ${current === `${side}:${name}` ? 'active' : ''}`, 'data-folder': name, 'data-count': n, onclick: () => go(side, name) }, name, h('span', { class: 'n' }, String(n)));
    }),
  );
}

async function render(ctx: PageContext): Promise<void> {
  const sites = await get<OceanSite[]>('/admin/ocean/sites');
  const site = ctx.params.get('site') ?? sites[0]?.siteNum ?? '';
  const current = ctx.params.get('folder') ?? 'received:New';
  const siteSelect = select('site', sites.map((s) => [s.siteNum, `${s.siteNum} · ${s.name}`]), site);
  siteSelect.addEventListener('change', () => ctx.go(`#/ocean${qs({ site: siteSelect.value })}`));
  const go = (side: string, folder: string) => ctx.go(`#/ocean${qs({ site, folder: `${side}:${folder}` })}`);
  const sent = h('div', {});
  const received = h('div', {});
  const list = h('div', { id: 'folder-list' });
  const listings = new Map((await get<OceanListing[]>('/admin/ocean/listings')).map((l) => [l.ref, l]));

  const load = async () => {
    const refs = await get<ReferralSummary[]>(`/admin/ocean/referrals${qs({ site })}`);
    const placed = place(site, refs, listings);
    replace(sent, folderButtons('sent', SENT_FOLDERS, placed, current, go));
    replace(received, folderButtons('received', RECEIVED_FOLDERS, placed, current, go));
    const [side, ...rest] = current.split(':');
    const folder = rest.join(':');
    const shown = placed.filter((p) => p.side === side && (folder === 'Sent (All)' || p.folder === folder));
    replace(
      list,
      h('h3', {}, `${side === 'sent' ? 'Sent' : 'Received'} · ${folder}`),
      table(
        ['Referral', 'Created', 'From site', 'To listing', 'Sent folder', 'Received folder'],
        shown.map((p) => [h('a', { href: `#/referral/${encodeURIComponent(p.r.ref)}` }, p.r.ref), when(p.r.createdAt), p.r.sender, listings.get(p.r.receiver)?.title ?? p.r.receiver, p.r.folder.sent, p.r.folder.received]),
        { class: 'referrals' },
      ),
    );
  };

  const listing = select('listingRef', [...listings.values()].filter((l) => l.acceptsReferrals && l.siteNum !== site).map((l) => [l.ref, `${l.title} (${l.city})`]));
  const phn = h('input', { name: 'phn', placeholder: 'patient PHN from the population', required: true });
  const reason = h('input', { name: 'reason', placeholder: 'Reason for referral', value: 'Please assess' });
  const form = h('form', { class: 'inline', id: 'new-referral' }, field('To listing', listing), field('PHN', phn), field('Reason', reason), h('button', { type: 'submit' }, 'Send referral'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void act(ctx, 'Referral sent', () => post('/admin/ocean/referrals', { siteNum: site, listingRef: listing.value, phn: phn.value.trim(), reason: reason.value })).then(load);
  });

  replace(
    ctx.root,
    h('h1', {}, 'Ocean portal'),
    h('div', { class: 'filters' }, field('Site', siteSelect)),
    h('div', { class: 'grid2' }, section('Sent', sent), section('Received', received)),
    section('Referrals', list),
    section('New referral from this site (Ocean as sender)', form),
  );
  await load();
  refreshOnActivity(ctx, load);
}

export const oceanPortalPage: Page = { path: 'ocean', title: 'Portal folders', group: 'Ocean', render };
